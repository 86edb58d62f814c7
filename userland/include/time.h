/*
 * time.h — struct timespec, the clocks and POSIX timers, time(), clock() and nanosleep (mirrors
 * Solaris <time.h> and sys/time_impl.h: clock ids VIRTUAL 1, THREAD_CPUTIME_ID 2, REALTIME 3,
 * MONOTONIC/HIGHRES 4, PROCESS_CPUTIME_ID 5). Leaves out calendar time (struct tm, localtime,
 * strftime) and SIGEV_THREAD timers.
 */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};
typedef struct timespec timestruc_t;

/* itimerspec — a POSIX timer's reload interval and value. */
struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

typedef int clockid_t;
typedef int timer_t;

#define __CLOCK_REALTIME0 0
#define CLOCK_VIRTUAL 1
#define CLOCK_THREAD_CPUTIME_ID 2
#define CLOCK_REALTIME 3
#define CLOCK_MONOTONIC 4
#define CLOCK_PROCESS_CPUTIME_ID 5
#define CLOCK_HIGHRES CLOCK_MONOTONIC
#define CLOCK_PROF CLOCK_THREAD_CPUTIME_ID

#define TIMER_RELTIME 0x0
#define TIMER_ABSTIME 0x1

/* clock(): CPU time in CLOCKS_PER_SEC units (XSI: 1000000). */
#define CLOCKS_PER_SEC 1000000L

#include <sys/siginfo.h>

/* time(): seconds since 1970 (also stored in *tloc when tloc is not NULL). */
time_t time(time_t *tloc);
clock_t clock(void);

/* nanosleep(2): 0, or -1 with errno (EINTR: *rem holds the time left). */
int nanosleep(const struct timespec *req, struct timespec *rem);

/* Clocks: 0, or -1 with errno (EINVAL: unknown clock; EFAULT; EPERM for clock_settime). */
int clock_gettime(clockid_t clock, struct timespec *tp);
int clock_getres(clockid_t clock, struct timespec *res);
int clock_settime(clockid_t clock, const struct timespec *tp);

/* POSIX timers (CLOCK_REALTIME, CLOCK_MONOTONIC; SIGEV_SIGNAL, SIGEV_NONE): 0 or -1 with errno. */
int timer_create(clockid_t clock, struct sigevent *evp, timer_t *timerid);
int timer_delete(timer_t timerid);
int timer_settime(timer_t timerid, int flags, const struct itimerspec *value, struct itimerspec *ovalue);
int timer_gettime(timer_t timerid, struct itimerspec *value);
int timer_getoverrun(timer_t timerid);

#endif
