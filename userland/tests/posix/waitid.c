/*
 * waitid.c — waitid()'s argument checks as illumos makes them: P_PID and P_PGID with id < 0 or
 * id >= maxpid (30000) are EINVAL, so are P_PPID, P_SID and the other idtypes and bad options;
 * a valid id with no such child is ECHILD. A child waited for by P_PID and by P_PGID reports its
 * pid and status (the checks leave it alone until then, so nothing is reaped by mistake).
 */
#include <sys/wait.h>
#include "../fork/ftest.h"

#define MAXPID 30000

int main(void)
{
	siginfo_t si;
	pid_t pid;

	ft_errno(waitid(P_PID, -1, &si, WEXITED), EINVAL, "P_PID id -1");
	ft_errno(waitid(P_PID, MAXPID, &si, WEXITED), EINVAL, "P_PID id maxpid");
	ft_errno(waitid(P_PID, 0x7fffffff, &si, WEXITED), EINVAL, "P_PID id huge");
	ft_errno(waitid(P_PGID, -5, &si, WEXITED), EINVAL, "P_PGID id -5");
	ft_errno(waitid(P_PGID, MAXPID + 1, &si, WEXITED), EINVAL, "P_PGID id maxpid+1");
	ft_errno(waitid(P_PPID, getpid(), &si, WEXITED), EINVAL, "P_PPID rejected");
	ft_errno(waitid(P_SID, getsid(0), &si, WEXITED), EINVAL, "P_SID rejected");
	ft_errno(waitid(P_UID, 0, &si, WEXITED), EINVAL, "P_UID rejected");
	ft_errno(waitid((idtype_t)42, 0, &si, WEXITED), EINVAL, "unknown idtype");
	ft_errno(waitid(P_ALL, 0, &si, 0), EINVAL, "no options");
	ft_errno(waitid(P_ALL, 0, &si, WEXITED | 0x10000), EINVAL, "unknown option");
	ft_errno(waitid(P_PID, MAXPID - 1, &si, WEXITED | WNOHANG), ECHILD, "P_PID maxpid-1 is valid: ECHILD");
	ft_errno(waitid(P_ALL, -1, &si, WEXITED | WNOHANG), ECHILD, "P_ALL ignores the id: ECHILD");

	pid = fork();
	if (pid == 0)
		_exit(7);
	ft_check(pid > 0, "fork", "errno %d", errno);
	ft_errno(waitid(P_PID, -pid, &si, WEXITED), EINVAL, "P_PID -pid (a waitpid-style id) is EINVAL");
	memset(&si, 0, sizeof(si));
	ft_check(waitid(P_PGID, getpgid(0), &si, WEXITED | WNOWAIT) == 0 && si.si_pid == pid && si.si_code == CLD_EXITED &&
	    si.si_status == 7, "P_PGID own group sees the child (WNOWAIT)", "pid %ld code %d status %d",
	    (long)si.si_pid, si.si_code, si.si_status);
	memset(&si, 0, sizeof(si));
	ft_check(waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_pid == pid && si.si_status == 7,
	    "P_PID reaps the child", "pid %ld status %d errno %d", (long)si.si_pid, si.si_status, errno);
	ft_errno(waitid(P_PID, pid, &si, WEXITED | WNOHANG), ECHILD, "reaped: ECHILD");
	return ft_done();
}
