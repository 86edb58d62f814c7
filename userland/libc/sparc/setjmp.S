/*
 * setjmp.S — setjmp/longjmp (mirrors the contract of Solaris's sparc/gen/setjmp.s, own code).
 * jmp_buf words: [0] %sp, [1] return pc (%o7), [2] %fp of the setjmp caller.
 * setjmp flushes the register windows (ta 3), as Solaris's does. longjmp opens a window of its own
 * (so that its caller's window, which may be the setjmp caller's, is not the current one), flushes,
 * points its %fp at the saved %sp and executes `restore`: the window it enters is refilled by the
 * window-underflow trap from that stack frame, the setjmp caller's, and it jumps to the saved
 * pc + 8 with %o0 = val (0 becomes 1). This relies on `ta 3` leaving only the current window valid.
 * sigsetjmp stores savemask in word [3] and tail-calls __sigjmp_savemask (gen/sigjmp.c), which
 * saves the signal mask in words [4..7] when savemask is not 0; siglongjmp (also there) puts the
 * mask back before longjmp. setjmp and _setjmp leave the mask alone.
 */
	.section ".text.setjmp","ax",@progbits
	.align 4
	.global setjmp
	.type setjmp,#function
	.global _setjmp
	.type _setjmp,#function
_setjmp:
setjmp:
	ta 3				/* ST_FLUSH_WINDOWS */
	st %sp, [%o0 + 0]
	st %o7, [%o0 + 4]
	st %fp, [%o0 + 8]
	retl
	clr %o0
	.size setjmp,.-setjmp
	.size _setjmp,.-setjmp

	.section ".text.sigsetjmp","ax",@progbits
	.align 4
	.global sigsetjmp
	.type sigsetjmp,#function
sigsetjmp:
	ta 3				/* ST_FLUSH_WINDOWS */
	st %sp, [%o0 + 0]
	st %o7, [%o0 + 4]
	st %fp, [%o0 + 8]
	st %o1, [%o0 + 12]		/* savemask */
	sethi %hi(__sigjmp_savemask), %g1
	jmp %g1 + %lo(__sigjmp_savemask)	/* returns 0 straight to our caller (%o7 untouched) */
	nop
	.size sigsetjmp,.-sigsetjmp

	.section ".text.longjmp","ax",@progbits
	.align 4
	.global longjmp
	.type longjmp,#function
	.global _longjmp
	.type _longjmp,#function
_longjmp:
longjmp:
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

	.section .note.GNU-stack,"",@progbits
