/*
 * fstest.h — shared helpers for the file-system test programs in userland/tests/fs/: each test is a
 * function that calls CHECK(); RUN() prints `PASS <name>` or `FAIL <name>: <first failed check>`
 * and main returns DONE() (0 only if every test passed). Output goes through write(2) directly
 * so that a fork child's unflushed stdio buffer cannot duplicate lines.
 */
#ifndef _FSTEST_H
#define _FSTEST_H

#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static int fst_failed_tests;
static const char *fst_why;
static int fst_line;

static void fst_say(const char *s)
{
	write(1, s, strlen(s));
}

/* CHECK(cond): record the first failing condition of the running test (and keep going). */
#define CHECK(cond) do { if (!(cond) && !fst_why) { fst_why = #cond; fst_line = __LINE__; } } while (0)
/* CHECK_ERR(expr, e): expr must fail with -1 and errno e. */
#define CHECK_ERR(expr, e) do { errno = 0; CHECK((expr) == -1 && errno == (e)); } while (0)

static void fst_run(const char *name, void (*fn)(void))
{
	char buf[256];

	fst_why = 0;
	fn();
	if (fst_why) {
		fst_failed_tests++;
		snprintf(buf, sizeof buf, "FAIL %s: line %d: %s (errno %d)\n", name, fst_line, fst_why, errno);
	} else {
		snprintf(buf, sizeof buf, "PASS %s\n", name);
	}
	fst_say(buf);
}

#define RUN(fn) fst_run(#fn, fn)
#define DONE() (fst_failed_tests == 0 ? 0 : 1)

#endif
