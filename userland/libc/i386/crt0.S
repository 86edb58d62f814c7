/*
 * crt0.S — process entry for static i386 ELF programs (mirrors Solaris's i386 crt1.s): on entry
 * (%esp) is argc, argv starts at 4(%esp) and envp just after argv's NULL. %edx (an atexit
 * function from a dynamic linker) is ignored: these programs are static. The stack is aligned to
 * 16 bytes at the call, as the i386 psABI wants. Leaves out profiling and _init/_fini.
 */
	.text
	.globl _start
	.type _start,@function
_start:
	xorl %ebp, %ebp			/* outermost frame: stack traces stop here */
	movl (%esp), %eax		/* argc */
	leal 4(%esp), %ecx		/* argv */
	leal 8(%esp,%eax,4), %edx	/* envp = &argv[argc + 1] */
	andl $-16, %esp
	subl $4, %esp			/* 12 bytes of arguments + this = 16 */
	pushl %edx
	pushl %ecx
	pushl %eax
	call __libc_start		/* (argc, argv, envp): runs main, then exit(); never returns */
	hlt
	.size _start,.-_start
	.section .note.GNU-stack,"",@progbits
