/*
 * smp.h — helpers shared by the kernel-concurrency programs beside it (the .c files here):
 * the PASS/FAIL reporting of ../fork/ftest.h, plus short guest-time naps, waiting for a flag
 * another thread sets, a reusable thread barrier, a sleep-until-asleep check, and waiting for a
 * child with a guest-time limit (so a child stuck in the kernel gives a FAIL line, not a hang).
 *
 * Output rule for every program here: only the main thread prints, after the racing threads
 * have been joined, in a fixed order; racing threads and children only store results (children
 * through their exit status), so the output does not depend on scheduling.
 * Header-only (static functions): every test is one .c file.
 */
#ifndef _SMP_H
#define _SMP_H

#include "../fork/ftest.h"
#include <pthread.h>
#include <thread.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <sys/lwp.h>

/* smp_nap(): sleep `ms` milliseconds of guest time (nanosleep; restarted after EINTR). */
static FT_UNUSED void smp_nap(int ms)
{
	struct timespec ts, rem;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &rem) < 0 && errno == EINTR)
		ts = rem;
}

/* smp_await(): yield until *flag is non-zero. */
static FT_UNUSED void smp_await(volatile int *flag)
{
	while (!*flag)
		sched_yield();
}

/* smp_await_limit(): nap until *flag is non-zero, for up to `ms` of guest time; 1 if it was set. */
static FT_UNUSED int smp_await_limit(volatile int *flag, int ms)
{
	int waited;

	for (waited = 0; !*flag; waited += 10) {
		if (waited >= ms)
			return 0;
		smp_nap(10);
	}
	return 1;
}

/*
 * smp_asleep(): after *started was set by a thread about to block, give it `ms` of guest time to
 * get into its sleep, and report whether it is still there (*done not yet set).
 */
static FT_UNUSED int smp_asleep(volatile int *started, volatile int *done, int ms)
{
	smp_await(started);
	smp_nap(ms);
	return !*done;
}

/* A barrier for `n` threads (a user-level mutex and condition variable; reusable). */
typedef struct {
	pthread_mutex_t m;
	pthread_cond_t c;
	int n, count, gen;
} smp_barrier_t;

static FT_UNUSED void smp_barrier_init(smp_barrier_t *b, int n)
{
	pthread_mutex_init(&b->m, NULL);
	pthread_cond_init(&b->c, NULL);
	b->n = n;
	b->count = 0;
	b->gen = 0;
}

static FT_UNUSED void smp_barrier_wait(smp_barrier_t *b)
{
	int gen;

	pthread_mutex_lock(&b->m);
	gen = b->gen;
	if (++b->count == b->n) {
		b->count = 0;
		b->gen++;
		pthread_cond_broadcast(&b->c);
	} else {
		while (gen == b->gen)
			pthread_cond_wait(&b->c, &b->m);
	}
	pthread_mutex_unlock(&b->m);
}

/*
 * smp_wait_limit(): waits for child `pid` for up to `ms` of guest time (waitpid WNOHANG and
 * naps). Returns 1 and the status word in *st when it was reaped, 0 when the time ran out (the
 * child is still there), -1 on a waitpid error (errno kept).
 */
static FT_UNUSED int smp_wait_limit(pid_t pid, int *st, int ms)
{
	int waited = 0;
	pid_t w;

	for (;;) {
		w = waitpid(pid, st, WNOHANG);
		if (w == pid)
			return 1;
		if (w < 0 && errno != EINTR)
			return -1;
		if (waited >= ms)
			return 0;
		smp_nap(10);
		waited += 10;
	}
}

/* smp_exited(): does status word st say "exited with `code`"? */
static FT_UNUSED int smp_exited(int st, int code)
{
	return WIFEXITED(st) && WEXITSTATUS(st) == code;
}

#endif
