/*
 * exit_status.c — ends with exit(42) from a nested call: the status must reach the parent (the
 * runner), and the line-buffered output printed before (including a last line without a newline)
 * must be flushed by exit.
 */
#include <stdio.h>
#include <stdlib.h>

static void leave(int depth)
{
	if (depth == 0) {
		printf("leaving with status 42 (no newline at the end)");
		exit(42);
	}
	printf("depth %d\n", depth);
	leave(depth - 1);
}

int main(void)
{
	printf("exit_status:\n");
	leave(5);
	printf("not reached\n");
	return 0;
}
