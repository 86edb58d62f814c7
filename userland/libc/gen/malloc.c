/*
 * malloc.c — malloc/free/calloc/realloc: a first-fit allocator over sbrk() with an address-ordered
 * circular free list that coalesces neighbours on free (the classic Kernighan & Ritchie scheme, not
 * Solaris's malloc.c tree allocator). Every block has an 8-byte header (its size); payloads are
 * 8-aligned. Memory is never returned to the kernel. Thread-safe through one counted lock,
 * __malloc_lock, which fork1/forkall also hold across the trap (libc/threads/fork.c); a signal
 * handler that calls malloc in a thread already inside it re-enters (not async-signal-safe).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include "../threads/thr_impl.h"

__rlock_t __malloc_lock;

typedef struct block {
	size_t size;		/* bytes, header included, multiple of 8 */
	struct block *next;	/* next free block (meaningful only while free) */
} block_t;

#define HDR 8
#define MIN_BLOCK 16
#define GROW 65536

static block_t base;
static block_t *freep;

static void free_unlocked(void *ptr);

static block_t *morecore(size_t need)
{
	size_t grow = need < GROW ? GROW : (need + 4095) & ~(size_t)4095;
	void *p = sbrk((long)grow);
	block_t *b;

	if (p == (void *)-1)
		return NULL;
	b = p;
	b->size = grow;
	free_unlocked((char *)b + HDR);
	return freep;
}

static void *malloc_unlocked(size_t n)
{
	block_t *p, *prev;
	size_t need;

	if (n > 0x7ffffff0u) {
		errno = ENOMEM;
		return NULL;
	}
	need = (n + HDR + 7) & ~(size_t)7;
	if (need < MIN_BLOCK)
		need = MIN_BLOCK;
	if (freep == NULL) {
		base.next = &base;
		base.size = 0;
		freep = &base;
	}
	prev = freep;
	for (p = prev->next;; prev = p, p = p->next) {
		if (p->size >= need) {
			if (p->size - need >= MIN_BLOCK) {
				/* hand out the tail, keep the head on the list */
				p->size -= need;
				p = (block_t *)((char *)p + p->size);
				p->size = need;
			} else {
				prev->next = p->next;
			}
			freep = prev;
			return (char *)p + HDR;
		}
		if (p == freep) {
			p = morecore(need);
			if (p == NULL) {
				errno = ENOMEM;
				return NULL;
			}
		}
	}
}

static void free_unlocked(void *ptr)
{
	block_t *b, *p;

	if (ptr == NULL)
		return;
	b = (block_t *)((char *)ptr - HDR);
	for (p = freep; !(b > p && b < p->next); p = p->next)
		if (p >= p->next && (b > p || b < p->next))
			break;	/* b is past the highest or before the lowest block */
	if ((char *)b + b->size == (char *)p->next) {
		b->size += p->next->size;
		b->next = p->next->next;
	} else {
		b->next = p->next;
	}
	if ((char *)p + p->size == (char *)b) {
		p->size += b->size;
		p->next = b->next;
	} else {
		p->next = b;
	}
	freep = p;
}

void *malloc(size_t n)
{
	void *p;

	__rlock(&__malloc_lock);
	p = malloc_unlocked(n);
	__runlock(&__malloc_lock);
	return p;
}

void free(void *ptr)
{
	__rlock(&__malloc_lock);
	free_unlocked(ptr);
	__runlock(&__malloc_lock);
}

void *calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (size != 0 && n > 0xffffffffu / size) {
		errno = ENOMEM;
		return NULL;
	}
	total = n * size;
	p = malloc(total);
	if (p != NULL)
		memset(p, 0, total);
	return p;
}

void *realloc(void *ptr, size_t n)
{
	block_t *b;
	size_t have;
	void *q;

	if (ptr == NULL)
		return malloc(n);
	if (n == 0) {
		free(ptr);
		return NULL;
	}
	b = (block_t *)((char *)ptr - HDR);
	have = b->size - HDR;
	if (n <= have)
		return ptr;
	q = malloc(n);
	if (q == NULL)
		return NULL;
	memcpy(q, ptr, have);
	free(ptr);
	return q;
}
