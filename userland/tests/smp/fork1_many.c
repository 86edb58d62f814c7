/*
 * fork1_many.c — several threads of one process forking at the same moment, round after round.
 *
 * NT threads meet at a barrier, then all call the fork function at once; each child _exit()s
 * with a code that names its thread and round, and is reaped (waitpid on its pid) by the very
 * thread that forked it. Repeated for NROUNDS rounds, while the main thread sleeps in
 * pthread_join. Sections: fork1(); fork() (= fork1 in Solaris); vfork() (the child only
 * _exit()s; libc does not serialize vfork, so the kernel sees the holds race); and a mix where
 * half of the threads fork1 while the others vfork. Checked per section: every fork succeeded
 * (no EINTR, no EAGAIN: a second lwp forking while one fork is under way waits for it in
 * Solaris instead of failing); every child was reaped by its forker and exited with its own
 * code (a fork1 child also checks that it is alone: the other forkers cannot be joined there);
 * no waitpid saw EINTR (fork1 and vfork do not interrupt sleepers); all child pids distinct.
 *
 * Only the main thread prints, after joining the forkers. Exit status 0 iff every check passed.
 */
#include "smp.h"

#define NT 5
#define NROUNDS 4

enum { M_FORK1, M_FORK, M_VFORK, M_MIXED };
static const char *const mode_name[] = { "fork1", "fork", "vfork", "mixed" };

struct result {
	pid_t pid;
	int fork_err;		/* errno of a failed fork */
	pid_t w;		/* waitpid's return */
	int wait_err, wait_eintrs, st;
};

static struct result res[NT][NROUNDS];
static pthread_t tids[NT];
static smp_barrier_t barrier;
static int mode;
static pid_t parent;

/* The exit code of the child of thread t in round r: distinct, 1..NT*NROUNDS (+100: it failed). */
static int child_code(int t, int r)
{
	return 1 + t * NROUNDS + r;
}

/* A fork1 child: the only lwp is the caller's, so none of the other forkers can be joined. */
static void fork1_child(int t, int r)
{
	int i, ok = getppid() == parent;

	for (i = 0; i < NT; i++)
		if (i != t && pthread_join(tids[i], NULL) != ESRCH)
			ok = 0;
	_exit(child_code(t, r) + (ok ? 0 : 100));
}

/* vfork(); the child _exit()s with `code` at once (it never returns from here). */
static __attribute__((noinline)) pid_t vfork_exit(int code)
{
	pid_t pid = vfork();

	if (pid == 0)
		_exit(code);
	return pid;
}

static void *forker(void *arg)
{
	int t = (int)(long)arg, r, use_vfork;
	struct result *p;

	use_vfork = mode == M_VFORK || (mode == M_MIXED && (t & 1));
	for (r = 0; r < NROUNDS; r++) {
		p = &res[t][r];
		smp_barrier_wait(&barrier);
		if (use_vfork) {
			p->pid = vfork_exit(child_code(t, r));
		} else {
			p->pid = mode == M_FORK ? fork() : fork1();
			if (p->pid == 0)
				fork1_child(t, r);
		}
		if (p->pid < 0) {
			p->fork_err = errno;
			continue;
		}
		while ((p->w = waitpid(p->pid, &p->st, 0)) < 0 && errno == EINTR)
			p->wait_eintrs++;
		p->wait_err = p->w < 0 ? errno : 0;
	}
	return NULL;
}

static void section(int m)
{
	char n[64];
	int t, r, t2, r2, ok, created = 0;
	int forked = 0, eintr = 0, eagain = 0, other = 0, reaped = 0, eintrs = 0, dups = 0;
	char bad[120] = "";

	mode = m;
	parent = getpid();
	memset(res, 0, sizeof(res));
	smp_barrier_init(&barrier, NT);
	for (t = 0; t < NT; t++)
		if (pthread_create(&tids[t], NULL, forker, (void *)(long)t) == 0)
			created++;
	snprintf(n, sizeof(n), "many.%s.threads", mode_name[m]);
	if (!ft_check(created == NT, n, "only %d of %d threads created", created, NT))
		exit(ft_done());	/* the barrier would never open */
	for (t = 0; t < NT; t++)
		pthread_join(tids[t], NULL);

	for (t = 0; t < NT; t++)
		for (r = 0; r < NROUNDS; r++) {
			struct result *p = &res[t][r];
			if (p->pid > 0)
				forked++;
			else if (p->fork_err == EINTR)
				eintr++;
			else if (p->fork_err == EAGAIN)
				eagain++;
			else
				other++;
			if (p->pid > 0 && p->w == p->pid && smp_exited(p->st, child_code(t, r)))
				reaped++;
			else if (p->pid > 0 && bad[0] == '\0')
				snprintf(bad, sizeof(bad), "thread %d round %d: waitpid %ld errno %d, %s (want exited %d)",
				    t, r, (long)p->w, p->wait_err, p->w > 0 ? ft_status(p->st) : "-", child_code(t, r));
			eintrs += p->wait_eintrs;
			for (t2 = 0; t2 < NT; t2++)
				for (r2 = 0; r2 < NROUNDS; r2++)
					if ((t2 != t || r2 != r) && p->pid > 0 && res[t2][r2].pid == p->pid)
						dups++;
		}
	snprintf(n, sizeof(n), "many.%s.all_forks_succeed", mode_name[m]);
	ft_check(forked == NT * NROUNDS, n, "%d of %d forks succeeded; failures: %d EINTR, %d EAGAIN, %d other",
	    forked, NT * NROUNDS, eintr, eagain, other);
	snprintf(n, sizeof(n), "many.%s.children_reaped_with_status", mode_name[m]);
	ok = reaped == forked;
	ft_check(ok, n, "%d of %d children reaped with their code; first bad: %s", reaped, forked, bad);
	snprintf(n, sizeof(n), "many.%s.no_wait_eintr", mode_name[m]);
	ft_check(eintrs == 0, n, "waitpid returned EINTR %d times", eintrs);
	snprintf(n, sizeof(n), "many.%s.pids_distinct", mode_name[m]);
	ft_check(dups == 0, n, "%d pairs of children share a pid", dups / 2);
}

int main(void)
{
	section(M_FORK1);
	section(M_FORK);
	section(M_VFORK);
	section(M_MIXED);
	printf("many: %d threads x %d rounds per section\n", NT, NROUNDS);
	return ft_done();
}
