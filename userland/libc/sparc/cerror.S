/*
 * cerror.S — the shared error tail of every system call wrapper (mirrors Solaris's sparc/crt/cerror.s):
 * reached by `bcs __cerror` with the errno in %o0 and the wrapper's caller in %o7. ERESTART (91)
 * becomes EINTR (4); errno is stored and -1 returned. errno is per thread: with %g7 == 0 (the main
 * thread) it is the global `errno`, otherwise word 0 of the thread descriptor %g7 points at
 * (t_errno, libc/threads/thr_impl.h).
 */
	.section ".text.__cerror","ax",@progbits
	.align 4
	.global __cerror
	.type __cerror,#function
__cerror:
	cmp %o0, 91			/* ERESTART */
	be,a 1f
	mov 4, %o0			/* EINTR (delay slot annulled when not ERESTART) */
1:	tst %g7
	bne,a 2f
	st %o0, [%g7]			/* another thread: its t_errno (annulled in the main thread) */
	sethi %hi(errno), %g1
	st %o0, [%g1 + %lo(errno)]	/* the main thread */
2:	retl
	mov -1, %o0
	.size __cerror,.-__cerror

	.section .note.GNU-stack,"",@progbits
