/*
 * pthread.c — the POSIX thread calls on top of thr.c (mirrors Solaris libc's port/threads/pthread.c,
 * pthr_mutex.c, pthr_cond.c in effect, own code). Mutexes are test-and-set locks that yield while
 * busy; a condition variable is a sequence number that waiters poll (yielding) until a signal or
 * broadcast changes it, so every wakeup is a broadcast and spurious wakeups are allowed, as POSIX
 * permits. pthread_join and pthread_cond_wait are cancellation points (threads/cancel.c); a
 * cancelled condition wait retakes the mutex before the cleanup handlers run. Leaves out keys,
 * and the robust/recursive/error-checking mutex types.
 */
#include <pthread.h>
#include <thread.h>
#include <signal.h>
#include <errno.h>
#include "thr_impl.h"

extern int __thr_detach(thread_t tid);

int pthread_attr_init(pthread_attr_t *attr)
{
	attr->__detachstate = PTHREAD_CREATE_JOINABLE;
	attr->__stacksize = 0;
	attr->__stackaddr = NULL;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->__detachstate;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__stacksize;
	return 0;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
	long flags = 0;
	size_t size = 0;
	thread_t tid;
	int err;

	if (attr != NULL) {
		if (attr->__detachstate == PTHREAD_CREATE_DETACHED)
			flags |= THR_DETACHED;
		size = attr->__stacksize;
	}
	err = thr_create(NULL, size, start, arg, flags, &tid);
	if (err == 0 && thread != NULL)
		*thread = tid;
	return err;
}

int pthread_join(pthread_t thread, void **value)
{
	int err;

	if (thread == 0)
		return ESRCH;	/* 0 would mean "any thread" to thr_join */
	__cancel_enter();
	err = thr_join(thread, NULL, value);
	__cancel_leave();
	return err;
}

int pthread_detach(pthread_t thread)
{
	return __thr_detach(thread);
}

void pthread_exit(void *value)
{
	__cancel_cleanup_run();
	thr_exit(value);
}

pthread_t pthread_self(void)
{
	return thr_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

/* pthread_sigmask(): never blocks SIGCANCEL (as Solaris libc), so a cancel still interrupts a
   blocking cancellation point. */
int pthread_sigmask(int how, const sigset_t *set, sigset_t *oset)
{
	int saved = errno, err = 0;
	sigset_t s;

	if (set != NULL && how != SIG_UNBLOCK) {
		s = *set;
		sigdelset(&s, SIGCANCEL);
		set = &s;
	}
	if (sigprocmask(how, set, oset) < 0)
		err = errno;
	errno = saved;
	return err;
}

int thr_sigsetmask(int how, const sigset_t *set, sigset_t *oset)
{
	return pthread_sigmask(how, set, oset);
}

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	if (once->__done)
		return 0;
	__lock(&once->__lock);
	if (!once->__done) {
		fn();
		once->__done = 1;
	}
	__unlock(&once->__lock);
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	(void)attr;
	m->__lock = 0;
	m->__owner = 0;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->__lock ? EBUSY : 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	__lock(&m->__lock);
	m->__owner = thr_self();
	return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (!__trylock(&m->__lock))
		return EBUSY;
	m->__owner = thr_self();
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (!m->__lock || m->__owner != thr_self())
		return EPERM;
	m->__owner = 0;
	__unlock(&m->__lock);
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	(void)attr;
	c->__seq = 0;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	(void)c;
	return 0;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	unsigned int seq = c->__seq;
	int err = pthread_mutex_unlock(m);

	if (err != 0)
		return err;
	while (c->__seq == seq) {
		__cancel_t *cs = __cancel_self();

		if (cs->c_pending && cs->c_state == PTHREAD_CANCEL_ENABLE) {
			pthread_mutex_lock(m);
			__cancel_exit();
		}
		yield();
	}
	return pthread_mutex_lock(m);
}

/* Callers normally hold the mutex. If two signal at once without it, one increment may be lost,
   but the value still changes, and a change is all a waiter looks for. */
int pthread_cond_signal(pthread_cond_t *c)
{
	c->__seq++;
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	c->__seq++;
	return 0;
}
