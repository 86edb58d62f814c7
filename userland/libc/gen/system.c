/*
 * system.c — system(3C): runs a command with /bin/sh -c in a vfork child (mirrors what Solaris
 * libc's port/stdio/system.c guarantees; own code). While it waits, SIGINT and SIGQUIT are
 * ignored and SIGCHLD is blocked in the caller; the child gets the caller's dispositions and
 * mask back before the exec. The shell's wait status is returned (127 << 8 when it could not be
 * run), or -1 with errno when no child could be made.
 */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <errno.h>
#include <sys/wait.h>

#define SHELL "/bin/sh"

int system(const char *cmd)
{
	struct sigaction ign, oint, oquit;
	sigset_t chld, omask;
	pid_t pid;
	int status, e;

	if (cmd == NULL)
		return access(SHELL, X_OK) == 0;
	ign.sa_handler = SIG_IGN;
	ign.sa_flags = 0;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &omask);
	pid = vfork();
	if (pid == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		sigprocmask(SIG_SETMASK, &omask, NULL);
		execl(SHELL, "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid < 0) {
		status = -1;
	} else {
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				status = -1;
				break;
			}
		}
	}
	e = errno;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigprocmask(SIG_SETMASK, &omask, NULL);
	errno = e;
	return status;
}
