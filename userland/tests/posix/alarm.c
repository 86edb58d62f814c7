/*
 * alarm.c — alarm(2), the interval timers and POSIX timers across fork: SIGALRM arrives on the
 * clock; a fork child has no alarm, no ITIMER_REAL/VIRTUAL/PROF timer and none of the parent's
 * timer_create timers (their ids are invalid there), while the parent's keep running and fire;
 * exec keeps the alarm (posix_alarm_exec.c is the exec'd half). Bad arguments fail with EINVAL /
 * EFAULT. Parent and child both check.
 */
#include <signal.h>
#include <time.h>
#include <sys/time.h>
#include "../fork/ftest.h"

#define BAD ((void *)8)

static volatile int nalrm, nvt, nprof, ntimer, timer_value, timer_code;

static void on_alrm(int sig) { (void)sig; nalrm++; }
static void on_vtalrm(int sig) { (void)sig; nvt++; }
static void on_prof(int sig) { (void)sig; nprof++; }
static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)uc;
	ntimer++;
	timer_value = si->si_value.sival_int;
	timer_code = si->si_code;
}

static void catch(int sig, void (*h)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sigaction(sig, &sa, NULL);
}

static volatile unsigned sink;
/* spin until *flag changes or about `ms` of monotonic time passed; returns whether it changed. */
static int spin_until(volatile int *flag, int old, long ms)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (;;) {
		unsigned i;

		if (*flag != old)
			return 1;
		for (i = 0; i < 500; i++)
			sink += i;
		clock_gettime(CLOCK_MONOTONIC, &b);
		if ((b.tv_sec - a.tv_sec) * 1000L + (b.tv_nsec - a.tv_nsec) / 1000000L > ms)
			return *flag != old;
	}
}

int main(int argc, char **argv)
{
	struct itimerval itv, old;
	struct itimerspec its, oits;
	struct sigevent ev;
	struct sigaction sa;
	timer_t tid, tid2;
	unsigned left;
	pid_t pid;
	int st, n;

	(void)argc; (void)argv;
	catch(SIGALRM, on_alrm);
	catch(SIGVTALRM, on_vtalrm);
	catch(SIGPROF, on_prof);

	/* alarm: the old alarm's seconds left, rounded up; 0 cancels; SIGALRM arrives. */
	ft_check(alarm(100) == 0, "alarm: none before", "");
	left = alarm(50);
	ft_check(left == 100, "alarm: previous left, rounded up", "%u", left);
	ft_check(alarm(0) == 50, "alarm(0) cancels, returns left", "");
	ft_check(alarm(0) == 0, "alarm: cancelled", "");
	n = nalrm;
	alarm(1);
	pause();
	ft_check(nalrm == n + 1, "alarm: SIGALRM wakes pause()", "nalrm %d", nalrm);

	/* ITIMER_REAL: fires, reloads, getitimer reads it back; bad arguments. */
	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_usec = 30000;
	itv.it_interval.tv_usec = 20000;
	ft_check(setitimer(ITIMER_REAL, &itv, &old) == 0, "setitimer REAL", "errno %d", errno);
	ft_check(old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0, "setitimer: old value empty", "");
	ft_check(getitimer(ITIMER_REAL, &old) == 0 && old.it_interval.tv_usec == 20000 && old.it_value.tv_usec > 0 &&
	    old.it_value.tv_usec <= 30000, "getitimer REAL", "interval %ld value %ld", (long)old.it_interval.tv_usec,
	    (long)old.it_value.tv_usec);
	n = nalrm;
	while (nalrm < n + 3)
		pause();
	ft_check(nalrm >= n + 3, "ITIMER_REAL reloads", "%d", nalrm - n);
	memset(&itv, 0, sizeof(itv));
	setitimer(ITIMER_REAL, &itv, NULL);
	ft_check(getitimer(ITIMER_REAL, &old) == 0 && !timerisset(&old.it_value), "setitimer 0 disarms", "");
	itv.it_value.tv_usec = 1000000;
	ft_errno(setitimer(ITIMER_REAL, &itv, NULL), EINVAL, "setitimer usec 1000000");
	itv.it_value.tv_usec = -1;
	ft_errno(setitimer(ITIMER_REAL, &itv, NULL), EINVAL, "setitimer negative usec");
	itv.it_value.tv_usec = 0;
	ft_errno(setitimer(7, &itv, NULL), EINVAL, "setitimer bad timer");
	ft_errno(getitimer(7, &old), EINVAL, "getitimer bad timer");
	ft_errno(getitimer(ITIMER_REAL, BAD), EFAULT, "getitimer bad pointer");
	ft_errno(setitimer(ITIMER_REAL, BAD, NULL), EFAULT, "setitimer bad pointer");

	/* ITIMER_VIRTUAL and ITIMER_PROF count CPU time. */
	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_usec = 20000;
	ft_check(setitimer(ITIMER_VIRTUAL, &itv, NULL) == 0, "setitimer VIRTUAL", "errno %d", errno);
	ft_check(spin_until(&nvt, 0, 2000), "ITIMER_VIRTUAL: SIGVTALRM after CPU time", "nvt %d", nvt);
	ft_check(setitimer(ITIMER_PROF, &itv, NULL) == 0, "setitimer PROF", "errno %d", errno);
	ft_check(spin_until(&nprof, 0, 2000), "ITIMER_PROF: SIGPROF after CPU time", "nprof %d", nprof);

	/* POSIX timers: SIGEV_SIGNAL with a value and SI_TIMER. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_timer;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 4242;
	ft_check(timer_create(CLOCK_MONOTONIC, &ev, &tid) == 0, "timer_create MONOTONIC", "errno %d", errno);
	ft_check(timer_create(CLOCK_REALTIME, NULL, &tid2) == 0 && tid2 != tid, "timer_create REALTIME, NULL sigevent",
	    "errno %d", errno);
	memset(&its, 0, sizeof(its));
	its.it_value.tv_nsec = 20000000;
	ft_check(timer_settime(tid, 0, &its, NULL) == 0, "timer_settime relative", "errno %d", errno);
	ft_check(spin_until(&ntimer, 0, 2000), "timer fires", "ntimer %d", ntimer);
	ft_check(timer_value == 4242 && timer_code == SI_TIMER, "timer: si_value and SI_TIMER", "value %d code %d",
	    timer_value, timer_code);
	ft_check(timer_gettime(tid, &oits) == 0 && oits.it_value.tv_sec == 0 && oits.it_value.tv_nsec == 0,
	    "timer_gettime: one-shot disarmed", "%ld.%09ld", (long)oits.it_value.tv_sec, oits.it_value.tv_nsec);
	ft_check(timer_getoverrun(tid) == 0, "timer_getoverrun", "%d", timer_getoverrun(tid));
	ft_errno(timer_create(42, &ev, &tid2), EINVAL, "timer_create bad clock");
	ev.sigev_signo = 0;
	ft_errno(timer_create(CLOCK_MONOTONIC, &ev, &tid2), EINVAL, "timer_create bad signal");
	ev.sigev_signo = SIGUSR1;
	ev.sigev_notify = 99;
	ft_errno(timer_create(CLOCK_MONOTONIC, &ev, &tid2), EINVAL, "timer_create bad notify");
	ev.sigev_notify = SIGEV_SIGNAL;
	ft_errno(timer_create(CLOCK_MONOTONIC, &ev, BAD), EFAULT, "timer_create bad timerid pointer");
	ft_errno(timer_settime(99, 0, &its, NULL), EINVAL, "timer_settime bad id");
	its.it_value.tv_nsec = 1000000000;
	ft_errno(timer_settime(tid, 0, &its, NULL), EINVAL, "timer_settime nsec 1e9");
	ft_errno(timer_settime(tid, 0, BAD, NULL), EFAULT, "timer_settime bad pointer");
	ft_errno(timer_gettime(99, &oits), EINVAL, "timer_gettime bad id");
	ft_errno(timer_delete(99), EINVAL, "timer_delete bad id");
	ft_errno(timer_getoverrun(-1), EINVAL, "timer_getoverrun bad id");

	/* Arm everything in the parent, then fork. */
	alarm(30);
	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_sec = 20;
	setitimer(ITIMER_REAL, &itv, NULL);
	setitimer(ITIMER_VIRTUAL, &itv, NULL);
	setitimer(ITIMER_PROF, &itv, NULL);
	memset(&its, 0, sizeof(its));
	its.it_value.tv_nsec = 60000000;
	timer_settime(tid, 0, &its, NULL);
	n = ntimer;
	pid = fork();
	if (pid == 0) {
		ft_check(alarm(0) == 0, "child: alarm cancelled", "");
		ft_check(getitimer(ITIMER_REAL, &old) == 0 && !timerisset(&old.it_value), "child: ITIMER_REAL reset", "");
		ft_check(getitimer(ITIMER_VIRTUAL, &old) == 0 && !timerisset(&old.it_value), "child: ITIMER_VIRTUAL reset", "");
		ft_check(getitimer(ITIMER_PROF, &old) == 0 && !timerisset(&old.it_value), "child: ITIMER_PROF reset", "");
		ft_errno(timer_gettime(tid, &oits), EINVAL, "child: parent's timer not inherited");
		ft_errno(timer_delete(tid2), EINVAL, "child: parent's second timer not inherited");
		ft_check(!spin_until(&ntimer, n, 150), "child: no timer signal", "ntimer %d", ntimer);
		ft_check(timer_create(CLOCK_MONOTONIC, NULL, &tid2) == 0 && tid2 == 0, "child: own timer gets id 0",
		    "id %d errno %d", (int)tid2, errno);
		ft_child_exit();
	}
	ft_check(pid > 0, "fork", "errno %d", errno);
	ft_check(spin_until(&ntimer, n, 2000), "parent: its timer still fires", "ntimer %d", ntimer);
	st = ft_wait(pid, "wait child");
	ft_check(st == 0, "child checks passed", "%s", ft_status(st));
	left = alarm(0);
	ft_check(left > 0 && left <= 30, "parent: alarm kept", "%u", left);
	ft_check(getitimer(ITIMER_REAL, &old) == 0 && old.it_value.tv_sec > 0 && old.it_value.tv_sec <= 20,
	    "parent: ITIMER_REAL kept", "%ld", (long)old.it_value.tv_sec);
	ft_check(timer_delete(tid) == 0 && timer_delete(tid2) == 0, "timer_delete", "errno %d", errno);
	ft_errno(timer_gettime(tid, &oits), EINVAL, "deleted timer is gone");

	/* exec keeps the alarm: the exec'd program reads alarm(0). */
	pid = fork();
	if (pid == 0) {
		char *av[] = { "posix_alarm_exec", "kept", NULL };

		alarm(40);
		timer_create(CLOCK_MONOTONIC, NULL, &tid);
		execv("/bin/posix_alarm_exec", av);
		_exit(99);
	}
	st = ft_wait(pid, "wait exec child");
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec keeps the alarm, drops POSIX timers", "%s", ft_status(st));
	memset(&itv, 0, sizeof(itv));
	setitimer(ITIMER_REAL, &itv, NULL);
	setitimer(ITIMER_VIRTUAL, &itv, NULL);
	setitimer(ITIMER_PROF, &itv, NULL);
	return ft_done();
}
