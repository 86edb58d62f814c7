/*
 * unistd.c — thin C wrappers over system calls whose libc interface differs from the trap
 * (mirrors Solaris libc's port/gen/dup2.c, creat.c, sched_yield.c, getcwd.c; own code).
 */
#include <unistd.h>
#include <fcntl.h>
#include <sched.h>

/* dup2(): fcntl(F_DUP2FD), which closes fd2 first if it is open. */
int dup2(int fd, int fd2)
{
	return fcntl(fd, F_DUP2FD, fd2);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int sched_yield(void)
{
	yield();
	return 0;
}

/* ftruncate(): F_FREESP from len to the end, l_len 0 (as Solaris libc's port/sys/ftruncate.c). */
int ftruncate(int fd, off_t len)
{
	struct flock lck;

	lck.l_type = 0;
	lck.l_whence = 0;
	lck.l_start = len;
	lck.l_len = 0;
	lck.l_sysid = 0;
	lck.l_pid = 0;
	return fcntl(fd, F_FREESP, &lck);
}

extern int _getcwd(char *buf, size_t size);

/* getcwd(): the trap fills buf; NULL (not -1) with errno on failure. No allocation for buf NULL. */
char *getcwd(char *buf, size_t size)
{
	if (_getcwd(buf, size) == -1)
		return NULL;
	return buf;
}

/* truncate(): open for writing, ftruncate, close (as Solaris libc's port/sys/truncate.c does). */
int truncate(const char *path, off_t len)
{
	int fd = open(path, O_WRONLY);
	int r;

	if (fd == -1)
		return -1;
	r = ftruncate(fd, len);
	close(fd);
	return r;
}
