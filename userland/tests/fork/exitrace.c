/*
 * exitrace.c — two lwps of one process ending it at the same moment: exec against exit, exec
 * against exec, exit against exit. exitlwps() picks one winner (SEXITLWPS); the loser's exec
 * fails with EINTR or its exit gives way, and it ends at its hold point. The process must end
 * either way — with the winner's status — never hang with both lwps waiting for each other.
 * Each race runs in a child, many times, with one lwp or the other held back a little longer
 * each time so that the second arrives while the first is inside exitlwps. Also: an exit and an
 * exec while the other lwp sleeps in sigwait for a signal that never comes (its sleep must end,
 * though no signal arrives, for it to exit at its hold point).
 */
#include "ftest.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <time.h>

static volatile int go, ready;
static int mode, delay, main_delay;

static char *hello_argv[] = { "hello", NULL };
static char *env[] = { NULL };

/* The second lwp: wait for the signal, spin `delay` loops, then exec or exit. */
static void *racer(void *arg)
{
	volatile int i;

	(void)arg;
	ready = 1;
	while (!go)
		;
	for (i = 0; i < delay; i++)
		;
	if (mode == 1)
		execve("/bin/hello", hello_argv, env);
	_exit(3);
	return NULL;
}

/* One race in a child: mode 0 exec (main) vs exit 3, mode 1 exec vs exec, mode 2 exit 4 vs exit 3. */
static int race(int m, int d, int md)
{
	pthread_t t;
	int st, pid;
	volatile int i;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		mode = m;
		delay = d;
		main_delay = md;
		if (pthread_create(&t, NULL, racer, NULL) != 0)
			_exit(99);
		while (!ready)
			sched_yield();
		go = 1;
		for (i = 0; i < main_delay; i++)
			;
		if (m == 2)
			_exit(4);
		execve("/bin/hello", hello_argv, env);
		_exit(errno == EINTR ? 3 : 98);	/* the exit won: it ends us with 3 anyway */
	}
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* The other lwp: sleep in sigwait for SIGUSR2, which nobody sends. */
static void *waiter(void *arg)
{
	sigset_t set;
	int sig;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	ready = 1;
	sigwait(&set, &sig);
	_exit(97);
	return NULL;
}

/* exit (how 0) or exec (how 1) while the other lwp sleeps in sigwait: the status. */
static int while_sleeping(int how)
{
	struct timespec ts = { 0, 20000000 };
	sigset_t set;
	pthread_t t;
	int st, pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
		ready = 0;
		if (pthread_create(&t, NULL, waiter, NULL) != 0)
			_exit(99);
		while (!ready)
			sched_yield();
		nanosleep(&ts, NULL);
		if (how == 1)
			execve("/bin/hello", hello_argv, env);
		_exit(5);
	}
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

int main(void)
{
	static const char *names[] = { "exec vs exit", "exec vs exec", "exit vs exit" };
	int m, d, st, ok, side;
	char name[64];

	for (m = 0; m < 3; m++) {
		ok = 1;
		for (side = 0; side < 2; side++) for (d = 0; d < 1600 && ok; d += 40) {
			st = side ? race(m, 0, d) : race(m, d, 0);
			/* exec won: hello exits 0; exit won: 3 (or 4, main's own exit, in mode 2). */
			ok = WIFEXITED(st) && (WEXITSTATUS(st) == 0 ? m != 2 : WEXITSTATUS(st) == 3 || (m == 2 && WEXITSTATUS(st) == 4));
			if (!ok)
				printf("  %s, %s held back %d: status 0x%x\n", names[m], side ? "main" : "racer", d, st);
		}
		snprintf(name, sizeof name, "exitrace %s: one lwp wins, the process ends", names[m]);
		ft_check(ok, name, "see the status above");
	}
	st = while_sleeping(0);
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 5, "exit while the other lwp sleeps in sigwait", "status 0x%x", st);
	st = while_sleeping(1);
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec while the other lwp sleeps in sigwait", "status 0x%x", st);
	return ft_done();
}
