/*
 * pthread.h — POSIX threads on LWPs, 1:1 (mirrors Solaris <pthread.h>): pthread_t is the LWP id,
 * so a forkall child can join its copies of the parent's threads. Mutexes and condition variables
 * are user-level (a test-and-set lock; waiting yields the CPU). Functions return error numbers.
 * Cancellation is Solaris's: pthread_cancel marks the target and sends it SIGCANCEL (lwp_kill),
 * which ends a blocking cancellation point; deferred and asynchronous types. Leaves out
 * thread-specific data, scheduling attributes, rwlocks, barriers and timed waits.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <sys/types.h>
#include <signal.h>
#include <sched.h>

typedef unsigned int pthread_t;

#define PTHREAD_CREATE_JOINABLE 0x00
#define PTHREAD_CREATE_DETACHED 0x40	/* = THR_DETACHED */
#define PTHREAD_STACK_MIN 2048

typedef struct {
	int __detachstate;
	size_t __stacksize;
	void *__stackaddr;
} pthread_attr_t;

typedef struct {
	volatile unsigned char __lock;
	unsigned int __owner;		/* LWP id of the holder, for pthread_mutex_unlock checks */
} pthread_mutex_t;
typedef struct { int __unused; } pthread_mutexattr_t;
#define PTHREAD_MUTEX_INITIALIZER { 0, 0 }

typedef struct { volatile unsigned int __seq; } pthread_cond_t;
typedef struct { int __unused; } pthread_condattr_t;
#define PTHREAD_COND_INITIALIZER { 0 }

typedef struct { volatile unsigned char __lock; volatile int __done; } pthread_once_t;
#define PTHREAD_ONCE_INIT { 0, 0 }

/* pthread_create(): 0, or EAGAIN / EINVAL. The new thread's id is stored in *thread. */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg);
/* pthread_join(): 0 and the thread's value in *value, or ESRCH / EDEADLK / EINVAL (detached). */
int pthread_join(pthread_t thread, void **value);
/* pthread_detach(): 0 or ESRCH; the thread's stack is then never reclaimed. */
int pthread_detach(pthread_t thread);
void pthread_exit(void *value) __attribute__((noreturn));
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_once(pthread_once_t *once, void (*fn)(void));
/*
 * pthread_atfork(): handlers for fork(), fork1() and forkall() (not vfork): prepare runs before
 * the fork, last registered first; parent and child after it, in registration order. 0 or ENOMEM.
 */
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));
/* pthread_sigmask(): sigprocmask for the calling thread; an error number. */
int pthread_sigmask(int how, const sigset_t *set, sigset_t *oset);

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
/* pthread_mutex_trylock(): 0 or EBUSY. pthread_mutex_unlock(): 0, or EPERM if not the holder. */
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *c);
/* pthread_cond_wait(): releases m, waits for a signal or broadcast (or spuriously), retakes m. */
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

/* Cancellation (Solaris values). PTHREAD_CANCELED is what pthread_join reports for a cancelled thread. */
#define PTHREAD_CANCEL_ENABLE 0x00
#define PTHREAD_CANCEL_DISABLE 0x01
#define PTHREAD_CANCEL_DEFERRED 0x00
#define PTHREAD_CANCEL_ASYNCHRONOUS 0x02
#define PTHREAD_CANCELED ((void *)-19)

/* pthread_cancel(): 0 or ESRCH. The set/get calls: 0, or EINVAL for an unknown value. */
int pthread_cancel(pthread_t thread);
int pthread_setcancelstate(int state, int *oldstate);
int pthread_setcanceltype(int type, int *oldtype);
/* pthread_testcancel(): acts on a pending request when cancellation is enabled (does not return). */
void pthread_testcancel(void);
/* pthread_kill(): lwp_kill to a thread of this process; 0, or ESRCH / EINVAL. */
int pthread_kill(pthread_t thread, int sig);

/* pthread_getcpuclockid(): CLOCK_THREAD_CPUTIME_ID for the calling thread; ENOTSUP for another
   (the kernel has only the caller's CPU-time clock), ESRCH for no such thread. */
int pthread_getcpuclockid(pthread_t thread, clockid_t *clock);

/* Cleanup handlers: a push/pop pair opens and closes one block, as POSIX requires; the record
   lives in that block. Handlers run, last pushed first, on pthread_exit and cancellation. */
typedef struct __pthread_cleanup {
	void (*__fn)(void *);
	void *__arg;
	struct __pthread_cleanup *__next;
	void *__pad;
} _cleanup_t;
void __pthread_cleanup_push(void (*fn)(void *), void *arg, _cleanup_t *c);
void __pthread_cleanup_pop(int execute, _cleanup_t *c);
#define pthread_cleanup_push(fn, arg) { \
	_cleanup_t __cleanup_info; \
	__pthread_cleanup_push((void (*)(void *))(fn), (void *)(arg), &__cleanup_info);
#define pthread_cleanup_pop(execute) \
	__pthread_cleanup_pop((execute), &__cleanup_info); \
}

#endif
