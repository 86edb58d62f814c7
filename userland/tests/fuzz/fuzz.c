/*
 * fuzz.c — the guest half of the system-call fuzzer (`npm run fuzz`, test/system/fuzz.test.ts):
 * `fuzz SEED N` issues about N raw system calls (ta 8) chosen by a seeded generator, with hostile
 * arguments: bad pointers (NULL, kernel, text, unmapped, misaligned, the end of a page), huge and
 * negative sizes, wrong descriptors, signals to random pids, fork/vfork/forkall, lwps, mmap/munmap
 * and shm, pipes. The calls run in worker processes, each in a session of its own, that the
 * supervisor (this process, which ignores every signal it can but SIGALRM) replaces as they
 * die; a worker still busy after its time (an ITIMER_REAL that interrupts the supervisor's
 * waitpid) is killed. Each worker counts the calls it (and its fork children) issue in a shared
 * page, which the supervisor zeroes before and reads after each worker, taking at most
 * MAX_PER_WORKER from it (a hostile call may store anything there, or unmap the worker's view);
 * it starts workers until N calls have been issued, and at most N workers. At the end every
 * process left is killed and reaped and every shm id and semaphore set left (shmids(2),
 * semids(2)) is removed, so that the host's --check can demand a clean machine. Prints
 * `fuzz: seed S, N calls in W workers`. The same SEED and N give the same calls; the host keeps the last 50 for a report.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/time.h>

sighandler_t signal(int sig, sighandler_t func);

/* Calls per worker, and how long (in ms) a worker may take before it is killed. */
#define PER_WORKER 64
#define WORKER_MS 400
#define MAXPID 30000
/* The most calls one worker and its children can issue (64 + 4 per fork child, two levels deep). */
#define MAX_PER_WORKER 2000

static unsigned long long rng;
/* The shared page's counter of issued calls (MAP_SHARED: fork children count into it too). */
static volatile long *issued;

static unsigned int next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng >> 16);
}

static unsigned int pick(unsigned int n) { return next() % n; }

/* A raw system call: the carry flag says error; *rv2 gets %o1. */
static long raw(long n, long a0, long a1, long a2, long a3, long a4, long a5, long *rv2, int *err)
{
	register long g1 __asm__("g1") = n;
	register long o0 __asm__("o0") = a0;
	register long o1 __asm__("o1") = a1;
	register long o2 __asm__("o2") = a2;
	register long o3 __asm__("o3") = a3;
	register long o4 __asm__("o4") = a4;
	register long o5 __asm__("o5") = a5;
	long c;

	__asm__ volatile("ta 8\n\t"
	    "mov 0, %[c]\n\t"
	    "bcs,a 1f\n\t"
	    "mov 1, %[c]\n"
	    "1:"
	    : "+r"(o0), "+r"(o1), "+r"(g1), [c] "=&r"(c)
	    : "r"(o2), "r"(o3), "r"(o4), "r"(o5)
	    : "memory", "cc");
	*rv2 = o1;
	*err = (int)c;
	return o0;
}

static char scratch[3 * 4096] __attribute__((aligned(4096)));
static const char *paths[] = { "/bin/hello", "/nonexistent", "/tmp/fz", "/tmp", "/", "", "/bin/cat", "/tmp/fz2" };

/* A hostile argument. */
static long arg(void)
{
	switch (pick(16)) {
	case 0: return 0;
	case 1: return -1;
	case 2: return (long)pick(8);
	case 3: return (long)pick(300) - 2;			/* descriptors, pids, signals */
	case 4: return (long)next() << 16 | next();		/* anything */
	case 5: return (long)scratch + pick(sizeof scratch);	/* a buffer, maybe misaligned */
	case 6: return (long)scratch + 4096 - pick(8);		/* the end of a page */
	case 7: return 0xf0000000L + pick(4096);		/* kernel */
	case 8: return (long)arg & ~3L;				/* text */
	case 9: return 0x7fffffffL;
	case 10: return 0x80000000L;
	case 11: return 0x40000000L + (long)pick(1 << 20) * 4096;	/* unmapped */
	case 12: return (long)paths[pick(sizeof paths / sizeof paths[0])];
	case 13: return 4096L << pick(14);			/* sizes */
	case 14: return (long)pick(64);
	default: return (long)scratch;
	}
}

static const short calls[] = {
	1, 2, 3, 4, 5, 6, 11, 17, 19, 20, 24, 37, 39, 41, 42, 52, 59, 62, 95, 96, 98, 99, 100, 107,
	115, 117, 119, 128, 129, 143, 146, 159, 160, 161, 162, 164, 165, 167, 199,
	/* files: unlink, link, chdir, chmod, mkdir, rmdir, getdents, symlink, readlink, fchmod, rename */
	10, 9, 12, 15, 80, 79, 81, 89, 90, 93, 134,
	/* semsys, sigtimedwait, lwp_kill, lwp_sema_post/trywait/timedwait */
	53, 144, 163, 148, 149, 211,
};

/* One random call. sv: the supervisor (never signalled). Returns 1 when this process must stop. */
static int one(int sv, int depth)
{
	long n, a[6], rv2 = 0, r;
	int i, err = 0;

	n = pick(20) == 0 ? (long)pick(256) : calls[pick(sizeof calls / sizeof calls[0])];
	for (i = 0; i < 6; i++)
		a[i] = arg();
	switch (n) {
	case 37:	/* kill: not the supervisor, nor everyone with a signal it cannot ignore */
		if (a[0] == sv || a[0] == -sv)
			a[0] = 0;
		if (a[0] == -1 && (a[1] == SIGKILL || a[1] == SIGSTOP))
			a[1] = 0;
		break;
	case 199:	/* nanosleep: at most a few ms */
		if (a[0] != 0 && (unsigned long)a[0] >= (unsigned long)scratch && (unsigned long)a[0] < (unsigned long)scratch + sizeof scratch - 8) {
			((long *)((unsigned long)a[0] & ~3UL))[0] = 0;
		}
		break;
	case 2: case 119: case 143:	/* forks: the child (rv2 1) stops at once or after a few calls */
		if (depth >= 2)
			return 0;
		break;
	default:
		break;
	}
	++*issued;
	r = raw(n, a[0], a[1], a[2], a[3], a[4], a[5], &rv2, &err);
	(void)r;
	if ((n == 2 || n == 119 || n == 143) && !err && rv2 != 0) {
		if (n == 119)
			raw(1, 0, 0, 0, 0, 0, 0, &rv2, &err);	/* vfork child: exit at once */
		for (i = 0; i < 4; i++)
			one(sv, depth + 1);
		raw(1, 0, 0, 0, 0, 0, 0, &rv2, &err);
	}
	return 0;
}

static void worker(int sv, unsigned long long seed)
{
	int i;

	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	setsid();
	for (i = 0; i < PER_WORKER; i++)
		one(sv, 0);
	_exit(0);
}

/* Kill every process but init and us, until none is left (zombies are init's to reap). */
static void sweep(void)
{
	int pid, any, st, me = getpid();

	do {
		any = 0;
		for (pid = 2; pid <= MAXPID; pid++) {
			if (pid == me || getpgid(pid) < 0)
				continue;
			kill(pid, SIGKILL);
			any = 1;
		}
		while (waitpid(-1, &st, WNOHANG) > 0)
			;
		sched_yield();
	} while (any);
}

/* Remove every shm id left (shmsys SHMIDS lists them). */
static void remove_shm(void)
{
	static int ids[1024];
	long rv2, nids = 0;
	int err, i;

	do {
		raw(52, 4, (long)ids, 1024, (long)&nids, 0, 0, &rv2, &err);
		if (err)
			return;
		for (i = 0; i < nids && i < 1024; i++)
			shmctl(ids[i], IPC_RMID, NULL);
	} while (nids > 1024);
}

/* Remove every SysV semaphore set left (semsys SEMIDS lists them; semctl IPC_RMID is SEMCTL). */
static void remove_sem(void)
{
	static int ids[1024];
	long rv2, nids = 0;
	int err, i;

	do {
		raw(53, 3, (long)ids, 1024, (long)&nids, 0, 0, &rv2, &err);
		if (err)
			return;
		for (i = 0; i < nids && i < 1024; i++)
			raw(53, 0, ids[i], 0, IPC_RMID, 0, 0, &rv2, &err);
	} while (nids > 1024);
}

static void on_alarm(int sig) { (void)sig; }

int main(int argc, char **argv)
{
	unsigned long long seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	long budget = argc > 2 ? strtol(argv[2], NULL, 0) : 2000, done = 0, n;
	struct timespec nap = { 0, 1000000 };
	struct itimerval limit = { { 0, 0 }, { 0, WORKER_MS * 1000 } }, off = { { 0, 0 }, { 0, 0 } };
	struct sigaction sa;
	int sig, pid, st, workers = 0;

	issued = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	if (issued == MAP_FAILED) {
		printf("fuzz: mmap: %s\n", strerror(errno));
		return 1;
	}
	for (sig = 1; sig < 49; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && sig != SIGCHLD && sig != SIGALRM)
			signal(sig, SIG_IGN);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART: the alarm ends a waitpid with EINTR */
	sigaction(SIGALRM, &sa, NULL);
	rng = seed + 1;
	while (done < budget && workers < budget) {
		fflush(stdout);
		*issued = 0;
		pid = fork();
		if (pid == 0)
			worker(getppid(), seed * 1000003ULL + (unsigned long long)workers);
		workers++;
		if (pid < 0) {
			nanosleep(&nap, NULL);
			continue;
		}
		/* Wait for the worker, at most WORKER_MS (an early SIGALRM from a worker ends it sooner). */
		setitimer(ITIMER_REAL, &limit, NULL);
		if (waitpid(pid, &st, 0) != pid) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
		}
		setitimer(ITIMER_REAL, &off, NULL);
		kill(-pid, SIGKILL);	/* what the worker left in its group */
		while (waitpid(-1, &st, WNOHANG) > 0)
			;
		n = *issued;
		done += n < 0 ? 0 : n > MAX_PER_WORKER ? MAX_PER_WORKER : n;
	}
	sweep();
	remove_shm();
	remove_sem();
	printf("fuzz: seed %llu, %ld calls in %d workers\n", seed, done, workers);
	return 0;
}
