/*
 * mq_fork.c — POSIX message queues and fork: descriptors are copied into a fork child and work
 * there (the child sends and receives on the parent's queue, a receiver sleeps until the other
 * process sends), messages come out highest priority first and FIFO within a priority, the
 * attributes and O_NONBLOCK behave, mq_notify signals the registered process, and the errors:
 * EBADF, EMSGSIZE, EINVAL, EAGAIN, ETIMEDOUT, EINTR, ENOENT, EEXIST, EBUSY, ENAMETOOLONG.
 */
#include <mqueue.h>
#include <signal.h>
#include <time.h>
#include "../fork/ftest.h"

#define Q "/mq_fork"

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		continue;
}

static volatile int got_sig;

static void on_sig(int sig)
{
	got_sig = sig;
}

int main(void)
{
	struct mq_attr attr, a2;
	struct sigaction sa;
	struct sigevent ev;
	struct timespec ts;
	char buf[64], longname[400];
	unsigned int prio;
	mqd_t q, w, r;
	ssize_t n;
	pid_t pid;
	int i;

	(void) mq_unlink(Q);
	memset(&attr, 0, sizeof(attr));
	attr.mq_maxmsg = 4;
	attr.mq_msgsize = 64;
	q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
	ft_check(q != (mqd_t)-1, "mq_open O_CREAT|O_EXCL", "errno %d", errno);
	ft_check(mq_getattr(q, &a2) == 0 && a2.mq_maxmsg == 4 && a2.mq_msgsize == 64 && a2.mq_curmsgs == 0 &&
	    a2.mq_flags == 0, "mq_getattr of a new queue", "maxmsg %ld msgsize %ld cur %ld", a2.mq_maxmsg,
	    a2.mq_msgsize, a2.mq_curmsgs);

	/* The child sends on the inherited descriptor; the parent receives by priority. */
	pid = fork();
	if (pid == 0) {
		ft_check(mq_send(q, "low", 4, 1) == 0 && mq_send(q, "high", 5, 9) == 0 && mq_send(q, "mid1", 5, 5) == 0 &&
		    mq_send(q, "mid2", 5, 5) == 0, "child: four mq_send on the inherited descriptor", "errno %d", errno);
		ft_child_exit();
	}
	ft_child_ok(pid, "sender child");
	ft_check(mq_getattr(q, &a2) == 0 && a2.mq_curmsgs == 4, "the parent sees 4 messages", "cur %ld", a2.mq_curmsgs);
	{
		const char *want[] = { "high", "mid1", "mid2", "low" };
		unsigned int wp[] = { 9, 5, 5, 1 };

		for (i = 0; i < 4; i++) {
			n = mq_receive(q, buf, sizeof(buf), &prio);
			if (n < 0 || strcmp(buf, want[i]) != 0 || prio != wp[i])
				break;
		}
		ft_check(i == 4, "received by priority, FIFO within one", "message %d: n %ld '%s' prio %u errno %d",
		    i, (long)n, n > 0 ? buf : "", prio, errno);
	}

	/* A receiver in the child sleeps until the parent sends. */
	pid = fork();
	if (pid == 0) {
		n = mq_receive(q, buf, sizeof(buf), &prio);
		ft_check(n == 6 && strcmp(buf, "hello") == 0 && prio == 3, "child: blocked mq_receive gets the parent's message",
		    "n %ld errno %d", (long)n, errno);
		ft_check(mq_send(q, "reply", 6, 0) == 0, "child: reply", "errno %d", errno);
		ft_check(mq_close(q) == 0, "child: mq_close", "errno %d", errno);
		ft_child_exit();
	}
	nap(100);
	ft_check(waitpid(pid, NULL, WNOHANG) == 0, "the child is asleep in mq_receive", "it returned");
	ft_check(mq_send(q, "hello", 6, 3) == 0, "parent: mq_send", "errno %d", errno);
	ft_child_ok(pid, "receiver child");
	n = mq_receive(q, buf, sizeof(buf), NULL);
	ft_check(n == 6 && strcmp(buf, "reply") == 0, "the child's reply", "n %ld errno %d", (long)n, errno);

	/* Full queue: O_NONBLOCK gives EAGAIN, a blocked sender wakes when the child receives. */
	for (i = 0; i < 4; i++)
		(void) mq_send(q, "x", 2, 0);
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000000;
	ft_errno(mq_timedsend(q, "x", 2, 0, &ts), EINVAL, "mq_timedsend with a bad timeout on a full queue: EINVAL");
	(void) clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) { ts.tv_nsec -= 1000000000; ts.tv_sec++; }
	ft_errno(mq_timedsend(q, "x", 2, 0, &ts), ETIMEDOUT, "mq_timedsend on a full queue: ETIMEDOUT");
	attr.mq_flags = O_NONBLOCK;
	ft_check(mq_setattr(q, &attr, &a2) == 0 && a2.mq_flags == 0 && a2.mq_curmsgs == 4, "mq_setattr O_NONBLOCK",
	    "old flags %ld cur %ld", a2.mq_flags, a2.mq_curmsgs);
	ft_errno(mq_send(q, "x", 2, 0), EAGAIN, "mq_send on a full queue, O_NONBLOCK: EAGAIN");
	attr.mq_flags = 0;
	(void) mq_setattr(q, &attr, NULL);
	pid = fork();
	if (pid == 0) {
		nap(100);
		ft_check(mq_receive(q, buf, sizeof(buf), NULL) == 2, "child: receive one", "errno %d", errno);
		ft_child_exit();
	}
	ft_check(mq_send(q, "y", 2, 7) == 0, "a blocked mq_send completes after the child's receive", "errno %d", errno);
	ft_child_ok(pid, "receive-one child");
	ft_check(mq_receive(q, buf, sizeof(buf), &prio) == 2 && strcmp(buf, "y") == 0 && prio == 7, "and its message is first",
	    "'%s' prio %u", buf, prio);
	for (i = 0; i < 3; i++)
		(void) mq_receive(q, buf, sizeof(buf), NULL);

	/* Empty queue: timed receive, EINTR. */
	(void) clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) { ts.tv_nsec -= 1000000000; ts.tv_sec++; }
	ft_errno((int)mq_timedreceive(q, buf, sizeof(buf), NULL, &ts), ETIMEDOUT, "mq_timedreceive on an empty queue: ETIMEDOUT");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	(void) sigaction(SIGALRM, &sa, NULL);
	(void) sigaction(SIGUSR1, &sa, NULL);
	alarm(1);
	ft_errno((int)mq_receive(q, buf, sizeof(buf), NULL), EINTR, "mq_receive interrupted by SIGALRM: EINTR");

	/* mq_notify: a send to the empty queue signals the registered process, once. */
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	got_sig = 0;
	ft_check(mq_notify(q, &ev) == 0, "mq_notify SIGUSR1", "errno %d", errno);
	pid = fork();
	if (pid == 0) {
		ft_errno(mq_notify(q, &ev), EBUSY, "child: mq_notify while the parent is registered: EBUSY");
		ft_check(mq_send(q, "n", 2, 0) == 0, "child: send to the empty queue", "errno %d", errno);
		ft_child_exit();
	}
	ft_child_ok(pid, "notify child");
	for (i = 0; i < 50 && got_sig == 0; i++)
		nap(10);
	ft_check(got_sig == SIGUSR1, "the parent was notified", "signal %d", got_sig);
	ft_check(mq_receive(q, buf, sizeof(buf), NULL) == 2, "receive the notifying message", "errno %d", errno);
	ft_check(mq_notify(q, &ev) == 0 && mq_notify(q, NULL) == 0, "register again, then unregister", "errno %d", errno);

	/* Access modes, sizes, names. */
	w = mq_open(Q, O_WRONLY);
	r = mq_open(Q, O_RDONLY | O_NONBLOCK);
	ft_check(w != (mqd_t)-1 && r != (mqd_t)-1, "mq_open an existing queue", "errno %d", errno);
	ft_errno((int)mq_receive(w, buf, sizeof(buf), NULL), EBADF, "mq_receive on O_WRONLY: EBADF");
	ft_errno(mq_send(r, "x", 2, 0), EBADF, "mq_send on O_RDONLY: EBADF");
	ft_errno((int)mq_receive(r, buf, sizeof(buf), NULL), EAGAIN, "mq_receive, empty, O_NONBLOCK: EAGAIN");
	ft_errno((int)mq_receive(r, buf, 63, NULL), EMSGSIZE, "mq_receive buffer below mq_msgsize: EMSGSIZE");
	ft_errno(mq_send(w, buf, 65, 0), EMSGSIZE, "mq_send longer than mq_msgsize: EMSGSIZE");
	ft_errno(mq_send(w, "x", 2, MQ_PRIO_MAX), EINVAL, "mq_send priority MQ_PRIO_MAX: EINVAL");
	ft_check(mq_close(w) == 0 && mq_close(r) == 0, "mq_close both", "errno %d", errno);
	ft_errno(mq_close(w), EBADF, "mq_close twice: EBADF");
	ft_errno(mq_send(w, "x", 2, 0), EBADF, "mq_send on a closed descriptor: EBADF");
	ft_errno(mq_getattr((mqd_t)&attr, &a2), EBADF, "mq_getattr on a non-descriptor: EBADF");
	ft_errno(mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, NULL) == (mqd_t)-1 ? -1 : 0, EEXIST, "O_CREAT|O_EXCL existing: EEXIST");
	ft_check(mq_close(q) == 0 && mq_unlink(Q) == 0, "close and unlink", "errno %d", errno);
	ft_errno(mq_open(Q, O_RDWR) == (mqd_t)-1 ? -1 : 0, ENOENT, "mq_open after unlink: ENOENT");
	ft_errno(mq_unlink(Q), ENOENT, "mq_unlink twice: ENOENT");
	attr.mq_maxmsg = 0;
	ft_errno(mq_open("/mq_bad", O_RDWR | O_CREAT, 0600, &attr) == (mqd_t)-1 ? -1 : 0, EINVAL, "mq_maxmsg 0: EINVAL");
	attr.mq_maxmsg = 1;
	attr.mq_msgsize = -1;
	ft_errno(mq_open("/mq_bad", O_RDWR | O_CREAT, 0600, &attr) == (mqd_t)-1 ? -1 : 0, EINVAL, "mq_msgsize -1: EINVAL");
	ft_errno(mq_open("mq_bad", O_RDWR | O_CREAT, 0600, NULL) == (mqd_t)-1 ? -1 : 0, EINVAL, "name without '/': EINVAL");
	memset(longname, 'q', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = 0;
	ft_errno(mq_open(longname, O_RDWR | O_CREAT, 0600, NULL) == (mqd_t)-1 ? -1 : 0, ENAMETOOLONG, "long name: ENAMETOOLONG");
	q = mq_open("/mq_def", O_RDWR | O_CREAT, 0600, NULL);
	ft_check(q != (mqd_t)-1 && mq_getattr(q, &a2) == 0 && a2.mq_maxmsg == 128 && a2.mq_msgsize == 1024,
	    "default attributes 128 x 1024", "maxmsg %ld msgsize %ld", a2.mq_maxmsg, a2.mq_msgsize);
	ft_check(mq_close(q) == 0 && mq_unlink("/mq_def") == 0, "cleanup", "errno %d", errno);
	return ft_done();
}
