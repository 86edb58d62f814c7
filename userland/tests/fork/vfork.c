/*
 * vfork.c — vfork sharing and ordering (issue 3 acceptance): the child shares the parent's memory
 * (globals and the caller's stack frame); the parent does not return from vfork until the child
 * has called _exit or exec, even when the child yields and sleeps first; the parent's other LWPs
 * stay held while the child runs; the child's caught signals are reset to SIG_DFL (sigdefault)
 * while the parent keeps its handler; vfork + exec: exit status, exec failure, the parent's frame
 * intact afterwards.
 */
#include "ftest.h"
#include <signal.h>
#include <sched.h>
#include <time.h>
#include <pthread.h>

static volatile int shared_global;

static void test_sharing_and_order(void)
{
	volatile int local = 1;
	volatile int step = 0;
	static volatile long child_pid, child_ppid;
	pid_t me = getpid(), pid;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int i, st;

	shared_global = 10;
	pid = vfork();
	if (pid == 0) {
		step = 1;
		child_pid = getpid();
		child_ppid = getppid();
		for (i = 0; i < 20; i++)
			sched_yield();		/* the parent must still be waiting */
		nanosleep(&ts, NULL);
		shared_global = 20;
		local = 2;
		step = 2;
		_exit(7);
	}
	ft_check(pid > 0, "vfork.returns_pid", "vfork: %ld, errno %d", (long)pid, errno);
	if (pid < 0)
		return;
	ft_check(step == 2, "vfork.parent_waits_for_exit", "parent resumed with step %d (child not done)", step);
	ft_check(shared_global == 20, "vfork.shares_globals", "global %d, want 20", shared_global);
	ft_check(local == 2, "vfork.shares_stack_frame", "local %d, want 2", local);
	ft_check(child_pid == pid && child_ppid == me, "vfork.child_ids",
	    "child pid %ld ppid %ld; vfork returned %ld, parent %ld", child_pid, child_ppid, (long)pid, (long)me);
	st = ft_wait(pid, "vfork.reap");
	if (st != -1)
		ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 7, "vfork.exit_status", "%s", ft_status(st));
}

static void test_exec(void)
{
	volatile int step = 0;
	int pattern[16], i, st, ok;
	char *argv[] = { "fork_helper", "exit", "42", NULL };
	static volatile int exec_errno;
	pid_t pid;

	for (i = 0; i < 16; i++)
		pattern[i] = i * 7 + 1;
	pid = vfork();
	if (pid == 0) {
		step = 1;
		execv("/bin/fork_helper", argv);
		_exit(99);
	}
	ft_check(step == 1, "vfork.exec.parent_waits_for_exec", "step %d", step);
	st = ft_wait(pid, "vfork.exec.reap");
	if (st != -1)
		ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 42, "vfork.exec.status", "%s (want exit 42)", ft_status(st));
	for (ok = 1, i = 0; i < 16; i++)
		ok &= pattern[i] == i * 7 + 1;
	ft_check(ok, "vfork.exec.parent_frame_intact", "a local array changed");

	exec_errno = 0;
	pid = vfork();
	if (pid == 0) {
		execv("/no/such/program", argv);
		exec_errno = errno;
		_exit(9);
	}
	st = ft_wait(pid, "vfork.exec_fail.reap");
	ft_check(exec_errno == ENOENT, "vfork.exec_fail.errno", "child saw errno %d, want ENOENT", exec_errno);
	if (st != -1)
		ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 9, "vfork.exec_fail.status", "%s", ft_status(st));
}

static volatile int usr1_caught;
static void on_usr1(int sig)
{
	(void)sig;
	usr1_caught++;
}

static void test_signals(void)
{
	struct sigaction sa, old;
	static volatile int child_saw_dfl = -1;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, &old);
	pid = vfork();
	if (pid == 0) {
		struct sigaction cur;
		if (sigaction(SIGUSR1, NULL, &cur) == 0)
			child_saw_dfl = cur.sa_handler == SIG_DFL;
		_exit(0);
	}
	ft_wait(pid, "vfork.sigdefault.reap");
	ft_check(child_saw_dfl == 1, "vfork.child_handlers_reset", "child's SIGUSR1 disposition %s",
	    child_saw_dfl == 0 ? "was still the handler" : "could not be read");
	usr1_caught = 0;
	raise(SIGUSR1);
	ft_check(usr1_caught == 1, "vfork.parent_keeps_handler", "handler ran %d times", usr1_caught);
	sigaction(SIGUSR1, &old, NULL);
}

static volatile int spin_stop, spin_count;
static void *spinner(void *arg)
{
	(void)arg;
	while (!spin_stop) {
		spin_count++;
		sched_yield();
	}
	return NULL;
}

static void test_other_lwps_held(void)
{
	static volatile int before, after;
	pthread_t t;
	pid_t pid;
	int i;

	spin_stop = 0;
	spin_count = 0;
	if (pthread_create(&t, NULL, spinner, NULL) != 0) {
		ft_fail("vfork.other_lwps_held", "pthread_create failed");
		return;
	}
	while (spin_count < 5)
		sched_yield();
	pid = vfork();
	if (pid == 0) {
		before = spin_count;
		for (i = 0; i < 50; i++)
			sched_yield();
		after = spin_count;
		_exit(0);
	}
	ft_check(pid > 0 && before == after, "vfork.other_lwps_held",
	    "the parent's other thread ran while the child lived (%d -> %d)", before, after);
	if (pid > 0)
		ft_wait(pid, "vfork.other_lwps_held.reap");
	before = spin_count;
	for (i = 0; i < 1000 && spin_count == before; i++)
		sched_yield();
	ft_check(spin_count != before, "vfork.other_lwps_continue",
	    "the other thread did not run again after the child exited");
	spin_stop = 1;
	pthread_join(t, NULL);
}

int main(void)
{
	test_sharing_and_order();
	test_exec();
	test_signals();
	test_other_lwps_held();
	return ft_done();
}
