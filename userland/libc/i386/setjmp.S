/*
 * setjmp.S — setjmp/longjmp (mirrors the contract of Solaris's i386/gen/setjmp.s, own code).
 * jmp_buf words: [0] %ebx, [1] %esi, [2] %edi, [3] %ebp (the callee-saved registers), [4] the
 * caller's %esp after the return, [5] the return address. longjmp reloads them and jumps, with
 * %eax = val (0 becomes 1). sigsetjmp stores savemask in word [6] and tail-calls
 * __sigjmp_savemask (gen/sigjmp.c), which saves the signal mask in words [7..10] when savemask is
 * not 0; siglongjmp (also there) puts the mask back before longjmp.
 */
	.section .text.setjmp,"ax",@progbits
	.globl setjmp
	.type setjmp,@function
	.globl _setjmp
	.type _setjmp,@function
_setjmp:
setjmp:
	movl 4(%esp), %eax
	movl %ebx, 0(%eax)
	movl %esi, 4(%eax)
	movl %edi, 8(%eax)
	movl %ebp, 12(%eax)
	leal 4(%esp), %ecx		/* %esp once setjmp has returned */
	movl %ecx, 16(%eax)
	movl (%esp), %ecx
	movl %ecx, 20(%eax)		/* the return address */
	xorl %eax, %eax
	ret
	.size setjmp,.-setjmp
	.size _setjmp,.-setjmp

	.section .text.sigsetjmp,"ax",@progbits
	.globl sigsetjmp
	.type sigsetjmp,@function
sigsetjmp:
	movl 4(%esp), %eax
	movl %ebx, 0(%eax)
	movl %esi, 4(%eax)
	movl %edi, 8(%eax)
	movl %ebp, 12(%eax)
	leal 4(%esp), %ecx
	movl %ecx, 16(%eax)
	movl (%esp), %ecx
	movl %ecx, 20(%eax)
	movl 8(%esp), %ecx
	movl %ecx, 24(%eax)		/* savemask */
	jmp __sigjmp_savemask		/* (env, savemask) are still our arguments; it returns 0 to our caller */
	.size sigsetjmp,.-sigsetjmp

	.section .text.longjmp,"ax",@progbits
	.globl longjmp
	.type longjmp,@function
	.globl _longjmp
	.type _longjmp,@function
_longjmp:
longjmp:
	movl 4(%esp), %edx		/* env */
	movl 8(%esp), %eax		/* val */
	testl %eax, %eax
	jnz 1f
	incl %eax			/* longjmp(env, 0) returns 1 */
1:	movl 0(%edx), %ebx
	movl 4(%edx), %esi
	movl 8(%edx), %edi
	movl 12(%edx), %ebp
	movl 16(%edx), %esp
	jmp *20(%edx)
	.size longjmp,.-longjmp
	.size _longjmp,.-longjmp
	.section .note.GNU-stack,"",@progbits
