/*
 * kernel/common/syscall/sigtimedwait.ts — sigtimedwait(2) (mirrors uts/common/syscall/sigtimedwait.c
 * in effect): accept one of a set of signals instead of having it delivered. The set's signals
 * wake the caller although it holds them (sig.ts sigwait_set), and one that is ignored by
 * default stays pending for it. libc's sigwait, sigwaitinfo and sigtimedwait use it.
 */

import type { SysHandler, SysRet } from './syscall_table.ts';
import type { KGen } from '../sys/thread.ts';
import { EAGAIN, EFAULT, EINTR, EINVAL } from '../sys/errno.ts';
import { curkernel, curthread } from '../os/kglobals.ts';
import { copyin, copyout } from '../os/copy.ts';
import { mutex_enter, mutex_exit } from '../sys/mutex.ts';
import { KCondvar, cv_timedwait_sig, cv_wait_sig } from '../sys/condvar.ts';
import { CANTMASK, FILLSET, issig, sigdeq, sig_set_waitset, siginfo_encode } from '../os/sig.ts';
import { copyin_sigset } from '../os/sig_syscalls.ts';
import { gethrtime } from '../os/timers.ts';
import { NSEC_PER_TICK } from '../os/proc_syscalls.ts';
import { fail } from './sysret.ts';

/** Private sleep channel per kernel (nothing signals it: only a signal or the timeout ends the wait). */
const wait_cvs = new WeakMap<object, KCondvar>();


/** Lowest-numbered signal of a nonempty set. */
function lowest(set: bigint): number {
  let n = 1;
  while (!(set & 1n)) { set >>= 1n; n++; }
  return n;
}

/**
 * sigtimedwait(set, info, timeout) — wait until a signal of `set` is pending for the lwp or its
 * process, take it off the pending set, store its siginfo in *info (when info is not NULL) and
 * return its number. timeout NULL waits for ever; a zero timeout only polls. EAGAIN when the
 * time runs out, EINTR when another signal is to be delivered first, EINVAL for a bad timespec,
 * EFAULT for bad pointers. SIGKILL and SIGSTOP cannot be waited for.
 */
function* sigtimedwait(args: number[]): KGen<SysRet> {
  const [setp, infop, tsp] = args.map((a) => a >>> 0);
  const k = curkernel();
  const t = curthread();
  const p = t.t_procp;
  if (!p.p_as) return fail(EFAULT);
  const s = copyin_sigset(t, setp);
  if (s === null) return fail(EFAULT);
  const set = s & FILLSET & ~CANTMASK;
  const le = !k.md.elf.bigEndian;
  let deadline = -1;            // -1: no timeout; otherwise an absolute lbolt (lbolt itself: poll)
  if (tsp !== 0) {
    const r = copyin(p.p_as, tsp, 8);
    if (r.error) return fail(EFAULT);
    const dv = new DataView(r.data.buffer, r.data.byteOffset, 8);
    const sec = dv.getInt32(0, le), nsec = dv.getInt32(4, le);
    if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000) return fail(EINVAL);
    deadline = sec === 0 && nsec === 0 ? k.lbolt
      : k.lbolt + Math.max(1, Math.ceil((gethrtime(k) + sec * 1e9 + nsec) / NSEC_PER_TICK) - k.lbolt);
  }
  let wait_cv = wait_cvs.get(k);
  if (!wait_cv) { wait_cv = new KCondvar('sigtimedwait'); wait_cvs.set(k, wait_cv); }
  const ready = (): bigint => (t.t_sig | p.p_sig) & set;
  yield* mutex_enter(p.p_lock);
  sig_set_waitset(t, set);
  let error = 0;
  for (;;) {
    if (set !== 0n && ready() !== 0n) break;
    if (issig(t)) { error = EINTR; break; }
    if (deadline !== -1 && k.lbolt >= deadline) { error = EAGAIN; break; }
    const res = deadline === -1
      ? yield* cv_wait_sig(wait_cv, p.p_lock, () => ready() !== 0n || issig(t))
      : yield* cv_timedwait_sig(wait_cv, p.p_lock, deadline, () => ready() !== 0n || issig(t));
    if (res === -1 && ready() === 0n) { error = EAGAIN; break; }
  }
  sig_set_waitset(t, 0n);
  if (error) {
    mutex_exit(p.p_lock);
    return fail(error);
  }
  const sig = lowest(ready());
  const info = sigdeq(t, sig);
  mutex_exit(p.p_lock);
  if (infop !== 0 && copyout(p.p_as, infop, siginfo_encode(info, le))) return fail(EFAULT);
  return { error: 0, rval1: sig, rval2: 0 };
}

/** Handlers by sysent name. */
export const SYSCALLS_SIGTIMEDWAIT: Record<string, SysHandler> = { sigtimedwait };
