/*
 * kernel/common/os/sem.ts — System V semaphores: semget, semop/semtimedop, semctl (IPC_STAT,
 * IPC_SET, IPC_RMID, GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT, GETALL, SETALL), semids, and
 * semexit (SEM_UNDO adjustments applied at exit). Mirrors uts/common/os/sem.c and its use of the
 * ipc id space: adjust values are kept per (set, process), so a fork child starts with none.
 * Leaves out rctls (fixed SemInfo limits), groups in permission checks and sem_binary.
 */

import { E2BIG, EACCES, EAGAIN, EEXIST, EFBIG, EIDRM, EINTR, EINVAL, ENOENT, ENOSPC, EPERM, ERANGE } from '../sys/errno.ts';
import { ASSERT } from '../sys/debug.ts';
import type { Proc } from '../sys/proc.ts';
import type { KGen } from '../sys/thread.ts';
import { KCondvar, cv_broadcast, cv_timedwait_sig, cv_wait_sig } from '../sys/condvar.ts';
import { KMutex, MUTEX_HELD, mutex_enter, mutex_exit } from '../sys/mutex.ts';
import { IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, type IpcPerm } from './shm.ts';

/** sys/sem.h: semctl commands, the undo flag, and the permission bits. */
export const GETNCNT = 3, GETPID = 4, GETVAL = 5, GETALL = 6, GETZCNT = 7, SETVAL = 8, SETALL = 9;
export const SEM_UNDO = 0o10000;
export const SEM_R = 0o400, SEM_A = 0o200;
/** semsys subcodes (sys/sem_impl.h). */
export const SEMCTL = 0, SEMGET = 1, SEMOP = 2, SEMIDS = 3, SEMTIMEDOP = 4;
/** The 32-bit struct semid_ds: ipc_perm (44), sem_base, sem_nsems, times, sem_binary, pads: 84 bytes. */
export const SEMID_DS_SIZE = 84;
/** struct sembuf: sem_num (u16), sem_op (s16), sem_flg (s16). */
export const SEMBUF_SIZE = 6;

/**
 * SemInfo — the limits: Solaris 10's project.max-sem-ids, process.max-sem-nsems and
 * process.max-sem-ops rctls (fixed here), and the largest value and adjust value (USHRT_MAX in
 * sem.c since the rctls replaced seminfo_semvmx/semaem).
 */
export interface SemInfo { semmni: number; semmsl: number; semopm: number; semvmx: number; semaem: number }
export const SEMINFO_DEFAULT: Readonly<SemInfo> = { semmni: 128, semmsl: 512, semopm: 512, semvmx: 65535, semaem: 65535 };

/** KSem — struct sem: one semaphore's value, last pid, and how many wait for increase / zero. */
export interface KSem { semval: number; sempid: number; semncnt: number; semzcnt: number }

/**
 * KSemId — ksemid_t: one set. `sem_undos` holds the adjust values of each process that did a
 * SEM_UNDO operation on it (sem_undo_t). Waiters sleep on `sem_cv` and re-try their whole
 * operation array whenever a value changes; a removed set wakes them with EIDRM.
 */
export class KSemId {
  sem_perm: IpcPerm;
  sem_id: number;
  sem_nsems: number;
  sem_base: KSem[];
  sem_otime = 0;
  sem_ctime: number;
  sem_removed = false;
  readonly sem_cv = new KCondvar('sem_cv');
  readonly sem_undos = new Map<Proc, Int32Array>();
  constructor(id: number, perm: IpcPerm, nsems: number, now: number) {
    this.sem_id = id;
    this.sem_perm = perm;
    this.sem_nsems = nsems;
    this.sem_base = Array.from({ length: nsems }, () => ({ semval: 0, sempid: 0, semncnt: 0, semzcnt: 0 }));
    this.sem_ctime = now;
  }
}

/**
 * SemTable — a kernel's semaphore id space (sem_svc) and `sem_lock`, which protects every set,
 * its values and undo lists. `undo_procs` is p_semacct: the sets each process has adjust values in.
 */
export class SemTable {
  readonly info: SemInfo;
  readonly now: () => number;
  readonly sem_lock = new KMutex('sem_lock');
  readonly slots: (KSemId | null)[];
  private readonly seqs: number[];
  readonly undo_procs = new Map<Proc, Set<KSemId>>();
  constructor(info: SemInfo = SEMINFO_DEFAULT, now: () => number = () => 0) {
    this.info = info;
    this.now = now;
    this.slots = new Array<KSemId | null>(info.semmni).fill(null);
    this.seqs = new Array<number>(info.semmni).fill(0);
  }
  /** The live set with id `id`, or null. */
  lookup(id: number): KSemId | null {
    if (!Number.isInteger(id) || id < 0) return null;
    const s = this.slots[id % this.info.semmni] ?? null;
    return s !== null && s.sem_id === id ? s : null;
  }
  lookup_key(key: number): KSemId | null {
    for (const s of this.slots) if (s !== null && s.sem_perm.key === key) return s;
    return null;
  }
  /** Every live set (leak check). */
  all(): KSemId[] { return this.slots.filter((s): s is KSemId => s !== null); }
  /** Adjust-value records (one per process and set) that exist (leak check). */
  undo_count(): number { return [...this.undo_procs.values()].reduce((a, s) => a + s.size, 0); }
  _alloc_id(): { slot: number; id: number; seq: number } | null {
    const slot = this.slots.indexOf(null);
    if (slot < 0) return null;
    const seq = ++this.seqs[slot];
    return { slot, id: slot + seq * this.info.semmni, seq };
  }
}

const tables = new WeakMap<object, SemTable>();
const HZ = 100;

/** sem_table — kernel `owner`'s semaphore ids, created on first use (times from owner.lbolt). */
export function sem_table(owner: object): SemTable {
  let tab = tables.get(owner);
  if (tab === undefined) {
    const o = owner as { lbolt?: unknown };
    tab = new SemTable(SEMINFO_DEFAULT, () => (typeof o.lbolt === 'number' ? Math.floor(o.lbolt / HZ) : 0));
    tables.set(owner, tab);
  }
  return tab;
}

/** sem_table_find — kernel `owner`'s table if it has been created, else null. */
export function sem_table_find(owner: object): SemTable | null { return tables.get(owner) ?? null; }

/** SemProc — what the calls need of the caller. */
export type SemProc = Pick<Proc, 'p_pid' | 'p_uid'>;

function ipcaccess(perm: IpcPerm, mode: number, uid: number): boolean {
  if (uid === 0) return true;
  const bits = uid === perm.uid || uid === perm.cuid ? perm.mode >>> 6 : perm.mode;
  return ((mode >>> 6) & ~bits & 0o7) === 0;
}

/**
 * semget — the id for `key`, creating a set of `nsems` semaphores (all 0) when key is
 * IPC_PRIVATE or not found with IPC_CREAT. ENOENT, EEXIST, EACCES as shmget; EINVAL for nsems
 * out of 1..semmsl on creation or above an existing set's size; ENOSPC without a free id.
 * Caller holds sem_lock.
 */
export function semget(tab: SemTable, p: SemProc, key: number, nsems: number, flags: number): { error: number; id: number } {
  ASSERT(MUTEX_HELD(tab.sem_lock), 'semget: sem_lock not held');
  if (key !== IPC_PRIVATE) {
    const s = tab.lookup_key(key);
    if (s !== null) {
      if ((flags & (IPC_CREAT | IPC_EXCL)) === (IPC_CREAT | IPC_EXCL)) return { error: EEXIST, id: -1 };
      if (!ipcaccess(s.sem_perm, flags & 0o777, p.p_uid)) return { error: EACCES, id: -1 };
      if (nsems < 0 || nsems > s.sem_nsems) return { error: EINVAL, id: -1 };
      return { error: 0, id: s.sem_id };
    }
    if ((flags & IPC_CREAT) === 0) return { error: ENOENT, id: -1 };
  }
  if (nsems <= 0 || nsems > tab.info.semmsl) return { error: EINVAL, id: -1 };
  const slot = tab._alloc_id();
  if (slot === null) return { error: ENOSPC, id: -1 };
  const perm: IpcPerm = { uid: p.p_uid, gid: 0, cuid: p.p_uid, cgid: 0, mode: flags & 0o777, seq: slot.seq, key };
  const s = new KSemId(slot.id, perm, nsems, tab.now());
  tab.slots[slot.slot] = s;
  return { error: 0, id: s.sem_id };
}

/** Drop process p's adjust values on set s (and p's record of them). */
function sem_undo_free(tab: SemTable, s: KSemId, p: Proc): void {
  s.sem_undos.delete(p);
  const set = tab.undo_procs.get(p);
  if (set !== undefined) { set.delete(s); if (set.size === 0) tab.undo_procs.delete(p); }
}

/** sem_rmid — IPC_RMID: the set leaves the id space, its undo records go, its sleepers wake (EIDRM). */
function sem_rmid(tab: SemTable, s: KSemId): void {
  tab.slots[s.sem_id % tab.info.semmni] = null;
  s.sem_removed = true;
  for (const p of [...s.sem_undos.keys()]) sem_undo_free(tab, s, p);
  cv_broadcast(s.sem_cv);
}

/** Clear the adjust value of semaphore `num` (-1: all) in every process (SETVAL/SETALL). */
function sem_undo_clear(tab: SemTable, s: KSemId, num: number): void {
  for (const [p, adj] of [...s.sem_undos]) {
    if (num < 0) adj.fill(0); else adj[num] = 0;
    if (adj.every((v) => v === 0)) sem_undo_free(tab, s, p);
  }
}

/** One operation of a semop call. */
export interface SemBuf { sem_num: number; sem_op: number; sem_flg: number }

/** semop_decode — the `n` struct sembufs in `b` (the caller's byte order). */
export function semop_decode(b: Uint8Array, n: number, bigEndian: boolean): SemBuf[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: SemBuf[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * SEMBUF_SIZE;
    out.push({ sem_num: dv.getUint16(o, !bigEndian), sem_op: dv.getInt16(o + 2, !bigEndian), sem_flg: dv.getInt16(o + 4, !bigEndian) });
  }
  return out;
}

/**
 * semop_try — apply every operation of `ops` to s atomically, or none: 0 when done, -1 (with the
 * index of the blocking op in `block`) when one must wait, else an errno (ERANGE: a value past
 * semvmx or an adjust value past semaem; EAGAIN: would wait with IPC_NOWAIT).
 */
function semop_try(tab: SemTable, s: KSemId, p: Proc, ops: SemBuf[], block: { i: number }): number {
  const vals = s.sem_base.map((x) => x.semval);
  const adj = s.sem_undos.get(p);
  const nadj = adj !== undefined ? Int32Array.from(adj) : new Int32Array(s.sem_nsems);
  let undo = false;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const n = op.sem_num;
    if (op.sem_op > 0) {
      if (vals[n] + op.sem_op > tab.info.semvmx) return ERANGE;
      vals[n] += op.sem_op;
    } else if (op.sem_op < 0) {
      if (vals[n] < -op.sem_op) { block.i = i; return (op.sem_flg & IPC_NOWAIT) ? EAGAIN : -1; }
      vals[n] += op.sem_op;
    } else if (vals[n] !== 0) {
      block.i = i;
      return (op.sem_flg & IPC_NOWAIT) ? EAGAIN : -1;
    }
    if ((op.sem_flg & SEM_UNDO) && op.sem_op !== 0) {
      const a = nadj[n] - op.sem_op;
      if (a > tab.info.semaem || a < -tab.info.semaem) return ERANGE;
      nadj[n] = a;
      undo = true;
    }
  }
  for (let i = 0; i < ops.length; i++) s.sem_base[ops[i].sem_num].sempid = p.p_pid;
  vals.forEach((v, i) => { s.sem_base[i].semval = v; });
  if (undo) {
    if (nadj.every((v) => v === 0)) { if (adj !== undefined) sem_undo_free(tab, s, p); } else {
      s.sem_undos.set(p, nadj);
      let set = tab.undo_procs.get(p);
      if (set === undefined) { set = new Set(); tab.undo_procs.set(p, set); }
      set.add(s);
    }
  }
  s.sem_otime = tab.now();
  return 0;
}

/**
 * semop — semop/semtimedop of process p on set `id`: EINVAL (unknown id), E2BIG (more
 * than semopm ops), EFBIG (sem_num out of range), EACCES, then semop_try's results; a blocked
 * call sleeps interruptibly on the set until a change lets it through (EINTR on a signal,
 * EAGAIN when the absolute lbolt `deadline` (>= 0) passes, else EIDRM if the set was removed).
 * sem_lock is taken and released here.
 */
export function* semop(tab: SemTable, p: Proc, id: number, ops: SemBuf[], deadline: number,
  pending: () => boolean, lbolt: () => number): KGen<number> {
  yield* mutex_enter(tab.sem_lock);
  let error = 0;
  const s = tab.lookup(id);
  if (s === null) error = EINVAL;
  else if (ops.length > tab.info.semopm) error = E2BIG;
  else if (ops.some((op) => op.sem_num >= s.sem_nsems)) error = EFBIG;
  else if (ops.some((op) => !ipcaccess(s.sem_perm, op.sem_op !== 0 ? SEM_A : SEM_R, p.p_uid))) error = EACCES;
  while (error === 0 && s !== null) {
    const block = { i: -1 };
    const r = semop_try(tab, s, p, ops, block);
    if (r === 0) { cv_broadcast(s.sem_cv); break; }
    if (r > 0) { error = r; break; }
    if (deadline >= 0 && lbolt() >= deadline) { error = EAGAIN; break; }
    const sem = s.sem_base[ops[block.i].sem_num];
    const zero = ops[block.i].sem_op === 0;
    if (zero) sem.semzcnt++; else sem.semncnt++;
    const w = deadline >= 0
      ? yield* cv_timedwait_sig(s.sem_cv, tab.sem_lock, deadline, pending)
      : yield* cv_wait_sig(s.sem_cv, tab.sem_lock, pending);
    if (zero) sem.semzcnt--; else sem.semncnt--;
    // As in sem.c, EINTR and a timeout (EAGAIN) win over EIDRM.
    if (w === 0) error = EINTR;
    else if (w < 0 && lbolt() >= deadline) error = EAGAIN;
    else if (s.sem_removed) error = EIDRM;
  }
  mutex_exit(tab.sem_lock);
  return error;
}

/** SemctlIo — the caller's buffer for semctl (copyout/copyin in the ISA's byte order). */
export interface SemctlIo {
  bigEndian: boolean;
  copyout(bytes: Uint8Array): number;
  copyin(len: number): { error: number; data: Uint8Array };
}

/** semid_ds_out — the 32-bit struct semid_ds of s (sem_base reads 0: no kernel addresses go out). */
export function semid_ds_out(s: KSemId, bigEndian: boolean): Uint8Array {
  const b = new Uint8Array(SEMID_DS_SIZE);
  const dv = new DataView(b.buffer);
  const le = !bigEndian;
  const pm = s.sem_perm;
  [pm.uid, pm.gid, pm.cuid, pm.cgid, pm.mode, pm.seq, pm.key].forEach((v, i) => dv.setUint32(i * 4, v >>> 0, le));
  dv.setUint16(48, s.sem_nsems, le);
  dv.setInt32(52, s.sem_otime, le);
  dv.setInt32(60, s.sem_ctime, le);
  return b;
}

/**
 * semctl — command `cmd` on semaphore `num` of set `id`; `arg` is the value for SETVAL (the
 * buffer commands use io). Returns the value of the GET* commands. EINVAL (unknown id, command,
 * or num out of range for a one-semaphore command), EACCES/EPERM, ERANGE (SETVAL/SETALL values
 * outside 0..semvmx), the copy's EFAULT. Caller holds sem_lock.
 */
export function semctl(tab: SemTable, p: SemProc, id: number, num: number, cmd: number, arg: number, io: SemctlIo): { error: number; value: number } {
  ASSERT(MUTEX_HELD(tab.sem_lock), 'semctl: sem_lock not held');
  const s = tab.lookup(id);
  const r = (error: number, value = 0): { error: number; value: number } => ({ error, value });
  if (s === null) return r(EINVAL);
  const owner = p.p_uid === 0 || p.p_uid === s.sem_perm.uid || p.p_uid === s.sem_perm.cuid;
  const le = !io.bigEndian;
  const one = (): boolean => Number.isInteger(num) && num >= 0 && num < s.sem_nsems;
  switch (cmd) {
    case IPC_STAT:
      if (!ipcaccess(s.sem_perm, SEM_R, p.p_uid)) return r(EACCES);
      return r(io.copyout(semid_ds_out(s, io.bigEndian)));
    case IPC_SET: {
      if (!owner) return r(EPERM);
      const c = io.copyin(SEMID_DS_SIZE);
      if (c.error) return r(c.error);
      const dv = new DataView(c.data.buffer, c.data.byteOffset, c.data.byteLength);
      s.sem_perm.uid = dv.getUint32(0, le);
      s.sem_perm.gid = dv.getUint32(4, le);
      s.sem_perm.mode = (s.sem_perm.mode & ~0o777) | (dv.getUint32(16, le) & 0o777);
      s.sem_ctime = tab.now();
      return r(0);
    }
    case IPC_RMID:
      if (!owner) return r(EPERM);
      sem_rmid(tab, s);
      return r(0);
    case GETVAL: case GETPID: case GETNCNT: case GETZCNT: {
      if (!ipcaccess(s.sem_perm, SEM_R, p.p_uid)) return r(EACCES);
      if (!one()) return r(EINVAL);
      const x = s.sem_base[num];
      return r(0, cmd === GETVAL ? x.semval : cmd === GETPID ? x.sempid : cmd === GETNCNT ? x.semncnt : x.semzcnt);
    }
    case GETALL: {
      if (!ipcaccess(s.sem_perm, SEM_R, p.p_uid)) return r(EACCES);
      const b = new Uint8Array(2 * s.sem_nsems);
      const dv = new DataView(b.buffer);
      s.sem_base.forEach((x, i) => dv.setUint16(2 * i, x.semval, le));
      return r(io.copyout(b));
    }
    case SETVAL: {
      if (!ipcaccess(s.sem_perm, SEM_A, p.p_uid)) return r(EACCES);
      if (!one()) return r(EINVAL);
      const v = arg | 0;
      if (v < 0 || v > tab.info.semvmx) return r(ERANGE);
      s.sem_base[num].semval = v;
      s.sem_base[num].sempid = p.p_pid;
      sem_undo_clear(tab, s, num);
      s.sem_ctime = tab.now();
      cv_broadcast(s.sem_cv);
      return r(0);
    }
    case SETALL: {
      if (!ipcaccess(s.sem_perm, SEM_A, p.p_uid)) return r(EACCES);
      const c = io.copyin(2 * s.sem_nsems);
      if (c.error) return r(c.error);
      const dv = new DataView(c.data.buffer, c.data.byteOffset, c.data.byteLength);
      const vals = s.sem_base.map((_, i) => dv.getUint16(2 * i, le));
      if (vals.some((v) => v > tab.info.semvmx)) return r(ERANGE);
      vals.forEach((v, i) => { s.sem_base[i].semval = v; s.sem_base[i].sempid = p.p_pid; });
      sem_undo_clear(tab, s, -1);
      s.sem_ctime = tab.now();
      cv_broadcast(s.sem_cv);
      return r(0);
    }
    default:
      return r(EINVAL);
  }
}

/**
 * semexit — process p is exiting: apply its adjust values to every set it has them in (one
 * that would leave 0..semvmx is skipped, as in sem.c), wake those sets' sleepers, drop the records.
 * Takes and releases sem_lock. Nothing happens for a process without adjust values.
 */
export function* semexit(tab: SemTable, p: Proc): KGen {
  if (!tab.undo_procs.has(p)) return;
  yield* mutex_enter(tab.sem_lock);
  for (const s of [...(tab.undo_procs.get(p) ?? [])]) {
    const adj = s.sem_undos.get(p);
    if (adj !== undefined) {
      adj.forEach((a, i) => {
        const v = s.sem_base[i].semval + a;
        // A value the adjustment would take out of range is left alone, as sem.c does.
        if (a === 0 || v < 0 || v > tab.info.semvmx) return;
        s.sem_base[i].semval = v;
        s.sem_base[i].sempid = p.p_pid;
      });
      cv_broadcast(s.sem_cv);
    }
    sem_undo_free(tab, s, p);
  }
  mutex_exit(tab.sem_lock);
}
