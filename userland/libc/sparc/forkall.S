/*
 * forkall.S — __forkall(), the bare forkall trap: the child gets a copy of every LWP (mirrors
 * Solaris's sparc/sys/forkall.s). Same return convention as fork1: (child pid, 0) in the parent,
 * (parent pid, 1) in the child. forkall() is the C wrapper in libc/threads/fork.c.
 */
	.section ".text.__forkall","ax",@progbits
	.align 4
	.global __forkall
	.type __forkall,#function
__forkall:
	mov 2, %g1			/* SYS_forkall */
	ta 8
	bcs __cerror
	nop
	tst %o1
	bne,a 1f
	clr %o0
1:	retl
	nop
	.size __forkall,.-__forkall

	.section .note.GNU-stack,"",@progbits
