/*
 * hello.c — the first program: greets, then prints each argument as `argv[i] = ...`.
 * Exercises crt0's argc/argv, stdio's line buffering and exit's flush.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	int i;

	printf("Hello from forkvm!\n");
	for (i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	return 0;
}
