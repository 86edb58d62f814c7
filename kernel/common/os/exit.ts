/*
 * kernel/common/os/exit.ts — process exit and wait (uts/common/os/exit.c): rexit() for exit(2),
 * exit()/proc_exit() for every way a process ends (other lwps are stopped first, files closed,
 * shm detached, the address space released through relvm(), children handed to init, the parent
 * told with SIGCHLD), freeproc() when the zombie is reaped, and waitid() behind waitsys(107).
 */

import { SZOMB, SEXITLWPS, SEXITING, SNOWAIT, SHOLDFORK, SHOLDFORK1, CLD_EXITED, CLD_KILLED, CLD_STOPPED, CLD_CONTINUED, type Proc } from '../sys/proc.ts';
import { TS_SLEEP, TS_STOPPED, TS_ZOMB, type KGen, type KThread } from '../sys/thread.ts';
import { curkernel, curthread } from './kglobals.ts';
import { mutex_enter, mutex_exit, MUTEX_HELD } from '../sys/mutex.ts';
import { cv_broadcast, cv_wait, cv_wait_sig, sleep_interrupt } from '../sys/condvar.ts';
import { ASSERT } from '../sys/debug.ts';
import { flist_free } from '../fs/flist.ts';
import { relvm } from './fork.ts';
import { sem_table_find, semexit } from './sem.ts';
import { lwp_exit_common } from './lwp.ts';
import { task_detach, task_rele, type Task } from './task.ts';
import { ECHILD, EFAULT, EINTR, EINVAL } from '../sys/errno.ts';
import { copyout } from './copy.ts';
import { SIGCHLD, SIGCONT } from '../sys/signal.ts';
import { sigcld, issig } from './sig.ts';
import { probe_fire } from './probes.ts';
import { kpreempt } from '../disp/kpreempt.ts';
import { kdi_on, kdi_fbt, kdi_check } from './kdi.ts';
import { KC_EXIT, KC_FILE, KC_PROC_SCAN } from './kcycles.ts';
import type { SysRet } from '../syscall/syscall_table.ts';
import { itimers_exit, proc_exit_times } from './timers.ts';
import { timer_exit } from './timer.ts';
import { SIG_IGN } from './sig.ts';

/** waitid idtypes (procset.h) and options (wait.h). */
export const P_PID = 0, P_PPID = 1, P_PGID = 2, P_SID = 3, P_ALL = 7;
export const WEXITED = 0o1, WTRAPPED = 0o2, WSTOPPED = 0o4, WCONTINUED = 0o10, WNOHANG = 0o100, WNOWAIT = 0o200;
/** siginfo_t (32-bit) size and offsets for SIGCHLD. */
export const SIGINFO_SIZE = 128;

/** rexit — the exit(2) system call: exit(CLD_EXITED, status & 0377). Never returns to user. */
export function* rexit(args: number[]): KGen<SysRet> {
  yield* exit(CLD_EXITED, args[0] & 0xff);
  return { error: 0, rval1: 0, rval2: 0 };
}

/**
 * exit — end the current process with wait code `why` and data `what` (the caller's lwp does the
 * work; the others are stopped and reaped first). After it returns the calling thread is a zombie
 * and must not touch user state.
 */
export function* exit(why: number, what: number): KGen {
  const k = curkernel();
  k.inside.exit++;
  k.inside_max.exit = Math.max(k.inside_max.exit, k.inside.exit);
  try {
    yield* proc_exit(why, what);
  } finally {
    k.inside.exit--;
  }
}

/**
 * lwp_exiting — t must not run user code again: it has exited, its process is a zombie, or
 * another lwp is in exitlwps (exit, exec) and will end it at its hold point. The trap loops of
 * every ISA (kernel/<isa>/trap.ts) ask before running user code and after each trap.
 */
export function lwp_exiting(t: KThread): boolean {
  const p = t.t_procp;
  return t.t_state === TS_ZOMB || p.p_stat === SZOMB || ((p.p_flag & SEXITLWPS) !== 0 && p.p_holder !== t);
}

/**
 * exitlwps — make every other lwp of p exit (exit and exec); returns true when only the caller
 * is left, with SEXITLWPS cleared again. Several lwps may call it at once (an exec and an exit,
 * two execs): SEXITLWPS declares the first the winner, and the others get false at once — their
 * exec fails with EINTR, their exit gives up — and end at their hold point on the way out, as
 * the winner asks. A fork in progress in another lwp is let finish (or, still in holdlwps, gives
 * up with EINTR) first. Lwps stopped where they hold nothing — created or suspended and never
 * run, stopped by job control — are ended in place; lwps at their hold point or stopped in a
 * sleep are let go to exit themselves; interruptible sleepers are woken (EINTR); running and
 * mutex-blocked lwps are waited for.
 */
export function* exitlwps(p: Proc, t: KThread): KGen<boolean> {
  if (kdi_on) yield* kdi_fbt('exitlwps');
  yield* mutex_enter(p.p_lock);
  if (p.p_flag & SEXITLWPS) {
    /* Another lwp won: this one goes through its hold point, where it exits (aston). */
    t.t_preempt = true;
    mutex_exit(p.p_lock);
    return false;
  }
  p.p_flag |= SEXITLWPS;
  if (p.p_holder === t) { p.p_flag &= ~(SHOLDFORK | SHOLDFORK1); p.p_holder = null; }
  /* Give an lwp in holdlwps() a chance to see SEXITLWPS; wait for a fork to get done. */
  while (p.p_flag & (SHOLDFORK | SHOLDFORK1)) {
    cv_broadcast(p.p_holdlwps);
    cv_broadcast(p.p_resume);
    yield* cv_wait(p.p_holdlwps, p.p_lock);
  }
  p.p_holder = t;
  for (;;) {
    const rest = p.p_threads.filter((o) => o !== t && o.t_state !== TS_ZOMB);
    if (rest.length === 0) break;
    for (const o of rest) {
      o.t_preempt = true;
      if (o.t_state === TS_STOPPED || (o.t_state === TS_SLEEP && o.t_wchan === p.p_stopcv && o.t_locks.length === 0)) {
        zombify(p, o);
      } else if (o.t_state === TS_SLEEP && o.t_sigsleep && o.t_wchan !== p.p_resume) {
        sleep_interrupt(o);
      }
    }
    cv_broadcast(p.p_resume);
    if (p.p_threads.every((o) => o === t || o.t_state === TS_ZOMB)) break;
    yield* cv_wait(p.p_holdlwps, p.p_lock);
  }
  p.p_flag &= ~SEXITLWPS;
  p.p_holder = null;
  mutex_exit(p.p_lock);
  return true;
}

/** End thread o of p where it is (it will never run again). Caller holds p_lock. */
function zombify(p: Proc, o: KThread): void {
  lwp_exit_common(p, o, false);
}

/** Called by an lwp that finds SEXITLWPS set at its hold point: it just ends. */
export function* lwp_exit_for_exit(t: KThread): KGen {
  const p = t.t_procp;
  yield* mutex_enter(p.p_lock);
  if (t.t_state !== TS_ZOMB) zombify(p, t);
  cv_broadcast(p.p_holdlwps);
  mutex_exit(p.p_lock);
}

/**
 * proc_exit — the body of exit: a vfork child first gives the address space back (relvm wakes
 * the parent), then files, shm and memory go, children are handed to init, the process becomes
 * a zombie and its parent is told (SIGCHLD + p_cv), and init's exit halts the machine.
 */
export function* proc_exit(why: number, what: number): KGen {
  if (kdi_on) yield* kdi_fbt('proc_exit');
  const k = curkernel();
  const t = curthread();
  const p = t.t_procp;
  if (p.p_flag & SEXITING) return;
  // Another lwp is exec'ing or exiting (it won exitlwps): this one ends at its hold point instead.
  if (p.p_lwpcnt > 1 && !(yield* exitlwps(p, t))) return;
  p.p_flag |= SEXITING;
  probe_fire(k, 'proc', 'exit', { pid: p.p_pid, why: why === CLD_EXITED ? 'exited' : why === CLD_KILLED ? 'killed' : 'dumped', what });
  if (kdi_on) yield* kdi_check();
  yield* kpreempt(KC_EXIT);

  // The POSIX timers, the alarm clock and the real interval timer go (timer_exit, untimeout).
  yield* mutex_enter(p.p_lock);
  timer_exit(k, p);
  itimers_exit(k, p);
  mutex_exit(p.p_lock);
  // semexit: the SEM_UNDO adjust values of p are applied to their sets.
  const semtab = sem_table_find(k);
  if (semtab !== null) yield* semexit(semtab, p);

  const nfd = p.p_fds.length;
  flist_free(p);
  // VN_RELE(u.u_cdir): the current directory is no longer held.
  if (p.u_cdir) { p.u_cdir.v_count--; p.u_cdir = null; }
  yield* kpreempt(KC_FILE * nfd);
  // relvm: a vfork child releases the parent's address space; anyone else frees its own.
  yield* relvm();

  yield* mutex_enter(k.pidlock, 'exit');
  const init = k.initproc;
  // Hand the children to init (orphans), zombies included: init reaps them.
  for (const c of [...p.p_child]) {
    yield* kpreempt(KC_PROC_SCAN);
    p.p_child.splice(p.p_child.indexOf(c), 1);
    const oi = p.p_orphan.indexOf(c);
    if (oi >= 0) p.p_orphan.splice(oi, 1);
    if (init && init !== p) {
      c.p_parent = init;
      c.p_ppid = init.p_pid;
      init.p_child.unshift(c);
      init.p_orphan.unshift(c);      /* init is its next of kin now */
      if (c.p_stat === SZOMB) { sigcld(init, c); cv_broadcast(init.p_cv); }
    } else {
      c.p_parent = null;
      c.p_ppid = 0;
    }
  }
  yield* mutex_enter(p.p_lock, 'exit');
  p.p_wcode = why;
  p.p_wdata = what;
  proc_exit_times(k, p);   /* p_utime/p_stime: own plus children's, for the parent's p_cutime */
  p.p_stat = SZOMB;
  p.p_flag &= ~SEXITLWPS;
  if (t.t_state !== TS_ZOMB) zombify(p, t);
  p.p_lwpdir.clear();
  mutex_exit(p.p_lock, 'exit');
  const pp = p.p_parent;
  if (pp) {
    if (pp.p_flag & SNOWAIT && pp !== k.proc0) {
      // The parent reaps nothing: free the zombie now (a waiter then finds no child: ECHILD).
      freeproc(p);
      cv_broadcast(pp.p_cv);
    } else {
      sigcld(pp, p);
      cv_broadcast(pp.p_cv);
    }
  }
  mutex_exit(k.pidlock, 'exit');
  k.proc_exited(p);
}

/**
 * freeproc — remove a reaped zombie: unlink it from its parent, drop its task, its pid and its
 * counts. Caller holds pidlock.
 */
export function freeproc(p: Proc): void {
  const k = curkernel();
  ASSERT(MUTEX_HELD(k.pidlock), 'freeproc: pidlock not held');
  ASSERT(p.p_stat === SZOMB, 'freeproc: not a zombie');
  const pp = p.p_parent;
  // The zombie's times go to its parent, unless the parent does not wait (SNOWAIT, SIGCHLD ignored).
  if (pp && !(pp.p_flag & SNOWAIT) && (pp.u_signal[SIGCHLD] ?? 0) !== SIG_IGN) {
    pp.p_cutime += p.p_utime;
    pp.p_cstime += p.p_stime;
  }
  if (pp) {
    const i = pp.p_child.indexOf(p);
    if (i >= 0) pp.p_child.splice(i, 1);
    const oi = pp.p_orphan.indexOf(p);      /* off its next of kin's orphan chain */
    if (oi >= 0) pp.p_orphan.splice(oi, 1);
  }
  p.p_parent = null;
  if (p.p_pgidp) {
    const m = p.p_pgidp.pg_members;
    const i = m.indexOf(p);
    if (i >= 0) m.splice(i, 1);
    p.p_pgidp = null;
  }
  const tk = p.p_task as Task | null;
  task_detach(p);
  if (tk) task_rele(tk);
  k.upcount_dec(p.p_uid);
  k.nproc--;
  k.practive_remove(p);
  k.pids.pid_exit(p);
}

/** Does child c match (idtype, id)? */
function matches(c: Proc, idtype: number, id: number): boolean {
  switch (idtype) {
    case P_PID: return c.p_pid === id;
    case P_PGID: return (c.p_pgidp?.pg_id ?? -1) === id;
    case P_ALL: return true;
    default: return false;
  }
}

/** Fill a SIGCHLD siginfo (si_signo, si_code, si_pid, si_status): the child's exit by default. */
function child_siginfo(c: Proc, code = c.p_wcode, status = c.p_wdata): Uint8Array {
  const b = new Uint8Array(SIGINFO_SIZE);
  const dv = new DataView(b.buffer);
  const le = !curkernel().md.elf.bigEndian;
  dv.setInt32(0, SIGCHLD, le);
  dv.setInt32(4, code, le);
  dv.setInt32(12, c.p_pid, le);
  dv.setInt32(16, c.p_uid, le);
  dv.setInt32(20, status, le);
  return b;
}

/**
 * waitid — wait for a child matching (idtype, id) to change state; fills *ip (a siginfo) and
 * reaps it unless WNOWAIT. ECHILD when no child matches, EINTR when a signal interrupts the
 * sleep; WNOHANG returns 0 with si_pid 0 when nothing is ready. EINVAL for bad options, for
 * P_PID/P_PGID with id < 0 or >= maxpid, and for any idtype but P_PID, P_PGID and P_ALL.
 */
export function* waitid(idtype: number, id: number, ip: number, options: number): KGen<SysRet> {
  if (kdi_on) yield* kdi_fbt('waitid');
  const k = curkernel();
  const t = curthread();
  const p = t.t_procp;
  const fail = (e: number): SysRet => ({ error: e, rval1: 0, rval2: 0 });
  if (options === 0 || (options & ~(WEXITED | WTRAPPED | WSTOPPED | WCONTINUED | WNOHANG | WNOWAIT)) !== 0) return fail(EINVAL);
  // As illumos's waitid: P_PID and P_PGID need 0 <= id < maxpid; P_ALL takes any id; every other
  // idtype (P_PPID, P_SID, P_CID ...) is EINVAL.
  switch (idtype) {
    case P_PID: case P_PGID:
      if (id < 0 || id >= k.pids.v.maxpid) return fail(EINVAL);
      break;
    case P_ALL: break;
    default: return fail(EINVAL);
  }
  yield* mutex_enter(k.pidlock, 'waitid');
  for (;;) {
    yield* kpreempt(KC_PROC_SCAN * p.p_child.length);   /* the scan, under pidlock */
    const kids = p.p_child.filter((c) => matches(c, idtype, id));
    if (kids.length === 0) { mutex_exit(k.pidlock, 'waitid'); return fail(ECHILD); }
    // Stopped and continued children (job control) are reported once each, unless WNOWAIT.
    const st = (options & WSTOPPED) ? [...kids].reverse().find((c) => c.p_wstop !== 0 && c.p_stat !== SZOMB) : undefined;
    const ct = !st && (options & WCONTINUED) ? [...kids].reverse().find((c) => c.p_wcont && c.p_stat !== SZOMB) : undefined;
    if (st || ct) {
      const c = (st ?? ct)!;
      const info = child_siginfo(c, st ? CLD_STOPPED : CLD_CONTINUED, st ? c.p_wstop : SIGCONT);
      if (!(options & WNOWAIT)) { if (st) c.p_wstop = 0; else c.p_wcont = false; }
      mutex_exit(k.pidlock, 'waitid');
      if (ip !== 0 && (!p.p_as || copyout(p.p_as, ip >>> 0, info))) return fail(EFAULT);
      return { error: 0, rval1: 0, rval2: 0 };
    }
    const z = (options & WEXITED) ? [...kids].reverse().find((c) => c.p_stat === SZOMB) : undefined;
    if (z) {
      const info = child_siginfo(z);
      if (!(options & WNOWAIT)) freeproc(z);
      mutex_exit(k.pidlock, 'waitid');
      if (ip !== 0) {
        if (!p.p_as || copyout(p.p_as, ip >>> 0, info)) return fail(EFAULT);
      }
      return { error: 0, rval1: 0, rval2: 0 };
    }
    if (options & WNOHANG) {
      mutex_exit(k.pidlock, 'waitid');
      if (ip !== 0 && p.p_as && copyout(p.p_as, ip >>> 0, new Uint8Array(SIGINFO_SIZE))) return fail(EFAULT);
      return { error: 0, rval1: 0, rval2: 0 };
    }
    const r = yield* cv_wait_sig(p.p_cv, k.pidlock, () => issig(t));
    if (r === 0) { mutex_exit(k.pidlock, 'waitid'); return fail(EINTR); }
  }
}

/** waitsys(idtype, id, siginfo *, options) — system call 107. */
export function syswaitsys(args: number[]): KGen<SysRet> {
  return waitid(args[0] | 0, args[1] | 0, args[2], args[3] | 0);
}

