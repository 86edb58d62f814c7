/*
 * sigjmp.c — the signal-mask half of sigsetjmp/siglongjmp (sparc/setjmp.S keeps the registers):
 * sigjmp_buf words [3] savemask and [4..7] the mask (a sigset_t).
 */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

int __sigjmp_savemask(int *env, int savemask);

/* Called by sigsetjmp (a tail call: it returns sigsetjmp's 0). */
int __sigjmp_savemask(int *env, int savemask)
{
	if (savemask)
		sigprocmask(SIG_BLOCK, NULL, (sigset_t *)(void *)&env[4]);
	return 0;
}

/* siglongjmp — restore the mask sigsetjmp saved (if it did), then longjmp. */
void siglongjmp(sigjmp_buf env, int val)
{
	if (env[3])
		sigprocmask(SIG_SETMASK, (sigset_t *)(void *)&env[4], NULL);
	longjmp(env, val);
}
