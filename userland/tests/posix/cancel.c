/*
 * cancel.c — thread cancellation: deferred cancellation of a thread blocked in each blocking
 * cancellation point libc has (nanosleep via sleep, read of an empty pipe, waitpid, pause,
 * sigsuspend, sigwait, pthread_join, pthread_cond_wait; nanosleep with all signals blocked by
 * pthread_sigmask, which leaves SIGCANCEL out; fcntl F_SETLKW; sem_wait), cleanup handlers (last pushed first,
 * pop(1)/pop(0), run by pthread_exit), PTHREAD_CANCELED from pthread_join, the disabled state
 * (a request waits, nanosleep completes), no action outside cancellation points in deferred
 * mode, asynchronous cancellation of a spinning thread, the argument checks; and the signal
 * calls threads use: pthread_kill, pthread_sigmask per thread, sigwait/sigwaitinfo/sigtimedwait.
 */
#include <pthread.h>
#include <signal.h>
#include <sched.h>
#include <time.h>
#include <fcntl.h>
#include <semaphore.h>
#include "../fork/ftest.h"

static volatile int ready, cleaned, order[4], norder;
static int pfd[2];
static pthread_mutex_t mx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static void mark(void *arg)
{
	cleaned += (int)(long)arg;
}

static void wait_ready(void)
{
	while (!ready)
		sched_yield();
	usleep(20000);		/* let it reach the blocking call */
}

/* The blocking calls, one per thread; each pushes a cleanup handler first. */
enum { B_SLEEP, B_READ, B_WAITPID, B_PAUSE, B_SIGSUSPEND, B_SIGWAIT, B_JOIN, B_CONDWAIT, B_MASKED, B_SETLKW, B_SEMWAIT, B_N };
static const char *const bname[B_N] = {
	"sleep", "read", "waitpid", "pause", "sigsuspend", "sigwait", "pthread_join", "pthread_cond_wait",
	"nanosleep with every signal blocked by pthread_sigmask (SIGCANCEL cannot be)",
	"fcntl F_SETLKW on a record another process has locked",
	"sem_wait",
};
static sem_t sem0;
static int lockfd;
static pthread_t sleeper;
static pid_t child;

static void *sleeper_main(void *a)
{
	(void)a;
	sleep(100);
	return NULL;
}

static void unlock_mx(void *a)
{
	(void)a;
	pthread_mutex_unlock(&mx);
	cleaned += 10;
}

static void *blocker(void *arg)
{
	int which = (int)(long)arg, sig;
	char c;
	sigset_t set;

	pthread_cleanup_push(mark, (void *)1);
	switch (which) {
	case B_SLEEP:
		ready = 1;
		sleep(100);
		break;
	case B_READ:
		ready = 1;
		read(pfd[0], &c, 1);
		break;
	case B_WAITPID:
		ready = 1;
		waitpid(child, NULL, 0);
		break;
	case B_PAUSE:
		ready = 1;
		pause();
		break;
	case B_SIGSUSPEND:
		sigemptyset(&set);
		ready = 1;
		sigsuspend(&set);
		break;
	case B_SIGWAIT:
		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
		ready = 1;
		sigwait(&set, &sig);
		break;
	case B_JOIN:
		ready = 1;
		pthread_join(sleeper, NULL);
		break;
	case B_MASKED: {
		struct timespec ts = { 100, 0 };

		sigfillset(&set);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
		ready = 1;
		nanosleep(&ts, NULL);
		break;
	}
	case B_SETLKW: {
		struct flock fl;

		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_len = 1;
		ready = 1;
		fcntl(lockfd, F_SETLKW, &fl);
		break;
	}
	case B_SEMWAIT:
		ready = 1;
		sem_wait(&sem0);
		break;
	case B_CONDWAIT:
		pthread_mutex_lock(&mx);
		pthread_cleanup_push(unlock_mx, NULL);
		ready = 1;
		for (;;)
			pthread_cond_wait(&cv, &mx);
		pthread_cleanup_pop(0);
		break;
	}
	pthread_cleanup_pop(0);
	return (void *)42;	/* not cancelled */
}

static void cancel_points(void)
{
	char name[80];
	void *ret;
	pthread_t t;
	int i;

	pipe(pfd);
	sem_init(&sem0, 0, 0);
	lockfd = open("/tmp/cancel_lock", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(lockfd, "x", 1);
	child = fork();
	if (child == 0) {
		struct flock fl;

		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_len = 1;
		fcntl(lockfd, F_SETLK, &fl);	/* held until it is killed */
		write(pfd[1], "L", 1);
		sleep(1000);
		_exit(0);
	}
	{
		char c;
		read(pfd[0], &c, 1);	/* the child holds the lock */
	}
	pthread_create(&sleeper, NULL, sleeper_main, NULL);
	for (i = 0; i < B_N; i++) {
		ready = 0;
		cleaned = 0;
		snprintf(name, sizeof name, "cancel a thread blocked in %s", bname[i]);
		if (pthread_create(&t, NULL, blocker, (void *)(long)i) != 0) {
			ft_fail(name, "pthread_create");
			continue;
		}
		wait_ready();
		if (pthread_cancel(t) != 0)
			ft_fail(name, "pthread_cancel failed");
		ret = NULL;
		ft_check(pthread_join(t, &ret) == 0 && ret == PTHREAD_CANCELED &&
		    cleaned == (i == B_CONDWAIT ? 11 : 1), name, "join value %p, cleaned %d", ret, cleaned);
	}
	ft_check(pthread_mutex_trylock(&mx) == 0 && pthread_mutex_unlock(&mx) == 0,
	    "a cancelled cond wait retook the mutex (its cleanup released it)", "mutex still held");
	kill(child, SIGKILL);
	ft_wait(child, "reap the sleeping child");
	close(lockfd);
	unlink("/tmp/cancel_lock");
	pthread_cancel(sleeper);
	ft_check(pthread_join(sleeper, &ret) == 0 && ret == PTHREAD_CANCELED, "cancel the sleeper", "%p", ret);
}

static volatile int stage;

static void *disabled_main(void *a)
{
	int old = -1, r;

	(void)a;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	ready = 1;
	while (stage == 0)
		sched_yield();
	r = usleep(30000);	/* a cancellation point, but disabled: it completes */
	stage = r == 0 && old == PTHREAD_CANCEL_ENABLE ? 2 : 3;
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	pthread_testcancel();
	stage = 4;		/* not reached */
	return NULL;
}

static volatile int spin;

static void *deferred_spin(void *a)
{
	(void)a;
	ready = 1;
	while (!spin)
		;		/* no cancellation point */
	stage = 5;
	pthread_testcancel();
	stage = 6;
	return NULL;
}

static void *async_spin(void *a)
{
	int old = -1;

	(void)a;
	pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
	stage = old == PTHREAD_CANCEL_DEFERRED ? 7 : 8;
	ready = 1;
	for (;;)
		spin++;
	return NULL;
}

static void push_order(void *a)
{
	order[norder++] = (int)(long)a;
}

static void *exit_with_handlers(void *a)
{
	(void)a;
	pthread_cleanup_push(push_order, (void *)1);
	pthread_cleanup_push(push_order, (void *)2);
	pthread_cleanup_push(push_order, (void *)3);
	pthread_cleanup_pop(1);		/* runs 3 */
	pthread_cleanup_push(push_order, (void *)4);
	pthread_cleanup_pop(0);		/* 4 is dropped */
	pthread_exit((void *)7);	/* runs 2 then 1 */
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

static void states(void)
{
	pthread_t t;
	void *ret = NULL;
	int old;

	ready = 0;
	stage = 0;
	pthread_create(&t, NULL, disabled_main, NULL);
	while (!ready)
		sched_yield();
	ft_check(pthread_cancel(t) == 0, "cancel a thread that disabled cancellation", "failed");
	stage = 1;
	ft_check(pthread_join(t, &ret) == 0 && ret == PTHREAD_CANCELED && stage == 2,
	    "disabled: the request waits until enabled, then testcancel acts", "ret %p stage %d", ret, stage);

	ready = 0;
	stage = 0;
	spin = 0;
	pthread_create(&t, NULL, deferred_spin, NULL);
	while (!ready)
		sched_yield();
	pthread_cancel(t);
	usleep(20000);
	ft_check(stage == 0, "deferred: no action outside a cancellation point", "stage %d", stage);
	spin = 1;
	ft_check(pthread_join(t, &ret) == 0 && ret == PTHREAD_CANCELED && stage == 5,
	    "deferred: pthread_testcancel acts", "ret %p stage %d", ret, stage);

	ready = 0;
	stage = 0;
	spin = 0;
	pthread_create(&t, NULL, async_spin, NULL);
	while (!ready)
		sched_yield();
	usleep(10000);
	pthread_cancel(t);
	ft_check(pthread_join(t, &ret) == 0 && ret == PTHREAD_CANCELED && stage == 7 && spin > 0,
	    "asynchronous cancellation of a spinning thread", "ret %p stage %d", ret, stage);

	norder = 0;
	pthread_create(&t, NULL, exit_with_handlers, NULL);
	ft_check(pthread_join(t, &ret) == 0 && ret == (void *)7 && norder == 3 && order[0] == 3 &&
	    order[1] == 2 && order[2] == 1, "cleanup: pop(1) runs, pop(0) drops, pthread_exit runs the rest LIFO",
	    "ret %p n %d: %d %d %d", ret, norder, order[0], order[1], order[2]);

	ft_check(pthread_setcancelstate(5, &old) == EINVAL && pthread_setcanceltype(7, &old) == EINVAL,
	    "bad state/type: EINVAL", "no EINVAL");
	ft_check(pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old) == 0 && old == PTHREAD_CANCEL_ENABLE &&
	    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old) == 0 && old == PTHREAD_CANCEL_DISABLE,
	    "main thread: setcancelstate reports the old state", "old %d", old);
	ft_check(pthread_cancel(9999) == ESRCH, "pthread_cancel of no thread: ESRCH", "not ESRCH");
	ft_check(PTHREAD_CANCEL_DISABLE == 1 && PTHREAD_CANCEL_ASYNCHRONOUS == 2 &&
	    PTHREAD_CANCELED == (void *)-19 && SIGCANCEL == 36, "Solaris values", "differ");
}

static volatile pthread_t got_in;
static volatile int got_sig;

static void on_usr1(int sig)
{
	got_sig = sig;
	got_in = pthread_self();
}

static void *mask_and_wait(void *a)
{
	sigset_t set, cur;

	(void)a;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	ready = sigismember(&cur, SIGUSR2) ? 1 : 2;
	while (!got_sig)
		usleep(1000);
	return NULL;
}

static void *sender(void *a)
{
	usleep(20000);
	kill(getpid(), (int)(long)a);
	return NULL;
}

static void signals(void)
{
	struct sigaction sa;
	sigset_t set, cur;
	siginfo_t info;
	struct timespec ts;
	pthread_t t;
	int sig = 0, r;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	ready = 0;
	got_sig = 0;
	pthread_create(&t, NULL, mask_and_wait, NULL);
	while (!ready)
		sched_yield();
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	ft_check(ready == 1 && !sigismember(&cur, SIGUSR2), "pthread_sigmask is per thread", "ready %d", ready);
	ft_check(pthread_kill(t, 0) == 0, "pthread_kill(t, 0): the thread exists", "no");
	ft_check(pthread_kill(t, SIGUSR1) == 0, "pthread_kill(t, SIGUSR1)", "failed");
	pthread_join(t, NULL);
	ft_check(got_sig == SIGUSR1 && got_in == t, "pthread_kill: the handler ran in the target thread",
	    "sig %d in %u, target %u", got_sig, (unsigned)got_in, (unsigned)t);
	ft_check(pthread_kill(t, SIGUSR1) == ESRCH && pthread_kill(pthread_self(), 99) == EINVAL,
	    "pthread_kill: ESRCH for an exited thread, EINVAL for a bad signal", "no");

	/* sigwait family; the main thread blocks SIGUSR2 */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_create(&t, NULL, sender, (void *)SIGUSR2);
	ft_check(sigwait(&set, &sig) == 0 && sig == SIGUSR2, "sigwait takes a process signal", "sig %d", sig);
	pthread_join(t, NULL);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	errno = 0;
	ft_check(sigtimedwait(&set, &info, &ts) == -1 && errno == EAGAIN, "sigtimedwait poll: EAGAIN", "errno %d", errno);
	ts.tv_nsec = 20000000;
	errno = 0;
	ft_check(sigtimedwait(&set, &info, &ts) == -1 && errno == EAGAIN, "sigtimedwait 20 ms: EAGAIN", "errno %d", errno);
	pthread_kill(pthread_self(), SIGUSR2);
	memset(&info, 0, sizeof info);
	r = sigwaitinfo(&set, &info);
	ft_check(r == SIGUSR2 && info.si_signo == SIGUSR2 && info.si_code == SI_LWP && info.si_pid == getpid(),
	    "sigwaitinfo: a pending lwp signal with its siginfo (SI_LWP)", "r %d signo %d code %d pid %ld",
	    r, info.si_signo, info.si_code, (long)info.si_pid);
	sigpending(&cur);
	ft_check(!sigismember(&cur, SIGUSR2), "the accepted signal is no longer pending", "still pending");
	/* SIGCHLD is ignored by default, yet sigwait can take it when it is blocked */
	sigaddset(&set, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (fork() == 0)
		_exit(0);
	ts.tv_sec = 5;
	ts.tv_nsec = 0;
	r = sigtimedwait(&set, &info, &ts);
	ft_check(r == SIGCHLD && info.si_code == CLD_EXITED, "sigtimedwait takes a blocked SIGCHLD",
	    "r %d errno %d code %d", r, errno, info.si_code);
	wait(NULL);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
	cancel_points();
	states();
	signals();
	return ft_done();
}
