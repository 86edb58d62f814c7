/*
 * reap.c — 50 children reaped (issue 3 acceptance): each child exits with its own index; wait()
 * returns 50 distinct pids, each one of ours, each with the status its child exited with; then
 * wait() and waitpid() fail with ECHILD. Also waitpid for specific pids in reverse order.
 */
#include "ftest.h"

#define N 50

int main(void)
{
	pid_t pids[N], w;
	int seen[N], i, j, st, bad_status = 0, unknown = 0, dup = 0, n = 0;

	for (i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			volatile char touch[2048];
			touch[0] = (char)i;
			touch[2047] = touch[0];
			exit(i);
		}
		if (pids[i] < 0) {
			ft_fail("reap.fork", "child %d: %s", i, strerror(errno));
			break;
		}
		seen[i] = 0;
	}
	n = i;
	for (i = 0; i < n; i++) {
		do
			w = wait(&st);
		while (w < 0 && errno == EINTR);
		if (w < 0) {
			ft_fail("reap.wait", "wait %d of %d: %s", i + 1, n, strerror(errno));
			break;
		}
		for (j = 0; j < n && pids[j] != w; j++)
			;
		if (j == n) {
			unknown++;
			continue;
		}
		if (seen[j]++)
			dup++;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != j)
			bad_status++;
	}
	ft_check(n == N, "reap.forked_50", "forked %d", n);
	ft_check(unknown == 0 && dup == 0, "reap.distinct_pids", "%d unknown pids, %d reaped twice", unknown, dup);
	for (i = 0, j = 0; i < n; i++)
		j += seen[i] == 1;
	ft_check(j == n, "reap.all_reaped", "%d of %d reaped", j, n);
	ft_check(bad_status == 0, "reap.statuses", "%d children with the wrong status", bad_status);
	for (i = 0, j = 0; i < n; i++) {
		int k;
		for (k = i + 1; k < n; k++)
			j += pids[i] == pids[k];
	}
	ft_check(j == 0, "reap.fork_returned_distinct_pids", "%d duplicates", j);
	ft_errno(wait(&st), ECHILD, "reap.wait_echild");
	ft_errno(waitpid(-1, &st, WNOHANG), ECHILD, "reap.waitpid_echild");
	ft_errno(waitpid(pids[0], &st, 0), ECHILD, "reap.waitpid_reaped_pid_echild");

	/* specific pids, newest first */
	for (i = 0; i < 10; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			exit(100 + i);
	}
	for (i = 9, j = 0; i >= 0; i--) {
		do
			w = waitpid(pids[i], &st, 0);
		while (w < 0 && errno == EINTR);
		j += w == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 100 + i;
	}
	ft_check(j == 10, "reap.waitpid_specific", "%d of 10 came back right", j);
	ft_errno(wait(&st), ECHILD, "reap.echild_again");
	return ft_done();
}
