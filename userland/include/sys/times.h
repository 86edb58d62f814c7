/*
 * sys/times.h — struct tms and times() (mirrors Solaris <sys/times.h>): CPU times in clock ticks
 * (CLK_TCK, 100 a second); times() returns the elapsed ticks since boot.
 */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

struct tms {
	clock_t tms_utime;
	clock_t tms_stime;
	clock_t tms_cutime;
	clock_t tms_cstime;
};

/* times(): elapsed ticks, or (clock_t)-1 with EFAULT. */
clock_t times(struct tms *buffer);

#endif
