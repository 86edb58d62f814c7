/*
 * lock.c — the spin lock libc uses for its own data (the role of Solaris libc's lmutex_lock on
 * its internal mutexes, much reduced): ldstub (SPARC) or xchgb (i386) test-and-set; a busy lock yields the CPU (yield
 * trap) between tries instead of spinning, so the holder can run even on one CPU.
 * The counted __rlock_t lets its holder re-enter (a signal handler in the same thread).
 * Leaves out priority inheritance, adaptive spinning and sleeping on lwp_park.
 */
#include <sched.h>
#include <errno.h>
#include "thr_impl.h"

#undef errno
extern int errno;

int __trylock(__lock_t *l)
{
	unsigned int old;

#ifdef __i386__
	unsigned char o = 0xff;

	__asm__ volatile("xchgb %0, %1" : "+q"(o), "+m"(*l) : : "memory");
	old = o;
#else
	__asm__ volatile("ldstub [%1], %0" : "=r"(old) : "r"(l) : "memory");
#endif
	return old == 0;
}

void __lock(__lock_t *l)
{
	while (!__trylock(l))
		yield();
}

void __unlock(__lock_t *l)
{
	__asm__ volatile("" : : : "memory");	/* earlier stores are not moved after the release */
	*l = 0;
}

/* The calling thread's identity for __rlock_t: its descriptor, or the main thread's marker. */
static void *self_id(void)
{
	__thr_t *t = __curthr();

	return t != NULL ? (void *)t : (void *)&errno;
}

void __rlock(__rlock_t *r)
{
	void *me = self_id();

	if (r->rl_owner == me) {	/* only this thread can have stored its own id */
		r->rl_count++;
		return;
	}
	__lock(&r->rl_lock);
	r->rl_owner = me;
	r->rl_count = 1;
}

void __runlock(__rlock_t *r)
{
	if (--r->rl_count == 0) {
		r->rl_owner = NULL;
		__unlock(&r->rl_lock);
	}
}

void __rlock_reset(__rlock_t *r)
{
	r->rl_owner = NULL;
	r->rl_count = 0;
	r->rl_lock = 0;
}
