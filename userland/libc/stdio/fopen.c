/*
 * fopen.c — streams on files: fopen, fdopen, freopen, fclose, tmpfile, remove, and the list of
 * open streams that fflush(NULL) and exit() walk (mirrors Solaris libc's port/stdio/fopen.c,
 * fdopen.c, flush.c's _findiop/_iob list, tmpfile.c, remove.c; own code). A FILE from fopen is
 * malloc'ed with a malloc'ed BUFSIZ buffer (__SMBF), fully buffered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include "stdio_impl.h"
#include "../threads/thr_impl.h"

FILE *__stdio_list;		/* fopen'ed streams, newest first; guarded by __stdio_list_lock */
__rlock_t __stdio_list_lock;

/* __stdio_mode(): mode string → open(2) flags and stream flags; -1 (EINVAL) for a bad mode. */
int __stdio_mode(const char *mode, int *oflags, int *sflags)
{
	int o, s;
	const char *m;

	switch (mode[0]) {
	case 'r': o = O_RDONLY; s = __SNOWR; break;
	case 'w': o = O_WRONLY | O_CREAT | O_TRUNC; s = __SNORD; break;
	case 'a': o = O_WRONLY | O_CREAT | O_APPEND; s = __SNORD; break;
	default: errno = EINVAL; return -1;
	}
	for (m = mode + 1; *m != '\0'; m++) {
		if (*m == '+') {
			o = (o & ~O_ACCMODE) | O_RDWR;
			s = 0;
		} else if (*m == 'x') {
			o |= O_EXCL;
		} else if (*m != 'b' && *m != 'e') {
			break;
		}
	}
	*oflags = o;
	*sflags = s;
	return 0;
}

/* Fill a FILE for fd and link it into the list; the FILE and buffer come from malloc. */
static FILE *stream_new(int fd, int sflags)
{
	FILE *fp = calloc(1, sizeof(FILE));

	if (fp == NULL)
		return NULL;
	fp->_fd = fd;
	fp->_flags = sflags;
	fp->_buf = malloc(BUFSIZ);
	if (fp->_buf != NULL) {
		fp->_mode = _IOFBF;
		fp->_bufsize = BUFSIZ;
		fp->_flags |= __SMBF;
	} else {
		fp->_mode = _IONBF;
	}
	__rlock(&__stdio_list_lock);
	fp->_next = __stdio_list;
	__stdio_list = fp;
	__runlock(&__stdio_list_lock);
	return fp;
}

FILE *fopen(const char *path, const char *mode)
{
	int o, s, fd;
	FILE *fp;

	if (__stdio_mode(mode, &o, &s) < 0)
		return NULL;
	fd = open(path, o, 0666);
	if (fd < 0)
		return NULL;
	if (strchr(mode, 'e') != NULL)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	fp = stream_new(fd, s);
	if (fp == NULL) {
		close(fd);
		errno = ENOMEM;
	}
	return fp;
}

FILE *fdopen(int fd, const char *mode)
{
	int o, s, fl;

	if (__stdio_mode(mode, &o, &s) < 0)
		return NULL;
	fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return NULL;
	/* the mode may not ask for more access than the descriptor has */
	if (((o & O_ACCMODE) == O_RDWR && (fl & O_ACCMODE) != O_RDWR) ||
	    ((o & O_ACCMODE) != (fl & O_ACCMODE) && (fl & O_ACCMODE) != O_RDWR)) {
		errno = EINVAL;
		return NULL;
	}
	if ((o & O_APPEND) && !(fl & O_APPEND))
		fcntl(fd, F_SETFL, fl | O_APPEND);
	return stream_new(fd, s);
}

FILE *freopen(const char *path, const char *mode, FILE *fp)
{
	int o, s, fd;

	fflush(fp);
	if (__stdio_mode(mode, &o, &s) < 0)
		return NULL;
	__rlock((__rlock_t *)&fp->_lock);
	if (path == NULL) {
		/* only the mode changes: keep the descriptor */
		int fl = fcntl(fp->_fd, F_GETFL);
		if (fl >= 0 && (o & O_APPEND))
			fcntl(fp->_fd, F_SETFL, fl | O_APPEND);
		fd = fp->_fd;
	} else {
		if (fp->_fd >= 0)
			close(fp->_fd);
		fd = open(path, o, 0666);
	}
	fp->_flags = (fp->_flags & __SMBF) | s;
	fp->_pos = fp->_len = 0;
	fp->_fd = fd;
	__runlock((__rlock_t *)&fp->_lock);
	return fd < 0 ? NULL : fp;
}

int fclose(FILE *fp)
{
	int r = 0, mbf = fp->_flags & __SMBF;
	FILE **pp;

	if (fflush(fp) == EOF)
		r = EOF;
	__rlock((__rlock_t *)&fp->_lock);
	if (fp->_fd < 0 || close(fp->_fd) < 0)
		r = EOF;
	fp->_fd = -1;
	fp->_flags = 0;
	fp->_pos = fp->_len = 0;
	__runlock((__rlock_t *)&fp->_lock);
	if (fp >= &__iob[0] && fp < &__iob[3])
		return r;
	__rlock(&__stdio_list_lock);
	for (pp = &__stdio_list; *pp != NULL; pp = &(*pp)->_next) {
		if (*pp == fp) {
			*pp = fp->_next;
			break;
		}
	}
	__runlock(&__stdio_list_lock);
	if (mbf)
		free(fp->_buf);
	free(fp);
	return r;
}

FILE *tmpfile(void)
{
	static unsigned int seq;
	char name[40];
	int i, fd;
	FILE *fp;

	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "/tmp/tf%ld.%u", (long)getpid(), seq++);
		fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0)
			break;
		if (errno != EEXIST)
			return NULL;
	}
	if (fd < 0)
		return NULL;
	unlink(name);
	fp = stream_new(fd, 0);
	if (fp == NULL)
		close(fd);
	return fp;
}

int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno == EISDIR || errno == EPERM)
		return rmdir(path);
	return -1;
}
