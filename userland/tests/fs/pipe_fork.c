/*
 * pipe_fork.c — pipes between processes: a message each way between parent and child, end of
 * file once every writer (in both processes) has closed, a reader that sleeps until data comes,
 * 200 KB through the 16 KB pipe with both sides blocking, PIPE_BUF-sized writes from several
 * children arriving whole, SIGPIPE killing a writer with no reader left (seen by waitpid), and a
 * signal interrupting a sleeping read (EINTR). Exits 0 only if every test passes.
 */
#include "fstest.h"
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <sys/wait.h>

#ifndef PIPE_BUF
#define PIPE_BUF 5120
#endif

static int reaped_ok(pid_t pid)
{
	int st = -1;

	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Read exactly n bytes (less only at end of file or on error). */
static int readn(int fd, char *buf, int n)
{
	int got = 0, r;

	while (got < n && (r = read(fd, buf + got, n - got)) > 0)
		got += r;
	return got;
}

static void both_ways(void)
{
	int down[2], up[2];
	char buf[32];
	pid_t pid;

	CHECK(pipe(down) == 0 && pipe(up) == 0);
	pid = fork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		if (readn(down[0], buf, 5) != 5 || memcmp(buf, "ping!", 5) != 0)
			_exit(1);
		if (write(up[1], "pong!", 5) != 5)
			_exit(2);
		/* The parent closed its write end and ours is closed: end of file. */
		if (read(down[0], buf, sizeof buf) != 0)
			_exit(3);
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	CHECK(write(down[1], "ping!", 5) == 5);
	CHECK(readn(up[0], buf, 5) == 5 && memcmp(buf, "pong!", 5) == 0);
	close(down[1]);
	CHECK(read(up[0], buf, sizeof buf) == 0);   /* the child exits: its end closes */
	CHECK(reaped_ok(pid));
	close(up[0]);
}

static void eof_needs_all_writers(void)
{
	int p[2], sync[2];
	char c;
	pid_t pid;

	CHECK(pipe(p) == 0 && pipe(sync) == 0);
	pid = fork();
	if (pid == 0) {
		/* Keep the write end open until told to go. */
		close(p[0]);
		close(sync[1]);
		if (read(sync[0], &c, 1) != 1)
			_exit(1);
		if (write(p[1], "L", 1) != 1)
			_exit(2);
		_exit(0);
	}
	close(p[1]);
	close(sync[0]);
	/* Our write end is closed but the child's is open: no end of file yet, the child's byte comes. */
	CHECK(write(sync[1], "g", 1) == 1);
	CHECK(read(p[0], &c, 1) == 1 && c == 'L');
	CHECK(read(p[0], &c, 1) == 0);
	CHECK(reaped_ok(pid));
	close(p[0]);
	close(sync[1]);
}

static void reader_sleeps(void)
{
	int p[2], i;
	char buf[8];
	pid_t pid;

	CHECK(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], buf, sizeof buf) != 4 || memcmp(buf, "late", 4) != 0)
			_exit(1);
		_exit(0);
	}
	close(p[0]);
	for (i = 0; i < 20; i++)
		sched_yield();
	usleep(20000);
	CHECK(write(p[1], "late", 4) == 4);
	CHECK(reaped_ok(pid));
	close(p[1]);
}

#define BULK (200 * 1024)

static void bulk_transfer(void)
{
	int p[2];
	pid_t pid;
	static char buf[8192];
	unsigned sum = 0, want = 0;
	int i, got = 0, r;

	for (i = 0; i < BULK; i++)
		want = want * 31 + (unsigned char)(i * 7 + (i >> 8));
	CHECK(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		static char out[BULK];
		close(p[0]);
		for (i = 0; i < BULK; i++)
			out[i] = (char)(i * 7 + (i >> 8));
		/* One write much larger than the pipe: it goes in piece by piece as the reader drains. */
		_exit(write(p[1], out, BULK) == BULK ? 0 : 1);
	}
	close(p[1]);
	while ((r = read(p[0], buf, sizeof buf)) > 0) {
		for (i = 0; i < r; i++)
			sum = sum * 31 + (unsigned char)buf[i];
		got += r;
	}
	CHECK(r == 0);
	CHECK(got == BULK);
	CHECK(sum == want);
	CHECK(reaped_ok(pid));
	close(p[0]);
}

#define WRITERS 3
#define RECORDS 6

static void atomic_writes(void)
{
	int p[2], w, i, r, ok = 1, counts[WRITERS] = { 0 };
	pid_t pids[WRITERS];
	static char rec[PIPE_BUF];

	CHECK(pipe(p) == 0);
	for (w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			close(p[0]);
			for (i = 0; i < RECORDS; i++) {
				memset(rec, 'A' + w, sizeof rec);
				rec[0] = (char)i;
				if (write(p[1], rec, sizeof rec) != (int)sizeof rec)
					_exit(1);
				sched_yield();
			}
			_exit(0);
		}
	}
	close(p[1]);
	/* Every PIPE_BUF-byte record must arrive whole: one writer's bytes, none interleaved. */
	while ((r = readn(p[0], rec, sizeof rec)) == (int)sizeof rec) {
		w = rec[1] - 'A';
		if (w < 0 || w >= WRITERS || rec[0] != counts[w])
			ok = 0;
		else {
			for (i = 1; i < (int)sizeof rec; i++)
				if (rec[i] != 'A' + w)
					ok = 0;
			counts[w]++;
		}
	}
	CHECK(r == 0);
	CHECK(ok);
	for (w = 0; w < WRITERS; w++) {
		CHECK(counts[w] == RECORDS);
		CHECK(reaped_ok(pids[w]));
	}
	close(p[0]);
}

static void sigpipe_kills(void)
{
	int p[2], st = -1;
	pid_t pid;

	CHECK(pipe(p) == 0);
	close(p[0]);            /* no reader anywhere once the child has only the write end */
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(7);       /* not reached: SIGPIPE's default action ends the process */
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
	close(p[1]);
}

static volatile int got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = sig;
}

static void eintr_read(void)
{
	int p[2], ready[2], st = -1;
	char c;
	pid_t pid;

	CHECK(pipe(p) == 0 && pipe(ready) == 0);
	pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		int r;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_usr1;        /* no SA_RESTART: the read fails with EINTR */
		if (sigaction(SIGUSR1, &sa, 0) != 0)
			_exit(1);
		close(ready[0]);
		write(ready[1], "r", 1);
		r = read(p[0], &c, 1);
		if (r == -1 && errno == EINTR && got_usr1 == SIGUSR1)
			_exit(0);
		_exit(r == 1 ? 2 : 3);
	}
	close(ready[1]);
	CHECK(read(ready[0], &c, 1) == 1);
	usleep(20000);                           /* let the child go to sleep in read */
	CHECK(kill(pid, SIGUSR1) == 0);
	usleep(20000);
	CHECK(write(p[1], "w", 1) == 1);         /* wakes the child if the signal was missed */
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(p[0]);
	close(p[1]);
	close(ready[0]);
}

int main(void)
{
	RUN(both_ways);
	RUN(eof_needs_all_writers);
	RUN(reader_sleeps);
	RUN(bulk_transfer);
	RUN(atomic_writes);
	RUN(sigpipe_kills);
	RUN(eintr_read);
	return DONE();
}
