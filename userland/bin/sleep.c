/*
 * sleep.c — /bin/sleep SECONDS: sleeps that many seconds of guest time (a whole number, as
 * Solaris's sleep(1) takes it), then exits 0; a bad operand is a usage line and status 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <errno.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	char *end;
	long n;

	if (argc != 2 || (n = strtol(argv[1], &end, 10), *end != '\0' || end == argv[1] || n < 0)) {
		fprintf(stderr, "usage: sleep seconds\n");
		return 2;
	}
	ts.tv_sec = n;
	ts.tv_nsec = 0;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	return 0;
}
