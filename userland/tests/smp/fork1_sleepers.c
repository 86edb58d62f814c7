/*
 * fork1_sleepers.c — fork1()/fork() while another lwp of the process sleeps in the kernel.
 *
 * Part 1 (fork1 semantics): a sleeper thread blocks in (a) joining a thread (_lwp_wait, the
 * call under pthread_join), (b) waitpid on a slow child, or (c) read on an empty pipe; then the
 * main thread — or, in the second variant, another thread while main sleeps in pthread_join of
 * it — calls fork1() or fork() (the same thing in Solaris). Checked: the fork succeeds; the child
 * runs with only the forking thread (joining any other thread gives ESRCH, getppid() is the
 * parent) and exits with its known status, which the forker reaps without EINTR; the sleeper is
 * still asleep after the fork (a fork1 does not interrupt sleeping lwps); once woken (the joined
 * thread ends, the slow child exits, a byte is written) it completes normally, with the right
 * result and no EINTR at all (its calls retry and count EINTRs, so a spurious one is seen).
 *
 * Part 2 (forkall semantics, kept separate): the same sleepers with no retry, and the main thread
 * calls forkall(). Solaris interrupts every lwp asleep in an interruptible wait so that it can be
 * copied at a kernel boundary: the sleeper's call returns -1/EINTR in the parent, and the child's
 * copy of the sleeper returns -1/EINTR as well (reported through the child's exit status).
 *
 * Only the main thread prints, in a fixed order. Exit status 0 iff every check passed.
 */
#include "smp.h"

enum { SL_JOIN, SL_WAITPID, SL_READ, SL_NKINDS };
static const char *const kind_name[SL_NKINDS] = { "join", "waitpid", "read" };

#define SLOW_CODE 77		/* the slow child's exit status */
#define FORKALL_CHILD_OK 50	/* a forkall child whose checks passed */

struct sleeper {
	int kind;
	int retry;		/* retry after EINTR (counted), or return it (forkall part) */
	volatile int started, done;
	int r, err, eintrs;
	pthread_t target;	/* SL_JOIN: the thread waited for */
	lwpid_t departed;
	pid_t slow;		/* SL_WAITPID: the child waited for */
	int st;
	int fd;			/* SL_READ: the read end */
	char c;
};

static volatile int target_release;

/* The thread an SL_JOIN sleeper waits for: runs (yielding) until released. */
static void *target_thread(void *arg)
{
	(void)arg;
	while (!target_release)
		sched_yield();
	return (void *)7L;
}

static void *sleeper_thread(void *arg)
{
	struct sleeper *s = arg;

	s->started = 1;
	for (;;) {
		switch (s->kind) {
		case SL_JOIN:
			s->r = _lwp_wait((lwpid_t)s->target, &s->departed);
			break;
		case SL_WAITPID:
			s->r = (int)waitpid(s->slow, &s->st, 0);
			break;
		default:
			s->r = (int)read(s->fd, &s->c, 1);
			break;
		}
		s->err = s->r < 0 ? errno : 0;
		if (s->r < 0 && s->err == EINTR) {
			s->eintrs++;
			if (s->retry)
				continue;
		}
		break;
	}
	s->done = 1;
	return NULL;
}

/* Everything one case needs, so that the forker thread and the child can see it. */
struct scase {
	struct sleeper s;
	pthread_t sleeper_tid, main_tid;
	int use_fork;		/* fork() instead of fork1() */
	int code;		/* the fork child's exit status when its checks pass */
	pid_t parent;
	int pipefd[2];		/* SL_WAITPID: wakes the slow child; SL_READ: the sleeper's pipe */
	/* the forker's results */
	pid_t pid;
	int fork_err, wait_r, wait_err, wait_eintrs, st;
};

/*
 * In the fork1 child: only the forking thread exists. Exit `code` if so, 100+n when check n
 * fails (1: getppid, 2: the sleeper was copied, 3: the joined thread was copied, 4: main was).
 */
static void fork1_child(struct scase *c, int forker_is_main)
{
	if (getppid() != c->parent)
		_exit(101);
	if (pthread_join(c->sleeper_tid, NULL) != ESRCH)
		_exit(102);
	if (c->s.kind == SL_JOIN && pthread_join(c->s.target, NULL) != ESRCH)
		_exit(103);
	if (!forker_is_main && pthread_join(c->main_tid, NULL) != ESRCH)
		_exit(104);
	_exit(c->code);
}

/* The fork and the reaping of its child, by whichever thread is the forker. */
static void do_fork(struct scase *c, int forker_is_main)
{
	pid_t w;

	c->pid = c->use_fork ? fork() : fork1();
	if (c->pid == 0)
		fork1_child(c, forker_is_main);
	if (c->pid < 0) {
		c->fork_err = errno;
		return;
	}
	while ((w = waitpid(c->pid, &c->st, 0)) < 0 && errno == EINTR)
		c->wait_eintrs++;
	c->wait_r = (int)w;
	c->wait_err = w < 0 ? errno : 0;
}

static void *forker_thread(void *arg)
{
	do_fork(arg, 0);
	return NULL;
}

/* Set up the sleeper's object of waiting: a running thread, a slow child, or a pipe. */
static int setup(struct scase *c, const char *name)
{
	char n[96];

	snprintf(n, sizeof(n), "%s.setup", name);
	c->pipefd[0] = c->pipefd[1] = -1;
	switch (c->s.kind) {
	case SL_JOIN:
		target_release = 0;
		if (pthread_create(&c->s.target, NULL, target_thread, NULL) != 0)
			return ft_fail(n, "pthread_create of the target failed");
		return 1;
	case SL_WAITPID:
		if (pipe(c->pipefd) < 0)
			return ft_fail(n, "pipe: %s", strerror(errno));
		c->s.slow = fork1();
		if (c->s.slow == 0) {
			char ch;
			close(c->pipefd[1]);
			while (read(c->pipefd[0], &ch, 1) < 0 && errno == EINTR)
				;
			_exit(SLOW_CODE);
		}
		if (c->s.slow < 0)
			return ft_fail(n, "fork1 of the slow child: %s", strerror(errno));
		return 1;
	default:
		if (pipe(c->pipefd) < 0)
			return ft_fail(n, "pipe: %s", strerror(errno));
		c->s.fd = c->pipefd[0];
		return 1;
	}
}

/* Wake the sleeper the normal way. */
static void wake(struct scase *c)
{
	switch (c->s.kind) {
	case SL_JOIN:
		target_release = 1;
		break;
	case SL_WAITPID:
		write(c->pipefd[1], "x", 1);	/* the slow child reads it and exits */
		break;
	default:
		write(c->pipefd[1], "y", 1);
		break;
	}
}

static void cleanup(struct scase *c)
{
	if (c->pipefd[0] >= 0)
		close(c->pipefd[0]);
	if (c->pipefd[1] >= 0)
		close(c->pipefd[1]);
}


/*
 * start_sleeper(): set case c up and start its sleeper thread, checking that it is asleep in its
 * call before anything forks; 0 (after a FAIL line) when that could not be done.
 */
static int start_sleeper(struct scase *c, const char *name)
{
	char n[96];

	if (!setup(c, name))
		return 0;
	snprintf(n, sizeof(n), "%s.setup", name);
	if (pthread_create(&c->sleeper_tid, NULL, sleeper_thread, &c->s) != 0) {
		ft_fail(n, "pthread_create of the sleeper failed");
		return 0;
	}
	snprintf(n, sizeof(n), "%s.asleep_before", name);
	ft_check(smp_asleep(&c->s.started, &c->s.done, 30), n, "the sleeper's call returned %d, errno %d",
	    c->s.r, c->s.err);
	return 1;
}

/* Did the woken sleeper get the normal result of its call? A description of it in `why`. */
static int sleeper_result_ok(struct scase *c, char *why, size_t len)
{
	struct sleeper *s = &c->s;

	switch (s->kind) {
	case SL_JOIN:
		snprintf(why, len, "_lwp_wait returned %d, errno %d, departed %u (want 0, %u)", s->r,
		    s->err, (unsigned)s->departed, (unsigned)s->target);
		return s->r == 0 && s->departed == (lwpid_t)s->target;
	case SL_WAITPID:
		snprintf(why, len, "waitpid returned %d (want %ld), errno %d, %s", s->r, (long)s->slow,
		    s->err, s->r > 0 ? ft_status(s->st) : "-");
		return s->r == (int)s->slow && smp_exited(s->st, SLOW_CODE);
	default:
		snprintf(why, len, "read returned %d, errno %d, byte '%c'", s->r, s->err,
		    s->r == 1 ? s->c : '-');
		return s->r == 1 && s->c == 'y';
	}
}

static void fork1_case(int kind, int use_fork, int from_thread, int code)
{
	static struct scase c;
	char name[64], n[96], why[160];
	pthread_t forker;

	memset(&c, 0, sizeof(c));
	c.s.kind = kind;
	c.s.retry = 1;
	c.use_fork = use_fork;
	c.code = code;
	c.parent = getpid();
	c.main_tid = pthread_self();
	snprintf(name, sizeof(name), "sleepers.%s.%s.%s", kind_name[kind], use_fork ? "fork" : "fork1",
	    from_thread ? "from_thread" : "from_main");
	if (!start_sleeper(&c, name))
		return;

	if (from_thread) {
		if (pthread_create(&forker, NULL, forker_thread, &c) != 0)
			c.fork_err = -1;
		else
			pthread_join(forker, NULL);	/* main sleeps in lwp_wait meanwhile */
	} else
		do_fork(&c, 1);

	snprintf(n, sizeof(n), "%s.fork", name);
	if (ft_check(c.pid > 0, n, "%s", c.fork_err == -1 ? "pthread_create of the forker failed" :
	    strerror(c.fork_err))) {
		snprintf(n, sizeof(n), "%s.child_status", name);
		ft_check(c.wait_r == (int)c.pid && smp_exited(c.st, code), n,
		    "waitpid returned %d (want %ld), errno %d; %s (want exited %d)", c.wait_r,
		    (long)c.pid, c.wait_err, c.wait_r > 0 ? ft_status(c.st) : "-", code);
		snprintf(n, sizeof(n), "%s.reap_no_eintr", name);
		ft_check(c.wait_eintrs == 0, n, "the forker's waitpid saw EINTR %d times", c.wait_eintrs);
	}
	snprintf(n, sizeof(n), "%s.still_asleep_after", name);
	ft_check(!c.s.done && c.s.eintrs == 0, n, "the sleeper %s (EINTRs %d)",
	    c.s.done ? "returned" : "is asleep", c.s.eintrs);

	wake(&c);
	pthread_join(c.sleeper_tid, NULL);
	snprintf(n, sizeof(n), "%s.completes", name);
	ft_check(sleeper_result_ok(&c, why, sizeof(why)), n, "%s", why);
	snprintf(n, sizeof(n), "%s.no_eintr", name);
	ft_check(c.s.eintrs == 0, n, "the sleeping call returned EINTR %d times", c.s.eintrs);
	if (kind == SL_JOIN)
		pthread_join(c.s.target, NULL);	/* gone (reaped by _lwp_wait): ESRCH, ignored */
	cleanup(&c);
}

/*
 * forkall beside a sleeper that does not retry: EINTR in the parent; the child checks that its
 * copy of the sleeper returned EINTR too and exits FORKALL_CHILD_OK (else 60 + what it saw).
 */
static void forkall_case(int kind)
{
	static struct scase c;
	char name[64], n[96], why[160];
	int st, ok;
	pid_t w;

	memset(&c, 0, sizeof(c));
	c.s.kind = kind;
	c.s.retry = 0;
	snprintf(name, sizeof(name), "forkall.%s", kind_name[kind]);
	if (!start_sleeper(&c, name))
		return;

	c.pid = forkall();
	if (c.pid == 0) {
		/* the copy of the sleeper ran on from where the parent's was interrupted */
		if (!smp_await_limit(&c.s.done, 2000))
			_exit(64);
		if (pthread_join(c.sleeper_tid, NULL) != 0)
			_exit(61);
		if (c.s.r != -1)
			_exit(62);
		if (c.s.err != EINTR)
			_exit(63);
		_exit(FORKALL_CHILD_OK);
	}
	snprintf(n, sizeof(n), "%s.fork", name);
	if (!ft_check(c.pid > 0, n, "forkall: %s", strerror(errno))) {
		wake(&c);
		pthread_join(c.sleeper_tid, NULL);
		if (kind == SL_JOIN)
			pthread_join(c.s.target, NULL);
		if (kind == SL_WAITPID)
			ft_wait(c.s.slow, n);
		cleanup(&c);
		return;
	}
	snprintf(n, sizeof(n), "%s.parent_eintr", name);
	if (smp_await_limit(&c.s.done, 2000))
		ft_check(c.s.r == -1 && c.s.err == EINTR, n,
		    "the sleeping call returned %d, errno %d; want -1, EINTR", c.s.r, c.s.err);
	else {
		ft_fail(n, "the sleeper is still asleep 2s after the forkall");
		wake(&c);	/* now its call completes normally */
	}
	pthread_join(c.sleeper_tid, NULL);
	while ((w = waitpid(c.pid, &st, 0)) < 0 && errno == EINTR)
		;
	snprintf(n, sizeof(n), "%s.child_copy_eintr", name);
	ft_check(w == c.pid && smp_exited(st, FORKALL_CHILD_OK), n, "waitpid %ld: %s (want exited %d: "
	    "61 join failed, 62 the copy's call did not fail, 63 not EINTR, 64 the copy still asleep)", (long)w,
	    w > 0 ? ft_status(st) : strerror(errno), FORKALL_CHILD_OK);

	/* the interrupted wait is over; finish what it waited for the normal way */
	wake(&c);
	snprintf(n, sizeof(n), "%s.cleanup", name);
	switch (kind) {
	case SL_JOIN:
		ok = pthread_join(c.s.target, NULL) == 0;
		ft_check(ok, n, "pthread_join of the target after the interrupted _lwp_wait");
		break;
	case SL_WAITPID:
		st = ft_wait(c.s.slow, n);
		ft_check(st != -1 && smp_exited(st, SLOW_CODE), n, "the slow child: %s", ft_status(st));
		break;
	default:
		c.s.kind = SL_READ;
		c.s.r = (int)read(c.pipefd[0], &c.s.c, 1);
		c.s.err = c.s.r < 0 ? errno : 0;
		ft_check(sleeper_result_ok(&c, why, sizeof(why)), n, "%s", why);
		break;
	}
	cleanup(&c);
}

int main(void)
{
	int kind, use_fork, from_thread, code = 20;

	for (kind = 0; kind < SL_NKINDS; kind++)
		for (from_thread = 0; from_thread < 2; from_thread++)
			for (use_fork = 0; use_fork < 2; use_fork++)
				fork1_case(kind, use_fork, from_thread, code++);
	for (kind = 0; kind < SL_NKINDS; kind++)
		forkall_case(kind);
	return ft_done();
}
