/*
 * unistd.h — POSIX process and file-descriptor calls (mirrors Solaris <unistd.h>), plus Solaris's
 * fork1() and forkall(). fork() is fork1() (POSIX semantics: only the calling LWP is copied).
 * The current directory and names: chdir, fchdir, getcwd, rmdir, unlink, access, link,
 * symlink, readlink, truncate (rename is in <stdio.h>).
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
/* ftruncate(): fcntl(fd, F_FREESP) from len with l_len 0; holes read as zeros. */
int ftruncate(int fd, off_t len);
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
/* nice(): adds incr to the nice value (sys/resource.h); the new value, or -1 with errno. */
int nice(int incr);

int pause(void);

/* alarm(): SIGALRM in `seconds` (0 cancels); the seconds the previous alarm had left. */
unsigned int alarm(unsigned int seconds);

/* sysconf() names (sys/unistd.h): the value, -1 for an unsupported option, -1/EINVAL for a bad name. */
#define _SC_ARG_MAX 1
#define _SC_CHILD_MAX 2
#define _SC_CLK_TCK 3
#define _SC_NGROUPS_MAX 4
#define _SC_OPEN_MAX 5
#define _SC_JOB_CONTROL 6
#define _SC_SAVED_IDS 7
#define _SC_VERSION 8
#define _SC_PASS_MAX 9
#define _SC_LOGNAME_MAX 10
#define _SC_PAGESIZE 11
#define _SC_PAGE_SIZE _SC_PAGESIZE
#define _SC_XOPEN_VERSION 12
#define _SC_NPROCESSORS_CONF 14
#define _SC_NPROCESSORS_ONLN 15
#define _SC_STREAM_MAX 16
#define _SC_TZNAME_MAX 17
#define _SC_AIO_LISTIO_MAX 18
#define _SC_AIO_MAX 19
#define _SC_AIO_PRIO_DELTA_MAX 20
#define _SC_ASYNCHRONOUS_IO 21
#define _SC_DELAYTIMER_MAX 22
#define _SC_FSYNC 23
#define _SC_MAPPED_FILES 24
#define _SC_MEMLOCK 25
#define _SC_MEMLOCK_RANGE 26
#define _SC_MEMORY_PROTECTION 27
#define _SC_MESSAGE_PASSING 28
#define _SC_MQ_OPEN_MAX 29
#define _SC_MQ_PRIO_MAX 30
#define _SC_PRIORITIZED_IO 31
#define _SC_PRIORITY_SCHEDULING 32
#define _SC_REALTIME_SIGNALS 33
#define _SC_RTSIG_MAX 34
#define _SC_SEMAPHORES 35
#define _SC_SEM_NSEMS_MAX 36
#define _SC_SEM_VALUE_MAX 37
#define _SC_SHARED_MEMORY_OBJECTS 38
#define _SC_SIGQUEUE_MAX 39
#define _SC_SIGRT_MIN 40
#define _SC_SIGRT_MAX 41
#define _SC_SYNCHRONIZED_IO 42
#define _SC_TIMERS 43
#define _SC_TIMER_MAX 44
#define _SC_PHYS_PAGES 500
#define _SC_AVPHYS_PAGES 501
#define _SC_MAXPID 514
#define _SC_STACK_PROT 515
#define _SC_NPROCESSORS_MAX 516
#define _SC_LOGIN_NAME_MAX 571
#define _SC_THREAD_STACK_MIN 573
#define _SC_TTY_NAME_MAX 575
#define _SC_THREADS 576
#define _SC_THREAD_ATTR_STACKSIZE 578
#define _SC_THREAD_PROCESS_SHARED 582
#define _SC_THREAD_SAFE_FUNCTIONS 583
#define _SC_CLOCK_SELECTION 733
#define _SC_CPUTIME 734
#define _SC_HOST_NAME_MAX 735
#define _SC_MONOTONIC_CLOCK 736
#define _SC_SPAWN 740
#define _SC_SYMLOOP_MAX 744
#define _SC_THREAD_CPUTIME 745

#define _POSIX_VERSION 199506L
#define _POSIX_TIMERS 1
#define _POSIX_MONOTONIC_CLOCK 200112L
#define _POSIX_CPUTIME 200112L
#define _POSIX_THREAD_CPUTIME 200112L

long sysconf(int name);

/* access() modes. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* chdir/fchdir: set the current directory (inherited by fork, kept by exec). 0 or -1 with errno. */
int chdir(const char *path);
int fchdir(int fd);
/* getcwd(buf, size): the current directory's absolute path in buf (buf must not be NULL here);
 * buf, or NULL with errno (ERANGE: too small, EINVAL: size 0). */
char *getcwd(char *buf, size_t size);
/* rmdir removes an empty directory; unlink removes a file's name (an open file lives on). */
int rmdir(const char *path);
int unlink(const char *path);
/* access(path, amode): F_OK, or R_OK|W_OK|X_OK; 0 or -1 with errno (EACCES, ENOENT ...). */
int access(const char *path, int amode);
/* link(existing, new): a second name for a file (not a directory: EPERM); a symbolic link itself is linked. */
int link(const char *existing, const char *newpath);
/* symlink(target, path): a symbolic link holding `target` (which need not exist). */
int symlink(const char *target, const char *path);
/* readlink(path, buf, n): the link's contents, not NUL-terminated, at most n bytes; the count or -1 (EINVAL: not a link). */
ssize_t readlink(const char *path, char *buf, size_t n);
/* truncate(path, len): open for writing, ftruncate, close. */
int truncate(const char *path, off_t len);
/* getpagesize(): the page size (4096). */
int getpagesize(void);

#endif
