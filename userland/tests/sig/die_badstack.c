/*
 * die_badstack.c — a caught signal whose frame cannot be written (the stack pointer points at
 * read-only text when the signal arrives) ends the process with SIGSEGV (128 + 11) instead of
 * entering the handler. (An unmapped address below the stack would not do: the stack grows.)
 */
#include "sigtest.h"

static void h(int sig)
{
	(void)sig;
	printf("FAIL handler_entered_on_bad_stack\n");
}

int main(void)
{
	struct sigaction sa;
	int pid = (int)getpid();

	printf("EXPECT-STATUS 139\n");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sigemptyset(&sa.sa_mask);
	CHECK("handler_installed", sigaction(SIGUSR1, &sa, NULL) == 0);
	fflush(stdout);
	/* kill(pid, SIGUSR1) with %sp in main's text: the signal is delivered on that stack. */
	__asm__ volatile(
		"mov %%sp, %%l7\n\t"
		"set main, %%sp\n\t"
		"andn %%sp, 7, %%sp\n\t"
		"mov %0, %%o0\n\t"
		"mov 16, %%o1\n\t"
		"mov 37, %%g1\n\t"
		"ta 8\n\t"
		"mov %%l7, %%sp\n\t"
		: : "r"(pid) : "o0", "o1", "g1", "l7", "memory", "cc");
	printf("FAIL survived_bad_stack\n");
	return 1;
}
