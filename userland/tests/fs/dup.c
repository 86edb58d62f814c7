/*
 * dup.c — descriptor duplication: dup and dup2 share one open file (one offset, one set of status
 * flags), the lowest free descriptor is chosen, dup2 onto an open descriptor closes it first,
 * dup2(fd, fd), F_DUPFD's minimum, FD_CLOEXEC (F_GETFD/F_SETFD, cleared on the copy), F_GETFL /
 * F_SETFL with O_APPEND, and the errors (EBADF, EINVAL). Exits 0 only if every test passes.
 */
#include "fstest.h"
#include <fcntl.h>

static int mkfile(const char *path, const char *text)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0 && text)
		write(fd, text, strlen(text));
	return fd;
}

static void dup_shares_offset(void)
{
	int fd = mkfile("/tmp/dup1", "0123456789"), d;
	char buf[4];

	CHECK(fd >= 0);
	CHECK(lseek(fd, 2, SEEK_SET) == 2);
	d = dup(fd);
	CHECK(d > fd);
	CHECK(read(d, buf, 3) == 3 && memcmp(buf, "234", 3) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 5);
	CHECK(read(fd, buf, 2) == 2 && memcmp(buf, "56", 2) == 0);
	CHECK(lseek(d, 0, SEEK_CUR) == 7);
	CHECK(close(fd) == 0);
	/* The file stays open through the copy. */
	CHECK(read(d, buf, 3) == 3 && memcmp(buf, "789", 3) == 0);
	CHECK(close(d) == 0);
}

static void dup_lowest(void)
{
	int a = mkfile("/tmp/dup2", "x"), b = dup(a), c = dup(a), d;

	CHECK(a >= 0 && b >= 0 && c >= 0);
	CHECK(close(b) == 0);
	d = dup(c);
	CHECK(d == b);
	close(a);
	close(c);
	close(d);
}

static void dup2_semantics(void)
{
	int a = mkfile("/tmp/dup3a", "AAAA"), b = mkfile("/tmp/dup3b", "BBBB");
	char buf[8];

	CHECK(a >= 0 && b >= 0);
	CHECK(dup2(a, a) == a);
	CHECK(dup2(a, b) == b);        /* closes the old b */
	CHECK(lseek(a, 0, SEEK_SET) == 0);
	CHECK(read(b, buf, 4) == 4 && memcmp(buf, "AAAA", 4) == 0);
	CHECK(lseek(a, 0, SEEK_CUR) == 4);
	CHECK(dup2(a, 100) == 100);
	CHECK(lseek(100, 1, SEEK_SET) == 1);
	CHECK(lseek(a, 0, SEEK_CUR) == 1);
	/* The old b file was closed, not lost: its data is intact. */
	{
		int c = open("/tmp/dup3b", O_RDONLY);
		CHECK(c >= 0 && read(c, buf, 8) == 4 && memcmp(buf, "BBBB", 4) == 0);
		close(c);
	}
	CHECK_ERR(dup2(a, -1), EBADF);
	CHECK_ERR(dup2(a, 1000000), EBADF);
	CHECK_ERR(dup2(77, 78), EBADF);
	close(a);
	close(b);
	close(100);
}

static void dupfd_min(void)
{
	int a = mkfile("/tmp/dup4", 0), d;

	CHECK(a >= 0);
	d = fcntl(a, F_DUPFD, 20);
	CHECK(d == 20);
	d = fcntl(a, F_DUPFD, 20);
	CHECK(d == 21);
	CHECK_ERR(fcntl(a, F_DUPFD, -1), EINVAL);
	CHECK_ERR(fcntl(a, F_DUPFD, 1000000), EINVAL);
	close(20);
	close(21);
	close(a);
}

static void cloexec_flag(void)
{
	int a = mkfile("/tmp/dup5", 0), d;

	CHECK(a >= 0);
	CHECK(fcntl(a, F_GETFD) == 0);
	CHECK(fcntl(a, F_SETFD, FD_CLOEXEC) == 0);
	CHECK(fcntl(a, F_GETFD) == FD_CLOEXEC);
	d = dup(a);
	CHECK(d >= 0 && fcntl(d, F_GETFD) == 0);
	CHECK(dup2(a, 50) == 50 && fcntl(50, F_GETFD) == 0);
	CHECK(fcntl(a, F_SETFD, 0) == 0 && fcntl(a, F_GETFD) == 0);
	close(a);
	close(d);
	close(50);
}

static void status_flags(void)
{
	int a = open("/tmp/dup6", O_WRONLY | O_CREAT | O_TRUNC, 0644), d;
	char buf[16];

	CHECK(a >= 0);
	CHECK((fcntl(a, F_GETFL) & O_ACCMODE) == O_WRONLY);
	CHECK((fcntl(a, F_GETFL) & O_APPEND) == 0);
	d = dup(a);
	CHECK(write(a, "hello", 5) == 5);
	CHECK(lseek(a, 0, SEEK_SET) == 0);
	CHECK(fcntl(d, F_SETFL, O_APPEND) == 0);   /* shared: a appends too */
	CHECK((fcntl(a, F_GETFL) & O_APPEND) != 0);
	CHECK((fcntl(a, F_GETFL) & O_ACCMODE) == O_WRONLY);
	CHECK(write(a, "!", 1) == 1);
	CHECK(lseek(a, 0, SEEK_CUR) == 6);
	close(a);
	close(d);
	a = open("/tmp/dup6", O_RDONLY);
	CHECK(read(a, buf, sizeof buf) == 6 && memcmp(buf, "hello!", 6) == 0);
	CHECK((fcntl(a, F_GETFL) & O_ACCMODE) == O_RDONLY);
	close(a);
}

static void errors(void)
{
	CHECK_ERR(dup(-1), EBADF);
	CHECK_ERR(dup(200), EBADF);
	CHECK_ERR(fcntl(200, F_GETFD), EBADF);
	CHECK_ERR(fcntl(-5, F_GETFL), EBADF);
	CHECK_ERR(fcntl(1, 12345), EINVAL);
}

int main(void)
{
	RUN(dup_shares_offset);
	RUN(dup_lowest);
	RUN(dup2_semantics);
	RUN(dupfd_min);
	RUN(cloexec_flag);
	RUN(status_flags);
	RUN(errors);
	return DONE();
}
