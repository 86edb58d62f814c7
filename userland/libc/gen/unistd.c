/*
 * unistd.c — thin C wrappers over system calls whose libc interface differs from the trap
 * (mirrors Solaris libc's port/gen/dup2.c, creat.c, sched_yield.c; own code).
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
