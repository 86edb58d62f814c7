/*
 * atfork.c — pthread_atfork() and the handler runs around fork (mirrors Solaris libc's
 * port/threads/pthr_atfork.c and the _prefork_handler/_postfork_*_handler calls of scalls.c):
 * handlers are kept in registration order; fork(), fork1() and forkall() run the prepare handlers
 * last-registered first before the trap, and the parent and child handlers in registration order
 * after it; vfork() runs none. __atfork_lock is held from the prepare handlers to the end of the
 * parent/child handlers, so a registration cannot slip in between (it is reset in the child).
 */
#include <pthread.h>
#include <stdlib.h>
#include <errno.h>
#include "thr_impl.h"

struct atfork {
	struct atfork *prev, *next;
	void (*prepare)(void);
	void (*parent)(void);
	void (*child)(void);
};

static struct atfork *atfork_head, *atfork_tail;
__lock_t __atfork_lock;

/* pthread_atfork(): 0, or ENOMEM when the handlers cannot be recorded. */
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	struct atfork *a = malloc(sizeof(*a));

	if (a == NULL)
		return ENOMEM;
	a->prepare = prepare;
	a->parent = parent;
	a->child = child;
	a->next = NULL;
	__lock(&__atfork_lock);
	a->prev = atfork_tail;
	if (atfork_tail != NULL)
		atfork_tail->next = a;
	else
		atfork_head = a;
	atfork_tail = a;
	__unlock(&__atfork_lock);
	return 0;
}

/* __prefork_handlers(): take the lock, run the prepare handlers in reverse order of registration. */
void __prefork_handlers(void)
{
	struct atfork *a;

	__lock(&__atfork_lock);
	for (a = atfork_tail; a != NULL; a = a->prev)
		if (a->prepare != NULL)
			a->prepare();
}

/* __postfork_parent_handlers(): the parent handlers in registration order, then drop the lock. */
void __postfork_parent_handlers(void)
{
	struct atfork *a;

	for (a = atfork_head; a != NULL; a = a->next)
		if (a->parent != NULL)
			a->parent();
	__unlock(&__atfork_lock);
}

/* __postfork_child_handlers(): the child handlers in registration order; the lock is the child's. */
void __postfork_child_handlers(void)
{
	struct atfork *a;

	for (a = atfork_head; a != NULL; a = a->next)
		if (a->child != NULL)
			a->child();
	__unlock(&__atfork_lock);
}
