/*
 * time.c — the clocks and CPU times across fork: clock_gettime on every clock (REALTIME from the
 * fixed boot date, MONOTONIC from the cycle clock, the process and thread CPU clocks),
 * clock_getres, gettimeofday, time() and times(); a fork child's times() counts are zero and its
 * CPU-time clocks start at zero, while its parent's keep counting and take the child's times
 * once it is reaped. Bad clocks and pointers fail with EINVAL / EFAULT. Parent and child both check.
 */
#include <time.h>
#include <sys/time.h>
#include <sys/times.h>
#include "../fork/ftest.h"

#define BAD ((void *)8)		/* unmapped: EFAULT */

static volatile unsigned burn_sink;

/* burn(): spend about `ms` milliseconds of user CPU time (measured on the process CPU clock). */
static void burn(long ms)
{
	struct timespec a, b;
	long long ns;
	unsigned i;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	do {
		for (i = 0; i < 2000; i++)
			burn_sink += i * i;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
		ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	} while (ns < ms * 1000000LL);
}

static long long ts_ns(const struct timespec *t) { return t->tv_sec * 1000000000LL + t->tv_nsec; }

int main(void)
{
	struct timespec rt, mono, mono2, pcpu, tcpu, res;
	struct timeval tv;
	struct tms tms, ctms;
	time_t now, stored;
	clock_t el;
	pid_t pid;
	int st;

	/* The clocks. */
	ft_check(clock_gettime(CLOCK_REALTIME, &rt) == 0, "clock_gettime REALTIME", "errno %d", errno);
	ft_check(rt.tv_sec >= 1136073600 && rt.tv_sec < 1136073600 + 3600, "realtime from the boot date",
	    "tv_sec %ld", (long)rt.tv_sec);
	ft_check(rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000, "realtime nsec in range", "%ld", rt.tv_nsec);
	ft_check(clock_gettime(CLOCK_MONOTONIC, &mono) == 0 && clock_gettime(CLOCK_HIGHRES, &mono2) == 0 &&
	    ts_ns(&mono2) >= ts_ns(&mono), "monotonic never goes back", "%lld then %lld", ts_ns(&mono), ts_ns(&mono2));
	ft_check(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &pcpu) == 0 && ts_ns(&pcpu) > 0, "process CPU clock runs",
	    "%lld", ts_ns(&pcpu));
	ft_check(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &tcpu) == 0 && ts_ns(&tcpu) > 0 && ts_ns(&tcpu) <= ts_ns(&pcpu) + 1000000,
	    "thread CPU clock runs", "thread %lld process %lld", ts_ns(&tcpu), ts_ns(&pcpu));
	ft_check(ts_ns(&pcpu) <= ts_ns(&mono2), "CPU time within elapsed time", "cpu %lld mono %lld", ts_ns(&pcpu), ts_ns(&mono2));
	ft_check(clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 && res.tv_nsec == 10000000,
	    "clock_getres REALTIME is a tick", "%ld.%09ld", (long)res.tv_sec, res.tv_nsec);
	ft_check(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec < 10000000,
	    "clock_getres MONOTONIC", "%ld.%09ld", (long)res.tv_sec, res.tv_nsec);
	ft_check(clock_getres(CLOCK_MONOTONIC, NULL) == 0, "clock_getres NULL res", "errno %d", errno);
	ft_errno(clock_gettime(99, &rt), EINVAL, "clock_gettime bad clock");
	ft_errno(clock_gettime(-1, &rt), EINVAL, "clock_gettime clock -1");
	ft_errno(clock_gettime(CLOCK_REALTIME, BAD), EFAULT, "clock_gettime bad pointer");
	ft_errno(clock_getres(6, &res), EINVAL, "clock_getres bad clock");
	ft_errno(clock_settime(CLOCK_MONOTONIC, &rt), EINVAL, "clock_settime MONOTONIC");

	/* gettimeofday and time agree with the realtime clock. */
	clock_gettime(CLOCK_REALTIME, &rt);
	ft_check(gettimeofday(&tv, NULL) == 0, "gettimeofday", "errno %d", errno);
	ft_check(tv.tv_sec >= rt.tv_sec && tv.tv_sec <= rt.tv_sec + 1 && tv.tv_usec >= 0 && tv.tv_usec < 1000000,
	    "gettimeofday matches realtime", "%ld.%06ld vs %ld", (long)tv.tv_sec, (long)tv.tv_usec, (long)rt.tv_sec);
	ft_errno(gettimeofday(BAD, NULL), EFAULT, "gettimeofday bad pointer");
	now = time(&stored);
	ft_check(now == stored && now >= tv.tv_sec && now <= tv.tv_sec + 1, "time() and its tloc", "%ld %ld", (long)now,
	    (long)stored);
	ft_check(time(NULL) >= now, "time(NULL)", "went back");

	/* A sleep moves realtime and monotonic time, not CPU time. */
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &pcpu);
	{
		struct timespec d = { 0, 50000000 };
		nanosleep(&d, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &mono2);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &tcpu);
	ft_check(ts_ns(&mono2) - ts_ns(&mono) >= 50000000, "nanosleep moves monotonic time", "%lld ns",
	    ts_ns(&mono2) - ts_ns(&mono));
	ft_check(ts_ns(&tcpu) - ts_ns(&pcpu) < 20000000, "sleeping uses no CPU time", "%lld ns", ts_ns(&tcpu) - ts_ns(&pcpu));

	/* times(): burn CPU, then the counts are nonzero. */
	burn(60);
	el = times(&tms);
	ft_check(el > 0, "times returns elapsed ticks", "%ld", (long)el);
	ft_check(tms.tms_utime >= 4, "times counts user ticks", "utime %ld", (long)tms.tms_utime);
	ft_check(tms.tms_cutime == 0 && tms.tms_cstime == 0, "no children reaped yet", "cutime %ld cstime %ld",
	    (long)tms.tms_cutime, (long)tms.tms_cstime);
	ft_errno((int)times(BAD), EFAULT, "times bad pointer");

	/* A child that burns CPU: its times are its own, and go to the parent once reaped. */
	pid = fork();
	if (pid == 0) {
		struct tms t0;
		struct timespec c0;

		times(&t0);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
		ft_check(t0.tms_utime == 0 && t0.tms_stime == 0 && t0.tms_cutime == 0 && t0.tms_cstime == 0,
		    "child: times() counts start at zero", "%ld %ld %ld %ld", (long)t0.tms_utime, (long)t0.tms_stime,
		    (long)t0.tms_cutime, (long)t0.tms_cstime);
		ft_check(ts_ns(&c0) < 10000000, "child: process CPU clock starts at zero", "%lld ns", ts_ns(&c0));
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
		ft_check(ts_ns(&c0) < 10000000, "child: thread CPU clock starts at zero", "%lld ns", ts_ns(&c0));
		clock_gettime(CLOCK_REALTIME, &c0);
		ft_check(c0.tv_sec >= rt.tv_sec, "child: realtime goes on", "%ld < %ld", (long)c0.tv_sec, (long)rt.tv_sec);
		burn(50);
		times(&t0);
		ft_check(t0.tms_utime >= 3, "child: its own time counts", "utime %ld", (long)t0.tms_utime);
		ft_child_exit();
	}
	ft_check(pid > 0, "fork", "errno %d", errno);
	st = ft_wait(pid, "wait child");
	ft_check(st == 0, "child checks passed", "%s", ft_status(st));
	times(&ctms);
	ft_check(ctms.tms_cutime >= 3, "parent: reaped child's user time in tms_cutime", "cutime %ld", (long)ctms.tms_cutime);
	ft_check(ctms.tms_utime >= tms.tms_utime, "parent: its own time kept", "%ld < %ld", (long)ctms.tms_utime,
	    (long)tms.tms_utime);
	ft_check(ctms.tms_utime < tms.tms_utime + 3, "parent: the child's time is not its own", "utime %ld (was %ld)",
	    (long)ctms.tms_utime, (long)tms.tms_utime);
	{
		clock_t c1 = clock(), c2;

		burn(30);
		c2 = clock();
		ft_check(c2 - c1 >= 20000, "clock() counts CPU time in microseconds", "%ld then %ld", (long)c1, (long)c2);
	}
	return ft_done();
}
