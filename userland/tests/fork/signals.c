/*
 * signals.c — signals across fork (issue 3 acceptance): handlers, SIG_IGN and the signal mask
 * are inherited; signals pending in the parent are not pending in the child (and stay pending in
 * the parent); the parent gets SIGCHLD when a child exits; a signal sent to the child runs the
 * child's inherited handler. Uses SIGUSR1 (16) and SIGUSR2 (17), the Solaris numbers.
 */
#include "ftest.h"
#include <signal.h>
#include <sched.h>

static volatile int usr1, usr2, chld;

static void on_usr1(int s) { (void)s; usr1++; }
static void on_usr2(int s) { (void)s; usr2++; }
static void on_chld(int s) { (void)s; chld++; }

static void handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigaction(sig, &sa, NULL);
}

static void test_inheritance(void)
{
	sigset_t set, pend;
	pid_t pid;

	handle(SIGUSR1, on_usr1);
	handle(SIGUSR2, on_usr2);
	handle(SIGTERM, (void (*)(int))SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);				/* pending in the parent */
	sigemptyset(&pend);
	sigpending(&pend);
	ft_check(sigismember(&pend, SIGUSR2) == 1, "signals.parent_pending_before_fork", "SIGUSR2 not pending");
	usr1 = usr2 = 0;
	pid = fork();
	if (pid == 0) {
		sigset_t cur;
		ft_failures = 0;
		sigemptyset(&pend);
		sigpending(&pend);
		ft_check(sigismember(&pend, SIGUSR2) == 0, "signals.child_no_pending", "SIGUSR2 pending in the child");
		sigprocmask(SIG_BLOCK, NULL, &cur);
		ft_check(sigismember(&cur, SIGUSR2) == 1, "signals.child_mask_inherited", "SIGUSR2 not blocked");
		raise(SIGUSR1);
		ft_check(usr1 == 1, "signals.child_handler_inherited", "SIGUSR1 handler ran %d times", usr1);
		{
			struct sigaction sa;
			sigaction(SIGTERM, NULL, &sa);
			ft_check(sa.sa_handler == SIG_IGN, "signals.child_sig_ign_inherited",
			    "SIGTERM disposition %p", (void *)sa.sa_handler);
		}
		raise(SIGTERM);		/* ignored: the child must live on to exit 0 */
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		ft_check(usr2 == 0, "signals.child_nothing_delivered_on_unblock", "SIGUSR2 handler ran %d times", usr2);
		ft_child_exit();
	}
	ft_child_ok(pid, "signals.child");
	sigemptyset(&pend);
	sigpending(&pend);
	ft_check(sigismember(&pend, SIGUSR2) == 1, "signals.parent_still_pending", "SIGUSR2 no longer pending");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	ft_check(usr2 == 1, "signals.parent_delivered_on_unblock", "SIGUSR2 handler ran %d times", usr2);
	handle(SIGTERM, (void (*)(int))SIG_DFL);
}

static void test_sigchld(void)
{
	pid_t pid;
	int i;

	chld = 0;
	handle(SIGCHLD, on_chld);
	pid = fork();
	if (pid == 0)
		exit(0);
	ft_child_ok(pid, "signals.sigchld_child");
	for (i = 0; i < 100 && chld == 0; i++)
		sched_yield();
	ft_check(chld == 1, "signals.sigchld_on_exit", "SIGCHLD handler ran %d times", chld);
	handle(SIGCHLD, (void (*)(int))SIG_DFL);
}

static void test_kill_child(void)
{
	int ready[2], st;
	pid_t pid;
	char c;

	if (pipe(ready) < 0) {
		ft_fail("signals.kill_child", "pipe: %s", strerror(errno));
		return;
	}
	usr1 = 0;
	handle(SIGUSR1, on_usr1);
	pid = fork();
	if (pid == 0) {
		int i;
		close(ready[0]);
		write(ready[1], "r", 1);
		for (i = 0; i < 2000 && usr1 == 0; i++)
			sched_yield();
		exit(usr1 == 1 ? 0 : 1);
	}
	close(ready[1]);
	read(ready[0], &c, 1);
	ft_check(kill(pid, SIGUSR1) == 0, "signals.kill_child.send", "%s", strerror(errno));
	st = ft_wait(pid, "signals.kill_child");
	if (st != -1)
		ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "signals.kill_child_runs_inherited_handler",
		    "%s", ft_status(st));
	close(ready[0]);
}

int main(void)
{
	test_inheritance();
	test_sigchld();
	test_kill_child();
	return ft_done();
}
