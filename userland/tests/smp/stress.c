/*
 * stress.c — the kernel-concurrency stress workload: `stress [ROUNDS [PHASES]]` runs ROUNDS
 * rounds (default 6, at most 20) of four phases, each a set of threads doing process operations
 * at the same time. PHASES picks some of them by initial, in the usual order (default "swtv":
 * sleepers, waits, storm, vfork), for narrowing down a failure.
 *
 *   sleepers  three forker threads call fork1()/fork() (three each; one child per forker forks
 *             a grandchild of its own and checks its status) while other lwps sleep: two waiters
 *             in waitpid on slow children, a joiner in _lwp_wait on a running thread, a reader
 *             in read on an empty pipe, and main in pthread_join. Checked: every fork succeeds,
 *             every child is reaped by its forker with its own status, the sleepers are still
 *             asleep after the forks and complete normally once woken, no call sees EINTR.
 *   waits     eight children are released at once to exit while three threads loop in
 *             waitpid(-1) (and a fourth thread forks two more children beside the sleeping
 *             waiters). Checked: every child is reaped exactly once, with its status; the
 *             waiters end with ECHILD; no EINTR.
 *   storm     four threads leave a barrier together and fork three times each, alternating
 *             forkall() and fork1() (a fork1 child of a second fork forks a grandchild).
 *             Checked: every fork succeeds and every child is reaped with its status. Waits may
 *             see EINTR here — a forkall interrupts the other lwps' sleeps (Solaris) — and are
 *             retried. No vfork here: Solaris libc serializes vfork with forkall (fork_lock),
 *             this libc does not, and a vfork that meets a forkall under way fails with EINTR.
 *   vfork     three threads vfork four times each, alternating vfork+_exit and vfork+execv of
 *             /bin/hello (its output comes back through a pipe and is checked), beside a
 *             thread calling fork1. Checked: every vfork and fork1 succeeds, statuses and
 *             output are right, no EINTR (nothing here forkall()s).
 *
 * A fork call (fork1 or forkall) in the storm is made under a process-wide mutex that the child
 * never releases: a forkall child's copies of the other threads can then never fork. Threads
 * only record results; main prints one line per check per round and phase, in a fixed order,
 * so the output does not depend on scheduling. Exit status 0 iff every check passed.
 */
#include "smp.h"
#include <fcntl.h>

#define DEFAULT_ROUNDS 6
#define MAX_ROUNDS 20
#define GRAND_CODE 5		/* a grandchild's exit status */

static int round_no;
static pthread_mutex_t stat_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t forklock = PTHREAD_MUTEX_INITIALIZER;
static int nprocs;		/* processes created (fork, vfork and forkall children, grandchildren) */

/* One check of this round and phase: "stress.rN.PHASE.WHAT". */
static void check(int ok, const char *phase, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void check(int ok, const char *phase, const char *what, const char *fmt, ...)
{
	char name[80], why[200];
	va_list ap;

	snprintf(name, sizeof(name), "stress.r%d.%s.%s", round_no, phase, what);
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	ft_check(ok, name, "%s", why);
}

/* One fork and the wait for its child, as recorded by the thread that did both. */
struct forkrec {
	pid_t pid;
	int err;		/* errno of a failed fork */
	int want;		/* the child's exit status */
	pid_t w;
	int wait_err, st, eintrs;
};

/* waitpid(pid), retrying after EINTR (counted in f->eintrs). */
static void reap(struct forkrec *f)
{
	while ((f->w = waitpid(f->pid, &f->st, 0)) < 0 && errno == EINTR)
		f->eintrs++;
	f->wait_err = f->w < 0 ? errno : 0;
}

/* A summary of n records: forks that worked, failed (by errno), children reaped right. */
struct tally {
	int forked, eintr, eagain, other, good, eintrs;
	char bad[120];
};

static void tally(struct tally *t, const struct forkrec *f, int n)
{
	int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++, f++) {
		if (f->pid > 0)
			t->forked++;
		else if (f->err == EINTR)
			t->eintr++;
		else if (f->err == EAGAIN)
			t->eagain++;
		else
			t->other++;
		if (f->pid > 0 && f->w == f->pid && smp_exited(f->st, f->want))
			t->good++;
		else if (f->pid > 0 && t->bad[0] == '\0')
			snprintf(t->bad, sizeof(t->bad), "child %ld: waitpid %ld errno %d, %s (want exited %d)",
			    (long)f->pid, (long)f->w, f->wait_err, f->w > 0 ? ft_status(f->st) : "-", f->want);
		t->eintrs += f->eintrs;
	}
}

/* The usual checks of a set of records: all forks succeeded, all children right. */
static void check_forks(const char *phase, const char *what, const struct forkrec *f, int n, int eintr_ok)
{
	struct tally t;
	char w[40];

	tally(&t, f, n);
	snprintf(w, sizeof(w), "%s_succeed", what);
	check(t.forked == n, phase, w, "%d of %d succeeded; failures: %d EINTR, %d EAGAIN, %d other",
	    t.forked, n, t.eintr, t.eagain, t.other);
	snprintf(w, sizeof(w), "%s_children", what);
	check(t.good == t.forked, phase, w, "%d of %d children reaped with their status; first bad: %s",
	    t.good, t.forked, t.bad);
	if (!eintr_ok) {
		snprintf(w, sizeof(w), "%s_reap_no_eintr", what);
		check(t.eintrs == 0, phase, w, "waitpid returned EINTR %d times", t.eintrs);
	}
}

static void count_procs(int n)
{
	pthread_mutex_lock(&stat_lock);
	nprocs += n;
	pthread_mutex_unlock(&stat_lock);
}

/* In a (single-threaded) child: fork1 a grandchild, check its status, exit with `code`. */
static void grandchild_then_exit(int code)
{
	pid_t g, w;
	int st;

	g = fork1();
	if (g == 0)
		_exit(GRAND_CODE);
	if (g < 0)
		_exit(98);
	while ((w = waitpid(g, &st, 0)) < 0 && errno == EINTR)
		;
	_exit(w == g && smp_exited(st, GRAND_CODE) ? code : 99);
}

/* ------------------------------------------------------------------------------------------ */
/* Phase sleepers: fork1/fork beside lwps asleep in waitpid, _lwp_wait, read, pthread_join.     */

#define A_FORKERS 3
#define A_FORKS 3
#define A_SLOW 2
#define A_SLOW_CODE 40

struct sleeper {
	volatile int started, done;
	int r, err, eintrs, st;
	lwpid_t dep;
	char c;
};

static struct forkrec a_rec[A_FORKERS][A_FORKS];
static struct sleeper a_wait[A_SLOW], a_join, a_read;
static pid_t a_slow[A_SLOW];
static int a_gate[2], a_rpipe[2];
static pthread_t a_target;
static volatile int a_release;

static void *a_target_thread(void *arg)
{
	(void)arg;
	while (!a_release)
		sched_yield();
	return NULL;
}

static void *a_waiter(void *arg)
{
	int i = (int)(long)arg;
	struct sleeper *s = &a_wait[i];

	s->started = 1;
	while ((s->r = (int)waitpid(a_slow[i], &s->st, 0)) < 0 && errno == EINTR)
		s->eintrs++;
	s->err = s->r < 0 ? errno : 0;
	s->done = 1;
	return NULL;
}

static void *a_joiner(void *arg)
{
	struct sleeper *s = &a_join;

	(void)arg;
	s->started = 1;
	while ((s->r = _lwp_wait((lwpid_t)a_target, &s->dep)) < 0 && errno == EINTR)
		s->eintrs++;
	s->err = s->r < 0 ? errno : 0;
	s->done = 1;
	return NULL;
}

static void *a_reader(void *arg)
{
	struct sleeper *s = &a_read;

	(void)arg;
	s->started = 1;
	while ((s->r = (int)read(a_rpipe[0], &s->c, 1)) < 0 && errno == EINTR)
		s->eintrs++;
	s->err = s->r < 0 ? errno : 0;
	s->done = 1;
	return NULL;
}

static void *a_forker(void *arg)
{
	int t = (int)(long)arg, j;
	struct forkrec *f;

	for (j = 0; j < A_FORKS; j++) {
		f = &a_rec[t][j];
		f->want = 10 + t * A_FORKS + j;
		f->pid = (j & 1) ? fork() : fork1();
		if (f->pid == 0) {
			if (j == A_FORKS - 1)
				grandchild_then_exit(f->want);
			_exit(f->want);
		}
		if (f->pid < 0) {
			f->err = errno;
			continue;
		}
		count_procs(j == A_FORKS - 1 ? 2 : 1);
		reap(f);
	}
	return NULL;
}

static int a_asleep(void)
{
	int i, n = !a_join.done && !a_read.done;

	for (i = 0; i < A_SLOW; i++)
		n = n && !a_wait[i].done;
	return n;
}

static void phase_sleepers(void)
{
	const char *ph = "sleepers";
	pthread_t waiters[A_SLOW], joiner, reader, forkers[A_FORKERS];
	int i, ok, before, after, eintrs;
	char ch;

	memset(a_rec, 0, sizeof(a_rec));
	memset(a_wait, 0, sizeof(a_wait));
	memset(&a_join, 0, sizeof(a_join));
	memset(&a_read, 0, sizeof(a_read));
	a_release = 0;
	if (pipe(a_gate) < 0 || pipe(a_rpipe) < 0) {
		check(0, ph, "setup", "pipe: %s", strerror(errno));
		return;
	}
	for (i = 0; i < A_SLOW; i++) {
		a_slow[i] = fork1();
		if (a_slow[i] == 0) {
			while (read(a_gate[0], &ch, 1) < 0 && errno == EINTR)
				;
			_exit(A_SLOW_CODE + i);
		}
		if (a_slow[i] < 0) {
			check(0, ph, "setup", "fork1 of a slow child: %s", strerror(errno));
			exit(ft_done());
		}
		count_procs(1);
	}
	ok = pthread_create(&a_target, NULL, a_target_thread, NULL) == 0;
	ok = ok && pthread_create(&joiner, NULL, a_joiner, NULL) == 0;
	ok = ok && pthread_create(&reader, NULL, a_reader, NULL) == 0;
	for (i = 0; i < A_SLOW; i++)
		ok = ok && pthread_create(&waiters[i], NULL, a_waiter, (void *)(long)i) == 0;
	if (!ok) {
		check(0, ph, "setup", "pthread_create failed");
		exit(ft_done());
	}
	smp_await(&a_join.started);
	smp_await(&a_read.started);
	for (i = 0; i < A_SLOW; i++)
		smp_await(&a_wait[i].started);
	smp_nap(20);
	before = a_asleep();

	for (i = 0; i < A_FORKERS; i++)
		if (pthread_create(&forkers[i], NULL, a_forker, (void *)(long)i) != 0) {
			check(0, ph, "setup", "pthread_create of a forker failed");
			exit(ft_done());
		}
	for (i = 0; i < A_FORKERS; i++)
		pthread_join(forkers[i], NULL);
	after = a_asleep();

	/* wake them the normal way */
	for (i = 0; i < A_SLOW; i++)
		write(a_gate[1], "g", 1);
	write(a_rpipe[1], "r", 1);
	a_release = 1;
	pthread_join(joiner, NULL);
	pthread_join(reader, NULL);
	for (i = 0; i < A_SLOW; i++)
		pthread_join(waiters[i], NULL);
	pthread_join(a_target, NULL);	/* already reaped by the joiner: ESRCH */
	close(a_gate[0]);
	close(a_gate[1]);
	close(a_rpipe[0]);
	close(a_rpipe[1]);

	check_forks(ph, "forks", &a_rec[0][0], A_FORKERS * A_FORKS, 0);
	check(before && after, ph, "asleep_during_forks", "the sleepers were %s before the forks, %s after",
	    before ? "asleep" : "not all asleep", after ? "asleep" : "not all asleep");
	ok = a_join.r == 0 && a_join.dep == (lwpid_t)a_target && a_read.r == 1 && a_read.c == 'r';
	for (i = 0; i < A_SLOW; i++)
		ok = ok && a_wait[i].r == (int)a_slow[i] && smp_exited(a_wait[i].st, A_SLOW_CODE + i);
	check(ok, ph, "sleepers_complete", "_lwp_wait %d (errno %d), read %d (errno %d), waitpid %d (errno %d) %s",
	    a_join.r, a_join.err, a_read.r, a_read.err, a_wait[0].r, a_wait[0].err,
	    a_wait[0].r > 0 ? ft_status(a_wait[0].st) : "-");
	eintrs = a_join.eintrs + a_read.eintrs;
	for (i = 0; i < A_SLOW; i++)
		eintrs += a_wait[i].eintrs;
	check(eintrs == 0, ph, "sleepers_no_eintr", "the sleepers saw EINTR %d times", eintrs);
}

/* ------------------------------------------------------------------------------------------ */
/* Phase waits: exits racing with several threads in waitpid(-1).                              */

#define B_CHILDREN 8
#define B_WAITERS 3
#define B_LATE 2
#define B_TOTAL (B_CHILDREN + B_LATE)

static pid_t b_pid[B_TOTAL];
static int b_gate[2];
static struct { pid_t pid; int st; } b_got[B_TOTAL + 8];
static int b_ngot, b_overflow, b_eintrs, b_errors, b_echild;
static int b_late_err;

static int b_code(int i)
{
	return 60 + i;
}

static void *b_waiter(void *arg)
{
	pid_t w;
	int st, e;

	(void)arg;
	for (;;) {
		w = waitpid(-1, &st, 0);
		e = w < 0 ? errno : 0;
		pthread_mutex_lock(&stat_lock);
		if (w > 0) {
			if (b_ngot < (int)(sizeof(b_got) / sizeof(b_got[0]))) {
				b_got[b_ngot].pid = w;
				b_got[b_ngot].st = st;
				b_ngot++;
			} else
				b_overflow++;
		} else if (e == EINTR)
			b_eintrs++;
		else if (e == ECHILD)
			b_echild++;
		else
			b_errors++;
		pthread_mutex_unlock(&stat_lock);
		if (w < 0 && e != EINTR)
			break;
	}
	return NULL;
}

/* Forks two children that exit at once, while the waiters sleep in waitpid(-1). */
static void *b_late(void *arg)
{
	int j;
	pid_t pid;

	(void)arg;
	for (j = 0; j < B_LATE; j++) {
		pid = fork1();
		if (pid == 0)
			_exit(b_code(B_CHILDREN + j));
		if (pid < 0)
			b_late_err = errno;
		else
			count_procs(1);
		b_pid[B_CHILDREN + j] = pid;
	}
	return NULL;
}

static void phase_waits(void)
{
	const char *ph = "waits";
	pthread_t waiters[B_WAITERS], late;
	int i, k, n, good, st, by_main = 0, forked = 0;
	char ch;
	pid_t w;

	memset(b_pid, 0, sizeof(b_pid));
	b_ngot = b_overflow = b_eintrs = b_errors = b_echild = b_late_err = 0;
	if (pipe(b_gate) < 0) {
		check(0, ph, "setup", "pipe: %s", strerror(errno));
		return;
	}
	for (i = 0; i < B_CHILDREN; i++) {
		b_pid[i] = fork1();
		if (b_pid[i] == 0) {
			close(b_gate[1]);
			while (read(b_gate[0], &ch, 1) < 0 && errno == EINTR)
				;
			_exit(b_code(i));
		}
		if (b_pid[i] < 0) {
			check(0, ph, "setup", "fork1: %s", strerror(errno));
			exit(ft_done());
		}
		count_procs(1);
	}
	for (i = 0; i < B_WAITERS; i++)
		if (pthread_create(&waiters[i], NULL, b_waiter, NULL) != 0) {
			check(0, ph, "setup", "pthread_create failed");
			exit(ft_done());
		}
	smp_nap(20);		/* the waiters are asleep in waitpid(-1) */
	if (pthread_create(&late, NULL, b_late, NULL) != 0) {
		check(0, ph, "setup", "pthread_create failed");
		exit(ft_done());
	}
	pthread_join(late, NULL);
	smp_nap(10);
	for (i = 0; i < B_CHILDREN; i++)	/* all of them exit at once */
		write(b_gate[1], "go", 1);
	for (i = 0; i < B_WAITERS; i++)
		pthread_join(waiters[i], NULL);
	close(b_gate[0]);
	close(b_gate[1]);
	/* the waiters stopped on ECHILD: nothing should be left */
	while ((w = waitpid(-1, &st, WNOHANG)) > 0 || (w < 0 && errno == EINTR))
		if (w > 0) {
			by_main++;
			if (b_ngot < (int)(sizeof(b_got) / sizeof(b_got[0]))) {
				b_got[b_ngot].pid = w;
				b_got[b_ngot].st = st;
				b_ngot++;
			}
		}

	for (i = 0; i < B_TOTAL; i++)
		forked += b_pid[i] > 0;
	check(forked == B_TOTAL, ph, "forks_succeed", "%d of %d forks succeeded (late forker: %s)", forked,
	    B_TOTAL, b_late_err ? strerror(b_late_err) : "ok");
	/* every child exactly once, with its status, and nothing else */
	for (good = 0, i = 0; i < B_TOTAL; i++) {
		for (n = 0, k = 0; k < b_ngot; k++)
			if (b_got[k].pid == b_pid[i] && b_pid[i] > 0) {
				n++;
				if (smp_exited(b_got[k].st, b_code(i)))
					good++;
			}
		if (n > 1)
			good -= B_TOTAL;	/* reaped twice: cannot pass */
	}
	check(good == forked && b_ngot == forked && b_overflow == 0, ph, "each_reaped_once",
	    "%d reaps for %d children, %d with the right status, %d left for main", b_ngot + b_overflow,
	    forked, good, by_main);
	check(by_main == 0, ph, "waiters_reaped_all", "%d children were left when the waiters stopped", by_main);
	check(b_echild == B_WAITERS && b_errors == 0, ph, "waiters_end_echild",
	    "%d waiters ended with ECHILD, %d with another error", b_echild, b_errors);
	check(b_eintrs == 0, ph, "no_eintr", "waitpid(-1) returned EINTR %d times", b_eintrs);
}

/* ------------------------------------------------------------------------------------------ */
/* Phase storm: forkall and fork1 from several threads at once.                                 */

#define C_THREADS 4
#define C_FORKS 3

static struct forkrec c_rec[C_THREADS][C_FORKS];
static smp_barrier_t c_barrier;

static int c_forkall(int t, int j)
{
	return (t + j) % 2 == 0;
}

static void *c_storm(void *arg)
{
	int t = (int)(long)arg, j, all;
	struct forkrec *f;

	smp_barrier_wait(&c_barrier);
	for (j = 0; j < C_FORKS; j++) {
		f = &c_rec[t][j];
		f->want = 100 + t * C_FORKS + j;
		all = c_forkall(t, j);
		pthread_mutex_lock(&forklock);
		f->pid = all ? forkall() : fork1();
		if (f->pid == 0) {
			/*
			 * forklock stays held here: in a forkall child the copies of the other
			 * threads (which run on until _exit) can never get it, so never fork
			 */
			if (!all && j == 1)
				grandchild_then_exit(f->want);
			_exit(f->want);
		}
		pthread_mutex_unlock(&forklock);
		if (f->pid < 0) {
			f->err = errno;
			continue;
		}
		count_procs(!all && j == 1 ? 2 : 1);
		reap(f);	/* EINTR is possible: another thread's forkall */
	}
	return NULL;
}

static void phase_storm(void)
{
	pthread_t tids[C_THREADS];
	int i;

	memset(c_rec, 0, sizeof(c_rec));
	smp_barrier_init(&c_barrier, C_THREADS);
	for (i = 0; i < C_THREADS; i++)
		if (pthread_create(&tids[i], NULL, c_storm, (void *)(long)i) != 0) {
			check(0, "storm", "setup", "pthread_create failed");
			exit(ft_done());
		}
	for (i = 0; i < C_THREADS; i++)
		pthread_join(tids[i], NULL);	/* its lwp_wait is interrupted by forkalls and retried */
	check_forks("storm", "forks", &c_rec[0][0], C_THREADS * C_FORKS, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* Phase vfork: vfork+_exit and vfork+exec from several threads, beside fork1.                  */

#define D_THREADS 3
#define D_VFORKS 4
#define D_FORK1S 3

static struct forkrec d_rec[D_THREADS][D_VFORKS], d_f1[D_FORK1S];
static int d_out_bad[D_THREADS][D_VFORKS];
static char d_first_out[80];
static char *d_argv[] = { "hello", "stress", NULL };

/* vfork(); the child _exit()s with `code` at once (it never returns from here). */
static __attribute__((noinline)) pid_t vfork_exit(int code)
{
	pid_t pid = vfork();

	if (pid == 0)
		_exit(code);
	return pid;
}

/* vfork(); the child makes `fd` its stdout and execs /bin/hello (127 if that fails). */
static __attribute__((noinline)) pid_t vfork_exec(int fd)
{
	pid_t pid = vfork();

	if (pid == 0) {
		dup2(fd, 1);
		execv("/bin/hello", d_argv);
		_exit(127);
	}
	return pid;
}

/* Reads the pipe to EOF; 1 if it holds hello's greeting for d_argv. */
static int hello_output_ok(int fd)
{
	char buf[256];
	int len = 0, ok;
	ssize_t r;

	while (len < (int)sizeof(buf) - 1 &&
	    ((r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0 || (r < 0 && errno == EINTR)))
		if (r > 0)
			len += (int)r;
	buf[len] = '\0';
	ok = strcmp(buf, "Hello from forkvm!\nargv[0] = hello\nargv[1] = stress\n") == 0;
	if (!ok) {
		pthread_mutex_lock(&stat_lock);
		if (d_first_out[0] == '\0')
			snprintf(d_first_out, sizeof(d_first_out), "\"%.60s\"", buf);
		pthread_mutex_unlock(&stat_lock);
	}
	return ok;
}

static void *d_vforker(void *arg)
{
	int t = (int)(long)arg, j, p[2];
	struct forkrec *f;

	for (j = 0; j < D_VFORKS; j++) {
		f = &d_rec[t][j];
		if (j & 1) {
			f->want = 0;	/* hello's status */
			if (pipe(p) < 0) {
				f->err = errno;
				continue;
			}
			/* the copies other children inherit go away when they exec */
			fcntl(p[0], F_SETFD, FD_CLOEXEC);
			fcntl(p[1], F_SETFD, FD_CLOEXEC);
			f->pid = vfork_exec(p[1]);
			if (f->pid < 0)
				f->err = errno;
			close(p[1]);
			if (f->pid > 0)
				d_out_bad[t][j] = !hello_output_ok(p[0]);
			close(p[0]);
		} else {
			f->want = 150 + t * D_VFORKS + j;
			f->pid = vfork_exit(f->want);
			if (f->pid < 0)
				f->err = errno;
		}
		if (f->pid > 0) {
			count_procs(1);
			reap(f);
		}
	}
	return NULL;
}

static void *d_fork1er(void *arg)
{
	int j;
	struct forkrec *f;

	(void)arg;
	for (j = 0; j < D_FORK1S; j++) {
		f = &d_f1[j];
		f->want = 200 + j;
		f->pid = fork1();
		if (f->pid == 0)
			_exit(f->want);
		if (f->pid < 0) {
			f->err = errno;
			continue;
		}
		count_procs(1);
		reap(f);
	}
	return NULL;
}

static void phase_vfork(void)
{
	pthread_t tids[D_THREADS], f1;
	int i, j, bad = 0;

	memset(d_rec, 0, sizeof(d_rec));
	memset(d_f1, 0, sizeof(d_f1));
	memset(d_out_bad, 0, sizeof(d_out_bad));
	d_first_out[0] = '\0';
	for (i = 0; i < D_THREADS; i++)
		if (pthread_create(&tids[i], NULL, d_vforker, (void *)(long)i) != 0) {
			check(0, "vfork", "setup", "pthread_create failed");
			exit(ft_done());
		}
	if (pthread_create(&f1, NULL, d_fork1er, NULL) != 0) {
		check(0, "vfork", "setup", "pthread_create failed");
		exit(ft_done());
	}
	for (i = 0; i < D_THREADS; i++)
		pthread_join(tids[i], NULL);
	pthread_join(f1, NULL);
	check_forks("vfork", "vforks", &d_rec[0][0], D_THREADS * D_VFORKS, 0);
	for (i = 0; i < D_THREADS; i++)
		for (j = 0; j < D_VFORKS; j++)
			bad += d_out_bad[i][j];
	check(bad == 0, "vfork", "exec_output", "%d of %d exec'd children printed something else; first: %s",
	    bad, D_THREADS * D_VFORKS / 2, d_first_out);
	check_forks("vfork", "fork1s_beside", d_f1, D_FORK1S, 0);
}

int main(int argc, char **argv)
{
	const char *phases = "swtv", *p;
	int rounds = DEFAULT_ROUNDS, per_round = 0;

	if (argc > 1)
		rounds = atoi(argv[1]);
	if (argc > 2)
		phases = argv[2];
	for (p = phases; *p != '\0' && strchr("swtv", *p) != NULL; p++)
		;
	if (rounds < 1 || rounds > MAX_ROUNDS || *p != '\0' || *phases == '\0' || argc > 3) {
		fprintf(stderr, "usage: %s [ROUNDS 1..%d [PHASES: some of swtv]]\n", argv[0], MAX_ROUNDS);
		return 2;
	}
	if (strchr(phases, 's'))
		per_round += A_SLOW + A_FORKERS * (A_FORKS + 1);
	if (strchr(phases, 'w'))
		per_round += B_TOTAL;
	if (strchr(phases, 't'))
		per_round += C_THREADS * C_FORKS + C_THREADS / 2;
	if (strchr(phases, 'v'))
		per_round += D_THREADS * D_VFORKS + D_FORK1S;
	printf("stress: phases %s, %d round(s) of %d processes\n", phases, rounds, per_round);
	for (round_no = 1; round_no <= rounds; round_no++) {
		if (strchr(phases, 's'))
			phase_sleepers();
		if (strchr(phases, 'w'))
			phase_waits();
		if (strchr(phases, 't'))
			phase_storm();
		if (strchr(phases, 'v'))
			phase_vfork();
	}
	ft_check(nprocs == rounds * per_round, "stress.processes_created", "%d of %d", nprocs,
	    rounds * per_round);
	return ft_done();
}
