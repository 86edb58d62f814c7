/*
 * mqueue.h — POSIX message queues (mirrors Solaris <mqueue.h>: mqd_t is a pointer to the
 * process's descriptor, struct mq_attr has four longs and padding). As in Solaris libc, a queue
 * is a file under /tmp (/tmp/.MQD<name>) mapped shared, guarded by process-shared semaphores,
 * so descriptors are copied into a fork child and work there.
 */
#ifndef _MQUEUE_H
#define _MQUEUE_H

#include <sys/types.h>
#include <time.h>
#include <fcntl.h>
#include <signal.h>

typedef void *mqd_t;

struct mq_attr {
	long mq_flags;		/* O_NONBLOCK */
	long mq_maxmsg;
	long mq_msgsize;
	long mq_curmsgs;
	int mq_pad[12];
};

#define MQ_PRIO_MAX 32
#define MQ_OPEN_MAX 32

/* mq_open(name, oflag[, mode, attr]): the descriptor, or (mqd_t)-1 with errno. */
mqd_t mq_open(const char *name, int oflag, ...);
int mq_close(mqd_t mqdes);
int mq_unlink(const char *name);
int mq_send(mqd_t mqdes, const char *msg_ptr, size_t msg_len, unsigned int msg_prio);
int mq_timedsend(mqd_t mqdes, const char *msg_ptr, size_t msg_len, unsigned int msg_prio,
    const struct timespec *abs_timeout);
ssize_t mq_receive(mqd_t mqdes, char *msg_ptr, size_t msg_len, unsigned int *msg_prio);
ssize_t mq_timedreceive(mqd_t mqdes, char *msg_ptr, size_t msg_len, unsigned int *msg_prio,
    const struct timespec *abs_timeout);
int mq_getattr(mqd_t mqdes, struct mq_attr *mqstat);
int mq_setattr(mqd_t mqdes, const struct mq_attr *mqstat, struct mq_attr *omqstat);
/* mq_notify: SIGEV_SIGNAL and SIGEV_NONE (kill(2) delivers the signal: no si_value). */
int mq_notify(mqd_t mqdes, const struct sigevent *notification);

#endif
