/*
 * vfork.S — vfork() (mirrors Solaris's sparc/sys/vfork.s). The child borrows the parent's address
 * space and stack until it execs or exits, so this is a leaf: no save, no stack use; the return
 * address stays in %o7 (a register) and the child's use of the stack cannot clobber it.
 * Leaves out the signal-mask blocking around the trap (there is no lwp_sigmask trap yet).
 */
	.section ".text.vfork","ax",@progbits
	.align 4
	.global vfork
	.type vfork,#function
	.global _vfork
	.type _vfork,#function
_vfork:
vfork:
	mov 119, %g1			/* SYS_vfork */
	ta 8
	bcs __cerror
	nop
	tst %o1				/* rval2 != 0: child */
	bne,a 1f
	clr %o0
1:	retl
	nop
	.size vfork,.-vfork
	.size _vfork,.-vfork

	.section .note.GNU-stack,"",@progbits
