/*
 * kernel/common/sys/mutex.ts — adaptive kernel mutexes (uts/common/os/mutex.c). A mutex records
 * its owner and its waiters. mutex_enter on a held lock spins (charging cycles, letting the other
 * CPUs run: T_KPREEMPT) while the owner is running on a CPU, and blocks (T_BLOCK, until handed the
 * lock by mutex_exit) once the owner is off CPU, as illumos's adaptive locks do; with --lockstat
 * each contended acquisition is recorded (os/lockstat.ts). Two checks Solaris leaves to tools are
 * built in: the lock order (LOCK_ORDER below, the one place it is written down) and deadlock
 * detection (a cycle of waiters panics, naming every thread in it and the locks each holds).
 */

import { T_BLOCK, T_KPREEMPT, T_PREEMPT, TS_ONPROC, TS_SLEEP, type KGen, type KThread } from './thread.ts';
import { ASSERT, panic } from './debug.ts';
import { curkernel, curthread } from '../os/kglobals.ts';
import { lockstat_caller } from '../os/lockstat.ts';
import { kdi_on, kdi_mark, kdi_stop } from '../os/kdi.ts';

/** Cycles of the shortest spin (one pass of the spin loop: a load of the owner and a branch). */
export const MUTEX_SPIN_MIN = 4;

/**
 * LOCK_ORDER — lock classes by rank: a thread may take a lock only if every lock it holds has a
 * lower rank (locks of the same class may nest, as fork.c nests the parent's and child's p_lock
 * under pidlock). pidlock before p_lock is the order the seed takes them in.
 */
export const LOCK_ORDER: Readonly<Record<string, number>> = {
  pidlock: 10,      // the process table, parent/child/sibling links, p_stat transitions
  p_lock: 20,       // per process: p_flag, lwp lists, signals, p_lwpcnt
  p_crlock: 25,     // credentials
  as_lock: 30,      // address space segments
  shm_lock: 35,     // SysV shared memory ids
  sem_lock: 36,     // SysV semaphore ids, their values and undo lists
  lwpchan_lock: 37, // the lwpchan sleep queues of user sync objects (lwp_sobj.ts)
  pipe_lock: 40,    // one pipe's buffer
  file_lock: 45,    // one open file's offset
  flock_lock: 47,   // record locks (fs/flock.ts): every vnode's lock list and the sleeping requests
  callout_lock: 50, // timeouts
};

/** KMutex — kmutex_t. `m_class` names its LOCK_ORDER class. */
export class KMutex {
  readonly m_class: string;
  readonly m_rank: number;
  m_owner: KThread | null = null;
  readonly m_waiters: KThread[] = [];
  /** Acquisitions, and those that found the lock held (contended). */
  m_acquired = 0;
  m_contended = 0;
  constructor(m_class: string, public m_name = m_class) {
    const r = LOCK_ORDER[m_class];
    if (r === undefined) panic('mutex_init', 'unknown lock class %s', m_class);
    this.m_class = m_class;
    this.m_rank = r;
  }
}

/**
 * nolock — TEST ONLY: is lock site `site` switched off (KernelOptions.nolock)? The seed's enter/exit
 * pairs that a test may drop name their site as mutex_enter's and mutex_exit's second argument;
 * with the site off both do nothing, and the lock-map ASSERTs (MUTEX_HELD) downstream catch it.
 */
export function nolock(site: string): boolean {
  const k = curkernel();
  const l = k.opts.nolock;
  return l !== undefined && k.initproc !== null && l.includes(site);   // boot itself is left alone
}

/** MUTEX_HELD — true when the calling thread owns m. */
export function MUTEX_HELD(m: KMutex): boolean {
  return m.m_owner !== null && m.m_owner === curthread();
}

function describe(t: KThread): string {
  const held = t.t_locks.map((l) => l.m_name).join(', ') || 'nothing';
  return `${t.t_name} holds {${held}}${t.t_blocked ? ` waits for ${t.t_blocked.m_name}` : ''}`;
}

function check_order(t: KThread, m: KMutex): void {
  for (const h of t.t_locks) {
    if (h === m) panic('mutex_enter', 'recursive mutex_enter of %s by %s', m.m_name, t.t_name);
    if (h.m_rank > m.m_rank) {
      panic('mutex_enter', 'lock order violation: %s takes %s while holding %s (order: %s before %s)',
        t.t_name, m.m_name, h.m_name, m.m_class, h.m_class);
    }
  }
}

function check_deadlock(t: KThread, m: KMutex): void {
  const chain: KThread[] = [t];
  let o = m.m_owner;
  while (o) {
    if (o === t) {
      panic('mutex_enter', 'deadlock: %s', chain.map(describe).join('; '));
    }
    chain.push(o);
    o = o.t_blocked ? o.t_blocked.m_owner : null;
    if (chain.length > 10000) break;
  }
}

function take(t: KThread, m: KMutex): void {
  m.m_owner = t;
  m.m_acquired++;
  t.t_locks.push(m);
}

/** mutex_tryenter — take m if it is free; never blocks. */
export function mutex_tryenter(m: KMutex): boolean {
  const t = curthread();
  if (m.m_owner !== null) return false;
  check_order(t, m);
  take(t, m);
  curkernel().lockstat?.acquire(m.m_class);
  return true;
}

/**
 * mutex_enter — acquire m. A held lock is spun on while its owner runs on another CPU (the spin
 * is charged to this CPU, which lets the owner's CPU catch up at each pass), and blocked on once
 * the owner is off CPU, until mutex_exit hands it over. Panics on a lock-order violation, on
 * recursion, and when waiting would close a cycle of waiters (deadlock).
 */
export function* mutex_enter(m: KMutex, site?: string): KGen {
  if (site !== undefined && nolock(site)) return;
  const t = curthread();
  check_order(t, m);
  if (m.m_owner === null) { take(t, m); curkernel().lockstat?.acquire(m.m_class); return; }
  const k = curkernel();
  m.m_contended++;
  t.t_blocked = m;
  check_deadlock(t, m);
  if (kdi_on && k.kdi) { const s = k.kdi.lock(t, m, 'contend'); if (s) yield* kdi_stop(s); }
  let spin = 0, block = 0;
  for (;;) {
    const o = m.m_owner;
    if (o === null) { take(t, m); break; }
    if (o.t_state === TS_ONPROC && o.t_cpu >= 0 && o.t_cpu !== t.t_cpu && k.cpu_thread[o.t_cpu] === o) {
      // The owner is running: spin. One pass brings this CPU just past the owner's, so the owner's
      // CPU (now behind) runs to its next preemption point or its mutex_exit before we look again.
      const cpu = k.machine.cpus[t.t_cpu];
      if (k.cpu_in_round(o.t_cpu)) {
        const n = Math.max(MUTEX_SPIN_MIN, k.cpu_now(o.t_cpu) - k.cpu_now(t.t_cpu) + 1);
        cpu.cycles += n;
        spin += n;
        if (kdi_on) kdi_mark(t);
        yield T_KPREEMPT;
      } else {
        // The owner's CPU is done with this round: spin out ours, look again in the next.
        cpu.cycles += MUTEX_SPIN_MIN;
        spin += MUTEX_SPIN_MIN;
        if (kdi_on) kdi_mark(t);
        yield T_PREEMPT;
      }
      continue;
    }
    // The owner is off CPU (asleep, or waiting for one): block until mutex_exit hands m over.
    m.m_waiters.push(t);
    t.t_state = TS_SLEEP;
    t.t_wchan = m;
    t.t_blockstart = k.cpu_now(t.t_cpu);
    if (kdi_on) kdi_mark(t);
    while (m.m_owner !== t) yield T_BLOCK;
    block = Math.max(1, k.cpu_now(t.t_cpu) - t.t_blockstart);
    break;
  }
  t.t_blocked = null;
  t.t_wchan = null;
  const ls = k.lockstat;
  if (ls) { ls.acquire(m.m_class); ls.contended(m.m_class, m.m_name, lockstat_caller(), spin, block); }
}

/** mutex_exit — release m (the caller must own it); the first waiter is handed the lock. */
export function mutex_exit(m: KMutex, site?: string): void {
  if (site !== undefined && nolock(site)) return;
  const t = curthread();
  if (m.m_owner !== t) panic('mutex_exit', '%s releases %s owned by %s', t.t_name, m.m_name, m.m_owner?.t_name ?? 'nobody');
  const i = t.t_locks.lastIndexOf(m);
  ASSERT(i >= 0);
  t.t_locks.splice(i, 1);
  const w = m.m_waiters.shift();
  if (w) {
    m.m_owner = w;
    m.m_acquired++;
    w.t_locks.push(m);
    curkernel().disp.setrun(w);
  } else m.m_owner = null;
}
