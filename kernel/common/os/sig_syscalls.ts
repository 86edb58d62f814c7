/*
 * kernel/common/os/sig_syscalls.ts — the system calls for signals (uts/common/syscall/sigaction.c,
 * sigprocmask.c, sigpending.c, sigsuspend.c, lwp_sigmask.c, ucontext.c; kill from os/sig.c):
 * kill, sigaction, sigprocmask, sigpending, sigsuspend, context, lwp_sigmask and sigaltstack
 * (syscall/sigaltstack.c), bound into sysent by name in kernel/common/syscall/syscall_table.ts. No
 * credentials model: any process may signal any other except the system processes (SSYS: sched).
 * Leaves out sigqueue.
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import type { KGen, KThread } from '../sys/thread.ts';
import { TS_ZOMB } from '../sys/thread.ts';
import { SSYS, SZOMB, type Proc } from '../sys/proc.ts';
import { KCondvar, cv_wait_sig } from '../sys/condvar.ts';
import { mutex_enter, mutex_exit } from '../sys/mutex.ts';
import { EFAULT, EINTR, EINVAL, ENOMEM, EPERM, ESRCH } from '../sys/errno.ts';
import { NSIG, SIGKILL, SIGSTOP } from '../sys/signal.ts';
import { copyin, copyout, fuword32, suword32 } from './copy.ts';
import { curkernel, curthread } from './kglobals.ts';
import {
  CANTMASK, FILLSET, SIG_DFL, SIG_IGN, SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, SI_USER,
  getsigact, setsigact, sigtoproc, issig, sig_set_oldmask, sig_restore_oldmask, sigpending_set, sigmd, lwp_cpu,
  lwp_oldcontext, lwp_set_oldcontext,
} from './sig.ts';
import { ok, fail } from '../syscall/sysret.ts';


/** Size of the 32-bit struct sigaction: sa_flags, sa_handler, sa_mask[4], sa_resv[2]. */
export const SIGACTION32_SIZE = 32;

/** Read a sigset_t (4 words, machine byte order) at uva; null on EFAULT. */
export function copyin_sigset(t: KThread, uva: number): bigint | null {
  const as = t.t_procp.p_as;
  if (!as) return null;
  let set = 0n;
  for (let i = 0; i < 4; i++) {
    const r = fuword32(as, (uva + 4 * i) >>> 0);
    if (r.error) return null;
    set |= BigInt(r.value) << BigInt(32 * i);
  }
  return set;
}

/** Write a sigset_t at uva; 0 or EFAULT. */
export function copyout_sigset(t: KThread, uva: number, set: bigint): number {
  const as = t.t_procp.p_as;
  if (!as) return EFAULT;
  for (let i = 0; i < 4; i++) {
    if (suword32(as, (uva + 4 * i) >>> 0, Number((set >> BigInt(32 * i)) & 0xffffffffn))) return EFAULT;
  }
  return 0;
}

/** The processes kill(pid) addresses (never SSYS ones), zombies included. */
function kill_targets(all: Proc[], self: Proc, pid: number): Proc[] {
  const live = all.filter((p) => !(p.p_flag & SSYS));
  if (pid > 0) return live.filter((p) => p.p_pid === pid);
  if (pid === -1) {
    // Everyone but the system processes and init (pid 1), unless init itself asks.
    return live.filter((p) => p.p_pid !== 1 || p === self);
  }
  const pgid = pid === 0 ? (self.p_pgidp?.pg_id ?? -1) : -pid;
  if (pid === 0 && !self.p_pgidp) return [self];
  return live.filter((p) => p.p_pgidp?.pg_id === pgid);
}

/**
 * init_shielded — is init (pid 1) protected from `sig` sent by `self`? Init cannot be killed or
 * stopped from user processes: only init itself may send it SIGKILL or SIGSTOP, and from any
 * other process a signal whose disposition in init is the default (or ignore) is discarded, so
 * only signals init catches reach it (cf. Solaris, where init is immune to what it does not catch).
 */
function init_shielded(p: Proc, self: Proc, sig: number): boolean {
  if (p.p_pid !== 1 || p === self || sig === 0) return false;
  if (sig === SIGKILL || sig === SIGSTOP) return true;
  const h = getsigact(p, sig).handler;
  return h === SIG_DFL || h === SIG_IGN;
}

/**
 * kill(pid, sig) — pid > 0: that process; 0: the caller's process group; -1: every process but
 * sched and init (init included when it is the caller); < -1: process group -pid. sig 0 only
 * checks that a target exists. EINVAL for a bad signal, ESRCH when nothing matches. No
 * credentials are checked, and the one system process (sched, pid 0) can be named by no
 * selector; init is shielded (init_shielded): kill(1, SIGKILL or SIGSTOP) from another process is
 * EPERM, and a group kill passes init over. Zombies match but receive nothing. Takes pidlock,
 * then each target's p_lock.
 */
function* kill(args: number[]): KGen<SysRet> {
  const pid = args[0] | 0;
  const sig = args[1] | 0;
  if (sig < 0 || sig >= NSIG) return fail(EINVAL);
  const k = curkernel();
  const t = curthread();
  const self = t.t_procp;
  yield* mutex_enter(k.pidlock);
  const all = k.pids.all();
  const targets = kill_targets(all, self, pid);
  if (targets.length === 0) {
    mutex_exit(k.pidlock);
    return fail(ESRCH);
  }
  if (pid > 0 && (sig === SIGKILL || sig === SIGSTOP) && init_shielded(targets[0], self, sig)) {
    mutex_exit(k.pidlock);
    return fail(EPERM);
  }
  if (sig !== 0) {
    for (const p of targets) {
      if (p.p_stat === SZOMB || init_shielded(p, self, sig)) continue;
      yield* mutex_enter(p.p_lock);
      sigtoproc(p, null, sig, { si_signo: sig, si_code: SI_USER, si_errno: 0, si_pid: self.p_pid, si_uid: self.p_uid });
      mutex_exit(p.p_lock);
    }
  }
  mutex_exit(k.pidlock);
  return ok();
}

/**
 * sigaction(sig, act, oact) — the 32-bit struct sigaction {sa_flags, sa_handler, sa_mask, sa_resv}.
 * oact (when given) gets the old disposition before act (when given) is installed. EINVAL for a
 * bad signal, for any act on SIGKILL/SIGSTOP, or for SIG_HOLD; EFAULT for bad pointers.
 */
function* sigaction(args: number[]): KGen<SysRet> {
  const sig = args[0] | 0;
  const act = args[1] >>> 0;
  const oact = args[2] >>> 0;
  const t = curthread();
  const p = t.t_procp;
  if (sig <= 0 || sig >= NSIG || (act !== 0 && (sig === SIGKILL || sig === SIGSTOP))) return fail(EINVAL);
  const as = p.p_as;
  if (!as) return fail(EFAULT);
  let nflags = 0, nhandler = 0, nmask = 0n;
  if (act !== 0) {
    const f = fuword32(as, act);
    const h = fuword32(as, act + 4);
    const m = copyin_sigset(t, act + 8);
    if (f.error || h.error || m === null) return fail(EFAULT);
    nflags = f.value | 0;
    nhandler = h.value;
    nmask = m;
    if (nhandler === 2) return fail(EINVAL);         // SIG_HOLD is a libc notion (sigset)
  }
  yield* mutex_enter(p.p_lock);
  const old = getsigact(p, sig);
  if (act !== 0) setsigact(p, sig, nhandler, nmask, nflags);
  mutex_exit(p.p_lock);
  if (oact !== 0) {
    if (suword32(as, oact, old.flags >>> 0) || suword32(as, oact + 4, old.handler >>> 0) ||
      copyout_sigset(t, oact + 8, old.mask) || suword32(as, oact + 24, 0) || suword32(as, oact + 28, 0)) {
      return fail(EFAULT);
    }
  }
  return ok();
}

/** Apply how (SIG_BLOCK/UNBLOCK/SETMASK) of `set` to t's mask; false for a bad how. */
function change_mask(t: KThread, how: number, set: bigint): boolean {
  set &= FILLSET & ~CANTMASK;
  switch (how) {
    case SIG_BLOCK: t.t_hold |= set; return true;
    case SIG_UNBLOCK: t.t_hold &= ~set; return true;
    case SIG_SETMASK: t.t_hold = set; return true;
    default: return false;
  }
}

/**
 * sigprocmask(how, set, oset) — change the calling lwp's mask; oset gets the old one. With set
 * NULL only oset is filled (how is not checked). EINVAL for a bad how, EFAULT for bad pointers.
 * SIGKILL and SIGSTOP are silently left out. Newly unblocked pending signals are taken at the
 * return to user.
 */
function sigprocmask(args: number[]): SysRet {
  const how = args[0] | 0;
  const set = args[1] >>> 0;
  const oset = args[2] >>> 0;
  const t = curthread();
  const old = t.t_hold;
  if (set !== 0) {
    if (how !== SIG_BLOCK && how !== SIG_UNBLOCK && how !== SIG_SETMASK) return fail(EINVAL);
    const s = copyin_sigset(t, set);
    if (s === null) return fail(EFAULT);
    change_mask(t, how, s);
  }
  if (oset !== 0 && copyout_sigset(t, oset, old)) return fail(EFAULT);
  return ok();
}

/**
 * lwp_sigmask(how, bits0, bits1) — the mask change libc uses without memory: the first two
 * sigset words are given; the old mask's first two words are returned in rval1/rval2.
 * EINVAL for a bad how.
 */
function lwp_sigmask(args: number[]): SysRet {
  const how = args[0] | 0;
  const t = curthread();
  const old = t.t_hold;
  if (!change_mask(t, how, BigInt(args[1] >>> 0) | (BigInt(args[2] >>> 0) << 32n))) return fail(EINVAL);
  return ok(Number(old & 0xffffffffn), Number((old >> 32n) & 0xffffffffn));
}

/**
 * sigpending(flag, set) — flag 1 (sigpending): the signals pending for the lwp or its process
 * that it holds; flag 2 (sigfillset): every valid signal. EINVAL for another flag.
 */
function sigpending(args: number[]): SysRet {
  const flag = args[0] | 0;
  const set = args[1] >>> 0;
  const t = curthread();
  let s: bigint;
  if (flag === 1) s = sigpending_set(t) & t.t_hold;
  else if (flag === 2) s = FILLSET;
  else return fail(EINVAL);
  if (copyout_sigset(t, set, s)) return fail(EFAULT);
  return ok();
}

/** Private sleep channel of sigsuspend (nothing ever signals it: only signals end the sleep). */
const suspend_cv = new WeakMap<KThread, KCondvar>();

/**
 * sigsuspend(set) — install `set` as the mask and sleep until a signal is to be acted on; always
 * fails with EINTR (EFAULT for a bad pointer). The old mask comes back after the handler runs
 * (it is what the handler's ucontext saves) or, when nothing is delivered, at the return.
 */
function* sigsuspend(args: number[]): KGen<SysRet> {
  const t = curthread();
  const p = t.t_procp;
  const set = copyin_sigset(t, args[0] >>> 0);
  if (set === null) return fail(EFAULT);
  sig_set_oldmask(t, t.t_hold);
  t.t_hold = set & FILLSET & ~CANTMASK;
  let cv = suspend_cv.get(t);
  if (!cv) { cv = new KCondvar(`sigsuspend[${p.p_pid}/${t.t_tid}]`); suspend_cv.set(t, cv); }
  yield* mutex_enter(p.p_lock);
  while (t.t_state !== TS_ZOMB && (yield* cv_wait_sig(cv, p.p_lock, () => issig(t))) !== 0) { /* spurious */ }
  mutex_exit(p.p_lock);
  // Woken with nothing to deliver (another lwp took the signal, or the process is exiting or
  // being held): the old mask comes back now, since psig will not run.
  if (!issig(t)) sig_restore_oldmask(t);
  return fail(EINTR);
}

/** context(2) subcodes. */
export const GETCONTEXT = 0, SETCONTEXT = 1, GETUSTACK = 2, SETUSTACK = 3;

/**
 * context(flag, ucp) — GETCONTEXT stores the caller's context (resumable: the call then returns
 * 0 again); SETCONTEXT resumes one, installing its mask (UC_SIGMASK) and making uc_link the lwp's
 * old context; it does not return to its caller, so its result carries `justreturn` (the
 * registers already hold what the context says; see syscall.ts). EINVAL for another flag.
 */
function context(args: number[]): SysRet {
  const flag = args[0] | 0;
  const ucp = args[1] >>> 0;
  const t = curthread();
  const md = sigmd();
  const cpu = lwp_cpu(t);
  switch (flag) {
    case GETCONTEXT: {
      const e = md.getcontext(t, cpu, ucp, t.t_hold, lwp_oldcontext(t));
      return e ? fail(e) : ok();
    }
    case SETCONTEXT: {
      const r = md.setcontext(t, cpu, ucp);
      if (r.error) return fail(r.error);
      if (r.sigmask !== null) t.t_hold = r.sigmask & FILLSET & ~CANTMASK;
      lwp_set_oldcontext(t, r.link);
      return justreturn(r.ret.error, r.ret.rval1);
    }
    default:
      return fail(EINVAL);
  }
}

/**
 * justreturn — the result of a call that has set every user register itself (setcontext): marked
 * `justreturn: true` so that the syscall return leaves the registers alone (post_syscall's
 * JUSTRETURN). For a return path that ignores the mark, error/rval1 reproduce the restored
 * return registers (exact unless the context had an error flag with a zero value).
 */
function justreturn(error: number, rval1: number): SysRet {
  const r: SysRet & { justreturn: true } = { error, rval1, rval2: 0, justreturn: true };
  return r;
}

/** Handlers by sysent name. */
/** ss_flags and the smallest alternate stack (sys/signal.h: MINSIGSTKSZ 2048 for 32-bit SPARC). */
const SS_ONSTACK = 0x1, SS_DISABLE = 0x2, MINSIGSTKSZ = 2048;

/**
 * sigaltstack(ss, oss) — set and/or get the calling lwp's alternate signal stack (a stack_t: ss_sp,
 * ss_size, ss_flags). EFAULT for bad pointers, EPERM while running on it, EINVAL for flags other
 * than SS_DISABLE, ENOMEM for an enabled stack below MINSIGSTKSZ. Nothing changes on failure.
 * Inherited by fork (forklwp copies it), disabled by exec.
 */
function sigaltstack(args: number[]): SysRet {
  const [ssp, ossp] = args;
  const t = curthread();
  const p = t.t_procp;
  const lwp = t.t_lwp!;
  if (!p.p_as) return fail(EFAULT);
  const le = sigmd().littleEndian;
  let ss: { ss_sp: number; ss_size: number; ss_flags: number } | null = null;
  if (ssp !== 0) {
    const r = copyin(p.p_as, ssp >>> 0, 12);
    if (r.error) return fail(EFAULT);
    const dv = new DataView(r.data.buffer, r.data.byteOffset, 12);
    ss = { ss_sp: dv.getUint32(0, le), ss_size: dv.getUint32(4, le), ss_flags: dv.getInt32(8, le) };
    if (lwp.lwp_sigaltstack.ss_flags & SS_ONSTACK) return fail(EPERM);
    if (ss.ss_flags & ~SS_DISABLE) return fail(EINVAL);
    if (!(ss.ss_flags & SS_DISABLE) && ss.ss_size < MINSIGSTKSZ) return fail(ENOMEM);
  }
  if (ossp !== 0) {
    const cur = lwp.lwp_sigaltstack;
    const b = new Uint8Array(12);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, cur.ss_sp >>> 0, le); dv.setUint32(4, cur.ss_size >>> 0, le); dv.setInt32(8, cur.ss_flags, le);
    if (copyout(p.p_as, ossp >>> 0, b)) return fail(EFAULT);
  }
  if (ss) lwp.lwp_sigaltstack = ss.ss_flags & SS_DISABLE ? { ss_sp: ss.ss_sp, ss_size: ss.ss_size, ss_flags: SS_DISABLE } : ss;
  return ok();
}

export const SYSCALLS_SIG: Record<string, SysHandler> = {
  kill, sigaction, sigprocmask, sigpending, sigsuspend, context, lwp_sigmask, sigaltstack,
};

export { SIG_DFL, SIG_IGN };
