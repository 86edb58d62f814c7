/*
 * kernel/common/os/shm.ts — System V shared memory: shmget, shmat, shmdt, shmctl (IPC_STAT,
 * IPC_SET, IPC_RMID, SHM_LOCK/UNLOCK), shmfork for fork and shmexit for exit/exec. Mirrors
 * uts/common/os/shm.c and the ipc id space of os/ipc.c: a segment is an anon map kept by its id
 * and attached as a shared segvn (so fork shares it and no copy-on-write applies). Leaves out ISM
 * (SHM_SHARE_MMU attaches normally), rctl/project limits (fixed ShmInfo limits instead), groups in
 * permission checks, and locking: no operation here yields, so each runs atomically.
 */

import { EACCES, EEXIST, EINVAL, ENOENT, ENOMEM, ENOSPC, EPERM } from '../sys/errno.ts';
import { ASSERT } from '../sys/debug.ts';
import type { Proc } from '../sys/proc.ts';
import { MAP_SHARED, PROT_ALL, PROT_EXEC, PROT_READ } from '../vm/seg.ts';
import { segvn_create } from '../vm/seg_vn.ts';
import { type AnonMap, anon_free, anon_resv, anon_unresv, anonmap_alloc } from '../vm/vm_anon.ts';
import { as_gap, as_map, as_unmap, AH_LO } from '../vm/vm_as.ts';
import { PAGESIZE, type PagePool, btopr, ptob } from '../vm/vm_page.ts';
import { map_addr, type VmProc } from '../vm/pagefault.ts';

/** sys/ipc.h: keys, flags and commands. */
export const IPC_PRIVATE = 0, IPC_CREAT = 0o1000, IPC_EXCL = 0o2000, IPC_NOWAIT = 0o4000;
export const IPC_RMID = 10, IPC_SET = 11, IPC_STAT = 12;
/** sys/shm.h: attach flags, lock commands, and the attach alignment (SHMLBA = PAGESIZE). */
export const SHM_R = 0o400, SHM_W = 0o200, SHM_RDONLY = 0o10000, SHM_RND = 0o20000,
  SHM_SHARE_MMU = 0o40000, SHM_PAGEABLE = 0o100000;
export const SHM_LOCK = 3, SHM_UNLOCK = 4;
export const SHMLBA = PAGESIZE;
const SHMAT_VALID_FLAGS = SHM_R | SHM_W | SHM_RDONLY | SHM_RND | SHM_SHARE_MMU | SHM_PAGEABLE;

/** Size of the 32-bit struct shmid_ds (ipc_perm 44 bytes, then the shm fields): 112 bytes. */
export const SHMID_DS_SIZE = 112;

/** ShmInfo — the limits (Solaris 10's project.max-shm-* rctls, fixed): largest segment, ids. */
export interface ShmInfo { shmmax: number; shmmni: number }
/** Defaults: 8 MiB per segment (the old shminfo_shmmax), 128 ids (project.max-shm-ids). */
export const SHMINFO_DEFAULT: Readonly<ShmInfo> = { shmmax: 8 * 1024 * 1024, shmmni: 128 };

/** IpcPerm — struct ipc_perm (kipc_perm_t): owner, creator, mode bits (low 9), slot seq, key. */
export interface IpcPerm { uid: number; gid: number; cuid: number; cgid: number; mode: number; seq: number; key: number }

/**
 * KShmId — kshmid_t: one segment. `shm_amp` holds the pages (one reference for the id itself,
 * one per attached segvn segment); `shm_swresv` pages of swap were reserved at shmget. A removed
 * id (IPC_RMID) is out of the id space but lives until its last detach (shm_nattch 0).
 */
export class KShmId {
  shm_id: number;
  shm_perm: IpcPerm;
  shm_segsz: number;
  shm_amp: AnonMap;
  shm_pool: PagePool;
  shm_swresv: number;
  shm_lkcnt = 0;
  shm_lpid = 0;
  shm_cpid: number;
  shm_nattch = 0;
  shm_atime = 0;
  shm_dtime = 0;
  shm_ctime: number;
  shm_removed = false;
  shm_table: ShmTable;
  constructor(tab: ShmTable, id: number, perm: IpcPerm, size: number, pool: PagePool, cpid: number) {
    this.shm_table = tab;
    this.shm_id = id;
    this.shm_perm = perm;
    this.shm_segsz = size;
    this.shm_pool = pool;
    this.shm_amp = anonmap_alloc(ptob(btopr(size)));
    this.shm_swresv = btopr(size);
    this.shm_cpid = cpid;
    this.shm_ctime = tab.now();
  }
}

/** SegAcct — segacct_t: one attach of a process (p_segacct): address, length, the segment. */
export interface SegAcct { sa_addr: number; sa_len: number; sa_id: KShmId }

/**
 * ShmTable — the shm id space of one kernel (shm_svc): live ids by id number, per-slot sequence
 * numbers, and segments removed but still attached. `now` gives seconds since boot for the
 * shm_*time fields (there is no time of day).
 */
export class ShmTable {
  readonly info: ShmInfo;
  readonly now: () => number;
  /** Live (not removed) ids by slot; an id number is slot + seq * shmmni. */
  readonly slots: (KShmId | null)[];
  private readonly seqs: number[];
  /** Removed ids that are still attached somewhere. */
  readonly zombies = new Set<KShmId>();
  constructor(info: ShmInfo = SHMINFO_DEFAULT, now: () => number = () => 0) {
    this.info = info;
    this.now = now;
    this.slots = new Array<KShmId | null>(info.shmmni).fill(null);
    this.seqs = new Array<number>(info.shmmni).fill(0);
  }
  /** The live segment with id `id`, or null (removed ids are not found). */
  lookup(id: number): KShmId | null {
    if (!Number.isInteger(id) || id < 0) return null;
    const sp = this.slots[id % this.info.shmmni] ?? null;
    return sp !== null && sp.shm_id === id ? sp : null;
  }
  /** The live segment with key `key` (not IPC_PRIVATE), or null. */
  lookup_key(key: number): KShmId | null {
    for (const sp of this.slots) if (sp !== null && sp.shm_perm.key === key) return sp;
    return null;
  }
  /** A free slot's next id and its seq, or null when every slot is taken. */
  _alloc_id(): { slot: number; id: number; seq: number } | null {
    const slot = this.slots.indexOf(null);
    if (slot < 0) return null;
    const seq = ++this.seqs[slot];
    return { slot, id: slot + seq * this.info.shmmni, seq };
  }
  /** Every segment that still exists (live ids, then removed-but-attached ones). */
  all(): KShmId[] {
    return [...this.slots.filter((s): s is KShmId => s !== null), ...this.zombies];
  }
}

const tables = new WeakMap<object, ShmTable>();
/** Clock ticks per second of lbolt (Solaris hz). */
const HZ = 100;

/**
 * shm_table — the shm id space of kernel `owner`, created on first use with the default limits
 * and a clock reading `owner.lbolt` (ticks) when the owner has one.
 */
export function shm_table(owner: object): ShmTable {
  let tab = tables.get(owner);
  if (tab === undefined) {
    const o = owner as { lbolt?: unknown };
    tab = new ShmTable(SHMINFO_DEFAULT, () => (typeof o.lbolt === 'number' ? Math.floor(o.lbolt / HZ) : 0));
    tables.set(owner, tab);
  }
  return tab;
}

/** shm_table_find — kernel `owner`'s table if it has been created, else null (leak check). */
export function shm_table_find(owner: object): ShmTable | null {
  return tables.get(owner) ?? null;
}

/** ipcaccess — may a process with uid `uid` access with `mode` (SHM_R/SHM_W bits)? root always. */
function ipcaccess(perm: IpcPerm, mode: number, uid: number): boolean {
  if (uid === 0) return true;
  const bits = uid === perm.uid || uid === perm.cuid ? perm.mode >>> 6 : perm.mode;
  return ((mode >>> 6) & ~bits & 0o7) === 0;
}

/** The destruction of a removed, unattached segment: the id's anon reference and its swap. */
function shm_destroy(sp: KShmId): void {
  ASSERT(sp.shm_nattch === 0 && sp.shm_removed, 'shm_destroy: segment still in use');
  sp.shm_table.zombies.delete(sp);
  const amp = sp.shm_amp;
  if (--amp.refcnt === 0) anon_free(sp.shm_pool, amp, 0, amp.ahp.length);
  anon_unresv(sp.shm_pool, sp.shm_swresv);
  sp.shm_swresv = 0;
}

/** Take sp out of the id space (IPC_RMID); it is destroyed now or at its last detach. */
function shm_rmid(sp: KShmId): void {
  const tab = sp.shm_table;
  const slot = sp.shm_id % tab.info.shmmni;
  ASSERT(tab.slots[slot] === sp, 'shm_rmid: id not in its slot');
  tab.slots[slot] = null;
  sp.shm_removed = true;
  sp.shm_perm.key = IPC_PRIVATE;
  if (sp.shm_nattch === 0) shm_destroy(sp);
  else tab.zombies.add(sp);
}

/** One attach of sp went away (shmdt, exit): counts, times, and destruction if removed. */
function shm_detach_acct(sp: KShmId, pid: number): void {
  ASSERT(sp.shm_nattch > 0, 'shm detach: shm_nattch already 0');
  sp.shm_nattch--;
  sp.shm_lpid = pid;
  sp.shm_dtime = sp.shm_table.now();
  if (sp.shm_nattch === 0 && sp.shm_removed) shm_destroy(sp);
}

/** ShmProc — what the shm calls need of the calling process (proc_t fields). */
export type ShmProc = Pick<Proc, 'p_pid' | 'p_uid' | 'p_segacct'> & VmProc;

/**
 * shmget — the id for `key` (creating a segment of `size` bytes when key is IPC_PRIVATE, or not
 * found and IPC_CREAT is set; mode = flags & 0777). Errors: ENOENT (no such key, no IPC_CREAT),
 * EEXIST (IPC_CREAT|IPC_EXCL and the key exists), EINVAL (size 0 or above shmmax for a new
 * segment, or above an existing one's size), EACCES (mode bits), ENOSPC (no free id), ENOMEM
 * (swap for the whole segment cannot be reserved).
 */
export function shmget(tab: ShmTable, p: ShmProc, key: number, size: number, flags: number): { error: number; id: number } {
  if (key !== IPC_PRIVATE) {
    const sp = tab.lookup_key(key);
    if (sp !== null) {
      if ((flags & (IPC_CREAT | IPC_EXCL)) === (IPC_CREAT | IPC_EXCL)) return { error: EEXIST, id: -1 };
      if (!ipcaccess(sp.shm_perm, flags & 0o777, p.p_uid)) return { error: EACCES, id: -1 };
      if (size !== 0 && size > sp.shm_segsz) return { error: EINVAL, id: -1 };
      return { error: 0, id: sp.shm_id };
    }
    if ((flags & IPC_CREAT) === 0) return { error: ENOENT, id: -1 };
  }
  if (size === 0 || size > tab.info.shmmax) return { error: EINVAL, id: -1 };
  const slot = tab._alloc_id();
  if (slot === null) return { error: ENOSPC, id: -1 };
  const pool = p.p_as.a_vm.pages;
  if (!anon_resv(pool, btopr(size))) return { error: ENOMEM, id: -1 };
  const perm: IpcPerm = { uid: p.p_uid, gid: 0, cuid: p.p_uid, cgid: 0, mode: flags & 0o777, seq: slot.seq, key };
  const sp = new KShmId(tab, slot.id, perm, size, pool, p.p_pid);
  tab.slots[slot.slot] = sp;
  return { error: 0, id: sp.shm_id };
}

/**
 * shmat — attach segment `id` to p's address space at `addr` (0: the kernel chooses, as mmap
 * does; with SHM_RND rounded down to SHMLBA), read-only with SHM_RDONLY. Returns the address.
 * EINVAL for an unknown id, bad flags, a misaligned address or one whose range is not free;
 * EACCES for the mode bits; ENOMEM when no room is left.
 */
export function shmat(tab: ShmTable, p: ShmProc, id: number, addr: number, flags: number): { error: number; addr: number } {
  const sp = tab.lookup(id);
  if (sp === null || (flags & ~SHMAT_VALID_FLAGS) !== 0) return { error: EINVAL, addr: 0 };
  const rdonly = (flags & SHM_RDONLY) !== 0;
  if (!ipcaccess(sp.shm_perm, rdonly ? SHM_R : SHM_R | SHM_W, p.p_uid)) return { error: EACCES, addr: 0 };
  const as = p.p_as;
  const len = ptob(btopr(sp.shm_segsz));
  if (addr === 0) {
    addr = map_addr(p, len);
    if (addr < 0) return { error: ENOMEM, addr: 0 };
  } else {
    if (flags & SHM_RND) addr -= addr % SHMLBA;
    if (addr % SHMLBA !== 0) return { error: EINVAL, addr: 0 };
    if (addr + len > as.a_userlimit || as_gap(as, len, addr, addr + len, AH_LO) !== addr) return { error: EINVAL, addr: 0 };
  }
  const prot = rdonly ? PROT_READ | PROT_EXEC : PROT_ALL;
  const error = as_map(as, addr, len, segvn_create,
    { type: MAP_SHARED, prot, maxprot: prot, vp: null, offset: 0, amp: sp.shm_amp });
  if (error !== 0) return { error, addr: 0 };
  p.p_segacct.push({ sa_addr: addr, sa_len: len, sa_id: sp } satisfies SegAcct);
  sp.shm_nattch++;
  sp.shm_lpid = p.p_pid;
  sp.shm_atime = tab.now();
  return { error: 0, addr };
}

/**
 * shmdt — detach the segment attached at exactly `addr`: unmap it, drop the attach count, and
 * destroy a removed segment at its last detach. EINVAL when nothing is attached at addr.
 */
export function shmdt(p: ShmProc, addr: number): number {
  const acct = p.p_segacct as SegAcct[];
  const i = acct.findIndex((sa) => sa.sa_addr === addr);
  if (i < 0) return EINVAL;
  const sa = acct[i];
  acct.splice(i, 1);
  as_unmap(p.p_as, sa.sa_addr, sa.sa_len);
  shm_detach_acct(sa.sa_id, p.p_pid);
  return 0;
}

/**
 * shmid_ds_out — the 32-bit struct shmid_ds of sp in the given byte order (shm_amp reads 0: no
 * kernel addresses go out).
 */
export function shmid_ds_out(sp: KShmId, bigEndian: boolean): Uint8Array {
  const b = new Uint8Array(SHMID_DS_SIZE);
  const dv = new DataView(b.buffer);
  const le = !bigEndian;
  const pm = sp.shm_perm;
  [pm.uid, pm.gid, pm.cuid, pm.cgid, pm.mode, pm.seq, pm.key].forEach((v, i) => dv.setUint32(i * 4, v >>> 0, le));
  dv.setUint32(44, sp.shm_segsz >>> 0, le);
  dv.setUint16(52, sp.shm_lkcnt, le);
  dv.setInt32(56, sp.shm_lpid, le);
  dv.setInt32(60, sp.shm_cpid, le);
  dv.setUint32(64, sp.shm_nattch, le);
  dv.setUint32(68, 0, le);
  dv.setInt32(72, sp.shm_atime, le);
  dv.setInt32(80, sp.shm_dtime, le);
  dv.setInt32(88, sp.shm_ctime, le);
  return b;
}

/** ShmctlIo — how shmctl reaches the caller's buffer: copyout/copyin of the struct (errno). */
export interface ShmctlIo {
  bigEndian: boolean;
  copyout(bytes: Uint8Array): number;
  copyin(len: number): { error: number; data: Uint8Array };
}

/**
 * shmctl — IPC_STAT (copy the shmid_ds out; needs read permission), IPC_SET (take uid, gid and
 * the low 9 mode bits from the caller's shmid_ds; owner or root), IPC_RMID (owner or root; the
 * segment goes when its last attach does), SHM_LOCK/SHM_UNLOCK (root; only counted). EINVAL for
 * an unknown id or command, EPERM/EACCES for permissions, the copy's EFAULT.
 */
export function shmctl(tab: ShmTable, p: ShmProc, id: number, cmd: number, io: ShmctlIo): number {
  const sp = tab.lookup(id);
  if (sp === null) return EINVAL;
  const owner = p.p_uid === 0 || p.p_uid === sp.shm_perm.uid || p.p_uid === sp.shm_perm.cuid;
  switch (cmd) {
    case IPC_STAT:
      if (!ipcaccess(sp.shm_perm, SHM_R, p.p_uid)) return EACCES;
      return io.copyout(shmid_ds_out(sp, io.bigEndian));
    case IPC_SET: {
      if (!owner) return EPERM;
      const r = io.copyin(SHMID_DS_SIZE);
      if (r.error !== 0) return r.error;
      const dv = new DataView(r.data.buffer, r.data.byteOffset, r.data.byteLength);
      const le = !io.bigEndian;
      sp.shm_perm.uid = dv.getUint32(0, le);
      sp.shm_perm.gid = dv.getUint32(4, le);
      sp.shm_perm.mode = (sp.shm_perm.mode & ~0o777) | (dv.getUint32(16, le) & 0o777);
      sp.shm_ctime = tab.now();
      return 0;
    }
    case IPC_RMID:
      if (!owner) return EPERM;
      shm_rmid(sp);
      return 0;
    case SHM_LOCK:
    case SHM_UNLOCK:
      if (p.p_uid !== 0) return EPERM;
      if (cmd === SHM_LOCK) sp.shm_lkcnt++;
      else if (sp.shm_lkcnt > 0) sp.shm_lkcnt--;
      return 0;
    default:
      return EINVAL;
  }
}

/**
 * shmfork — fork's copy of the attaches (called after as_dup, which already shared the
 * segments' pages with the child): the child gets the parent's attach list and each segment's
 * shm_nattch goes up by one.
 */
export function shmfork(pp: Proc, cp: Proc): void {
  const acct = pp.p_segacct as SegAcct[];
  cp.p_segacct = acct.map((sa) => {
    sa.sa_id.shm_nattch++;
    return { ...sa };
  });
}

/**
 * shmexit — detach every segment of p (exit and exec, from relvm, before the address space is
 * freed; also fork's error path for the child). Unmaps them when p still has an address space.
 */
export function shmexit(p: Proc): void {
  const acct = p.p_segacct as SegAcct[];
  p.p_segacct = [];
  for (const sa of acct) {
    if (p.p_as !== null) as_unmap(p.p_as, sa.sa_addr, sa.sa_len);
    shm_detach_acct(sa.sa_id, p.p_pid);
  }
}
