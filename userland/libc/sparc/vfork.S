/*
 * vfork.S — vfork() (mirrors Solaris's sparc/sys/vfork.s). The child borrows the parent's address
 * space and stack until it execs or exits, so this is a leaf: no save, no stack use; the return
 * address stays in %o7 and everything else it keeps lives in out registers (%o3-%o5), which are
 * per LWP, so the child's use of the shared stack cannot clobber them. As in Solaris, every
 * signal is blocked across the trap with lwp_sigmask (165), which returns the old mask as
 * (rval1, rval2); the old mask is restored in both parent and child afterwards. If lwp_sigmask
 * fails, vfork goes ahead without blocking. Leaves out ul_vfork bookkeeping and schedctl.
 */
	.section ".text.vfork","ax",@progbits
	.align 4
	.global vfork
	.type vfork,#function
	.global _vfork
	.type _vfork,#function
_vfork:
vfork:
	mov 3, %o0			/* SIG_SETMASK */
	sethi %hi(0xffbffeff), %o1	/* MASKSET0: signals 1-32 but SIGKILL and SIGSTOP */
	or %o1, %lo(0xffbffeff), %o1
	mov 0x1f, %o2			/* MASKSET1: signals 33-37 */
	mov 165, %g1			/* SYS_lwp_sigmask */
	ta 8
	bcs 9f				/* cannot block signals: a plain vfork */
	mov %o0, %o3			/* old mask word 0 (harmless on the error path) */
	mov %o1, %o4			/* old mask word 1 */

	mov 119, %g1			/* SYS_vfork */
	ta 8
	bcs 2f
	mov %o0, %o5			/* the pid, or the errno */
	tst %o1				/* rval2 != 0: child */
	bne,a 1f
	clr %o5				/* child: 0 (annulled in the parent) */
1:	mov 3, %o0			/* restore the mask; the result stays in %o5 */
	mov %o3, %o1
	mov %o4, %o2
	mov 165, %g1
	ta 8
	retl
	mov %o5, %o0

2:	mov 3, %o0			/* vfork failed: restore the mask, then errno = %o5 */
	mov %o3, %o1
	mov %o4, %o2
	mov 165, %g1
	ta 8
	ba __cerror
	mov %o5, %o0

9:	mov 119, %g1			/* SYS_vfork */
	ta 8
	bcs __cerror
	nop
	tst %o1
	bne,a 8f
	clr %o0
8:	retl
	nop
	.size vfork,.-vfork
	.size _vfork,.-vfork

	.section .note.GNU-stack,"",@progbits
