/*
 * fork_fds.c — descriptors across fork and exec: a fork child has the parent's open files with
 * the same offsets, and because the file objects are shared an offset moved in one process moves
 * in the other; closing in one process leaves the other's descriptor open; close-on-exec flags are
 * inherited and honoured by exec while other descriptors (and their shared offset) survive it.
 * Run with the arguments `exec-child KEEP CLOEXEC` it is the program the exec test runs.
 * Exits 0 only if every test passes.
 */
#include "fstest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>

#define SELF "/bin/fs_fork_fds"

/* Run fn in a child; true when the child exited with status 0. */
static int in_child(int (*fn)(int), int arg)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0)
		return 0;
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int child_append(int fd)
{
	if (lseek(fd, 0, SEEK_CUR) != 3)
		return 1;
	return write(fd, "def", 3) == 3 ? 0 : 2;
}

static void offset_shared(void)
{
	int fd = open("/tmp/f1", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[16];

	CHECK(fd >= 0);
	CHECK(write(fd, "abc", 3) == 3);
	CHECK(in_child(child_append, fd));
	CHECK(lseek(fd, 0, SEEK_CUR) == 6);          /* the child's write moved our offset */
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	memset(buf, 0, sizeof buf);
	CHECK(read(fd, buf, sizeof buf) == 6 && strcmp(buf, "abcdef") == 0);
	close(fd);
}

static int child_seek(int fd)
{
	return lseek(fd, 2, SEEK_SET) == 2 ? 0 : 1;
}

static void seek_in_child(void)
{
	int fd = open("/tmp/f2", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char c;

	CHECK(fd >= 0 && write(fd, "0123456", 7) == 7);
	CHECK(in_child(child_seek, fd));
	CHECK(lseek(fd, 0, SEEK_CUR) == 2);
	CHECK(read(fd, &c, 1) == 1 && c == '2');
	close(fd);
}

static int child_close(int fd)
{
	char c;

	if (close(fd) != 0)
		return 1;
	return read(fd, &c, 1) == -1 && errno == EBADF ? 0 : 2;
}

static void close_is_per_process(void)
{
	int fd = open("/tmp/f3", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char c;

	CHECK(fd >= 0 && write(fd, "q", 1) == 1);
	CHECK(in_child(child_close, fd));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, &c, 1) == 1 && c == 'q');
	close(fd);
}

static int child_flags(int fd)
{
	/* The close-on-exec flag and the status flags come along. */
	if (fcntl(fd, F_GETFD) != FD_CLOEXEC)
		return 1;
	if ((fcntl(fd, F_GETFL) & O_APPEND) == 0)
		return 2;
	return 0;
}

static void flags_inherited(void)
{
	int fd = open("/tmp/f4", O_WRONLY | O_CREAT | O_APPEND, 0644);

	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
	CHECK(in_child(child_flags, fd));
	close(fd);
}

static void exec_closes_cloexec(void)
{
	int keep = open("/tmp/f5", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int gone = open("/tmp/f5b", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char a[12], b[12], buf[8];
	char *argv[5];
	int st = -1;
	pid_t pid;

	CHECK(keep >= 0 && gone >= 0);
	CHECK(write(keep, "xy", 2) == 2);
	CHECK(fcntl(gone, F_SETFD, FD_CLOEXEC) == 0);
	snprintf(a, sizeof a, "%d", keep);
	snprintf(b, sizeof b, "%d", gone);
	argv[0] = SELF;
	argv[1] = "exec-child";
	argv[2] = a;
	argv[3] = b;
	argv[4] = 0;
	pid = fork();
	if (pid == 0) {
		execv(SELF, argv);
		_exit(99);
	}
	CHECK(pid > 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* The exec'd program wrote through the kept descriptor: our shared offset moved. */
	CHECK(lseek(keep, 0, SEEK_CUR) == 3);
	CHECK(lseek(keep, 0, SEEK_SET) == 0 && read(keep, buf, 8) == 3 && memcmp(buf, "xyE", 3) == 0);
	/* In the parent the close-on-exec descriptor is still open. */
	CHECK(fcntl(gone, F_GETFD) == FD_CLOEXEC);
	close(keep);
	close(gone);
}

static int exec_child(int keep, int gone)
{
	if (fcntl(gone, F_GETFD) != -1 || errno != EBADF)
		return 1;
	if (fcntl(keep, F_GETFD) != 0)
		return 2;
	if (lseek(keep, 0, SEEK_CUR) != 2)
		return 3;
	if (write(keep, "E", 1) != 1)
		return 4;
	/* The console descriptors survive exec too. */
	if (fcntl(1, F_GETFD) != 0)
		return 5;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "exec-child") == 0)
		return exec_child(atoi(argv[2]), atoi(argv[3]));
	RUN(offset_shared);
	RUN(seek_in_child);
	RUN(close_is_per_process);
	RUN(flags_inherited);
	RUN(exec_closes_cloexec);
	return DONE();
}
