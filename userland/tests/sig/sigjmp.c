/*
 * sigjmp.c — sigsetjmp/siglongjmp out of a signal handler: with savemask 1 the mask of the
 * sigsetjmp call comes back (the handler's blocking of its own signal is undone), with savemask
 * 0 it does not (the signal stays blocked, as the handler left it); longjmp values; a child
 * of fork jumps to a sigsetjmp its parent made before the fork.
 */
#include <setjmp.h>
#include <signal.h>
#include "../fork/ftest.h"

static sigjmp_buf env;

static void on_usr1(int sig)
{
	(void)sig;
	siglongjmp(env, 7);
}

static int blocked(int sig)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, sig);
}

static void unblock(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

int main(void)
{
	struct sigaction sa;
	volatile int pass = 0;
	int r, st, pid;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);

	r = sigsetjmp(env, 1);
	if (r == 0) {
		raise(SIGUSR1);
		ft_fail("sigsetjmp(env, 1)", "the handler did not jump");
	} else {
		ft_check(r == 7, "siglongjmp returns its value to sigsetjmp", "got %d", r);
		ft_check(!blocked(SIGUSR1), "savemask 1: the sigsetjmp mask is back (SIGUSR1 unblocked)", "SIGUSR1 still blocked");
	}

	r = sigsetjmp(env, 0);
	if (r == 0) {
		raise(SIGUSR1);
		ft_fail("sigsetjmp(env, 0)", "the handler did not jump");
	} else {
		ft_check(blocked(SIGUSR1), "savemask 0: the mask stays as the handler left it (SIGUSR1 blocked)", "SIGUSR1 unblocked");
		unblock(SIGUSR1);
	}

	r = sigsetjmp(env, 1);
	if (r == 0) {
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			raise(SIGUSR1);
			_exit(1);
		}
		ft_check(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3, "fork child: jumps to the parent's sigsetjmp", "status 0x%x", st);
	} else {
		_exit(pass == 0 && r == 7 && !blocked(SIGUSR1) ? 3 : 4);
	}
	return ft_done();
}
