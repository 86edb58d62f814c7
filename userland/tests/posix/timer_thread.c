/*
 * timer_thread.c — timer_create with SIGEV_THREAD: each expiry runs the notification function
 * in a new thread (not the main one) with the timer's sigev_value; a periodic timer runs it
 * again; timer_delete stops it; a fork child has none of the parent's timers (its function
 * never runs there, the parent's keeps running) and can make SIGEV_THREAD timers of its own; a
 * blocked waitpid in the parent is not disturbed by the expiries. Bad arguments: EINVAL.
 */
#include <signal.h>
#include <time.h>
#include <pthread.h>
#include "../fork/ftest.h"

static volatile int calls, last_value, last_pid;
static pthread_t main_thread;
static volatile int on_main;

static void notify(union sigval v)
{
	if (pthread_equal(pthread_self(), main_thread))
		on_main = 1;
	last_value = v.sival_int;
	last_pid = getpid();
	calls++;
}

static timer_t make(int value, long first_ns, long period_ns)
{
	struct sigevent se;
	struct itimerspec it;
	timer_t t;

	memset(&se, 0, sizeof se);
	se.sigev_notify = SIGEV_THREAD;
	se.sigev_value.sival_int = value;
	se.sigev_notify_function = notify;
	if (timer_create(CLOCK_REALTIME, &se, &t) != 0)
		return (timer_t)-1;
	memset(&it, 0, sizeof it);
	it.it_value.tv_nsec = first_ns;
	it.it_interval.tv_nsec = period_ns;
	if (timer_settime(t, 0, &it, NULL) != 0)
		return (timer_t)-1;
	return t;
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int main(void)
{
	struct sigevent se;
	timer_t t, u;
	int pid, st, n;

	main_thread = pthread_self();
	memset(&se, 0, sizeof se);
	se.sigev_notify = SIGEV_THREAD;
	ft_errno(timer_create(CLOCK_REALTIME, &se, &t), EINVAL, "SIGEV_THREAD without a function: EINVAL");

	t = make(1234, 50000000, 0);
	ft_check(t != (timer_t)-1, "timer_create SIGEV_THREAD", "errno %d", errno);
	nap(200);
	ft_check(calls == 1 && last_value == 1234, "the function ran once with sigev_value", "calls %d value %d", calls, last_value);
	ft_check(!on_main, "in a thread of its own, not the main thread", "it ran on the main thread");
	ft_check(timer_delete(t) == 0, "timer_delete", "errno %d", errno);

	calls = 0;
	u = make(77, 20000000, 20000000);
	nap(210);
	n = calls;
	ft_check(n >= 5, "a periodic timer runs it each period", "%d runs in 210 ms at 20 ms", n);
	ft_check(timer_delete(u) == 0, "timer_delete of a periodic timer", "errno %d", errno);
	n = calls;
	nap(100);
	ft_check(calls == n, "deleted: it runs no more", "%d more runs", calls - n);

	calls = 0;
	t = make(55, 100000000, 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		nap(300);
		ft_check(calls == 0, "fork child: the parent's timer does not notify here", "%d runs", calls);
		ft_errno(timer_delete(t), EINVAL, "fork child: the parent's timer id is invalid");
		t = make(66, 30000000, 0);
		nap(150);
		ft_check(calls == 1 && last_value == 66 && last_pid == getpid(), "fork child: a timer of its own notifies", "calls %d value %d", calls, last_value);
		ft_child_exit();
	}
	ft_check(waitpid(pid, &st, 0) == pid, "waitpid is not disturbed by the expiry", "errno %d", errno);
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork child's checks", "status 0x%x", st);
	ft_check(calls == 1 && last_value == 55 && last_pid == getpid(), "parent: its timer notified during the wait", "calls %d value %d", calls, last_value);
	timer_delete(t);
	return ft_done();
}
