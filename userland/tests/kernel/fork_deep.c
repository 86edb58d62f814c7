/*
 * fork_deep.c — a deep call chain across fork: every frame keeps values in its locals (register
 * windows), fork happens at the bottom, and the child returns through every frame checking them.
 * The kernel must flush the parent's register windows to the stack before as_dup, or the child
 * unwinds through frames that were never written to memory. Prints PASS/FAIL; exit 0 on PASS.
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include <stdlib.h>

#define DEPTH 300

static int bottom(void) {
	pid_t pid = fork1();
	if (pid < 0) { printf("FAIL fork_deep: fork1 failed\n"); exit(1); }
	return pid;
}

/* Each level keeps a, b, c live across the call (they end up in %l/%i registers). */
static int chain(int n, int *pid_out) {
	int a = n * 7 + 1, b = n ^ 0x5a5a, c = a + b;
	int r;
	if (n == DEPTH) { *pid_out = bottom(); return 0; }
	r = chain(n + 1, pid_out);
	if (a != n * 7 + 1 || b != (n ^ 0x5a5a) || c != a + b) return r + 1;   /* a broken frame */
	return r;
}

int main(void) {
	int pid = -1;
	int bad = chain(0, &pid);
	if (pid == 0) {
		/* child: every frame must have come back intact */
		_exit(bad == 0 ? 0 : 10 + (bad > 100 ? 100 : bad));
	}
	int st = 0;
	if (waitpid(pid, &st, 0) != pid) { printf("FAIL fork_deep: waitpid\n"); return 1; }
	if (bad != 0) { printf("FAIL fork_deep: parent saw %d broken frames\n", bad); return 1; }
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		if (WIFEXITED(st)) printf("FAIL fork_deep: child saw broken frames (status %d)\n", WEXITSTATUS(st));
		else printf("FAIL fork_deep: child killed by signal %d\n", WTERMSIG(st));
		return 1;
	}
	printf("PASS fork_deep\n");
	return 0;
}
