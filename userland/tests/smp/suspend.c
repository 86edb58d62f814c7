/*
 * suspend.c — suspended lwps (thr_create THR_SUSPENDED, thr_suspend/thr_continue, i.e. the
 * lwp_create LWP_SUSPENDED flag and the lwp_suspend/lwp_continue system calls) and the ends of a
 * process that has some: exit, exec and SIGKILL must not wait for them to run again.
 *
 * `suspend MODE` runs one mode in this process, because each one ends it:
 *   exit  create a thread THR_SUSPENDED (never continued) and two spinning threads stopped with
 *         thr_suspend (one counts without system calls, one yields every time), then exit(0):
 *         the process must end with status 0 (whoever waits for it — init under `forkvm run` —
 *         must be able to reap it; `forkvm run` reports the exit status).
 *   exec  the same threads, then execv("/bin/hello"): it must succeed (hello greets, exit 0).
 *   kill  a forked child sets up the same threads and waits in pause(); the parent kills it
 *         with SIGKILL and waitpid must report WIFSIGNALED with SIGKILL.
 * With no argument every mode runs in a forked child in turn (exec's output comes back through a
 * pipe and is checked), waited for with a guest-time limit so that a child stuck in the kernel is
 * a FAIL line, not a hang; first, in another child, the round trip: a THR_SUSPENDED thread does
 * not run until thr_continue; a counting thread stops counting once thr_suspend returns, stays
 * stopped, and counts again after thr_continue; a second thr_suspend and a thr_continue of a
 * running thread have no effect (Solaris: "subsequent calls have no effect"); both calls give
 * ESRCH for a thread that does not exist.
 *
 * SIGSYS is ignored, so that a kernel without lwp_suspend/lwp_continue makes the calls fail
 * with ENOSYS (reported as FAIL lines) instead of killing the program.
 * Output is printed by one thread at a time in a fixed order (a child prints only while the
 * parent waits for it). Exit status 0 iff every check passed.
 */
#include "smp.h"

#define LIMIT_MS 3000	/* guest time a child gets to end */

/* The threads every mode sets up. */
static volatile int never_ran;		/* set if the THR_SUSPENDED thread ever runs */
static volatile int pure_count, yield_count, spin_stop;
static thread_t never_tid, pure_tid, yield_tid;
static char setup_why[160];

static void *never_thread(void *arg)
{
	(void)arg;
	never_ran = 1;
	return NULL;
}

/* Counts without entering the kernel: it must be stopped where it runs, in user mode. */
static void *pure_spinner(void *arg)
{
	(void)arg;
	while (!spin_stop)
		pure_count++;
	return NULL;
}

/* Counts and yields: it is in and out of the kernel all the time. */
static void *yield_spinner(void *arg)
{
	(void)arg;
	while (!spin_stop) {
		yield_count++;
		sched_yield();
	}
	return NULL;
}

/* thr_suspend(t), then check that *count stays put; 1 if so (else setup_why says why). */
static int suspend_spinner(thread_t t, volatile int *count, const char *what)
{
	int e, c;

	while (*count == 0)
		sched_yield();
	e = thr_suspend(t);
	if (e != 0) {
		snprintf(setup_why, sizeof(setup_why), "thr_suspend(%s): %s", what, strerror(e));
		return 0;
	}
	c = *count;
	smp_nap(20);
	if (*count != c) {
		snprintf(setup_why, sizeof(setup_why), "the %s spinner counted on after thr_suspend (%d -> %d)",
		    what, c, *count);
		return 0;
	}
	return 1;
}

/* The common setup: one never-started thread and two suspended spinners. 1 if all went well. */
static int setup_suspended(void)
{
	int e;

	setup_why[0] = '\0';
	e = thr_create(NULL, 0, never_thread, NULL, THR_SUSPENDED, &never_tid);
	if (e != 0) {
		snprintf(setup_why, sizeof(setup_why), "thr_create(THR_SUSPENDED): %s", strerror(e));
		return 0;
	}
	e = thr_create(NULL, 0, pure_spinner, NULL, 0, &pure_tid);
	if (e == 0)
		e = thr_create(NULL, 0, yield_spinner, NULL, 0, &yield_tid);
	if (e != 0) {
		snprintf(setup_why, sizeof(setup_why), "thr_create: %s", strerror(e));
		return 0;
	}
	if (!suspend_spinner(pure_tid, &pure_count, "pure") ||
	    !suspend_spinner(yield_tid, &yield_count, "yielding"))
		return 0;
	if (never_ran) {
		snprintf(setup_why, sizeof(setup_why), "the THR_SUSPENDED thread ran");
		return 0;
	}
	return 1;
}

/* Write a line to fd (a child's report to its parent). */
static void report(int fd, const char *s)
{
	char line[200];

	snprintf(line, sizeof(line), "%s\n", s);
	write(fd, line, strlen(line));
}

static char *hello_argv[] = { "hello", "from-suspend-exec", NULL };

/* ------------------------------------------------------------------------------------------ */
/* The modes, run in this process (`suspend MODE`).                                            */

static int mode_exit(void)
{
	int ok = setup_suspended();

	ft_check(ok, "suspend.exit.setup", "%s", setup_why);
	printf("suspend.exit: exit(%d) with a THR_SUSPENDED thread and two suspended spinners\n", ok ? 0 : 1);
	fflush(stdout);
	exit(ok ? 0 : 1);
}

static int mode_exec(void)
{
	int ok = setup_suspended();

	ft_check(ok, "suspend.exec.setup", "%s", setup_why);
	printf("suspend.exec: execv /bin/hello with a THR_SUSPENDED thread and two suspended spinners\n");
	fflush(stdout);
	execv("/bin/hello", hello_argv);
	ft_fail("suspend.exec.execv", "execv /bin/hello: %s", strerror(errno));
	return ft_done();
}

/* The parent side of kill (also used with no argument). */
static void kill_child(void)
{
	int fds[2], st = 0, r;
	char buf[200];
	ssize_t n;
	pid_t pid;

	if (pipe(fds) < 0) {
		ft_fail("suspend.kill.setup", "pipe: %s", strerror(errno));
		return;
	}
	pid = fork1();
	if (pid == 0) {
		close(fds[0]);
		report(fds[1], setup_suspended() ? "ok" : setup_why);
		for (;;)
			pause();
	}
	close(fds[1]);
	if (pid < 0) {
		ft_fail("suspend.kill.setup", "fork1: %s", strerror(errno));
		close(fds[0]);
		return;
	}
	while ((n = read(fds[0], buf, sizeof(buf) - 1)) < 0 && errno == EINTR)
		;
	close(fds[0]);
	buf[n > 0 ? n - 1 : 0] = '\0';	/* drop the newline */
	ft_check(strcmp(buf, "ok") == 0, "suspend.kill.child_setup", "%s", n > 0 ? buf : "no report");
	ft_check(kill(pid, SIGKILL) == 0, "suspend.kill.kill", "kill: %s", strerror(errno));
	r = smp_wait_limit(pid, &st, LIMIT_MS);
	if (ft_check(r == 1, "suspend.kill.reaped", "%s", r == 0 ? "the killed child is still there" :
	    strerror(errno)))
		ft_check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "suspend.kill.status",
		    "%s (want killed by signal %d)", ft_status(st), SIGKILL);
}

/* ------------------------------------------------------------------------------------------ */
/* The round trip (in a child, with no argument).                                               */

static void roundtrip_spinner(const char *what, void *(*fn)(void *), volatile int *count)
{
	char n[80];
	thread_t t;
	int c1, c2, e, i;

	spin_stop = 0;
	*count = 0;
	snprintf(n, sizeof(n), "suspend.roundtrip.%s.create", what);
	if (!ft_check(thr_create(NULL, 0, fn, NULL, 0, &t) == 0, n, "thr_create failed"))
		return;
	while (*count == 0)
		sched_yield();
	snprintf(n, sizeof(n), "suspend.roundtrip.%s.continue_running_no_effect", what);
	e = thr_continue(t);
	c1 = *count;
	for (i = 0; i < 200 && *count == c1; i++)
		sched_yield();
	ft_check(e == 0 && *count != c1, n, "thr_continue of a running thread: %s, counting: %s",
	    e ? strerror(e) : "0", *count != c1 ? "yes" : "no");
	snprintf(n, sizeof(n), "suspend.roundtrip.%s.suspend", what);
	e = thr_suspend(t);
	ft_check(e == 0, n, "thr_suspend: %s", strerror(e));
	c1 = *count;
	smp_nap(30);
	c2 = *count;
	snprintf(n, sizeof(n), "suspend.roundtrip.%s.stopped", what);
	ft_check(c1 == c2, n, "counted %d -> %d while suspended", c1, c2);
	snprintf(n, sizeof(n), "suspend.roundtrip.%s.suspend_again_no_effect", what);
	e = thr_suspend(t);
	smp_nap(10);
	ft_check(e == 0 && *count == c2, n, "second thr_suspend: %s, counted %d -> %d",
	    e ? strerror(e) : "0", c2, *count);
	snprintf(n, sizeof(n), "suspend.roundtrip.%s.continue", what);
	e = thr_continue(t);
	ft_check(e == 0, n, "thr_continue: %s", strerror(e));
	for (i = 0; i < 100 && *count == c2; i++)
		smp_nap(10);
	snprintf(n, sizeof(n), "suspend.roundtrip.%s.counts_again", what);
	ft_check(*count != c2, n, "still at %d a second after one thr_continue (after two thr_suspend)", c2);
	spin_stop = 1;
	snprintf(n, sizeof(n), "suspend.roundtrip.%s.join", what);
	if (*count != c2)
		ft_check(thr_join(t, NULL, NULL) == 0, n, "thr_join failed");
	else
		ft_fail(n, "not joined: it does not run");
}

static void roundtrip(void)
{
	thread_t t;
	int e, i;

	never_ran = 0;
	e = thr_create(NULL, 0, never_thread, NULL, THR_SUSPENDED, &t);
	if (ft_check(e == 0, "suspend.roundtrip.created_suspended.create", "thr_create: %s", strerror(e))) {
		smp_nap(30);
		ft_check(!never_ran, "suspend.roundtrip.created_suspended.does_not_run",
		    "a THR_SUSPENDED thread ran before thr_continue");
		e = thr_continue(t);
		ft_check(e == 0, "suspend.roundtrip.created_suspended.continue", "thr_continue: %s", strerror(e));
		for (i = 0; i < 100 && !never_ran; i++)
			smp_nap(10);
		ft_check(never_ran, "suspend.roundtrip.created_suspended.runs", "it did not run after thr_continue");
		if (never_ran) {
			ft_check(thr_join(t, NULL, NULL) == 0, "suspend.roundtrip.created_suspended.join",
			    "thr_join failed");
			/* t has exited and been joined: it no longer exists */
			e = thr_suspend(t);
			ft_check(e == ESRCH, "suspend.roundtrip.suspend_gone_esrch", "thr_suspend: %s, want ESRCH",
			    e ? strerror(e) : "0");
			e = thr_continue(t);
			ft_check(e == ESRCH, "suspend.roundtrip.continue_gone_esrch", "thr_continue: %s, want ESRCH",
			    e ? strerror(e) : "0");
		}
	}
	e = thr_suspend(4000);
	ft_check(e == ESRCH, "suspend.roundtrip.suspend_unknown_esrch", "thr_suspend(4000): %s, want ESRCH",
	    e ? strerror(e) : "0");
	e = thr_continue(4000);
	ft_check(e == ESRCH, "suspend.roundtrip.continue_unknown_esrch", "thr_continue(4000): %s, want ESRCH",
	    e ? strerror(e) : "0");
	roundtrip_spinner("pure", pure_spinner, &pure_count);
	roundtrip_spinner("yielding", yield_spinner, &yield_count);
}

/* ------------------------------------------------------------------------------------------ */
/* No argument: every mode in a child.                                                         */

/*
 * Wait (with the limit) for a child; `name`.ended when it was reaped. A child still there is
 * killed with SIGKILL and given a little more time (it may be stuck where SIGKILL cannot help).
 * The status word, or -1.
 */
static int reap_child(pid_t pid, const char *name)
{
	char n[80];
	int st = 0, r;

	r = smp_wait_limit(pid, &st, LIMIT_MS);
	snprintf(n, sizeof(n), "%s.ended", name);
	if (r == 1) {
		ft_check(1, n, "-");
		return st;
	}
	if (r < 0) {
		ft_fail(n, "waitpid: %s", strerror(errno));
		return -1;
	}
	kill(pid, SIGKILL);
	r = smp_wait_limit(pid, &st, 500);
	ft_fail(n, "child %ld did not end in %d ms of guest time%s", (long)pid, LIMIT_MS,
	    r == 1 ? " (SIGKILL ended it)" : "; SIGKILL did not end it either");
	return -1;
}

static void run_roundtrip_child(void)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork1();
	if (pid == 0) {
		ft_failures = 0;
		roundtrip();
		fflush(stdout);
		ft_child_exit();	/* with a thread that never ran, if thr_continue failed */
	}
	if (pid < 0) {
		ft_fail("suspend.roundtrip", "fork1: %s", strerror(errno));
		return;
	}
	st = reap_child(pid, "suspend.roundtrip");
	if (st != -1)
		ft_check(smp_exited(st, 0), "suspend.roundtrip.child", "%s", ft_status(st));
}

/* exit and exec in a child: the report (and exec's output) come back through a pipe. */
static void run_mode_child(int exec)
{
	const char *name = exec ? "suspend.exec" : "suspend.exit";
	char buf[512], n[80], *nl;
	int fds[2], st, len = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fds) < 0) {
		snprintf(n, sizeof(n), "%s.setup", name);
		ft_fail(n, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork1();
	if (pid == 0) {
		close(fds[0]);
		report(fds[1], setup_suspended() ? "ok" : setup_why);
		if (!exec)
			exit(0);
		dup2(fds[1], 1);
		close(fds[1]);
		execv("/bin/hello", hello_argv);
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		snprintf(n, sizeof(n), "%s.setup", name);
		ft_fail(n, "fork1: %s", strerror(errno));
		close(fds[0]);
		return;
	}
	st = reap_child(pid, name);
	/* the child is gone (or killed): the pipe holds its report, then hello's output */
	if (st != -1)
		while (len < (int)sizeof(buf) - 1 &&
		    ((r = read(fds[0], buf + len, sizeof(buf) - 1 - len)) > 0 || (r < 0 && errno == EINTR)))
			if (r > 0)
				len += (int)r;
	close(fds[0]);
	buf[len] = '\0';
	if (st == -1)
		return;
	nl = strchr(buf, '\n');
	if (nl != NULL)
		*nl = '\0';
	snprintf(n, sizeof(n), "%s.child_setup", name);
	ft_check(strcmp(buf, "ok") == 0, n, "%s", nl != NULL ? buf : "no report");
	snprintf(n, sizeof(n), "%s.status", name);
	ft_check(smp_exited(st, 0), n, "%s%s", ft_status(st), exec && smp_exited(st, 127) ? " (execv failed)" : "");
	if (exec) {
		const char *out = nl != NULL ? nl + 1 : "";
		ft_check(strncmp(out, "Hello from forkvm!\n", 19) == 0 &&
		    strstr(out, "argv[1] = from-suspend-exec\n") != NULL, "suspend.exec.hello_output",
		    "got \"%.60s\"", out);
	}
}

int main(int argc, char **argv)
{
	signal(SIGSYS, SIG_IGN);
	if (argc > 1) {
		if (strcmp(argv[1], "exit") == 0)
			return mode_exit();
		if (strcmp(argv[1], "exec") == 0)
			return mode_exec();
		if (strcmp(argv[1], "kill") == 0) {
			kill_child();
			return ft_done();
		}
		fprintf(stderr, "usage: %s [exit|exec|kill]\n", argv[0]);
		return 2;
	}
	run_roundtrip_child();
	run_mode_child(0);
	run_mode_child(1);
	kill_child();
	return ft_done();
}
