/*
 * sigjmp.c — the signal-mask half of sigsetjmp/siglongjmp (<isa>/setjmp.S keeps the registers):
 * sigjmp_buf words [3] savemask and [4..7] the mask (a sigset_t) on SPARC, [6] and [7..10] on i386.
 */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

#ifdef __i386__
#define JB_SAVEMASK 6
#else
#define JB_SAVEMASK 3
#endif

int __sigjmp_savemask(int *env, int savemask);

/* Called by sigsetjmp (a tail call: it returns sigsetjmp's 0). */
int __sigjmp_savemask(int *env, int savemask)
{
	if (savemask)
		sigprocmask(SIG_BLOCK, NULL, (sigset_t *)(void *)&env[JB_SAVEMASK + 1]);
	return 0;
}

/* siglongjmp — restore the mask sigsetjmp saved (if it did), then longjmp. */
void siglongjmp(sigjmp_buf env, int val)
{
	if (env[JB_SAVEMASK])
		sigprocmask(SIG_SETMASK, (sigset_t *)(void *)&env[JB_SAVEMASK + 1], NULL);
	longjmp(env, val);
}
