/*
 * ucontext.h — user context switching (mirrors Solaris <ucontext.h>): getcontext() saves the
 * calling LWP's registers, signal mask and stack into a ucontext_t; setcontext() resumes one.
 * Both are the context(2) system call (100). Leaves out makecontext/swapcontext and
 * getustack/setustack.
 */
#ifndef _UCONTEXT_H
#define _UCONTEXT_H

#include <sys/ucontext.h>

/* getcontext(): 0 (and again 0 when resumed by setcontext), or -1 with errno (EFAULT). */
int getcontext(ucontext_t *ucp) __attribute__((returns_twice));
/* setcontext(): does not return on success; -1 with errno (EFAULT) otherwise. */
int setcontext(const ucontext_t *ucp);

#endif
