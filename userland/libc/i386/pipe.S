/*
 * pipe.S — pipe(fd): the trap takes no arguments and returns the two descriptors as
 * (rval1, rval2) in %eax:%edx; the wrapper stores both through its argument (mirrors Solaris's
 * i386/sys/pipe.s).
 */
	.section .text.pipe,"ax",@progbits
	.globl pipe
	.type pipe,@function
	.globl _pipe
	.type _pipe,@function
_pipe:
pipe:
	movl $42, %eax			/* SYS_pipe */
	int $0x91
	jb __cerror
	movl 4(%esp), %ecx
	movl %eax, (%ecx)		/* read end */
	movl %edx, 4(%ecx)		/* write end */
	xorl %eax, %eax
	ret
	.size pipe,.-pipe
	.size _pipe,.-pipe
	.section .note.GNU-stack,"",@progbits
