/*
 * wait.c — waitid(), waitpid() and wait() on the waitsys trap (107) (mirrors Solaris libc's
 * port/gen/waitpid.c): waitpid maps pid to an idtype (>0 P_PID, -1 P_ALL, <-1 P_PGID(-pid),
 * 0 P_PGID(getpgid(0))), waits with WEXITED|WTRAPPED and rebuilds the status word from the
 * siginfo's si_code/si_status. waitid is not restarted after a signal (EINTR reaches the caller).
 */
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>
#include <errno.h>

extern int waitsys(int idtype, long id, siginfo_t *info, int options);
extern void __cancel_enter(void), __cancel_leave(void);

/* waitid() is a cancellation point (and so are waitpid and wait, which call it). */
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
	int r;

	__cancel_enter();
	r = waitsys((int)idtype, (long)id, info, options);
	__cancel_leave();
	return r;
}

static int status_of(const siginfo_t *info)
{
	int st = info->si_status;

	switch (info->si_code) {
	case CLD_EXITED:
		return (st & 0377) << 8;
	case CLD_KILLED:
		return st & 0177;
	case CLD_DUMPED:
		return (st & 0177) | WCOREFLG;
	case CLD_TRAPPED:
	case CLD_STOPPED:
		return ((st & 0377) << 8) | 0177;
	case CLD_CONTINUED:
		return 0177777;
	}
	return 0;
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	siginfo_t info;
	idtype_t type;
	id_t id;

	if (pid > 0) {
		type = P_PID;
		id = pid;
	} else if (pid < -1) {
		type = P_PGID;
		id = -pid;
	} else if (pid == 0) {
		type = P_PGID;
		id = getpgid(0);
		if (id < 0)
			return -1;
	} else {
		type = P_ALL;
		id = 0;
	}
	memset(&info, 0, sizeof(info));
	if (waitid(type, id, &info, options | WEXITED | WTRAPPED) < 0)
		return -1;
	if (info.si_pid == 0)
		return 0;	/* WNOHANG and no child ready */
	if (status != NULL)
		*status = status_of(&info);
	return info.si_pid;
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}
