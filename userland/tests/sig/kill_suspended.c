/*
 * kill_suspended.c — SIGKILL ends a process whose only lwps are suspended: one created stopped
 * (thr_create THR_SUSPENDED) after the creating lwp has exited, and one that suspended another
 * and exited. SIGKILL overrides lwp_suspend, as in Solaris; without that the process would sleep
 * forever and the machine would deadlock. (Found by the system-call fuzzer, seed 5.)
 */
#include "sigtest.h"
#include <sys/wait.h>
#include <thread.h>
#include <sys/lwp.h>
#include <stdlib.h>
#include <sched.h>

static void *never(void *arg)
{
	(void)arg;
	_exit(3);	/* must not run */
}

static void *spin(void *arg)
{
	(void)arg;
	for (;;)
		;
}

int main(void)
{
	int pid, st = 0;
	thread_t id;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (thr_create(NULL, 0, never, NULL, THR_SUSPENDED, &id) != 0)
			_exit(1);
		_lwp_exit();		/* the suspended lwp is all that is left */
	}
	sched_yield();
	CHECK("kill_created_suspended", kill(pid, SIGKILL) == 0 &&
	    waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (thr_create(NULL, 0, spin, NULL, 0, &id) != 0)
			_exit(1);
		if (_lwp_suspend(id) != 0)
			_exit(2);
		_lwp_exit();		/* the other lwp is stopped at its hold point */
	}
	sched_yield();
	CHECK("kill_suspended_at_hold", kill(pid, SIGKILL) == 0 &&
	    waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	return sig_failures ? 1 : 0;
}
