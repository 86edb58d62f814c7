/*
 * cancel.c — thread cancellation and cleanup handlers (the design of Solaris libc's
 * port/threads/cancel.c, own code): pthread_cancel marks the target's request pending and sends
 * it SIGCANCEL with lwp_kill(163); libc's SIGCANCEL handler ends the thread when cancellation is
 * enabled and either the type is asynchronous or the thread is inside a blocking cancellation
 * point (which the signal has interrupted with EINTR). A cancellation point marks itself
 * (__cancel_enter) before it checks the request, so a request that comes between the check
 * and the blocking trap is still seen. Acting on a request disables cancellation, runs the
 * cleanup handlers and exits with PTHREAD_CANCELED. pthread_sigmask never blocks SIGCANCEL;
 * a thread that blocks it with sigprocmask is not interrupted inside a blocking call (it acts at
 * its next cancellation point). Asynchronous cancellation ends the thread from the signal
 * handler wherever it is, locks held included (POSIX allows only async-cancel-safe code there).
 */
#include <pthread.h>
#include <signal.h>
#include <errno.h>
#include <sys/lwp.h>
#include "thr_impl.h"

static __cancel_t main_cancel;		/* the main thread's (it has no descriptor) */
static volatile int handler_installed;
static __lock_t handler_lock;

__cancel_t *__cancel_self(void)
{
	__thr_t *t = __curthr();

	return t != NULL ? &t->t_cancel : &main_cancel;
}

/* The cancellation state of thread tid: its descriptor's, or the main thread's when tid is not a
   thread created here (the id is checked by lwp_kill). */
static __cancel_t *cancel_of(pthread_t tid)
{
	extern __lock_t __thr_lock;
	extern __thr_t *__thr_find(lwpid_t tid);
	__cancel_t *c;
	__thr_t *t;

	__lock(&__thr_lock);
	t = __thr_find(tid);
	c = t != NULL ? &t->t_cancel : &main_cancel;
	__unlock(&__thr_lock);
	return c;
}

void __cancel_cleanup_run(void)
{
	__cancel_t *c = __cancel_self();
	_cleanup_t *h;

	while ((h = c->c_cleanup) != NULL) {
		c->c_cleanup = h->__next;
		h->__fn(h->__arg);
	}
}

void __cancel_exit(void)
{
	__cancel_t *c = __cancel_self();

	c->c_state = PTHREAD_CANCEL_DISABLE;
	c->c_inpoint = 0;
	pthread_exit(PTHREAD_CANCELED);
}

/* SIGCANCEL: act now when enabled and asynchronous, or inside a blocking cancellation point. */
static void sigcancel_handler(int sig)
{
	__cancel_t *c = __cancel_self();

	(void)sig;
	if (c->c_pending && c->c_state == PTHREAD_CANCEL_ENABLE &&
	    (c->c_type == PTHREAD_CANCEL_ASYNCHRONOUS || c->c_inpoint))
		__cancel_exit();
}

static void install_handler(void)
{
	struct sigaction sa;

	if (handler_installed)
		return;
	__lock(&handler_lock);
	if (!handler_installed) {
		sa.sa_handler = sigcancel_handler;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = 0;	/* no SA_RESTART: the blocking call must return */
		sigaction(SIGCANCEL, &sa, NULL);
		handler_installed = 1;
	}
	__unlock(&handler_lock);
}

int pthread_cancel(pthread_t thread)
{
	__cancel_t *c;
	int saved = errno, err = 0;

	if (_lwp_kill(thread, 0) < 0) {
		err = errno;
		errno = saved;
		return err;
	}
	install_handler();
	c = cancel_of(thread);
	c->c_pending = 1;
	if (thread == pthread_self()) {
		if (c->c_state == PTHREAD_CANCEL_ENABLE && c->c_type == PTHREAD_CANCEL_ASYNCHRONOUS)
			__cancel_exit();
		return 0;
	}
	if (_lwp_kill(thread, SIGCANCEL) < 0)
		err = errno;
	errno = saved;
	return err;
}

int pthread_setcancelstate(int state, int *oldstate)
{
	__cancel_t *c = __cancel_self();
	int old = c->c_state;

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	c->c_state = state;
	if (oldstate != NULL)
		*oldstate = old;
	/* an asynchronous thread acts as soon as cancellation is enabled again */
	if (state == PTHREAD_CANCEL_ENABLE && c->c_type == PTHREAD_CANCEL_ASYNCHRONOUS && c->c_pending)
		__cancel_exit();
	return 0;
}

int pthread_setcanceltype(int type, int *oldtype)
{
	__cancel_t *c = __cancel_self();
	int old = c->c_type;

	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	c->c_type = type;
	if (oldtype != NULL)
		*oldtype = old;
	if (type == PTHREAD_CANCEL_ASYNCHRONOUS && c->c_state == PTHREAD_CANCEL_ENABLE && c->c_pending)
		__cancel_exit();
	return 0;
}

void pthread_testcancel(void)
{
	__cancel_t *c = __cancel_self();

	if (c->c_pending && c->c_state == PTHREAD_CANCEL_ENABLE)
		__cancel_exit();
}

void __cancel_enter(void)
{
	__cancel_t *c = __cancel_self();

	if (c->c_state != PTHREAD_CANCEL_ENABLE)
		return;
	c->c_inpoint = 1;
	__asm__ volatile("" : : : "memory");
	if (c->c_pending)
		__cancel_exit();
}

void __cancel_leave(void)
{
	__cancel_self()->c_inpoint = 0;
}

void __pthread_cleanup_push(void (*fn)(void *), void *arg, _cleanup_t *h)
{
	__cancel_t *c = __cancel_self();

	h->__fn = fn;
	h->__arg = arg;
	h->__next = c->c_cleanup;
	c->c_cleanup = h;
}

void __pthread_cleanup_pop(int execute, _cleanup_t *h)
{
	__cancel_t *c = __cancel_self();

	c->c_cleanup = h->__next;
	if (execute)
		h->__fn(h->__arg);
}

int pthread_kill(pthread_t thread, int sig)
{
	int saved = errno, err = 0;

	if (_lwp_kill(thread, sig) < 0)
		err = errno;
	errno = saved;
	return err;
}
