/*
 * stdio.h — buffered streams on file descriptors 0, 1, 2 (mirrors the Solaris stdio interface).
 * stdout is line-buffered, stderr unbuffered, stdin buffered; all are flushed by exit().
 * Streams on files: fopen/fdopen/freopen/fclose, seeking, tmpfile, remove (stdio/fopen.c, fseek.c);
 * scanf without floating point (stdio/scanf.c); getline/getdelim. Leaves out floating-point conversions.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <stdarg.h>
#include <sys/types.h>

#define EOF (-1)
#define BUFSIZ 1024
#define FOPEN_MAX 20
#define FILENAME_MAX 1024
#define L_tmpnam 25
#define P_tmpdir "/var/tmp/"
#define TMP_MAX 17576
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

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
	struct __FILE *_next;	/* the list of fopen'ed streams (stdio/fopen.c) */
} FILE;

typedef long fpos_t;

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

/*
 * Streams on files. mode is "r", "w", "a", "r+", "w+" or "a+" ('b' ignored, a trailing 'x' adds
 * O_EXCL, 'e' FD_CLOEXEC); new files get 0666 & ~umask. fopen'ed streams are fully buffered
 * (BUFSIZ, malloc'ed) and are flushed by exit() and fflush(NULL). A fork child gets a copy of
 * unflushed output, as with any libc: flush before fork. NULL/EOF with errno on failure.
 */
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
/* freopen(): flushes and closes fp's descriptor, then opens path into the same FILE. */
FILE *freopen(const char *path, const char *mode, FILE *fp);
/* fclose(): flushes, closes the descriptor and frees the FILE (the standard streams are kept, closed). */
int fclose(FILE *fp);
/* Positioning: fseek/fseeko flush output, drop read-ahead and clear EOF; ftell/ftello count buffered bytes. */
int fseek(FILE *fp, long off, int whence);
int fseeko(FILE *fp, off_t off, int whence);
long ftell(FILE *fp);
off_t ftello(FILE *fp);
void rewind(FILE *fp);
int fgetpos(FILE *fp, fpos_t *pos);
int fsetpos(FILE *fp, const fpos_t *pos);
/* tmpfile(): a new file under /tmp opened "w+" and already unlinked. */
FILE *tmpfile(void);
/* remove(): unlink(), or rmdir() for a directory. */
int remove(const char *path);

/* Formatted input: %d %i %u %o %x %X %p %s %c %[set] %n %%, *, widths, hh/h/l/ll/j/z/t (no floating
   point). The number of assignments, or EOF if input ended before the first conversion. */
int scanf(const char *fmt, ...) __attribute__((format(scanf, 1, 2)));
int fscanf(FILE *fp, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
int sscanf(const char *s, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
int vscanf(const char *fmt, va_list ap);
int vfscanf(FILE *fp, const char *fmt, va_list ap);
int vsscanf(const char *s, const char *fmt, va_list ap);

/* getline()/getdelim(): a whole line (with its delimiter) into *lineptr, grown with realloc;
   the length, or -1 at EOF/error. */
ssize_t getline(char **lineptr, size_t *n, FILE *fp);
ssize_t getdelim(char **lineptr, size_t *n, int delim, FILE *fp);

/* Pipes to commands (stdio/popen.c): "r" reads the command's stdout, "w" writes its stdin;
   pclose() waits and returns the wait status (-1 if fp came not from popen). */
FILE *popen(const char *command, const char *mode);
int pclose(FILE *fp);

#endif
