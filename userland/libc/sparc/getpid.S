/*
 * getpid.S — getpid() and getppid(): both trap on SYS_getpid (20), which returns (pid, ppid)
 * (mirrors Solaris's common/sys/getpid.s and getppid.s).
 */
	.section ".text.getpid","ax",@progbits
	.align 4
	.global getpid
	.type getpid,#function
	.global _getpid
	.type _getpid,#function
_getpid:
getpid:
	mov 20, %g1
	ta 8
	bcs __cerror
	nop
	retl
	nop
	.size getpid,.-getpid
	.size _getpid,.-getpid

	.section ".text.getppid","ax",@progbits
	.align 4
	.global getppid
	.type getppid,#function
	.global _getppid
	.type _getppid,#function
_getppid:
getppid:
	mov 20, %g1
	ta 8
	bcs __cerror
	nop
	retl
	mov %o1, %o0			/* rval2 = parent's pid */
	.size getppid,.-getppid
	.size _getppid,.-getppid

	.section .note.GNU-stack,"",@progbits
