/*
 * init_shield.c — init cannot be killed or stopped by the program it runs: kill(1, SIGKILL) and
 * kill(1, SIGSTOP) fail with EPERM, kill(1, SIGTERM) is accepted and discarded (init does not
 * catch it), and the program runs in its own session and process group, so kill(0, sig) reaches
 * only the program's group. Init still reaps the program and passes its status on: the program
 * ends by kill(0, SIGKILL) itself (EXPECT-STATUS 137), which would halt the machine with init's
 * death and lose this output if init were in the group.
 */
#include "sigtest.h"
#include <sys/wait.h>
#include <stdlib.h>
#include <sched.h>

int main(void)
{
	int pid, st = 0;

	printf("EXPECT-STATUS 137\n");
	CHECK("own_session", getsid(0) == getpid());
	CHECK("own_group", getpgrp() == getpid());
	CHECK("init_elsewhere", getpgid(1) != getpgrp());
	CHECK("kill_init_sigkill_eperm", kill(1, SIGKILL) == -1 && errno == EPERM);
	CHECK("kill_init_sigstop_eperm", kill(1, SIGSTOP) == -1 && errno == EPERM);
	CHECK("kill_init_probe", kill(1, 0) == 0);
	CHECK("kill_init_sigterm_discarded", kill(1, SIGTERM) == 0);
	CHECK("kill_init_sigsegv_discarded", kill(1, SIGSEGV) == 0);
	CHECK("kill_all_sigterm", signal(SIGTERM, SIG_IGN) != SIG_ERR && kill(-1, SIGTERM) == 0);
	/* A child in our group signals the group with SIGTERM (ignored here): init is not in it. */
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(kill(0, SIGTERM) == 0 ? 0 : 1);
	CHECK("group_kill_child", waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	sched_yield();
	CHECK("init_alive", kill(1, 0) == 0 && getppid() == 1);
	printf("PASS before_group_sigkill\n");
	fflush(stdout);
	kill(0, SIGKILL);
	printf("FAIL survived_group_sigkill\n");
	return 1;
}
