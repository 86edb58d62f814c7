/*
 * stdio.c — the three standard streams and their byte-level I/O (mirrors Solaris libc's
 * port/stdio: data.c, flush.c, fputc.c, fgets.c ...; own code). stdout is line-buffered, stderr
 * unbuffered, stdin buffered; reading from stdin first flushes stdout. A stream's one buffer holds
 * either pending output (__SWR) or unread input (__SRD). Each public call holds the stream's lock
 * (FILE._lock, a counted __rlock_t, so a signal handler's printf does not deadlock; stdin before
 * stdout when both are needed). fopen'ed streams (fopen.c) use the same code; switching an update
 * stream from reading to writing seeks back over the unread input. fflush(NULL) covers them too.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include "stdio_impl.h"
#include "../threads/thr_impl.h"

#define FLOCK(fp) __rlock((__rlock_t *)&(fp)->_lock)
#define FUNLOCK(fp) __runlock((__rlock_t *)&(fp)->_lock)

static unsigned char stdin_buf[BUFSIZ];
static unsigned char stdout_buf[BUFSIZ];

FILE __iob[3] = {
	{ 0, _IOFBF, 0, stdin_buf, BUFSIZ, 0, 0, { 0, NULL, 0 } },
	{ 1, _IOLBF, 0, stdout_buf, BUFSIZ, 0, 0, { 0, NULL, 0 } },
	{ 2, _IONBF, 0, NULL, 0, 0, 0, { 0, NULL, 0 } },
};

int __write_all(int fd, const char *s, int n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, (size_t)n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (int)w;
	}
	return 0;
}

int __sflush(FILE *fp)
{
	if (fp->_flags & __SWR) {
		int n = fp->_pos;
		fp->_pos = 0;
		fp->_flags &= ~__SWR;
		if (n > 0 && __write_all(fp->_fd, (const char *)fp->_buf, n) < 0) {
			fp->_flags |= __SERR;
			return EOF;
		}
	}
	return 0;
}

void __sdrop_read(FILE *fp)
{
	if (fp->_flags & __SRD) {
		int e = errno;
		if (fp->_len > fp->_pos)
			lseek(fp->_fd, -(off_t)(fp->_len - fp->_pos), SEEK_CUR);	/* fails harmlessly on a tty or pipe */
		errno = e;
		fp->_flags &= ~__SRD;
		fp->_pos = fp->_len = 0;
	}
}

int __swrite(FILE *fp, const char *s, int n)
{
	if (fp->_flags & __SNOWR) {
		fp->_flags |= __SERR;
		errno = EBADF;
		return EOF;
	}
	/* switching from reading: give back the unread input */
	__sdrop_read(fp);
	if (fp->_mode == _IONBF || fp->_buf == NULL) {
		if (__write_all(fp->_fd, s, n) < 0) {
			fp->_flags |= __SERR;
			return EOF;
		}
		return 0;
	}
	{
		const char *p = s;
		int left = n;
		while (left > 0) {
			int space = fp->_bufsize - fp->_pos;
			int chunk = left < space ? left : space;
			memcpy(fp->_buf + fp->_pos, p, (size_t)chunk);
			fp->_pos += chunk;
			fp->_flags |= __SWR;
			p += chunk;
			left -= chunk;
			if (fp->_pos == fp->_bufsize && __sflush(fp) == EOF)
				return EOF;
		}
	}
	if (fp->_mode == _IOLBF && memchr(s, '\n', (size_t)n) != NULL)
		return __sflush(fp);
	return 0;
}

extern __rlock_t __stdio_list_lock;

static int flush_if_pending(FILE *fp)
{
	int r = 0;

	if (!(fp->_flags & __SWR))
		return 0;
	FLOCK(fp);
	r = __sflush(fp);
	FUNLOCK(fp);
	return r;
}

/* fflush(): writes pending output; on a stream that holds read-ahead, gives it back (the file
   offset becomes the stream's position). fflush(NULL) writes every stream's pending output (a
   stream with none is not locked, so a thread blocked reading stdin does not hold up exit). */
int fflush(FILE *fp)
{
	int r;

	if (fp == NULL) {
		int i;
		FILE *f;
		r = 0;
		for (i = 0; i < 3; i++)
			if (flush_if_pending(&__iob[i]) == EOF)
				r = EOF;
		__rlock(&__stdio_list_lock);
		for (f = __stdio_list; f != NULL; f = f->_next)
			if (flush_if_pending(f) == EOF)
				r = EOF;
		__runlock(&__stdio_list_lock);
		return r;
	}
	FLOCK(fp);
	r = __sflush(fp);
	if (fp != stdin)
		__sdrop_read(fp);
	FUNLOCK(fp);
	return r;
}

/* __stdio_flushall(): called by exit(). */
void __stdio_flushall(void)
{
	fflush(NULL);
}

/*
 * __stdio_lockall()/__stdio_unlockall(): fork1/forkall hold the output streams' locks across the
 * trap. stdin's is not taken (its holder may be blocked in read for ever); instead the fork1
 * child, where that holder may not exist, clears it (__stdio_fork1_child).
 */
void __stdio_lockall(void)
{
	FLOCK(stdout);
	FLOCK(stderr);
	__rlock(&__stdio_list_lock);
}

void __stdio_unlockall(void)
{
	__runlock(&__stdio_list_lock);
	FUNLOCK(stderr);
	FUNLOCK(stdout);
}

/* The fopen'ed streams' locks are cleared like stdin's: their holders may not have been copied. */
void __stdio_fork1_child(void)
{
	FILE *f;

	__rlock_reset((__rlock_t *)&stdin->_lock);
	for (f = __stdio_list; f != NULL; f = f->_next)
		__rlock_reset((__rlock_t *)&f->_lock);
}

int setvbuf(FILE *fp, char *buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	FLOCK(fp);
	__sflush(fp);
	fp->_mode = mode;
	if (buf != NULL && size > 0) {
		if (fp->_flags & __SMBF) {
			free(fp->_buf);
			fp->_flags &= ~__SMBF;
		}
		fp->_buf = (unsigned char *)buf;
		fp->_bufsize = (int)size;
	}
	if (fp->_buf == NULL && mode != _IONBF)
		fp->_mode = _IONBF;	/* no buffer to buffer in */
	fp->_pos = fp->_len = 0;
	FUNLOCK(fp);
	return 0;
}

void setbuf(FILE *fp, char *buf)
{
	setvbuf(fp, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int fputc(int c, FILE *fp)
{
	char ch = (char)c;
	int r;

	FLOCK(fp);
	r = __swrite(fp, &ch, 1);
	FUNLOCK(fp);
	return r == EOF ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *fp)
{
	return fputc(c, fp);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *fp)
{
	int r;

	FLOCK(fp);
	r = __swrite(fp, s, (int)strlen(s));
	FUNLOCK(fp);
	return r == EOF ? EOF : 0;
}

/* puts(): s and a newline, as one write on a line-buffered stdout. */
int puts(const char *s)
{
	int r;

	FLOCK(stdout);
	r = __swrite(stdout, s, (int)strlen(s));
	if (r != EOF)
		r = __swrite(stdout, "\n", 1);
	FUNLOCK(stdout);
	return r == EOF ? EOF : 0;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *fp)
{
	size_t total = size * n;
	int r;

	if (total == 0)
		return 0;
	FLOCK(fp);
	r = __swrite(fp, (const char *)p, (int)total);
	FUNLOCK(fp);
	return r == EOF ? 0 : n;
}

static int refill(FILE *fp)
{
	ssize_t r;

	if (fp == stdin && (stdout->_flags & __SWR)) {
		FLOCK(stdout);
		__sflush(stdout);
		FUNLOCK(stdout);
	}
	if (fp->_flags & __SWR)
		__sflush(fp);
	if (fp->_buf == NULL)
		return EOF;
	if (fp->_fd < 0)
		return EOF;
	do {
		r = read(fp->_fd, fp->_buf, (size_t)fp->_bufsize);
	} while (r < 0 && errno == EINTR);
	if (r <= 0) {
		fp->_flags |= r == 0 ? __SEOF : __SERR;
		fp->_flags &= ~__SRD;
		fp->_pos = fp->_len = 0;
		return EOF;
	}
	fp->_pos = 0;
	fp->_len = (int)r;
	fp->_flags |= __SRD;
	return 0;
}

static int fgetc_u(FILE *fp)
{
	if (fp->_flags & __SNORD) {
		fp->_flags |= __SERR;
		errno = EBADF;
		return EOF;
	}
	if (!(fp->_flags & __SRD) || fp->_pos >= fp->_len) {
		if (fp->_buf == NULL) {
			unsigned char c;
			ssize_t r = read(fp->_fd, &c, 1);
			if (r <= 0) {
				fp->_flags |= r == 0 ? __SEOF : __SERR;
				return EOF;
			}
			return c;
		}
		if (refill(fp) == EOF)
			return EOF;
	}
	return fp->_buf[fp->_pos++];
}

int fgetc(FILE *fp)
{
	int c;

	FLOCK(fp);
	c = fgetc_u(fp);
	FUNLOCK(fp);
	return c;
}

int getc(FILE *fp)
{
	return fgetc(fp);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* ungetc(): one byte of push-back into the read buffer. */
static int ungetc_u(int c, FILE *fp)
{
	if (c == EOF || fp->_buf == NULL)
		return EOF;
	if ((fp->_flags & __SRD) && fp->_pos > 0) {
		fp->_buf[--fp->_pos] = (unsigned char)c;
	} else if (!(fp->_flags & __SRD) || fp->_pos >= fp->_len) {
		if (fp->_flags & __SWR)
			__sflush(fp);
		fp->_buf[0] = (unsigned char)c;
		fp->_pos = 0;
		fp->_len = 1;
		fp->_flags |= __SRD;
	} else {
		return EOF;
	}
	fp->_flags &= ~__SEOF;
	return (unsigned char)c;
}

int ungetc(int c, FILE *fp)
{
	FLOCK(fp);
	c = ungetc_u(c, fp);
	FUNLOCK(fp);
	return c;
}

char *fgets(char *s, int n, FILE *fp)
{
	int i = 0;

	if (n <= 0)
		return NULL;
	FLOCK(fp);
	while (i < n - 1) {
		int c = fgetc_u(fp);
		if (c == EOF) {
			if (i == 0) {
				FUNLOCK(fp);
				return NULL;
			}
			break;
		}
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	FUNLOCK(fp);
	s[i] = '\0';
	return s;
}

size_t fread(void *p, size_t size, size_t n, FILE *fp)
{
	unsigned char *d = p;
	size_t total = size * n, i;

	if (total == 0)
		return 0;
	FLOCK(fp);
	for (i = 0; i < total; i++) {
		int c = fgetc_u(fp);
		if (c == EOF)
			break;
		d[i] = (unsigned char)c;
	}
	FUNLOCK(fp);
	return i / size;
}

int ferror(FILE *fp) { return (fp->_flags & __SERR) != 0; }
int feof(FILE *fp) { return (fp->_flags & __SEOF) != 0; }
void clearerr(FILE *fp) { fp->_flags &= ~(__SERR | __SEOF); }
int fileno(FILE *fp) { return fp->_fd; }
