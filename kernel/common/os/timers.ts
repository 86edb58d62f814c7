/*
 * kernel/common/os/timers.ts — time from the machine's cycle clock and the timers on it: the clocks
 * (clock_gettime/clock_getres/clock_settime, gettimeofday, time, times), alarm(2) and the interval
 * timers (getitimer/setitimer: ITIMER_REAL per process, ITIMER_VIRTUAL and ITIMER_PROF per lwp).
 * Mirrors uts/common/os/timers.c, syscall/alarm.c, syscall/times.c and syscall/time.c. Time is
 * deterministic: monotonic time is machine cycles (hz * clock interval cycles a second), realtime is
 * a fixed boot date (--date) plus that. Leaves out ITIMER_REALPROF, adjtime and high-resolution
 * (cyclic) timeouts: timers fire at clock ticks (10 ms).
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import type { Proc } from '../sys/proc.ts';
import type { KThread } from '../sys/thread.ts';
import type { Lwp } from '../sys/klwp.ts';
import { TS_ZOMB } from '../sys/thread.ts';
import { SZOMB } from '../sys/proc.ts';
import { curkernel, curthread, curproc } from './kglobals.ts';
import { copyin, copyout } from './copy.ts';
import { EFAULT, EINVAL, EPERM } from '../sys/errno.ts';
import { SIGALRM, SIGVTALRM, SIGPROF } from '../sys/signal.ts';
import { mutex_enter, mutex_exit, mutex_tryenter, MUTEX_HELD } from '../sys/mutex.ts';
import { ASSERT } from '../sys/debug.ts';
import { sigtoproc, sigmd } from './sig.ts';
import { timeout, untimeout, callout_left } from './callout.ts';
import type { KGen } from '../sys/thread.ts';
import type { Kernel } from './main.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** Clock ticks per second (hz) and nanoseconds per tick; CLK_TCK for times() is the same 100. */
export const HZ = 100;
export const NSEC_PER_TICK = 1_000_000_000 / HZ;
export const NANOSEC = 1_000_000_000;
/** The default realtime at boot: 2006-01-01 00:00:00 UTC (the ABI's year), in seconds. */
export const BOOT_EPOCH = 1136073600;

/** Clock ids (sys/time_impl.h). */
export const __CLOCK_REALTIME0 = 0, CLOCK_VIRTUAL = 1, CLOCK_THREAD_CPUTIME_ID = 2, CLOCK_REALTIME = 3,
  CLOCK_MONOTONIC = 4, CLOCK_PROCESS_CPUTIME_ID = 5;
/** Interval timers (sys/time.h). */
export const ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;


// ---------------------------------------------------------------------------------------------
// Clocks

/** Per-kernel realtime state: seconds at boot (settable by clock_settime as an offset). */
const REALTIME = new WeakMap<object, { boot_ns: number }>();

function realtime_base(k: Kernel): { boot_ns: number } {
  let r = REALTIME.get(k);
  if (!r) { r = { boot_ns: (k.opts.date ?? BOOT_EPOCH) * NANOSEC }; REALTIME.set(k, r); }
  return r;
}

/** cycles_to_ns — machine cycles as nanoseconds (one clock interval of cycles is one tick). */
export function cycles_to_ns(k: Kernel, cycles: number): number {
  const iv = k.machine.clock.interval;
  return Math.floor(cycles / iv) * NSEC_PER_TICK + Math.floor(((cycles % iv) * NSEC_PER_TICK) / iv);
}

/** ns_to_cycles — the inverse, rounded up (a timer never fires early). */
export function ns_to_cycles(k: Kernel, ns: number): number {
  const iv = k.machine.clock.interval;
  return Math.floor(ns / NSEC_PER_TICK) * iv + Math.ceil(((ns % NSEC_PER_TICK) * iv) / NSEC_PER_TICK);
}

/** gethrtime — monotonic nanoseconds since boot, as the current thread's CPU sees the cycle clock. */
export function gethrtime(k: Kernel): number {
  const t = curthread();
  return cycles_to_ns(k, k.cpu_now(t.t_cpu));
}

/** gethrestime — realtime in nanoseconds since 1970. */
export function gethrestime(k: Kernel): number {
  return realtime_base(k).boot_ns + gethrtime(k);
}

/** lwp_cpu_cycles — an lwp's user and system cycles so far. */
function lwp_cycles(lwp: Lwp | null): { user: number; sys: number } {
  return lwp ? { user: lwp.lwp_ms_user, sys: lwp.lwp_ms_sys } : { user: 0, sys: 0 };
}

/** proc_cpu_cycles — mstate_aggr_state(p, LMS_USER / LMS_SYSTEM): exited lwps plus the live ones. */
export function proc_cpu_cycles(p: Proc): { user: number; sys: number } {
  let user = p.p_acct_user, sys = p.p_acct_sys;
  for (const t of p.p_threads) {
    if (t.t_state === TS_ZOMB) continue;
    const c = lwp_cycles(t.t_lwp);
    user += c.user; sys += c.sys;
  }
  return { user, sys };
}

/** The time of clock `clock` in nanoseconds, or -1 for an unknown clock. */
function clock_ns(k: Kernel, t: KThread, clock: number): number {
  switch (clock) {
    case __CLOCK_REALTIME0: case CLOCK_REALTIME: return gethrestime(k);
    case CLOCK_MONOTONIC: return gethrtime(k);
    case CLOCK_VIRTUAL: return cycles_to_ns(k, lwp_cycles(t.t_lwp).user);
    case CLOCK_THREAD_CPUTIME_ID: { const c = lwp_cycles(t.t_lwp); return cycles_to_ns(k, c.user + c.sys); }
    case CLOCK_PROCESS_CPUTIME_ID: { const c = proc_cpu_cycles(t.t_procp); return cycles_to_ns(k, c.user + c.sys); }
    default: return -1;
  }
}

/** Little-endian ISAs store words the other way (the signal MD knows the byte order). */
function le(): boolean { return sigmd().littleEndian; }

/** Two 32-bit words (a timespec or timeval) as bytes. */
export function words(vals: number[]): Uint8Array {
  const b = new Uint8Array(vals.length * 4);
  const dv = new DataView(b.buffer);
  const l = le();
  vals.forEach((v, i) => dv.setInt32(i * 4, v | 0, l));
  return b;
}

/** Read n 32-bit signed words at uva; null on EFAULT. */
export function read_words(uva: number, n: number): number[] | null {
  const p = curproc();
  if (!p.p_as) return null;
  const r = copyin(p.p_as, uva >>> 0, n * 4);
  if (r.error) return null;
  const dv = new DataView(r.data.buffer, r.data.byteOffset, n * 4);
  const l = le();
  return Array.from({ length: n }, (_, i) => dv.getInt32(i * 4, l));
}

/** Write 32-bit words at uva; 0 or EFAULT. */
export function write_words(uva: number, vals: number[]): number {
  const p = curproc();
  if (!p.p_as) return EFAULT;
  return copyout(p.p_as, uva >>> 0, words(vals)) ? EFAULT : 0;
}

/** ns as a timespec's two words. */
export function ns_timespec(ns: number): number[] { return [Math.floor(ns / NANOSEC), ns % NANOSEC]; }

/** clock_gettime(clock, tp) — EINVAL for an unknown clock, EFAULT for a bad tp. */
function clock_gettime(args: number[]): SysRet {
  const [clock, tp] = args;
  const k = curkernel();
  const ns = clock_ns(k, curthread(), clock | 0);
  if (ns < 0) return fail(EINVAL);
  const e = write_words(tp, ns_timespec(ns));
  return e ? fail(e) : ok();
}

/**
 * clock_getres(clock, res) — the resolution: a tick for realtime (as Solaris reports its
 * clock_realtime), one cycle's worth of nanoseconds for the cycle-counted clocks. res may be NULL.
 */
function clock_getres(args: number[]): SysRet {
  const [clock, res] = args;
  const k = curkernel();
  let ns: number;
  switch (clock | 0) {
    case __CLOCK_REALTIME0: case CLOCK_REALTIME: ns = NSEC_PER_TICK; break;
    case CLOCK_MONOTONIC: case CLOCK_VIRTUAL: case CLOCK_THREAD_CPUTIME_ID: case CLOCK_PROCESS_CPUTIME_ID:
      ns = Math.max(1, Math.ceil(NSEC_PER_TICK / k.machine.clock.interval)); break;
    default: return fail(EINVAL);
  }
  if (res === 0) return ok();
  const e = write_words(res, ns_timespec(ns));
  return e ? fail(e) : ok();
}

/**
 * clock_settime(clock, tp) — only CLOCK_REALTIME can be set (EINVAL otherwise; EPERM for a
 * non-root caller); it moves the boot date, so the monotonic clock is untouched.
 */
function clock_settime(args: number[]): SysRet {
  const [clock, tp] = args;
  const k = curkernel();
  if ((clock | 0) !== CLOCK_REALTIME && (clock | 0) !== __CLOCK_REALTIME0) return fail(EINVAL);
  const w = read_words(tp, 2);
  if (!w) return fail(EFAULT);
  if (w[1] < 0 || w[1] >= NANOSEC) return fail(EINVAL);
  if (curproc().p_uid !== 0) return fail(EPERM);
  realtime_base(k).boot_ns = w[0] * NANOSEC + w[1] - gethrtime(k);
  return ok();
}

/** gettimeofday(tp) — realtime as a timeval; tp may be NULL. */
function gettimeofday(args: number[]): SysRet {
  const [tp] = args;
  if (tp === 0) return ok();
  const ns = gethrestime(curkernel());
  const e = write_words(tp, [Math.floor(ns / NANOSEC), Math.floor((ns % NANOSEC) / 1000)]);
  return e ? fail(e) : ok();
}

/** time() — gtime: realtime in whole seconds (libc stores it through its tloc argument). */
function time(_args: number[]): SysRet {
  return ok(Math.floor(gethrestime(curkernel()) / NANOSEC));
}

/** Cycles as clock ticks (clock_t at CLK_TCK = HZ), rounded down as NSEC_TO_TICK does. */
function cycles_to_ticks(k: Kernel, cycles: number): number {
  return Math.floor(cycles / k.machine.clock.interval);
}

/**
 * times(tp) — the process's user and system time and its reaped children's, in ticks; returns
 * lbolt (elapsed ticks since boot). A fork child starts with all four at zero.
 */
function* times(args: number[]): KGen<SysRet> {
  const [tp] = args;
  const k = curkernel();
  const p = curproc();
  yield* mutex_enter(p.p_lock);
  const c = proc_cpu_cycles(p);
  const tms = [cycles_to_ticks(k, c.user), cycles_to_ticks(k, c.sys), p.p_cutime, p.p_cstime];
  mutex_exit(p.p_lock);
  const e = write_words(tp, tms);
  if (e) return fail(e);
  return ok(k.lbolt);
}

/**
 * proc_exit_times — at exit (proc_exit), p_utime/p_stime become the process's own ticks plus its
 * children's, for the parent's p_cutime/p_cstime when it reaps the zombie (freeproc).
 */
export function proc_exit_times(k: Kernel, p: Proc): void {
  const c = proc_cpu_cycles(p);
  p.p_utime = cycles_to_ticks(k, c.user) + p.p_cutime;
  p.p_stime = cycles_to_ticks(k, c.sys) + p.p_cstime;
}

// ---------------------------------------------------------------------------------------------
// alarm(2)

/**
 * sigalarm2proc — the alarm callout: SIGALRM to the process. Runs in the clock (as t0); when p_lock
 * is busy it asks to be run again at the next tick.
 */
function sigalarm2proc(p: Proc, id: () => number): boolean {
  if (!mutex_tryenter(p.p_lock)) return false;
  if (p.p_alarmid === id()) p.p_alarmid = 0;
  sigtoproc(p, null, SIGALRM);
  mutex_exit(p.p_lock);
  return true;
}

/**
 * alarm(deltat) — cancel the pending alarm and, when deltat > 0, schedule SIGALRM in deltat
 * seconds. Returns the seconds the old alarm had left, rounded up (0 when there was none).
 */
function* alarm(args: number[]): KGen<SysRet> {
  const deltat = args[0] >>> 0;
  const k = curkernel();
  const p = curproc();
  yield* mutex_enter(p.p_lock);
  let del = -1;
  if (p.p_alarmid !== 0) { del = untimeout(k, p.p_alarmid); p.p_alarmid = 0; }
  const ret = del < 0 ? 0 : Math.floor((del + HZ - 1) / HZ);
  // The implementation-defined limit is LONG_MAX / hz seconds.
  const secs = Math.min(deltat, Math.floor(0x7fffffff / HZ));
  if (secs > 0) {
    let id = 0;
    id = timeout(k, () => sigalarm2proc(p, () => id), secs * HZ, `alarm[${p.p_pid}]`);
    p.p_alarmid = id;
  }
  mutex_exit(p.p_lock);
  return ok(ret);
}

// ---------------------------------------------------------------------------------------------
// Interval timers

/** itimerfix — a timeval's validity (EINVAL outside 0 <= usec < 1e6, sec >= 0). */
function timeval_bad(sec: number, usec: number): boolean { return sec < 0 || usec < 0 || usec >= 1_000_000; }
/** A timeval as nanoseconds; a nonzero value below a tick is raised to one tick (itimerfix). */
function timeval_ns(sec: number, usec: number): number {
  const ns = sec * NANOSEC + usec * 1000;
  return ns > 0 && ns < NSEC_PER_TICK ? NSEC_PER_TICK : ns;
}
function ns_timeval(ns: number): number[] { return [Math.floor(ns / NANOSEC), Math.floor((ns % NANOSEC) / 1000)]; }

/** timeout_at — run func when monotonic time reaches deadline_ns (at the first tick at or after it). */
export function timeout_at(k: Kernel, func: () => boolean, deadline_ns: number, name: string): number {
  const tick = Math.ceil(deadline_ns / NSEC_PER_TICK);
  return timeout(k, func, tick - k.lbolt, name);
}

/** The monotonic time at the clock (callouts run between rounds: the machine's time). */
function clock_hrtime(k: Kernel): number { return cycles_to_ns(k, k.machine.now); }

/**
 * realitexpire — the ITIMER_REAL callout: SIGALRM, then re-arm for the next interval (skipping
 * intervals that have already passed) or disarm. Busy p_lock: retried at the next tick.
 */
function realitexpire(k: Kernel, p: Proc, id: () => number): boolean {
  if (!mutex_tryenter(p.p_lock)) return false;
  if (p.p_itimerid === id() && p.p_realitimer) {
    p.p_itimerid = 0;
    sigtoproc(p, null, SIGALRM);
    const it = p.p_realitimer;
    if (it.interval_ns > 0) {
      const now = clock_hrtime(k);
      do it.deadline_ns += it.interval_ns; while (it.deadline_ns <= now);
      arm_real(k, p);
    } else {
      p.p_realitimer = null;
    }
  }
  mutex_exit(p.p_lock);
  return true;
}

function arm_real(k: Kernel, p: Proc): void {
  let id = 0;
  id = timeout_at(k, () => realitexpire(k, p, () => id), p.p_realitimer!.deadline_ns, `itimer[${p.p_pid}]`);
  p.p_itimerid = id;
}

/** The itimerval words [interval sec, usec, value sec, usec] of timer `which` now. Caller holds p_lock. */
function itimer_get(k: Kernel, t: KThread, which: number): number[] {
  const p = t.t_procp;
  ASSERT(MUTEX_HELD(p.p_lock), 'itimer_get: p_lock not held');
  if (which === ITIMER_REAL) {
    const it = p.p_realitimer;
    if (!it || p.p_itimerid === 0) return [0, 0, 0, 0];
    const left = Math.max(1000, it.deadline_ns - gethrtime(k));
    return [...ns_timeval(it.interval_ns), ...ns_timeval(left)];
  }
  const lwp = t.t_lwp!;
  const tm = lwp.lwp_timer[which];
  if (!tm) return [0, 0, 0, 0];
  const now = which === ITIMER_VIRTUAL ? lwp.lwp_ms_user : lwp.lwp_ms_user + lwp.lwp_ms_sys;
  return [...ns_timeval(cycles_to_ns(k, tm.interval)), ...ns_timeval(Math.max(1000, cycles_to_ns(k, tm.expire - now)))];
}

/** getitimer(which, value) — EINVAL for an unknown timer, EFAULT for a bad value. */
function* getitimer(args: number[]): KGen<SysRet> {
  const [which, uval] = args;
  if (which > ITIMER_PROF) return fail(EINVAL);
  const k = curkernel();
  const t = curthread();
  yield* mutex_enter(t.t_procp.p_lock);
  const w = itimer_get(k, t, which);
  mutex_exit(t.t_procp.p_lock);
  const e = write_words(uval, w);
  return e ? fail(e) : ok();
}

/**
 * setitimer(which, value, ovalue) — arm (value nonzero) or disarm timer `which`; ovalue, when
 * given, gets the old setting. EINVAL for an unknown timer or a bad timeval, EFAULT for bad
 * pointers (nothing changes then). value may be NULL (then it only reads, as Solaris allows).
 */
function* setitimer(args: number[]): KGen<SysRet> {
  const [which, uval, uoval] = args;
  if (which > ITIMER_PROF) return fail(EINVAL);
  const k = curkernel();
  const t = curthread();
  const p = t.t_procp;
  let v: number[] | null = null;
  if (uval !== 0) {
    v = read_words(uval, 4);
    if (!v) return fail(EFAULT);
    if (timeval_bad(v[0], v[1]) || timeval_bad(v[2], v[3])) return fail(EINVAL);
  }
  yield* mutex_enter(p.p_lock);
  const old = itimer_get(k, t, which);
  if (uoval !== 0) {
    const e = write_words(uoval, old);
    if (e) { mutex_exit(p.p_lock); return fail(e); }
  }
  if (v) {
    const interval = timeval_ns(v[0], v[1]), value = timeval_ns(v[2], v[3]);
    if (which === ITIMER_REAL) {
      if (p.p_itimerid !== 0) { untimeout(k, p.p_itimerid); p.p_itimerid = 0; }
      p.p_realitimer = null;
      if (value > 0) {
        p.p_realitimer = { interval_ns: interval, deadline_ns: gethrtime(k) + value };
        arm_real(k, p);
      }
    } else {
      const lwp = t.t_lwp!;
      const now = which === ITIMER_VIRTUAL ? lwp.lwp_ms_user : lwp.lwp_ms_user + lwp.lwp_ms_sys;
      if (value > 0) lwp.lwp_timer[which] = { expire: now + ns_to_cycles(k, value), interval: ns_to_cycles(k, interval) };
      else delete lwp.lwp_timer[which];
    }
  }
  mutex_exit(p.p_lock);
  return ok();
}

/**
 * clock_itimers — at each clock tick (clock() in Solaris decrements lwp_timer for the running
 * lwp): every lwp whose virtual or profiling time has passed its timer's expiry gets SIGVTALRM /
 * SIGPROF, and the timer reloads or disarms. Runs as t0; a busy p_lock defers to the next tick.
 */
export function clock_itimers(k: Kernel): void {
  for (const p of k.practive) {
    if (p.p_stat === SZOMB) continue;
    for (const t of p.p_threads) {
      const lwp = t.t_lwp;
      if (!lwp || t.t_state === TS_ZOMB || (!lwp.lwp_timer[ITIMER_VIRTUAL] && !lwp.lwp_timer[ITIMER_PROF])) continue;
      if (!mutex_tryenter(p.p_lock)) continue;
      for (const which of [ITIMER_VIRTUAL, ITIMER_PROF]) {
        const tm = lwp.lwp_timer[which];
        if (!tm) continue;
        const now = which === ITIMER_VIRTUAL ? lwp.lwp_ms_user : lwp.lwp_ms_user + lwp.lwp_ms_sys;
        if (now < tm.expire) continue;
        sigtoproc(p, t, which === ITIMER_VIRTUAL ? SIGVTALRM : SIGPROF);
        if (tm.interval > 0) { do tm.expire += tm.interval; while (tm.expire <= now); }
        else delete lwp.lwp_timer[which];
      }
      mutex_exit(p.p_lock);
    }
  }
}

/**
 * itimers_exit — proc_exit's part: cancel the alarm and ITIMER_REAL callouts (the callouts hold
 * the process). Caller holds p_lock.
 */
export function itimers_exit(k: Kernel, p: Proc): void {
  ASSERT(MUTEX_HELD(p.p_lock), 'itimers_exit: p_lock not held');
  if (p.p_alarmid !== 0) { untimeout(k, p.p_alarmid); p.p_alarmid = 0; }
  if (p.p_itimerid !== 0) { untimeout(k, p.p_itimerid); p.p_itimerid = 0; }
  p.p_realitimer = null;
}

/** alarm_left — ticks left on p's alarm, or -1 (the debugger and tests). */
export function alarm_left(k: Kernel, p: Proc): number { return p.p_alarmid ? callout_left(k, p.p_alarmid) : -1; }

/** Handlers by sysent name. */
export const SYSCALLS_TIME: Record<string, SysHandler> = {
  time, times, alarm, gettimeofday, getitimer, setitimer, clock_gettime, clock_settime, clock_getres,
};
