/*
 * fork_errno.c — what a caller sees when fork fails: prints the errno of the first fork1()
 * (or "ok"), then shows the system still works: a second fork1() succeeds and is reaped, and a
 * write to a fresh heap page in the parent still works. Used with --inject SITE by the kernel
 * tests. Exit 0 when the follow-up fork worked.
 */
#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>

static char big[3 * 4096];

int main(void) {
	int st;
	big[5000] = 1;
	pid_t pid = fork1();
	if (pid == 0) _exit(0);
	if (pid < 0) printf("first fork1: errno %d\n", errno);
	else { printf("first fork1: ok\n"); waitpid(pid, &st, 0); }
	pid = fork1();
	if (pid == 0) { big[9000] = 2; _exit(big[5000] == 1 ? 5 : 6); }
	if (pid < 0) { printf("second fork1: errno %d\n", errno); return 1; }
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 5) { printf("second child: bad status %x\n", st); return 1; }
	char *p = malloc(100000);
	p[99999] = 3;
	printf("recovered: second fork1 ok, heap ok\n");
	return 0;
}
