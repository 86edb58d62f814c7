/*
 * die_fpe.c — an integer division by zero (sdiv) kills the process with SIGFPE (128 + 8).
 * Prints EXPECT-STATUS for the test harness first.
 */
#include "sigtest.h"

static int divide(volatile int a, volatile int b)
{
	return a / b;
}

int main(void)
{
	printf("EXPECT-STATUS 136\n");
	CHECK("dividing_by_zero", 1);
	fflush(stdout);
	printf("%d\n", divide(1, 0));
	printf("FAIL survived_sigfpe\n");
	return 1;
}
