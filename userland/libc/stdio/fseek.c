/*
 * fseek.c — stream positioning: fseek/fseeko, ftell/ftello, rewind, fgetpos/fsetpos (mirrors
 * Solaris libc's port/stdio/fseek.c, ftell.c, rewind.c, fgetpos.c; own code). The position is
 * the descriptor's offset less the unread input, or plus the unwritten output.
 */
#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include "stdio_impl.h"
#include "../threads/thr_impl.h"

int fseeko(FILE *fp, off_t off, int whence)
{
	off_t r;
	int ret = 0;

	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	__rlock((__rlock_t *)&fp->_lock);
	if (__sflush(fp) == EOF) {
		__runlock((__rlock_t *)&fp->_lock);
		return -1;
	}
	if (whence == SEEK_CUR && (fp->_flags & __SRD))
		off -= fp->_len - fp->_pos;
	r = lseek(fp->_fd, off, whence);
	if (r < 0) {
		ret = -1;
	} else {
		fp->_flags &= ~(__SRD | __SEOF);
		fp->_pos = fp->_len = 0;
	}
	__runlock((__rlock_t *)&fp->_lock);
	return ret;
}

int fseek(FILE *fp, long off, int whence)
{
	return fseeko(fp, (off_t)off, whence);
}

off_t ftello(FILE *fp)
{
	off_t r;

	__rlock((__rlock_t *)&fp->_lock);
	r = lseek(fp->_fd, 0, SEEK_CUR);
	if (r >= 0) {
		if (fp->_flags & __SRD)
			r -= fp->_len - fp->_pos;
		else if (fp->_flags & __SWR)
			r += fp->_pos;
	}
	__runlock((__rlock_t *)&fp->_lock);
	return r;
}

long ftell(FILE *fp)
{
	return (long)ftello(fp);
}

void rewind(FILE *fp)
{
	(void)fseeko(fp, 0, SEEK_SET);
	clearerr(fp);
}

int fgetpos(FILE *fp, fpos_t *pos)
{
	off_t r = ftello(fp);

	if (r < 0)
		return -1;
	*pos = r;
	return 0;
}

int fsetpos(FILE *fp, const fpos_t *pos)
{
	return fseeko(fp, *pos, SEEK_SET);
}
