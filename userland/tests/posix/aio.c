/*
 * aio.c — asynchronous I/O: the Solaris 32-bit struct aiocb layout and AIO_/LIO_ values;
 * aio_write/aio_read at an offset (the file offset does not move), aio_error/aio_return (once:
 * then EINVAL, and EINVAL for an aiocb never submitted), EBADF/EINVAL at submission,
 * SIGEV_SIGNAL notification, lio_listio (LIO_WAIT, LIO_NOWAIT with a list signal, EIO for a bad
 * entry), aio_suspend, aio_cancel, aio_fsync. Across fork the parent's requests are not the
 * child's (aio_error/aio_return: EINVAL there) while the parent still reaps them.
 */
#include <aio.h>
#include <fcntl.h>
#include <stddef.h>
#include "../fork/ftest.h"

static volatile int usr1, usr2;

static void on_usr1(int s) { (void)s; usr1++; }
static void on_usr2(int s) { (void)s; usr2++; }

static void setup(struct aiocb *cb, int fd, void *buf, size_t n, off_t off)
{
	memset(cb, 0, sizeof *cb);
	cb->aio_fildes = fd;
	cb->aio_buf = buf;
	cb->aio_nbytes = n;
	cb->aio_offset = off;
	cb->aio_sigevent.sigev_notify = SIGEV_NONE;
}

int main(void)
{
	struct aiocb cb, cb2, cb3, never;
	struct aiocb *list[3];
	const struct aiocb *clist[1];
	struct sigevent ev;
	struct sigaction sa;
	struct timespec ts = { 0, 10000000 };
	char buf[32];
	int fd, r;
	off_t pos;
	pid_t pid;

	ft_check(sizeof(struct aiocb) == 64 && offsetof(struct aiocb, aio_offset) == 12 &&
	    offsetof(struct aiocb, aio_sigevent) == 20 && offsetof(struct aiocb, aio_lio_opcode) == 44 &&
	    offsetof(struct aiocb, aio_resultp) == 48, "struct aiocb: Solaris 32-bit layout", "size %u",
	    (unsigned)sizeof(struct aiocb));
	ft_check(AIO_CANCELED == 0 && AIO_ALLDONE == 1 && AIO_NOTCANCELED == 2 && LIO_NOP == 0 &&
	    LIO_READ == 1 && LIO_WRITE == 2 && LIO_NOWAIT == 0 && LIO_WAIT == 1, "AIO_/LIO_ values", "differ");

	fd = open("/tmp/aio_test", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		ft_fail("open", "errno %d", errno);
		return ft_done();
	}
	write(fd, "..", 2);
	setup(&cb, fd, "hello world", 11, 0);
	ft_check(aio_write(&cb) == 0, "aio_write", "errno %d", errno);
	ft_check(aio_error(&cb) == 0, "aio_error of a completed write: 0", "%d", aio_error(&cb));
	ft_check(aio_return(&cb) == 11, "aio_return: the byte count", "wrong");
	errno = 0;
	ft_check(aio_return(&cb) == -1 && errno == EINVAL, "aio_return twice: EINVAL", "errno %d", errno);
	errno = 0;
	ft_check(aio_error(&cb) == -1 && errno == EINVAL, "aio_error after aio_return: EINVAL", "errno %d", errno);
	memset(&never, 0, sizeof never);
	errno = 0;
	ft_check(aio_error(&never) == -1 && errno == EINVAL, "aio_error of an aiocb never submitted: EINVAL", "errno %d", errno);
	ft_errno(aio_return(&never), EINVAL, "aio_return of an aiocb never submitted: EINVAL");

	pos = lseek(fd, 0, SEEK_CUR);
	memset(buf, 0, sizeof buf);
	setup(&cb, fd, buf, 5, 6);
	ft_check(aio_read(&cb) == 0 && aio_error(&cb) == 0 && aio_return(&cb) == 5 && strcmp(buf, "world") == 0,
	    "aio_read at offset 6", "[%s]", buf);
	ft_check(lseek(fd, 0, SEEK_CUR) == pos && pos == 2, "the file offset did not move", "%ld", (long)lseek(fd, 0, SEEK_CUR));
	setup(&cb, fd, buf, 5, 100);
	ft_check(aio_read(&cb) == 0 && aio_return(&cb) == 0, "aio_read past the end: 0 bytes", "wrong");

	setup(&cb, 77, buf, 5, 0);
	ft_errno(aio_read(&cb), EBADF, "aio_read of a bad descriptor: EBADF");
	setup(&cb, fd, buf, 5, -1);
	ft_errno(aio_write(&cb), EINVAL, "aio_write at a negative offset: EINVAL");
	setup(&cb, fd, buf, 5, 0);
	cb.aio_sigevent.sigev_notify = 99;
	ft_errno(aio_read(&cb), EINVAL, "aio_read with a bad sigevent: EINVAL");

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	setup(&cb, fd, "XY", 2, 0);
	cb.aio_sigevent.sigev_notify = SIGEV_SIGNAL;
	cb.aio_sigevent.sigev_signo = SIGUSR1;
	ft_check(aio_write(&cb) == 0 && usr1 == 1 && aio_return(&cb) == 2, "SIGEV_SIGNAL: the signal on completion",
	    "usr1 %d", usr1);

	/* lio_listio */
	setup(&cb, fd, "AB", 2, 20);
	cb.aio_lio_opcode = LIO_WRITE;
	setup(&cb2, fd, "CD", 2, 22);
	cb2.aio_lio_opcode = LIO_WRITE;
	setup(&cb3, fd, buf, 2, 0);
	cb3.aio_lio_opcode = LIO_NOP;
	list[0] = &cb;
	list[1] = &cb2;
	list[2] = &cb3;
	ft_check(lio_listio(LIO_WAIT, list, 3, NULL) == 0 && aio_return(&cb) == 2 && aio_return(&cb2) == 2,
	    "lio_listio LIO_WAIT", "errno %d", errno);
	ft_errno(aio_error(&cb3), EINVAL, "lio_listio: a LIO_NOP entry is not submitted");
	memset(buf, 0, sizeof buf);
	{
		setup(&cb, fd, buf, 4, 20);
		ft_check(aio_read(&cb) == 0 && aio_return(&cb) == 4 && memcmp(buf, "ABCD", 4) == 0,
		    "the list's writes landed", "[%s]", buf);
	}
	setup(&cb, fd, buf, 2, 0);
	cb.aio_lio_opcode = LIO_READ;
	setup(&cb2, fd, buf, 2, 0);
	cb2.aio_lio_opcode = 42;
	list[1] = &cb2;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR2;
	errno = 0;
	r = lio_listio(LIO_NOWAIT, list, 2, &ev);
	ft_check(r == -1 && errno == EIO && aio_error(&cb) == 0 && aio_return(&cb) == 2 && usr2 == 1,
	    "lio_listio LIO_NOWAIT with a bad opcode: EIO, the good entry done, the list signal sent",
	    "r %d errno %d usr2 %d", r, errno, usr2);
	ft_errno(lio_listio(5, list, 1, NULL), EINVAL, "lio_listio bad mode: EINVAL");

	setup(&cb, fd, buf, 2, 0);
	aio_read(&cb);
	clist[0] = &cb;
	ft_check(aio_suspend(clist, 1, NULL) == 0, "aio_suspend on a completed request", "errno %d", errno);
	aio_return(&cb);
	clist[0] = &never;
	ft_errno(aio_suspend(clist, 1, &ts), EAGAIN, "aio_suspend on nothing in progress: EAGAIN at the timeout");
	ft_check(aio_cancel(fd, NULL) == AIO_ALLDONE, "aio_cancel: AIO_ALLDONE", "not ALLDONE");
	ft_errno(aio_cancel(77, NULL), EBADF, "aio_cancel bad descriptor: EBADF");
	setup(&cb, fd, NULL, 0, 0);
	ft_check(aio_fsync(O_SYNC, &cb) == 0 && aio_error(&cb) == 0 && aio_return(&cb) == 0, "aio_fsync", "errno %d", errno);
	ft_errno(aio_fsync(12345, &cb), EINVAL, "aio_fsync bad op: EINVAL");

	/* fork: the child does not inherit the parent's outstanding (unreaped) request */
	setup(&cb, fd, "zz", 2, 30);
	aio_write(&cb);
	pid = fork();
	if (pid == 0) {
		errno = 0;
		ft_check(aio_error(&cb) == -1 && errno == EINVAL, "child: the parent's request is not inherited (aio_error)",
		    "errno %d", errno);
		ft_errno(aio_return(&cb), EINVAL, "child: aio_return of the parent's request: EINVAL");
		setup(&cb2, fd, buf, 2, 30);
		ft_check(aio_read(&cb2) == 0 && aio_return(&cb2) == 2 && memcmp(buf, "zz", 2) == 0,
		    "child: its own requests work", "errno %d", errno);
		ft_child_exit();
	}
	ft_child_ok(pid, "child checks");
	ft_check(aio_error(&cb) == 0 && aio_return(&cb) == 2, "parent: still reaps its request after the fork", "errno %d", errno);
	close(fd);
	unlink("/tmp/aio_test");
	return ft_done();
}
