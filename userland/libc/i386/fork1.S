/*
 * fork1.S — __fork1(), the bare fork1 trap (mirrors Solaris's i386/sys/fork1.s). The trap returns
 * (child pid, 0) in %eax:%edx in the parent and (parent pid, 1) in the child; the wrapper
 * returns %edx ? 0 : %eax. fork1() and fork() are C wrappers in libc/threads/fork.c.
 */
	.section .text.__fork1,"ax",@progbits
	.globl __fork1
	.type __fork1,@function
__fork1:
	movl $143, %eax			/* SYS_fork1 */
	int $0x91
	jb __cerror
	testl %edx, %edx		/* rval2: 0 in the parent, 1 in the child */
	jz 1f
	xorl %eax, %eax			/* child: return 0 */
1:	ret
	.size __fork1,.-__fork1
	.section .note.GNU-stack,"",@progbits
