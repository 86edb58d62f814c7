/*
 * stdio_impl.h — libc-internal stdio declarations (mirrors the role of Solaris libc's
 * port/stdio/stdiom.h): the output sink used by __doprnt, stream flag bits, and the low-level
 * buffer functions shared by stdio.c and printf.c.
 */
#ifndef _STDIO_IMPL_H
#define _STDIO_IMPL_H

#include <stdio.h>

/* __sink — where __doprnt sends bytes: put(k, s, n) consumes n bytes; the rest is the sink's. */
struct __sink {
	void (*put)(struct __sink *k, const char *s, int n);
	FILE *fp;		/* stream sinks */
	char *buf;		/* string sinks: destination, capacity (incl. NUL), bytes produced */
	unsigned int cap;
	unsigned int len;
	int fd;			/* unbuffered-stream sinks: flush target */
	int err;
};

#define __SERR 0x01	/* an I/O error happened */
#define __SEOF 0x02	/* end of file seen */
#define __SRD 0x04	/* the buffer holds unread input */
#define __SWR 0x08	/* the buffer holds unwritten output */
#define __SMBF 0x10	/* _buf came from malloc (fopen.c frees it) */
#define __SNORD 0x40	/* opened write-only: reads fail with EBADF */
#define __SNOWR 0x80	/* opened read-only: writes fail with EBADF */

/* The fopen'ed streams (fopen.c), newest first, and the lock on that list. */
extern FILE *__stdio_list;
int __stdio_mode(const char *mode, int *oflags, int *sflags);
/* __sdrop_read(): gives back unread input (lseek back over it, where the file can seek). */
void __sdrop_read(FILE *fp);
/* __sflush(): writes fp's pending output (caller holds fp's lock); 0 or EOF. */
int __sflush(FILE *fp);

int __doprnt(struct __sink *k, const char *fmt, va_list ap);
/* __swrite(): n bytes into fp's buffer (or straight to its fd); 0, or EOF on error. */
int __swrite(FILE *fp, const char *s, int n);
/* __write_all(): write(2) until all n bytes are out, retrying EINTR; 0 or -1. */
int __write_all(int fd, const char *s, int n);
void __stdio_flushall(void);

#endif
