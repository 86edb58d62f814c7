/*
 * time.h — struct timespec and nanosleep (mirrors the parts of Solaris <time.h> the kernel serves).
 * Leaves out calendar time, clocks and timers.
 */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};
typedef struct timespec timestruc_t;

/* nanosleep(2): 0, or -1 with errno (EINTR: *rem holds the time left). */
int nanosleep(const struct timespec *req, struct timespec *rem);

#endif
