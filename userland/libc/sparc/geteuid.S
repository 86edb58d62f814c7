/*
 * geteuid.S — geteuid(): the getuid trap (24) returns (real uid, effective uid); geteuid returns
 * rval2 (mirrors Solaris's common/sys/getuid.s with RET2). getuid() itself is the generated stub.
 */
	.section ".text.geteuid","ax",@progbits
	.align 4
	.global geteuid
	.type geteuid,#function
	.global _geteuid
	.type _geteuid,#function
_geteuid:
geteuid:
	mov 24, %g1			/* SYS_getuid */
	ta 8
	bcs __cerror
	nop
	retl
	mov %o1, %o0			/* rval2 = effective uid */
	.size geteuid,.-geteuid
	.size _geteuid,.-geteuid

	.section .note.GNU-stack,"",@progbits
