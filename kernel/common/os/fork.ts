/*
 * CDDL HEADER START
 *
 * The contents of this file are subject to the terms of the
 * Common Development and Distribution License (the "License").
 * You may not use this file except in compliance with the License.
 *
 * You can obtain a copy of the license at usr/src/OPENSOLARIS.LICENSE
 * or http://www.opensolaris.org/os/licensing.
 * See the License for the specific language governing permissions
 * and limitations under the License.
 *
 * When distributing Covered Code, include this CDDL HEADER in each
 * file and include the License file at usr/src/OPENSOLARIS.LICENSE.
 * If applicable, add the following below this CDDL HEADER, with the
 * fields enclosed by brackets "[]" replaced with your own identifying
 * information: Portions Copyright [yyyy] [name of copyright owner]
 *
 * CDDL HEADER END
 */
/*
 * Copyright 2006 Sun Microsystems, Inc.  All rights reserved.
 * Use is subject to license terms.
 */
/*	Copyright (c) 1984, 1986, 1987, 1988, 1989 AT&T	*/
/*	  All Rights Reserved  	*/

/*
 * kernel/common/os/fork.ts — the TypeScript port of uts/common/os/fork.c (OpenSolaris, 2006):
 * forkall, vfork, fork1, cfork, fork_fail, forklwp_fail, newproc, getproc, relvm, vfwait, in the
 * seed's order with its locks and error paths. What the seed calls and forkvm does not have is
 * noted where it would be: /proc (sprlock, prbarrier, watchpoints), DTrace helpers, contracts,
 * pools (a barrier counter only), lgroups, audit, corefile settings, schedctl.
 */

import { curkernel, curproc, curthread } from './kglobals.ts';
import { Proc, SIDL, SRUN, SSYS, SFORKING, SVFORK, SVFWAIT, SNOWAIT, SJCTL, SNOCD, SLWPWRAP, SHOLDFORK, SHOLDFORK1, SMSFORK, SMSACCT, type LwpEnt } from '../sys/proc.ts';
import { TS_STOPPED, TS_ZOMB, type KGen, type KThread } from '../sys/thread.ts';
import { mutex_enter, mutex_exit, MUTEX_HELD } from '../sys/mutex.ts';
import { cv_broadcast, cv_signal, cv_wait, cv_wait_sig } from '../sys/condvar.ts';
import { ASSERT } from '../sys/debug.ts';
import { EAGAIN, EINTR, ENOMEM } from '../sys/errno.ts';
import { as_dup_segs, as_free, type As, type AsDupResult } from '../vm/vm_as.ts';
import { forklwp, holdlwps, continuelwps, lwp_hash_in, lwp_alloc, lwp_create_done, TP_HOLDLWP, TP_TWAIT, TP_DAEMON, T_FORKALL } from './lwp.ts';
import { task_attach, task_detach, task_lwps, task_rele, type Task } from './task.ts';
import { rctl_set_dup, rctl_set_init } from './rctl.ts';
import { sigdefault, issig } from './sig.ts';
import { pgjoin } from './pgrp.ts';
import { inject } from './fault_inject.ts';
import { shmfork, shmexit } from './shm.ts';
import { flist_fork, flist_free } from '../fs/flist.ts';
import { probe_fire } from './probes.ts';
import { KC_FORK, KC_AS_DUP_PAGE, KC_AS_DUP_SEG, KC_GETPROC, KC_FILE, KC_AS_FREE_PAGE } from './kcycles.ts';
import { kdi_on, kdi_fbt, kdi_check } from './kdi.ts';
import { kpreempt } from '../disp/kpreempt.ts';
import type { SysRet } from '../syscall/syscall_table.ts';

/** Result of cfork as the syscall layer needs it (r_val1/r_val2 or an errno). */
function rvals(v1: number, v2: number): SysRet { return { error: 0, rval1: v1, rval2: v2 }; }
function set_errno(e: number): SysRet { return { error: e, rval1: 0, rval2: 0 }; }

/** forkall system call (2): duplicate every lwp. */
export function forkall(_args: number[]): KGen<SysRet> {
  return inside_cfork(cfork(0, 0));
}

/** vfork system call (119): borrow the parent's address space until exec or exit. */
export function* vfork(_args: number[]): KGen<SysRet> {
  curthread().t_post_sys = true;     // so that post_syscall() calls vfwait()
  const r = yield* inside_cfork(cfork(1, 1));
  return r;
}

/** fork1 system call (143): duplicate only the calling lwp. */
export function fork1(_args: number[]): KGen<SysRet> {
  return inside_cfork(cfork(0, 1));
}

/** Count the thread as inside cfork while `g` runs (the --stats figure of threads in cfork at once). */
function* inside_cfork(g: KGen<SysRet>): KGen<SysRet> {
  const k = curkernel();
  k.inside.cfork++;
  k.inside_max.cfork = Math.max(k.inside_max.cfork, k.inside.cfork);
  try {
    return yield* g;
  } finally {
    k.inside.cfork--;
  }
}

/** fork_fail_pending — forks that failed in getproc and are serving their delay. */
let fork_fail_pending = 0;

/**
 * cfork — the common code of forkall, vfork and fork1. Returns (child pid, 0) in the parent; the
 * child's lwp returns (parent pid, 1) through lwp_setrval. Errors: ENOTSUP (agent lwp: none
 * here), EINTR (holdlwps failed), EAGAIN (getproc, lwp or contract failure), ENOMEM or EAGAIN
 * (as_dup).
 */
export function* cfork(isvfork: number, isfork1: number): KGen<SysRet> {
  if (kdi_on) yield* kdi_fbt('cfork');
  const k = curkernel();
  const t0 = curthread();
  const p = t0.t_procp;
  let error: number;

  /*
   * fork is not supported for the /proc agent lwp (there is no /proc: no agent lwp).
   * secpolicy_basic_fork(): every process may fork.
   */

  /*
   * If the calling lwp is doing a fork1() then the
   * other lwps in this process are not duplicated and
   * don't need to be held where their kernel stacks can be
   * cloned.  If doing forkall(), the process is held with
   * SHOLDFORK, so that the lwps are at a point where their
   * stacks can be copied which is on entry or exit from
   * the kernel.
   */
  if (!(yield* holdlwps(isfork1 ? SHOLDFORK1 : SHOLDFORK))) {
    t0.t_preempt = true;           // aston(curthread)
    error = EINTR;
    return set_errno(error);
  }

  /*
   * Ensure that the user stack is fully constructed
   * before creating the child process structure.
   * (#if defined(__sparc): the x86 MachDep makes this a no-op.)
   */
  if (!k.opts.noForkFlush)
    k.md.flush_user_windows_to_stack(t0, k.machine.cpus[t0.t_cpu]);

  yield* mutex_enter(p.p_lock);
  /*
   * If this is vfork(), cancel any suspend request we might
   * have gotten from some other thread via lwp_suspend().
   * Otherwise we could end up with a deadlock on return
   * from the vfork() in both the parent and the child.
   */
  if (isvfork)
    t0.t_proc_flag &= ~TP_HOLDLWP;
  /*
   * Prevent our resource set associations from being changed during fork.
   */
  k.pool_barrier_enter();
  mutex_exit(p.p_lock);

  /*
   * Create a child proc struct. Place a VN_HOLD on appropriate vnodes.
   */
  const cpp: { cp: Proc | null } = { cp: null };
  if ((yield* getproc(cpp, 0)) < 0) {
    yield* mutex_enter(p.p_lock);
    k.pool_barrier_exit();
    continuelwps(p);
    mutex_exit(p.p_lock);
    error = EAGAIN;
    return set_errno(error);
  }
  const cp = cpp.cp!;

  /*
   * Assign an address space to child
   */
  if (isvfork) {
    /*
     * Clear any watched areas and remember the
     * watched pages for restoring in vfwait(). (No watchpoints here.)
     */
    cp.p_as = p.p_as;
    cp.p_flag |= SVFORK;
  } else {
    /*
     * We need to hold P_PR_LOCK until the address space has
     * been duplicated (sprlock_proc: no /proc here).
     */
    yield* mutex_enter(p.p_lock);
    p.p_flag |= SFORKING;
    mutex_exit(p.p_lock);

    /* the 'as_dup' fault site is hit inside, on its allocations; each segment is charged */
    const dup = yield* as_dup_charged(p.p_as!);
    error = dup.error;
    if (error !== 0) {
      yield* fork_fail(cp);
      yield* mutex_enter(k.pidlock);
      unlink_child(p, cp);
      yield* mutex_enter(cp.p_lock);
      const tk = cp.p_task as Task;
      task_detach(cp);
      k.pool_ref--;
      mutex_exit(cp.p_lock);
      pid_exit(cp);
      mutex_exit(k.pidlock);
      task_rele(tk);

      yield* mutex_enter(p.p_lock);
      p.p_flag &= ~SFORKING;
      k.pool_barrier_exit();
      continuelwps(p);
      mutex_exit(p.p_lock);
      /*
       * Preserve ENOMEM error condition but
       * map all others to EAGAIN.
       */
      error = (error === ENOMEM) ? ENOMEM : EAGAIN;
      return set_errno(error);
    }
    cp.p_as = dup.as;
    yield* kpreempt(KC_FORK);
    /* Duplicate parent's shared memory */
    if (p.p_segacct.length > 0)
      shmfork(p, cp);

    /* DTrace fasttrap/helpers: none. */

    yield* mutex_enter(p.p_lock);
    p.p_flag &= ~SFORKING;
    mutex_exit(p.p_lock);
  }

  /*
   * Duplicate parent's resource controls.
   */
  if (inject(k, 'rctl')) {
    return yield* forklwperr(k, p, cp, isvfork);
  }
  cp.p_rctls = rctl_set_dup(p.p_rctls);

  /*
   * Allocate the child's lwp directory and lwpid hash table.
   */
  if (isfork1)
    cp.p_lwpdir_sz = 2;
  else
    cp.p_lwpdir_sz = p.p_lwpdir_sz;
  cp.p_tidhash_sz = Math.floor((cp.p_lwpdir_sz + 2) / 2);

  /*
   * Duplicate parent's lwps.
   * Mutual exclusion is not needed because the process is
   * in the hold state and only the current lwp is running.
   */
  let clone: KThread | null = null;
  if (isfork1) {
    const c = yield* forklwp(t0.t_lwp!, cp, t0.t_tid);
    if (c === null)
      return yield* forklwperr(k, p, cp, isvfork);
    clone = c.lwp_thread!;
    /*
     * Inherit only the lwp_wait()able flag,
     * Daemon threads should not call fork1(), but oh well...
     */
    clone.t_proc_flag |= (t0.t_proc_flag & TP_TWAIT);
  } else {
    /* this is forkall(), no one can be in lwp_wait() */
    ASSERT(p.p_lwpwait === 0 && p.p_lwpdwait === 0, 'cfork: forkall with lwp_wait() in progress');
    /* for each entry in the parent's lwp directory... */
    for (const lep of [...p.p_lwpdir.values()].sort((a, b) => a.le_lwpid - b.le_lwpid)) {
      const t = lep.le_thread;
      if (t !== null) {
        const clwp = yield* forklwp(t.t_lwp!, cp, t.t_tid);
        if (clwp === null)
          return yield* forklwperr(k, p, cp, isvfork);
        const ct = clwp.lwp_thread!;
        /*
         * Inherit lwp_wait()able and daemon flags.
         */
        ct.t_proc_flag |= (t.t_proc_flag & (TP_TWAIT | TP_DAEMON));
        /*
         * Keep track of the clone of curthread to
         * post return values through lwp_setrval().
         * Mark other threads for special treatment
         * by lwp_rtt() / post_syscall().
         */
        if (t === t0)
          clone = ct;
        else
          ct.t_flag |= T_FORKALL;
      } else {
        /*
         * Replicate zombie lwps in the child.
         */
        const clep: LwpEnt = { le_lwpid: lep.le_lwpid, le_thread: null, le_start: lep.le_start };
        lwp_hash_in(cp, clep);
      }
    }
  }

  /*
   * Put new process in the parent's process contract: forkvm has no contracts (nothing
   * observable depends on them); the fault site 'contract' stands for this step's failure.
   */
  if (inject(k, 'contract'))
    return yield* forklwperr(k, p, cp, isvfork);

  /*
   * No fork failures occur beyond this point.
   */

  cp.p_lwpid = p.p_lwpid;
  if (!isfork1) {
    cp.p_lwpdaemon = p.p_lwpdaemon;
    cp.p_zombcnt = p.p_zombcnt;
    /*
     * If the parent's lwp ids have wrapped around, so have the
     * child's.
     */
    cp.p_flag |= p.p_flag & SLWPWRAP;
  }

  /* corefile settings, process context ops, utrap_dup: none. /proc stop-on-fork: none. */

  /* set return values for child */
  k.md.lwp_setrval(clone!.t_lwp!, p.p_pid, 1);
  clone!.t_forkret = isvfork ? 'vfork' : isfork1 ? 'fork1' : 'forkall';

  /* set return values for parent */
  const r = rvals(cp.p_pid, 0);

  /*
   * pool_barrier_exit() can now be called because the child process has
   * all identifying features cloned or set.
   */
  yield* mutex_enter(p.p_lock);
  k.pool_barrier_exit();
  mutex_exit(p.p_lock);

  yield* mutex_enter(k.pidlock, 'cfork');
  yield* mutex_enter(cp.p_lock, 'cfork');

  /*
   * Now that there are lwps and threads attached, add the new
   * process to the process group.
   */
  pgjoin(cp, p.p_pgidp);
  cp.p_stat = SRUN;
  /*
   * We are now done with all the lwps in the child process.
   */
  for (const t of cp.p_threads) {
    /*
     * Set the lwp_suspend()ed lwps running.
     * They will suspend properly at syscall exit.
     */
    if (t.t_proc_flag & TP_HOLDLWP)
      lwp_create_done(t);
    else {
      /* set TS_CREATE to allow continuelwps() to work */
      ASSERT(t.t_state === TS_STOPPED, 'cfork: child lwp not stopped');
      t.t_create = true;
    }
  }
  mutex_exit(cp.p_lock, 'cfork');

  if (isvfork) {
    k.cpu_stats.sysvfork++;
    yield* mutex_enter(p.p_lock, 'cfork');
    p.p_flag |= SVFWAIT;
    probe_fire(k, 'proc', 'create', { pid: cp.p_pid, ppid: p.p_pid, how: 'vfork' });
    if (kdi_on) yield* kdi_check();
    mutex_exit(p.p_lock, 'cfork');
    /*
     * Grab child's p_lock before dropping pidlock to ensure
     * the process will not disappear before we set it running.
     */
    yield* mutex_enter(cp.p_lock, 'cfork');
    mutex_exit(k.pidlock, 'cfork');
    sigdefault(cp);
    continuelwps_child(cp);
    mutex_exit(cp.p_lock, 'cfork');
  } else {
    k.cpu_stats.sysfork++;
    probe_fire(k, 'proc', 'create', { pid: cp.p_pid, ppid: p.p_pid, how: isfork1 ? 'fork1' : 'forkall' });
    if (kdi_on) yield* kdi_check();
    /*
     * It is CL_FORKRET's job to drop pidlock.
     * If we do it here, the process could be set running
     * and disappear before CL_FORKRET() is called.
     */
    yield* CL_FORKRET(t0, cp);
    ASSERT(!MUTEX_HELD(k.pidlock));
  }

  return r;
}

/** The forklwperr path of cfork: undo the child and fail with EAGAIN. */
function* forklwperr(k: ReturnType<typeof curkernel>, p: Proc, cp: Proc, isvfork: number): KGen<SysRet> {
  if (isvfork) {
    /* restore watchpoints to parent: none */
  } else {
    if (cp.p_segacct.length > 0)
      shmexit(cp);
    const as = cp.p_as;
    cp.p_as = null;
    if (as) as_free(as);
  }

  cp.p_lwpdir_sz = 0;
  cp.p_tidhash_sz = 0;

  forklwp_fail(cp);
  cp.p_lwpdir.clear();
  yield* fork_fail(cp);
  cp.p_rctls = new Map();
  yield* mutex_enter(k.pidlock);

  /*
   * Detach failed child from task.
   */
  yield* mutex_enter(cp.p_lock);
  const tk = cp.p_task as Task;
  task_detach(cp);
  k.pool_ref--;
  mutex_exit(cp.p_lock);

  unlink_child(p, cp);
  pid_exit(cp);
  mutex_exit(k.pidlock);

  task_rele(tk);

  yield* mutex_enter(p.p_lock);
  k.pool_barrier_exit();
  continuelwps(p);
  mutex_exit(p.p_lock);
  return set_errno(EAGAIN);
}

/**
 * as_dup_charged — as_dup with its work charged segment by segment (KC_AS_DUP_SEG plus
 * KC_AS_DUP_PAGE per page), each charge a preemption point.
 */
function* as_dup_charged(as: As): KGen<AsDupResult> {
  if (kdi_on) yield* kdi_fbt('as_dup');
  const it = as_dup_segs(as);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    yield* kpreempt(KC_AS_DUP_SEG + KC_AS_DUP_PAGE * r.value);
  }
}

/** Remove cp from p's orphan and child lists (it was the newest child). Caller holds pidlock. */
function unlink_child(p: Proc, cp: Proc): void {
  const k = curkernel();
  ASSERT(MUTEX_HELD(k.pidlock));
  const oi = p.p_orphan.indexOf(cp);
  if (oi >= 0) p.p_orphan.splice(oi, 1);
  ASSERT(p.p_child[0] === cp, 'cfork: failed child is not the newest child');
  p.p_child.shift();
}

/** pid_exit for a child that never ran: free its pid and slot and its nproc count. */
function pid_exit(cp: Proc): void {
  const k = curkernel();
  k.practive_remove(cp);
  k.pids.pid_exit(cp);
  k.nproc--;
}

/** Set a vfork child's lwps running (continuelwps for TS_CREATE lwps). Caller holds cp's p_lock. */
function continuelwps_child(cp: Proc): void {
  for (const t of cp.p_threads) {
    if (t.t_state === TS_STOPPED && t.t_create) { t.t_create = false; lwp_create_done(t); }
  }
  continuelwps(cp);
}

/**
 * CL_FORKRET — the scheduling class's fork return (ts_forkret): the child runs first. Called with
 * pidlock held: the child's p_lock is taken before pidlock is dropped, so that the child cannot
 * be set running and disappear first; its lwps go to the front of the run queue; then the
 * parent's p_lock is taken, pidlock dropped, the parent's held lwps continued, and the parent
 * gives up its CPU.
 */
function* CL_FORKRET(t: KThread, cp: Proc): KGen {
  const k = curkernel();
  const pp = t.t_procp;
  ASSERT(MUTEX_HELD(k.pidlock), 'CL_FORKRET: pidlock not held');
  yield* mutex_enter(cp.p_lock, 'cfork');
  for (const ct of [...cp.p_threads].reverse()) {
    if (ct.t_state === TS_STOPPED && ct.t_create) {
      ct.t_create = false;
      ct.t_proc_flag &= ~TP_HOLDLWP;
      k.disp.setfrontdq(ct);
    }
  }
  continuelwps(cp);
  mutex_exit(cp.p_lock, 'cfork');

  yield* mutex_enter(pp.p_lock, 'cfork');
  mutex_exit(k.pidlock, 'cfork');
  continuelwps(pp);
  mutex_exit(pp.p_lock, 'cfork');
  t.t_preempt = true;
}

/**
 * fork_fail — free allocated resources from getproc() if a fork failed: the file table references,
 * pending signals, and (under pidlock) the per-user count.
 */
export function* fork_fail(cp: Proc): KGen {
  if (kdi_on) yield* kdi_fbt('fork_fail');
  const k = curkernel();
  flist_free(cp);
  cp.p_sig = 0n;

  /* VN_RELE(u.u_cdir) */
  if (cp.u_cdir) {
    cp.u_cdir.v_count--;
    cp.u_cdir = null;
  }

  yield* mutex_enter(k.pidlock, 'fork_fail');
  k.upcount_dec(cp.p_uid);
  mutex_exit(k.pidlock, 'fork_fail');
}

/**
 * forklwp_fail — clean up the lwps already created for this child process. The fork failed while
 * duplicating all the lwps of the parent and those lwps already created must be freed. This
 * process is invisible to the rest of the system, so we don't need to hold p_lock.
 */
export function forklwp_fail(p: Proc): void {
  const k = curkernel();
  while (p.p_threads.length > 0) {
    const t = p.p_threads.shift()!;
    p.p_lwpcnt--;
    if (p.p_task) task_lwps(p.p_task as Task, -1);
    k.disp.remove(t);
    /*
     * The thread was created TS_STOPPED.
     * We change it to TS_ZOMB (TS_FREE in Solaris) so it is never run.
     */
    t.t_state = TS_ZOMB;
    t.t_gen = null;
  }
}

/**
 * newproc — fork a process from the kernel: `cid` 'sys' for a system process, else a user process
 * (init) in a new task with the default resource controls, whose first lwp starts in `start`
 * (the kernel half of exec'ing /sbin/init). Returns 0 or EAGAIN.
 */
export function* newproc(start: (p: Proc, t: KThread) => KGen, cid: 'sys' | 'ts'): KGen<number> {
  const k = curkernel();
  const cpp: { cp: Proc | null } = { cp: null };
  let p: Proc;
  if (cid === 'sys') {
    if ((yield* getproc(cpp, 1)) < 0)
      return EAGAIN;
    p = cpp.cp!;
    p.p_flag |= SNOWAIT;
    /* kernel processes do not inherit /proc tracing flags. */
    yield* mutex_enter(p.p_lock);
    p.p_rctls = rctl_set_init();
    mutex_exit(p.p_lock);
  } else {
    if ((yield* getproc(cpp, 0)) < 0)
      return EAGAIN;
    p = cpp.cp!;
    /*
     * init creates a new task, distinct from the task
     * containing kernel "processes".
     */
    const tk = k.tasks.task_create();
    tk.tk_proj.kpj_ntasks++;
    yield* mutex_enter(k.pidlock);
    yield* mutex_enter(p.p_lock);
    const tk_old = p.p_task as Task;   /* switch to new task */
    task_detach(p);
    task_attach(tk, p);
    mutex_exit(k.pidlock);
    p.p_rctls = rctl_set_init();
    mutex_exit(p.p_lock);
    task_rele(tk_old);
  }

  p.p_as = null;   /* &kas */

  const lwp = inject(k, 'lwp_create') ? null : lwp_alloc(k, p, 1);
  if (lwp === null) {
    yield* fork_fail(p);
    yield* mutex_enter(k.pidlock);
    yield* mutex_enter(p.p_lock);
    const tk = p.p_task as Task;
    task_detach(p);
    k.pool_ref--;
    mutex_exit(p.p_lock);
    unlink_child(curproc(), p);
    pid_exit(p);
    mutex_exit(k.pidlock);
    task_rele(tk);
    return EAGAIN;
  }
  const t = lwp.lwp_thread!;
  t.t_gen = start(p, t);

  /* contract_process_fork: none. */

  p.p_lwpid = 1;
  yield* mutex_enter(k.pidlock);
  pgjoin(p, curproc().p_pgidp);
  p.p_stat = SRUN;
  yield* mutex_enter(p.p_lock);
  t.t_proc_flag &= ~TP_HOLDLWP;
  lwp_create_done(t);
  mutex_exit(p.p_lock);
  mutex_exit(k.pidlock);
  return 0;
}

/**
 * getproc — create a child proc struct: a pid and slot, the per-user limit check, links into the
 * family and the parent's task, copies of what a child inherits (signal dispositions and mask,
 * files, heap/stack bounds, session). Returns 0 with *cpp set, or -1 after the failure delay.
 */
export function* getproc(cpp: { cp: Proc | null }, kernel: number): KGen<number> {
  if (kdi_on) yield* kdi_fbt('getproc');
  const k = curkernel();
  const pp = curproc();

  if (!k.page_mem_avail() || inject(k, 'kmem'))
    return yield* getproc_bad(k, null);

  const cp = new Proc(-1);     /* kmem_cache_alloc + bzero */
  // fork.c's `#if defined(__x86)` mutex_init(&cp->p_ldtlock) has no counterpart: the lock guards
  // a process's LDT, and forkvm's i386 has none (kernel/x86/machdep.ts), so Proc has no p_ldtlock.
  cp.p_stat = SIDL;

  const newpid = inject(k, 'pid_assign') ? -1 : k.pids.pid_assign(cp);
  if (newpid === -1) {
    if (k.nproc === k.pids.v.v_proc || k.pids.count >= k.pids.v.v_proc) {
      k.cpu_stats.procovf++;
      k.log('WARNING: out of processes');
    }
    return yield* getproc_bad(k, null);
  }

  /*
   * If not privileged make sure that this user hasn't exceeded
   * v.v_maxup processes, and that users collectively haven't
   * exceeded v.v_maxupttl processes.
   */
  yield* mutex_enter(k.pidlock, 'getproc');
  ASSERT(k.nproc < k.pids.v.v_proc, 'getproc: nproc at v_proc'); /* otherwise how'd we get our pid? */
  const ruid = pp.p_uid;
  if (k.nproc >= k.pids.v.v_maxup &&  /* short-circuit; usually false */
      (k.nproc >= k.pids.v.v_maxupttl ||
       k.upcount_get(ruid) >= k.pids.v.v_maxup) &&
      !k.secpolicy_newproc(pp)) {
    mutex_exit(k.pidlock, 'getproc');
    k.log(`NOTICE: out of per-user processes for uid ${ruid}`);
    return yield* getproc_bad(k, cp);
  }

  /*
   * Everything is cool, put the new proc on the active process list.
   * It is already on the pid list.
   * Increment the per uid process count (upcount).
   */
  k.nproc++;
  k.upcount_inc(ruid);
  k.practive.unshift(cp);

  cp.p_ignore = pp.p_ignore;
  cp.p_flag = pp.p_flag & (SJCTL | SNOWAIT | SNOCD);
  cp.p_sessp = pp.p_sessp;
  if (cp.p_sessp) cp.p_sessp.s_ref++;
  cp.p_uid = pp.p_uid;

  cp.p_brkbase = pp.p_brkbase;
  cp.p_brksize = pp.p_brksize;
  cp.p_stksize = pp.p_stksize;
  cp.p_usrstack = pp.p_usrstack;
  cp.p_ppid = pp.p_pid;
  cp.p_ancpid = pp.p_pid;
  yield* kpreempt(KC_GETPROC);   /* the pid and proc set-up, under pidlock */

  /*
   * Initialize immediate resource control values.
   */
  cp.p_stk_ctl = pp.p_stk_ctl;

  /*
   * Link up to parent-child-sibling chain.
   */
  cp.p_parent = pp;
  pp.p_child.unshift(cp);
  pp.p_orphan.unshift(cp);

  /*
   * Inherit pool pointer from the parent.  Kernel processes are
   * always bound to the default pool.
   */
  yield* mutex_enter(pp.p_lock);
  if (kernel)
    cp.p_flag |= SSYS;
  k.pool_ref++;
  mutex_exit(pp.p_lock);

  /*
   * Add the child process to the current task.  Kernel processes
   * are always attached to task0.
   */
  yield* mutex_enter(cp.p_lock);
  if (kernel)
    task_attach(k.tasks.task0, cp);
  else
    task_attach((pp.p_task as Task | null) ?? k.tasks.task0, cp);
  mutex_exit(cp.p_lock);
  mutex_exit(k.pidlock, 'getproc');

  /*
   * Bump up the counts on the file structures pointed at by the
   * parent's file table since the child will point at them too,
   * and copy the parent's uarea (signal dispositions, comm, args).
   */
  cp.u_signal = [...pp.u_signal];
  cp.u_sigmask = [...pp.u_sigmask];
  cp.u_sigflags = [...pp.u_sigflags];
  cp.u_comm = pp.u_comm;
  cp.u_psargs = pp.u_psargs;
  cp.u_cmask = pp.u_cmask;
  flist_fork(pp, cp);

  /* VN_HOLD(u.u_cdir): the child starts in the parent's current directory. (No u_rdir, u_cwd.) */
  cp.u_cdir = pp.u_cdir;
  if (cp.u_cdir)
    cp.u_cdir.v_count++;
  yield* kpreempt(KC_FILE * cp.p_fds.length);

  cp.u_start = k.lbolt;
  cp.u_acflag = 1;   /* AFORK */

  /*
   * Scheduling class and parameters are inherited (CL_FORK in forklwp in Solaris; kept per
   * process here). What the zeroed proc leaves empty is not inherited: the alarm and the interval
   * timers (p_alarmid, p_itimerid, p_realitimer; the lwps' lwp_timer), the POSIX timers
   * (p_itimer), the CPU times (p_acct, p_cutime, p_cstime: times() starts at zero) and the memory
   * locks (p_mlockall, p_mlocked). Pending signals (p_sig) start empty too.
   */
  cp.p_cid = pp.p_cid;
  cp.p_clparms = [...pp.p_clparms];

  /*
   * /proc tracing flags are not inherited (no /proc): p_sigmask and fltmask start empty.
   */
  if ((pp.p_flag & SMSFORK) !== 0)
    cp.p_flag |= pp.p_flag & (SMSFORK | SMSACCT);

  cpp.cp = cp;
  return 0;
}

/** The `bad:` exit of getproc: free the half-made child and serve the failure delay. */
function* getproc_bad(k: ReturnType<typeof curkernel>, cp: Proc | null): KGen<number> {
  ASSERT(!MUTEX_HELD(k.pidlock));
  if (cp !== null && cp.p_slot >= 0) k.pids.pid_exit(cp);

  /*
   * We most likely got into this situation because some process is
   * forking out of control.  As punishment, put it to sleep for a
   * bit so it can't eat the machine alive.  Sleep interval is chosen
   * to allow no more than one fork failure per cpu per clock tick
   * on average (yes, I just made this up).
   */
  yield* mutex_enter(k.pidlock);    /* INCR_COUNT(&fork_fail_pending, &pidlock) */
  fork_fail_pending++;
  const ticks = Math.floor(fork_fail_pending / k.machine.cpus.length) + 1;
  mutex_exit(k.pidlock);
  yield* k.delay(ticks);
  yield* mutex_enter(k.pidlock);    /* DECR_COUNT */
  fork_fail_pending--;
  mutex_exit(k.pidlock);
  return -1; /* out of memory or proc slots */
}

/**
 * relvm — release virtual memory. In the case of vfork(), the child was given exclusive access to
 * its parent's address space; the parent is waiting in vfwait() for the child to release its
 * exclusive claim via relvm().
 */
export function* relvm(): KGen {
  if (kdi_on) yield* kdi_fbt('relvm');
  const p = curproc();

  ASSERT(p.p_lwpcnt <= 1, 'relvm: more than one lwp');

  if (p.p_flag & SVFORK) {
    const pp = p.p_parent!;
    /*
     * The child process is either exec'ing or exit'ing.
     * The child is now separated from the parent's address
     * space.  The parent process is made dispatchable.
     *
     * This is a delicate locking maneuver, involving
     * both the parent's p_lock and the child's p_lock.
     * As soon as the SVFORK flag is turned off, the
     * parent is free to run, but it must not run until
     * we wake it up using its p_cv because it might
     * exit and we would be referencing invalid memory.
     * Therefore, we hold the parent with its p_lock
     * while protecting our p_flags with our own p_lock.
     */
    yield* mutex_enter(p.p_lock, 'relvm');   /* grab child's lock first */
    yield* mutex_enter(pp.p_lock, 'relvm');
    ASSERT(MUTEX_HELD(p.p_lock) && MUTEX_HELD(pp.p_lock), 'relvm: child and parent p_lock not held');
    p.p_flag &= ~SVFORK;
    p.p_as = null;
    /*
     * child sizes are copied back to parent because
     * child may have grown.
     */
    pp.p_brkbase = p.p_brkbase;
    pp.p_brksize = p.p_brksize;
    pp.p_stksize = p.p_stksize;
    /*
     * The parent is no longer waiting for the vfork()d child.
     */
    pp.p_flag &= ~SVFWAIT;
    cv_signal(pp.p_cv);
    cv_broadcast(pp.p_vfcv);
    mutex_exit(pp.p_lock, 'relvm');
    mutex_exit(p.p_lock, 'relvm');
  } else {
    if (p.p_as !== null) {
      if (p.p_segacct.length > 0)
        shmexit(p);
      /*
       * We grab p_lock for the benefit of /proc
       */
      yield* mutex_enter(p.p_lock);
      const as = p.p_as;
      p.p_as = null;
      mutex_exit(p.p_lock);
      const pages = Math.ceil(as.a_size / 4096);
      as_free(as);
      yield* kpreempt(KC_AS_FREE_PAGE * pages);
    }
  }
}

/**
 * vfwait — wait for child to exec or exit. Called by parent of vfork'ed process (from
 * post_syscall). See important comments in relvm(), above.
 */
export function* vfwait(pid: number): KGen {
  if (kdi_on) yield* kdi_fbt('vfwait');
  const k = curkernel();
  let signalled = 0;
  const pp = curproc();

  /*
   * Wait for child to exec or exit.
   */
  for (;;) {
    yield* mutex_enter(k.pidlock, 'vfwait');
    const cp = k.pids.prfind(pid);
    if (cp === null || cp.p_parent !== pp) {
      /*
       * Child has exit()ed.
       */
      mutex_exit(k.pidlock, 'vfwait');
      break;
    }
    /*
     * Grab the child's p_lock before releasing pidlock.
     * Otherwise, the child could exit and we would be
     * referencing invalid memory.
     */
    yield* mutex_enter(cp.p_lock, 'vfwait');
    mutex_exit(k.pidlock, 'vfwait');
    if (!(cp.p_flag & SVFORK)) {
      /*
       * Child has exec()ed or is exit()ing.
       */
      mutex_exit(cp.p_lock, 'vfwait');
      break;
    }
    yield* mutex_enter(pp.p_lock, 'vfwait');
    mutex_exit(cp.p_lock, 'vfwait');
    /*
     * We might be waked up spuriously from the cv_wait().
     * We have to do the whole operation over again to be
     * sure the child's SVFORK flag really is turned off.
     *
     * Because this is potentially a very long-term wait,
     * we call cv_wait_sig() unless there is a current signal, in
     * which case we use cv_wait() because we cannot return
     * from this function until the child has released the
     * address space.
     */
    if (signalled)
      yield* cv_wait(pp.p_vfcv, pp.p_lock);
    else
      signalled = (yield* cv_wait_sig(pp.p_vfcv, pp.p_lock, () => issig(curthread()))) === 0 ? 1 : 0;
    mutex_exit(pp.p_lock, 'vfwait');
  }

  yield* mutex_enter(pp.p_lock);
  continuelwps(pp);
  mutex_exit(pp.p_lock);
}

