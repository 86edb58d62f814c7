/*
 * kernel/common/os/lwp.ts — light-weight processes (uts/common/os/lwp.c, reduced): creating an
 * lwp and its kernel thread, the lwp directory, forklwp() for cfork, holdlwps()/continuelwps()
 * with the hold point every lwp passes before it returns to user mode, and the lwp system calls
 * (lwp_create, lwp_exit, lwp_wait, lwp_self). lwp_main is the body of every user lwp's thread.
 */

import type { Kernel } from './main.ts';
import { Lwp } from '../sys/klwp.ts';
import { KThread, TS_RUN, TS_SLEEP, TS_STOPPED, TS_ZOMB, TS_ONPROC, T_PREEMPT, type KGen } from '../sys/thread.ts';
import { SHOLDFORK, SHOLDFORK1, SEXITLWPS, SZOMB, type Proc, type LwpEnt } from '../sys/proc.ts';
import { mutex_enter, mutex_exit, MUTEX_HELD } from '../sys/mutex.ts';
import { cv_broadcast, cv_wait, cv_wait_sig, sleep_interrupt } from '../sys/condvar.ts';
import { ASSERT } from '../sys/debug.ts';
import { curkernel, curproc, curthread } from './kglobals.ts';
import { task_lwps, type Task } from './task.ts';
import { EAGAIN, EDEADLK, EFAULT, EINTR, EINVAL, ESRCH } from '../sys/errno.ts';
import { copyin, suword32 } from './copy.ts';
import { forkret_trace, type SysRet } from '../syscall/syscall_table.ts';
import { exit, lwp_exit_for_exit } from './exit.ts';
import { CLD_EXITED } from '../sys/proc.ts';
import { inject } from './fault_inject.ts';
import { issig, jc_wait } from './sig.ts';
import { probe_fire } from './probes.ts';
import { kpreempt } from '../disp/kpreempt.ts';
import { kdi_on, kdi_fbt, kdi_check } from './kdi.ts';
import { KC_LWP_CREATE, KC_LWP_EXIT, KC_PROC_SCAN, KC_FORKLWP } from './kcycles.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** t_proc_flag bits (thread.h). */
export const TP_DAEMON = 0x1, TP_HOLDLWP = 0x2, TP_TWAIT = 0x4, TP_LWPEXIT = 0x8;
/** t_flag bits: T_FORKALL marks the forkall clones of lwps other than the forking one. */
export const T_FORKALL = 0x1000;
/** lwp_create flags (lwp.h): LWP_DAEMON 0x20, LWP_DETACHED 0x40, LWP_SUSPENDED 0x80. */
export const LWP_DAEMON = 0x20, LWP_DETACHED = 0x40, LWP_SUSPENDED = 0x80;

/** Bytes of a ucontext_t that lwp_create reads (ISA layout; see kernel/<isa>/ucontext.ts). */
export const UCONTEXT_READ = 512;

/**
 * lwp_alloc — a new lwp with id `lwpid` and its kernel thread in p (not runnable: TS_STOPPED),
 * entered in the lwp directory and counted in p_lwpcnt and the task/project/zone. Caller holds
 * p_lock (or p is not yet visible).
 */
export function lwp_alloc(k: Kernel, p: Proc, lwpid: number): Lwp {
  const lwp = new Lwp(p, null);
  const t = new KThread(k.next_did(), lwpid, p, lwp);
  lwp.lwp_thread = t;
  t.t_state = TS_STOPPED;
  t.t_gen = lwp_main(k, t);
  p.p_threads.push(t);
  p.p_lwpdir.set(lwpid, { le_lwpid: lwpid, le_thread: t, le_start: k.lbolt });
  p.p_lwpcnt++;
  if (p.p_task) task_lwps(p.p_task as Task, 1);
  return lwp;
}

/** lwp_create_done — make a newly created (stopped) lwp runnable. */
export function lwp_create_done(t: KThread): void {
  ASSERT(t.t_state === TS_STOPPED, 'lwp_create_done: thread not stopped');
  t.t_proc_flag &= ~TP_HOLDLWP;
  curkernel().disp.setrun(t);
}

/** lwp_hash_in — enter a directory entry (zombie lwps replicated by forkall). */
export function lwp_hash_in(p: Proc, ent: LwpEnt): void {
  p.p_lwpdir.set(ent.le_lwpid, ent);
}

/**
 * forklwp — clone lwp `lwp` (of the forking process) into cp with id `lwpid`: same user registers
 * (the machine-dependent lwp_forkregs), a new kernel thread left TS_STOPPED; the work is charged
 * (KC_FORKLWP, a preemption point). Returns null when the clone cannot be made (fault site
 * 'forklwp').
 */
export function* forklwp(lwp: Lwp, cp: Proc, lwpid: number): KGen<Lwp | null> {
  if (kdi_on) yield* kdi_fbt('forklwp');
  const k = curkernel();
  if (inject(k, 'forklwp')) return null;
  const clone = lwp_alloc(k, cp, lwpid);
  yield* kpreempt(KC_FORKLWP);
  k.md.lwp_forkregs(k, lwp, clone);
  const t = lwp.lwp_thread!;
  clone.lwp_thread!.t_hold = t.t_hold;
  // The alternate signal stack is copied (it lives in the copied address space); the CPU-time
  // counters and the virtual/profiling interval timers start empty, as lwp_create leaves them.
  clone.lwp_sigaltstack = { ...lwp.lwp_sigaltstack };
  // A suspended lwp's forkall copy is suspended too: it is set running and stops at its hold point.
  if (t.t_suspended && t !== curthread()) { clone.lwp_thread!.t_suspended = true; clone.lwp_thread!.t_proc_flag |= TP_HOLDLWP; }
  return clone;
}

/** Threads of p other than `self` that are alive. */
function others(p: Proc, self: KThread): KThread[] {
  return p.p_threads.filter((t) => t !== self && t.t_state !== TS_ZOMB);
}

/**
 * is_held — does lwp t count as stopped for a hold of kind `holdcode`? Stopped lwps (created,
 * suspended, at the hold point, stopped in place in a sleep, stopped by job control) always do;
 * for fork1 (SHOLDFORK1) so does an lwp in an interruptible sleep, which would stop in place if
 * woken (stop_in_place in condvar.ts). Running, runnable, mutex-blocked and uninterruptibly
 * sleeping lwps do not: the holder waits for them to reach one of those points.
 */
function is_held(t: KThread, holdcode: number): boolean {
  if (t.t_state === TS_STOPPED) return true;
  if (t.t_state !== TS_SLEEP) return false;
  const p = t.t_procp;
  if (t.t_wchan === p.p_resume || t.t_wchan === p.p_stopcv) return true;
  return holdcode === SHOLDFORK1 && t.t_sigsleep;
}

/**
 * holdlwps — stop every other lwp of the current process (SHOLDFORK for forkall: each must reach
 * the hold point at a kernel boundary, so lwps in interruptible sleeps are woken and return
 * EINTR; SHOLDFORK1 for fork1/vfork: sleeping lwps stay asleep, or stop in place if woken).
 * Returns false, holding nothing, when another lwp is doing a forkall or the process is exiting
 * (cfork then fails with EINTR); while another lwp is doing a fork1, this one stops here
 * (stop(PR_SUSPENDED)) and tries again when it is done, so concurrent fork1 callers serialise.
 */
export function* holdlwps(holdcode: number): KGen<boolean> {
  if (kdi_on) yield* kdi_fbt('holdlwps');
  const t = curthread();
  const p = t.t_procp;
  yield* mutex_enter(p.p_lock);
  for (;;) {
    while (p.p_flag & (SEXITLWPS | SHOLDFORK | SHOLDFORK1)) {
      /*
       * If another lwp is doing a forkall() or proc_exit(), bail out.
       */
      if (p.p_flag & (SEXITLWPS | SHOLDFORK)) {
        mutex_exit(p.p_lock);
        return false;
      }
      /*
       * Another lwp is doing a fork1(): hold here for it to complete.
       */
      t.t_insleep_held = true;
      yield* cv_wait(p.p_resume, p.p_lock);
      t.t_insleep_held = false;
    }
    p.p_flag |= holdcode;
    p.p_holder = t;
    /*
     * Wait for the process to become quiescent.
     */
    let aborted = false;
    for (;;) {
      /* Check if aborted by exitlwps(). */
      if (p.p_flag & SEXITLWPS) { aborted = true; break; }
      yield* kpreempt(KC_PROC_SCAN * p.p_threads.length);   /* pokelwps, under p_lock */
      if (p.p_flag & SEXITLWPS) { aborted = true; break; }
      let all = true;
      for (const o of others(p, t)) {
        if (is_held(o, holdcode)) continue;
        all = false;
        o.t_preempt = true;              /* aston(t): trap or do post_syscall */
        if (holdcode === SHOLDFORK && o.t_state === TS_SLEEP && o.t_sigsleep) sleep_interrupt(o);
      }
      if (all) break;
      yield* cv_wait(p.p_holdlwps, p.p_lock);
    }
    if (!aborted) break;
    p.p_flag &= ~holdcode;
    p.p_holder = null;
    cv_broadcast(p.p_holdlwps);
    cv_broadcast(p.p_resume);
  }
  mutex_exit(p.p_lock);
  return true;
}

/**
 * continuelwps — release the lwps held by holdlwps (and wake an exitlwps() waiting for the hold
 * to end). Caller holds p_lock.
 */
export function continuelwps(p: Proc): void {
  ASSERT(MUTEX_HELD(p.p_lock), 'continuelwps: p_lock not held');
  p.p_flag &= ~(SHOLDFORK | SHOLDFORK1);
  p.p_holder = null;
  cv_broadcast(p.p_resume);
  cv_broadcast(p.p_holdlwps);
}

/**
 * holdlwp — the hold point: called by every user lwp before it returns to user mode. If another
 * lwp holds the process, or this one is suspended (lwp_suspend), stop here (TP_HOLDLWP) until
 * continuelwps / lwp_continue.
 */
export function* holdlwp(t: KThread): KGen {
  const p = t.t_procp;
  const held = () => ((p.p_flag & (SHOLDFORK | SHOLDFORK1)) !== 0 && p.p_holder !== t) || t.t_suspended;
  if (!held()) return;
  yield* mutex_enter(p.p_lock);
  while (held() && p.p_stat !== SZOMB && !(p.p_flag & SEXITLWPS)) {
    t.t_proc_flag |= TP_HOLDLWP;
    yield* cv_wait(p.p_resume, p.p_lock);   // cv_wait tells holdlwps() one more lwp is stopped
    t.t_proc_flag &= ~TP_HOLDLWP;
  }
  mutex_exit(p.p_lock);
}

/** lwp_main — the body of every user lwp's kernel thread: hold point, user code, repeat. */
export function* lwp_main(k: Kernel, t: KThread): KGen {
  for (;;) {
    if (t.t_procp.p_flag & SEXITLWPS) { yield* lwp_exit_for_exit(t); return; }
    if (t.t_procp.p_flag & (SHOLDFORK | SHOLDFORK1) || t.t_suspended) yield* holdlwp(t);
    if (t.t_procp.p_jcstop) yield* jc_wait(t);      // the process is stopped (job control)
    if (t.t_state === TS_ZOMB) return;
    if (t.t_forkret) {
      k.opts.syscallTrace?.(forkret_trace(t.t_procp.p_pid, t.t_tid, t.t_forkret, t.t_procp.p_ppid));
      t.t_forkret = null;
    }
    const cpu = k.machine.cpus[t.t_cpu];
    yield* k.md.user_run(t, cpu, t.t_budget);
    if (t.t_state === TS_ZOMB || t.t_procp.p_stat === SZOMB) return;
    if (kdi_on) t.t_stack = null;      // back at the top: no kernel call chain (user mode)
    yield T_PREEMPT;
  }
}

// ---------------------------------------------------------------------------------------------
// lwp system calls


/** lwp_create(ucp, flags, new_lwp) — a new lwp starting from the registers in *ucp. */
export function* syslwp_create(args: number[]): KGen<SysRet> {
  if (kdi_on) yield* kdi_fbt('lwp_create');
  const [ucp, flags, idp] = args;
  const k = curkernel();
  const p = curproc();
  if (!p.p_as) return fail(EFAULT);
  const uc = copyin(p.p_as, ucp >>> 0, k.md.ucontext_size);
  if (uc.error) return fail(uc.error);
  if (p.p_lwpcnt >= 1024) return fail(EAGAIN);
  yield* mutex_enter(p.p_lock);
  const lwpid = ++p.p_lwpid;
  const lwp = lwp_alloc(k, p, lwpid);
  yield* kpreempt(KC_LWP_CREATE);     /* the lwp, its thread and registers, under p_lock */
  const err = k.md.lwp_setucontext(lwp, uc.data);
  const nt = lwp.lwp_thread!;
  if (err) {
    lwp_free(p, nt);
    mutex_exit(p.p_lock);
    return fail(err);
  }
  nt.t_hold = curthread().t_hold;
  if (!(flags & LWP_DETACHED)) nt.t_proc_flag |= TP_TWAIT;
  if (flags & LWP_DAEMON) { nt.t_proc_flag |= TP_DAEMON; p.p_lwpdaemon++; }
  mutex_exit(p.p_lock);
  if (idp !== 0) {
    const e = suword32(p.p_as, idp >>> 0, lwpid);
    if (e) { /* like Solaris: the lwp exists anyway; report the fault */ }
  }
  probe_fire(k, 'proc', 'lwp-create', { pid: p.p_pid, lwpid });
  if (kdi_on) yield* kdi_check();
  if (!(flags & LWP_SUSPENDED)) lwp_create_done(nt);
  else nt.t_suspended = true;        /* stays TS_STOPPED until lwp_continue */
  return ok(lwpid);
}

/** Remove a never-run lwp (creation failed). Caller holds p_lock. */
function lwp_free(p: Proc, t: KThread): void {
  lwp_exit_common(p, t, false);
}

/**
 * lwp_exit — the calling lwp ends. The last lwp ending ends the process (exit(0)); otherwise the
 * lwp becomes a zombie entry that lwp_wait can reap (unless detached).
 */
export function* syslwp_exit(_args: number[]): KGen<SysRet> {
  if (kdi_on) yield* kdi_fbt('lwp_exit');
  const t = curthread();
  const p = t.t_procp;
  yield* mutex_enter(p.p_lock);
  if (p.p_lwpcnt - p.p_lwpdaemon <= 1 && !(t.t_proc_flag & TP_DAEMON)) {
    mutex_exit(p.p_lock);
    yield* exit(CLD_EXITED, 0);
    return ok();
  }
  yield* kpreempt(KC_LWP_EXIT);       /* the lwp's teardown, under p_lock */
  lwp_exit_common(p, t);
  mutex_exit(p.p_lock);
  return ok();
}

/**
 * lwp_exit_common — thread t of p ends where it is: off any sleep queue and the run queue, out of
 * the lwp list and counts. With `keep_zombie` a lwp_wait()able lwp (TP_TWAIT) leaves a zombie entry
 * in the lwp directory for lwp_wait; without it (exit, exec, a failed create) the entry goes.
 * Caller holds p_lock.
 */
export function lwp_exit_common(p: Proc, t: KThread, keep_zombie = true): void {
  ASSERT(MUTEX_HELD(p.p_lock), 'lwp_exit_common: p_lock not held');
  const k = curkernel();
  if (t.t_cv) { const i = t.t_cv.cv_waiters.indexOf(t); if (i >= 0) t.t_cv.cv_waiters.splice(i, 1); }
  if (t.t_blocked) { const i = t.t_blocked.m_waiters.indexOf(t); if (i >= 0) t.t_blocked.m_waiters.splice(i, 1); }
  t.t_state = TS_ZOMB;
  t.t_proc_flag |= TP_LWPEXIT;
  // term_mstate: the lwp's CPU time goes to the process.
  if (t.t_lwp) { p.p_acct_user += t.t_lwp.lwp_ms_user; p.p_acct_sys += t.t_lwp.lwp_ms_sys; t.t_lwp.lwp_ms_user = t.t_lwp.lwp_ms_sys = 0; }
  p.p_lwpcnt--;
  if (t.t_proc_flag & TP_DAEMON) p.p_lwpdaemon--;
  if (p.p_task) task_lwps(p.p_task as Task, -1);
  const ti = p.p_threads.indexOf(t);
  if (ti >= 0) p.p_threads.splice(ti, 1);
  const ent = p.p_lwpdir.get(t.t_tid);
  if (ent) {
    if (keep_zombie && t.t_proc_flag & TP_TWAIT) { ent.le_thread = null; p.p_zombcnt++; } else p.p_lwpdir.delete(t.t_tid);
  }
  k.disp.remove(t);
  cv_broadcast(p.p_cv);
  cv_broadcast(p.p_holdlwps);
}

/** lwp_wait(lwpid, departed) — wait for a non-detached lwp (0 = any) to exit. */
export function* syslwp_wait(args: number[]): KGen<SysRet> {
  const [id0, departed] = args;
  const id = id0 | 0;
  const t = curthread();
  const p = t.t_procp;
  if (id === t.t_tid) return fail(EDEADLK);
  yield* mutex_enter(p.p_lock);
  p.p_lwpwait++;
  let result: SysRet;
  for (;;) {
    yield* kpreempt(KC_PROC_SCAN * p.p_lwpdir.size);   /* the directory scan, under p_lock */
    let found: LwpEnt | null = null;
    let exists = false;
    for (const ent of p.p_lwpdir.values()) {
      if (id !== 0 && ent.le_lwpid !== id) continue;
      if (ent.le_thread === null) { found = ent; break; }
      if (ent.le_thread.t_proc_flag & TP_TWAIT && ent.le_thread !== t) exists = true;
    }
    if (found) {
      p.p_lwpdir.delete(found.le_lwpid);
      p.p_zombcnt--;
      result = ok(0);
      if (departed !== 0 && p.p_as && suword32(p.p_as, departed >>> 0, found.le_lwpid)) result = fail(EFAULT);
      break;
    }
    if (!exists) { result = fail(id === 0 ? EDEADLK : ESRCH); break; }
    if ((yield* cv_wait_sig(p.p_cv, p.p_lock, () => issig(t))) === 0) { result = fail(EINTR); break; }
  }
  p.p_lwpwait--;
  mutex_exit(p.p_lock);
  return result;
}

/**
 * lwp_suspend(lwpid) — stop lwp `lwpid` of the calling process at its next hold point (an lwp in an
 * interruptible sleep counts as stopped there, and stops in place if woken) and wait until it is
 * stopped. ESRCH for no such lwp, EDEADLK when it is the caller and the only lwp left running,
 * EINTR when a signal ends the wait. Suspending oneself stops at the return to user mode.
 */
export function* syslwp_suspend(args: number[]): KGen<SysRet> {
  const t = curthread();
  const p = t.t_procp;
  const id = args[0] | 0;
  yield* mutex_enter(p.p_lock);
  const ent = p.p_lwpdir.get(id);
  const o = ent?.le_thread ?? null;
  if (o === null || o.t_state === TS_ZOMB) { mutex_exit(p.p_lock); return fail(ESRCH); }
  if (o === t) {
    if (others(p, t).every((x) => x.t_suspended)) { mutex_exit(p.p_lock); return fail(EDEADLK); }
    t.t_suspended = true;           /* stops at its hold point, on the way out */
    mutex_exit(p.p_lock);
    return ok();
  }
  o.t_suspended = true;
  o.t_preempt = true;
  let r = ok();
  while (o.t_suspended && o.t_state !== TS_ZOMB && !is_held(o, SHOLDFORK1)) {
    if ((yield* cv_wait_sig(p.p_holdlwps, p.p_lock, () => issig(t))) === 0) { r = fail(EINTR); break; }
  }
  mutex_exit(p.p_lock);
  return r;
}

/** lwp_continue(lwpid) — let a suspended lwp (or one created LWP_SUSPENDED) go. ESRCH for no such lwp. */
export function* syslwp_continue(args: number[]): KGen<SysRet> {
  const p = curproc();
  const id = args[0] | 0;
  yield* mutex_enter(p.p_lock);
  const o = p.p_lwpdir.get(id)?.le_thread ?? null;
  if (o === null || o.t_state === TS_ZOMB) { mutex_exit(p.p_lock); return fail(ESRCH); }
  if (o.t_suspended) {
    o.t_suspended = false;
    // Created LWP_SUSPENDED and never run: make it runnable now (unless a hold still keeps it).
    if (o.t_state === TS_STOPPED && !o.t_create && !(p.p_flag & (SHOLDFORK | SHOLDFORK1))) lwp_create_done(o);
    cv_broadcast(p.p_resume);
  }
  mutex_exit(p.p_lock);
  return ok();
}

/**
 * lwp_kill_continue — SIGKILL overrides lwp_suspend (as sigtoproc's setrun of stopped lwps does in
 * Solaris): every suspended lwp of p is let go, so that one of them takes the signal and the
 * process can die even when no lwp of it is running. Never blocks; callable with p_lock held.
 */
export function lwp_kill_continue(p: Proc): void {
  let any = false;
  for (const o of p.p_threads) {
    if (!o.t_suspended || o.t_state === TS_ZOMB) continue;
    o.t_suspended = false;
    any = true;
    if (o.t_state === TS_STOPPED && !o.t_create && !(p.p_flag & (SHOLDFORK | SHOLDFORK1))) lwp_create_done(o);
  }
  if (any) cv_broadcast(p.p_resume);
}

/** lwp_private op codes (sys/lwp.h). */
export const _LWP_SETPRIVATE = 0, _LWP_GETPRIVATE = 1;

/**
 * lwp_private(op, which, base) — set or get the calling lwp's thread pointer (uts/common/syscall/
 * lwp_info.c's syslwp_private over the ISA's lwp_setprivate/lwp_getprivate): %g7 on SPARC, the
 * %fs or %gs base (which = _LWP_FSBASE 0 / _LWP_GSBASE 1) on i386. GETPRIVATE stores the base
 * at the address `base`. EINVAL for another op or which, EFAULT for a bad address.
 */
export function syslwp_private(args: number[]): SysRet {
  const [op, which, base] = args;
  const t = curthread();
  const k = curkernel();
  const cpu = k.machine.cpus[t.t_cpu];
  if (op === _LWP_SETPRIVATE) {
    const e = k.md.lwp_setprivate(cpu, which | 0, base >>> 0);
    return e ? fail(e) : ok(0);
  }
  if (op === _LWP_GETPRIVATE) {
    const v = k.md.lwp_getprivate(cpu, which | 0);
    if (v < 0) return fail(EINVAL);
    if (!t.t_procp.p_as || suword32(t.t_procp.p_as, base >>> 0, v)) return fail(EFAULT);
    return ok(0);
  }
  return fail(EINVAL);
}

/** lwp_self() — the calling lwp's id. */
export function syslwp_self(_args: number[]): SysRet {
  return ok(curthread().t_tid);
}

/** Is t runnable or running (for the dispatcher's bookkeeping in tests)? */
export function lwp_active(t: KThread): boolean {
  return t.t_state === TS_RUN || t.t_state === TS_ONPROC;
}

