/*
 * kernel/common/fs/flock.ts — POSIX record locks (uts/common/os/flock.c: reclock, cleanlocks,
 * the deadlock check of flk_check_deadlock): per vnode, a list of locked byte ranges, each owned
 * by a process. A request splits and merges its owner's ranges; a conflict is EAGAIN (F_SETLK)
 * or a sleep (F_SETLKW) that ends in EDEADLK when it would close a cycle of waiting processes,
 * and in EINTR on a signal. Locks are not inherited by fork and go away when their owner closes
 * any descriptor of the file (closeandsetf). Leaves out lock ids of remote systems (l_sysid),
 * NBMAND and OFD locks.
 */

import { EAGAIN, EDEADLK, EINTR } from '../sys/errno.ts';
import { KMutex, MUTEX_HELD, mutex_enter, mutex_exit, mutex_tryenter } from '../sys/mutex.ts';
import { KCondvar, cv_broadcast, cv_wait_sig } from '../sys/condvar.ts';
import { ASSERT, VERIFY } from '../sys/debug.ts';
import type { KGen, KThread } from '../sys/thread.ts';
import type { Proc } from '../sys/proc.ts';
import type { Vnode } from './vnode.ts';
import { curkernel, curthread } from '../os/kglobals.ts';
import { issig } from '../os/sig.ts';

/** Lock types (sys/fcntl.h): F_RDLCK 1, F_WRLCK 2, F_UNLCK 3. */
export const F_RDLCK = 1, F_WRLCK = 2, F_UNLCK = 3;
/** The end of a lock that runs to end of file, and beyond (l_len 0). */
export const MAXEND = Number.MAX_SAFE_INTEGER;

/** LockDesc — one locked range [l_start, l_end] (inclusive) of `l_owner` (lock_descriptor_t). */
export interface LockDesc { l_type: number; l_start: number; l_end: number; l_owner: Proc }

/** VLocks — the locks of one vnode (its lock graph): active ranges in start order, and sleepers' cv. */
export class VLocks {
  vl_active: LockDesc[] = [];
  readonly vl_cv = new KCondvar('flk_cv');
  constructor(readonly vl_vp: Vnode) {}
}

/** A request asleep in F_SETLKW (for the deadlock check and the leak check). */
interface Sleeper { s_vl: VLocks; s_req: LockDesc }

/**
 * FlockTable — the record-lock state of one kernel. Lock map: fl_lock protects every VLocks of
 * the kernel and fl_sleeping; it is never held across a sleep or a preemption point, so
 * cleanlocks (from close and exit, which must not block) always finds it free.
 */
export class FlockTable {
  readonly fl_lock = new KMutex('flock_lock');
  readonly fl_vnodes = new Map<Vnode, VLocks>();
  readonly fl_sleeping = new Map<KThread, Sleeper>();
}

const tables = new WeakMap<object, FlockTable>();
/** The vnode's lock list and the table it is in (kernel-independent lookup: close has no kernel handy). */
const byvp = new WeakMap<Vnode, { vl: VLocks; fl: FlockTable }>();

/** flock_table — kernel k's record-lock table (made on first use). */
export function flock_table(k: object): FlockTable {
  let t = tables.get(k);
  if (!t) { t = new FlockTable(); tables.set(k, t); }
  return t;
}

/** flock_table_find — k's table if it has one (the leak check). */
export function flock_table_find(k: object): FlockTable | undefined { return tables.get(k); }

/** flk_live — active locks and sleeping requests of kernel k, described (the leak check: none at halt). */
export function flk_live(k: object): string[] {
  const t = tables.get(k);
  if (!t) return [];
  const out: string[] = [];
  for (const vl of t.fl_vnodes.values()) {
    for (const l of vl.vl_active) out.push(`${l.l_type === F_RDLCK ? 'read' : 'write'} lock [${l.l_start}, ${l.l_end === MAXEND ? 'EOF' : l.l_end}] of pid ${l.l_owner.p_pid}`);
  }
  for (const [th, s] of t.fl_sleeping) out.push(`sleeping request of ${th.t_name} [${s.s_req.l_start}, ${s.s_req.l_end}]`);
  return out;
}

function overlap(a: LockDesc, s: number, e: number): boolean { return a.l_start <= e && s <= a.l_end; }

/** The active locks of other owners that `req` conflicts with (a write lock conflicts with any lock). */
function conflicts(vl: VLocks, req: LockDesc): LockDesc[] {
  return vl.vl_active.filter((l) => l.l_owner !== req.l_owner && overlap(l, req.l_start, req.l_end) &&
    (l.l_type === F_WRLCK || req.l_type === F_WRLCK));
}

/**
 * Would `p` waiting for the owners of `blockers` close a cycle? Follows sleeping requests: an
 * owner asleep waits for the owners of the locks its request conflicts with (flk_check_deadlock).
 */
function deadlock(fl: FlockTable, p: Proc, blockers: LockDesc[]): boolean {
  ASSERT(MUTEX_HELD(fl.fl_lock), 'flk deadlock check: flock_lock not held');
  const seen = new Set<Proc>();
  const todo = blockers.map((l) => l.l_owner);
  while (todo.length > 0) {
    const q = todo.pop()!;
    if (q === p) return true;
    if (seen.has(q)) continue;
    seen.add(q);
    for (const s of fl.fl_sleeping.values()) {
      if (s.s_req.l_owner === q) for (const l of conflicts(s.s_vl, s.s_req)) todo.push(l.l_owner);
    }
  }
  return false;
}

/**
 * Put `req` (or, for F_UNLCK, a hole) into its owner's ranges: the owner's ranges it overlaps are
 * cut back (split when it lies inside one), then same-type neighbours are merged. Wakes sleepers.
 */
function apply(fl: FlockTable, vl: VLocks, req: LockDesc): void {
  ASSERT(MUTEX_HELD(fl.fl_lock), 'flk apply: flock_lock not held');
  const o = req.l_owner, s = req.l_start, e = req.l_end;
  const mine: LockDesc[] = [];
  const rest: LockDesc[] = [];
  for (const l of vl.vl_active) {
    if (l.l_owner !== o) { rest.push(l); continue; }
    if (!overlap(l, s, e)) { mine.push(l); continue; }
    if (l.l_start < s) mine.push({ ...l, l_end: s - 1 });
    if (l.l_end > e) mine.push({ ...l, l_start: e + 1 });
  }
  if (req.l_type !== F_UNLCK) mine.push({ ...req });
  mine.sort((a, b) => a.l_start - b.l_start);
  const merged: LockDesc[] = [];
  for (const l of mine) {
    const last = merged[merged.length - 1];
    if (last && last.l_type === l.l_type && last.l_end + 1 >= l.l_start) last.l_end = Math.max(last.l_end, l.l_end);
    else merged.push(l);
  }
  vl.vl_active = rest.concat(merged).sort((a, b) => a.l_start - b.l_start);
  cv_broadcast(vl.vl_cv);
}

/** The vnode's lock list in table fl, made on first use. */
function vlocks(fl: FlockTable, vp: Vnode): VLocks {
  ASSERT(MUTEX_HELD(fl.fl_lock), 'flk vlocks: flock_lock not held');
  let vl = fl.fl_vnodes.get(vp);
  if (!vl) { vl = new VLocks(vp); fl.fl_vnodes.set(vp, vl); byvp.set(vp, { vl, fl }); }
  return vl;
}

/** Forget a vnode's list once it holds nothing and nobody sleeps on it. */
function vl_gc(fl: FlockTable, vl: VLocks): void {
  ASSERT(MUTEX_HELD(fl.fl_lock), 'flk vl_gc: flock_lock not held');
  if (vl.vl_active.length === 0 && vl.vl_cv.cv_waiters.length === 0 && ![...fl.fl_sleeping.values()].some((s) => s.s_vl === vl)) {
    fl.fl_vnodes.delete(vl.vl_vp);
    byvp.delete(vl.vl_vp);
  }
}

/**
 * flk_getlk — F_GETLK: the first lock of another process that `req` would conflict with, or null
 * (the range could be locked). Never blocks for long (takes flock_lock).
 */
export function* flk_getlk(vp: Vnode, req: LockDesc): KGen<LockDesc | null> {
  const fl = flock_table(curkernel());
  yield* mutex_enter(fl.fl_lock);
  const vl = fl.fl_vnodes.get(vp);
  const c = vl ? conflicts(vl, req) : [];
  mutex_exit(fl.fl_lock);
  return c.length > 0 ? { ...c[0] } : null;
}

/**
 * reclock — F_SETLK / F_SETLKW: set, change or remove (F_UNLCK) req.l_owner's lock on
 * [l_start, l_end] of vp. A conflict with another process's lock: EAGAIN without `wait`;
 * with it, sleep until the range is free — EDEADLK instead when the owners of the conflicting
 * locks wait (directly or through others) for this process, EINTR when a signal ends the sleep.
 * Returns 0 or an errno; nothing changes on failure.
 */
export function* reclock(vp: Vnode, req: LockDesc, wait: boolean): KGen<number> {
  const fl = flock_table(curkernel());
  const t = curthread();
  yield* mutex_enter(fl.fl_lock);
  const vl = vlocks(fl, vp);
  let error = 0;
  for (;;) {
    if (req.l_type === F_UNLCK) { apply(fl, vl, req); break; }
    const c = conflicts(vl, req);
    if (c.length === 0) { apply(fl, vl, req); break; }
    if (!wait) { error = EAGAIN; break; }
    if (deadlock(fl, req.l_owner, c)) { error = EDEADLK; break; }
    fl.fl_sleeping.set(t, { s_vl: vl, s_req: req });
    const r = yield* cv_wait_sig(vl.vl_cv, fl.fl_lock, () => issig(t));
    fl.fl_sleeping.delete(t);
    if (r === 0) { error = EINTR; break; }
  }
  vl_gc(fl, vl);
  mutex_exit(fl.fl_lock);
  return error;
}

/**
 * cleanlocks — drop every lock `p` holds on vp (its close of any descriptor of the file, and
 * exit through closeall). Never blocks: flock_lock is free whenever a thread can run (see
 * FlockTable), so it is taken with mutex_tryenter. Wakes whoever waited for those ranges.
 */
export function cleanlocks(vp: Vnode, p: Proc): void {
  const e = byvp.get(vp);
  if (!e || !e.vl.vl_active.some((l) => l.l_owner === p)) return;
  VERIFY(mutex_tryenter(e.fl.fl_lock), 'cleanlocks: flock_lock held across a context switch');
  e.vl.vl_active = e.vl.vl_active.filter((l) => l.l_owner !== p);
  cv_broadcast(e.vl.vl_cv);
  vl_gc(e.fl, e.vl);
  mutex_exit(e.fl.fl_lock);
}
