/*
 * exit.c — exit(), atexit() and abort() (mirrors Solaris libc's port/gen/atexit.c and abort.c).
 * exit runs the registered handlers last-in first-out (each once, even if a handler calls exit),
 * then flushes stdio and traps. At most ATEXIT_MAX (32) handlers; atexit returns -1 beyond that.
 */
#include <stdlib.h>
#include <unistd.h>
#include <limits.h>
#include <signal.h>

extern void _exit(int) __attribute__((noreturn));
extern void __stdio_flushall(void);

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

/* atexit(): 0, or -1 when the table is full. */
int atexit(void (*fn)(void))
{
	if (atexit_count >= ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

/* exit(): handlers in reverse order of registration, then stdio, then the exit trap. */
void exit(int status)
{
	while (atexit_count > 0) {
		void (*fn)(void) = atexit_fns[--atexit_count];
		fn();
	}
	__stdio_flushall();
	_exit(status);
}

/* abort(): SIGABRT to ourselves; if that returns (caught or ignored), exit with 128+SIGABRT. */
void abort(void)
{
	kill(getpid(), SIGABRT);
	_exit(128 + SIGABRT);
}

