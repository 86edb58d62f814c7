/*
 * unistd.h — POSIX process and file-descriptor calls (mirrors Solaris <unistd.h>), plus Solaris's
 * fork1() and forkall(). fork() is fork1() (POSIX semantics: only the calling LWP is copied).
 * Leaves out the file-system calls the kernel does not have yet (chdir, unlink, stat, ...).
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#ifndef NULL
#define NULL ((void *)0)
#endif

extern char **environ;

/* I/O on descriptors: byte counts, or -1 with errno set. */
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
/* dup2(): fcntl(fd, F_DUP2FD, fd2). */
int dup2(int fd, int fd2);
/* pipe(): fd[0] is the read end, fd[1] the write end. */
int pipe(int fd[2]);

/* Process identity: getppid() is the second return value of the getpid trap. */
pid_t getpid(void);
pid_t getppid(void);

/*
 * fork family: each returns 0 in the child, the child's pid in the parent, -1 with errno on failure.
 * fork() = fork1(): the child has one LWP (the caller's); forkall() copies every LWP; vfork() shares
 * the address space and suspends the parent until the child execs or exits (the child may only call
 * _exit or an exec function, and must not return from the caller of vfork).
 */
pid_t fork(void);
pid_t fork1(void);
pid_t forkall(void);
pid_t vfork(void);

/* exec: only return on failure (-1, errno). execv() passes the current environ. */
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);

/* _exit(): terminate at once, without atexit handlers or stdio flushing. */
void _exit(int status) __attribute__((noreturn));

/* Data segment: brk() returns 0 or -1; sbrk() returns the old break or (void *)-1. */
int brk(void *addr);
void *sbrk(long incr);

/* Sleeping, built on nanosleep(2): sleep() returns the unslept seconds, usleep() 0 or -1. */
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

#endif
