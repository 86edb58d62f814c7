/*
 * thr_impl.h — libc-internal thread state (plays the part of Solaris libc's port/threads/thr_uberdata.h
 * ulwp_t, much reduced): the per-thread descriptor that %g7 (SPARC) or %gs (i386) points at, the
 * spin lock libc uses to protect its own data (malloc, stdio, the thread list), and the
 * fork-safety hooks. The main thread has %g7 == 0 (a null %gs) and no descriptor; its
 * cancellation state is a static one. Leaves out TLS and thread-specific data.
 */
#ifndef _THR_IMPL_H
#define _THR_IMPL_H

#include <sys/types.h>

/* __cancel_t — a thread's cancellation state (threads/cancel.c). */
struct __pthread_cleanup;
typedef struct {
	volatile int c_state;		/* PTHREAD_CANCEL_ENABLE / DISABLE */
	volatile int c_type;		/* PTHREAD_CANCEL_DEFERRED / ASYNCHRONOUS */
	volatile int c_pending;		/* pthread_cancel has asked */
	volatile int c_inpoint;		/* inside a blocking cancellation point */
	struct __pthread_cleanup *c_cleanup;	/* cleanup handlers, last pushed first */
} __cancel_t;

/* __thr_t — one thread created by thr_create/pthread_create. t_errno must stay at offset 0:
   cerror.S stores into [%g7 + 0]. */
typedef struct __thr {
	int t_errno;			/* this thread's errno */
	lwpid_t t_tid;			/* its LWP id (= thread_t = pthread_t) */
	void *(*t_func)(void *);	/* start routine and argument */
	void *t_arg;
	void *t_ret;			/* value passed to thr_exit / returned by t_func */
	char *t_stk;			/* malloc'd stack (NULL when the caller supplied one) */
	int t_detached;			/* nobody will join it: descriptor and stack are never freed */
	struct __thr *t_next;		/* the list of live and unjoined threads */
	__cancel_t t_cancel;		/* cancellation state and cleanup handlers */
#ifdef __i386__
	struct __thr *t_self;		/* this descriptor (%gs:T_SELF_OFF), as ulwp_t's ul_self */
	unsigned int t_vfork[2];	/* vfork.S's save area for the old signal mask */
#endif
} __thr_t;

#ifdef __i386__
#include "thr_offsets.h"
/* __curthr(): the calling thread's descriptor (t_self through %gs), or NULL in the main thread (null %gs). */
static inline __thr_t *__curthr(void)
{
	__thr_t *t;
	unsigned short gs;

	__asm__ volatile("movw %%gs, %0" : "=r"(gs));
	if ((gs & 0xfffc) == 0)
		return (__thr_t *)0;
	__asm__ volatile("movl %%gs:%c1, %0" : "=r"(t) : "i"(T_SELF_OFF));
	return t;
}
#else
/* __curthr(): the calling thread's descriptor (%g7), or NULL in the main thread. */
static inline __thr_t *__curthr(void)
{
	__thr_t *t;
	__asm__ volatile("mov %%g7, %0" : "=r"(t));
	return t;
}
#endif

/* __lock_t — a test-and-set spin lock (ldstub; xchgb on i386); a contended lock yields the CPU between tries. */
typedef volatile unsigned char __lock_t;
#define __LOCK_INIT 0

/* __lock(): spins (with yield) until the lock is ours. __unlock(): releases it. */
void __lock(__lock_t *l);
void __unlock(__lock_t *l);
/* __trylock(): 1 if the lock was taken, 0 if it was busy. */
int __trylock(__lock_t *l);

/*
 * __rlock_t — a lock its holder may take again (counted). libc's malloc and stdio use it so that
 * a signal handler calling printf or malloc while the thread it interrupted holds the lock does
 * not deadlock (Solaris defers signals inside libc instead; this leaves out that deferral).
 */
typedef struct {
	__lock_t rl_lock;
	void *volatile rl_owner;	/* __curthr(), or &errno for the main thread */
	int rl_count;
} __rlock_t;
void __rlock(__rlock_t *r);
void __runlock(__rlock_t *r);
/* __rlock_reset(): forget a holder that does not exist (a fork1 child). */
void __rlock_reset(__rlock_t *r);

/* The libc locks taken around fork1/forkall so that the child never inherits one held by an LWP
   that was not copied: malloc's (gen/malloc.c) and the output streams' (stdio/stdio.c). */
extern __rlock_t __malloc_lock;
void __stdio_lockall(void);
void __stdio_unlockall(void);
/* __stdio_fork1_child(): clears stdin's lock, whose holder may not exist in a fork1 child. */
void __stdio_fork1_child(void);

/* __cancel_self(): the calling thread's cancellation state (the main thread's static one). */
__cancel_t *__cancel_self(void);
/* __cancel_enter()/__cancel_leave(): bracket a blocking call that is a cancellation point: a
   pending request is acted on at entry, and SIGCANCEL ends the thread while it is inside. */
void __cancel_enter(void);
void __cancel_leave(void);
/* __cancel_exit(): act on the request: disable, run the cleanup handlers, exit with PTHREAD_CANCELED. */
void __cancel_exit(void) __attribute__((noreturn));
/* __cancel_cleanup_run(): run (and pop) every cleanup handler of the calling thread (pthread_exit). */
void __cancel_cleanup_run(void);

/* The main thread's values for thr_exit/thr_join (it has no descriptor). */
extern void *__thr_main_ret;

#endif
