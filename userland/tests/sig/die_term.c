/*
 * die_term.c — raise(SIGTERM) with the default action ends the process: `forkvm run` reports
 * 128 + 15. Prints EXPECT-STATUS for the test harness first.
 */
#include "sigtest.h"

int main(void)
{
	printf("EXPECT-STATUS 143\n");
	CHECK("term_default_action_pending", 1);
	fflush(stdout);
	raise(SIGTERM);
	printf("FAIL survived_sigterm\n");
	return 1;
}
