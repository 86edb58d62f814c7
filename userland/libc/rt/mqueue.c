/*
 * mqueue.c — POSIX message queues (mirrors the design of Solaris libc's port/rt/mqueue.c): a
 * queue is a /tmp file (/tmp/.MQD<name>) mapped shared, holding a header, a priority-ordered
 * list of messages and a free list of slots; process-shared semaphores count the messages and
 * the free slots (their waits sleep in the kernel) and one more is the lock on the lists. An
 * mqd_t points at a malloc'd descriptor, so a fork child has copies of every descriptor and
 * they work there. mq_notify supports SIGEV_SIGNAL and SIGEV_NONE (the signal is sent by kill).
 */
#include <mqueue.h>
#include <semaphore.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "pos4obj.h"
#include "../threads/thr_impl.h"

#define MQ_MAGIC 0x4d514844	/* "MQHD": the creator's last store */
#define MQD_MAGIC 0x4d514453	/* "MQDS": a live descriptor */
#define MQ_DEF_MAXMSG 128
#define MQ_DEF_MSGSIZE 1024
#define MQ_MAX_BYTES (64L << 20)

/* The shared header at the start of the file. Slot indexes; -1 ends a list. */
struct mq_hdr {
	unsigned int mq_magic;
	int mq_pad0;
	long mq_maxmsg;
	long mq_msgsize;
	long mq_curmsgs;
	long mq_slotsize;
	int mq_head;		/* highest priority, oldest first */
	int mq_free;
	int mq_rblocked;	/* receivers asleep: a notification waits until there are none */
	pid_t mq_ntfy_pid;	/* the registered process, 0 for none */
	int mq_ntfy_signo;	/* 0 for SIGEV_NONE */
	int mq_pad1;
	sem_t mq_exclusive;	/* 1 when the lists are free to touch */
	sem_t mq_notempty;	/* the number of messages */
	sem_t mq_notfull;	/* the number of free slots */
};

struct mq_msg {
	int msg_next;
	unsigned int msg_prio;
	long msg_len;
	char msg_data[];
};

/* A descriptor: the mapping, its length and the open flags (access mode, O_NONBLOCK). */
struct mqdes {
	unsigned int mqd_magic;
	struct mq_hdr *mqd_hdr;
	size_t mqd_len;
	int mqd_flags;
	struct mqdes *mqd_next;
};

static struct mqdes *mqds;
static __lock_t mqd_lock;

static struct mq_msg *slot(struct mq_hdr *h, int i)
{
	return (struct mq_msg *)((char *)(h + 1) + (size_t)i * h->mq_slotsize);
}

/* The descriptor `d` if it is one of this process's open ones, else NULL with EBADF. */
static struct mqdes *mqd_check(mqd_t d)
{
	struct mqdes *m;

	__lock(&mqd_lock);
	for (m = mqds; m != NULL; m = m->mqd_next)
		if (m == (struct mqdes *)d && m->mqd_magic == MQD_MAGIC)
			break;
	__unlock(&mqd_lock);
	if (m == NULL)
		errno = EBADF;
	return m;
}

static void mq_lock(struct mq_hdr *h)
{
	while (sem_wait(&h->mq_exclusive) != 0)
		continue;	/* EINTR: the lock is only held for a few stores */
}

static void mq_unlock(struct mq_hdr *h)
{
	(void) sem_post(&h->mq_exclusive);
}

static void mq_init(struct mq_hdr *h, long maxmsg, long msgsize, long slotsize)
{
	int i;

	h->mq_maxmsg = maxmsg;
	h->mq_msgsize = msgsize;
	h->mq_slotsize = slotsize;
	h->mq_curmsgs = 0;
	h->mq_head = -1;
	h->mq_free = 0;
	h->mq_rblocked = 0;
	h->mq_ntfy_pid = 0;
	for (i = 0; i < maxmsg; i++)
		slot(h, i)->msg_next = i + 1 < maxmsg ? i + 1 : -1;
	(void) sem_init(&h->mq_exclusive, 1, 1);
	(void) sem_init(&h->mq_notempty, 1, 0);
	(void) sem_init(&h->mq_notfull, 1, (unsigned int)maxmsg);
	h->mq_magic = MQ_MAGIC;
}

/* Map an existing queue file, waiting (briefly) for its creator to size and fill it in. */
static struct mq_hdr *mq_map(int fd, size_t *lenp)
{
	struct stat st;
	struct mq_hdr *h;
	int tries;

	for (tries = 0; ; tries++) {
		if (fstat(fd, &st) != 0)
			return NULL;
		if ((size_t)st.st_size >= sizeof (struct mq_hdr))
			break;
		if (tries > 10000) {
			errno = EINVAL;
			return NULL;
		}
		sched_yield();
	}
	h = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (h == MAP_FAILED)
		return NULL;
	for (tries = 0; h->mq_magic != MQ_MAGIC; tries++) {
		if (tries > 10000) {
			(void) munmap(h, (size_t)st.st_size);
			errno = EINVAL;
			return NULL;
		}
		sched_yield();
	}
	*lenp = (size_t)st.st_size;
	return h;
}

mqd_t mq_open(const char *name, int oflag, ...)
{
	char path[PATH_MAX];
	struct mq_attr *attr = NULL;
	struct mq_hdr *h = NULL;
	struct mqdes *m;
	mode_t mode = 0;
	long maxmsg = MQ_DEF_MAXMSG, msgsize = MQ_DEF_MSGSIZE, slotsize;
	size_t len = 0;
	int fd = -1, created = 0, err;
	va_list ap;

	if ((oflag & O_ACCMODE) == O_ACCMODE) {
		errno = EINVAL;
		return (mqd_t)-1;
	}
	if (__pos4obj_path(name, POS4OBJ_MQ, path) != 0)
		return (mqd_t)-1;
	if (oflag & O_CREAT) {
		va_start(ap, oflag);
		mode = va_arg(ap, mode_t);
		attr = va_arg(ap, struct mq_attr *);
		va_end(ap);
		if (attr != NULL) {
			if (attr->mq_maxmsg <= 0 || attr->mq_msgsize <= 0 ||
			    attr->mq_maxmsg > MQ_MAX_BYTES || attr->mq_msgsize > MQ_MAX_BYTES ||
			    attr->mq_maxmsg * ((attr->mq_msgsize + 23) & ~7L) > MQ_MAX_BYTES) {
				errno = EINVAL;
				return (mqd_t)-1;
			}
			maxmsg = attr->mq_maxmsg;
			msgsize = attr->mq_msgsize;
		}
		fd = open(path, O_RDWR | O_CREAT | O_EXCL, mode & 0777);
		if (fd >= 0) {
			created = 1;
		} else if (errno != EEXIST || (oflag & O_EXCL)) {
			return (mqd_t)-1;
		}
	}
	m = malloc(sizeof (*m));
	if (m == NULL) {
		err = ENOSPC;
		goto fail;
	}
	if (created) {
		slotsize = ((long)sizeof (struct mq_msg) + msgsize + 7) & ~7L;
		len = sizeof (struct mq_hdr) + (size_t)(maxmsg * slotsize);
		if (ftruncate(fd, (off_t)len) != 0) {
			err = errno;
			goto fail;
		}
		h = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (h == MAP_FAILED) {
			h = NULL;
			err = errno;
			goto fail;
		}
		mq_init(h, maxmsg, msgsize, slotsize);
	} else {
		if (fd < 0 && (fd = open(path, O_RDWR)) < 0) {
			err = errno;
			goto fail;
		}
		if ((h = mq_map(fd, &len)) == NULL) {
			err = errno;
			goto fail;
		}
	}
	(void) close(fd);
	m->mqd_magic = MQD_MAGIC;
	m->mqd_hdr = h;
	m->mqd_len = len;
	m->mqd_flags = oflag & (O_ACCMODE | O_NONBLOCK);
	__lock(&mqd_lock);
	m->mqd_next = mqds;
	mqds = m;
	__unlock(&mqd_lock);
	return (mqd_t)m;
fail:
	if (h != NULL)
		(void) munmap(h, len);
	if (fd >= 0)
		(void) close(fd);
	if (created)
		(void) unlink(path);
	free(m);
	errno = err;
	return (mqd_t)-1;
}

int mq_close(mqd_t d)
{
	struct mqdes **pp, *m;
	struct mq_hdr *h;

	__lock(&mqd_lock);
	for (pp = &mqds; (m = *pp) != NULL; pp = &m->mqd_next)
		if (m == (struct mqdes *)d && m->mqd_magic == MQD_MAGIC)
			break;
	if (m == NULL) {
		__unlock(&mqd_lock);
		errno = EBADF;
		return -1;
	}
	*pp = m->mqd_next;
	__unlock(&mqd_lock);
	h = m->mqd_hdr;
	mq_lock(h);
	if (h->mq_ntfy_pid == getpid())
		h->mq_ntfy_pid = 0;
	mq_unlock(h);
	m->mqd_magic = 0;
	(void) munmap(h, m->mqd_len);
	free(m);
	return 0;
}

int mq_unlink(const char *name)
{
	char path[PATH_MAX];

	if (__pos4obj_path(name, POS4OBJ_MQ, path) != 0)
		return -1;
	return unlink(path);
}

/* Take one count of s: at once (nonblocking: EAGAIN), by an absolute time, or whenever. */
static int mq_sem_take(sem_t *s, int nonblock, const struct timespec *abs)
{
	if (nonblock)
		return sem_trywait(s);
	if (abs != NULL)
		return sem_timedwait(s, abs);
	return sem_wait(s);
}

static int mq_send_common(mqd_t d, const char *msg, size_t len, unsigned int prio,
    const struct timespec *abs)
{
	struct mqdes *m = mqd_check(d);
	struct mq_hdr *h;
	struct mq_msg *mp;
	int i, *pp, notify = 0;
	pid_t npid = 0;

	if (m == NULL)
		return -1;
	if ((m->mqd_flags & O_ACCMODE) == O_RDONLY) {
		errno = EBADF;
		return -1;
	}
	h = m->mqd_hdr;
	if (len > (size_t)h->mq_msgsize) {
		errno = EMSGSIZE;
		return -1;
	}
	if (prio >= MQ_PRIO_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (mq_sem_take(&h->mq_notfull, m->mqd_flags & O_NONBLOCK, abs) != 0)
		return -1;
	mq_lock(h);
	i = h->mq_free;
	mp = slot(h, i);
	h->mq_free = mp->msg_next;
	mp->msg_prio = prio;
	mp->msg_len = (long)len;
	memcpy(mp->msg_data, msg, len);
	/* After every message of the same or a higher priority. */
	for (pp = &h->mq_head; *pp >= 0 && slot(h, *pp)->msg_prio >= prio; pp = &slot(h, *pp)->msg_next)
		continue;
	mp->msg_next = *pp;
	*pp = i;
	if (h->mq_curmsgs++ == 0 && h->mq_rblocked == 0 && h->mq_ntfy_pid != 0) {
		notify = h->mq_ntfy_signo;
		npid = h->mq_ntfy_pid;
		h->mq_ntfy_pid = 0;
	}
	mq_unlock(h);
	(void) sem_post(&h->mq_notempty);
	if (notify != 0)
		(void) kill(npid, notify);
	return 0;
}

int mq_send(mqd_t d, const char *msg, size_t len, unsigned int prio)
{
	return mq_send_common(d, msg, len, prio, NULL);
}

int mq_timedsend(mqd_t d, const char *msg, size_t len, unsigned int prio, const struct timespec *abs)
{
	return mq_send_common(d, msg, len, prio, abs);
}

static ssize_t mq_receive_common(mqd_t d, char *msg, size_t len, unsigned int *prio,
    const struct timespec *abs)
{
	struct mqdes *m = mqd_check(d);
	struct mq_hdr *h;
	struct mq_msg *mp;
	int i, r;
	ssize_t n;

	if (m == NULL)
		return -1;
	if ((m->mqd_flags & O_ACCMODE) == O_WRONLY) {
		errno = EBADF;
		return -1;
	}
	h = m->mqd_hdr;
	if (len < (size_t)h->mq_msgsize) {
		errno = EMSGSIZE;
		return -1;
	}
	if (sem_trywait(&h->mq_notempty) != 0) {
		if (m->mqd_flags & O_NONBLOCK) {
			errno = EAGAIN;
			return -1;
		}
		mq_lock(h);
		h->mq_rblocked++;
		mq_unlock(h);
		r = abs != NULL ? sem_timedwait(&h->mq_notempty, abs) : sem_wait(&h->mq_notempty);
		mq_lock(h);
		h->mq_rblocked--;
		mq_unlock(h);
		if (r != 0)
			return -1;
	}
	mq_lock(h);
	i = h->mq_head;
	mp = slot(h, i);
	h->mq_head = mp->msg_next;
	n = (ssize_t)mp->msg_len;
	memcpy(msg, mp->msg_data, (size_t)n);
	if (prio != NULL)
		*prio = mp->msg_prio;
	mp->msg_next = h->mq_free;
	h->mq_free = i;
	h->mq_curmsgs--;
	mq_unlock(h);
	(void) sem_post(&h->mq_notfull);
	return n;
}

ssize_t mq_receive(mqd_t d, char *msg, size_t len, unsigned int *prio)
{
	return mq_receive_common(d, msg, len, prio, NULL);
}

ssize_t mq_timedreceive(mqd_t d, char *msg, size_t len, unsigned int *prio, const struct timespec *abs)
{
	return mq_receive_common(d, msg, len, prio, abs);
}

int mq_getattr(mqd_t d, struct mq_attr *a)
{
	struct mqdes *m = mqd_check(d);
	struct mq_hdr *h;

	if (m == NULL)
		return -1;
	h = m->mqd_hdr;
	memset(a, 0, sizeof (*a));
	a->mq_flags = m->mqd_flags & O_NONBLOCK;
	a->mq_maxmsg = h->mq_maxmsg;
	a->mq_msgsize = h->mq_msgsize;
	mq_lock(h);
	a->mq_curmsgs = h->mq_curmsgs;
	mq_unlock(h);
	return 0;
}

/* Only O_NONBLOCK of mq_flags can change; the other fields are ignored. */
int mq_setattr(mqd_t d, const struct mq_attr *a, struct mq_attr *old)
{
	struct mqdes *m = mqd_check(d);

	if (m == NULL)
		return -1;
	if (old != NULL)
		(void) mq_getattr(d, old);
	if (a->mq_flags & O_NONBLOCK)
		m->mqd_flags |= O_NONBLOCK;
	else
		m->mqd_flags &= ~O_NONBLOCK;
	return 0;
}

int mq_notify(mqd_t d, const struct sigevent *ev)
{
	struct mqdes *m = mqd_check(d);
	struct mq_hdr *h;
	pid_t me = getpid();
	int r = 0;

	if (m == NULL)
		return -1;
	if (ev != NULL && ev->sigev_notify != SIGEV_NONE &&
	    (ev->sigev_notify != SIGEV_SIGNAL || ev->sigev_signo <= 0 || ev->sigev_signo >= NSIG)) {
		errno = EINVAL;
		return -1;
	}
	h = m->mqd_hdr;
	mq_lock(h);
	if (ev == NULL) {
		if (h->mq_ntfy_pid == me)
			h->mq_ntfy_pid = 0;
	} else if (h->mq_ntfy_pid != 0 && (kill(h->mq_ntfy_pid, 0) == 0 || errno != ESRCH)) {
		errno = EBUSY;
		r = -1;
	} else {
		h->mq_ntfy_pid = me;
		h->mq_ntfy_signo = ev->sigev_notify == SIGEV_SIGNAL ? ev->sigev_signo : 0;
	}
	mq_unlock(h);
	return r;
}
