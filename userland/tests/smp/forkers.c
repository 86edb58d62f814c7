/*
 * forkers.c — several processes forking at once, so that their cfork/getproc and their children's
 * exits meet in the kernel on different CPUs (pidlock contention between processes, not threads):
 * NPROC forker processes each fork NKIDS children in turn, each child exits with a code of its own
 * and is reaped by its forker, which reports through its own exit status; the first process
 * checks every forker's status. Optional argument: children per forker (default 12).
 */
#include "smp.h"
#include <stdlib.h>
#include <sys/wait.h>

#define NPROC 4

static int forker(int id, int nkids)
{
	int j, st, bad = 0;

	for (j = 0; j < nkids; j++) {
		pid_t p = fork();
		if (p < 0)
			return 10;
		if (p == 0)
			_exit((id * 16 + j) & 0x7f);
		if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != ((id * 16 + j) & 0x7f))
			bad++;
	}
	return bad ? 20 + (bad > 9 ? 9 : bad) : 0;
}

int main(int argc, char **argv)
{
	int nkids = argc > 1 ? atoi(argv[1]) : 12;
	pid_t pids[NPROC];
	int i, st;

	if (nkids < 1)
		nkids = 1;
	for (i = 0; i < NPROC; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(forker(i, nkids));
		ft_check(pids[i] > 0, "forkers.start", "fork of a forker failed");
	}
	for (i = 0; i < NPROC; i++) {
		int ok = pids[i] > 0 && waitpid(pids[i], &st, 0) == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0;
		char name[32];
		snprintf(name, sizeof name, "forkers.forker%d", i);
		ft_check(ok, name, "a child was lost, misreported, or a fork failed");
	}
	printf("forkers: %d processes x %d children\n", NPROC, nkids);
	return ft_done();
}
