/*
 * context.S — getcontext() and setcontext() (mirrors Solaris libc's getcontext/setcontext on the
 * context(2) trap, 100: subcode GETCONTEXT 0 / SETCONTEXT 1 in %o0, ucp in %o1). Both are leaf
 * routines: the context getcontext saves is its caller's (%sp, %o7), resumed right after the trap
 * with %o0 = 0 and carry clear, so getcontext "returns 0 again"; the caller's frame must still be
 * live then, as with setjmp. setcontext returns only on error (-1, errno).
 */
	.section ".text.getcontext","ax",@progbits
	.align 4
	.global getcontext
	.type getcontext,#function
getcontext:
	mov %o0, %o1
	mov 0, %o0			/* GETCONTEXT */
	mov 100, %g1			/* SYS_context */
	ta 8
	bcs __cerror
	nop
	retl
	nop
	.size getcontext,.-getcontext

	.section ".text.setcontext","ax",@progbits
	.align 4
	.global setcontext
	.type setcontext,#function
setcontext:
	mov %o0, %o1
	mov 1, %o0			/* SETCONTEXT */
	mov 100, %g1			/* SYS_context */
	ta 8
	bcs __cerror
	nop
	retl
	nop
	.size setcontext,.-setcontext

	.section .note.GNU-stack,"",@progbits
