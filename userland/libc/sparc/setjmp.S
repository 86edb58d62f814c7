/*
 * setjmp.S — setjmp/longjmp (mirrors the contract of Solaris's sparc/gen/setjmp.s, own code).
 * jmp_buf words: [0] %sp, [1] return pc (%o7), [2] %fp of the setjmp caller.
 * setjmp flushes the register windows (ta 3), as Solaris's does. longjmp opens a window of its own
 * (so that its caller's window, which may be the setjmp caller's, is not the current one), flushes,
 * points its %fp at the saved %sp and executes `restore`: the window it enters is refilled by the
 * window-underflow trap from that stack frame, the setjmp caller's, and it jumps to the saved
 * pc + 8 with %o0 = val (0 becomes 1). This relies on `ta 3` leaving only the current window valid.
 * Leaves out the signal mask (sigsetjmp with savemask behaves like setjmp).
 */
	.section ".text.setjmp","ax",@progbits
	.align 4
	.global setjmp
	.type setjmp,#function
	.global _setjmp
	.type _setjmp,#function
	.global sigsetjmp
	.type sigsetjmp,#function
_setjmp:
setjmp:
sigsetjmp:
	ta 3				/* ST_FLUSH_WINDOWS */
	st %sp, [%o0 + 0]
	st %o7, [%o0 + 4]
	st %fp, [%o0 + 8]
	retl
	clr %o0
	.size setjmp,.-setjmp
	.size _setjmp,.-setjmp
	.size sigsetjmp,.-setjmp

	.section ".text.longjmp","ax",@progbits
	.align 4
	.global longjmp
	.type longjmp,#function
	.global _longjmp
	.type _longjmp,#function
	.global siglongjmp
	.type siglongjmp,#function
_longjmp:
longjmp:
siglongjmp:
	save %sp, -96, %sp		/* so the caller's window (maybe the setjmp caller's) is not current */
	ta 3				/* every window but this new one is now in its stack frame */
	ld [%i0 + 4], %g1		/* return pc of the setjmp call */
	tst %i1
	be,a 1f
	mov 1, %i1			/* longjmp(env, 0) returns 1 */
1:	ld [%i0 + 0], %fp		/* becomes %sp of the window restored into */
	restore %i1, %g0, %o0		/* enter the setjmp caller's window, filled from [%fp]; %o0 = val */
	jmp %g1 + 8
	mov %g1, %o7
	.size longjmp,.-longjmp
	.size _longjmp,.-longjmp
	.size siglongjmp,.-longjmp

	.section .note.GNU-stack,"",@progbits
