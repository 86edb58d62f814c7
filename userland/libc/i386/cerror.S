/*
 * cerror.S — the shared error tail of every system call wrapper (mirrors Solaris's
 * i386/crt/cerror.s): reached by `jb __cerror` with the errno in %eax and the wrapper's caller's
 * return address at (%esp). ERESTART (91) becomes EINTR (4); errno is stored and -1 returned.
 * errno is per thread: with a null %gs (the main thread) it is the global `errno`, otherwise
 * word 0 of the thread descriptor %gs points at (t_errno, libc/threads/thr_impl.h).
 */
	.section .text.__cerror,"ax",@progbits
	.globl __cerror
	.type __cerror,@function
__cerror:
	cmpl $91, %eax			/* ERESTART */
	jne 1f
	movl $4, %eax			/* EINTR */
1:	movw %gs, %cx
	testw $0xfffc, %cx
	jz 2f
	movl %eax, %gs:0		/* another thread: its t_errno */
	jmp 3f
2:	movl %eax, errno		/* the main thread */
3:	movl $-1, %eax
	ret
	.size __cerror,.-__cerror
	.section .note.GNU-stack,"",@progbits
