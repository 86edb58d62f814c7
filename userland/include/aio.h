/*
 * aio.h — POSIX asynchronous I/O (mirrors Solaris <aio.h>: the 32-bit struct aiocb layout and
 * the AIO_ and LIO_ values). libc performs each request when it is submitted (POSIX allows it), so
 * it is complete before aio_read/aio_write/lio_listio return; notification is SIGEV_NONE or
 * SIGEV_SIGNAL (a signal to the process). Requests belong to the process that submitted them:
 * a fork child has none (aio_error/aio_return on the parent's aiocbs fail with EINVAL there).
 * Leaves out SIGEV_THREAD/SIGEV_PORT and request priorities.
 */
#ifndef _AIO_H
#define _AIO_H

#include <sys/types.h>
#include <signal.h>
#include <time.h>

/* aio_result_t — Solaris's result record inside the aiocb. */
typedef struct aio_result_t {
	ssize_t aio_return;
	int aio_errno;
} aio_result_t;

/* struct aiocb — 64 bytes: fildes 0, buf 4, nbytes 8, offset 12, reqprio 16, sigevent 20,
   lio_opcode 44, resultp 48, state 56. */
struct aiocb {
	int aio_fildes;
	volatile void *aio_buf;
	size_t aio_nbytes;
	off_t aio_offset;
	int aio_reqprio;
	struct sigevent aio_sigevent;
	int aio_lio_opcode;
	aio_result_t aio_resultp;
	int aio_state;
	int aio__pad[1];
};
typedef struct aiocb aiocb_t;

/* aio_cancel() results. */
#define AIO_CANCELED 0
#define AIO_ALLDONE 1
#define AIO_NOTCANCELED 2

/* lio_listio() opcodes and modes. */
#define LIO_NOP 0
#define LIO_READ 1
#define LIO_WRITE 2
#define LIO_NOWAIT 0
#define LIO_WAIT 1

/* Submission: 0, or -1 with errno (EAGAIN, EBADF, EINVAL: bad offset, count or sigevent). */
int aio_read(struct aiocb *cb);
int aio_write(struct aiocb *cb);
/* aio_fsync(): op O_SYNC or O_DSYNC; the file's data is already on its file system. */
int aio_fsync(int op, struct aiocb *cb);
/* lio_listio(): submits list[0..n-1] (NULL entries and LIO_NOP skipped); 0, or -1 with errno
   (EIO: some request failed, see its aio_error; EINVAL; EAGAIN). sig notifies LIO_NOWAIT. */
int lio_listio(int mode, struct aiocb *const list[], int n, struct sigevent *sig);
/* aio_error(): 0, the request's errno, EINPROGRESS, or -1 with EINVAL for an unknown aiocb. */
int aio_error(const struct aiocb *cb);
/* aio_return(): the request's result (once: the aiocb is then unknown), or -1 with EINVAL. */
ssize_t aio_return(struct aiocb *cb);
/* aio_suspend(): 0 when one of list[0..n-1] is complete, or -1 with errno (EAGAIN: timed out,
   EINTR). A cancellation point. */
int aio_suspend(const struct aiocb *const list[], int n, const struct timespec *timeout);
/* aio_cancel(): AIO_ALLDONE (every request is already complete), or -1 with EBADF/EINVAL. */
int aio_cancel(int fd, struct aiocb *cb);

#endif
