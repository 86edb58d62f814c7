/*
 * printf.c — the printf family on top of __doprnt (mirrors Solaris libc's port/print/printf.c,
 * fprintf.c, sprintf.c, snprintf.c, vfprintf.c ...; own code). Output to an unbuffered stream
 * (stderr) is collected in a small local buffer so one call is usually one write(2).
 */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <errno.h>
#include "stdio_impl.h"
#include "../threads/thr_impl.h"

static void put_stream(struct __sink *k, const char *s, int n)
{
	if (__swrite(k->fp, s, n) == EOF)
		k->err = 1;
}

static void put_local(struct __sink *k, const char *s, int n)
{
	while (n > 0) {
		unsigned int room = k->cap - k->len;
		unsigned int m = (unsigned int)n < room ? (unsigned int)n : room;
		memcpy(k->buf + k->len, s, m);
		k->len += m;
		s += m;
		n -= (int)m;
		if (k->len == k->cap) {
			if (__write_all(k->fd, k->buf, (int)k->len) < 0)
				k->err = 1;
			k->len = 0;
		}
	}
}

static void put_string(struct __sink *k, const char *s, int n)
{
	/* keep room for the NUL; count everything */
	if (k->cap > 0 && k->len < k->cap - 1) {
		unsigned int room = k->cap - 1 - k->len;
		unsigned int m = (unsigned int)n < room ? (unsigned int)n : room;
		memcpy(k->buf + k->len, s, m);
	}
	k->len += (unsigned int)n;
}

int vfprintf(FILE *fp, const char *fmt, va_list ap)
{
	struct __sink k;
	int n;

	memset(&k, 0, sizeof(k));
	if (fp->_mode == _IONBF || fp->_buf == NULL) {
		char local[256];
		k.put = put_local;
		k.buf = local;
		k.cap = sizeof(local);
		k.fd = fp->_fd;
		n = __doprnt(&k, fmt, ap);
		if (k.len > 0 && __write_all(k.fd, k.buf, (int)k.len) < 0)
			k.err = 1;
	} else {
		k.put = put_stream;
		k.fp = fp;
		__rlock((__rlock_t *)&fp->_lock);	/* one call's output is never split by another thread's */
		n = __doprnt(&k, fmt, ap);
		__runlock((__rlock_t *)&fp->_lock);
	}
	if (k.err) {
		fp->_flags |= __SERR;
		return -1;
	}
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int vsnprintf(char *s, size_t size, const char *fmt, va_list ap)
{
	struct __sink k;
	int n;

	memset(&k, 0, sizeof(k));
	k.put = put_string;
	k.buf = s;
	k.cap = (unsigned int)size;
	n = __doprnt(&k, fmt, ap);
	if (size > 0)
		s[k.len < size - 1 ? k.len : size - 1] = '\0';
	return n;
}

int vsprintf(char *s, const char *fmt, va_list ap)
{
	return vsnprintf(s, 0x7fffffff, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int fprintf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vfprintf(fp, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *s, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(s, 0x7fffffff, fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *s, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(s, size, fmt, ap);
	va_end(ap);
	return n;
}

/* dprintf(): formatted output straight to a descriptor, through the same local buffer. */
int dprintf(int fd, const char *fmt, ...)
{
	struct __sink k;
	char local[256];
	va_list ap;
	int n;

	memset(&k, 0, sizeof(k));
	k.put = put_local;
	k.buf = local;
	k.cap = sizeof(local);
	k.fd = fd;
	va_start(ap, fmt);
	n = __doprnt(&k, fmt, ap);
	va_end(ap);
	if (k.len > 0 && __write_all(fd, k.buf, (int)k.len) < 0)
		k.err = 1;
	return k.err ? -1 : n;
}

/* perror(): "s: message" (or just the message when s is NULL or empty) and a newline on stderr. */
void perror(const char *s)
{
	const char *msg = strerror(errno);
	if (s != NULL && *s != '\0')
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
