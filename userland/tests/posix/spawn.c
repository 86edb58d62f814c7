/*
 * spawn.c — posix_spawn()/posix_spawnp() with Solaris semantics: the child's exit status and pid;
 * file actions in order (addopen onto stdout, adddup2, addclose: the child sees them, the parent
 * keeps its descriptors); a failing exec or file action is the return value (ENOENT, EBADF) with
 * no child left behind; POSIX_SPAWN_SETPGROUP, SETSIGMASK and SETSIGDEF reach the new program
 * (this program run again as `/bin/posix_spawn report`); posix_spawnp searches PATH; bad flags
 * and bad descriptors are EINVAL/EBADF.
 */
#include <spawn.h>
#include <fcntl.h>
#include <signal.h>
#include "../fork/ftest.h"

#define SELF "/bin/posix_spawn"
extern char **environ;

/* `report`: print what the spawned program inherited: pgid == pid?, SIGUSR1 blocked?, SIGUSR2 ignored? */
static int report(void)
{
	struct sigaction sa;
	sigset_t m;

	sigprocmask(SIG_SETMASK, NULL, &m);
	sigaction(SIGUSR2, NULL, &sa);
	printf("pgrp=%d blocked=%d ignored=%d\n", getpgid(0) == getpid(), sigismember(&m, SIGUSR1) == 1,
	    sa.sa_handler == SIG_IGN);
	return 0;
}

static int wait_exit(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Spawn SELF report with attrp, stdout to /tmp/sp_r; returns its line. */
static char *spawn_report(const posix_spawnattr_t *attrp, int *rc)
{
	posix_spawn_file_actions_t fa;
	char *av[] = { SELF, "report", NULL };
	pid_t pid = 0;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/tmp/sp_r", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	*rc = posix_spawn(&pid, SELF, &fa, attrp, av, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (*rc == 0 && wait_exit(pid) != 0)
		*rc = -1;
	return ft_slurp("/tmp/sp_r");
}

int main(int argc, char **argv)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	pid_t pid = 0;
	int r, fd, st;
	char *sh_exit[] = { "sh", "-c", "exit 7", NULL };

	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return report();
	fflush(stdout);

	r = posix_spawn(&pid, "/bin/sh", NULL, NULL, sh_exit, environ);
	ft_check(r == 0 && pid > 0 && wait_exit(pid) == 7, "posix_spawn runs the program; its exit status", "r %d", r);

	pid = -5;
	r = posix_spawn(&pid, "/bin/no_such_program", NULL, NULL, sh_exit, environ);
	ft_check(r == ENOENT && pid == -5, "exec failure: posix_spawn returns ENOENT, *pid untouched", "r %d pid %ld", r, (long)pid);
	ft_check(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, "the failed child was reaped", "errno %d", errno);
	r = posix_spawn(&pid, "/tmp", NULL, NULL, sh_exit, environ);
	ft_check(r == EACCES, "exec of a directory: EACCES", "r %d", r);

	/* file actions, in order: open onto 1, dup 1 onto 2, close a descriptor the parent keeps */
	fd = open("/tmp/sp_keep", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_init(&fa);
	ft_check(posix_spawn_file_actions_addopen(&fa, 1, "/tmp/sp_out", O_WRONLY | O_CREAT | O_TRUNC, 0644) == 0 &&
	    posix_spawn_file_actions_adddup2(&fa, 1, 2) == 0 && posix_spawn_file_actions_addclose(&fa, fd) == 0,
	    "file actions are accepted", "failed");
	{
		char *av[] = { "sh", "-c", "echo out; nosuchcmd; echo text >&9", NULL };
		r = posix_spawn(&pid, "/bin/sh", &fa, NULL, av, environ);
		ft_check(r == 0 && wait_exit(pid) == 1 && strcmp(ft_slurp("/tmp/sp_out"), "out\nsh: nosuchcmd: not found\nsh: 9: bad file descriptor\n") == 0,
		    "addopen and adddup2 take effect in the child", "r %d, file '%s'", r, ft_slurp("/tmp/sp_out"));
		ft_check(fcntl(fd, F_GETFD) >= 0 && fcntl(1, F_GETFD) >= 0, "the parent's descriptors are untouched", "errno %d", errno);
	}
	posix_spawn_file_actions_destroy(&fa);
	{
		char *av[] = { "sh", "-c", "exit 0", NULL };
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addclose(&fa, 57);
		r = posix_spawn(&pid, "/bin/sh", &fa, NULL, av, environ);
		ft_check(r == EBADF, "a failing file action (close of a closed descriptor) is returned: EBADF", "r %d", r);
		posix_spawn_file_actions_destroy(&fa);
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 3, "/tmp/none/x", O_RDONLY, 0);
		r = posix_spawn(&pid, "/bin/sh", &fa, NULL, av, environ);
		ft_check(r == ENOENT, "a failing addopen is returned: ENOENT", "r %d", r);
		ft_check(posix_spawn_file_actions_addclose(&fa, -1) == EBADF && posix_spawn_file_actions_adddup2(&fa, 0, -2) == EBADF,
		    "negative descriptors: EBADF", "accepted");
		posix_spawn_file_actions_destroy(&fa);
	}
	close(fd);

	/* attributes */
	ft_check(posix_spawnattr_init(&at) == 0, "posix_spawnattr_init", "failed");
	{
		short fl = -1;
		ft_check(posix_spawnattr_getflags(&at, &fl) == 0 && fl == 0, "default flags are 0", "flags %d", fl);
		ft_check(posix_spawnattr_setflags(&at, 0x0400) == EINVAL, "an unknown flag: EINVAL", "accepted");
	}
	{
		struct sigaction ign;
		sigset_t m;
		memset(&ign, 0, sizeof(ign));
		ign.sa_handler = SIG_IGN;
		sigaction(SIGUSR2, &ign, NULL);	/* an ignored signal stays ignored across exec */
		ft_check(strcmp(spawn_report(&at, &r), "pgrp=0 blocked=0 ignored=1\n") == 0 && r == 0, "no flags: nothing changes",
		    "r %d, got '%s'", r, ft_slurp("/tmp/sp_r"));
		sigemptyset(&m);
		sigaddset(&m, SIGUSR1);
		posix_spawnattr_setsigmask(&at, &m);
		sigemptyset(&m);
		sigaddset(&m, SIGUSR2);
		posix_spawnattr_setsigdefault(&at, &m);
		posix_spawnattr_setpgroup(&at, 0);
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
		ft_check(strcmp(spawn_report(&at, &r), "pgrp=1 blocked=1 ignored=0\n") == 0 && r == 0,
		    "SETPGROUP, SETSIGMASK and SETSIGDEF reach the new program", "r %d, got '%s'", r, ft_slurp("/tmp/sp_r"));
		sigprocmask(SIG_SETMASK, NULL, &m);
		sigaction(SIGUSR2, NULL, &ign);
		ft_check(sigismember(&m, SIGUSR1) == 0 && ign.sa_handler == SIG_IGN, "the parent's mask and dispositions are its own",
		    "changed");
		posix_spawnattr_setpgroup(&at, 99999);
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
		spawn_report(&at, &r);
		ft_check(r == EPERM || r == ESRCH, "SETPGROUP to a group that does not exist fails in the child", "r %d", r);
		ft_check(posix_spawnattr_setschedpolicy(&at, 77) == EINVAL, "an unknown scheduling policy: EINVAL", "accepted");
	}
	ft_check(posix_spawnattr_destroy(&at) == 0, "posix_spawnattr_destroy", "failed");
	{
		char *av[] = { "sh", "-c", "exit 3", NULL };
		ft_check(posix_spawnp(&pid, "sh", NULL, NULL, av, environ) == 0 && wait_exit(pid) == 3, "posix_spawnp finds sh in PATH",
		    "failed");
		ft_check(posix_spawnp(&pid, "no_such_program_xyz", NULL, NULL, av, environ) == ENOENT, "posix_spawnp: ENOENT",
		    "failed");
		ft_check(posix_spawnp(&pid, "", NULL, NULL, av, environ) == EACCES, "posix_spawnp of an empty name: EACCES (as Solaris)", "failed");
	}
	return ft_done();
}
