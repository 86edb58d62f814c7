/*
 * assert.c — __assert(), the failure path of <assert.h>'s assert() (mirrors Solaris libc's
 * port/gen/assert.c message format): prints the expression, file and line on stderr, then aborts.
 */
#include <stdio.h>
#include <stdlib.h>

/* __assert(): never returns. */
void __assert(const char *expr, const char *file, int line) __attribute__((noreturn));
void __assert(const char *expr, const char *file, int line)
{
	fprintf(stderr, "Assertion failed: %s, file %s, line %d\n", expr, file, line);
	abort();
}
