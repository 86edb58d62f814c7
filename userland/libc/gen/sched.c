/*
 * sched.c — the POSIX scheduling calls on priocntl(2) (mirrors Solaris libc's
 * port/threads/rtsched.c in effect; own code): SCHED_OTHER is the TS class (sched_priority is the
 * user priority ts_upri, -60..60), SCHED_FIFO and SCHED_RR the RT class (rt_pri 0..59, with an
 * infinite quantum for FIFO and the class default for RR). Class ids come from PC_GETCID.
 */
#include <sched.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

extern long priocntlsys(int version, void *psp, int cmd, void *arg, void *arg2);

#define PC_VERSION 1
#define PC_GETCID 0
#define PC_SETPARMS 2
#define PC_GETPARMS 3
#define PC_CLNULL (-1)
#define P_PID 0
#define P_ALL 7
#define P_MYID (-1)
#define POP_AND 1
#define TS_MAXUPRI 60
#define RT_MAXPRI 59
#define RT_TQINF (-2)
#define RT_TQDEF (-3)

typedef struct { int p_op, p_lidtype; long p_lid; int p_ridtype; long p_rid; } procset_t;
typedef struct { long pc_cid; char pc_clname[16]; int pc_clinfo[8]; } pcinfo_t;
typedef struct { long pc_cid; int pc_clparms[8]; } pcparms_t;
typedef struct { short ts_uprilim, ts_upri; } tsparms_t;
typedef struct { short rt_pri; unsigned rt_tqsecs; int rt_tqnsecs; } rtparms_t;

static long class_id(const char *name)
{
	pcinfo_t info;

	memset(&info, 0, sizeof(info));
	strcpy(info.pc_clname, name);
	if (priocntlsys(PC_VERSION, NULL, PC_GETCID, &info, 0) < 0)
		return -1;
	return info.pc_cid;
}

static void one(procset_t *ps, pid_t pid)
{
	ps->p_op = POP_AND;
	ps->p_lidtype = P_PID;
	ps->p_lid = pid == 0 ? P_MYID : pid;
	ps->p_ridtype = P_ALL;
	ps->p_rid = 0;
}

/* The process's class parameters; 0 or -1 with errno. */
static int get(pid_t pid, pcparms_t *pp)
{
	procset_t ps;

	if (pid < 0) {
		errno = ESRCH;
		return -1;
	}
	one(&ps, pid);
	memset(pp, 0, sizeof(*pp));
	pp->pc_cid = PC_CLNULL;
	return priocntlsys(PC_VERSION, &ps, PC_GETPARMS, pp, 0) < 0 ? -1 : 0;
}

static int policy_of(const pcparms_t *pp)
{
	if (pp->pc_cid == class_id("RT"))
		return ((const rtparms_t *)pp->pc_clparms)->rt_tqnsecs == RT_TQINF ? SCHED_FIFO : SCHED_RR;
	if (pp->pc_cid == class_id("TS"))
		return SCHED_OTHER;
	return SCHED_SYS;
}

int sched_get_priority_min(int policy)
{
	switch (policy) {
	case SCHED_OTHER: return -TS_MAXUPRI;
	case SCHED_FIFO: case SCHED_RR: return 0;
	}
	errno = EINVAL;
	return -1;
}

int sched_get_priority_max(int policy)
{
	switch (policy) {
	case SCHED_OTHER: return TS_MAXUPRI;
	case SCHED_FIFO: case SCHED_RR: return RT_MAXPRI;
	}
	errno = EINVAL;
	return -1;
}

int sched_getscheduler(pid_t pid)
{
	pcparms_t pp;

	if (get(pid, &pp) < 0)
		return -1;
	return policy_of(&pp);
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
	pcparms_t pp;

	if (get(pid, &pp) < 0)
		return -1;
	memset(param, 0, sizeof(*param));
	if (policy_of(&pp) == SCHED_OTHER)
		param->sched_priority = ((tsparms_t *)pp.pc_clparms)->ts_upri;
	else
		param->sched_priority = ((rtparms_t *)pp.pc_clparms)->rt_pri;
	return 0;
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	procset_t ps;
	pcparms_t pp;
	int old, pri = param->sched_priority;

	if (pri < sched_get_priority_min(policy) || pri > sched_get_priority_max(policy) ||
	    sched_get_priority_min(policy) == -1) {
		errno = EINVAL;
		return -1;
	}
	if ((old = sched_getscheduler(pid)) < 0)
		return -1;
	one(&ps, pid);
	memset(&pp, 0, sizeof(pp));
	if (policy == SCHED_OTHER) {
		tsparms_t *ts = (tsparms_t *)pp.pc_clparms;

		pp.pc_cid = class_id("TS");
		ts->ts_uprilim = TS_MAXUPRI;
		ts->ts_upri = (short)pri;
	} else {
		rtparms_t *rt = (rtparms_t *)pp.pc_clparms;

		pp.pc_cid = class_id("RT");
		rt->rt_pri = (short)pri;
		rt->rt_tqsecs = 0;
		rt->rt_tqnsecs = policy == SCHED_FIFO ? RT_TQINF : RT_TQDEF;
	}
	if (priocntlsys(PC_VERSION, &ps, PC_SETPARMS, &pp, 0) < 0)
		return -1;
	return old;
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
	int policy = sched_getscheduler(pid);

	if (policy < 0)
		return -1;
	return sched_setscheduler(pid, policy, param) < 0 ? -1 : 0;
}

/* sched_rr_get_interval(): the RT round-robin quantum (the class default, 100 ms). */
int sched_rr_get_interval(pid_t pid, struct timespec *interval)
{
	pcparms_t pp;

	if (get(pid, &pp) < 0)
		return -1;
	interval->tv_sec = 0;
	interval->tv_nsec = 100000000;
	return 0;
}
