/*
 * helper.c — fork_helper, the program the fork tests exec. With no arguments it checks its own
 * start-up (argc, argv, pid/ppid) and prints PASS lines like any test. With a mode it answers one
 * question through its exit status (0 = yes/ok, 1 = no): exit N; args A B... (argv[2..] equal
 * A B...); env NAME VALUE; pid N (getpid() == N); ppid N; fdclosed N (fd N is not open);
 * fdopen N; sigdfl SIG; sigign SIG (the disposition after exec); mask SIG (SIG is blocked);
 * sleep (blocks reading fd 0 until EOF or a signal); argv0 NAME (argv[0] is NAME); kill SIG
 * (dies of SIG, sent to itself).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <errno.h>

static int disposition(int sig, sighandler_t want)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) < 0)
		return 1;
	return sa.sa_handler == want ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	long n = argc > 2 ? strtol(argv[2], NULL, 0) : 0;

	if (argc <= 1) {
		int ok = argc == 1 && argv[0] != NULL && argv[1] == NULL && getpid() > 0 &&
		    getppid() != getpid();
		printf("%s helper.startup\n", ok ? "PASS" : "FAIL");
		return ok ? 0 : 1;
	}
	if (strcmp(mode, "exit") == 0)
		return (int)n;
	if (strcmp(mode, "args") == 0) {
		/* argv[2..] must be "A" "B c" "" (an empty string and an embedded space survive exec) */
		return argc == 5 && strcmp(argv[2], "A") == 0 && strcmp(argv[3], "B c") == 0 &&
		    strcmp(argv[4], "") == 0 && argv[5] == NULL ? 0 : 1;
	}
	if (strcmp(mode, "env") == 0) {
		const char *v = argc > 3 ? getenv(argv[2]) : NULL;
		return v != NULL && strcmp(v, argv[3]) == 0 ? 0 : 1;
	}
	if (strcmp(mode, "pid") == 0)
		return getpid() == n ? 0 : 1;
	if (strcmp(mode, "ppid") == 0)
		return getppid() == n ? 0 : 1;
	if (strcmp(mode, "fdclosed") == 0)
		return fcntl((int)n, F_GETFD, 0) == -1 && errno == EBADF ? 0 : 1;
	if (strcmp(mode, "fdopen") == 0)
		return fcntl((int)n, F_GETFD, 0) >= 0 ? 0 : 1;
	if (strcmp(mode, "sigdfl") == 0)
		return disposition((int)n, SIG_DFL);
	if (strcmp(mode, "sigign") == 0)
		return disposition((int)n, SIG_IGN);
	if (strcmp(mode, "mask") == 0) {
		sigset_t set;
		if (sigprocmask(SIG_BLOCK, NULL, &set) < 0)
			return 1;
		return sigismember(&set, (int)n) == 1 ? 0 : 1;
	}
	if (strcmp(mode, "argv0") == 0)
		return argc > 2 && strcmp(argv[0], argv[2]) == 0 ? 0 : 1;
	if (strcmp(mode, "kill") == 0) {
		kill(getpid(), (int)n);
		return 1;	/* still alive: the signal did not kill */
	}
	if (strcmp(mode, "sleep") == 0) {
		char c;
		while (read(0, &c, 1) > 0)
			;
		return 0;
	}
	fprintf(stderr, "fork_helper: unknown mode %s\n", mode);
	return 2;
}
