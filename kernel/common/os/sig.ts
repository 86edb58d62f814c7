/*
 * kernel/common/os/sig.ts — signals (uts/common/os/sig.c): posting (sigtoproc, tsignal, trapsig,
 * sigcld), the check at each return to user (issig) and the action (psig: default action, ignore,
 * or a handler frame built by the ISA's sendsig), dispositions (setsigact), and the fork/exec
 * resets (sigdefault, sigexec), and job control (stop signals stop the process, SIGCONT continues
 * it; jc_stop/jc_continue). Leaves out sigaltstack/SA_ONSTACK, queued realtime signals, orphaned
 * process-group rules for SIGTSTP/SIGTTIN/SIGTTOU and /proc tracing.
 */

import type { Cpu } from '../../../hw/machine.ts';
import { TS_SLEEP, TS_ZOMB, type KGen, type KThread } from '../sys/thread.ts';
import { SZOMB, SEXITING, SEXITLWPS, SVFWAIT, SKILLED, SNOWAIT, SJCTL, CLD_DUMPED, CLD_KILLED, CLD_STOPPED, CLD_CONTINUED, type Proc } from '../sys/proc.ts';
import * as S from '../sys/signal.ts';
import { sleep_interrupt, cv_broadcast, cv_wait_sig } from '../sys/condvar.ts';
import { mutex_enter, mutex_exit } from '../sys/mutex.ts';
import { EINTR, ERESTART } from '../sys/errno.ts';
import { panic } from '../sys/debug.ts';
import { curkernel } from './kglobals.ts';
import { exit } from './exit.ts';
import { probe_fire } from './probes.ts';
import { timer_signal_taken, SI_TIMER } from './timer.ts';
import { lwp_kill_continue } from './lwp.ts';
import { kdi_on, kdi_stop } from './kdi.ts';

// ---------------------------------------------------------------------------------------------
// Signal sets and constants

/** sigmask — the set holding only `sig` (signal n is bit n-1, as in sigset_t word (n-1)/32). */
export function sigmask(sig: number): bigint { return 1n << BigInt(sig - 1); }
/** sigismember — is `sig` in `set`? */
export function sigismember(set: bigint, sig: number): boolean { return (set & sigmask(sig)) !== 0n; }

/** Every valid signal (fillset) and the ones that can be neither caught, blocked nor ignored. */
export const FILLSET: bigint = (1n << BigInt(S.MAXSIG)) - 1n;
export const CANTMASK: bigint = sigmask(S.SIGKILL) | sigmask(S.SIGSTOP);
/** Signals that cannot be reset by SA_RESETHAND (sigaction(2): SIGILL, SIGTRAP, SIGPWR). */
const CANTRESET: bigint = sigmask(S.SIGILL) | sigmask(S.SIGTRAP) | sigmask(S.SIGPWR);

/** Dispositions (u_signal values): SIG_DFL, SIG_IGN; anything else is a handler address. */
export const SIG_DFL = 0, SIG_IGN = 1, SIG_HOLD = 2;
/** sigaction flags (sys/signal.h). */
export const SA_ONSTACK = 0x1, SA_RESETHAND = 0x2, SA_RESTART = 0x4, SA_SIGINFO = 0x8,
  SA_NODEFER = 0x10, SA_NOCLDWAIT = 0x10000, SA_NOCLDSTOP = 0x20000;
/** sigprocmask how. */
export const SIG_BLOCK = 1, SIG_UNBLOCK = 2, SIG_SETMASK = 3;
/** si_code values (sys/siginfo.h, sys/machsig.h). */
export const SI_USER = 0, SI_LWP = -1, SI_NOINFO = 32767;
export const ILL_ILLOPC = 1, ILL_ILLOPN = 2, ILL_ILLADR = 3, ILL_ILLTRP = 4, ILL_PRVOPC = 5, ILL_PRVREG = 6,
  ILL_COPROC = 7, ILL_BADSTK = 8;
export const FPE_INTDIV = 1, FPE_INTOVF = 2;
export const SEGV_MAPERR = 1, SEGV_ACCERR = 2;
export const BUS_ADRALN = 1, BUS_ADRERR = 2, BUS_OBJERR = 3;
export const TRAP_BRKPT = 1;
export const EMT_TAGOVF = 1;

/** The default action of a signal (sigdefault table of sig.c). */
export type SigDefault = 'term' | 'core' | 'ignore' | 'stop' | 'cont';
const CORE = [S.SIGQUIT, S.SIGILL, S.SIGTRAP, S.SIGABRT, S.SIGEMT, S.SIGFPE, S.SIGBUS, S.SIGSEGV,
  S.SIGSYS, S.SIGXCPU, S.SIGXFSZ];
const IGNORE = [S.SIGCHLD, S.SIGPWR, S.SIGWINCH, S.SIGURG, S.SIGWAITING, S.SIGLWP, S.SIGCANCEL,
  S.SIGFREEZE, S.SIGTHAW, S.SIGXRES, S.SIGJVM1, S.SIGJVM2];
const STOP = [S.SIGSTOP, S.SIGTSTP, S.SIGTTIN, S.SIGTTOU];

/** sig_default_action — what SIG_DFL does for `sig`. */
export function sig_default_action(sig: number): SigDefault {
  if (CORE.includes(sig)) return 'core';
  if (IGNORE.includes(sig)) return 'ignore';
  if (STOP.includes(sig)) return 'stop';
  if (sig === S.SIGCONT) return 'cont';
  return 'term';
}

/** Signals whose SIG_DFL action leaves the process running (SIGCONT continues when it is posted). */
const DFL_HARMLESS: bigint = [...IGNORE, S.SIGCONT].reduce((s, n) => s | sigmask(n), 0n);
/** The stop signals as a set. */
const STOPSET: bigint = STOP.reduce((s, n) => s | sigmask(n), 0n);

// ---------------------------------------------------------------------------------------------
// siginfo

/** SigInfo — k_siginfo_t: what a handler with SA_SIGINFO (and waitid) sees. */
export interface SigInfo {
  si_signo: number;
  si_code: number;
  si_errno: number;
  /** Sender (SI_USER) or child (SIGCHLD). */
  si_pid?: number;
  si_uid?: number;
  /** SIGCHLD: exit code or signal. */
  si_status?: number;
  /** Faults: the faulting address; the trap type. */
  si_addr?: number;
  si_trapno?: number;
  /** sigqueue/timers (SI_TIMER): the sigevent's value. */
  si_value?: number;
}

/** Byte size of the 32-bit siginfo_t and its field offsets (userland/include/signal.h). */
export const SIGINFO32_SIZE = 128;
export const SI_SIGNO_OFF = 0, SI_CODE_OFF = 4, SI_ERRNO_OFF = 8, SI_PID_OFF = 12, SI_UID_OFF = 16,
  SI_STATUS_OFF = 20, SI_ADDR_OFF = 12, SI_TRAPNO_OFF = 16;

/**
 * siginfo_encode — the 128 bytes of a 32-bit siginfo_t in the machine's byte order (`le` for
 * little-endian ISAs). Fault fields (si_addr) and process fields (si_pid) share the union; the
 * fault view wins when si_addr is set.
 */
export function siginfo_encode(info: SigInfo, le = false): Uint8Array {
  const b = new Uint8Array(SIGINFO32_SIZE);
  const dv = new DataView(b.buffer);
  dv.setInt32(SI_SIGNO_OFF, info.si_signo, le);
  dv.setInt32(SI_CODE_OFF, info.si_code, le);
  dv.setInt32(SI_ERRNO_OFF, info.si_errno, le);
  if (info.si_addr !== undefined) {
    dv.setUint32(SI_ADDR_OFF, info.si_addr >>> 0, le);
    dv.setInt32(SI_TRAPNO_OFF, info.si_trapno ?? 0, le);
  } else {
    dv.setInt32(SI_PID_OFF, info.si_pid ?? 0, le);
    if (info.si_status !== undefined) dv.setInt32(SI_STATUS_OFF, info.si_status, le);
    else dv.setInt32(SI_UID_OFF, info.si_uid ?? 0, le);
    if (info.si_value !== undefined) dv.setInt32(SI_STATUS_OFF, info.si_value, le);
  }
  return b;
}

// ---------------------------------------------------------------------------------------------
// Per-thread and per-process state kept beside KThread/Proc

/** The signal state of an lwp that KThread does not carry (klwp_t's lwp_sigoldmask, ...). */
interface LwpSig {
  /** Pending thread-directed siginfo, by signal. */
  info: Map<number, SigInfo>;
  /** Mask to restore after the next handler (sigsuspend's T_TOMASK + lwp_sigoldmask), or null. */
  oldmask: bigint | null;
  /** User address of the ucontext of the handler now running (lwp_oldcontext), 0 if none. */
  oldcontext: number;
}
const lwpsig = new WeakMap<KThread, LwpSig>();
/** Pending process-directed siginfo (p_sigqueue reduced to one entry per signal). */
const procinfo = new WeakMap<Proc, Map<number, SigInfo>>();

function lsig(t: KThread): LwpSig {
  let s = lwpsig.get(t);
  if (!s) { s = { info: new Map(), oldmask: null, oldcontext: 0 }; lwpsig.set(t, s); }
  return s;
}
function pinfo(p: Proc): Map<number, SigInfo> {
  let m = procinfo.get(p);
  if (!m) { m = new Map(); procinfo.set(p, m); }
  return m;
}

/** sig_set_oldmask — make `mask` the one restored after the next handler (sigsuspend). */
export function sig_set_oldmask(t: KThread, mask: bigint): void { lsig(t).oldmask = mask; }
/** sig_restore_oldmask — put back a mask saved by sig_set_oldmask now (nothing was delivered). */
export function sig_restore_oldmask(t: KThread): void {
  const s = lsig(t);
  if (s.oldmask !== null) { t.t_hold = s.oldmask; s.oldmask = null; }
}
/** lwp_oldcontext — the ucontext address of the handler t is running (0 when none). */
export function lwp_oldcontext(t: KThread): number { return lsig(t).oldcontext; }
/** lwp_set_oldcontext — set by sendsig (the new frame) and setcontext (its uc_link). */
export function lwp_set_oldcontext(t: KThread, uc: number): void { lsig(t).oldcontext = uc >>> 0; }

// ---------------------------------------------------------------------------------------------
// The machine-dependent half (sendsig, getcontext, setcontext)

/**
 * SigMd — what each ISA supplies (uts/<isa>/os/sendsig.c, savecontext/restorecontext). `cpu` holds
 * t's user registers. Registered per ISA name by kernel/<isa>/sendsig.ts; looked up through the
 * running kernel's MachDep.isa, so one host process can run kernels of both ISAs.
 */
export interface SigMd {
  /**
   * sendsig — save the interrupted context (with signal mask `oldmask` and uc_link `link`) and,
   * when `info` is given, the siginfo on the user stack, and enter `handler(sig, sip, ucp)`.
   * Returns the ucontext's user address, or 0 when the stack cannot take the frame.
   */
  sendsig(t: KThread, cpu: Cpu, sig: number, info: SigInfo | null, handler: number, oldmask: bigint, link: number): number;
  /** getcontext — write the current context (as resumed: return value 0) to ucp; 0 or errno. */
  getcontext(t: KThread, cpu: Cpu, ucp: number, mask: bigint, link: number): number;
  /**
   * setcontext — load the context at ucp into the registers. Returns its errno, the mask to
   * install (null without UC_SIGMASK), uc_link, and `ret`: the (error, rval1) pair a syscall
   * return would have to write to leave the restored return registers as they are; on error
   * nothing was changed.
   */
  setcontext(t: KThread, cpu: Cpu, ucp: number): SetcontextResult;
  /** Byte order of the ISA (siginfo and sigset words in user memory). */
  readonly littleEndian: boolean;
  /** The user pc of the lwp on `cpu` (for the message about a process a signal killed). */
  user_pc(cpu: Cpu): number;
}

/** What SigMd.setcontext returns. */
export interface SetcontextResult {
  error: number;
  sigmask: bigint | null;
  link: number;
  ret: { error: number; rval1: number };
}

const SIGMD = new Map<string, SigMd>();

/** sig_md_register — install the ISA half (called once by kernel/<isa>/sendsig.ts at load). */
export function sig_md_register(isa: string, md: SigMd): void { SIGMD.set(isa, md); }

/** sigmd — the running kernel's SigMd; panics when the ISA registered none. */
export function sigmd(): SigMd {
  const isa = curkernel().md.isa;
  const md = SIGMD.get(isa);
  if (!md) panic('sigmd', `no sendsig for isa ${isa} (kernel/${isa}/sendsig.ts not loaded)`);
  return md;
}

/** The CPU holding t's user registers (t is on CPU while it runs kernel code for its lwp). */
export function lwp_cpu(t: KThread): Cpu { return curkernel().machine.cpus[t.t_cpu]; }

// ---------------------------------------------------------------------------------------------
// Dispositions

/** Is `sig` discarded on arrival/delivery by p (SIG_IGN, or SIG_DFL whose action does nothing)? */
export function sig_ignored(p: Proc, sig: number): boolean {
  if (sig === S.SIGKILL) return false;
  const h = p.u_signal[sig] ?? SIG_DFL;
  return h === SIG_IGN || (h === SIG_DFL && (DFL_HARMLESS & sigmask(sig)) !== 0n);
}

/**
 * setsigact — set p's disposition for sig (sig.c setsigact): handler, mask (CANTMASK removed) and
 * flags; keeps p_ignore, and discards pending instances when the new disposition ignores the
 * signal. For SIGCHLD it also sets SNOWAIT (SIG_IGN or SA_NOCLDWAIT: no zombies) and SJCTL
 * (cleared by SA_NOCLDSTOP). Does not block; the caller holds p_lock (or is the only one touching p).
 */
export function setsigact(p: Proc, sig: number, handler: number, mask: bigint, flags: number): void {
  p.u_signal[sig] = handler >>> 0;
  p.u_sigmask[sig] = mask & FILLSET & ~CANTMASK;
  p.u_sigflags[sig] = flags;
  if (sig === S.SIGCHLD) {
    // SVR4: ignoring SIGCHLD (or SA_NOCLDWAIT) means children leave no zombies (exit frees them).
    if (handler === SIG_IGN || (flags & SA_NOCLDWAIT)) p.p_flag |= SNOWAIT;
    else p.p_flag &= ~SNOWAIT;
    if (flags & SA_NOCLDSTOP) p.p_flag &= ~SJCTL;
    else p.p_flag |= SJCTL;
  }
  if (sig_ignored(p, sig)) {
    p.p_ignore |= sigmask(sig);
    p.p_sig &= ~sigmask(sig);
    pinfo(p).delete(sig);
    for (const t of p.p_threads) { t.t_sig &= ~sigmask(sig); lsig(t).info.delete(sig); }
  } else {
    p.p_ignore &= ~sigmask(sig);
  }
}

/** getsigact — p's disposition for sig: handler, mask, flags. */
export function getsigact(p: Proc, sig: number): { handler: number; mask: bigint; flags: number } {
  return { handler: p.u_signal[sig] ?? SIG_DFL, mask: p.u_sigmask[sig] ?? 0n, flags: p.u_sigflags[sig] ?? 0 };
}

/**
 * sigdefault — reset every caught signal of p to SIG_DFL (cfork does this for a vfork child, which
 * must not run the parent's handlers); SIG_IGN stays.
 */
export function sigdefault(p: Proc): void {
  for (let sig = 1; sig <= S.MAXSIG; sig++) {
    const h = p.u_signal[sig] ?? SIG_DFL;
    if (h !== SIG_DFL && h !== SIG_IGN) setsigact(p, sig, SIG_DFL, 0n, 0);
  }
}

/**
 * sigexec — exec's signal reset (exec.c → sigdefault + u_sigonstack/u_sigresethand cleared):
 * caught signals become SIG_DFL, ignored ones stay ignored, pending signals and masks stay, the
 * handler context chain (lwp_oldcontext) of every lwp is forgotten.
 */
export function sigexec(p: Proc): void {
  sigdefault(p);
  for (let sig = 1; sig <= S.MAXSIG; sig++) if ((p.u_signal[sig] ?? SIG_DFL) === SIG_DFL) p.u_sigflags[sig] = 0;
  for (const t of p.p_threads) { const s = lsig(t); s.oldcontext = 0; s.oldmask = null; }
}

// ---------------------------------------------------------------------------------------------
// Posting

/**
 * sigtoproc — post `sig` (1..MAXSIG) to p, directed at thread t or (t null) at the process, with
 * `info` (SI_NOINFO when absent). Discards it when p ignores it and no thread holds it (and never
 * wakes anyone for an ignored one); SIGKILL marks the process SKILLED. A thread that does not
 * hold the signal and sleeps interruptibly is woken (its cv_wait_sig returns 0). Zombies and exiting processes get nothing. Never blocks:
 * callable with pidlock and/or p_lock held.
 */
export function sigtoproc(p: Proc, t: KThread | null, sig: number, info?: SigInfo): void {
  if (sig <= 0 || sig > S.MAXSIG) return;
  if (p.p_stat === SZOMB || (p.p_flag & SEXITING)) return;
  const bit = sigmask(sig);
  if (sig === S.SIGKILL) p.p_flag |= SKILLED;
  // Job control at posting time (sigtoproc in sig.c): SIGCONT and SIGKILL continue a stopped
  // process and cancel pending stops; a stop signal cancels a pending SIGCONT.
  if (sig === S.SIGCONT || sig === S.SIGKILL) {
    p.p_sig &= ~STOPSET;
    for (const x of p.p_threads) x.t_sig &= ~STOPSET;
    jc_continue(p);
    if (sig === S.SIGKILL) lwp_kill_continue(p);
  } else if (STOPSET & sigmask(sig)) {
    p.p_sig &= ~sigmask(S.SIGCONT);
    for (const x of p.p_threads) x.t_sig &= ~sigmask(S.SIGCONT);
  }
  const ignored = sig_ignored(p, sig);
  if (ignored) {
    const held = t ? ((t.t_hold | sigwait_set(t)) & bit) !== 0n
      : p.p_threads.some((x) => x.t_state !== TS_ZOMB && ((x.t_hold | sigwait_set(x)) & bit) !== 0n);
    if (!held) return;
  }
  const si: SigInfo = info ?? { si_signo: sig, si_code: SI_NOINFO, si_errno: 0 };
  if (t) {
    if (!(t.t_sig & bit)) lsig(t).info.set(sig, si);
    t.t_sig |= bit;
    if ((!ignored && (sig === S.SIGKILL || !(t.t_hold & bit))) || (sigwait_set(t) & bit)) wake_for_signal(t);
    return;
  }
  if (!(p.p_sig & bit)) pinfo(p).set(sig, si);
  p.p_sig |= bit;
  // A thread in sigtimedwait for it takes it first.
  const waiter = p.p_threads.find((x) => x.t_state !== TS_ZOMB && (sigwait_set(x) & bit));
  if (waiter) { wake_for_signal(waiter); return; }
  // An ignored signal kept for a thread that holds it interrupts nobody (issig drops it later).
  if (ignored) return;
  // One thread that can take it is enough; prefer one asleep interruptibly.
  const live = p.p_threads.filter((x) => x.t_state !== TS_ZOMB && (sig === S.SIGKILL || !(x.t_hold & bit)));
  const sleeper = live.find((x) => x.t_state === TS_SLEEP && x.t_sigsleep);
  if (sig === S.SIGKILL) for (const x of live) wake_for_signal(x);
  else if (sleeper) wake_for_signal(sleeper);
}

/** End t's interruptible sleep; a running thread takes the signal at its next trap (clock included). */
function wake_for_signal(t: KThread): void {
  if (t.t_state === TS_SLEEP && t.t_sigsleep) sleep_interrupt(t);
}

/** tsignal — post `sig` to thread t (SI_NOINFO), e.g. SIGSYS for a bad system call. */
export function tsignal(t: KThread, sig: number): void {
  sigtoproc(t.t_procp, t, sig);
}

/** psignal — post `sig` to process p (SI_NOINFO). */
export function psignal(p: Proc, sig: number): void {
  sigtoproc(p, null, sig);
}

/**
 * sigcld — tell parent pp that child cp changed state: SIGCHLD with si_code = cp.p_wcode
 * (CLD_EXITED/KILLED/DUMPED), si_pid, si_status = p_wdata. Caller holds pidlock.
 */
export function sigcld(pp: Proc, cp: Proc): void {
  sigtoproc(pp, null, S.SIGCHLD, {
    si_signo: S.SIGCHLD, si_code: cp.p_wcode, si_errno: 0, si_pid: cp.p_pid, si_status: cp.p_wdata,
  });
}

/**
 * trapsig — a synchronous signal caused by the instruction t just executed (a fault): it carries
 * si_code `code` and si_addr `addr` (the fault address, or the pc for SIGILL/SIGFPE). As in
 * Solaris trap(), a fault signal that is held or ignored cannot be: it is unblocked and reset to
 * SIG_DFL, so it kills. Then acts on it at once (psig), before the return to user.
 */
export function* trapsig(t: KThread, sig: number, code = 0, addr?: number): KGen {
  const p = t.t_procp;
  const bit = sigmask(sig);
  if ((t.t_hold & bit) || (p.u_signal[sig] ?? SIG_DFL) === SIG_IGN) {
    t.t_hold &= ~bit;
    if ((p.u_signal[sig] ?? SIG_DFL) === SIG_IGN) setsigact(p, sig, SIG_DFL, 0n, 0);
  }
  const info: SigInfo = { si_signo: sig, si_code: code, si_errno: 0 };
  if (addr !== undefined) info.si_addr = addr >>> 0;
  // A fault replaces an earlier pending instance: its siginfo describes this instruction.
  lsig(t).info.set(sig, info);
  t.t_sig |= bit;
  yield* psig(t);
}

// ---------------------------------------------------------------------------------------------
// Checking and acting

/** Signals pending for t that it does not hold (SIGKILL always counts). */
function deliverable(t: KThread): bigint {
  const p = t.t_procp;
  return (t.t_sig | p.p_sig) & ~(t.t_hold & ~CANTMASK);
}

/** Lowest-numbered signal in set (SIGKILL first), 0 if empty. */
function first_sig(set: bigint): number {
  if (set === 0n) return 0;
  if (set & sigmask(S.SIGKILL)) return S.SIGKILL;
  let n = 1;
  while (!(set & 1n)) { set >>= 1n; n++; }
  return n;
}

/** Take sig off t's (else p's) pending set and return its siginfo. */
function take(t: KThread, sig: number): SigInfo {
  const p = t.t_procp;
  const bit = sigmask(sig);
  const none: SigInfo = { si_signo: sig, si_code: SI_NOINFO, si_errno: 0 };
  if (t.t_sig & bit) {
    t.t_sig &= ~bit;
    const m = lsig(t).info;
    const si = m.get(sig) ?? none;
    m.delete(sig);
    return si;
  }
  p.p_sig &= ~bit;
  const m = pinfo(p);
  const si = m.get(sig) ?? none;
  m.delete(sig);
  return si;
}

/** The signals each thread in sigtimedwait waits for (t_sigwait). */
const sigwaiting = new WeakMap<KThread, bigint>();
/** sigwait_set — the set t waits for in sigtimedwait (0n when it is not waiting). */
export function sigwait_set(t: KThread): bigint { return sigwaiting.get(t) ?? 0n; }
/** sig_set_waitset — start (a set) or end (0n) t's sigtimedwait: those signals wake it although held. */
export function sig_set_waitset(t: KThread, set: bigint): void {
  if (set === 0n) sigwaiting.delete(t); else sigwaiting.set(t, set);
}

/**
 * sigdeq — take `sig` off t's pending set (else its process's) and return its siginfo, for a
 * caller that accepts the signal instead of delivering it (sigtimedwait). The signal must be pending.
 */
export function sigdeq(t: KThread, sig: number): SigInfo {
  return take(t, sig);
}

/**
 * issig — does t have a signal to act on at its next return to user (or to end an interruptible
 * sleep)? Pending signals that t does not hold and that p ignores are discarded on the way. A
 * vfork parent waiting for its child (SVFWAIT) takes no signals. Never blocks.
 */
export function issig(t: KThread): boolean {
  const p = t.t_procp;
  // Another lwp is in exitlwps: every interruptible sleep must end so that this lwp can exit at
  // its hold point (issig_justlooking's SEXITLWPS in Solaris); a loop that retries on a wakeup
  // without a signal would otherwise keep the exiting lwp waiting for ever.
  if ((p.p_flag & SEXITLWPS) && p.p_holder !== t) return true;
  // Called after every user trap: keep the common case (nothing pending) cheap.
  if (t.t_sig === 0n && p.p_sig === 0n) return false;
  if (p.p_flag & SVFWAIT) return false;
  for (;;) {
    const sig = first_sig(deliverable(t));
    if (sig === 0) return false;
    if (!sig_ignored(p, sig)) return true;
    take(t, sig);
  }
}

/**
 * sig_check_restart — the syscall error t returns when a signal interrupted it (post_syscall):
 * EINTR becomes ERESTART when the signal about to be delivered is caught with SA_RESTART.
 * Other errors are returned unchanged.
 */
export function sig_check_restart(t: KThread, error: number): number {
  if (error !== EINTR || !issig(t)) return error;
  const p = t.t_procp;
  const sig = first_sig(deliverable(t));
  const h = p.u_signal[sig] ?? SIG_DFL;
  if (h !== SIG_DFL && h !== SIG_IGN && ((p.u_sigflags[sig] ?? 0) & SA_RESTART)) return ERESTART;
  return error;
}

/**
 * psig — act on t's pending, unheld signals at the return to user: discard ignored ones, end the
 * process for a default action that terminates (CLD_DUMPED for the core-dumping signals), or
 * enter a handler through the ISA's sendsig (mask: the handler's sa_mask plus the signal unless
 * SA_NODEFER/SA_RESETHAND; SA_RESETHAND resets the disposition). At most one handler frame is
 * built per call. When the frame cannot be written the process dies of SIGSEGV. t must be the
 * current thread with its user registers on CPU t.t_cpu. After a sigsuspend that delivered
 * nothing, the pre-sigsuspend mask comes back.
 */
export function* psig(t: KThread): KGen {
  const p = t.t_procp;
  if (t.t_state === TS_ZOMB || p.p_stat === SZOMB || (p.p_flag & SVFWAIT)) return;
  const ls = lsig(t);
  for (;;) {
    const sig = first_sig(deliverable(t));
    if (sig === 0) break;
    const info = take(t, sig);
    if (info.si_code === SI_TIMER) timer_signal_taken(p, sig);
    const h = p.u_signal[sig] ?? SIG_DFL;
    if (sig !== S.SIGKILL && sig_ignored(p, sig)) continue;
    // A debugger that traces the process gets the signal first (as /proc's signal tracing and
    // ptrace do): the machine stops, and the signal is gone unless the debugger posts it again.
    if (kdi_on && sig !== S.SIGKILL) {
      const d = curkernel().kdi;
      const st = d ? d.signal(t, sig, info) : null;
      if (st) { yield* kdi_stop(st); if (t.t_state === TS_ZOMB || p.p_stat === SZOMB) return; continue; }
    }
    if (sig !== S.SIGKILL && h === SIG_DFL && sig_default_action(sig) === 'stop') {
      yield* jc_stop(t, sig);
      if (t.t_state === TS_ZOMB || p.p_stat === SZOMB) return;
      continue;
    }
    if (sig === S.SIGKILL || h === SIG_DFL) {
      if (t.t_lwp) t.t_lwp.lwp_cursig = sig;
      sig_fatal_probe(t, sig, info);
      yield* exit(sig_default_action(sig) === 'core' ? CLD_DUMPED : CLD_KILLED, sig);
      return;
    }
    // Catch it.
    const flags = p.u_sigflags[sig] ?? 0;
    const oldmask = ls.oldmask ?? t.t_hold;
    ls.oldmask = null;
    const sip = (flags & SA_SIGINFO) ? info : null;
    const uc = sigmd().sendsig(t, lwp_cpu(t), sig, sip, h, oldmask, ls.oldcontext);
    if (uc === 0) {
      // The user stack cannot take the frame: SIGSEGV with its default action.
      setsigact(p, S.SIGSEGV, SIG_DFL, 0n, 0);
      sig_fatal_probe(t, S.SIGSEGV, { si_signo: S.SIGSEGV, si_code: SEGV_MAPERR, si_errno: 0 });
      yield* exit(CLD_DUMPED, S.SIGSEGV);
      return;
    }
    ls.oldcontext = uc;
    t.t_hold |= p.u_sigmask[sig] ?? 0n;
    if (!(flags & (SA_NODEFER | SA_RESETHAND))) t.t_hold |= sigmask(sig);
    t.t_hold &= ~CANTMASK;
    if ((flags & SA_RESETHAND) && !(CANTRESET & sigmask(sig))) setsigact(p, sig, SIG_DFL, 0n, 0);
    if (t.t_lwp) t.t_lwp.lwp_cursig = 0;
    return;
  }
  sig_restore_oldmask(t);
}

/**
 * sig_fatal_probe — fire proc:::signal-handle for a signal about to end t's process by its
 * default action: pid, sig, the user pc, and from the siginfo the fault address (si_addr, faults
 * only), si_code and the sending pid (SI_USER). The CLI's "killed by" line is built from it.
 */
function sig_fatal_probe(t: KThread, sig: number, info: SigInfo): void {
  const k = curkernel();
  if (!k.probes) return;
  const p = t.t_procp;
  const pc = t.t_lwp && p.p_as ? sigmd().user_pc(lwp_cpu(t)) >>> 0 : undefined;
  probe_fire(k, 'proc', 'signal-handle', {
    pid: p.p_pid, sig, handler: 'SIG_DFL', pc, addr: info.si_addr, code: info.si_code, sender: info.si_pid,
  });
}

/** sigpending_set — the signals pending for t (its own and its process's). */
export function sigpending_set(t: KThread): bigint {
  return (t.t_sig | t.t_procp.p_sig) & FILLSET;
}

/**
 * jc_stop — the default action of a stop signal (stop() in sig.c, reduced): the process stops, its
 * parent is told (SIGCHLD with CLD_STOPPED unless it asked for SA_NOCLDSTOP, and waitid(WSTOPPED)),
 * and the calling lwp sleeps in jc_wait; the other lwps stop at their hold point.
 */
export function* jc_stop(t: KThread, sig: number): KGen {
  const k = curkernel();
  const p = t.t_procp;
  yield* mutex_enter(k.pidlock);
  if (!(p.p_flag & SKILLED)) {
    p.p_jcstop = sig;
    p.p_wstop = sig;
    p.p_wcont = false;
    const pp = p.p_parent;
    if (pp) {
      if (pp.p_flag & SJCTL) {
        sigtoproc(pp, null, S.SIGCHLD, { si_signo: S.SIGCHLD, si_code: CLD_STOPPED, si_errno: 0, si_pid: p.p_pid, si_status: sig });
      }
      cv_broadcast(pp.p_cv);
    }
    for (const x of p.p_threads) if (x !== t) x.t_preempt = true;
  }
  mutex_exit(k.pidlock);
  yield* jc_wait(t);
}

/** jc_wait — sleep while t's process is stopped (SIGCONT or SIGKILL ends it). */
export function* jc_wait(t: KThread): KGen {
  const p = t.t_procp;
  yield* mutex_enter(p.p_lock);
  while (p.p_jcstop !== 0 && !(p.p_flag & SKILLED)) {
    yield* cv_wait_sig(p.p_stopcv, p.p_lock, () => ((t.t_sig | p.p_sig) & sigmask(S.SIGKILL)) !== 0n);
  }
  mutex_exit(p.p_lock);
}

/** jc_continue — SIGCONT (or SIGKILL) for a stopped process: run it again and tell its parent. */
function jc_continue(p: Proc): void {
  if (p.p_jcstop === 0) return;
  p.p_jcstop = 0;
  p.p_wstop = 0;
  p.p_wcont = true;
  for (const x of [...p.p_stopcv.cv_waiters]) sleep_interrupt_any(x);
  const pp = p.p_parent;
  if (pp) {
    if (pp.p_flag & SJCTL) {
      sigtoproc(pp, null, S.SIGCHLD, { si_signo: S.SIGCHLD, si_code: CLD_CONTINUED, si_errno: 0, si_pid: p.p_pid, si_status: S.SIGCONT });
    }
    cv_broadcast(pp.p_cv);
  }
}

/** Wake a thread from its stop sleep. */
function sleep_interrupt_any(x: KThread): void {
  if (x.t_state === TS_SLEEP) sleep_interrupt(x);
}
