/*
 * errno.c — the errno variable and ___errno(), which <errno.h>'s errno macro calls (mirrors
 * Solaris libc's per-thread errno: the main thread uses the global, every other thread the
 * t_errno of its descriptor, found through %g7). __cerror (sparc/cerror.S) makes the same choice.
 */
#include <errno.h>
#include "thr_impl.h"

#undef errno
/* errno — the main thread's errno (the program's only one until it creates threads). */
int errno;

int *___errno(void)
{
	__thr_t *t = __curthr();

	return t != NULL ? &t->t_errno : &errno;
}
