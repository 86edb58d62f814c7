/*
 * pipe.S — pipe(fd): the trap takes no arguments and returns the two descriptors as
 * (rval1, rval2); the wrapper keeps the array pointer in %o2, which the trap preserves
 * (mirrors Solaris's sparc/sys/pipe.s).
 */
	.section ".text.pipe","ax",@progbits
	.align 4
	.global pipe
	.type pipe,#function
	.global _pipe
	.type _pipe,#function
_pipe:
pipe:
	mov %o0, %o2
	mov 42, %g1			/* SYS_pipe */
	ta 8
	bcs __cerror
	nop
	st %o0, [%o2]			/* read end */
	st %o1, [%o2 + 4]		/* write end */
	retl
	clr %o0
	.size pipe,.-pipe
	.size _pipe,.-pipe

	.section .note.GNU-stack,"",@progbits
