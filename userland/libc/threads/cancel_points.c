/*
 * cancel_points.c — the system calls that are cancellation points and have no other C wrapper
 * (Solaris libc's port/threads/scalls.c in effect, own code): read, write, nanosleep,
 * sigsuspend, sigtimedwait (with sigwait and sigwaitinfo on it) and fcntl(F_SETLKW) bracket their trap stub (_name, generated without a weak alias; see
 * scripts/gen_syscalls.ts CANCEL_POINT) with __cancel_enter/__cancel_leave. sleep and usleep are
 * cancellation points through nanosleep; waitid/waitpid/wait, pause, pthread_join,
 * pthread_cond_wait and aio_suspend bracket their own calls.
 */
#include <unistd.h>
#include <time.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include "thr_impl.h"

extern ssize_t _read(int fd, void *buf, size_t n);
extern ssize_t _write(int fd, const void *buf, size_t n);
extern int _nanosleep(const struct timespec *req, struct timespec *rem);
extern int _sigsuspend(const sigset_t *set);
extern int _fcntl(int fd, int cmd, long arg);
extern int _sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);

ssize_t read(int fd, void *buf, size_t n)
{
	ssize_t r;

	__cancel_enter();
	r = _read(fd, buf, n);
	__cancel_leave();
	return r;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	ssize_t r;

	__cancel_enter();
	r = _write(fd, buf, n);
	__cancel_leave();
	return r;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	int r;

	__cancel_enter();
	r = _nanosleep(req, rem);
	__cancel_leave();
	return r;
}

int sigsuspend(const sigset_t *set)
{
	int r;

	__cancel_enter();
	r = _sigsuspend(set);
	__cancel_leave();
	return r;
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
	int r;

	__cancel_enter();
	r = _sigtimedwait(set, info, timeout);
	__cancel_leave();
	return r;
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, NULL);
}

int sigwait(const sigset_t *set, int *sig)
{
	int saved = errno, r;

	while ((r = sigtimedwait(set, NULL, NULL)) < 0 && errno == EINTR)
		;	/* POSIX sigwait does not fail with EINTR */
	if (r < 0) {
		r = errno;
		errno = saved;
		return r;
	}
	*sig = r;
	errno = saved;
	return 0;
}

/* fcntl(): only F_SETLKW, which can wait for a lock, is a cancellation point. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;
	int r;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (cmd != F_SETLKW)
		return _fcntl(fd, cmd, arg);
	__cancel_enter();
	r = _fcntl(fd, cmd, arg);
	__cancel_leave();
	return r;
}
