/*
 * forkall.S — __forkall(), the bare forkall trap: the child gets a copy of every LWP (mirrors
 * Solaris's i386/sys/forkall.s). Same return convention as fork1: (child pid, 0) in %eax:%edx in
 * the parent, (parent pid, 1) in the child. forkall() is the C wrapper in libc/threads/fork.c.
 */
	.section .text.__forkall,"ax",@progbits
	.globl __forkall
	.type __forkall,@function
__forkall:
	movl $2, %eax			/* SYS_forkall */
	int $0x91
	jb __cerror
	testl %edx, %edx		/* rval2: 0 in the parent, 1 in the child */
	jz 1f
	xorl %eax, %eax			/* child: return 0 */
1:	ret
	.size __forkall,.-__forkall
	.section .note.GNU-stack,"",@progbits
