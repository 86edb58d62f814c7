/*
 * sleep.c — sleep() and usleep() on nanosleep(2) (mirrors Solaris libc's port/gen/sleep.c in
 * effect; Solaris's sleep also juggles SIGALRM, which this leaves out).
 */
#include <unistd.h>
#include <time.h>
#include <errno.h>

/* sleep(): 0, or the whole seconds left when a signal cut the sleep short. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec req, rem;

	req.tv_sec = (time_t)seconds;
	req.tv_nsec = 0;
	rem.tv_sec = 0;
	rem.tv_nsec = 0;
	if (nanosleep(&req, &rem) == 0)
		return 0;
	return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0 ? 1 : 0);
}

/* usleep(): 0, or -1 with errno. */
int usleep(useconds_t usec)
{
	struct timespec req;

	req.tv_sec = (time_t)(usec / 1000000);
	req.tv_nsec = (long)(usec % 1000000) * 1000;
	return nanosleep(&req, NULL);
}
