/*
 * sys/lwp.h — the LWP system calls as libc's _lwp_* names (mirrors Solaris uts/common/sys/lwp.h
 * and the libc wrappers): create, exit, self, wait, suspend, continue, and the lwp_create flags.
 * Leaves out _lwp_info (no trap for it yet).
 */
#ifndef _SYS_LWP_H
#define _SYS_LWP_H

#include <sys/types.h>
#include <sys/ucontext.h>

#define LWP_DAEMON 0x00000020
#define LWP_DETACHED 0x00000040
#define LWP_SUSPENDED 0x00000080

/* _lwp_create(): a new LWP in this process starting from ucp's registers and signal mask; its
   id is stored in *new_lwp before it runs. 0, or -1 with errno (EAGAIN, EFAULT, EINVAL). */
int _lwp_create(ucontext_t *ucp, unsigned long flags, lwpid_t *new_lwp);
/* _lwp_exit(): ends the calling LWP (the process, if it is the last one). */
void _lwp_exit(void) __attribute__((noreturn));
/* _lwp_self(): the calling LWP's id. */
lwpid_t _lwp_self(void);
/* _lwp_wait(): waits for non-detached LWP `lwp` (0 = any) to exit; its id in *departed.
   0, or -1 with errno (ESRCH, EDEADLK, EINTR). */
int _lwp_wait(lwpid_t lwp, lwpid_t *departed);
/* _lwp_suspend(): stops LWP `lwp` of this process and returns once it is stopped;
   0, or -1 with errno (ESRCH no such LWP, EDEADLK when it would suspend the last running one). */
int _lwp_suspend(lwpid_t lwp);
/* _lwp_continue(): resumes a suspended LWP (or one created LWP_SUSPENDED); 0, or -1 (ESRCH). */
int _lwp_continue(lwpid_t lwp);
/* _lwp_kill(): sends sig to LWP `lwp` of this process (0 only checks it exists); 0, or -1 with
   errno (ESRCH, EINVAL). */
int _lwp_kill(lwpid_t lwp, int sig);

#endif
