/*
 * thread.h — Solaris threads (mirrors Solaris <thread.h>): one LWP per thread, thread_t is the
 * LWP id. thr_create(stack, size, func, arg, flags, &id) with stack NULL allocates the stack
 * (size 0 = 64 KiB). Return values are error numbers, not -1/errno.
 * Leaves out priorities, thr_keycreate/thr_setspecific and concurrency.
 */
#ifndef _THREAD_H
#define _THREAD_H

#include <sys/types.h>
#include <signal.h>

typedef unsigned int thread_t;

#define THR_BOUND 0x00000001	/* accepted: every thread has its own LWP */
#define THR_NEW_LWP 0x00000002	/* accepted: likewise */
#define THR_DETACHED 0x00000040	/* cannot be joined; its stack is not reclaimed */
#define THR_SUSPENDED 0x00000080	/* created stopped (lwp_create LWP_SUSPENDED) */
#define THR_DAEMON 0x00000100	/* detached, and not counted by the last-thread exit rule */

/* thr_create(): 0, or EINVAL (bad stack size, no func) / EAGAIN (no memory, no LWP). */
int thr_create(void *stack_base, size_t stack_size, void *(*func)(void *), void *arg, long flags,
    thread_t *new_thread);
/* thr_join(): waits for `wait_for` (0 = any non-detached thread); 0, or ESRCH / EDEADLK / EINVAL. */
int thr_join(thread_t wait_for, thread_t *departed, void **status);
/* thr_exit(): ends the calling thread; the last one ends the process with exit(0). */
void thr_exit(void *status) __attribute__((noreturn));
thread_t thr_self(void);
void thr_yield(void);
/* thr_main(): 1 in the process's initial thread, 0 in the others. */
int thr_main(void);
size_t thr_min_stack(void);
/*
 * thr_suspend(): stop thread `t` (lwp_suspend: it stops at its next safe point and this waits
 * for that); thr_continue(): let it go again. 0, or ESRCH (no such thread) / EDEADLK.
 */
int thr_suspend(thread_t t);
int thr_continue(thread_t t);
/* thr_sigsetmask(): the calling thread's signal mask (sigprocmask is per LWP); an error number. */
int thr_sigsetmask(int how, const sigset_t *set, sigset_t *oset);

#endif
