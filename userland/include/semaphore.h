/*
 * semaphore.h — POSIX semaphores (mirrors Solaris <semaphore.h>): sem_t has the layout of
 * sema_t in <synch.h> (count, type, magic, then room for a mutex and a condvar). Every wait
 * and post goes to the kernel's lwp_sema_* calls, which sleep on the semaphore's memory.
 * Named semaphores are files under /tmp (/tmp/.SEMD<name>) mapped shared.
 */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <sys/types.h>
#include <time.h>
#include <fcntl.h>

typedef struct {
	unsigned int sem_count;		/* the value */
	unsigned short sem_type;	/* USYNC_THREAD 0, USYNC_PROCESS 1 */
	unsigned short sem_magic;	/* 0x534d ("SM") while initialized */
	unsigned long long sem_pad1[3];	/* byte 15 is the kernel's waiters flag */
	unsigned long long sem_pad2[2];
} sem_t;

#define SEM_FAILED ((sem_t *)(-1))
#define SEM_VALUE_MAX 2147483647
#define SEM_NSEMS_MAX 2147483647

/* 0, or -1 with errno. EINVAL: value > SEM_VALUE_MAX, or not an initialized semaphore. */
int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
/* sem_open(name, oflag[, mode, value]): the semaphore, or SEM_FAILED with errno. */
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);
/* Waits: EINTR on a signal; sem_trywait EAGAIN; sem_timedwait ETIMEDOUT, EINVAL (bad abs_timeout). */
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *abs_timeout);
/* sem_post: EOVERFLOW at SEM_VALUE_MAX. */
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *sem, int *sval);

#endif
