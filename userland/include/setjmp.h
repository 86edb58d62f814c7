/*
 * setjmp.h — non-local jumps (mirrors Solaris <setjmp.h>, _JBLEN 12 on SPARC). setjmp() flushes
 * the register windows (ta 3) and saves %sp, the return pc and %fp; longjmp() flushes again and
 * refills the setjmp caller's window from its stack frame. sigsetjmp(env, 1) also saves the signal mask.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

typedef int jmp_buf[12];
typedef int sigjmp_buf[19];

/* setjmp(): 0 when called, the (nonzero) longjmp value when returned to. */
int setjmp(jmp_buf env) __attribute__((returns_twice));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
/* longjmp(): resumes the setjmp caller's frame, which must still be live; val 0 becomes 1. */
void longjmp(jmp_buf env, int val) __attribute__((noreturn));
void _longjmp(jmp_buf env, int val) __attribute__((noreturn));
/* sigsetjmp/siglongjmp: as setjmp/longjmp; with savemask != 0 the signal mask is saved, and siglongjmp restores it. */
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
void siglongjmp(sigjmp_buf env, int val) __attribute__((noreturn));

#endif
