/*
 * pgrp.c — process groups and sessions, each a subcode of the pgrpsys trap (39): getpgrp 0,
 * setpgrp 1, getsid 2, setsid 3, getpgid 4, setpgid 5 (mirrors Solaris libc's port/sys/
 * setpgrp.c etc. over uts/common/syscall/pgrpsys.c). setpgrp and setsid return the session id.
 */
#include <unistd.h>

extern int _pgrpsys(int op, long pid, long pgid);

pid_t getpgrp(void)
{
	return _pgrpsys(0, 0, 0);
}

pid_t setpgrp(void)
{
	return _pgrpsys(1, 0, 0);
}

pid_t getsid(pid_t pid)
{
	return _pgrpsys(2, pid, 0);
}

pid_t setsid(void)
{
	return _pgrpsys(3, 0, 0);
}

pid_t getpgid(pid_t pid)
{
	return _pgrpsys(4, pid, 0);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return _pgrpsys(5, pid, pgid) < 0 ? -1 : 0;
}
