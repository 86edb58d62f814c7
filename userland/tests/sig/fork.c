/*
 * fork.c — signals across fork and exec: a child inherits handlers and the mask but not pending
 * signals; kill() of a child and its death by SIGTERM/SIGKILL/SIGSEGV/SIGFPE/SIGILL as waitpid
 * reports it; SIGCHLD with its siginfo (CLD_EXITED, pid, status); a handler interrupting
 * nanosleep (EINTR), and waitpid and a pipe read (EINTR without SA_RESTART, restarted with it);
 * kill(0, sig) and kill(-pgid, sig); SIGCHLD ignored leaves no zombies (ECHILD); exec resetting
 * caught signals to SIG_DFL while SIG_IGN and the mask stay (it execs itself, /bin/sig_fork).
 */
#include "sigtest.h"
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

static volatile int usr1, usr2, chld, chld_code, chld_pid, chld_status;

static void h_usr1(int sig) { (void)sig; usr1++; }

/* Its result must be used, or GCC drops the call (and the division with it). */
static __attribute__((noinline)) int divide(volatile int a, volatile int b)
{
	return a / b;
}
static void h_usr2(int sig) { (void)sig; usr2++; }

static void h_chld(int sig, siginfo_t *sip, void *uc)
{
	(void)sig; (void)uc;
	chld++;
	if (sip) {
		chld_code = sip->si_code;
		chld_pid = sip->si_pid;
		chld_status = sip->si_status;
	}
}

static void handle(int sig, void (*h)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void block(int sig, int how)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

static void nap(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Wait for pid; its raw status, or -1. */
static int reap(pid_t pid)
{
	int st = 0;

	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return st;
}

static void test_inherit(void)
{
	pid_t pid;
	sigset_t p;
	int st;

	usr1 = usr2 = 0;
	handle(SIGUSR1, h_usr1, 0);
	handle(SIGUSR2, h_usr2, 0);
	block(SIGUSR2, SIG_BLOCK);
	kill(getpid(), SIGUSR2);
	pid = fork();
	if (pid == 0) {
		struct sigaction old;
		int bad = 0;

		sigaction(SIGUSR1, NULL, &old);
		bad += old.sa_handler != h_usr1;
		bad += !blocked(SIGUSR2);
		sigpending(&p);
		bad += sigismember(&p, SIGUSR2) != 0;
		raise(SIGUSR1);
		bad += usr1 != 1;
		_exit(bad);
	}
	st = reap(pid);
	CHECK("child_inherits_handler_and_mask_not_pending", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK("parent_usr1_not_run_by_child", usr1 == 0);
	sigpending(&p);
	CHECK("parent_keeps_pending", sigismember(&p, SIGUSR2) == 1);
	block(SIGUSR2, SIG_UNBLOCK);
	CHECK("parent_pending_delivered", usr2 == 1);
}

static void test_deaths(void)
{
	static const int sigs[] = { SIGTERM, SIGKILL, SIGSEGV, SIGFPE, SIGILL, SIGUSR1 };
	static const char *const names[] = {
		"waitpid_sigterm", "waitpid_sigkill", "waitpid_sigsegv_core", "waitpid_sigfpe_core",
		"waitpid_sigill_core", "waitpid_sigusr1_dfl",
	};
	unsigned i;

	handle(SIGUSR1, SIG_DFL, 0);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		pid_t pid = fork();
		int st, core;

		if (pid == 0) {
			switch (sigs[i]) {
			case SIGSEGV: *(volatile int *)0x30 = 1; break;
			case SIGFPE: usr1 = divide(7, 0); break;
#ifdef __i386__
			case SIGILL: __asm__ volatile("ud2"); break;
#else
			case SIGILL: __asm__ volatile(".word 0"); break;
#endif
			default: for (;;) pause();
			}
			_exit(99);
		}
		if (sigs[i] == SIGTERM || sigs[i] == SIGKILL || sigs[i] == SIGUSR1) {
			nap(10);
			kill(pid, sigs[i]);
		}
		st = reap(pid);
		core = sigs[i] == SIGSEGV || sigs[i] == SIGFPE || sigs[i] == SIGILL;
		CHECK(names[i], WIFSIGNALED(st) && WTERMSIG(st) == sigs[i] && (WCOREDUMP(st) != 0) == core);
	}
}

static void test_sigchld(void)
{
	struct sigaction sa;
	sigset_t none;
	pid_t pid;
	int st;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h_chld;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	chld = 0;
	block(SIGCHLD, SIG_BLOCK);
	pid = fork();
	if (pid == 0)
		_exit(7);
	sigemptyset(&none);
	while (chld == 0)
		sigsuspend(&none);
	block(SIGCHLD, SIG_UNBLOCK);
	CHECK("sigchld_delivered", chld == 1);
	CHECK("sigchld_code_exited", chld_code == CLD_EXITED);
	CHECK("sigchld_pid", chld_pid == pid);
	CHECK("sigchld_status", chld_status == 7);
	st = reap(pid);
	CHECK("sigchld_child_reaped", WIFEXITED(st) && WEXITSTATUS(st) == 7);
	handle(SIGCHLD, SIG_DFL, 0);
}

static void test_eintr(void)
{
	struct timespec ts, rem;
	pid_t pid, ppid = getpid();
	int r, e, st;

	usr1 = 0;
	handle(SIGUSR1, h_usr1, 0);
	pid = fork();
	if (pid == 0) {
		nap(30);
		kill(ppid, SIGUSR1);
		_exit(0);
	}
	ts.tv_sec = 20;
	ts.tv_nsec = 0;
	rem.tv_sec = 0;
	r = nanosleep(&ts, &rem);
	e = errno;
	CHECK("nanosleep_interrupted_eintr", r == -1 && e == EINTR);
	CHECK("nanosleep_handler_ran", usr1 == 1);
	CHECK("nanosleep_rem_left", rem.tv_sec > 0 && rem.tv_sec <= 20);
	reap(pid);

	/* A caught SIGCHLD interrupts waitpid without SA_RESTART ... */
	handle(SIGCHLD, h_usr2, 0);
	usr2 = 0;
	pid = fork();
	if (pid == 0) {
		nap(30);
		_exit(3);
	}
	r = waitpid(pid, &st, 0);
	e = errno;
	CHECK("waitpid_eintr_without_sa_restart", r == -1 && e == EINTR && usr2 == 1);
	st = reap(pid);
	CHECK("waitpid_after_eintr", WIFEXITED(st) && WEXITSTATUS(st) == 3);

	/* ... and is restarted with it. */
	handle(SIGCHLD, h_usr2, SA_RESTART);
	usr2 = 0;
	pid = fork();
	if (pid == 0) {
		nap(30);
		_exit(4);
	}
	st = 0;
	r = waitpid(pid, &st, 0);
	CHECK("waitpid_restarted_with_sa_restart", r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 4 && usr2 == 1);
	if (r != pid)
		reap(pid);
	handle(SIGCHLD, SIG_DFL, 0);

	/* read() on an empty pipe: EINTR without SA_RESTART, restarted (and gets the data) with it. */
	{
		int fd[2], flags;
		char c;

		for (flags = 0; flags <= SA_RESTART; flags += SA_RESTART) {
			usr1 = 0;
			handle(SIGUSR1, h_usr1, flags);
			if (pipe(fd) != 0) {
				CHECK("pipe", 0);
				return;
			}
			pid = fork();
			if (pid == 0) {
				close(fd[0]);
				nap(30);
				kill(ppid, SIGUSR1);
				nap(30);
				write(fd[1], "x", 1);
				_exit(0);
			}
			close(fd[1]);
			c = 0;
			r = read(fd[0], &c, 1);
			e = errno;
			if (flags == 0)
				CHECK("read_eintr_without_sa_restart", r == -1 && e == EINTR && usr1 == 1);
			else
				CHECK("read_restarted_with_sa_restart", r == 1 && c == 'x' && usr1 == 1);
			close(fd[0]);
			reap(pid);
		}
		handle(SIGUSR1, SIG_DFL, 0);
	}
}

/*
 * kill(0, sig) reaches the sender's whole process group and nobody else: a child makes its own
 * group (setpgid), forks a grandchild into it, and the grandchild signals group 0. Both have the
 * signal blocked and check that it is pending; the test process, in another group, gets nothing.
 */
static void test_group(void)
{
	pid_t pid;
	sigset_t p;
	int st;

	usr2 = 0;
	handle(SIGUSR2, h_usr2, 0);
	block(SIGUSR2, SIG_BLOCK);
	pid = fork();
	if (pid == 0) {
		pid_t g;
		int gst, bad = 0;

		if (setpgid(0, 0) != 0)
			_exit(10);
		g = fork();
		if (g == 0) {
			kill(0, SIGUSR2);
			sigpending(&p);
			_exit(sigismember(&p, SIGUSR2) == 1 ? 0 : 1);
		}
		gst = reap(g);
		bad += !(WIFEXITED(gst) && WEXITSTATUS(gst) == 0);
		sigpending(&p);
		bad += 2 * (sigismember(&p, SIGUSR2) != 1);
		_exit(bad);
	}
	st = reap(pid);
	CHECK("kill_0_reaches_sender_and_group", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	sigpending(&p);
	CHECK("kill_0_stays_in_group", sigismember(&p, SIGUSR2) == 0);
	CHECK("kill_minus_pgid", kill(-pid, 0) == -1 && errno == ESRCH);
	block(SIGUSR2, SIG_UNBLOCK);
	CHECK("kill_0_not_delivered_outside", usr2 == 0);
	errno = 0;
	CHECK("kill_reaped_child_esrch", kill(pid, 0) == -1 && errno == ESRCH);

	/* kill(-pgid, sig) to a live group: a child leads a group and waits for the signal. */
	usr2 = 0;
	pid = fork();
	if (pid == 0) {
		sigset_t none;

		setpgid(0, 0);
		sigemptyset(&none);
		while (usr2 == 0)
			sigsuspend(&none);
		_exit(0);
	}
	setpgid(pid, pid);
	nap(10);
	CHECK("kill_minus_pgid_sends", kill(-pid, SIGUSR2) == 0);
	st = reap(pid);
	CHECK("kill_minus_pgid_delivered", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	handle(SIGUSR2, SIG_DFL, 0);
}

/* SIGCHLD set to SIG_IGN: children leave no zombies, so waitpid ends with ECHILD. */
static void test_nocldwait(void)
{
	pid_t pid;
	int r, e, st;

	handle(SIGCHLD, SIG_IGN, 0);
	pid = fork();
	if (pid == 0)
		_exit(5);
	r = waitpid(pid, &st, 0);
	e = errno;
	CHECK("sigchld_ignored_no_zombie_echild", r == -1 && e == ECHILD);
	/* The same when waitpid is already asleep as the child exits. */
	pid = fork();
	if (pid == 0) {
		nap(30);
		_exit(5);
	}
	r = waitpid(pid, &st, 0);
	e = errno;
	CHECK("sigchld_ignored_waiter_gets_echild", r == -1 && e == ECHILD);
	handle(SIGCHLD, SIG_DFL, 0);
	pid = fork();
	if (pid == 0)
		_exit(6);
	st = reap(pid);
	CHECK("sigchld_default_zombie_reaped", WIFEXITED(st) && WEXITSTATUS(st) == 6);
}

/* The exec'd image: caught → SIG_DFL, SIG_IGN stays, the mask stays. */
static int exec_child(void)
{
	struct sigaction a;
	int bad = 0;

	sigaction(SIGUSR1, NULL, &a);
	bad += a.sa_handler != SIG_DFL;
	sigaction(SIGUSR2, NULL, &a);
	bad += a.sa_handler != SIG_IGN;
	bad += !blocked(SIGHUP);
	return bad;
}

static void test_exec(void)
{
	pid_t pid;
	int st;

	handle(SIGUSR1, h_usr1, 0);
	handle(SIGUSR2, SIG_IGN, 0);
	block(SIGHUP, SIG_BLOCK);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "sig_fork", "exec-child", NULL };

		execv("/bin/sig_fork", argv);
		_exit(100);
	}
	st = reap(pid);
	CHECK("exec_resets_caught_keeps_ignored_and_mask", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	block(SIGHUP, SIG_UNBLOCK);
	handle(SIGUSR2, SIG_DFL, 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return exec_child();
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_inherit();
	test_deaths();
	test_sigchld();
	test_eintr();
	test_group();
	test_nocldwait();
	test_exec();
	return sig_done();
}
