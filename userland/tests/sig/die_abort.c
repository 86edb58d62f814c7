/*
 * die_abort.c — abort() ends the process with SIGABRT (128 + 6): the default action of
 * SIGABRT dumps core. Prints EXPECT-STATUS for the test harness first.
 */
#include "sigtest.h"
#include <stdlib.h>

int main(void)
{
	printf("EXPECT-STATUS 134\n");
	CHECK("aborting", 1);
	fflush(stdout);
	abort();
}
