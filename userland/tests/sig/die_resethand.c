/*
 * die_resethand.c — SA_RESETHAND: the first SIGUSR1 runs the handler and resets the disposition
 * to SIG_DFL, so the second one ends the process (128 + 16).
 */
#include "sigtest.h"

static volatile int calls;

static void h(int sig)
{
	(void)sig;
	calls++;
}

int main(void)
{
	struct sigaction sa;

	printf("EXPECT-STATUS 144\n");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	CHECK("first_usr1_handled", calls == 1);
	fflush(stdout);
	kill(getpid(), SIGUSR1);
	printf("FAIL survived_second_usr1\n");
	return 1;
}
