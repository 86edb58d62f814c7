/*
 * thr.c — Solaris threads on LWPs, one LWP per thread (mirrors Solaris libc's port/threads/thr.c
 * in effect, own code): thr_create builds a ucontext_t (pc = __thr_start, %sp at the top of a
 * fresh malloc'd stack, %o0 = the descriptor, %g7 = the descriptor; on i386 the descriptor is
 * __thr_start's stack argument and the thread sets %gs itself) and calls lwp_create(159);
 * the thread ends in thr_exit, which keeps its value in the descriptor and calls lwp_exit(160);
 * thr_join waits with lwp_wait(167) and takes the value. thread_t is the LWP id. The last thread
 * to call thr_exit ends the process with exit(0). thr_suspend/thr_continue are lwp_suspend(161)/
 * lwp_continue(162). Leaves out priorities,
 * thread-specific data, and freeing detached threads' stacks (they are never reclaimed).
 */
#include <thread.h>
#include <sys/lwp.h>
#include <ucontext.h>
#include <signal.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "thr_impl.h"

/* __thr_lock protects the list and the live count. */
__lock_t __thr_lock;
static __thr_t *thr_list;
static int thr_nlive = 1;		/* the main thread */
void *__thr_main_ret;

#define THR_DEFAULT_STACK (64 * 1024)
#define MINFRAME 96			/* window save area + hidden arg + 6 argument homes, 8-aligned */

#ifdef __i386__
_Static_assert(__builtin_offsetof(__thr_t, t_self) == T_SELF_OFF, "T_SELF_OFF");
_Static_assert(__builtin_offsetof(__thr_t, t_vfork) == T_VFORK_OFF, "T_VFORK_OFF");
int _lwp_private(int op, int which, void *base);
#define _LWP_SETPRIVATE 0
#define _LWP_GSBASE 1
#endif

void __thr_start(__thr_t *t) __attribute__((noreturn));

/*
 * __thr_start(): the first function a new thread runs, on its own stack. On i386 it first points
 * %gs at its descriptor with lwp_private (166), as Solaris libc's _thrp_setup does.
 */
void __thr_start(__thr_t *t)
{
#ifdef __i386__
	_lwp_private(_LWP_SETPRIVATE, _LWP_GSBASE, t);
#endif
	thr_exit(t->t_func(t->t_arg));
}

size_t thr_min_stack(void)
{
	return 2048;
}

int thr_create(void *stk, size_t stksize, void *(*func)(void *), void *arg, long flags,
    thread_t *new_thread)
{
	ucontext_t uc;
	__thr_t *t;
	unsigned long top;
	int lwpflags = 0, saved = errno, err;

	if (func == NULL)
		return EINVAL;
	if (stk != NULL && stksize < thr_min_stack())
		return EINVAL;
	if (stk == NULL && stksize != 0 && stksize < thr_min_stack())
		return EINVAL;
	t = malloc(sizeof(*t));
	if (t == NULL)
		return EAGAIN;
	memset(t, 0, sizeof(*t));
	if (stk == NULL) {
		if (stksize == 0)
			stksize = THR_DEFAULT_STACK;
		t->t_stk = malloc(stksize);
		if (t->t_stk == NULL) {
			free(t);
			return EAGAIN;
		}
		stk = t->t_stk;
	}
	t->t_func = func;
	t->t_arg = arg;
	if (flags & (THR_DETACHED | THR_DAEMON)) {
		t->t_detached = 1;
		lwpflags |= LWP_DETACHED;
	}
	if (flags & THR_DAEMON)
		lwpflags |= LWP_DAEMON;
	if (flags & THR_SUSPENDED)
		lwpflags |= LWP_SUSPENDED;

	memset(&uc, 0, sizeof(uc));
	uc.uc_flags = UC_CPU | UC_SIGMASK;
	sigprocmask(SIG_BLOCK, NULL, &uc.uc_sigmask);	/* the new thread inherits our mask */
#ifdef __i386__
	/* A call frame: %esp at a (zero) return address, the descriptor above it, %esp + 4 16-aligned. */
	top = ((unsigned long)stk + stksize) & ~15UL;
	t->t_self = t;
	((unsigned long *)(top - 16))[0] = (unsigned long)t;
	((unsigned long *)(top - 20))[0] = 0;
	uc.uc_mcontext.gregs[EIP] = (greg_t)__thr_start;
	uc.uc_mcontext.gregs[UESP] = (greg_t)(top - 20);
	uc.uc_mcontext.gregs[EFL] = 0x202;
#else
	top = ((unsigned long)stk + stksize) & ~7UL;
	uc.uc_mcontext.gregs[REG_PC] = (greg_t)__thr_start;
	uc.uc_mcontext.gregs[REG_nPC] = (greg_t)__thr_start + 4;
	uc.uc_mcontext.gregs[REG_SP] = (greg_t)(top - MINFRAME);
	uc.uc_mcontext.gregs[REG_O0] = (greg_t)t;
	uc.uc_mcontext.gregs[REG_G7] = (greg_t)t;
#endif

	__lock(&__thr_lock);
	t->t_next = thr_list;
	thr_list = t;
	if (!(flags & THR_DAEMON))
		thr_nlive++;
	__unlock(&__thr_lock);

	/* the kernel stores the id into t_tid before the new LWP can run */
	if (_lwp_create(&uc, lwpflags, &t->t_tid) < 0) {
		__thr_t **pp;

		err = errno;
		__lock(&__thr_lock);
		for (pp = &thr_list; *pp != NULL; pp = &(*pp)->t_next)
			if (*pp == t) {
				*pp = t->t_next;
				break;
			}
		if (!(flags & THR_DAEMON))
			thr_nlive--;
		__unlock(&__thr_lock);
		free(t->t_stk);
		free(t);
		errno = saved;
		return err;
	}
	if (new_thread != NULL)
		*new_thread = t->t_tid;
	return 0;
}

void thr_exit(void *status)
{
	__thr_t *t = __curthr();
	int last;

	__lock(&__thr_lock);
	if (t != NULL)
		t->t_ret = status;
	else
		__thr_main_ret = status;
	last = --thr_nlive <= 0;
	__unlock(&__thr_lock);
	if (last)
		exit(0);
	_lwp_exit();
	for (;;)
		;	/* not reached: lwp_exit does not return */
}

thread_t thr_self(void)
{
	return (thread_t)_lwp_self();
}

void thr_yield(void)
{
	yield();
}

int thr_suspend(thread_t t)
{
	return _lwp_suspend((lwpid_t)t) < 0 ? errno : 0;
}

int thr_continue(thread_t t)
{
	return _lwp_continue((lwpid_t)t) < 0 ? errno : 0;
}

int thr_main(void)
{
	return __curthr() == NULL;
}

/* Unlink and return the descriptor of LWP `tid` (NULL for the main thread or an unknown id). */
static __thr_t *take(lwpid_t tid)
{
	__thr_t **pp, *t = NULL;

	__lock(&__thr_lock);
	for (pp = &thr_list; *pp != NULL; pp = &(*pp)->t_next)
		if ((*pp)->t_tid == tid) {
			t = *pp;
			*pp = t->t_next;
			break;
		}
	__unlock(&__thr_lock);
	return t;
}

/* __thr_find(): the descriptor of thread tid, NULL for the main thread or an unknown id; the
   caller holds __thr_lock. */
__thr_t *__thr_find(lwpid_t tid)
{
	__thr_t *t;

	for (t = thr_list; t != NULL; t = t->t_next)
		if (t->t_tid == tid)
			return t;
	return NULL;
}

/* Is `tid` a detached thread of ours? (lwp_wait cannot wait for it.) */
static int detached(thread_t tid)
{
	__thr_t *t;
	int d = 0;

	__lock(&__thr_lock);
	for (t = thr_list; t != NULL; t = t->t_next)
		if (t->t_tid == tid)
			d = t->t_detached;
	__unlock(&__thr_lock);
	return d;
}

int thr_join(thread_t tid, thread_t *departed, void **status)
{
	lwpid_t dep = 0;
	__thr_t *t;
	int saved = errno, err = 0;

	if (tid != 0 && detached(tid))
		return EINVAL;
	while (_lwp_wait(tid, &dep) < 0) {
		if (errno != EINTR) {
			err = errno;
			break;
		}
	}
	errno = saved;
	if (err != 0)
		return err;
	t = take(dep);
	if (status != NULL)
		*status = t != NULL ? t->t_ret : __thr_main_ret;
	if (departed != NULL)
		*departed = dep;
	if (t != NULL) {
		free(t->t_stk);	/* the LWP is gone: nothing runs on this stack any more */
		free(t);
	}
	return 0;
}

/* __thr_detach(): pthread_detach — nobody will join tid; its descriptor stays (see header). */
int __thr_detach(thread_t tid)
{
	__thr_t *t;
	int found = 0;

	__lock(&__thr_lock);
	for (t = thr_list; t != NULL; t = t->t_next)
		if (t->t_tid == tid) {
			t->t_detached = 1;
			found = 1;
		}
	__unlock(&__thr_lock);
	return found ? 0 : ESRCH;
}

/*
 * __thr_fork1_child(): in the child of fork1 only the calling thread exists. The other
 * descriptors (and the stacks of threads that ran on them) belong to LWPs the child does not
 * have: free them, and count one live thread.
 */
void __thr_fork1_child(void)
{
	__thr_t *self = __curthr(), *t, *next;

	__lock(&__thr_lock);
	t = thr_list;
	thr_list = NULL;
	thr_nlive = 1;
	__unlock(&__thr_lock);
	for (; t != NULL; t = next) {
		next = t->t_next;
		if (t == self) {
			t->t_next = NULL;
			thr_list = t;
			continue;
		}
		free(t->t_stk);
		free(t);
	}
}
