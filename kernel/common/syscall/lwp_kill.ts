/*
 * kernel/common/syscall/lwp_kill.ts — lwp_kill(2) (mirrors uts/common/syscall/lwp_sobj.c's
 * lwp_kill in effect): send a signal to one LWP of the calling process, with si_code SI_LWP.
 * libc's pthread_kill and pthread_cancel (SIGCANCEL) use it.
 */

import type { SysHandler, SysRet } from './syscall_table.ts';
import type { KGen } from '../sys/thread.ts';
import { TS_ZOMB } from '../sys/thread.ts';
import { EINVAL, ESRCH } from '../sys/errno.ts';
import { NSIG } from '../sys/signal.ts';
import { curthread } from '../os/kglobals.ts';
import { mutex_enter, mutex_exit } from '../sys/mutex.ts';
import { SI_LWP, sigtoproc } from '../os/sig.ts';

/**
 * lwp_kill(lwpid, sig) — post sig to LWP lwpid of the caller's process (sig 0 only checks that
 * it exists). EINVAL for a bad signal, ESRCH for no such (or an exited) LWP. Takes p_lock.
 */
function* lwp_kill(args: number[]): KGen<SysRet> {
  const id = args[0] | 0;
  const sig = args[1] | 0;
  if (sig < 0 || sig >= NSIG) return { error: EINVAL, rval1: 0, rval2: 0 };
  const t = curthread();
  const p = t.t_procp;
  yield* mutex_enter(p.p_lock);
  const o = p.p_lwpdir.get(id)?.le_thread ?? null;
  if (o === null || o.t_state === TS_ZOMB) {
    mutex_exit(p.p_lock);
    return { error: ESRCH, rval1: 0, rval2: 0 };
  }
  if (sig !== 0) sigtoproc(p, o, sig, { si_signo: sig, si_code: SI_LWP, si_errno: 0, si_pid: p.p_pid, si_uid: p.p_uid });
  mutex_exit(p.p_lock);
  return { error: 0, rval1: 0, rval2: 0 };
}

/** Handlers by sysent name. */
export const SYSCALLS_LWP_KILL: Record<string, SysHandler> = { lwp_kill };
