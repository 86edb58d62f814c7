/*
 * stdio.h — buffered streams on file descriptors 0, 1, 2 (mirrors the Solaris stdio interface).
 * stdout is line-buffered, stderr unbuffered, stdin buffered; all are flushed by exit().
 * Leaves out fopen/fclose, scanf and floating-point conversions.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <stdarg.h>

#define EOF (-1)
#define BUFSIZ 1024

#define _IOFBF 0000
#define _IOLBF 0100
#define _IONBF 0004

#ifndef NULL
#define NULL ((void *)0)
#endif

/* FILE — one stream: its descriptor, buffering mode and a single buffer used for reading or writing. */
typedef struct __FILE {
	int _fd;
	int _mode;		/* _IOFBF, _IOLBF or _IONBF */
	int _flags;		/* __SERR, __SEOF, __SRD (buffer holds read data), __SWR */
	unsigned char *_buf;
	int _bufsize;
	int _pos;		/* next byte in _buf */
	int _len;		/* bytes valid in _buf (read) */
	/* held by the thread inside a call on this stream (libc's __rlock_t: lock, owner, count) */
	struct { volatile unsigned char __l; void *volatile __owner; int __count; } _lock;
} FILE;

extern FILE __iob[3];
#define stdin (&__iob[0])
#define stdout (&__iob[1])
#define stderr (&__iob[2])

/* Formatted output: %d %i %u %x %X %o %c %s %p %n %%, hh/h/l/ll/z/j/t, flags -+ 0#, width, .precision, *.
   Each returns the number of bytes produced (the would-be length for snprintf), or -1 on error. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *s, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *fp, const char *fmt, va_list ap);
int vsprintf(char *s, const char *fmt, va_list ap);
int vsnprintf(char *s, size_t n, const char *fmt, va_list ap);

/* Character and string output: EOF on error. */
int fputc(int c, FILE *fp);
int putc(int c, FILE *fp);
int putchar(int c);
int fputs(const char *s, FILE *fp);
int puts(const char *s);
size_t fwrite(const void *p, size_t size, size_t n, FILE *fp);
/* fflush(NULL) flushes every stream. */
int fflush(FILE *fp);
int setvbuf(FILE *fp, char *buf, int mode, size_t size);
void setbuf(FILE *fp, char *buf);

/* Input: getchar/fgetc return EOF at end of file; fgets returns NULL at EOF before any byte. */
int fgetc(FILE *fp);
int getc(FILE *fp);
int getchar(void);
char *fgets(char *s, int n, FILE *fp);
size_t fread(void *p, size_t size, size_t n, FILE *fp);
int ungetc(int c, FILE *fp);

int ferror(FILE *fp);
int feof(FILE *fp);
void clearerr(FILE *fp);
int fileno(FILE *fp);

/* rename(from, to): move a name, replacing a file (or an empty directory) at `to`; 0 or -1 with errno. */
int rename(const char *from, const char *to);

/* perror(): "s: strerror(errno)\n" on stderr. */
void perror(const char *s);

#endif
