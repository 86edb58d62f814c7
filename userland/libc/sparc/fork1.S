/*
 * fork1.S — fork1() and fork() (mirrors Solaris's sparc/sys/fork1.s; fork is fork1 as in
 * Solaris 10 libc). The trap returns (child pid, 0) in the parent and (parent pid, 1) in the
 * child; the wrapper returns %o1 ? 0 : %o0. Pure V8: an annulled branch instead of movrnz.
 * Leaves out the atfork handlers and the thread suspension done by libc's _fork1().
 */
	.section ".text.fork1","ax",@progbits
	.align 4
	.global fork1
	.type fork1,#function
	.global _fork1
	.type _fork1,#function
	.weak fork
	.type fork,#function
	.set fork,fork1
_fork1:
fork1:
	mov 143, %g1			/* SYS_fork1 */
	ta 8
	bcs __cerror
	nop
	tst %o1				/* rval2: 0 in the parent, 1 in the child */
	bne,a 1f
	clr %o0				/* child: return 0 (executed only when the branch is taken) */
1:	retl
	nop
	.size fork1,.-fork1
	.size _fork1,.-fork1
	.size fork,.-fork1

	.section .note.GNU-stack,"",@progbits
