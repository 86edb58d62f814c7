/*
 * atfork.c — pthread_atfork: with three registrations (A, B, C; B has no prepare handler), fork(),
 * fork1() and forkall() run the prepare handlers C then A in the parent before the fork, then the
 * parent handlers A B C in the parent and the child handlers A B C in the child (each side sees
 * only its own); vfork() runs none. Each child checks its sequence and reports through its exit
 * status; a forkall child with a second thread runs the handlers once.
 */
#include <pthread.h>
#include <thread.h>
#include "../fork/ftest.h"

static char seq[64];
static int nseq;

static void add(char c) { if (nseq < (int)sizeof(seq) - 1) seq[nseq++] = c; seq[nseq] = 0; }
static void prep_a(void) { add('a'); }
static void prep_c(void) { add('c'); }
static void par_a(void) { add('A'); }
static void par_b(void) { add('B'); }
static void par_c(void) { add('C'); }
static void chi_a(void) { add('1'); }
static void chi_b(void) { add('2'); }
static void chi_c(void) { add('3'); }

static volatile int worker_go = 1;
static void *worker(void *arg)
{
	(void)arg;
	while (worker_go)
		sched_yield();
	return NULL;
}

/* One fork flavour: the child checks "ca123" and exits 0/1; the parent checks "caABC". */
static void one(const char *name, pid_t (*f)(void))
{
	char what[120];
	pid_t pid;
	int st;

	nseq = 0;
	seq[0] = 0;
	pid = f();
	if (pid == 0) {
		_exit(strcmp(seq, "ca123") == 0 ? 0 : 1);
	}
	snprintf(what, sizeof(what), "%s: parent ran prepare (reverse) then parent handlers", name);
	ft_check(pid > 0 && strcmp(seq, "caABC") == 0, what, "sequence \"%s\"", seq);
	st = ft_wait(pid, name);
	snprintf(what, sizeof(what), "%s: child ran the child handlers in order", name);
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, what, "%s", ft_status(st));
}

int main(void)
{
	pthread_t t;
	pid_t pid;
	int st;

	ft_check(pthread_atfork(prep_a, par_a, chi_a) == 0, "pthread_atfork A", "");
	ft_check(pthread_atfork(NULL, par_b, chi_b) == 0, "pthread_atfork B (no prepare)", "");
	ft_check(pthread_atfork(prep_c, par_c, chi_c) == 0, "pthread_atfork C", "");
	one("fork", fork);
	one("fork1", fork1);
	one("forkall", forkall);

	/* forkall with a second thread: the handlers run once, in the forking thread. */
	ft_check(pthread_create(&t, NULL, worker, NULL) == 0, "pthread_create", "");
	one("forkall with a thread", forkall);
	worker_go = 0;
	pthread_join(t, NULL);

	/* vfork runs no handlers, in parent or child. */
	nseq = 0;
	seq[0] = 0;
	pid = vfork();
	if (pid == 0)
		_exit(nseq == 0 ? 0 : 1);
	ft_check(pid > 0 && nseq == 0, "vfork: no handlers in the parent", "sequence \"%s\"", seq);
	st = ft_wait(pid, "vfork");
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "vfork: no handlers in the child", "%s", ft_status(st));
	return ft_done();
}
