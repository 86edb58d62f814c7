/*
 * env.c — /bin/env [NAME=VALUE...] [COMMAND [ARG...]]: with no command prints the environment,
 * one NAME=VALUE a line; else runs COMMAND (searched in PATH) with the assignments added. `-i`
 * starts from an empty environment. 126 when COMMAND cannot run, 127 when it is not found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	static char *empty[] = { NULL };
	char **e;
	int i = 1;

	if (i < argc && strcmp(argv[i], "-i") == 0) {
		environ = empty;
		i++;
	}
	for (; i < argc && strchr(argv[i], '=') != NULL; i++)
		if (putenv(argv[i]) != 0) {
			perror("env");
			return 126;
		}
	if (i == argc) {
		for (e = environ; *e != NULL; e++)
			printf("%s\n", *e);
		return 0;
	}
	execvp(argv[i], &argv[i]);
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
