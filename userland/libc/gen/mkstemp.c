/*
 * mkstemp.c — mkstemp, mkdtemp and mktemp (mirrors Solaris libc's port/gen/mkstemp.c, mkdtemp.c,
 * mktemp.c; own code): the six trailing X's become letters and digits from the pid and a counter,
 * tried until a name is free.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
static unsigned long tmp_counter;

/* Fill the X's of tmpl with the next candidate; -1 (EINVAL) without six trailing X's. */
static int fill(char *tmpl)
{
	size_t n = strlen(tmpl);
	unsigned long v;
	int i;

	if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return -1;
	}
	v = (unsigned long)getpid() * 7919UL + tmp_counter++ * 104729UL;
	for (i = 0; i < 6; i++) {
		tmpl[n - 6 + i] = letters[v % 62];
		v /= 62;
	}
	return 0;
}

/* Restore the X's after a failed try, so the next fill() sees the template again. */
static void reset(char *tmpl)
{
	memcpy(tmpl + strlen(tmpl) - 6, "XXXXXX", 6);
}

int mkstemp(char *tmpl)
{
	int tries, fd;

	for (tries = 0; tries < 1000; tries++) {
		if (fill(tmpl) == -1)
			return -1;
		fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			return -1;
		reset(tmpl);
	}
	errno = EEXIST;
	return -1;
}

char *mkdtemp(char *tmpl)
{
	int tries;

	for (tries = 0; tries < 1000; tries++) {
		if (fill(tmpl) == -1)
			return NULL;
		if (mkdir(tmpl, 0700) == 0)
			return tmpl;
		if (errno != EEXIST)
			return NULL;
		reset(tmpl);
	}
	errno = EEXIST;
	return NULL;
}

char *mktemp(char *tmpl)
{
	struct stat sb;
	int tries;

	for (tries = 0; tries < 1000; tries++) {
		if (fill(tmpl) == -1) {
			tmpl[0] = 0;
			return tmpl;
		}
		if (lstat(tmpl, &sb) == -1 && errno == ENOENT)
			return tmpl;
		reset(tmpl);
	}
	tmpl[0] = 0;
	return tmpl;
}
