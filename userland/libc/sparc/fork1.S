/*
 * fork1.S — __fork1(), the bare fork1 trap (mirrors Solaris's sparc/sys/fork1.s). The trap
 * returns (child pid, 0) in the parent and (parent pid, 1) in the child; the wrapper returns
 * %o1 ? 0 : %o0. Pure V8: an annulled branch instead of movrnz. fork1() and fork() are C wrappers
 * in libc/threads/fork.c that take libc's locks around this trap.
 */
	.section ".text.__fork1","ax",@progbits
	.align 4
	.global __fork1
	.type __fork1,#function
__fork1:
	mov 143, %g1			/* SYS_fork1 */
	ta 8
	bcs __cerror
	nop
	tst %o1				/* rval2: 0 in the parent, 1 in the child */
	bne,a 1f
	clr %o0				/* child: return 0 (executed only when the branch is taken) */
1:	retl
	nop
	.size __fork1,.-__fork1

	.section .note.GNU-stack,"",@progbits
