/*
 * priority.c — nice values: getpriority/setpriority(PRIO_PROCESS) and nice() on the TS user
 * priority (n ↔ -3n), clamping to -20..19, EINVAL/ESRCH, and a fork child inheriting the value
 * (checked in the child) while its own change does not reach the parent.
 */
#include <sys/resource.h>
#include <sched.h>
#include "../fork/ftest.h"

int main(void)
{
	struct sched_param sp;
	pid_t pid;
	int n;

	errno = 0;
	n = getpriority(PRIO_PROCESS, 0);
	ft_check(n == 0 && errno == 0, "initial nice 0", "%d errno %d", n, errno);
	ft_check(setpriority(PRIO_PROCESS, 0, 10) == 0 && getpriority(PRIO_PROCESS, 0) == 10,
	    "setpriority 10", "%d", getpriority(PRIO_PROCESS, 0));
	ft_check(sched_getparam(0, &sp) == 0 && sp.sched_priority == -30, "nice 10 is TS user priority -30",
	    "%d", sp.sched_priority);
	ft_check(nice(5) == 15 && getpriority(PRIO_PROCESS, getpid()) == 15, "nice(5) from 10: 15", "%d",
	    getpriority(PRIO_PROCESS, 0));
	ft_check(nice(100) == 19, "nice clamps at 19", "%d", getpriority(PRIO_PROCESS, 0));
	ft_check(setpriority(PRIO_PROCESS, 0, -100) == 0 && getpriority(PRIO_PROCESS, 0) == -20,
	    "setpriority clamps at -20", "%d", getpriority(PRIO_PROCESS, 0));
	ft_errno(getpriority(PRIO_PGRP, 0), EINVAL, "PRIO_PGRP: EINVAL");
	ft_errno(getpriority(PRIO_PROCESS, 29999), ESRCH, "no such process: ESRCH");
	setpriority(PRIO_PROCESS, 0, 7);
	pid = fork();
	if (pid == 0) {
		ft_check(getpriority(PRIO_PROCESS, 0) == 7, "child inherits nice 7", "%d", getpriority(PRIO_PROCESS, 0));
		ft_check(nice(3) == 10, "child: nice(3)", "%d", getpriority(PRIO_PROCESS, 0));
		ft_child_exit();
	}
	ft_child_ok(pid, "child's nice checks");
	ft_check(getpriority(PRIO_PROCESS, 0) == 7, "parent keeps nice 7", "%d", getpriority(PRIO_PROCESS, 0));
	return ft_done();
}
