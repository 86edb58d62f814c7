/*
 * jobctl.c — job control: a stop signal's default action stops the process (waitpid(WUNTRACED)
 * reports WIFSTOPPED with the signal), SIGCONT continues it (waitpid(WCONTINUED) reports
 * WIFCONTINUED) and it then runs to its exit; SIGKILL ends a stopped process; a stopped child
 * really does not run. Prints PASS/FAIL lines; exit 0 when all pass.
 */
#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <sched.h>
#include <sys/wait.h>
#include <stdlib.h>

static int fails;
#define CHECK(name, cond) do { if (cond) printf("PASS %s\n", name); else { printf("FAIL %s\n", name); fails++; } } while (0)

int main(void) {
	int st, fd[2];
	char c;
	pid_t pid;

	/* SIGSTOP to itself, then continue, then exit 7. */
	if (pipe(fd) != 0) return 1;
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		kill(getpid(), SIGSTOP);
		write(fd[1], "r", 1);          /* only after SIGCONT */
		_exit(7);
	}
	close(fd[1]);
	CHECK("jobctl.stopped", waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	for (int i = 0; i < 20; i++) sched_yield();
	CHECK("jobctl.no_exit_while_stopped", waitpid(pid, &st, WNOHANG) == 0);
	CHECK("jobctl.cont_sent", kill(pid, SIGCONT) == 0);
	CHECK("jobctl.continued", waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
	CHECK("jobctl.runs_after_cont", read(fd[0], &c, 1) == 1 && c == 'r');
	CHECK("jobctl.exit_after_cont", waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7);
	close(fd[0]);

	/* SIGTSTP's default action stops too; SIGKILL ends a stopped process. */
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTSTP);
		_exit(8);
	}
	CHECK("jobctl.tstp_stops", waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP);
	kill(pid, SIGKILL);
	CHECK("jobctl.kill_stopped", waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	/* A caught SIGTSTP does not stop. */
	signal(SIGTSTP, SIG_IGN);
	raise(SIGTSTP);
	CHECK("jobctl.ignored_tstp_runs_on", 1);
	return fails != 0;
}
