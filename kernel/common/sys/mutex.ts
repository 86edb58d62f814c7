/*
 * kernel/common/sys/mutex.ts — kernel mutexes (uts/common/os/mutex.c, adaptive locks reduced to
 * blocking ones). A mutex records its owner and its waiters; mutex_enter blocks the calling
 * kernel thread (a generator) until it is handed the lock. Two checks Solaris leaves to tools are
 * built in: the lock order (LOCK_ORDER below, the one place it is written down) and deadlock
 * detection (a cycle of waiters panics, naming every thread in it and the locks each holds).
 */

import { T_BLOCK, TS_SLEEP, type KGen, type KThread } from './thread.ts';
import { ASSERT, panic } from './debug.ts';
import { curkernel, curthread } from '../os/kglobals.ts';

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
  pipe_lock: 40,    // one pipe's buffer
  file_lock: 45,    // one open file's offset
  callout_lock: 50, // timeouts
};

/** KMutex — kmutex_t. `m_class` names its LOCK_ORDER class. */
export class KMutex {
  readonly m_class: string;
  readonly m_rank: number;
  m_owner: KThread | null = null;
  readonly m_waiters: KThread[] = [];
  /** Times the lock was found held (contention counter). */
  m_spins = 0;
  constructor(m_class: string, public m_name = m_class) {
    const r = LOCK_ORDER[m_class];
    if (r === undefined) panic('mutex_init', 'unknown lock class %s', m_class);
    this.m_class = m_class;
    this.m_rank = r;
  }
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
  t.t_locks.push(m);
}

/** mutex_tryenter — take m if it is free; never blocks. */
export function mutex_tryenter(m: KMutex): boolean {
  const t = curthread();
  if (m.m_owner !== null) return false;
  check_order(t, m);
  take(t, m);
  return true;
}

/**
 * mutex_enter — acquire m, blocking until it is handed over. Panics on a lock-order violation,
 * on recursion, and when waiting would close a cycle of waiters (deadlock).
 */
export function* mutex_enter(m: KMutex): KGen {
  const t = curthread();
  check_order(t, m);
  if (m.m_owner === null) { take(t, m); return; }
  m.m_spins++;
  t.t_blocked = m;
  check_deadlock(t, m);
  m.m_waiters.push(t);
  t.t_state = TS_SLEEP;
  t.t_wchan = m;
  while (m.m_owner !== t) yield T_BLOCK;
  t.t_blocked = null;
  t.t_wchan = null;
}

/** mutex_exit — release m (the caller must own it); the first waiter is handed the lock. */
export function mutex_exit(m: KMutex): void {
  const t = curthread();
  if (m.m_owner !== t) panic('mutex_exit', '%s releases %s owned by %s', t.t_name, m.m_name, m.m_owner?.t_name ?? 'nobody');
  const i = t.t_locks.lastIndexOf(m);
  ASSERT(i >= 0);
  t.t_locks.splice(i, 1);
  const w = m.m_waiters.shift();
  if (w) {
    m.m_owner = w;
    w.t_locks.push(m);
    curkernel().disp.setrun(w);
  } else m.m_owner = null;
}
