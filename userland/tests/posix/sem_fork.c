/*
 * sem_fork.c — POSIX semaphores and fork: an unnamed process-shared semaphore in MAP_SHARED
 * memory and one in a SysV shm segment work between parent and child (a waiter really sleeps in
 * the kernel, using no CPU, until the other side posts); a named semaphore stays open in the
 * child; a private (pshared 0) one is the child's own copy. Then the errors: EINVAL, EAGAIN,
 * ETIMEDOUT, EOVERFLOW, EINTR, ENOENT, EEXIST, ENAMETOOLONG.
 */
#include <semaphore.h>
#include <signal.h>
#include <time.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/times.h>
#include "../fork/ftest.h"

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		continue;
}

static long cpu_ticks(void)
{
	struct tms t;

	(void) times(&t);
	return (long)(t.tms_utime + t.tms_stime);
}

/* Ping-pong between parent and child over two process-shared semaphores at s[0], s[1]. */
static void pingpong(sem_t *s, const char *what)
{
	char name[80];
	int i, v = -1;
	pid_t pid;

	ft_check(sem_init(&s[0], 1, 0) == 0 && sem_init(&s[1], 1, 0) == 0, what, "sem_init errno %d", errno);
	pid = fork();
	if (pid == 0) {
		long before = cpu_ticks(), used;

		/* The parent waits a while before the first post: this wait must sleep. */
		ft_check(sem_wait(&s[0]) == 0, "child: first sem_wait returns after the parent's post", "errno %d", errno);
		used = cpu_ticks() - before;
		snprintf(name, sizeof(name), "child: %s waiter slept (cpu %ld ticks)", what, used);
		ft_check(used < 10, name, "a waiting child used %ld ticks of CPU", used);
		for (i = 0; i < 20; i++) {
			if (i > 0 && sem_wait(&s[0]) != 0)
				break;
			if (sem_post(&s[1]) != 0)
				break;
		}
		ft_check(i == 20, "child: 20 rounds", "stopped at %d errno %d", i, errno);
		ft_child_exit();
	}
	nap(300);
	ft_check(waitpid(pid, NULL, WNOHANG) == 0 && sem_getvalue(&s[0], &v) == 0 && v == 0,
	    "parent: child still blocked on the semaphore", "value %d", v);
	for (i = 0; i < 20; i++) {
		if (sem_post(&s[0]) != 0 || sem_wait(&s[1]) != 0)
			break;
	}
	snprintf(name, sizeof(name), "parent: 20 rounds over %s", what);
	ft_check(i == 20, name, "stopped at %d errno %d", i, errno);
	snprintf(name, sizeof(name), "child over %s", what);
	ft_child_ok(pid, name);
	ft_check(sem_destroy(&s[0]) == 0 && sem_destroy(&s[1]) == 0, "sem_destroy", "errno %d", errno);
}

static sem_t tsem;
static volatile int thr_done;

static void *thr_wait(void *arg)
{
	(void) arg;
	if (sem_wait(&tsem) == 0)
		thr_done = 1;
	return NULL;
}

static sem_t *tsem_p;

static void *thr_wait_p(void *arg)
{
	(void) arg;
	(void) sem_wait(tsem_p);
	return NULL;
}

static void on_alarm(int sig)
{
	(void) sig;
}

int main(void)
{
	sem_t *shared, *named, *again, priv;
	struct timespec ts;
	struct sigaction sa;
	pthread_t th;
	char longname[400];
	int id, v = -1;
	pid_t pid;

	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	ft_check(shared != MAP_FAILED, "mmap MAP_SHARED", "errno %d", errno);
	pingpong(shared, "MAP_SHARED memory");
	ft_check(munmap(shared, 4096) == 0, "munmap", "errno %d", errno);

	id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	shared = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
	ft_check(shared != (void *)-1, "shm segment", "errno %d", errno);
	pingpong(shared + 3, "a SysV shm segment");
	ft_check(shmdt(shared) == 0 && shmctl(id, IPC_RMID, NULL) == 0, "shm removed", "errno %d", errno);

	/* A named semaphore opened before fork is open in the child. */
	(void) sem_unlink("/sem_fork");
	named = sem_open("/sem_fork", O_CREAT | O_EXCL, 0600, 0);
	ft_check(named != SEM_FAILED, "sem_open O_CREAT|O_EXCL", "errno %d", errno);
	again = sem_open("/sem_fork", 0);
	ft_check(again == named, "sem_open again: the same address", "%p vs %p", (void *)again, (void *)named);
	ft_check(sem_close(again) == 0, "sem_close of the second open", "errno %d", errno);
	pid = fork();
	if (pid == 0) {
		ft_check(sem_post(named) == 0, "child: sem_post on the inherited named semaphore", "errno %d", errno);
		ft_check(sem_wait(named) == 0, "child: sem_wait takes its own post back", "errno %d", errno);
		ft_check(sem_close(named) == 0, "child: sem_close", "errno %d", errno);
		ft_child_exit();
	}
	ft_child_ok(pid, "named semaphore child");
	ft_check(sem_getvalue(named, &v) == 0 && v == 0, "named: child's post and wait balanced", "value %d", v);
	pid = fork();
	if (pid == 0) {
		ft_check(sem_wait(named) == 0, "child: sem_wait sleeps until the parent's post", "errno %d", errno);
		ft_child_exit();
	}
	nap(100);
	ft_check(sem_post(named) == 0, "parent: post to the named semaphore", "errno %d", errno);
	ft_child_ok(pid, "named semaphore waiter");
	ft_check(sem_close(named) == 0, "sem_close", "errno %d", errno);
	named = sem_open("/sem_fork", 0);
	ft_check(named != SEM_FAILED && sem_getvalue(named, &v) == 0 && v == 0, "reopened after the last close",
	    "errno %d value %d", errno, v);
	ft_check(sem_post(named) == 0 && sem_close(named) == 0, "post then close", "errno %d", errno);
	named = sem_open("/sem_fork", 0);
	ft_check(named != SEM_FAILED && sem_getvalue(named, &v) == 0 && v == 1, "the value outlives every close",
	    "errno %d value %d", errno, v);
	ft_check(sem_close(named) == 0 && sem_unlink("/sem_fork") == 0, "close and unlink", "errno %d", errno);
	ft_errno(sem_open("/sem_fork", 0) == SEM_FAILED ? -1 : 0, ENOENT, "sem_open after unlink: ENOENT");
	ft_errno(sem_unlink("/sem_fork"), ENOENT, "sem_unlink twice: ENOENT");

	/* An unlinked named semaphore still works, in the parent and in a fork child. */
	named = sem_open("/sem_fork3", O_CREAT, 0600, 0);
	ft_check(named != SEM_FAILED && sem_unlink("/sem_fork3") == 0, "sem_open then sem_unlink", "errno %d", errno);
	pid = fork();
	if (pid == 0) {
		ft_check(sem_post(named) == 0, "child: sem_post on an unlinked named semaphore", "errno %d", errno);
		ft_child_exit();
	}
	ft_check(sem_wait(named) == 0, "parent: takes the child's post", "errno %d", errno);
	ft_child_ok(pid, "unlinked named semaphore child");
	ft_check(sem_close(named) == 0, "sem_close of the unlinked semaphore", "errno %d", errno);

	/* Waiters that die asleep (SIGKILL; exit() from another thread) leave no sleep queue (--check). */
	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	ft_check(shared != MAP_FAILED && sem_init(shared, 1, 0) == 0, "a semaphore to die on", "errno %d", errno);
	pid = fork();
	if (pid == 0) {
		(void) sem_wait(shared);
		_exit(1);
	}
	nap(50);
	(void) kill(pid, SIGKILL);
	v = ft_wait(pid, "killed waiter");
	ft_check(WIFSIGNALED(v), "a waiter killed in sem_wait", "%s", ft_status(v));
	pid = fork();
	if (pid == 0) {
		tsem_p = shared;
		if (pthread_create(&th, NULL, thr_wait_p, NULL) == 0)
			nap(50);
		exit(0);
	}
	ft_check(ft_wait(pid, "exiting process") == 0, "a process exits while its thread sleeps in sem_wait", "status");
	ft_check(sem_getvalue(shared, &v) == 0 && v == 0 && sem_post(shared) == 0 && sem_getvalue(shared, &v) == 0 && v == 1,
	    "the semaphore is intact", "value %d", v);
	(void) munmap(shared, 4096);

	/* A private semaphore is the child's own copy after fork. */
	ft_check(sem_init(&priv, 0, 1) == 0, "sem_init pshared 0", "errno %d", errno);
	pid = fork();
	if (pid == 0) {
		ft_check(sem_wait(&priv) == 0 && sem_getvalue(&priv, &v) == 0 && v == 0, "child: takes its copy", "v %d", v);
		ft_child_exit();
	}
	ft_child_ok(pid, "private semaphore child");
	ft_check(sem_getvalue(&priv, &v) == 0 && v == 1, "parent's private semaphore untouched", "value %d", v);

	/* A thread sleeping on a private semaphore wakes on a post from main. */
	ft_check(sem_init(&tsem, 0, 0) == 0 && pthread_create(&th, NULL, thr_wait, NULL) == 0, "thread", "errno %d", errno);
	nap(50);
	ft_check(!thr_done, "thread blocked", "done early");
	ft_check(sem_post(&tsem) == 0 && pthread_join(th, NULL) == 0 && thr_done, "thread woken by sem_post", "done %d", thr_done);

	/* Errors. */
	ft_errno(sem_init(&priv, 0, (unsigned)SEM_VALUE_MAX + 1), EINVAL, "sem_init value > SEM_VALUE_MAX: EINVAL");
	ft_check(sem_init(&priv, 0, 0) == 0, "sem_init 0", "errno %d", errno);
	ft_errno(sem_trywait(&priv), EAGAIN, "sem_trywait at 0: EAGAIN");
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000000;
	ft_errno(sem_timedwait(&priv, &ts), EINVAL, "sem_timedwait tv_nsec 1e9: EINVAL");
	ts.tv_nsec = -1;
	ft_errno(sem_timedwait(&priv, &ts), EINVAL, "sem_timedwait tv_nsec -1: EINVAL");
	ts.tv_sec = 1;
	ts.tv_nsec = 0;
	ft_errno(sem_timedwait(&priv, &ts), ETIMEDOUT, "sem_timedwait in the past: ETIMEDOUT");
	(void) clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 100000000;
	if (ts.tv_nsec >= 1000000000) { ts.tv_nsec -= 1000000000; ts.tv_sec++; }
	{
		struct timespec a, b;
		long ms;

		(void) clock_gettime(CLOCK_REALTIME, &a);
		ft_errno(sem_timedwait(&priv, &ts), ETIMEDOUT, "sem_timedwait 100 ms: ETIMEDOUT");
		(void) clock_gettime(CLOCK_REALTIME, &b);
		ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
		ft_check(ms >= 99 && ms < 400, "sem_timedwait waited the timeout", "%ld ms", ms);
	}
	ts.tv_nsec = 1000000000;
	ft_check(sem_post(&priv) == 0 && sem_timedwait(&priv, &ts) == 0, "sem_timedwait ignores a bad timeout when it need not wait",
	    "errno %d", errno);
	ft_check(sem_init(&priv, 0, SEM_VALUE_MAX) == 0, "sem_init SEM_VALUE_MAX", "errno %d", errno);
	ft_errno(sem_post(&priv), EOVERFLOW, "sem_post past SEM_VALUE_MAX: EOVERFLOW");
	ft_check(sem_destroy(&priv) == 0, "sem_destroy", "errno %d", errno);
	ft_errno(sem_wait(&priv), EINVAL, "sem_wait on a destroyed semaphore: EINVAL");
	ft_errno(sem_post(&priv), EINVAL, "sem_post on a destroyed semaphore: EINVAL");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	(void) sigaction(SIGALRM, &sa, NULL);
	ft_check(sem_init(&priv, 0, 0) == 0, "sem_init", "errno %d", errno);
	alarm(1);
	ft_errno(sem_wait(&priv), EINTR, "sem_wait interrupted by SIGALRM: EINTR");
	ft_check(sem_getvalue(&priv, &v) == 0 && v == 0, "nothing taken by the interrupted wait", "value %d", v);

	ft_errno(sem_open("/no_such_sem", 0) == SEM_FAILED ? -1 : 0, ENOENT, "sem_open missing: ENOENT");
	ft_errno(sem_open("no_slash", O_CREAT, 0600, 0) == SEM_FAILED ? -1 : 0, EINVAL, "sem_open without '/': EINVAL");
	ft_errno(sem_open("/a/b", O_CREAT, 0600, 0) == SEM_FAILED ? -1 : 0, EINVAL, "sem_open with a second '/': EINVAL");
	ft_errno(sem_open("/big", O_CREAT, 0600, (unsigned)SEM_VALUE_MAX + 1) == SEM_FAILED ? -1 : 0, EINVAL,
	    "sem_open value > SEM_VALUE_MAX: EINVAL");
	memset(longname, 'x', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = 0;
	ft_errno(sem_open(longname, O_CREAT, 0600, 0) == SEM_FAILED ? -1 : 0, ENAMETOOLONG, "sem_open long name: ENAMETOOLONG");
	named = sem_open("/sem_fork2", O_CREAT, 0600, 2);
	ft_errno(sem_open("/sem_fork2", O_CREAT | O_EXCL, 0600, 0) == SEM_FAILED ? -1 : 0, EEXIST, "O_CREAT|O_EXCL on an existing name: EEXIST");
	ft_check(named != SEM_FAILED && sem_getvalue(named, &v) == 0 && v == 2, "O_CREAT initial value", "value %d", v);
	ft_check(sem_close(named) == 0 && sem_unlink("/sem_fork2") == 0, "cleanup", "errno %d", errno);
	ft_errno(sem_close(named), EINVAL, "sem_close twice: EINVAL");
	return ft_done();
}
