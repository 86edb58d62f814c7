/*
 * threads.c — signals in a process with two LWPs: a process-directed signal goes to the thread
 * that does not block it (the handler runs on that thread), a thread asleep in sigsuspend is
 * woken by it, each thread keeps its own mask, and a new thread inherits its creator's mask.
 * Prints PASS/FAIL lines; exits 0 only if all pass.
 */
#include "sigtest.h"
#include <pthread.h>
#include <sched.h>

static volatile int hits;
static volatile pthread_t handled_by;
static volatile int worker_ready, worker_inherited, worker_done;

static void h(int sig)
{
	(void)sig;
	hits++;
	handled_by = pthread_self();
}

static void *worker(void *arg)
{
	sigset_t none, s;

	(void)arg;
	worker_inherited = blocked(SIGUSR1) && blocked(SIGUSR2);
	/* Take SIGUSR1 here (the main thread keeps it blocked); SIGUSR2 stays blocked. */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &s, NULL);
	sigemptyset(&none);
	sigaddset(&none, SIGUSR2);
	worker_ready = 1;
	while (hits == 0)
		sigsuspend(&none);
	worker_done = 1;
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	sigset_t s;
	pthread_t tid;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	CHECK("pthread_create", pthread_create(&tid, NULL, worker, NULL) == 0);
	for (i = 0; i < 1000 && !worker_ready; i++)
		sched_yield();
	CHECK("worker_started", worker_ready);
	CHECK("worker_inherits_mask", worker_inherited);
	CHECK("main_mask_unchanged_by_worker", blocked(SIGUSR1));
	kill(getpid(), SIGUSR1);
	CHECK("pthread_join", pthread_join(tid, NULL) == 0);
	CHECK("worker_woken_from_sigsuspend", worker_done);
	CHECK("handled_once", hits == 1);
	CHECK("handled_by_unblocking_thread", pthread_equal(handled_by, tid));
	CHECK("main_still_blocks_usr1", blocked(SIGUSR1));
	return sig_done();
}
