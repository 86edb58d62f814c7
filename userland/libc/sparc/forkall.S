/*
 * forkall.S — forkall(): the child gets a copy of every LWP (mirrors Solaris's sparc/sys/forkall.s).
 * Same return convention as fork1: (child pid, 0) in the parent, (parent pid, 1) in the child.
 */
	.section ".text.forkall","ax",@progbits
	.align 4
	.global forkall
	.type forkall,#function
	.global _forkall
	.type _forkall,#function
_forkall:
forkall:
	mov 2, %g1			/* SYS_forkall */
	ta 8
	bcs __cerror
	nop
	tst %o1
	bne,a 1f
	clr %o0
1:	retl
	nop
	.size forkall,.-forkall
	.size _forkall,.-forkall

	.section .note.GNU-stack,"",@progbits
