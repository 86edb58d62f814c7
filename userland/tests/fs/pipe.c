/*
 * pipe.c — pipes within one process: a round trip, partial reads, end of file once the other end
 * is closed, Solaris's full duplex (either end can write), ESPIPE for lseek, O_NONBLOCK (EAGAIN on
 * an empty pipe and when full, PIPE_BUF writes all-or-nothing), EPIPE with SIGPIPE ignored, and
 * the flags pipe(2) leaves on its descriptors. Exits 0 only if every test passes.
 */
#include "fstest.h"
#include <fcntl.h>
#include <signal.h>
#include <limits.h>

#ifndef PIPE_BUF
#define PIPE_BUF 5120
#endif

static void roundtrip(void)
{
	int fd[2];
	char buf[32];

	CHECK(pipe(fd) == 0);
	CHECK(fd[0] >= 3 && fd[1] == fd[0] + 1);
	CHECK(write(fd[1], "hello, pipe", 11) == 11);
	memset(buf, 0, sizeof buf);
	CHECK(read(fd[0], buf, 5) == 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK(read(fd[0], buf, sizeof buf) == 6);
	CHECK(memcmp(buf, ", pipe", 6) == 0);
	CHECK(write(fd[1], "a", 1) == 1 && write(fd[1], "bc", 2) == 2);
	CHECK(read(fd[0], buf, sizeof buf) == 3 && memcmp(buf, "abc", 3) == 0);
	CHECK(close(fd[0]) == 0 && close(fd[1]) == 0);
}

static void eof(void)
{
	int fd[2];
	char buf[8];

	CHECK(pipe(fd) == 0);
	CHECK(write(fd[1], "xy", 2) == 2);
	CHECK(close(fd[1]) == 0);
	CHECK(read(fd[0], buf, sizeof buf) == 2);
	CHECK(read(fd[0], buf, sizeof buf) == 0);
	CHECK(read(fd[0], buf, sizeof buf) == 0);
	CHECK(close(fd[0]) == 0);
}

static void full_duplex(void)
{
	int fd[2];
	char buf[8];

	CHECK(pipe(fd) == 0);
	CHECK(write(fd[0], "back", 4) == 4);
	CHECK(write(fd[1], "fwd", 3) == 3);
	CHECK(read(fd[1], buf, sizeof buf) == 4 && memcmp(buf, "back", 4) == 0);
	CHECK(read(fd[0], buf, sizeof buf) == 3 && memcmp(buf, "fwd", 3) == 0);
	CHECK((fcntl(fd[0], F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK((fcntl(fd[1], F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(fcntl(fd[0], F_GETFD) == 0 && fcntl(fd[1], F_GETFD) == 0);
	close(fd[0]);
	close(fd[1]);
}

static void espipe(void)
{
	int fd[2];

	CHECK(pipe(fd) == 0);
	CHECK_ERR(lseek(fd[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERR(lseek(fd[1], 0, SEEK_CUR), ESPIPE);
	close(fd[0]);
	close(fd[1]);
}

static char big[20000];

static void nonblock(void)
{
	int fd[2], total = 0, n, r, whole = 1;
	char buf[16];

	CHECK(pipe(fd) == 0);
	CHECK(fcntl(fd[0], F_SETFL, O_NONBLOCK) == 0);
	CHECK((fcntl(fd[0], F_GETFL) & O_NONBLOCK) != 0);
	CHECK_ERR(read(fd[0], buf, sizeof buf), EAGAIN);
	CHECK(fcntl(fd[1], F_SETFL, O_NONBLOCK) == 0);
	/* Fill the pipe with 1000-byte writes until it refuses: each goes in whole (<= PIPE_BUF). */
	while ((n = write(fd[1], big, 1000)) > 0 && total < 1000000) {
		if (n != 1000)
			whole = 0;
		total += n;
	}
	CHECK(n == -1 && errno == EAGAIN);
	CHECK(whole);
	CHECK(total >= PIPE_BUF);
	CHECK(read(fd[0], big, 100) == 100);
	CHECK(write(fd[1], big, 100) == 100);
	/* Drain: exactly what went in comes out. */
	n = 0;
	while ((r = read(fd[0], big, sizeof big)) > 0)
		n += r;
	CHECK(r == -1 && errno == EAGAIN);
	CHECK(n == total);
	/* A write longer than PIPE_BUF may go in partly: as much as fits. */
	n = write(fd[1], big, sizeof big);
	CHECK(n > PIPE_BUF && n < (int)sizeof big);
	CHECK_ERR(write(fd[1], big, sizeof big), EAGAIN);
	close(fd[0]);
	close(fd[1]);
}

static void epipe_ignored(void)
{
	int fd[2];
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	CHECK(sigaction(SIGPIPE, &sa, &old) == 0);
	CHECK(pipe(fd) == 0);
	CHECK(close(fd[0]) == 0);
	CHECK_ERR(write(fd[1], "x", 1), EPIPE);
	CHECK_ERR(write(fd[1], big, sizeof big), EPIPE);
	CHECK(close(fd[1]) == 0);
	CHECK(sigaction(SIGPIPE, &old, 0) == 0);
}

static void closed_ends(void)
{
	int fd[2];
	char c;

	CHECK(pipe(fd) == 0);
	CHECK(close(fd[0]) == 0);
	CHECK_ERR(read(fd[0], &c, 1), EBADF);
	CHECK_ERR(close(fd[0]), EBADF);
	CHECK(close(fd[1]) == 0);
	CHECK_ERR(write(fd[1], &c, 1), EBADF);
}

static void efault(void)
{
	int fd[2];
	char buf[4];

	CHECK(pipe(fd) == 0);
	CHECK_ERR(write(fd[1], (void *)8, 4), EFAULT);
	CHECK(write(fd[1], "ok", 2) == 2);
	CHECK_ERR(read(fd[0], (void *)8, 2), EFAULT);
	/* The bytes a failed read could not deliver are still there. */
	CHECK(read(fd[0], buf, sizeof buf) == 2 && memcmp(buf, "ok", 2) == 0);
	close(fd[0]);
	close(fd[1]);
}

static void many_pipes(void)
{
	int fds[40][2], i, ok = 1;
	char c;

	for (i = 0; i < 40; i++)
		if (pipe(fds[i]) != 0)
			ok = 0;
	CHECK(ok);
	for (i = 0; i < 40; i++) {
		c = (char)i;
		if (write(fds[i][1], &c, 1) != 1)
			ok = 0;
	}
	for (i = 39; i >= 0; i--) {
		if (read(fds[i][0], &c, 1) != 1 || c != (char)i)
			ok = 0;
		close(fds[i][0]);
		close(fds[i][1]);
	}
	CHECK(ok);
}

int main(void)
{
	RUN(roundtrip);
	RUN(eof);
	RUN(full_duplex);
	RUN(espipe);
	RUN(nonblock);
	RUN(epipe_ignored);
	RUN(closed_ends);
	RUN(efault);
	RUN(many_pipes);
	return DONE();
}
