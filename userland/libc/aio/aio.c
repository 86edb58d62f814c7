/*
 * aio.c — POSIX asynchronous I/O done at submission time (the interfaces of Solaris libc's
 * port/aio/posix_aio.c, own code): aio_read/aio_write read or write at aio_offset at once
 * (lseek, read/write, lseek back; a file without an offset, such as a pipe, is just read or
 * written), store the result in the aiocb and notify (SIGEV_SIGNAL: the signal goes to the
 * process). A table of submitted, not yet returned aiocbs tells aio_error/aio_return which
 * aiocbs are known: an unknown one is EINVAL, and aio_return forgets it. A fork child starts
 * with an empty table (asynchronous I/O is not inherited), emptied by a pthread_atfork child
 * handler. The offset juggling is not atomic against other threads using the same descriptor.
 */
#include <aio.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <pthread.h>
#include "../threads/thr_impl.h"

#define AIO_TABLE 64		/* = _SC_AIO_MAX: requests not yet returned */
#define AIO_DONE 0x4ac10d	/* aio_state of a completed request */

static struct aiocb *table[AIO_TABLE];
static __lock_t aio_lock;
static int atfork_done;

/* The fork child has no requests. */
static void aio_child(void)
{
	int i;

	aio_lock = 0;
	for (i = 0; i < AIO_TABLE; i++)
		table[i] = NULL;
}

/* Index of cb in the table, or -1; the caller holds aio_lock. */
static int lookup(const struct aiocb *cb)
{
	int i;

	for (i = 0; i < AIO_TABLE; i++)
		if (table[i] == cb)
			return i;
	return -1;
}

/* Enters cb in the table; 0, or EAGAIN when it is full. */
static int enter(struct aiocb *cb)
{
	int i, err = EAGAIN;

	if (!atfork_done) {
		atfork_done = 1;
		pthread_atfork(NULL, NULL, aio_child);
	}
	__lock(&aio_lock);
	if (lookup(cb) >= 0) {
		err = 0;	/* resubmitting a returned-but-not-reaped aiocb reuses its slot */
	} else {
		for (i = 0; i < AIO_TABLE; i++)
			if (table[i] == NULL) {
				table[i] = cb;
				err = 0;
				break;
			}
	}
	__unlock(&aio_lock);
	return err;
}

static int valid_sigevent(const struct sigevent *ev)
{
	if (ev->sigev_notify == SIGEV_NONE)
		return 1;
	return ev->sigev_notify == SIGEV_SIGNAL && ev->sigev_signo > 0 && ev->sigev_signo < NSIG;
}

static void notify(const struct sigevent *ev)
{
	if (ev != NULL && ev->sigev_notify == SIGEV_SIGNAL)
		kill(getpid(), ev->sigev_signo);
}

/* Does the transfer of cb (LIO_READ or LIO_WRITE) now and records its result. */
static void perform(struct aiocb *cb, int op)
{
	off_t cur = lseek(cb->aio_fildes, 0, SEEK_CUR);
	int saved = errno, seekable = cur != (off_t)-1;
	ssize_t r;

	errno = 0;
	if (seekable && lseek(cb->aio_fildes, cb->aio_offset, SEEK_SET) == (off_t)-1) {
		r = -1;
	} else {
		extern ssize_t _read(int, void *, size_t), _write(int, const void *, size_t);

		if (op == LIO_READ)
			r = _read(cb->aio_fildes, (void *)cb->aio_buf, cb->aio_nbytes);
		else
			r = _write(cb->aio_fildes, (const void *)cb->aio_buf, cb->aio_nbytes);
	}
	cb->aio_resultp.aio_return = r;
	cb->aio_resultp.aio_errno = r < 0 ? errno : 0;
	if (seekable)
		lseek(cb->aio_fildes, cur, SEEK_SET);
	errno = saved;
	cb->aio_state = AIO_DONE;
}

/* Checks and submits one request; 0 or an errno (nothing is entered on an error). */
static int submit(struct aiocb *cb, int op, int signal_it)
{
	int err;

	if (cb == NULL)
		return EINVAL;
	if (fcntl(cb->aio_fildes, F_GETFL) < 0)
		return EBADF;
	if (cb->aio_offset < 0 || (ssize_t)cb->aio_nbytes < 0 || !valid_sigevent(&cb->aio_sigevent))
		return EINVAL;
	if ((err = enter(cb)) != 0)
		return err;
	cb->aio_resultp.aio_errno = EINPROGRESS;
	cb->aio_resultp.aio_return = -1;
	perform(cb, op);
	if (signal_it)
		notify(&cb->aio_sigevent);
	return 0;
}

static int fail(int err)
{
	errno = err;
	return -1;
}

int aio_read(struct aiocb *cb)
{
	int err = submit(cb, LIO_READ, 1);

	return err ? fail(err) : 0;
}

int aio_write(struct aiocb *cb)
{
	int err = submit(cb, LIO_WRITE, 1);

	return err ? fail(err) : 0;
}

int aio_fsync(int op, struct aiocb *cb)
{
	int err;

	if (op != O_SYNC && op != O_DSYNC)
		return fail(EINVAL);
	if (cb == NULL || !valid_sigevent(&cb->aio_sigevent))
		return fail(EINVAL);
	if (fcntl(cb->aio_fildes, F_GETFL) < 0)
		return fail(EBADF);
	if ((err = enter(cb)) != 0)
		return fail(err);
	cb->aio_resultp.aio_return = 0;	/* writes are already in the file system */
	cb->aio_resultp.aio_errno = 0;
	cb->aio_state = AIO_DONE;
	notify(&cb->aio_sigevent);
	return 0;
}

int lio_listio(int mode, struct aiocb *const list[], int n, struct sigevent *sig)
{
	int i, err, failed = 0;

	if ((mode != LIO_WAIT && mode != LIO_NOWAIT) || n < 0 || n > AIO_TABLE)
		return fail(EINVAL);
	if (mode == LIO_NOWAIT && sig != NULL && !valid_sigevent(sig))
		return fail(EINVAL);
	for (i = 0; i < n; i++) {
		struct aiocb *cb = list[i];

		if (cb == NULL || cb->aio_lio_opcode == LIO_NOP)
			continue;
		if (cb->aio_lio_opcode != LIO_READ && cb->aio_lio_opcode != LIO_WRITE)
			err = EINVAL;
		else
			err = submit(cb, cb->aio_lio_opcode, 0);
		if (err != 0) {
			cb->aio_resultp.aio_errno = err;	/* not entered: aio_error says EINVAL */
			failed = 1;
		} else if (cb->aio_resultp.aio_errno != 0) {
			failed = 1;
		}
	}
	/* the list is complete: the per-request and the list notifications */
	for (i = 0; i < n; i++)
		if (list[i] != NULL && list[i]->aio_lio_opcode != LIO_NOP && list[i]->aio_state == AIO_DONE)
			notify(&list[i]->aio_sigevent);
	if (mode == LIO_NOWAIT)
		notify(sig);
	return failed ? fail(EIO) : 0;
}

int aio_error(const struct aiocb *cb)
{
	int known;

	__lock(&aio_lock);
	known = cb != NULL && lookup(cb) >= 0;
	__unlock(&aio_lock);
	if (!known)
		return fail(EINVAL);
	return cb->aio_state == AIO_DONE ? cb->aio_resultp.aio_errno : EINPROGRESS;
}

ssize_t aio_return(struct aiocb *cb)
{
	int i;
	ssize_t r;

	__lock(&aio_lock);
	i = cb != NULL ? lookup(cb) : -1;
	if (i < 0 || cb->aio_state != AIO_DONE) {
		__unlock(&aio_lock);
		return fail(EINVAL);
	}
	table[i] = NULL;
	r = cb->aio_resultp.aio_return;
	__unlock(&aio_lock);
	if (r < 0)
		errno = cb->aio_resultp.aio_errno;
	return r;
}

int aio_suspend(const struct aiocb *const list[], int n, const struct timespec *timeout)
{
	int i;

	if (n <= 0 || n > AIO_TABLE)
		return fail(EINVAL);
	pthread_testcancel();	/* a cancellation point (and so are the waits below) */
	for (i = 0; i < n; i++)
		if (list[i] != NULL && list[i]->aio_state == AIO_DONE)
			return 0;
	/* nothing listed is in progress, so only a signal or the timeout ends the wait */
	if (timeout == NULL) {
		pause();
		return -1;	/* EINTR */
	}
	if (nanosleep(timeout, NULL) < 0)
		return -1;
	return fail(EAGAIN);
}

int aio_cancel(int fd, struct aiocb *cb)
{
	if (fcntl(fd, F_GETFL) < 0)
		return fail(EBADF);
	if (cb != NULL && cb->aio_fildes != fd)
		return fail(EINVAL);
	return AIO_ALLDONE;	/* every request completes when it is submitted */
}
