/*
 * fork.c — fork1(), fork() and forkall() (mirrors the shape of Solaris libc's port/threads/
 * scalls.c _fork1/_forkall): libc's own locks (malloc, the output streams, the thread list) are
 * taken before the trap and released after it in parent and child, so a child never starts with
 * a lock held by an LWP that fork1 did not copy (stdin's lock is cleared in the fork1 child). In a fork1 child the descriptors of the threads that were
 * not copied are dropped. fork() is fork1(), as in Solaris 10. The pthread_atfork handlers
 * (atfork.c) run around both: prepare before libc's locks are taken, parent/child after they are
 * released. Leaves out the vfork-child ENOTSUP check.
 */
#include <unistd.h>
#include <errno.h>
#include "thr_impl.h"

extern pid_t __fork1(void);
extern pid_t __forkall(void);
extern __lock_t __thr_lock;
extern void __thr_fork1_child(void);
extern void __stdio_fork1_child(void);
extern void __prefork_handlers(void);
extern void __postfork_parent_handlers(void);
extern void __postfork_child_handlers(void);

static void prefork(void)
{
	__lock(&__thr_lock);
	__rlock(&__malloc_lock);
	__stdio_lockall();
}

static void postfork(void)
{
	__stdio_unlockall();
	__runlock(&__malloc_lock);
	__unlock(&__thr_lock);
}

pid_t fork1(void)
{
	pid_t pid;
	int e;

	__prefork_handlers();
	prefork();
	pid = __fork1();
	e = errno;
	postfork();
	if (pid == 0) {
		__stdio_fork1_child();
		__thr_fork1_child();
		__postfork_child_handlers();
	} else {
		__postfork_parent_handlers();
	}
	errno = e;
	return pid;
}

pid_t forkall(void)
{
	pid_t pid;
	int e;

	__prefork_handlers();
	prefork();
	pid = __forkall();
	e = errno;
	postfork();
	if (pid == 0)
		__postfork_child_handlers();
	else
		__postfork_parent_handlers();
	errno = e;
	return pid;
}

pid_t fork(void)
{
	return fork1();
}
