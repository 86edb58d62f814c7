/*
 * basic.c — fork return values and getppid (issue 3 acceptance): fork, fork1, forkall and vfork
 * return 0 in the child and the child's pid in the parent; the raw traps return (child pid, 0)
 * in the parent and (parent pid, 1) in the child (DESIGN §4); getpid/getppid agree on both sides;
 * exit codes 0, 1 and 255 come back through wait; successive children get distinct pids.
 */
#include "ftest.h"

/* The fork1 trap itself: %o0, %o1 and the carry bit, without the libc wrapper. */
static void raw_fork1(int *o0, int *o1, int *carry)
{
	register int r0 __asm__("o0");
	register int r1 __asm__("o1");
	int c;

	__asm__ volatile(
	    "mov 143, %%g1\n\t"
	    "ta 8\n\t"
	    "mov 0, %2\n\t"
	    "bcs,a 1f\n\t"
	    "mov 1, %2\n"
	    "1:"
	    : "=r"(r0), "=r"(r1), "=&r"(c)
	    :
	    : "g1", "cc", "memory");
	*o0 = r0;
	*o1 = r1;
	*carry = c;
}

/* One fork-family call: checks both sides through a pipe the child reports on. */
static void one(const char *name, pid_t (*fn)(void))
{
	pid_t me = getpid(), pid;
	int fd[2];
	long rep[3];
	char n1[64], n2[64], n3[64];

	if (pipe(fd) < 0) {
		ft_fail(name, "pipe: %s", strerror(errno));
		return;
	}
	pid = fn();
	if (pid == 0) {
		rep[0] = 0;
		rep[1] = getpid();
		rep[2] = getppid();
		write(fd[1], rep, sizeof(rep));
		exit(0);
	}
	close(fd[1]);
	snprintf(n1, sizeof(n1), "basic.%s.parent_gets_child_pid", name);
	ft_check(pid > 0 && pid != me, n1, "returned %ld (our pid %ld, errno %d)", (long)pid, (long)me, errno);
	if (pid < 0) {
		close(fd[0]);
		return;
	}
	memset(rep, 0xff, sizeof(rep));
	snprintf(n2, sizeof(n2), "basic.%s.child_pid_and_ppid", name);
	if (read(fd[0], rep, sizeof(rep)) != (ssize_t)sizeof(rep))
		ft_fail(n2, "no report from the child");
	else
		ft_check(rep[1] == pid && rep[2] == me, n2,
		    "child getpid() %ld (fork returned %ld), getppid() %ld (parent %ld)",
		    rep[1], (long)pid, rep[2], (long)me);
	close(fd[0]);
	snprintf(n3, sizeof(n3), "basic.%s.reaped", name);
	ft_child_ok(pid, n3);
}

static pid_t do_fork(void) { return fork(); }
static pid_t do_fork1(void) { return fork1(); }
static pid_t do_forkall(void) { return forkall(); }

static void test_vfork(void)
{
	static volatile long child_pid, child_ppid, child_ret = -1;
	pid_t me = getpid(), pid;

	pid = vfork();
	if (pid == 0) {
		child_ret = 0;
		child_pid = getpid();
		child_ppid = getppid();
		_exit(0);
	}
	ft_check(pid > 0 && pid != me, "basic.vfork.parent_gets_child_pid", "returned %ld", (long)pid);
	ft_check(child_ret == 0, "basic.vfork.child_gets_0", "child saw %ld", child_ret);
	ft_check(child_pid == pid && child_ppid == me, "basic.vfork.child_pid_and_ppid",
	    "child getpid() %ld (vfork returned %ld), getppid() %ld (parent %ld)", child_pid,
	    (long)pid, child_ppid, (long)me);
	if (pid > 0)
		ft_child_ok(pid, "basic.vfork.reaped");
}

static void test_raw(void)
{
	int o0, o1, carry, fd[2];
	pid_t me = getpid();
	int rep[3];

	if (pipe(fd) < 0) {
		ft_fail("basic.raw_trap", "pipe: %s", strerror(errno));
		return;
	}
	raw_fork1(&o0, &o1, &carry);
	if (!carry && o1 != 0) {
		rep[0] = o0;
		rep[1] = o1;
		rep[2] = getpid();
		write(fd[1], rep, sizeof(rep));
		_exit(0);
	}
	close(fd[1]);
	ft_check(!carry && o1 == 0 && o0 > 0 && o0 != me, "basic.raw_trap.parent_rvals",
	    "carry %d, %%o0 %d, %%o1 %d; want (child pid, 0)", carry, o0, o1);
	if (carry)
		return;
	if (read(fd[0], rep, sizeof(rep)) != (ssize_t)sizeof(rep))
		ft_fail("basic.raw_trap.child_rvals", "no report from the child");
	else
		ft_check(rep[0] == me && rep[1] == 1 && rep[2] == o0, "basic.raw_trap.child_rvals",
		    "child %%o0 %d %%o1 %d (want parent pid %ld, 1), child pid %d (parent got %d)",
		    rep[0], rep[1], (long)me, rep[2], o0);
	close(fd[0]);
	ft_child_ok(o0, "basic.raw_trap.reaped");
}

static void test_exit_codes(void)
{
	static const int codes[] = { 0, 1, 42, 255 };
	pid_t pids[4];
	unsigned int i;
	int st;
	char name[64];

	for (i = 0; i < 4; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			exit(codes[i]);
	}
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "basic.exit_code_%d", codes[i]);
		st = ft_wait(pids[i], name);
		if (st != -1)
			ft_check(WIFEXITED(st) && WEXITSTATUS(st) == codes[i] && !WIFSIGNALED(st), name,
			    "%s", ft_status(st));
	}
	ft_check(pids[0] != pids[1] && pids[1] != pids[2] && pids[2] != pids[3] && pids[0] != pids[3],
	    "basic.distinct_pids", "pids %ld %ld %ld %ld", (long)pids[0], (long)pids[1],
	    (long)pids[2], (long)pids[3]);
}

static void test_getppid_of_grandchild(void)
{
	pid_t c = fork();

	if (c == 0) {
		pid_t me = getpid(), g = fork();
		if (g == 0)
			exit(getppid() == me ? 0 : 1);
		ft_failures = 0;
		ft_child_ok(g, "basic.grandchild_getppid");
		ft_child_exit();
	}
	ft_child_ok(c, "basic.child_of_child");
}

int main(void)
{
	one("fork", do_fork);
	one("fork1", do_fork1);
	one("forkall", do_forkall);
	test_vfork();
	test_raw();
	test_exit_codes();
	test_getppid_of_grandchild();
	return ft_done();
}
