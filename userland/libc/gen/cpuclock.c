/*
 * cpuclock.c — clock_getcpuclockid and pthread_getcpuclockid (as Solaris libc's
 * port/rt/clock_timer.c in effect, own code): the CPU-time clocks the kernel has are the calling
 * process's (CLOCK_PROCESS_CPUTIME_ID) and the calling thread's (CLOCK_THREAD_CPUTIME_ID).
 */
#include <time.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>

int clock_getcpuclockid(pid_t pid, clockid_t *clock)
{
	int saved = errno, err = 0;

	if (pid != 0 && pid != getpid()) {
		err = kill(pid, 0) < 0 && errno == ESRCH ? ESRCH : EPERM;
		errno = saved;
		return err;
	}
	*clock = CLOCK_PROCESS_CPUTIME_ID;
	return 0;
}

int pthread_getcpuclockid(pthread_t thread, clockid_t *clock)
{
	if (thread != pthread_self())
		return pthread_kill(thread, 0) != 0 ? ESRCH : ENOTSUP;
	*clock = CLOCK_THREAD_CPUTIME_ID;
	return 0;
}
