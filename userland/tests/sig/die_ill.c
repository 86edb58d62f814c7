/*
 * die_ill.c — an unimplemented instruction (unimp) kills the process with SIGILL (128 + 4).
 * Prints EXPECT-STATUS for the test harness first.
 */
#include "sigtest.h"

int main(void)
{
	printf("EXPECT-STATUS 132\n");
	CHECK("executing_unimp", 1);
	fflush(stdout);
#ifdef __i386__
	__asm__ volatile("ud2");
#else
	__asm__ volatile(".word 0");
#endif
	printf("FAIL survived_sigill\n");
	return 1;
}
