/*
 * fcntl.h — open flags and fcntl commands with the Solaris values (mirrors uts/common/sys/fcntl.h).
 * Record locks: F_GETLK/F_SETLK/F_SETLKW with struct flock. Leaves out the *at() family.
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_ACCMODE 3
#define O_NDELAY 0x04
#define O_APPEND 0x08
#define O_SYNC 0x10
#define O_DSYNC 0x40
#define O_NONBLOCK 0x80
#define O_CREAT 0x100
#define O_TRUNC 0x200
#define O_EXCL 0x400
#define O_NOCTTY 0x800

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUP2FD 9
#define F_FREESP 11
#define F_SETLK 6
#define F_SETLKW 7
#define F_GETLK 14
#define FD_CLOEXEC 1

/* Record lock types (l_type). */
#define F_RDLCK 1
#define F_WRLCK 2
#define F_UNLCK 3

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

/* struct flock (32-bit Solaris layout): record locks (l_len 0 = to end of file) and F_FREESP. */
struct flock {
	short l_type;
	short l_whence;
	off_t l_start;
	off_t l_len;
	int l_sysid;
	pid_t l_pid;
	long l_pad[4];
};

/* open(2): returns a file descriptor, or -1 with errno set. */
int open(const char *path, int oflag, ...);
/* creat(2): open(path, O_WRONLY|O_CREAT|O_TRUNC, mode). */
int creat(const char *path, mode_t mode);
/* fcntl(2): the third argument is an int, or a struct flock * for F_GETLK/F_SETLK/F_SETLKW/F_FREESP.
 * Locks belong to the process: not inherited by fork, all dropped when it closes any fd of the file. */
int fcntl(int fd, int cmd, ...);

#endif
