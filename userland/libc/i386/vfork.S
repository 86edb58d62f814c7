/*
 * vfork.S — vfork() (mirrors Solaris's i386/sys/vfork.s). The child borrows the parent's address
 * space and stack until it execs or exits, so nothing vfork needs after the trap may live on the
 * stack: it pops its return address into %ecx and returns with `jmp *%ecx`. As on SPARC, every
 * signal is blocked across the trap with lwp_sigmask (165), which returns the old mask as
 * (%eax, %edx). The old mask must outlive the vfork trap in both processes, and the stack
 * below %esp is the child's scratch space, so it goes to a per-thread save area — the thread
 * descriptor's t_vfork[2] (found through %gs) or, in the main thread, __vfork_save. After the
 * trap the stack is the running process's own again (the parent runs only once the child has
 * exec'd or exited), so the result waits there while the mask is restored. If lwp_sigmask fails,
 * vfork goes ahead without blocking. Leaves out ul_vfork bookkeeping and schedctl. A vfork child
 * that vforks again overwrites the area with the same mask (its own, which it had restored).
 */
#include "../threads/thr_offsets.h"

/* SAVEAREA: %edx = this thread's save area (uses only %edx). */
#define SAVEAREA \
	movw %gs, %dx; \
	testw $0xfffc, %dx; \
	jz 91f; \
	movl %gs:T_SELF_OFF, %edx; \
	addl $T_VFORK_OFF, %edx; \
	jmp 92f; \
91:	movl $__vfork_save, %edx; \
92:

	.section .text.vfork,"ax",@progbits
	.globl vfork
	.type vfork,@function
	.globl _vfork
	.type _vfork,@function
_vfork:
vfork:
	popl %ecx			/* the return address: in a register from now on */
	pushl $0x1f			/* MASKSET1: signals 33-37 */
	pushl $0xffbffeff		/* MASKSET0: signals 1-32 but SIGKILL and SIGSTOP */
	pushl $3			/* SIG_SETMASK */
	pushl %ecx			/* the return-address slot the kernel skips */
	movl $165, %eax			/* SYS_lwp_sigmask */
	int $0x91
	leal 16(%esp), %esp
	jb 9f				/* cannot block signals: a plain vfork */
	pushl %edx			/* the old mask, on the stack only until the vfork trap */
	pushl %eax
	SAVEAREA
	popl %eax
	movl %eax, 0(%edx)
	popl %eax
	movl %eax, 4(%edx)
	movl $119, %eax			/* SYS_vfork */
	int $0x91
	jb 2f				/* errno in %eax */
	testl %edx, %edx		/* rval2 != 0: child */
	jz 1f
	xorl %eax, %eax			/* child: 0 */
1:	pushl %eax			/* the result, while the mask is restored */
	SAVEAREA
	pushl 4(%edx)
	pushl 0(%edx)
	pushl $3			/* SIG_SETMASK */
	pushl %ecx
	movl $165, %eax			/* SYS_lwp_sigmask */
	int $0x91
	addl $16, %esp
	popl %eax
	jmp *%ecx
2:	pushl %eax			/* vfork failed: restore the mask, then errno */
	SAVEAREA
	pushl 4(%edx)
	pushl 0(%edx)
	pushl $3
	pushl %ecx
	movl $165, %eax
	int $0x91
	addl $16, %esp
	popl %eax
	pushl %ecx			/* __cerror returns to our caller */
	jmp __cerror
9:	movl $119, %eax			/* SYS_vfork, signals not blocked */
	int $0x91
	jb 8f
	testl %edx, %edx
	jz 7f
	xorl %eax, %eax
7:	jmp *%ecx
8:	pushl %ecx
	jmp __cerror
	.size vfork,.-vfork
	.size _vfork,.-vfork

	.local __vfork_save
	.comm __vfork_save,8,4		/* the main thread's save area: the old mask */
	.section .note.GNU-stack,"",@progbits
