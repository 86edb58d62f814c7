/*
 * errno.h — errno and the Solaris error numbers (mirrors uts/common/sys/errno.h and the
 * reentrant errno of <errno.h>): errno is per thread, `*___errno()`; the main thread's is the
 * global int `errno`, another thread's lives in its descriptor. Leaves out the STREAMS/XENIX-only codes.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

/* ___errno(): the address of the calling thread's errno. */
extern int *___errno(void);
#define errno (*(___errno()))

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define ENOTBLK 15
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define ETXTBSY 26
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define EPIPE 32
#define EDOM 33
#define ERANGE 34
#define ENOMSG 35
#define EIDRM 36
#define EDEADLK 45
#define ENOLCK 46
#define ECANCELED 47
#define ENOTSUP 48
#define EDQUOT 49
#define ENAMETOOLONG 78
#define EOVERFLOW 79
#define ETIME 62
#define EILSEQ 88
#define ENOSYS 89
#define ELOOP 90
#define ERESTART 91
#define ENOTEMPTY 93
#define EMSGSIZE 97
#define EOPNOTSUPP 122
#define ETIMEDOUT 145
#define EALREADY 149
#define EINPROGRESS 150
#define EWOULDBLOCK EAGAIN

#endif
