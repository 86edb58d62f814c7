/*
 * sigtest.h — shared by the signal test programs (userland/tests/sig/*.c): CHECK prints
 * `PASS <name>` or `FAIL <name> (line N)`, and sig_done() exits 0 only if every check passed.
 * Declares the signal calls libc has but <signal.h>/<unistd.h> do not (yet).
 */
#ifndef _SIGTEST_H
#define _SIGTEST_H

#include <stdio.h>
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <string.h>
#include <ucontext.h>

sighandler_t signal(int sig, sighandler_t func);
int sigsuspend(const sigset_t *set);
int pause(void);

/* volatile: a CHECK(.., 0) right after a faulting volatile access must not have its increment
   moved above that access (GCC for i386 does so with a plain int, and the fault then skips the FAIL line). */
static volatile int sig_failures;

#define CHECK(name, cond) do { \
	if (cond) printf("PASS %s\n", name); \
	else { sig_failures++; printf("FAIL %s (line %d)\n", name, __LINE__); } \
} while (0)

/* The calling lwp's signal mask. */
static sigset_t cur_mask(void)
{
	sigset_t s;

	sigprocmask(SIG_BLOCK, NULL, &s);
	return s;
}

static int blocked(int sig)
{
	sigset_t s = cur_mask();

	return sigismember(&s, sig) == 1;
}

static void unblock_all(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
}

static int sig_done(void)
{
	printf("%s: %d failure%s\n", sig_failures ? "FAILED" : "ok", sig_failures, sig_failures == 1 ? "" : "s");
	return sig_failures != 0;
}

#endif
