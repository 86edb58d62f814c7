/*
 * getline.c — getdelim() and getline(): a whole line into a malloc'ed buffer that grows as
 * needed (mirrors Solaris libc's port/stdio/getline.c; own code).
 */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include "../threads/thr_impl.h"

ssize_t getdelim(char **lineptr, size_t *n, int delim, FILE *fp)
{
	size_t len = 0;
	int c;

	if (lineptr == NULL || n == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (*lineptr == NULL)
		*n = 0;
	__rlock((__rlock_t *)&fp->_lock);
	for (;;) {
		c = getc(fp);
		if (c == EOF)
			break;
		if (len + 2 > *n) {
			size_t nn = *n < 64 ? 128 : *n * 2;
			char *p = realloc(*lineptr, nn);
			if (p == NULL) {
				__runlock((__rlock_t *)&fp->_lock);
				errno = ENOMEM;
				return -1;
			}
			*lineptr = p;
			*n = nn;
		}
		(*lineptr)[len++] = (char)c;
		if (c == delim)
			break;
	}
	__runlock((__rlock_t *)&fp->_lock);
	if (len == 0)
		return -1;
	(*lineptr)[len] = '\0';
	return (ssize_t)len;
}

ssize_t getline(char **lineptr, size_t *n, FILE *fp)
{
	return getdelim(lineptr, n, '\n', fp);
}
