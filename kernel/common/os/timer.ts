/*
 * kernel/common/os/timer.ts — POSIX per-process timers (mirrors uts/common/os/timer.c):
 * timer_create/timer_settime/timer_gettime/timer_getoverrun/timer_delete on CLOCK_REALTIME and
 * CLOCK_MONOTONIC (CLOCK_HIGHRES), notifying by SIGEV_SIGNAL (si_code SI_TIMER, si_value) or
 * SIGEV_NONE. Timers belong to the process: fork does not copy them, exec and exit delete them
 * (timer_exit). Expiry is at clock ticks, through callout.ts. Leaves out SIGEV_THREAD (a libc
 * matter in Solaris), SIGEV_PORT and the CPU-time clocks.
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import type { Proc } from '../sys/proc.ts';
import type { KGen } from '../sys/thread.ts';
import { curkernel, curproc } from './kglobals.ts';
import { EAGAIN, EFAULT, EINVAL } from '../sys/errno.ts';
import { mutex_enter, mutex_exit, mutex_tryenter, MUTEX_HELD } from '../sys/mutex.ts';
import { ASSERT } from '../sys/debug.ts';
import { sigtoproc, sigmask } from './sig.ts';
import { untimeout } from './callout.ts';
import { SIGALRM, MAXSIG } from '../sys/signal.ts';
import { CLOCK_MONOTONIC, CLOCK_REALTIME, __CLOCK_REALTIME0, NANOSEC, gethrtime, gethrestime, cycles_to_ns,
  ns_timespec, read_words, write_words, timeout_at } from './timers.ts';
import type { Kernel } from './main.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** Timers per process (_TIMER_MAX), sigevent notification kinds (sys/siginfo.h), SI_TIMER, TIMER_ABSTIME. */
export const TIMER_MAX = 32;
export const SIGEV_NONE = 1, SIGEV_SIGNAL = 2, SIGEV_THREAD = 3, SIGEV_PORT = 4;
export const SI_TIMER = -3;
export const TIMER_ABSTIME = 0x1;

/** itimer_t — one POSIX timer: its clock, notification, setting (absolute ns on its clock) and callout. */
export interface ITimer {
  it_id: number;
  it_clock: number;
  it_notify: number;
  it_signo: number;
  it_value: number;
  /** Expiry on the timer's clock, in ns (0 = disarmed), and the reload interval in ns. */
  it_expire: number;
  it_interval: number;
  it_callout: number;
  /** Expirations while the last signal was still pending (timer_getoverrun), and the count being built. */
  it_overrun: number;
  it_pending: boolean;
}


/** Timers alive in all processes of kernel k (the --check leak counter). */
const LIVE = new WeakMap<object, Set<ITimer>>();
export function timer_live(k: object): Set<ITimer> {
  let s = LIVE.get(k);
  if (!s) { s = new Set(); LIVE.set(k, s); }
  return s;
}

function clock_valid(c: number): boolean { return c === CLOCK_REALTIME || c === __CLOCK_REALTIME0 || c === CLOCK_MONOTONIC; }
/** Now on clock c (as the running thread sees it, or at the clock tick for a callout). */
function clock_now(k: Kernel, c: number, in_callout: boolean): number {
  const mono = in_callout ? cycles_to_ns(k, k.machine.now) : gethrtime(k);
  return c === CLOCK_MONOTONIC ? mono : mono + (gethrestime(k) - gethrtime(k));
}

/**
 * timer_fire — the timer's callout: post its signal (an overrun when the last one is still
 * pending) and re-arm for the next interval. A busy p_lock retries at the next tick.
 */
function timer_fire(k: Kernel, p: Proc, it: ITimer, id: () => number): boolean {
  if (!mutex_tryenter(p.p_lock)) return false;
  if (p.p_itimer[it.it_id] === it && it.it_callout === id()) {
    it.it_callout = 0;
    if (it.it_notify === SIGEV_SIGNAL) {
      if (it.it_pending && (p.p_sig & sigmask(it.it_signo)) !== 0n) it.it_overrun++;
      else {
        it.it_overrun = 0;
        it.it_pending = true;
        sigtoproc(p, null, it.it_signo, { si_signo: it.it_signo, si_code: SI_TIMER, si_errno: 0, si_value: it.it_value });
      }
    }
    if (it.it_interval > 0) {
      const now = clock_now(k, it.it_clock, true);
      do it.it_expire += it.it_interval; while (it.it_expire <= now);
      timer_arm(k, p, it, true);
    } else {
      it.it_expire = 0;
    }
  }
  mutex_exit(p.p_lock);
  return true;
}

/** Schedule it's callout for its expiry. */
function timer_arm(k: Kernel, p: Proc, it: ITimer, in_callout: boolean): void {
  const mono_deadline = it.it_expire - (clock_now(k, it.it_clock, in_callout) - (in_callout ? cycles_to_ns(k, k.machine.now) : gethrtime(k)));
  let id = 0;
  id = timeout_at(k, () => timer_fire(k, p, it, () => id), mono_deadline, `timer[${p.p_pid}.${it.it_id}]`);
  it.it_callout = id;
}

/** Remove timer it (cancel its callout). Caller holds p_lock. */
function timer_free(k: Kernel, p: Proc, it: ITimer): void {
  ASSERT(MUTEX_HELD(p.p_lock), 'timer_free: p_lock not held');
  if (it.it_callout !== 0) untimeout(k, it.it_callout);
  it.it_callout = 0;
  p.p_itimer[it.it_id] = null;
  timer_live(k).delete(it);
}

/**
 * timer_create(clock, evp, timerid) — a new disarmed timer. evp NULL means SIGEV_SIGNAL with
 * SIGALRM and the timer id as value. EINVAL for an unknown clock, notification or signal, EAGAIN
 * when the process has TIMER_MAX timers, EFAULT for bad pointers (no timer is left behind).
 */
function* timer_create(args: number[]): KGen<SysRet> {
  const [clock, evp, tidp] = args;
  const k = curkernel();
  const p = curproc();
  if (!clock_valid(clock | 0)) return fail(EINVAL);
  let notify = SIGEV_SIGNAL, signo = SIGALRM, value = -1;
  if (evp !== 0) {
    const ev = read_words(evp, 3);
    if (!ev) return fail(EFAULT);
    [notify, signo, value] = ev;
    if (notify !== SIGEV_NONE && notify !== SIGEV_SIGNAL) return fail(EINVAL);
    if (notify === SIGEV_SIGNAL && (signo <= 0 || signo > MAXSIG)) return fail(EINVAL);
  }
  yield* mutex_enter(p.p_lock);
  let id = p.p_itimer.findIndex((x) => x === null || x === undefined);
  if (id < 0) id = p.p_itimer.length;
  if (id >= TIMER_MAX) { mutex_exit(p.p_lock); return fail(EAGAIN); }
  const it: ITimer = { it_id: id, it_clock: clock | 0, it_notify: notify, it_signo: signo, it_value: evp === 0 ? id : value,
    it_expire: 0, it_interval: 0, it_callout: 0, it_overrun: 0, it_pending: false };
  p.p_itimer[id] = it;
  timer_live(k).add(it);
  const e = write_words(tidp, [id]);
  if (e) { timer_free(k, p, it); mutex_exit(p.p_lock); return fail(e); }
  mutex_exit(p.p_lock);
  return ok();
}

/** The timer `tid` of p, or null (EINVAL). */
function timer_grab(p: Proc, tid: number): ITimer | null {
  const it = tid >= 0 && tid < TIMER_MAX ? p.p_itimer[tid] : null;
  return (it as ITimer | null | undefined) ?? null;
}

/** The itimerspec words [interval sec, nsec, value sec, nsec] of it now. */
function timer_get(k: Kernel, it: ITimer): number[] {
  if (it.it_expire === 0) return [...ns_timespec(it.it_interval), 0, 0];
  const left = Math.max(1, it.it_expire - clock_now(k, it.it_clock, false));
  return [...ns_timespec(it.it_interval), ...ns_timespec(left)];
}

/**
 * timer_settime(tid, flags, value, ovalue) — arm (it_value nonzero; TIMER_ABSTIME: an absolute
 * time on the timer's clock, one already past fires at the next tick) or disarm. EINVAL for a bad
 * timer id or a nanosecond field outside 0..999999999, EFAULT for bad pointers.
 */
function* timer_settime(args: number[]): KGen<SysRet> {
  const [tid, flags, uval, uoval] = args;
  const k = curkernel();
  const p = curproc();
  const v = read_words(uval, 4);
  if (!v) return fail(EFAULT);
  if (v[0] < 0 || v[2] < 0 || v[1] < 0 || v[1] >= NANOSEC || v[3] < 0 || v[3] >= NANOSEC) return fail(EINVAL);
  yield* mutex_enter(p.p_lock);
  const it = timer_grab(p, tid | 0);
  if (!it) { mutex_exit(p.p_lock); return fail(EINVAL); }
  if (uoval !== 0) {
    const e = write_words(uoval, timer_get(k, it));
    if (e) { mutex_exit(p.p_lock); return fail(e); }
  }
  if (it.it_callout !== 0) { untimeout(k, it.it_callout); it.it_callout = 0; }
  it.it_interval = v[0] * NANOSEC + v[1];
  const val = v[2] * NANOSEC + v[3];
  if (val === 0) {
    it.it_expire = 0;
  } else {
    it.it_expire = (flags & TIMER_ABSTIME) ? val : clock_now(k, it.it_clock, false) + val;
    timer_arm(k, p, it, false);
  }
  mutex_exit(p.p_lock);
  return ok();
}

/** timer_gettime(tid, value) — EINVAL for a bad id, EFAULT for a bad value. */
function* timer_gettime(args: number[]): KGen<SysRet> {
  const [tid, uval] = args;
  const k = curkernel();
  const p = curproc();
  yield* mutex_enter(p.p_lock);
  const it = timer_grab(p, tid | 0);
  if (!it) { mutex_exit(p.p_lock); return fail(EINVAL); }
  const w = timer_get(k, it);
  mutex_exit(p.p_lock);
  const e = write_words(uval, w);
  return e ? fail(e) : ok();
}

/** timer_getoverrun(tid) — expirations lost while the timer's signal was pending. */
function* timer_getoverrun(args: number[]): KGen<SysRet> {
  const p = curproc();
  yield* mutex_enter(p.p_lock);
  const it = timer_grab(p, args[0] | 0);
  mutex_exit(p.p_lock);
  return it ? ok(it.it_overrun) : fail(EINVAL);
}

/** timer_delete(tid) — EINVAL for a bad id. */
function* timer_delete(args: number[]): KGen<SysRet> {
  const k = curkernel();
  const p = curproc();
  yield* mutex_enter(p.p_lock);
  const it = timer_grab(p, args[0] | 0);
  if (!it) { mutex_exit(p.p_lock); return fail(EINVAL); }
  timer_free(k, p, it);
  mutex_exit(p.p_lock);
  return ok();
}

/**
 * timer_signal_taken — psig took signal `sig` for p: the timers that posted it may count
 * overruns afresh (it_pending off, as Solaris's timer_signal/sigqueue release does).
 */
export function timer_signal_taken(p: Proc, sig: number): void {
  for (const x of p.p_itimer) { const it = x as ITimer | null; if (it && it.it_signo === sig) it.it_pending = false; }
}

/** timer_exit — delete every timer of p (exit and exec). Caller holds p_lock. */
export function timer_exit(k: Kernel, p: Proc): void {
  ASSERT(MUTEX_HELD(p.p_lock), 'timer_exit: p_lock not held');
  for (const x of p.p_itimer) if (x) timer_free(k, p, x as ITimer);
  p.p_itimer = [];
}

/** Handlers by sysent name. */
export const SYSCALLS_TIMER: Record<string, SysHandler> = {
  timer_create, timer_delete, timer_settime, timer_gettime, timer_getoverrun,
};
