/*
 * forks.c — forkvm-cflags: -g -O0
 * The program the gdb tests drive (test/debug/gdb_server.test.ts): a fork whose child recurses
 * 13 calls deep (depth_sum, each frame with its own locals) to leaf() and then writes a global
 * the parent shares copy-on-write; the parent waits, writes the same global, vforks a child that
 * execs /bin/echo, and stops at signal_point() where a debugger can send it SIGUSR1; then it sends
 * itself SIGUSR2 (a debugger sees it first). Built with -g -O0 so that every frame's arguments and
 * locals are in memory for gdb to read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>

int shared_word = 1;
volatile int got_signal, got_usr2;

int leaf(int acc)
{
	int twice = acc * 2;

	return twice / 2 + 1;
}

int depth_sum(int depth, int acc)
{
	int local = depth * 10 + 1;

	if (depth == 0)
		return leaf(acc + local);
	return depth_sum(depth - 1, acc + local);
}

static void on_usr1(int sig)
{
	got_signal = sig;
}

static void on_usr2(int sig)
{
	got_usr2 = sig;
}

/* A place to stop before the last line: the debugger delivers a signal here. */
void signal_point(void)
{
	printf("at signal_point\n");
}

int main(void)
{
	pid_t pid;
	int st = 0;

	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, on_usr2);
	pid = fork();
	if (pid == 0) {
		int sum = depth_sum(12, 0);

		shared_word = 2;
		printf("child: sum %d word %d\n", sum, shared_word);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	shared_word = 3;
	printf("parent: child status %d word %d\n", st, shared_word);
	pid = vfork();
	if (pid == 0) {
		execl("/bin/echo", "echo", "vfork child exec'd echo", (char *)0);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	signal_point();
	kill(getpid(), SIGUSR2);
	printf("got signals %d %d\n", got_signal, got_usr2);
	return 0;
}
