/*
 * eintr.c — forkall vs fork1 (and vfork) with a thread asleep in read on a pipe (issue 3
 * acceptance): under forkall the sleeping read returns -1/EINTR in both the parent and the child
 * (the child's copy of the thread returns with the regs the interrupted parent thread had);
 * under fork1 and vfork it stays asleep in the parent (the byte written afterwards is what it
 * reads) and the child has no copy of it.
 */
#include "ftest.h"
#include <pthread.h>
#include <sched.h>
#include <time.h>

struct reader {
	int fd;
	volatile int started, done;
	volatile int r, err;
	char c;
};

static void *reader_thread(void *arg)
{
	struct reader *rd = arg;

	rd->started = 1;
	rd->r = (int)read(rd->fd, &rd->c, 1);
	rd->err = rd->r < 0 ? errno : 0;
	rd->done = 1;
	return NULL;
}

static void nap(int ms)
{
	struct timespec ts;

	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

/* Start a reader on a fresh pipe and give it time to block in read. */
static int start_reader(struct reader *rd, int fds[2], pthread_t *t)
{
	memset(rd, 0, sizeof(*rd));
	if (pipe(fds) < 0)
		return 0;
	rd->fd = fds[0];
	if (pthread_create(t, NULL, reader_thread, rd) != 0)
		return 0;
	while (!rd->started)
		sched_yield();
	nap(30);
	return !rd->done;
}

static void test_forkall(void)
{
	struct reader rd;
	pthread_t t;
	int fds[2];
	pid_t pid;

	if (!start_reader(&rd, fds, &t)) {
		ft_fail("eintr.forkall.setup", "the reader did not block in read");
		return;
	}
	pid = forkall();
	if (pid == 0) {
		ft_failures = 0;
		ft_check(pthread_join(t, NULL) == 0, "eintr.forkall.child_join", "join of the reader copy");
		ft_check(rd.r == -1 && rd.err == EINTR, "eintr.forkall.child_read_eintr",
		    "the child's copy of read returned %d, errno %d", rd.r, rd.err);
		ft_child_exit();
	}
	if (pid < 0) {
		ft_fail("eintr.forkall", "forkall: %s", strerror(errno));
		return;
	}
	ft_check(pthread_join(t, NULL) == 0, "eintr.forkall.parent_join", "join of the reader");
	ft_check(rd.r == -1 && rd.err == EINTR, "eintr.forkall.parent_read_eintr",
	    "read returned %d, errno %d; want -1, EINTR", rd.r, rd.err);
	ft_child_ok(pid, "eintr.forkall.child");
	close(fds[0]);
	close(fds[1]);
}

static void test_fork1_like(const char *name, int use_vfork)
{
	struct reader rd;
	pthread_t t;
	int fds[2];
	pid_t pid;
	char n[64];

	if (!start_reader(&rd, fds, &t)) {
		snprintf(n, sizeof(n), "eintr.%s.setup", name);
		ft_fail(n, "the reader did not block in read");
		return;
	}
	if (use_vfork) {
		pid = vfork();
		if (pid == 0)
			_exit(rd.done ? 1 : 0);	/* the reader was still asleep when the child ran */
	} else {
		pid = fork1();
		if (pid == 0) {
			ft_failures = 0;
			snprintf(n, sizeof(n), "eintr.%s.child_has_no_reader", name);
			ft_check(pthread_join(t, NULL) == ESRCH, n, "the reader was copied into the child");
			ft_child_exit();
		}
	}
	snprintf(n, sizeof(n), "eintr.%s.child", name);
	if (pid < 0) {
		ft_fail(n, "fork: %s", strerror(errno));
		return;
	}
	ft_child_ok(pid, n);
	nap(20);
	snprintf(n, sizeof(n), "eintr.%s.parent_read_still_asleep", name);
	ft_check(!rd.done, n, "read returned %d, errno %d", rd.r, rd.err);
	write(fds[1], "z", 1);
	pthread_join(t, NULL);
	snprintf(n, sizeof(n), "eintr.%s.parent_read_gets_data", name);
	ft_check(rd.r == 1 && rd.c == 'z', n, "read returned %d, errno %d", rd.r, rd.err);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	test_forkall();
	test_fork1_like("fork1", 0);
	test_fork1_like("vfork", 1);
	return ft_done();
}
