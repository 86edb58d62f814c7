/*
 * sched.c — umask, the scheduling policy and parameters, and memory locks across fork: the child
 * inherits the umask and the policy/priority (SCHED_OTHER, SCHED_RR and SCHED_FIFO mapped on the
 * TS and RT classes) and exec keeps them (posix_schedexec checks); mlockall/mlock succeed in the
 * parent, and the child, which does not inherit them, can lock and unlock on its own. Argument
 * checks: EINVAL for bad policies, priorities and ranges, ENOMEM for an unmapped range, ESRCH for
 * no such process. With the argument `hold` both processes stop in pause() after locking (the
 * kernel test reads their lock state; test/kernel/common/syscall/memcntl.test.ts).
 */
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include "../fork/ftest.h"

static char buf[3 * 4096] __attribute__((aligned(4096)));

int main(int argc, char **argv)
{
	struct sched_param sp;
	int hold = argc > 1 && strcmp(argv[1], "hold") == 0;
	pid_t pid;
	int st;

	/* umask. */
	ft_check(umask(027) == 022, "umask: default 022", "");
	ft_check(umask(0777 | 01000) == 027, "umask returns the old mask", "");
	ft_check(umask(027) == 0777, "umask keeps only 0777", "");

	/* Scheduling. */
	ft_check(sched_getscheduler(0) == SCHED_OTHER, "default policy SCHED_OTHER", "%d", sched_getscheduler(0));
	ft_check(sched_getparam(0, &sp) == 0 && sp.sched_priority == 0, "default priority 0", "%d", sp.sched_priority);
	ft_check(sched_get_priority_min(SCHED_FIFO) == 0 && sched_get_priority_max(SCHED_FIFO) == 59 &&
	    sched_get_priority_min(SCHED_RR) == 0 && sched_get_priority_max(SCHED_RR) == 59,
	    "RT priority range 0..59", "");
	ft_check(sched_get_priority_min(SCHED_OTHER) == -60 && sched_get_priority_max(SCHED_OTHER) == 60,
	    "TS priority range -60..60", "");
	ft_errno(sched_get_priority_max(42), EINVAL, "sched_get_priority_max bad policy");
	ft_errno(sched_get_priority_min(-1), EINVAL, "sched_get_priority_min bad policy");
	sp.sched_priority = 10;
	ft_check(sched_setscheduler(0, SCHED_RR, &sp) == SCHED_OTHER, "sched_setscheduler RR returns the old policy", "errno %d",
	    errno);
	ft_check(sched_getscheduler(getpid()) == SCHED_RR, "policy now SCHED_RR", "%d", sched_getscheduler(0));
	sp.sched_priority = 60;
	ft_errno(sched_setscheduler(0, SCHED_FIFO, &sp), EINVAL, "FIFO priority 60 out of range");
	ft_errno(sched_setscheduler(0, 17, &sp), EINVAL, "unknown policy");
	ft_check(sched_getscheduler(0) == SCHED_RR && sched_getparam(0, &sp) == 0 && sp.sched_priority == 10,
	    "failed calls changed nothing", "priority %d", sp.sched_priority);
	sp.sched_priority = 20;
	ft_check(sched_setscheduler(0, SCHED_FIFO, &sp) == SCHED_RR && sched_getscheduler(0) == SCHED_FIFO,
	    "SCHED_FIFO", "");
	sp.sched_priority = 25;
	ft_check(sched_setparam(0, &sp) == 0 && sched_getparam(0, &sp) == 0 && sp.sched_priority == 25 &&
	    sched_getscheduler(0) == SCHED_FIFO, "sched_setparam keeps the policy", "");
	ft_errno(sched_getscheduler(29998), ESRCH, "sched_getscheduler no such process");
	ft_errno(sched_getparam(-3, &sp), ESRCH, "sched_getparam negative pid");

	/* Memory locks. */
	ft_check(mlockall(MCL_CURRENT | MCL_FUTURE) == 0, "mlockall", "errno %d", errno);
	ft_errno(mlockall(0), EINVAL, "mlockall no flags");
	ft_errno(mlockall(0x10), EINVAL, "mlockall bad flag");
	ft_check(mlock(buf + 100, 5000) == 0, "mlock (unaligned start, rounded to pages)", "errno %d", errno);
	ft_errno(mlock((void *)0x1000, 4096), ENOMEM, "mlock unmapped range");
	ft_errno(memcntl(buf + 1, 4096, 2, 0, 0, 0), EINVAL, "memcntl MC_LOCK unaligned");
	ft_errno(memcntl(buf, 4096, 99, 0, 0, 0), EINVAL, "memcntl bad command");

	pid = fork();
	if (pid == 0) {
		ft_check(umask(027) == 027, "child: umask inherited", "");
		ft_check(sched_getscheduler(0) == SCHED_FIFO && sched_getparam(0, &sp) == 0 && sp.sched_priority == 25,
		    "child: policy and priority inherited", "policy %d priority %d", sched_getscheduler(0), sp.sched_priority);
		ft_check(mlock(buf, 4096) == 0 && munlock(buf, 4096) == 0, "child: its own mlock/munlock", "errno %d", errno);
		if (hold) {
			mlock(buf + 8192, 4096);
			printf("HOLD child\n");
			fflush(stdout);
			for (;;)
				pause();
		}
		ft_check(munlockall() == 0, "child: munlockall", "");
		{
			char *av[] = { "posix_schedexec", "inherited", NULL };

			execv("/bin/posix_schedexec", av);
			ft_fail("child: exec", "errno %d", errno);
		}
		ft_child_exit();
	}
	ft_check(pid > 0, "fork", "errno %d", errno);
	if (hold) {
		printf("HOLD parent %ld\n", (long)pid);
		fflush(stdout);
		for (;;)
			pause();
	}
	st = ft_wait(pid, "wait child");
	ft_check(st == 0, "child and exec checks passed", "%s", ft_status(st));
	ft_check(munlock(buf, sizeof(buf)) == 0 && munlockall() == 0, "parent: munlock, munlockall", "");
	sp.sched_priority = 0;
	ft_check(sched_setscheduler(0, SCHED_OTHER, &sp) == SCHED_FIFO && sched_getscheduler(0) == SCHED_OTHER,
	    "back to SCHED_OTHER", "");
	return ft_done();
}
