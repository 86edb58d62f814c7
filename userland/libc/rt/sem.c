/*
 * sem.c — POSIX semaphores (mirrors Solaris libc's port/rt/sem.c over port/threads/sema.c):
 * every wait and post is a kernel call (lwp_sema_trywait 149, lwp_sema_timedwait 211 with a
 * relative timeout, lwp_sema_post 148) that sleeps on the semaphore's memory, so a sem_t in
 * MAP_SHARED or shm memory works between processes. Named semaphores are /tmp files mapped
 * shared; this process's open ones are kept in a list, so opening one twice gives one address
 * and a fork child inherits them open.
 */
#include <semaphore.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "pos4obj.h"
#include "../threads/thr_impl.h"

#define SEMA_MAGIC 0x534d
#define USYNC_THREAD 0
#define USYNC_PROCESS 1

extern int _lwp_sema_post(sem_t *sp);
extern int _lwp_sema_trywait(sem_t *sp);
extern int _lwp_sema_timedwait(sem_t *sp, struct timespec *reltime, int check_park);

int sem_init(sem_t *sp, int pshared, unsigned int value)
{
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(sp, 0, sizeof (*sp));
	sp->sem_count = value;
	sp->sem_type = pshared ? USYNC_PROCESS : USYNC_THREAD;
	sp->sem_magic = SEMA_MAGIC;
	return 0;
}

static int sem_valid(sem_t *sp)
{
	if (sp == NULL || sp == SEM_FAILED || sp->sem_magic != SEMA_MAGIC) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int sem_destroy(sem_t *sp)
{
	if (!sem_valid(sp))
		return -1;
	sp->sem_magic = 0;
	return 0;
}

int sem_post(sem_t *sp)
{
	if (!sem_valid(sp))
		return -1;
	return _lwp_sema_post(sp);
}

int sem_trywait(sem_t *sp)
{
	if (!sem_valid(sp))
		return -1;
	if (_lwp_sema_trywait(sp) != 0) {
		if (errno == EBUSY)
			errno = EAGAIN;
		return -1;
	}
	return 0;
}

/* sem_wait() and sem_timedwait() are cancellation points (threads/cancel.c). */
int sem_wait(sem_t *sp)
{
	int r;

	if (!sem_valid(sp))
		return -1;
	__cancel_enter();
	r = _lwp_sema_timedwait(sp, NULL, 0);
	__cancel_leave();
	return r;
}

/* abs - now on CLOCK_REALTIME into *rel; 0 when the time has already come. */
static int abs_to_rel(const struct timespec *abs, struct timespec *rel)
{
	struct timespec now;

	(void) clock_gettime(CLOCK_REALTIME, &now);
	rel->tv_sec = abs->tv_sec - now.tv_sec;
	rel->tv_nsec = abs->tv_nsec - now.tv_nsec;
	if (rel->tv_nsec < 0) {
		rel->tv_nsec += 1000000000;
		rel->tv_sec--;
	}
	return rel->tv_sec > 0 || (rel->tv_sec == 0 && rel->tv_nsec > 0);
}

int sem_timedwait(sem_t *sp, const struct timespec *abs)
{
	struct timespec rel;
	int r;

	if (!sem_valid(sp))
		return -1;
	/* POSIX: the timeout is not looked at when the semaphore can be taken at once. */
	if (_lwp_sema_trywait(sp) == 0)
		return 0;
	if (abs == NULL || abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		if (!abs_to_rel(abs, &rel)) {
			errno = ETIMEDOUT;
			return -1;
		}
		__cancel_enter();
		r = _lwp_sema_timedwait(sp, &rel, 0);
		__cancel_leave();
		if (r == 0)
			return 0;
		if (errno != ETIME)
			return -1;
	}
}

int sem_getvalue(sem_t *sp, int *sval)
{
	if (!sem_valid(sp))
		return -1;
	*sval = (int)sp->sem_count;
	return 0;
}

/* This process's open named semaphores (copied into a fork child with the rest of memory). */
struct nsem {
	struct nsem *next;
	sem_t *sp;
	int refs;
	char path[PATH_MAX];
};
static struct nsem *nsems;
static __lock_t nsem_lock;

static void nsem_enter(void)
{
	__lock(&nsem_lock);
}

static void nsem_exit(void)
{
	__unlock(&nsem_lock);
}

/* Map the semaphore file fd (size >= sizeof (sem_t) or being made so by its creator). */
static sem_t *nsem_map(int fd)
{
	struct stat st;
	void *a;
	int tries;

	/* The creator writes the initialized sem_t before anyone can use it: wait for it. */
	for (tries = 0; ; tries++) {
		if (fstat(fd, &st) != 0)
			return SEM_FAILED;
		if ((size_t)st.st_size >= sizeof (sem_t))
			break;
		if (tries > 10000) {
			errno = EINVAL;
			return SEM_FAILED;
		}
		sched_yield();
	}
	a = mmap(NULL, sizeof (sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	return a == MAP_FAILED ? SEM_FAILED : (sem_t *)a;
}

sem_t *sem_open(const char *name, int oflag, ...)
{
	char path[PATH_MAX];
	struct nsem *n;
	mode_t mode = 0;
	unsigned int value = 0;
	sem_t init, *sp;
	int fd, created = 0, err;
	va_list ap;

	if (__pos4obj_path(name, POS4OBJ_SEM, path) != 0)
		return SEM_FAILED;
	if (oflag & O_CREAT) {
		va_start(ap, oflag);
		mode = va_arg(ap, mode_t);
		value = va_arg(ap, unsigned int);
		va_end(ap);
		if (value > SEM_VALUE_MAX) {
			errno = EINVAL;
			return SEM_FAILED;
		}
	}
	if ((oflag & O_CREAT) == 0 || (oflag & O_EXCL) == 0) {
		nsem_enter();
		for (n = nsems; n != NULL; n = n->next) {
			if (strcmp(n->path, path) == 0) {
				n->refs++;
				nsem_exit();
				return n->sp;
			}
		}
		nsem_exit();
	}
	fd = -1;
	if (oflag & O_CREAT) {
		fd = open(path, O_RDWR | O_CREAT | O_EXCL, mode & 0777);
		if (fd >= 0) {
			created = 1;
			(void) sem_init(&init, 1, value);
			if (write(fd, &init, sizeof (init)) != (ssize_t)sizeof (init)) {
				err = errno;
				(void) close(fd);
				(void) unlink(path);
				errno = err;
				return SEM_FAILED;
			}
		} else if (errno != EEXIST || (oflag & O_EXCL)) {
			return SEM_FAILED;
		}
	}
	if (fd < 0 && (fd = open(path, O_RDWR)) < 0)
		return SEM_FAILED;
	sp = nsem_map(fd);
	err = errno;
	(void) close(fd);
	if (sp == SEM_FAILED) {
		if (created)
			(void) unlink(path);
		errno = err;
		return SEM_FAILED;
	}
	n = malloc(sizeof (*n));
	if (n == NULL) {
		(void) munmap(sp, sizeof (sem_t));
		if (created)
			(void) unlink(path);
		errno = ENOSPC;
		return SEM_FAILED;
	}
	n->sp = sp;
	n->refs = 1;
	strcpy(n->path, path);
	nsem_enter();
	n->next = nsems;
	nsems = n;
	nsem_exit();
	return sp;
}

int sem_close(sem_t *sp)
{
	struct nsem **pp, *n;

	nsem_enter();
	for (pp = &nsems; (n = *pp) != NULL; pp = &n->next) {
		if (n->sp == sp)
			break;
	}
	if (n == NULL) {
		nsem_exit();
		errno = EINVAL;
		return -1;
	}
	if (--n->refs > 0) {
		nsem_exit();
		return 0;
	}
	*pp = n->next;
	nsem_exit();
	(void) munmap(sp, sizeof (sem_t));
	free(n);
	return 0;
}

int sem_unlink(const char *name)
{
	char path[PATH_MAX];

	if (__pos4obj_path(name, POS4OBJ_SEM, path) != 0)
		return -1;
	return unlink(path);
}
