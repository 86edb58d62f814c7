/*
 * sched.h — POSIX scheduling (mirrors Solaris <sched.h>): the policies SCHED_OTHER (the TS class),
 * SCHED_FIFO and SCHED_RR (the RT class, with an infinite or a finite quantum), struct
 * sched_param, the sched_*() calls built on priocntl(2), and sched_yield() on the yield trap (146).
 * Priority ranges: SCHED_OTHER -60..60 (TS user priorities), SCHED_FIFO/SCHED_RR 0..59.
 */
#ifndef _SCHED_H
#define _SCHED_H

#include <sys/types.h>
#include <time.h>

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_SYS 3
#define SCHED_IA 4
#define SCHED_FSS 5
#define SCHED_FX 6

struct sched_param {
	int sched_priority;
	int sched_nicelim;
	int sched_nice;
	int sched_pad[6];
};

/* The calls return 0 (sched_getscheduler: the policy; sched_setscheduler: the old policy), or -1
 * with errno: EINVAL (bad policy, priority or pid), ESRCH (no such process), EPERM, EFAULT. */
int sched_getscheduler(pid_t pid);
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_setparam(pid_t pid, const struct sched_param *param);
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);
int sched_rr_get_interval(pid_t pid, struct timespec *interval);

/* sched_yield(): gives up the CPU; always 0. */
int sched_yield(void);
/* yield(): the Solaris name of the same call. */
void yield(void);

#endif
