/*
 * badargs.c — bad arguments to the file system calls: EBADF for closed, negative and huge
 * descriptors and for the wrong access mode, EFAULT for unmapped buffers, EINVAL for negative
 * counts and bad whence/commands, EMFILE when the descriptor table is full (and recovery after).
 * Exits 0 only if every test passes.
 */
#include "fstest.h"
#include <fcntl.h>

static void ebadf(void)
{
	char c;
	int fds[] = { -1, 99, 255, 256, 4096, 0x7fffffff };
	unsigned i;

	for (i = 0; i < sizeof fds / sizeof fds[0]; i++) {
		CHECK_ERR(read(fds[i], &c, 1), EBADF);
		CHECK_ERR(write(fds[i], &c, 1), EBADF);
		CHECK_ERR(close(fds[i]), EBADF);
		CHECK_ERR(lseek(fds[i], 0, SEEK_SET), EBADF);
		CHECK_ERR(dup(fds[i]), EBADF);
		CHECK_ERR(fcntl(fds[i], F_GETFD), EBADF);
	}
}

static void wrong_mode(void)
{
	int w = open("/tmp/b1", O_WRONLY | O_CREAT | O_TRUNC, 0644), r;
	char c = 'x';

	CHECK(w >= 0);
	CHECK_ERR(read(w, &c, 1), EBADF);
	CHECK(write(w, &c, 1) == 1);
	r = open("/tmp/b1", O_RDONLY);
	CHECK(r >= 0);
	CHECK_ERR(write(r, &c, 1), EBADF);
	CHECK(read(r, &c, 1) == 1 && c == 'x');
	close(w);
	close(r);
}

static void efault(void)
{
	int fd = open("/tmp/b2", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK_ERR(write(fd, (void *)0, 4), EFAULT);
	CHECK_ERR(write(fd, (void *)0xfffff000, 4), EFAULT);
	CHECK(lseek(fd, 0, SEEK_END) == 0);        /* nothing was written */
	CHECK(write(fd, "data", 4) == 4);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK_ERR(read(fd, (void *)0, 4), EFAULT);
	CHECK(lseek(fd, 0, SEEK_CUR) == 0);        /* a failed read does not move the offset */
	CHECK_ERR(open((char *)0, O_RDONLY), EFAULT);
	close(fd);
}

static void einval(void)
{
	int fd = open("/tmp/b3", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char c;

	CHECK(fd >= 0);
	CHECK_ERR(read(fd, &c, (size_t)-1), EINVAL);
	CHECK_ERR(write(fd, &c, (size_t)-5), EINVAL);
	CHECK_ERR(lseek(fd, 0, 7), EINVAL);
	CHECK_ERR(fcntl(fd, 99), EINVAL);
	CHECK(read(fd, &c, 0) == 0 && write(fd, &c, 0) == 0);
	close(fd);
}

static void emfile(void)
{
	int fd, last = -1, n = 0;

	while ((fd = dup(0)) >= 0) {
		last = fd;
		n++;
	}
	CHECK(errno == EMFILE);
	CHECK(last == 255);
	CHECK_ERR(open("/tmp/b4", O_RDWR | O_CREAT, 0644), EMFILE);
	{
		int p[2];
		CHECK_ERR(pipe(p), EMFILE);
		/* One free slot is not enough for a pipe either, and nothing leaks. */
		close(last);
		CHECK_ERR(pipe(p), EMFILE);
		CHECK(dup(0) == last);
	}
	/* The failed open with O_CREAT created nothing. */
	for (fd = 3; fd <= last; fd++)
		close(fd);
	CHECK_ERR(open("/tmp/b4", O_RDONLY), ENOENT);
	CHECK(n > 200);
	fd = dup(0);
	CHECK(fd == 3);
	close(fd);
}

int main(void)
{
	RUN(ebadf);
	RUN(wrong_mode);
	RUN(efault);
	RUN(einval);
	RUN(emfile);
	return DONE();
}
