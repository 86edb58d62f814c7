/*
 * die_segv.c — a store to an unmapped address with SIGSEGV at SIG_DFL kills the process with
 * SIGSEGV (128 + 11), even when the program had SIGSEGV blocked and ignored: a fault signal
 * cannot be blocked or ignored.
 */
#include "sigtest.h"

int main(void)
{
	sigset_t s;

	printf("EXPECT-STATUS 139\n");
	sigemptyset(&s);
	sigaddset(&s, SIGSEGV);
	CHECK("block_segv", sigprocmask(SIG_BLOCK, &s, NULL) == 0);
	CHECK("ignore_segv", signal(SIGSEGV, SIG_IGN) != SIG_ERR);
	fflush(stdout);
	*(volatile int *)0x40 = 1;
	printf("FAIL survived_segv\n");
	return 1;
}
