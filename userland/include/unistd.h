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
/* getuid()/geteuid(): the real and effective uid (both values of the getuid trap). */
uid_t getuid(void);
uid_t geteuid(void);

/*
 * Process groups and sessions (the pgrpsys trap): getpgid(0)/getsid(0) mean the caller;
 * setpgid(0, 0) makes the caller a group leader; setsid() starts a new session (EPERM for a group
 * leader) and returns its id; setpgrp() is setsid() unless already a leader, and returns the sid.
 */
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setpgrp(void);
pid_t getsid(pid_t pid);
pid_t setsid(void);

/*
 * fork family: each returns 0 in the child, the child's pid in the parent, -1 with errno on failure.
 * fork() = fork1(): the child has one LWP (the caller's); forkall() copies every LWP; vfork() shares
 * the address space and suspends the parent until the child execs or exits (the child may only call
 * _exit or an exec function, and must not return from the caller of vfork).
 */
pid_t fork(void);
pid_t fork1(void);
pid_t forkall(void);
pid_t vfork(void) __attribute__((returns_twice));

/*
 * exec: only return on failure (-1, errno). execv/execl/execlp pass the current environ;
 * execvp/execlp search PATH (default "/bin:/sbin") when the name has no '/'. The l-forms take the
 * arguments as a NULL-terminated list (execle: followed by envp).
 */
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg0, ...);
int execle(const char *path, const char *arg0, ...);
int execlp(const char *file, const char *arg0, ...);

/* _exit(): terminate at once, without atexit handlers or stdio flushing. */
void _exit(int status) __attribute__((noreturn));

/* Data segment: brk() returns 0 or -1; sbrk() returns the old break or (void *)-1. */
int brk(void *addr);
void *sbrk(long incr);

/* yield(): gives up the CPU (the Solaris yield trap; sched_yield() in <sched.h>). */
void yield(void);

/* Sleeping, built on nanosleep(2): sleep() returns the unslept seconds, usleep() 0 or -1. */
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

int pause(void);

/* alarm(): SIGALRM in `seconds` (0 cancels); the seconds the previous alarm had left. */
unsigned int alarm(unsigned int seconds);

#endif
