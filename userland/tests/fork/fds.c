/*
 * fds.c — descriptor and file-offset inheritance (issue 3 acceptance): the child inherits open
 * descriptors that share the parent's file object, so the file offset moves for both (writes
 * interleave instead of overwriting, lseek in one is seen by the other); the descriptor table
 * itself is copied (close, dup2 and open in the child leave the parent's table alone); pipes
 * carry data both ways and reach EOF only after every copy of the write end is closed.
 */
#include "ftest.h"
#include <fcntl.h>

#define FILE_PATH "/tmp/fork_fds_test"

static void test_shared_offset(void)
{
	char buf[16];
	pid_t pid;
	off_t off;
	int fd;

	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!ft_check(fd >= 0, "fds.open", "%s: %s", FILE_PATH, strerror(errno)))
		return;
	write(fd, "abc", 3);
	pid = fork();
	if (pid == 0) {
		ft_failures = 0;
		ft_check(lseek(fd, 0, SEEK_CUR) == 3, "fds.child_inherits_offset", "offset %ld",
		    (long)lseek(fd, 0, SEEK_CUR));
		ft_check(write(fd, "def", 3) == 3, "fds.child_write", "%s", strerror(errno));
		ft_child_exit();
	}
	ft_child_ok(pid, "fds.offset_child");
	off = lseek(fd, 0, SEEK_CUR);
	ft_check(off == 6, "fds.parent_sees_child_offset", "offset %ld, want 6", (long)off);
	write(fd, "ghi", 3);
	memset(buf, 0, sizeof(buf));
	lseek(fd, 0, SEEK_SET);
	ft_check(read(fd, buf, sizeof(buf)) == 9 && strcmp(buf, "abcdefghi") == 0, "fds.file_contents",
	    "read back \"%s\", want \"abcdefghi\"", buf);

	pid = fork();
	if (pid == 0) {
		lseek(fd, 2, SEEK_SET);
		exit(0);
	}
	ft_child_ok(pid, "fds.lseek_child");
	off = lseek(fd, 0, SEEK_CUR);
	ft_check(off == 2, "fds.child_lseek_moves_parent", "offset %ld, want 2", (long)off);

	pid = fork();
	if (pid == 0)
		exit(close(fd) == 0 ? 0 : 1);
	ft_child_ok(pid, "fds.close_in_child");
	ft_check(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 3) == 3, "fds.parent_fd_survives_child_close",
	    "%s", strerror(errno));
	close(fd);
}

static void test_table_copied(void)
{
	int p[2], fd, st;
	pid_t pid;

	if (pipe(p) < 0) {
		ft_fail("fds.table.pipe", "%s", strerror(errno));
		return;
	}
	/* a descriptor number that is free in the parent */
	fd = 20;
	close(fd);
	pid = fork();
	if (pid == 0) {
		int f;
		ft_failures = 0;
		ft_check(dup2(p[1], fd) == fd, "fds.child_dup2", "%s", strerror(errno));
		f = open(FILE_PATH, O_RDONLY);
		ft_check(f >= 0, "fds.child_open", "%s", strerror(errno));
		write(p[1], &f, sizeof(f));
		ft_child_exit();
	}
	ft_child_ok(pid, "fds.table_child");
	st = -1;
	read(p[0], &st, sizeof(st));
	ft_check(write(fd, "x", 1) == -1 && errno == EBADF, "fds.child_dup2_not_in_parent",
	    "fd %d is open in the parent", fd);
	if (st >= 0 && st != p[0] && st != p[1]) {
		errno = 0;
		ft_check(lseek(st, 0, SEEK_CUR) == -1 && errno == EBADF, "fds.child_open_not_in_parent",
		    "fd %d (opened by the child) is open in the parent", st);
	}
	close(p[0]);
	close(p[1]);
}

static void test_pipes(void)
{
	int down[2], up[2];
	char buf[32];
	pid_t pid;
	ssize_t n;

	if (pipe(down) < 0 || pipe(up) < 0) {
		ft_fail("fds.pipes", "%s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		n = read(down[0], buf, sizeof(buf));
		if (n > 0) {
			buf[0] = (char)(buf[0] - 'a' + 'A');	/* answer in upper case */
			write(up[1], buf, (size_t)n);
		}
		/* EOF on `down` only after the parent closes its write end */
		n = read(down[0], buf, sizeof(buf));
		exit(n == 0 ? 0 : 1);
	}
	close(down[0]);
	close(up[1]);
	write(down[1], "ping", 4);
	memset(buf, 0, sizeof(buf));
	n = read(up[0], buf, sizeof(buf));
	ft_check(n == 4 && memcmp(buf, "Ping", 4) == 0, "fds.pipe_round_trip", "got %d bytes \"%s\"", (int)n, buf);
	close(down[1]);
	ft_child_ok(pid, "fds.pipe_eof_after_all_writers_close");
	n = read(up[0], buf, sizeof(buf));
	ft_check(n == 0, "fds.pipe_eof_in_parent", "read returned %d", (int)n);
	close(up[0]);
}

int main(void)
{
	test_shared_offset();
	test_table_copied();
	test_pipes();
	return ft_done();
}
