/*
 * fork.c — the fork+wait workload of `npm run bench` (built as userland/bin/sparc/bench_fork):
 * `bench_fork MIB K` allocates MIB MiB, touches every page (so each is a private anon page), then
 * forks K times; each child calls _exit(0) at once and the parent waits for it. Exit status 0 on
 * success, 1 on bad arguments, 2 when malloc fails, 3 when fork fails, 4 when wait goes wrong.
 * Prints one line at the end; bench.ts treats a nonzero status as "fork not available".
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	long mib, k, i, off;
	unsigned long bytes;
	volatile char *buf;
	int status;
	pid_t pid;

	if (argc != 3)
		return 1;
	mib = atol(argv[1]);
	k = atol(argv[2]);
	if (mib < 0 || k < 0)
		return 1;
	bytes = (unsigned long)mib << 20;
	buf = malloc(bytes ? bytes : 1);
	if (buf == NULL)
		return 2;
	for (off = 0; (unsigned long)off < bytes; off += 4096)
		buf[off] = (char)off;
	for (i = 0; i < k; i++) {
		pid = fork();
		if (pid < 0)
			return 3;
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			return 4;
	}
	printf("forked %ld times with %ld MiB touched\n", k, mib);
	return 0;
}
