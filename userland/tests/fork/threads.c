/*
 * threads.c — forkall vs fork1 with running threads (issue 3 acceptance) and the thread library
 * they rest on: pthread_create/join/self and thr_create/thr_join; a fork1 child has only the
 * calling thread (the others' counters stop, joining them gives ESRCH) and keeps its LWP id;
 * a forkall child has a copy of every thread (their counters keep going, they can be joined);
 * fork1 and forkall called from a thread other than main; forkall while another thread waits in
 * pthread_join (its lwp_wait is interrupted and retried); threads created in a child work.
 */
#include "ftest.h"
#include <pthread.h>
#include <thread.h>
#include <sched.h>

#define NW 2
static volatile int counts[NW], stop;
static pthread_t workers[NW];

static void *counter_thread(void *arg)
{
	int i = (int)(long)arg;

	while (!stop) {
		counts[i]++;
		sched_yield();
	}
	return (void *)(long)(i + 100);
}

static int start_workers(void)
{
	int i;

	stop = 0;
	for (i = 0; i < NW; i++) {
		counts[i] = 0;
		if (pthread_create(&workers[i], NULL, counter_thread, (void *)(long)i) != 0)
			return 0;
	}
	for (i = 0; i < NW; i++)
		while (counts[i] < 3)
			sched_yield();
	return 1;
}

static void stop_workers(const char *name)
{
	void *v;
	int i, ok = 1;

	stop = 1;
	for (i = 0; i < NW; i++)
		if (pthread_join(workers[i], &v) != 0 || v != (void *)(long)(i + 100))
			ok = 0;
	ft_check(ok, name, "joining the workers failed or returned wrong values");
}

/* Do the workers' counters move within `tries` yields? */
static int counters_move(int tries)
{
	int before[NW], i, moved;

	for (i = 0; i < NW; i++)
		before[i] = counts[i];
	for (; tries > 0; tries--) {
		sched_yield();
		for (moved = 0, i = 0; i < NW; i++)
			moved += counts[i] != before[i];
		if (moved == NW)
			return 1;
	}
	return 0;
}

static void *plain(void *arg)
{
	return (void *)((long)arg * 2);
}

static void test_library(void)
{
	pthread_t t[4];
	void *v;
	int i, ok = 1;
	thread_t tt, dep;

	for (i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, plain, (void *)(long)(i + 1)) != 0)
			ok = 0;
	ft_check(ok, "threads.pthread_create", "a create failed");
	ft_check(t[0] != t[1] && t[0] != pthread_self() && t[2] != t[3], "threads.distinct_ids",
	    "ids %u %u %u %u, self %u", t[0], t[1], t[2], t[3], pthread_self());
	for (i = 0; i < 4; i++) {
		v = NULL;
		if (pthread_join(t[i], &v) != 0 || v != (void *)((long)(i + 1) * 2))
			ok = 0;
	}
	ft_check(ok, "threads.pthread_join_values", "a join failed or returned the wrong value");
	ft_check(pthread_join(t[0], NULL) == ESRCH, "threads.join_twice_esrch", "second join of a thread");
	ft_check(thr_create(NULL, 0, plain, (void *)21, 0, &tt) == 0, "threads.thr_create", "failed");
	v = NULL;
	ft_check(thr_join(0, &dep, &v) == 0 && dep == tt && v == (void *)42, "threads.thr_join_any",
	    "departed %u (want %u), value %ld", dep, tt, (long)v);
	ft_check(thr_join(0, &dep, NULL) == EDEADLK, "threads.thr_join_none_left", "want EDEADLK");
}

static void test_fork1(void)
{
	pthread_t self = pthread_self();
	pid_t pid;

	if (!start_workers()) {
		ft_fail("threads.fork1.setup", "pthread_create failed");
		return;
	}
	pid = fork1();
	if (pid == 0) {
		pthread_t t;
		void *v;
		ft_failures = 0;
		ft_check(!counters_move(100), "threads.fork1.child_has_no_worker_copies",
		    "a worker's counter moved in the child");
		ft_check(pthread_join(workers[0], NULL) == ESRCH, "threads.fork1.child_join_esrch",
		    "joining a thread that was not copied");
		ft_check(pthread_self() == self, "threads.fork1.child_keeps_lwpid", "self %u, want %u",
		    pthread_self(), self);
		ft_check(pthread_create(&t, NULL, plain, (void *)5) == 0 && pthread_join(t, &v) == 0 &&
		    v == (void *)10, "threads.fork1.child_can_create_threads", "create/join in the child");
		ft_child_exit();
	}
	ft_check(counters_move(1000), "threads.fork1.parent_workers_run", "the parent's workers stopped");
	ft_child_ok(pid, "threads.fork1.child");
	stop_workers("threads.fork1.parent_join");
}

static void test_forkall(void)
{
	pthread_t self = pthread_self();
	pid_t pid;

	if (!start_workers()) {
		ft_fail("threads.forkall.setup", "pthread_create failed");
		return;
	}
	pid = forkall();
	if (pid == 0) {
		ft_failures = 0;
		ft_check(counters_move(1000), "threads.forkall.child_workers_run",
		    "the copies of the workers do not run in the child");
		ft_check(pthread_self() == self, "threads.forkall.child_keeps_lwpid", "self %u, want %u",
		    pthread_self(), self);
		stop_workers("threads.forkall.child_joins_copies");
		ft_child_exit();
	}
	ft_check(counters_move(1000), "threads.forkall.parent_workers_run", "the parent's workers stopped");
	ft_child_ok(pid, "threads.forkall.child");
	stop_workers("threads.forkall.parent_join");
}

/* fork1 or forkall from a thread that is not main: the result comes back as the thread's value. */
static volatile int use_forkall;
static pthread_t main_tid;

static void *forking_thread(void *arg)
{
	pthread_t me = pthread_self();
	pid_t pid;
	int st;

	(void)arg;
	pid = use_forkall ? forkall() : fork1();
	if (pid == 0) {
		int ok = pthread_self() == me;
		if (!use_forkall)
			ok = ok && pthread_join(main_tid, NULL) == ESRCH;
		exit(ok ? 0 : 1);	/* in a forkall child this also ends main's copy */
	}
	if (pid < 0)
		return (void *)-1L;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return (void *)-2L;
	return (void *)(long)st;
}

static void test_from_thread(int all)
{
	pthread_t t;
	void *v = (void *)-3L;
	const char *name = all ? "threads.forkall_from_thread" : "threads.fork1_from_thread";
	char n1[64], n2[64];

	use_forkall = all;
	main_tid = pthread_self();
	if (pthread_create(&t, NULL, forking_thread, NULL) != 0) {
		ft_fail(name, "pthread_create failed");
		return;
	}
	/* main waits in pthread_join (lwp_wait) while the thread forks: under forkall that sleep
	   is interrupted (EINTR) in both processes and thr_join retries it */
	snprintf(n1, sizeof(n1), "%s.join", name);
	snprintf(n2, sizeof(n2), "%s.child", name);
	ft_check(pthread_join(t, &v) == 0, n1, "pthread_join failed");
	ft_check((long)v >= 0 && WIFEXITED((int)(long)v) && WEXITSTATUS((int)(long)v) == 0, n2,
	    "the child's checks: %s", (long)v < 0 ? "fork or wait failed" : ft_status((int)(long)v));
}

int main(void)
{
	test_library();
	test_fork1();
	test_forkall();
	test_from_thread(0);
	test_from_thread(1);
	return ft_done();
}
