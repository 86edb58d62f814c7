/*
 * getpid.S — getpid() and getppid(): both trap on SYS_getpid (20), which returns (pid, ppid) in
 * %eax:%edx; getppid returns rval2 (mirrors Solaris's common/sys/getpid.s and getppid.s, RET2).
 */
	.section .text.getpid,"ax",@progbits
	.globl getpid
	.type getpid,@function
	.globl _getpid
	.type _getpid,@function
_getpid:
getpid:
	movl $20, %eax
	int $0x91
	jb __cerror
	ret
	.size getpid,.-getpid
	.size _getpid,.-getpid
	.section .text.getppid,"ax",@progbits
	.globl getppid
	.type getppid,@function
	.globl _getppid
	.type _getppid,@function
_getppid:
getppid:
	movl $20, %eax
	int $0x91
	jb __cerror
	movl %edx, %eax			/* rval2 = parent's pid */
	ret
	.size getppid,.-getppid
	.size _getppid,.-getppid
	.section .note.GNU-stack,"",@progbits
