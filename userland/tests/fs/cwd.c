/*
 * cwd.c — the current directory and directory operations: chdir/fchdir/getcwd, relative paths
 * from the cwd, the LTP-style check (chdir to /tmp and into a new directory, create a file with a
 * relative path, fork: both write through the shared descriptor, the offset is shared, the
 * child's cwd is the parent's), mkdir/rmdir/unlink and their errors, an unlinked open file that
 * lives until its last close, exec keeping the cwd, and stat/fstat/access. Exits 0 only if every
 * test passes. Run as `fs_cwd execd DIR`, it only checks that its cwd is DIR (the exec test).
 */
#include "fstest.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void cwd_basics(void)
{
	char buf[256];

	CHECK(getcwd(buf, sizeof buf) == buf && strcmp(buf, "/") == 0);
	CHECK(chdir("/tmp") == 0);
	CHECK(getcwd(buf, sizeof buf) == buf && strcmp(buf, "/tmp") == 0);
	errno = 0;
	CHECK(getcwd(buf, 4) == NULL && errno == ERANGE);
	errno = 0;
	CHECK(getcwd(buf, 0) == NULL && errno == EINVAL);
	CHECK_ERR(chdir("/nonexistent"), ENOENT);
	CHECK_ERR(chdir("/bin/fs_cwd"), ENOTDIR);
	CHECK_ERR(chdir((const char *)1), EFAULT);
	CHECK(chdir("..") == 0);
	CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/") == 0);
	CHECK(chdir("tmp") == 0);
	CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/tmp") == 0);
	CHECK(chdir("/") == 0);
}

static void ltp_fork_offset(void)
{
	char buf[256], cbuf[256];
	int fd, st, p[2];
	pid_t pid;

	CHECK(chdir("/tmp") == 0);
	CHECK(mkdir("ltpdir", 0755) == 0);
	CHECK(chdir("ltpdir") == 0);
	CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/tmp/ltpdir") == 0);
	fd = open("testfile", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "parent1\n", 8) == 8);
	CHECK(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		if (getcwd(cbuf, sizeof cbuf) == NULL || strcmp(cbuf, "/tmp/ltpdir") != 0)
			bad |= 1;
		if (lseek(fd, 0, SEEK_CUR) != 8)
			bad |= 2;
		if (write(fd, "child\n", 6) != 6)
			bad |= 4;
		if (access("testfile", R_OK | W_OK) != 0)
			bad |= 8;
		write(p[1], "x", 1);
		_exit(bad);
	}
	CHECK(pid > 0);
	CHECK(read(p[0], cbuf, 1) == 1);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* The child's write moved the shared offset: the parent writes after it. */
	CHECK(lseek(fd, 0, SEEK_CUR) == 14);
	CHECK(write(fd, "parent2\n", 8) == 8);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	memset(cbuf, 0, sizeof cbuf);
	CHECK(read(fd, cbuf, sizeof cbuf) == 22);
	CHECK(strcmp(cbuf, "parent1\nchild\nparent2\n") == 0);
	CHECK(close(fd) == 0 && close(p[0]) == 0 && close(p[1]) == 0);
	CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/tmp/ltpdir") == 0);
	CHECK(unlink("testfile") == 0);
	CHECK_ERR(open("testfile", O_RDONLY), ENOENT);
	CHECK(chdir("..") == 0);
	CHECK(rmdir("ltpdir") == 0);
	CHECK(chdir("/") == 0);
}

static void dir_errors(void)
{
	char longname[300];
	int fd;

	CHECK(mkdir("/tmp/d1", 0755) == 0);
	CHECK_ERR(mkdir("/tmp/d1", 0755), EEXIST);
	CHECK_ERR(mkdir("/tmp/none/d2", 0755), ENOENT);
	CHECK(mkdir("/bin/newdir", 0755) == 0 && rmdir("/bin/newdir") == 0);   /* / is writable */
	CHECK_ERR(mkdir((const char *)1, 0755), EFAULT);
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	CHECK_ERR(mkdir(longname, 0755), ENAMETOOLONG);
	fd = open("/tmp/d1/f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK_ERR(mkdir("/tmp/d1/f/x", 0755), ENOTDIR);
	CHECK_ERR(rmdir("/tmp/d1"), ENOTEMPTY);
	CHECK_ERR(rmdir("/tmp/d1/f"), ENOTDIR);
	CHECK_ERR(rmdir("/tmp/d1/."), EINVAL);
	CHECK_ERR(rmdir("/tmp/nothere"), ENOENT);
	CHECK_ERR(rmdir("/bin"), ENOTEMPTY);
	CHECK_ERR(unlink("/tmp/d1"), EPERM);
	CHECK_ERR(unlink("/tmp/nothere"), ENOENT);
	CHECK_ERR(unlink("/bin"), EPERM);
	CHECK_ERR(open("/tmp/d1", O_RDWR), EISDIR);
	/* unlink of an open file: it stays readable and writable until the last close. */
	CHECK(write(fd, "keep", 4) == 4);
	CHECK(unlink("/tmp/d1/f") == 0);
	CHECK_ERR(access("/tmp/d1/f", F_OK), ENOENT);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	{
		char b[8] = { 0 };
		CHECK(read(fd, b, 8) == 4 && memcmp(b, "keep", 4) == 0);
	}
	CHECK(close(fd) == 0);
	CHECK(rmdir("/tmp/d1") == 0);
	CHECK_ERR(chdir("/tmp/d1"), ENOENT);
}

static void fchdir_and_removed_cwd(void)
{
	char buf[64];
	int fd;

	CHECK(mkdir("/tmp/d3", 0755) == 0);
	fd = open("/tmp/d3", O_RDONLY);
	CHECK(fd >= 0);
	CHECK(fchdir(fd) == 0);
	CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/tmp/d3") == 0);
	CHECK(close(fd) == 0);
	CHECK_ERR(fchdir(99), EBADF);
	CHECK_ERR(fchdir(1), ENOTDIR);
	/* The cwd removed under us: getcwd fails, creating there fails, .. still works. */
	CHECK(rmdir("/tmp/d3") == 0);
	errno = 0;
	CHECK(getcwd(buf, sizeof buf) == NULL && errno == ENOENT);
	CHECK_ERR(open("x", O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK(chdir("/") == 0);
}

static void exec_keeps_cwd(void)
{
	char *argv[] = { "/bin/fs_cwd", "execd", "/tmp/ed", NULL };
	char *envp[] = { NULL };
	int st;
	pid_t pid;

	CHECK(mkdir("/tmp/ed", 0755) == 0);
	CHECK(chdir("/tmp/ed") == 0);
	pid = fork();
	if (pid == 0) {
		execve(argv[0], argv, envp);
		_exit(99);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* A relative path to exec resolves from the cwd too. */
	CHECK(chdir("/bin") == 0);
	pid = fork();
	if (pid == 0) {
		argv[0] = "fs_cwd";
		argv[2] = "/bin";
		execve("fs_cwd", argv, envp);
		_exit(99);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(chdir("/") == 0 && rmdir("/tmp/ed") == 0);
}

static void stat_calls(void)
{
	struct stat sb;
	int fd;

	CHECK(sizeof(struct stat) == 136);
	CHECK(stat("/tmp", &sb) == 0 && S_ISDIR(sb.st_mode));
	CHECK(stat("/bin/fs_cwd", &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0);
	CHECK(lstat("/bin/fs_cwd", &sb) == 0 && S_ISREG(sb.st_mode));
	CHECK_ERR(stat("/tmp/nothere", &sb), ENOENT);
	CHECK_ERR(stat("/tmp", (struct stat *)1), EFAULT);
	fd = open("/tmp/s1", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, "12345", 5) == 5);
	CHECK(fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 5 && sb.st_nlink == 1);
	CHECK(unlink("/tmp/s1") == 0);
	CHECK(fstat(fd, &sb) == 0 && sb.st_nlink == 0);
	CHECK(close(fd) == 0);
	CHECK_ERR(fstat(fd, &sb), EBADF);
	CHECK(fstat(1, &sb) == 0 && S_ISCHR(sb.st_mode));
	CHECK(access("/bin/fs_cwd", R_OK | X_OK) == 0);
	CHECK(access("/bin/fs_cwd", W_OK) == 0);   /* writable: copied on the first write */
	CHECK_ERR(access("/tmp", 8), EINVAL);
	CHECK(access("/tmp", W_OK) == 0);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "execd") == 0) {
		char buf[64];

		return getcwd(buf, sizeof buf) != NULL && strcmp(buf, argv[2]) == 0 ? 0 : 1;
	}
	RUN(cwd_basics);
	RUN(ltp_fork_offset);
	RUN(dir_errors);
	RUN(fchdir_and_removed_cwd);
	RUN(exec_keeps_cwd);
	RUN(stat_calls);
	return DONE();
}
