/*
 * geteuid.S — geteuid(): the getuid trap (24) returns (real uid, effective uid) in %eax:%edx;
 * geteuid returns rval2 (mirrors Solaris's common/sys/getuid.s with RET2). getuid() itself is the
 * generated stub.
 */
	.section .text.geteuid,"ax",@progbits
	.globl geteuid
	.type geteuid,@function
	.globl _geteuid
	.type _geteuid,@function
_geteuid:
geteuid:
	movl $24, %eax			/* SYS_getuid */
	int $0x91
	jb __cerror
	movl %edx, %eax			/* rval2 = effective uid */
	ret
	.size geteuid,.-geteuid
	.size _geteuid,.-geteuid
	.section .note.GNU-stack,"",@progbits
