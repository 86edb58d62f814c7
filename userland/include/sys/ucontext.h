/*
 * sys/ucontext.h — the user context of an LWP, 32-bit SPARC or i386 layout (mirrors Solaris
 * uts/common/sys/ucontext.h and uts/{sparc,intel}/sys/regset.h for an ILP32 process): flags, link,
 * signal mask, stack, then mcontext_t — SPARC { gregs[19], gwins, fpregs, xrs, filler }, i386
 * { gregs[19], fpregs } and uc_filler[5] (512 bytes). The kernel's view of the same bytes is
 * kernel/<isa>/ucontext.ts (offsets checked by test/kernel/<isa>/ucontext.test.ts).
 * Leaves out the FPU contents (there is no FPU: fpregs is carried as opaque bytes) and gwins.
 */
#ifndef _SYS_UCONTEXT_H
#define _SYS_UCONTEXT_H

#include <sys/types.h>
#include <signal.h>

/* stack_t (an alternate or LWP stack) and SS_ONSTACK/SS_DISABLE come from <signal.h>. */

#ifdef __i386__
/* gregs[] indices (intel/sys/regset.h, 32-bit). */
#define GS 0
#define FS 1
#define ES 2
#define DS 3
#define EDI 4
#define ESI 5
#define EBP 6
#define ESP 7
#define EBX 8
#define EDX 9
#define ECX 10
#define EAX 11
#define TRAPNO 12
#define ERR 13
#define EIP 14
#define CS 15
#define EFL 16
#define UESP 17
#define SS 18
#define NGREG 19
#define _NGREG NGREG
#define REG_PC EIP
#define REG_SP UESP
#define REG_R0 EAX
#define REG_R1 EDX

typedef int greg_t;
typedef greg_t gregset_t[NGREG];

/* Floating-point state (kept for the layout, 380 bytes: fpchip_state; never filled: no FPU). */
typedef struct fpu {
	union {
		struct fpchip_state {
			unsigned int state[27];
			unsigned int status;
			unsigned int mxcsr;
			unsigned int xstatus;
			unsigned int __pad[2];
			unsigned int xmm[8][4];
		} fpchip_state;
		unsigned int f_fpregs[95];
	} fp_reg_set;
} fpregset_t;

typedef struct {
	gregset_t gregs;	/* general registers */
	fpregset_t fpregs;	/* floating point (opaque here) */
} mcontext_t;

typedef struct ucontext {
	unsigned int uc_flags;		/* UC_* below: which parts are valid */
	struct ucontext *uc_link;	/* context resumed when this one's function returns */
	sigset_t uc_sigmask;		/* signals blocked in this context */
	stack_t uc_stack;		/* the stack used by this context */
	mcontext_t uc_mcontext;		/* machine registers */
	long uc_filler[5];
} ucontext_t;

#else
/* gregs[] indices (regset.h, 32-bit): %psr, pc, npc, %y, %g1-%g7, %o0-%o7. */
#define REG_PSR 0
#define REG_PC 1
#define REG_nPC 2
#define REG_Y 3
#define REG_G1 4
#define REG_G2 5
#define REG_G3 6
#define REG_G4 7
#define REG_G5 8
#define REG_G6 9
#define REG_G7 10
#define REG_O0 11
#define REG_O1 12
#define REG_O2 13
#define REG_O3 14
#define REG_O4 15
#define REG_O5 16
#define REG_O6 17
#define REG_O7 18
#define REG_SP REG_O6
#define REG_R0 REG_O0
#define REG_R1 REG_O1
#define NGREG 19
#define _NGREG NGREG

typedef int greg_t;
typedef greg_t gregset_t[NGREG];

/* Register windows that could not be stored on the user stack (never filled by forkvm: 0). */
#define SPARC_MAXREGWINDOW 31
struct rwindow { greg_t rw_local[8]; greg_t rw_in[8]; };
typedef struct gwindows {
	int wbcnt;
	greg_t *spbuf[SPARC_MAXREGWINDOW];
	struct rwindow wbuf[SPARC_MAXREGWINDOW];
} gwindows_t;

/* Floating-point state (kept for the layout; fpu_en is 0: forkvm has no FPU). */
struct fpq { unsigned int *fpq_addr; unsigned int fpq_instr; };
struct fq { union { double whole; struct fpq fpq; } FQu; };
typedef struct fpu {
	union { unsigned int fpu_regs[32]; double fpu_dregs[16]; } fpu_fr;
	struct fq *fpu_q;
	unsigned int fpu_fsr;
	unsigned char fpu_qcnt;
	unsigned char fpu_q_entrysize;
	unsigned char fpu_en;
} fpregset_t;

/* Extra register state (unused: xrs_id 0). */
typedef struct { unsigned int xrs_id; caddr_t xrs_ptr; } xrs_t;
#define XRS_ID 0x78727300

typedef struct {
	gregset_t gregs;	/* general registers */
	gwindows_t *gwins;	/* windows not on the stack, or NULL */
	fpregset_t fpregs;	/* floating point (opaque here) */
	xrs_t xrs;		/* extra register state */
	long filler[19];
} mcontext_t;

typedef struct ucontext {
	unsigned int uc_flags;		/* UC_* below: which parts are valid */
	struct ucontext *uc_link;	/* context resumed when this one's function returns */
	sigset_t uc_sigmask;		/* signals blocked in this context */
	stack_t uc_stack;		/* the stack used by this context */
	mcontext_t uc_mcontext;		/* machine registers */
	long uc_filler[23];
} ucontext_t;

#endif

/* uc_flags */
#define UC_SIGMASK 0x01
#define UC_STACK 0x02
#define UC_CPU 0x04
#define UC_MAU 0x08
#define UC_FPU UC_MAU
#define UC_INTR 0x10
#define UC_ASR 0x20
#define UC_MCONTEXT (UC_CPU | UC_FPU | UC_ASR)
#define UC_ALL (UC_SIGMASK | UC_STACK | UC_MCONTEXT)

/* context(2) subcodes (syscall 100). */
#define GETCONTEXT 0
#define SETCONTEXT 1

#endif
