/*
 * kernel/common/syscall/lwp_sobj.ts — user-level synchronization objects the kernel sleeps on:
 * lwpchans (the key of a sync object: its memory object and offset, so every process mapping
 * the same shared page finds the same sleep queue) and the semaphore calls lwp_sema_post (148),
 * lwp_sema_trywait (149) and lwp_sema_timedwait (211). Mirrors uts/common/syscall/lwp_sobj.c
 * (lwpchan_get_mapping, the lwpchan cache, lwp_sema_*); leaves out mutexes, condvars, rwlocks,
 * lwp_park and robust locks. The whole count update happens in the kernel under lwpchan_lock.
 */

import type { SysHandler, SysRet } from './syscall_table.ts';
import type { KGen, KThread } from '../sys/thread.ts';
import { KCondvar, cv_signal, cv_timedwait_sig, cv_wait_sig } from '../sys/condvar.ts';
import { KMutex, MUTEX_HELD, mutex_enter, mutex_exit } from '../sys/mutex.ts';
import { ASSERT } from '../sys/debug.ts';
import { EFAULT, EINTR, EINVAL, EOVERFLOW, EBUSY, ETIME } from '../sys/errno.ts';
import { curkernel, curthread } from '../os/kglobals.ts';
import { copyin, fuword32, fuword8, suword8, suword32 } from '../os/copy.ts';
import { issig } from '../os/sig.ts';
import { gethrtime, NSEC_PER_TICK } from '../os/timers.ts';
import { MAP_SHARED, as_segat } from '../vm/seg.ts';
import { SegvnData, segvn_ops } from '../vm/seg_vn.ts';
import type { As } from '../vm/vm_as.ts';
import { PAGESIZE } from '../vm/vm_page.ts';
import { ok, fail } from './sysret.ts';

/** sys/synch.h: the sema_t words the kernel touches (count at 0, waiters byte at 15). */
export const SEMA_COUNT_OFF = 0, SEMA_WAITERS_OFF = 15;
/** _SEM_VALUE_MAX — the largest count (INT32_MAX): a post past it is EOVERFLOW. */
export const SEM_VALUE_MAX = 0x7fffffff;

/**
 * Lwpchan — lwpchan_t: a sync object's identity. `lc_obj` is the memory object (a shared
 * segment's anon map or file) and `lc_off` the byte offset in it; for private memory the
 * address space and the virtual address, as Solaris keys USYNC_THREAD objects.
 */
export interface Lwpchan { lc_obj: object; lc_off: number }

/**
 * LwpchanEntry — one sleep queue (an lwpchan cache entry with its sleepq): threads asleep on
 * the object. Created by the first sleeper and dropped when the last leaves.
 */
export interface LwpchanEntry { le_chan: Lwpchan; le_cv: KCondvar; le_nwait: number }

/**
 * LwpchanTable — a kernel's lwpchan sleep queues, by object then offset, and `lwpchan_lock`
 * that protects them and every update of a user sync object's words.
 */
export class LwpchanTable {
  readonly lwpchan_lock = new KMutex('lwpchan_lock');
  readonly queues = new Map<object, Map<number, LwpchanEntry>>();
  /** Every entry (leak check: none may be left once every process is gone). */
  entries(): LwpchanEntry[] { return [...this.queues.values()].flatMap((m) => [...m.values()]); }
}

const tables = new WeakMap<object, LwpchanTable>();

/** lwpchan_table — kernel `owner`'s table, created on first use. */
export function lwpchan_table(owner: object): LwpchanTable {
  let t = tables.get(owner);
  if (t === undefined) { t = new LwpchanTable(); tables.set(owner, t); }
  return t;
}

/** lwpchan_table_find — kernel `owner`'s table if it exists, else null (leak check). */
export function lwpchan_table_find(owner: object): LwpchanTable | null {
  return tables.get(owner) ?? null;
}

/**
 * lwpchan_get_mapping — the lwpchan of the user address `va` in `as` (as_getmemid +
 * segvn_getmemid): a MAP_SHARED segvn segment names its anon map (with the page's index in it)
 * or its file (with the file offset), so a parent and its fork child, or two processes mapping
 * one shm segment or file, agree; anything else is (as, va). Null when va is not mapped.
 */
export function lwpchan_get_mapping(as: As, va: number): Lwpchan | null {
  const seg = as_segat(as, va);
  if (seg === null) return null;
  if (seg.s_ops === segvn_ops) {
    const svd = seg.s_data as SegvnData;
    if (svd.type === MAP_SHARED) {
      const rel = va - seg.s_base;
      if (svd.amp !== null && svd.vp === null) {
        return { lc_obj: svd.amp, lc_off: (svd.anon_index * PAGESIZE) + rel };
      }
      if (svd.vp !== null) return { lc_obj: svd.vp, lc_off: svd.offset + rel };
    }
  }
  return { lc_obj: as, lc_off: va };
}

/** The entry of `lc`, created when `create` (the caller holds lwpchan_lock). */
function lwpchan_entry(tab: LwpchanTable, lc: Lwpchan, create: boolean): LwpchanEntry | null {
  ASSERT(MUTEX_HELD(tab.lwpchan_lock), 'lwpchan_entry: lwpchan_lock not held');
  let m = tab.queues.get(lc.lc_obj);
  let e = m?.get(lc.lc_off) ?? null;
  if (e === null && create) {
    if (m === undefined) { m = new Map(); tab.queues.set(lc.lc_obj, m); }
    e = { le_chan: lc, le_cv: new KCondvar('lwpchan'), le_nwait: 0 };
    m.set(lc.lc_off, e);
  }
  return e;
}

/** Drop an entry nobody sleeps on (the caller holds lwpchan_lock). */
function lwpchan_release(tab: LwpchanTable, e: LwpchanEntry): void {
  ASSERT(MUTEX_HELD(tab.lwpchan_lock), 'lwpchan_release: lwpchan_lock not held');
  if (e.le_nwait > 0) return;
  const m = tab.queues.get(e.le_chan.lc_obj);
  if (m === undefined) return;
  m.delete(e.le_chan.lc_off);
  if (m.size === 0) tab.queues.delete(e.le_chan.lc_obj);
}


/** The semaphore's address is a user address of a 4-byte aligned sema_t (EFAULT otherwise). */
function sema_addr_ok(as: As, sp: number): boolean {
  return sp !== 0 && sp % 4 === 0 && sp + 16 <= as.a_userlimit;
}

/** The caller's address space and the sema_t address in args[0], or null when it is not one (EFAULT). */
function sema_arg(args: number[]): { as: As; sp: number } | null {
  const as = curthread().t_procp.p_as, sp = args[0] >>> 0;
  return as !== null && sema_addr_ok(as, sp) ? { as, sp } : null;
}

/** Read the count; EFAULT when it cannot be read (lwpchan_lock held, as for every access). */
function sema_count(as: As, sp: number): { error: number; value: number } {
  return fuword32(as, sp + SEMA_COUNT_OFF);
}

/**
 * lwp_sema_post(sp) — count + 1 and wake one sleeper on sp's lwpchan. EOVERFLOW at
 * SEM_VALUE_MAX; EFAULT for an unmapped or misaligned sp. The waiters byte tells libc whether
 * anyone still sleeps.
 */
function* lwp_sema_post(args: number[]): KGen<SysRet> {
  const a = sema_arg(args);
  if (a === null) return fail(EFAULT);
  const { as, sp } = a;
  const tab = lwpchan_table(curkernel());
  yield* mutex_enter(tab.lwpchan_lock);
  let error = 0;
  const lc = lwpchan_get_mapping(as, sp);
  const c = sema_count(as, sp);
  if (lc === null || c.error) error = EFAULT;
  else if (c.value >= SEM_VALUE_MAX) error = EOVERFLOW;
  else if (suword32(as, sp + SEMA_COUNT_OFF, c.value + 1) !== 0) error = EFAULT;
  else {
    const e = lwpchan_entry(tab, lc, false);
    if (e !== null) cv_signal(e.le_cv);
    if (suword8(as, sp + SEMA_WAITERS_OFF, e !== null && e.le_nwait > 1 ? 1 : 0) !== 0) error = EFAULT;
  }
  mutex_exit(tab.lwpchan_lock);
  return error ? fail(error) : ok();
}

/** lwp_sema_trywait(sp) — count − 1 when it is above 0, else EBUSY (libc's EAGAIN). EFAULT. */
function* lwp_sema_trywait(args: number[]): KGen<SysRet> {
  const a = sema_arg(args);
  if (a === null) return fail(EFAULT);
  const { as, sp } = a;
  const tab = lwpchan_table(curkernel());
  yield* mutex_enter(tab.lwpchan_lock);
  const c = sema_count(as, sp);
  let error = c.error ? EFAULT : 0;
  if (error === 0) {
    if (c.value === 0) error = EBUSY;
    else if (suword32(as, sp + SEMA_COUNT_OFF, c.value - 1) !== 0) error = EFAULT;
  }
  mutex_exit(tab.lwpchan_lock);
  return error ? fail(error) : ok();
}

/**
 * lwp_sema_timedwait(sp, tsp, check_park) — take one count of sp, sleeping on its lwpchan
 * while the count is 0: until a post (from any process sharing the memory), a signal (EINTR)
 * or, when tsp is not NULL, the relative timeout there (ETIME; a zero timeout only tries).
 * EINVAL for a bad timespec, EFAULT for bad pointers. check_park is ignored (no lwp_park).
 */
function* lwp_sema_timedwait(args: number[]): KGen<SysRet> {
  const k = curkernel();
  const t: KThread = curthread();
  const a = sema_arg(args);
  if (a === null) return fail(EFAULT);
  const { as, sp } = a, tsp = args[1] >>> 0;
  let deadline = -1;
  if (tsp !== 0) {
    const r = copyin(as, tsp, 8);
    if (r.error) return fail(EFAULT);
    const dv = new DataView(r.data.buffer, r.data.byteOffset, 8);
    const sec = dv.getInt32(0, !k.md.elf.bigEndian), nsec = dv.getInt32(4, !k.md.elf.bigEndian);
    if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000) return fail(EINVAL);
    // The first tick at or after now + the timeout (never early), as nanosleep rounds.
    deadline = sec === 0 && nsec === 0 ? k.lbolt
      : Math.max(k.lbolt + 1, Math.ceil((gethrtime(k) + sec * 1e9 + nsec) / NSEC_PER_TICK));
  }
  const tab = lwpchan_table(k);
  yield* mutex_enter(tab.lwpchan_lock);
  let error = 0;
  let e: LwpchanEntry | null = null;
  for (;;) {
    const lc = lwpchan_get_mapping(as, sp);
    const c = sema_count(as, sp);
    if (lc === null || c.error) { error = EFAULT; break; }
    if (c.value > 0) {
      if (suword32(as, sp + SEMA_COUNT_OFF, c.value - 1) !== 0) error = EFAULT;
      break;
    }
    if (deadline >= 0 && k.lbolt >= deadline) { error = ETIME; break; }
    // The object may have moved (its page copied, remapped): sleep on its current lwpchan.
    if (e !== null && (e.le_chan.lc_obj !== lc.lc_obj || e.le_chan.lc_off !== lc.lc_off)) {
      e.le_nwait--; lwpchan_release(tab, e); e = null;
    }
    if (e === null) { e = lwpchan_entry(tab, lc, true)!; e.le_nwait++; }
    if (suword8(as, sp + SEMA_WAITERS_OFF, 1) !== 0) { error = EFAULT; break; }
    const r = deadline >= 0
      ? yield* cv_timedwait_sig(e.le_cv, tab.lwpchan_lock, deadline, () => issig(t))
      : yield* cv_wait_sig(e.le_cv, tab.lwpchan_lock, () => issig(t));
    if (r === 0) { error = EINTR; break; }
  }
  if (e !== null) {
    e.le_nwait--;
    // A post that woke us while we leave with EINTR/ETIME must not be lost: pass it on.
    if (error !== 0 && e.le_nwait > 0) {
      const c = sema_count(as, sp);
      if (!c.error && c.value > 0) cv_signal(e.le_cv);
    }
    const w = fuword8(as, sp + SEMA_WAITERS_OFF);
    if (!w.error && e.le_nwait === 0 && w.value !== 0) suword8(as, sp + SEMA_WAITERS_OFF, 0);
    lwpchan_release(tab, e);
  }
  mutex_exit(tab.lwpchan_lock);
  return error ? fail(error) : ok();
}

/** Handlers by sysent name. */
export const SYSCALLS_LWP_SOBJ: Record<string, SysHandler> = { lwp_sema_post, lwp_sema_trywait, lwp_sema_timedwait };
