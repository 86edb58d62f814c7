/*
 * sigexec.c — the exec'd half of posix_signals (argument `afterexec`): after exec the alternate
 * signal stack is disabled, the caught SIGUSR1 is back to SIG_DFL, the ignored SIGPIPE stays
 * ignored and the mask is kept. Alone (no argument) it checks a fresh process: no alternate stack.
 */
#include <signal.h>
#include "../fork/ftest.h"

int main(int argc, char **argv)
{
	struct sigaction sa;
	stack_t oss;
	sigset_t cur;

	ft_check(sigaltstack(NULL, &oss) == 0 && (oss.ss_flags & SS_DISABLE), "exec: no alternate stack", "flags %d",
	    oss.ss_flags);
	if (argc > 1 && strcmp(argv[1], "afterexec") == 0) {
		sigaction(SIGUSR1, NULL, &sa);
		ft_check(sa.sa_handler == SIG_DFL, "exec: caught signal reset to SIG_DFL", "%p", (void *)sa.sa_handler);
		sigaction(SIGPIPE, NULL, &sa);
		ft_check(sa.sa_handler == SIG_IGN, "exec: ignored signal stays ignored", "");
		sigprocmask(SIG_BLOCK, NULL, &cur);
		ft_check(sigismember(&cur, SIGTERM), "exec: mask kept", "");
	}
	return ft_done();
}
