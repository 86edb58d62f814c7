/*
 * context.S — getcontext() and setcontext() (mirrors Solaris libc's i386 getcontext/setcontext
 * on the context(2) trap, 100: subcode GETCONTEXT 0 / SETCONTEXT 1, then ucp, as stack arguments
 * above a return-address slot). The kernel saves the registers as they are at the trap, inside
 * getcontext; getcontext then rewrites the saved eip and %esp so that the context resumes in its
 * caller, right after the call, with %eax = 0 — the caller's frame must still be live then, as
 * with setjmp. setcontext returns only on error (-1, errno).
 */
#define UC_GREGS 36			/* offsetof(ucontext_t, uc_mcontext.gregs) */
#define ESP 7
#define EIP 14
#define UESP 17

	.section .text.getcontext,"ax",@progbits
	.globl getcontext
	.type getcontext,@function
getcontext:
	movl 4(%esp), %edx		/* ucp */
	pushl %edx
	pushl $0			/* GETCONTEXT */
	pushl $0			/* the return-address slot the kernel skips */
	movl $100, %eax			/* SYS_context */
	int $0x91
	leal 12(%esp), %esp		/* (lea keeps CF) */
	jb __cerror
	movl 4(%esp), %edx
	movl (%esp), %ecx
	movl %ecx, UC_GREGS+4*EIP(%edx)	/* resume at our return address */
	leal 4(%esp), %ecx
	movl %ecx, UC_GREGS+4*UESP(%edx)	/* with our caller's %esp */
	movl %ecx, UC_GREGS+4*ESP(%edx)
	xorl %eax, %eax
	ret
	.size getcontext,.-getcontext

	.section .text.setcontext,"ax",@progbits
	.globl setcontext
	.type setcontext,@function
setcontext:
	movl 4(%esp), %edx		/* ucp */
	pushl %edx
	pushl $1			/* SETCONTEXT */
	pushl $0
	movl $100, %eax			/* SYS_context */
	int $0x91
	leal 12(%esp), %esp
	jb __cerror
	ret
	.size setcontext,.-setcontext
	.section .note.GNU-stack,"",@progbits
