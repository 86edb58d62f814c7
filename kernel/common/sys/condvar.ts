/*
 * kernel/common/sys/condvar.ts — condition variables (uts/common/os/condvar.c): cv_wait,
 * cv_wait_sig (returns 0 when a signal ended the sleep), cv_timedwait (returns -1 on timeout),
 * cv_signal and cv_broadcast. The mutex is released while sleeping and re-taken before return.
 * An lwp that goes to sleep tells a holdlwps()/exitlwps() waiter of its process (p_holdlwps), and
 * an interruptible sleeper woken while its process is held for fork1 (or it is suspended) stops
 * in place first (cv_wait_sig's issig → stop(PR_SUSPENDED) in Solaris), then returns as woken.
 */

import { T_BLOCK, TS_SLEEP, type KGen, type KThread } from './thread.ts';
import { mutex_enter, mutex_exit, MUTEX_HELD, type KMutex } from './mutex.ts';
import { ASSERT } from './debug.ts';
import { curkernel, curthread } from '../os/kglobals.ts';
import { kdi_on, kdi_mark } from '../os/kdi.ts';

/** KCondvar — kcondvar_t: the threads sleeping on it, in order. */
export class KCondvar {
  readonly cv_waiters: KThread[] = [];
  constructor(public cv_name = 'cv') {}
}

function sleep_on(cv: KCondvar, t: KThread, sig: boolean): void {
  t.t_state = TS_SLEEP;
  t.t_cv = cv;
  t.t_wchan = cv;
  t.t_sigsleep = sig;
  t.t_interrupted = false;
  t.t_timedout = false;
  cv.cv_waiters.push(t);
  // A sleeping lwp may now count as held: let a holdlwps()/exitlwps()/lwp_suspend() waiter look.
  const hw = t.t_procp.p_holdlwps;
  if (cv !== hw && hw.cv_waiters.length > 0) cv_broadcast(hw);
}

/**
 * stop_in_place — t was woken from an interruptible sleep while another lwp holds its process
 * for fork1 (or t is suspended): stop here, counted as held, until continuelwps/lwp_continue.
 * Only for a thread that holds no lock (it has released the sleep's mutex).
 */
function* stop_in_place(t: KThread): KGen {
  const p = t.t_procp;
  if (t.t_locks.length > 0 || !p.p_muststop(t)) return;
  yield* mutex_enter(p.p_lock);
  while (p.p_muststop(t)) {
    t.t_insleep_held = true;
    yield* cv_wait(p.p_resume, p.p_lock);
  }
  t.t_insleep_held = false;
  mutex_exit(p.p_lock);
}

function unsleep(t: KThread): void {
  const cv = t.t_cv;
  if (cv) {
    const i = cv.cv_waiters.indexOf(t);
    if (i >= 0) cv.cv_waiters.splice(i, 1);
  }
  t.t_cv = null;
  t.t_wchan = null;
  t.t_sigsleep = false;
  t.t_timeout = 0;
}

/** Wake one sleeping thread (whatever it sleeps on). */
export function wakeup_thread(t: KThread): void {
  unsleep(t);
  curkernel().disp.setrun(t);
}

/** setrun_interrupt — end t's interruptible sleep because of a signal (cv_wait_sig returns 0). */
export function sleep_interrupt(t: KThread): boolean {
  if (t.t_state !== TS_SLEEP || !t.t_sigsleep) return false;
  t.t_interrupted = true;
  wakeup_thread(t);
  return true;
}

/** sleep_timeout — called by the clock when t's timed sleep ends. */
export function sleep_timeout(t: KThread): void {
  if (t.t_state !== TS_SLEEP || t.t_cv === null) return;
  t.t_timedout = true;
  wakeup_thread(t);
}

/** cv_wait — sleep on cv, releasing m meanwhile. m must be held. */
export function* cv_wait(cv: KCondvar, m: KMutex): KGen {
  ASSERT(MUTEX_HELD(m), 'cv_wait: mutex not held');
  const t = curthread();
  sleep_on(cv, t, false);
  mutex_exit(m);
  if (kdi_on) kdi_mark(t);
  while (t.t_cv === cv) yield T_BLOCK;
  yield* mutex_enter(m);
}

/**
 * cv_wait_sig — like cv_wait, but a signal sent to the thread ends the sleep. Returns 0 when
 * interrupted by a signal (or one was already pending: the caller then returns EINTR), 1 otherwise.
 */
export function* cv_wait_sig(cv: KCondvar, m: KMutex, pending: () => boolean): KGen<number> {
  ASSERT(MUTEX_HELD(m), 'cv_wait_sig: mutex not held');
  const t = curthread();
  if (pending()) return 0;
  sleep_on(cv, t, true);
  mutex_exit(m);
  if (kdi_on) kdi_mark(t);
  while (t.t_cv === cv) yield T_BLOCK;
  if (!t.t_interrupted) yield* stop_in_place(t);
  yield* mutex_enter(m);
  return t.t_interrupted ? 0 : 1;
}

/**
 * cv_timedwait_sig — cv_wait_sig with a deadline in clock ticks (absolute lbolt). Returns 0 when
 * interrupted by a signal, -1 on timeout, 1 when woken.
 */
export function* cv_timedwait_sig(cv: KCondvar, m: KMutex, deadline: number, pending: () => boolean): KGen<number> {
  ASSERT(MUTEX_HELD(m), 'cv_timedwait_sig: mutex not held');
  const t = curthread();
  if (pending()) return 0;
  sleep_on(cv, t, true);
  t.t_timeout = deadline;
  curkernel().callout_add(t);
  mutex_exit(m);
  if (kdi_on) kdi_mark(t);
  while (t.t_cv === cv) yield T_BLOCK;
  if (!t.t_interrupted) yield* stop_in_place(t);
  yield* mutex_enter(m);
  return t.t_interrupted ? 0 : t.t_timedout ? -1 : 1;
}

/** cv_signal — wake the first sleeper. */
export function cv_signal(cv: KCondvar): void {
  const t = cv.cv_waiters[0];
  if (t) wakeup_thread(t);
}

/** cv_broadcast — wake every sleeper. */
export function cv_broadcast(cv: KCondvar): void {
  for (const t of [...cv.cv_waiters]) wakeup_thread(t);
}
