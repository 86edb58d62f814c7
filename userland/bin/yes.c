/*
 * yes.c — write "y" (or the arguments, joined by spaces) and a newline, forever, until a write
 * fails: `forkvm run yes | head -1` ends with SIGPIPE once head has gone (status 141), and with
 * SIGPIPE ignored yes reports EPIPE and exits 1.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static char line[4096];

int main(int argc, char **argv)
{
	size_t n = 0, k;
	int i;

	for (i = 1; i < argc; i++) {
		k = strlen(argv[i]);
		if (n + k + 2 > sizeof line)
			break;
		if (i > 1)
			line[n++] = ' ';
		memcpy(line + n, argv[i], k);
		n += k;
	}
	if (argc < 2)
		line[n++] = 'y';
	line[n++] = '\n';
	for (;;) {
		if (write(1, line, n) < 0) {
			fprintf(stderr, "yes: write: %s\n", strerror(errno));
			return 1;
		}
	}
}
