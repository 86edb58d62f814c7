/*
 * threads.c — libc self-test of the thread support: pthread mutexes (a shared counter bumped
 * by four threads), condition variables (a producer/consumer hand-off), pthread_once, detached
 * threads, thr_create on a caller-supplied stack, errno kept per thread, malloc/free from
 * several threads at once, and printf from several threads (the "line" output, which
 * test/userland/libc_programs.test.ts checks is never mixed). Prints PASS/FAIL lines; exits 0
 * only if all pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <pthread.h>
#include <thread.h>
#include <sched.h>

static int failures;

static void check(int ok, const char *name, const char *why)
{
	if (ok) {
		printf("PASS %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, why);
		failures++;
	}
}

#define NT 4
#define ROUNDS 200

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *bump(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		int v;
		pthread_mutex_lock(&m);
		v = counter;
		if ((i & 7) == 0)
			sched_yield();	/* invite the others in while we hold the lock */
		counter = v + 1;
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

static void test_mutex(void)
{
	pthread_t t[NT];
	int i, ok = 1;

	for (i = 0; i < NT; i++)
		ok &= pthread_create(&t[i], NULL, bump, NULL) == 0;
	for (i = 0; i < NT; i++)
		ok &= pthread_join(t[i], NULL) == 0;
	check(ok && counter == NT * ROUNDS, "threads.mutex_counter", "lost updates");
	check(pthread_mutex_trylock(&m) == 0 && pthread_mutex_trylock(&m) == EBUSY, "threads.mutex_trylock",
	    "trylock of a free / held mutex");
	pthread_mutex_unlock(&m);
	check(pthread_mutex_unlock(&m) == EPERM, "threads.mutex_unlock_unowned", "want EPERM");
}

static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qc = PTHREAD_COND_INITIALIZER;
static int slot, full, sum;

static void *consumer(void *arg)
{
	int n;

	(void)arg;
	for (n = 0; n < 20; n++) {
		pthread_mutex_lock(&qm);
		while (!full)
			pthread_cond_wait(&qc, &qm);
		sum += slot;
		full = 0;
		pthread_cond_broadcast(&qc);
		pthread_mutex_unlock(&qm);
	}
	return NULL;
}

static void test_cond(void)
{
	pthread_t t;
	int i;

	pthread_create(&t, NULL, consumer, NULL);
	for (i = 1; i <= 20; i++) {
		pthread_mutex_lock(&qm);
		while (full)
			pthread_cond_wait(&qc, &qm);
		slot = i;
		full = 1;
		pthread_cond_signal(&qc);
		pthread_mutex_unlock(&qm);
	}
	pthread_join(t, NULL);
	check(sum == 210, "threads.cond_handoff", "the consumer did not see every item once");
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void once_fn(void) { once_runs++; }
static void *do_once(void *arg) { (void)arg; pthread_once(&once, once_fn); return NULL; }

static void test_once(void)
{
	pthread_t t[3];
	int i;

	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, do_once, NULL);
	do_once(NULL);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	check(once_runs == 1, "threads.once", "the init function did not run exactly once");
}

static volatile int detached_ran;
static void *detached_fn(void *arg) { (void)arg; detached_ran = 1; return NULL; }

static void test_detached(void)
{
	pthread_attr_t a;
	pthread_t t;
	int i, st;

	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_getdetachstate(&a, &st);
	check(st == PTHREAD_CREATE_DETACHED && pthread_create(&t, &a, detached_fn, NULL) == 0,
	    "threads.detached_create", "create with PTHREAD_CREATE_DETACHED");
	for (i = 0; i < 1000 && !detached_ran; i++)
		sched_yield();
	check(detached_ran, "threads.detached_runs", "the detached thread never ran");
	check(pthread_join(t, NULL) == EINVAL, "threads.detached_join_einval", "join of a detached thread");
	pthread_attr_destroy(&a);
}

static double own_stack[4096 / sizeof(double)];
static volatile unsigned long seen_local;	/* where() records the address of one of its locals */
static void *where(void *arg)
{
	volatile int local = 0;

	(void)arg;
	seen_local = (unsigned long)&local;
	return NULL;
}

static void test_own_stack(void)
{
	thread_t t;
	char *lo = (char *)own_stack, *hi = lo + sizeof(own_stack);

	check(thr_create(own_stack, sizeof(own_stack), where, NULL, 0, &t) == 0 && thr_join(t, NULL, NULL) == 0 &&
	    seen_local >= (unsigned long)lo && seen_local < (unsigned long)hi, "threads.thr_create_own_stack",
	    "the thread did not run on the given stack");
	check(thr_create(NULL, 16, where, NULL, 0, &t) == EINVAL, "threads.thr_create_tiny_stack", "want EINVAL");
}

static volatile int go;
static void *errno_fn(void *arg)
{
	int want = (int)(long)arg;

	errno = want;
	while (!go)
		sched_yield();
	return (void *)(long)(errno == want);
}

static void test_errno(void)
{
	pthread_t t[2];
	void *v0 = 0, *v1 = 0;

	errno = 1;
	pthread_create(&t[0], NULL, errno_fn, (void *)22L);
	pthread_create(&t[1], NULL, errno_fn, (void *)33L);
	sched_yield();
	close(-1);		/* EBADF in the main thread only */
	go = 1;
	pthread_join(t[0], &v0);
	pthread_join(t[1], &v1);
	check(v0 == (void *)1L && v1 == (void *)1L && errno == EBADF, "threads.errno_per_thread",
	    "a thread's errno changed under it");
}

static void *churn(void *arg)
{
	int i, ok = 1;
	char *p[16];

	for (i = 0; i < 300; i++) {
		int k = i % 16;
		if (i >= 16) {
			if (p[k][0] != (char)(i - 16) || p[k][99] != (char)(long)arg)
				ok = 0;
			free(p[k]);
		}
		p[k] = malloc(100 + (size_t)(i % 7) * 50);
		if (p[k] == NULL)
			return NULL;
		memset(p[k], (int)(long)arg, 100);
		p[k][0] = (char)i;
		if (i % 50 == 0)
			sched_yield();
	}
	for (i = 0; i < 16; i++)
		free(p[i]);
	return (void *)(long)ok;
}

static void test_malloc(void)
{
	pthread_t t[3];
	void *v;
	int i, ok = 1;

	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, churn, (void *)(long)(i + 1));
	for (i = 0; i < 3; i++) {
		pthread_join(t[i], &v);
		ok &= v == (void *)1L;
	}
	check(ok, "threads.malloc_from_threads", "a block was corrupted or malloc failed");
}

static void *talk(void *arg)
{
	int i;

	for (i = 0; i < 5; i++)
		printf("line %ld-%d: the quick brown fox jumps over the lazy dog %ld\n", (long)arg, i, (long)arg);
	return NULL;
}

static void test_printf(void)
{
	pthread_t t[3];
	int i;

	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, talk, (void *)(long)i);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
}

int main(void)
{
	test_mutex();
	test_cond();
	test_once();
	test_detached();
	test_own_stack();
	test_errno();
	test_malloc();
	test_printf();
	return failures ? 1 : 0;
}
