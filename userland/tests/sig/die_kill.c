/*
 * die_kill.c — SIGKILL cannot be caught, ignored or blocked: sigaction fails with EINVAL, a full
 * mask leaves it out, and kill(getpid(), SIGKILL) ends the process (128 + 9).
 */
#include "sigtest.h"

static void h(int sig)
{
	(void)sig;
	printf("FAIL sigkill_caught\n");
}

int main(void)
{
	struct sigaction sa;
	sigset_t s;

	printf("EXPECT-STATUS 137\n");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sigemptyset(&sa.sa_mask);
	CHECK("sigkill_handler_refused", sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK("sigkill_ignore_refused", sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
	sigfillset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
	CHECK("sigkill_not_blockable", !blocked(SIGKILL));
	fflush(stdout);
	kill(getpid(), SIGKILL);
	printf("FAIL survived_sigkill\n");
	return 1;
}
