/*
 * crt0.S — process entry for static SPARC ELF programs (mirrors Solaris's sparc crt1.s).
 * On entry %sp points at the initial window save area; argc is at [%sp+64], argv at %sp+68 and
 * envp just after argv's NULL. %g1 (an atexit function from a dynamic linker) is ignored: these
 * programs are static. Leaves out profiling (mcrt1) and the _init/_fini sections.
 */
	.section ".text"
	.align 4
	.global _start
	.type _start,#function
_start:
	mov 0, %fp			/* outermost frame: stack traces stop here */
	ld [%sp + 64], %o0		/* argc */
	add %sp, 68, %o1		/* argv */
	sll %o0, 2, %o2
	add %o2, 4, %o2
	add %o1, %o2, %o2		/* envp = &argv[argc + 1] */
	/* a fresh minimum frame (64 save + 4 struct + 24 args = 92, rounded to 96), so that the
	   callee's argument homes do not overwrite argc/argv */
	andn %sp, 7, %sp
	sub %sp, 96, %sp
	call __libc_start		/* (argc, argv, envp): runs main, then exit(); never returns */
	nop
	unimp 0
	.size _start,.-_start

	.section .note.GNU-stack,"",@progbits
