/*
 * sys/time.h — struct timeval, the interval timers (ITIMER_REAL per process, ITIMER_VIRTUAL and
 * ITIMER_PROF per lwp, as in Solaris) and gettimeofday (mirrors Solaris <sys/time.h>). Leaves out
 * ITIMER_REALPROF, utimes, adjtime and the hrtime interfaces.
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>
#include <time.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

#define timerisset(tvp) ((tvp)->tv_sec || (tvp)->tv_usec)
#define timerclear(tvp) ((tvp)->tv_sec = (tvp)->tv_usec = 0)
#define timercmp(tvp, uvp, cmp) \
	(((tvp)->tv_sec == (uvp)->tv_sec) ? ((tvp)->tv_usec cmp (uvp)->tv_usec) : ((tvp)->tv_sec cmp (uvp)->tv_sec))

/* gettimeofday(): realtime; tzp is ignored. 0, or -1 with EFAULT. */
int gettimeofday(struct timeval *tp, void *tzp);
/* Interval timers: 0, or -1 with errno (EINVAL: bad timer or timeval; EFAULT). */
int getitimer(int which, struct itimerval *value);
int setitimer(int which, const struct itimerval *value, struct itimerval *ovalue);

#endif
