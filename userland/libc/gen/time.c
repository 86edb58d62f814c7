/*
 * time.c — time() and clock() (mirrors Solaris libc's port/sys/time.c and port/gen/clock.c):
 * time() wraps the time trap (13), which returns the seconds; clock() is the process's CPU time
 * and its waited-for children's, from times(), in microseconds since its first call.
 */
#include <time.h>
#include <sys/times.h>

extern time_t _time(void);

/* time(): seconds since 1970, also stored in *tloc when tloc is not NULL. */
time_t time(time_t *tloc)
{
	time_t t = _time();

	if (tloc != NULL)
		*tloc = t;
	return t;
}

static int clock_first = 1;
static clock_t clock_base;

/* clock(): CPU time used since the first call, in CLOCKS_PER_SEC units; (clock_t)-1 on error. */
clock_t clock(void)
{
	struct tms t;
	clock_t now;

	if (times(&t) == (clock_t)-1)
		return (clock_t)-1;
	now = t.tms_utime + t.tms_stime + t.tms_cutime + t.tms_cstime;
	if (clock_first) {
		clock_first = 0;
		clock_base = now;
	}
	return (now - clock_base) * (CLOCKS_PER_SEC / 100);
}
