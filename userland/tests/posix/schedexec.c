/*
 * schedexec.c — the exec'd half of posix_sched (argument `inherited`): exec keeps the umask (027)
 * and the scheduling policy and priority (SCHED_FIFO, 25). Alone: the defaults (022, SCHED_OTHER).
 */
#include <sched.h>
#include <sys/stat.h>
#include "../fork/ftest.h"

int main(int argc, char **argv)
{
	struct sched_param sp;
	int inh = argc > 1 && strcmp(argv[1], "inherited") == 0;
	mode_t m = umask(0);

	sched_getparam(0, &sp);
	if (inh) {
		ft_check(m == 027, "exec: umask kept", "%o", (unsigned)m);
		ft_check(sched_getscheduler(0) == SCHED_FIFO && sp.sched_priority == 25, "exec: policy and priority kept",
		    "policy %d priority %d", sched_getscheduler(0), sp.sched_priority);
	} else {
		ft_check(m == 022, "start-up: umask 022", "%o", (unsigned)m);
		ft_check(sched_getscheduler(0) == SCHED_OTHER && sp.sched_priority == 0, "start-up: SCHED_OTHER 0", "");
	}
	return ft_done();
}
