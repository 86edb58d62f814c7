/*
 * limits.c — /tmp's limits: files are sparse (a byte written near 2 GiB costs one block, holes read
 * as zeros, two such files fit), the largest offset is 2^31 - 1 (EFBIG at it), /tmp fills up at
 * its size limit (--tmp-size, by default a quarter of memory: ENOSPC, a short count first) and
 * O_TRUNC or ftruncate gives the space back, ftruncate extends and shrinks, and RLIMIT_FSIZE
 * stops a write at the limit with a short count, then EFBIG and SIGXFSZ (whose default action
 * kills with 128 + 31).
 */
#include "fstest.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <sys/resource.h>

sighandler_t signal(int sig, sighandler_t func);

static char big[65536];

static void sparse_files(void)
{
	char c = 'x', b[16];
	int i, fd;
	const char *names[2] = { "/tmp/sparse1", "/tmp/sparse2" };

	for (i = 0; i < 2; i++) {
		fd = open(names[i], O_RDWR | O_CREAT | O_TRUNC, 0644);
		CHECK(fd >= 0);
		CHECK(lseek(fd, 0x7ffffffe, SEEK_SET) == 0x7ffffffe);
		CHECK(write(fd, &c, 1) == 1);
		CHECK(lseek(fd, 0, SEEK_END) == 0x7fffffff);
		CHECK(lseek(fd, 0x40000000, SEEK_SET) == 0x40000000);
		memset(b, 1, sizeof b);
		CHECK(read(fd, b, sizeof b) == sizeof b);
		CHECK(b[0] == 0 && b[15] == 0);
		CHECK(lseek(fd, 0x7ffffffe, SEEK_SET) == 0x7ffffffe);
		CHECK(read(fd, b, sizeof b) == 1 && b[0] == 'x');
		close(fd);
	}
}

static void efbig_at_maxoff(void)
{
	char c = 'y';
	int fd = open("/tmp/sparse1", O_RDWR);

	CHECK(fd >= 0);
	CHECK(lseek(fd, 0x7fffffff, SEEK_SET) == 0x7fffffff);
	CHECK_ERR(write(fd, &c, 1), EFBIG);
	CHECK(lseek(fd, 0x7ffffffd, SEEK_SET) == 0x7ffffffd);
	CHECK(write(fd, "ab", 2) == 2);
	CHECK(write(fd, "cd", 2) == -1 && errno == EFBIG);
	close(fd);
}

static void fill_tmp(void)
{
	long total = 0, n;
	int fd = open("/tmp/fill", O_WRONLY | O_CREAT | O_TRUNC, 0644), fd2;

	CHECK(fd >= 0);
	memset(big, 'f', sizeof big);
	for (;;) {
		n = write(fd, big, sizeof big);
		if (n < 0)
			break;
		total += n;
		if (total > (64L << 20))
			break;
	}
	CHECK(n == -1 && errno == ENOSPC);
	/* 64 MiB of memory: a 16 MiB /tmp, less the two sparse files' blocks. */
	CHECK(total > (15L << 20) && total <= (16L << 20));
	CHECK(write(fd, "z", 1) == -1 && errno == ENOSPC);
	/* Another file gets no space either, until the fill file is truncated. */
	fd2 = open("/tmp/other", O_WRONLY | O_CREAT, 0644);
	CHECK(fd2 >= 0);
	CHECK_ERR(write(fd2, "z", 1), ENOSPC);
	CHECK(ftruncate(fd, 0) == 0);
	CHECK(write(fd2, "z", 1) == 1);
	close(fd);
	fd = open("/tmp/fill", O_WRONLY | O_CREAT, 0644);
	CHECK(write(fd, big, sizeof big) == sizeof big);
	close(fd);
	fd = open("/tmp/fill", O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	close(fd);
	close(fd2);
}

static void truncation(void)
{
	char b[8];
	int fd = open("/tmp/trunc", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK(write(fd, "abcdefgh", 8) == 8);
	CHECK(ftruncate(fd, 3) == 0);
	CHECK(lseek(fd, 0, SEEK_END) == 3);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, b, 8) == 3 && memcmp(b, "abc", 3) == 0);
	CHECK(ftruncate(fd, 100000) == 0);
	CHECK(lseek(fd, 0, SEEK_END) == 100000);
	CHECK(lseek(fd, 3, SEEK_SET) == 3);
	CHECK(read(fd, b, 8) == 8 && b[0] == 0 && b[7] == 0);
	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	CHECK_ERR(ftruncate(0, 0), EINVAL);		/* the console */
	close(fd);
	fd = open("/bin/cat", O_RDONLY);
	CHECK_ERR(ftruncate(fd, 0), EBADF);		/* not open for writing */
	close(fd);
}

static volatile int xfsz;

static void on_xfsz(int sig)
{
	(void)sig;
	xfsz++;
}

static void fsize_limit(void)
{
	struct rlimit rl;
	int fd, pid, st = 0;

	CHECK(getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY && rl.rlim_max == RLIM_INFINITY);
	CHECK_ERR(getrlimit(99, &rl), EINVAL);
	CHECK_ERR(getrlimit(RLIMIT_FSIZE, (struct rlimit *)8), EFAULT);
	pid = fork();
	if (pid == 0) {
		/* SIGXFSZ at its default action ends the writer. */
		rl.rlim_cur = rl.rlim_max = 100;
		setrlimit(RLIMIT_FSIZE, &rl);
		fd = open("/tmp/fsz_child", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		write(fd, big, 200);
		write(fd, big, 1);
		_exit(1);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ);
	rl.rlim_cur = 1000;
	rl.rlim_max = 500;
	CHECK_ERR(setrlimit(RLIMIT_FSIZE, &rl), EINVAL);
	rl.rlim_cur = rl.rlim_max = 1000;
	CHECK(setrlimit(RLIMIT_FSIZE, &rl) == 0);
	CHECK(getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur == 1000);
	CHECK(signal(SIGXFSZ, on_xfsz) != SIG_ERR);
	fd = open("/tmp/fsz", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, big, 2000) == 1000);
	CHECK(xfsz == 0);
	CHECK_ERR(write(fd, big, 1), EFBIG);
	CHECK(xfsz == 1);
	close(fd);
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	CHECK(setrlimit(RLIMIT_FSIZE, &rl) == 0);
	rl.rlim_cur = 2000;
	rl.rlim_max = 1000;
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &rl), EINVAL);	/* soft above hard */
}

int main(void)
{
	RUN(sparse_files);
	RUN(efbig_at_maxoff);
	RUN(fill_tmp);
	RUN(truncation);
	RUN(fsize_limit);
	return DONE();
}
