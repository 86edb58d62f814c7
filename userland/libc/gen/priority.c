/*
 * priority.c — getpriority, setpriority and nice on the TS class's user priority (the effect of
 * Solaris's ts_donice, own code): a nice value n (-20..19 relative to NZERO 20) is the TS user
 * priority -3n (60 for -20, -57 for 19), read and written with sched_getparam/sched_setscheduler
 * (priocntl). Only PRIO_PROCESS selects anything (PRIO_PGRP and PRIO_USER: EINVAL); a process
 * in another class has nice 0 and cannot be changed here (EINVAL). No credentials: anyone may
 * lower a nice value.
 */
#include <sys/resource.h>
#include <sched.h>
#include <unistd.h>
#include <errno.h>

static int nice_of(pid_t pid, int *n)
{
	struct sched_param sp;
	int pol = sched_getscheduler(pid);

	if (pol < 0 || sched_getparam(pid, &sp) < 0)
		return -1;
	if (pol != SCHED_OTHER) {
		*n = 0;
		return 0;
	}
	*n = -sp.sched_priority / 3;
	if (*n > NZERO - 1)
		*n = NZERO - 1;
	return 0;
}

static int set_nice(pid_t pid, int n)
{
	struct sched_param sp;

	if (n < -NZERO)
		n = -NZERO;
	if (n > NZERO - 1)
		n = NZERO - 1;
	if (sched_getscheduler(pid) != SCHED_OTHER) {
		if (errno != ESRCH)
			errno = EINVAL;
		return -1;
	}
	sp.sched_priority = -3 * n;
	return sched_setscheduler(pid, SCHED_OTHER, &sp) < 0 ? -1 : 0;
}

int getpriority(int which, id_t who)
{
	int n;

	if (which != PRIO_PROCESS) {
		errno = EINVAL;
		return -1;
	}
	if (nice_of((pid_t)who, &n) < 0)
		return -1;
	return n;
}

int setpriority(int which, id_t who, int prio)
{
	if (which != PRIO_PROCESS) {
		errno = EINVAL;
		return -1;
	}
	return set_nice((pid_t)who, prio);
}

int nice(int incr)
{
	int n;

	if (nice_of(0, &n) < 0 || set_nice(0, n + incr) < 0)
		return -1;
	nice_of(0, &n);
	return n;
}
