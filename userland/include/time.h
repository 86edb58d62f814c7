/*
 * time.h — struct timespec, the clocks and POSIX timers, time(), clock() and nanosleep (mirrors
 * Solaris <time.h> and sys/time_impl.h: clock ids VIRTUAL 1, THREAD_CPUTIME_ID 2, REALTIME 3,
 * MONOTONIC/HIGHRES 4, PROCESS_CPUTIME_ID 5), and calendar time (struct tm, gmtime/localtime,
 * mktime, strftime, asctime/ctime, tzset with POSIX TZ strings). Leaves out SIGEV_THREAD timers,
 * getdate and strptime.
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

/* clock_getcpuclockid(): CLOCK_PROCESS_CPUTIME_ID for pid 0 or the caller; EPERM for another
   process, ESRCH for none (an error number). */
int clock_getcpuclockid(pid_t pid, clockid_t *clock);

/* POSIX timers (CLOCK_REALTIME, CLOCK_MONOTONIC; SIGEV_SIGNAL, SIGEV_NONE): 0 or -1 with errno. */
int timer_create(clockid_t clock, struct sigevent *evp, timer_t *timerid);
int timer_delete(timer_t timerid);
int timer_settime(timer_t timerid, int flags, const struct itimerspec *value, struct itimerspec *ovalue);
int timer_gettime(timer_t timerid, struct itimerspec *value);
int timer_getoverrun(timer_t timerid);

/* struct tm — broken-down time (Solaris layout: nine ints, no tm_gmtoff/tm_zone). */
struct tm {
	int tm_sec;	/* 0..60 */
	int tm_min;	/* 0..59 */
	int tm_hour;	/* 0..23 */
	int tm_mday;	/* 1..31 */
	int tm_mon;	/* 0..11 */
	int tm_year;	/* years since 1900 */
	int tm_wday;	/* 0..6, Sunday 0 */
	int tm_yday;	/* 0..365 */
	int tm_isdst;	/* > 0 daylight time, 0 standard, < 0 unknown (mktime decides) */
};

/*
 * Time zone (tzset reads TZ): timezone and altzone are seconds west of UTC for standard and
 * daylight time, daylight is nonzero when the zone has a daylight rule, tzname[0]/[1] the two
 * names. TZ unset, empty or unparsable means UTC ("GMT" names it GMT).
 */
extern long timezone;
extern long altzone;
extern int daylight;
extern char *tzname[2];
void tzset(void);

/* Conversions: NULL (gmtime/localtime) or (time_t)-1 (mktime/timegm) with EOVERFLOW when the
   result does not fit. gmtime/localtime/asctime/ctime return a static buffer; the _r forms the
   caller's. mktime normalizes *tm and fills tm_wday/tm_yday/tm_isdst. */
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *t, struct tm *res);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *res);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
/* difftime(): t1 - t0 (a double: needs an FPU, which forkvm's SPARC does not have). */
double difftime(time_t t1, time_t t0);
/* asctime(): "Sun Jan  1 00:00:00 2006\n" (26 bytes with the NUL); asctime_r/ctime_r need 26. */
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *tm, char *buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
/* strftime(): bytes stored without the NUL, or 0 when max was too small (C/POSIX locale). */
size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm);

#endif
