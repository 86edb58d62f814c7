/*
 * flock.c — POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW): ranges that split and merge,
 * l_len 0 to end of file and negative lengths, conflicts between processes (EAGAIN), the lock
 * type an fd's mode allows (EBADF), locks not inherited by a fork child (the parent's stay its
 * own), released when the owner closes any descriptor of the file and when it exits (seen from
 * the other process), F_SETLKW sleeping until the range is free, EDEADLK for two processes that
 * would wait for each other, and EINTR for a signal while asleep (a restart with SA_RESTART). Exits 0 only if all pass.
 */
#include "fstest.h"
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#define FILE1 "/tmp/lockf"

static int lk(int fd, int cmd, int type, int whence, off_t start, off_t len)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = whence;
	fl.l_start = start;
	fl.l_len = len;
	return fcntl(fd, cmd, &fl);
}

/* F_GETLK for [start, start+len): the conflicting lock's type (F_UNLCK: none), and its fields. */
static int getlk(int fd, int type, off_t start, off_t len, struct flock *out)
{
	memset(out, 0, sizeof *out);
	out->l_type = type;
	out->l_whence = SEEK_SET;
	out->l_start = start;
	out->l_len = len;
	if (fcntl(fd, F_GETLK, out) == -1)
		return -1;
	return out->l_type;
}

static int openf(void)
{
	int fd = open(FILE1, O_RDWR | O_CREAT, 0644);

	if (fd >= 0 && lseek(fd, 0, SEEK_END) < 100) {
		char buf[100];
		memset(buf, 'x', sizeof buf);
		write(fd, buf, sizeof buf);
	}
	return fd;
}

/* A child that runs fn(fd) and exits with its result; the parent waits for it. */
static int child_status(pid_t pid)
{
	int st = -1;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

static void own_locks(void)
{
	int fd = openf();
	struct flock fl;

	CHECK(fd >= 0);
	/* A process never conflicts with itself: relocking, upgrading and splitting all succeed. */
	CHECK(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 50) == 0);
	CHECK(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 10, 10) == 0);
	CHECK(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 12, 2) == 0);
	CHECK(getlk(fd, F_WRLCK, 0, 0, &fl) == F_UNLCK);      /* own locks are never reported */
	CHECK(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) == 0);
	/* Errors: bad type, bad whence, a start before 0, F_GETLK of F_UNLCK, a bad pointer. */
	CHECK_ERR(lk(fd, F_SETLK, 7, SEEK_SET, 0, 1), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, 5, 0, 1), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, -1, 1), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 5, -10), EINVAL);
	CHECK_ERR(getlk(fd, F_UNLCK, 0, 1, &fl), EINVAL);
	CHECK_ERR(fcntl(fd, F_SETLK, (struct flock *)8), EFAULT);
	CHECK_ERR(lk(99, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EBADF);
	close(fd);
	/* The lock type must match the open mode. */
	fd = open(FILE1, O_RDONLY);
	CHECK_ERR(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EBADF);
	CHECK(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 1) == 0);
	close(fd);
	fd = open(FILE1, O_WRONLY);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EBADF);
	CHECK(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1) == 0);
	close(fd);
}

/*
 * The parent locks [10,20) for writing and [40,EOF) for reading; the child sees both through
 * F_GETLK (with the parent's pid), conflicts with them, yet holds no lock of its own: it can
 * lock the gap, and read-lock the read-locked tail.
 */
static void not_inherited(void)
{
	int fd = openf();
	pid_t pid, me = getpid();

	CHECK(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 10, 10) == 0);
	CHECK(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 40, 0) == 0);
	pid = fork();
	if (pid == 0) {
		struct flock fl;
		int bad = 0;
		if (getlk(fd, F_RDLCK, 0, 100, &fl) != F_WRLCK || fl.l_start != 10 || fl.l_len != 10 || fl.l_pid != me)
			bad |= 1;
		if (getlk(fd, F_WRLCK, 50, 1, &fl) != F_RDLCK || fl.l_start != 40 || fl.l_len != 0 || fl.l_pid != me)
			bad |= 2;
		if (getlk(fd, F_RDLCK, 50, 1, &fl) != F_UNLCK)
			bad |= 4;
		errno = 0;
		if (lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 15, 1) != -1 || (errno != EAGAIN && errno != EACCES))
			bad |= 8;
		if (lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 20, 20) != 0)
			bad |= 16;
		if (lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 60, 5) != 0)
			bad |= 32;
		/* The child unlocking everything leaves the parent's locks alone. */
		if (lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) != 0)
			bad |= 64;
		_exit(bad);
	}
	CHECK(child_status(pid) == 0);
	/* Still ours: a second child still conflicts. */
	pid = fork();
	if (pid == 0)
		_exit(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 12, 1) == -1 ? 0 : 1);
	CHECK(child_status(pid) == 0);
	close(fd);
}

/* Closing ANY descriptor of the file drops the owner's locks (here: a second, unrelated one). */
static void released_on_close(void)
{
	int fd = openf(), fd2;
	pid_t pid;
	struct flock fl;

	CHECK(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) == 0);
	fd2 = open(FILE1, O_RDONLY);
	CHECK(fd2 >= 0);
	close(fd2);
	pid = fork();
	if (pid == 0)
		_exit(getlk(fd, F_WRLCK, 0, 0, &fl) == F_UNLCK ? 0 : 1);
	CHECK(child_status(pid) == 0);
	close(fd);
}

/* A child's locks go away when it exits (and when it closes, seen from the parent). */
static void released_on_exit(void)
{
	int fd = openf();
	int p1[2], p2[2];
	pid_t pid;
	struct flock fl;
	char c;

	CHECK(pipe(p1) == 0 && pipe(p2) == 0);
	pid = fork();
	if (pid == 0) {
		int r = lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, 5);
		write(p1[1], "l", 1);
		read(p2[0], &c, 1);
		_exit(r == 0 ? 0 : 1);
	}
	CHECK(read(p1[0], &c, 1) == 1);
	CHECK(getlk(fd, F_RDLCK, 0, 0, &fl) == F_WRLCK && fl.l_pid == pid && fl.l_start == 5 && fl.l_len == 5);
	CHECK_ERR(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 7, 1), EAGAIN);
	write(p2[1], "g", 1);
	CHECK(child_status(pid) == 0);
	CHECK(getlk(fd, F_WRLCK, 0, 0, &fl) == F_UNLCK);
	CHECK(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) == 0);
	CHECK(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) == 0);
	close(p1[0]); close(p1[1]); close(p2[0]); close(p2[1]);
	close(fd);
}

/* F_SETLKW sleeps until the holder unlocks; whence SEEK_CUR and SEEK_END name the same bytes. */
static void setlkw_waits(void)
{
	int fd = openf();
	int p1[2];
	pid_t pid;
	char c;

	CHECK(pipe(p1) == 0);
	CHECK(lseek(fd, 30, SEEK_SET) == 30);
	CHECK(lk(fd, F_SETLK, F_WRLCK, SEEK_CUR, 0, 10) == 0);     /* [30, 40) */
	pid = fork();
	if (pid == 0) {
		int r;
		write(p1[1], "w", 1);
		r = lk(fd, F_SETLKW, F_WRLCK, SEEK_END, -65, 1);        /* byte 35 */
		_exit(r == 0 ? 0 : 1);
	}
	CHECK(read(p1[0], &c, 1) == 1);
	sched_yield(); sched_yield();
	CHECK(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 30, 10) == 0);
	CHECK(child_status(pid) == 0);
	close(p1[0]); close(p1[1]);
	close(fd);
}

/*
 * Parent holds A and child holds B; the child waits for A and the parent asks for B: whichever
 * of the two requests would close the cycle fails with EDEADLK (the parent's, once the child is
 * asleep), and the other is granted once the loser gives its lock up.
 */
static void deadlock(void)
{
	int fd = openf();
	int p1[2];
	pid_t pid;
	struct flock fl;
	char c;
	int tries, r, e;

	CHECK(pipe(p1) == 0);
	CHECK(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10) == 0);      /* A */
	pid = fork();
	if (pid == 0) {
		if (lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 50, 10) != 0)      /* B */
			_exit(2);
		write(p1[1], "b", 1);
		r = lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 10);          /* waits for A */
		_exit(r == 0 ? 0 : errno == EDEADLK ? 3 : 1);
	}
	CHECK(read(p1[0], &c, 1) == 1);
	for (tries = 0; tries < 20; tries++)
		sched_yield();
	CHECK(getlk(fd, F_WRLCK, 50, 1, &fl) == F_WRLCK && fl.l_pid == pid);
	errno = 0;
	r = lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 50, 10);
	e = errno;
	if (r == -1) {
		CHECK(e == EDEADLK);
		CHECK(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 10) == 0);  /* lets the child have A */
		CHECK(child_status(pid) == 0);
	} else {
		CHECK(child_status(pid) == 3);                          /* the child closed the cycle */
	}
	CHECK(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) == 0);
	close(p1[0]); close(p1[1]);
	close(fd);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* A signal ends an F_SETLKW sleep with EINTR; nothing is left locked or queued. */
static void setlkw_eintr(void)
{
	int fd = openf();
	int p1[2];
	pid_t pid;
	char c;

	CHECK(pipe(p1) == 0);
	CHECK(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) == 0);
	pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		int r, e;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_alarm;
		sigaction(SIGALRM, &sa, 0);
		write(p1[1], "s", 1);
		alarm(1);
		r = lk(fd, F_SETLKW, F_RDLCK, SEEK_SET, 3, 1);
		e = errno;
		_exit(r == -1 && e == EINTR ? 0 : 1);
	}
	CHECK(read(p1[0], &c, 1) == 1);
	CHECK(child_status(pid) == 0);
	/* With SA_RESTART the interrupted F_SETLKW goes back to sleep and gets the lock later. */
	pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		int r;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_alarm;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGALRM, &sa, 0);
		write(p1[1], "s", 1);
		alarm(1);
		r = lk(fd, F_SETLKW, F_RDLCK, SEEK_SET, 3, 1);
		_exit(r == 0 && alarms == 1 ? 0 : 1);
	}
	CHECK(read(p1[0], &c, 1) == 1);
	sleep(2);
	CHECK(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) == 0);
	CHECK(child_status(pid) == 0);
	close(p1[0]); close(p1[1]);
	close(fd);
	CHECK(unlink(FILE1) == 0);
}

int main(void)
{
	RUN(own_locks);
	RUN(not_inherited);
	RUN(released_on_close);
	RUN(released_on_exit);
	RUN(setlkw_waits);
	RUN(deadlock);
	RUN(setlkw_eintr);
	return DONE();
}
