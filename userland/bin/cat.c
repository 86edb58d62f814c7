/*
 * cat.c — copy each FILE (or standard input, with no FILE or for "-") to standard output with
 * read(2)/write(2). A file that cannot be opened or read is named on standard error and the exit
 * status is 1; a failed write (EPIPE, ENOSPC) ends the copy with status 1 too.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static char buf[8192];

/* copy(): fd to standard output; 0, or -1 after naming the error. */
static int copy(int fd, const char *name)
{
	long n, off, w;

	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return -1;
		}
		for (off = 0; off < n; off += w) {
			w = write(1, buf + off, n - off);
			if (w < 0) {
				fprintf(stderr, "cat: write: %s\n", strerror(errno));
				return -1;
			}
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, fd, st = 0;

	if (argc < 2)
		return copy(0, "stdin") < 0;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (copy(0, "stdin") < 0)
				st = 1;
			continue;
		}
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			st = 1;
			continue;
		}
		if (copy(fd, argv[i]) < 0)
			st = 1;
		close(fd);
	}
	return st;
}
