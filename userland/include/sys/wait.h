/*
 * sys/wait.h — wait status decoding for the Solaris encoding (exited: code<<8; killed: sig;
 * core dumped: sig|0200; stopped: sig<<8|0177; continued: 0177777) and the wait family
 * (mirrors uts/common/sys/wait.h and libc's waitpid.c on the waitsys trap). Leaves out wait3/wait4.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>
#include <signal.h>

#define WEXITED 0001
#define WTRAPPED 0002
#define WUNTRACED 0004
#define WSTOPPED WUNTRACED
#define WCONTINUED 0010
#define WNOHANG 0100
#define WNOWAIT 0200

#define WCOREFLG 0200

#define WIFEXITED(s) ((int)((s) & 0xFF) == 0)
#define WEXITSTATUS(s) ((int)(((s) >> 8) & 0xFF))
#define WIFSIGNALED(s) ((int)((s) & 0xFF) > 0 && (int)((s) & 0xFF00) == 0)
#define WTERMSIG(s) ((int)((s) & 0x7F))
#define WCOREDUMP(s) ((s) & WCOREFLG)
#define WIFSTOPPED(s) ((int)((s) & 0xFF) == 0177 && (int)((s) & 0xFF00) != 0)
#define WSTOPSIG(s) ((int)(((s) >> 8) & 0xFF))
#define WIFCONTINUED(s) ((int)((s) & 0xFFFF) == 0177777)

typedef enum { P_PID = 0, P_PPID, P_PGID, P_SID, P_CID, P_UID, P_GID, P_ALL } idtype_t;

/* waitid(): waitsys(idtype, id, info, options); 0 or -1 with errno. */
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options);
/* waitpid(): the child's pid (0 with WNOHANG and nothing to reap) and its status word, or -1. */
pid_t waitpid(pid_t pid, int *status, int options);
/* wait(): waitpid(-1, status, 0). */
pid_t wait(int *status);

#endif
