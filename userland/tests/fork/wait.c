/*
 * wait.c — the wait family around fork: WNOHANG returns 0 while the child runs; WNOWAIT leaves
 * the child waitable; waitid(P_PID) fills si_signo/si_code/si_pid/si_status; process groups:
 * a child that makes its own group (setpgid) is not found by waitpid(0) but is by
 * waitpid(-pgid) and waitid(P_PGID); setsid makes a new session; getpgid/getsid of a child.
 */
#include "ftest.h"
#include <signal.h>
#include <sched.h>

static int gate[2];

/* A child that waits until the parent writes to the gate, then exits with `code`. */
static pid_t gated_child(int code, int own_group, int new_session)
{
	pid_t pid = fork();

	if (pid == 0) {
		char c;
		if (own_group)
			setpgid(0, 0);
		if (new_session)
			setsid();
		close(gate[1]);
		read(gate[0], &c, 1);
		exit(code);
	}
	return pid;
}

static void open_gate(void)
{
	write(gate[1], "gg", 2);
}

static void test_nohang_nowait(void)
{
	siginfo_t info;
	pid_t pid;
	int st = -1, r;

	pid = gated_child(5, 0, 0);
	ft_check(waitpid(pid, &st, WNOHANG) == 0, "wait.wnohang_running", "returned non-zero for a running child");
	open_gate();
	memset(&info, 0, sizeof(info));
	do
		r = waitid(P_PID, pid, &info, WEXITED | WNOWAIT);
	while (r < 0 && errno == EINTR);
	ft_check(r == 0 && info.si_pid == pid && info.si_signo == SIGCHLD && info.si_code == CLD_EXITED &&
	    info.si_status == 5, "wait.waitid_siginfo", "r %d pid %ld signo %d code %d status %d", r,
	    (long)info.si_pid, info.si_signo, info.si_code, info.si_status);
	st = ft_wait(pid, "wait.after_wnowait");
	ft_check(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 5, "wait.wnowait_left_child_waitable",
	    "%s", ft_status(st));
}

static void test_groups(void)
{
	pid_t same, own;
	int st, r, i;
	siginfo_t info;

	same = gated_child(1, 0, 0);
	own = gated_child(2, 1, 0);
	for (i = 0; i < 200 && getpgid(own) != own; i++)
		sched_yield();
	ft_check(getpgid(own) == own, "wait.child_setpgid", "getpgid(child) %ld", (long)getpgid(own));
	ft_check(getpgid(same) == getpgrp(), "wait.child_inherits_pgrp", "getpgid %ld, ours %ld",
	    (long)getpgid(same), (long)getpgrp());
	open_gate();
	r = -1;
	do
		r = waitpid(0, &st, 0);
	while (r < 0 && errno == EINTR);
	ft_check(r == same && WEXITSTATUS(st) == 1, "wait.waitpid_0_own_group", "returned %d (%s)", r, ft_status(st));
	ft_check(waitpid(0, &st, WNOHANG) == -1 && errno == ECHILD, "wait.waitpid_0_skips_other_group",
	    "found a child outside our group");
	memset(&info, 0, sizeof(info));
	do
		r = waitid(P_PGID, own, &info, WEXITED | WNOWAIT);
	while (r < 0 && errno == EINTR);
	ft_check(r == 0 && info.si_pid == own, "wait.waitid_p_pgid", "r %d pid %ld", r, (long)info.si_pid);
	do
		r = waitpid(-own, &st, 0);
	while (r < 0 && errno == EINTR);
	ft_check(r == own && WEXITSTATUS(st) == 2, "wait.waitpid_minus_pgid", "returned %d (%s)", r, ft_status(st));
}

static void test_session(void)
{
	pid_t pid;
	int i;

	pid = gated_child(0, 0, 1);
	for (i = 0; i < 200 && getsid(pid) != pid; i++)
		sched_yield();
	ft_check(getsid(pid) == pid, "wait.child_setsid", "getsid(child) %ld", (long)getsid(pid));
	ft_check(getsid(0) != pid && getsid(0) > 0, "wait.our_session_unchanged", "getsid(0) %ld", (long)getsid(0));
	open_gate();
	ft_child_ok(pid, "wait.session_child");
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		exit(setsid() == -1 && errno == EPERM ? 0 : 1);
	}
	ft_child_ok(pid, "wait.setsid_by_group_leader_eperm");
}

int main(void)
{
	if (pipe(gate) < 0) {
		ft_fail("wait.pipe", "%s", strerror(errno));
		return ft_done();
	}
	test_nohang_nowait();
	close(gate[0]);
	close(gate[1]);
	pipe(gate);
	test_groups();
	close(gate[0]);
	close(gate[1]);
	pipe(gate);
	test_session();
	return ft_done();
}
