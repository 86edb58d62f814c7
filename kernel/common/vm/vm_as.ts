/*
 * kernel/common/vm/vm_as.ts — address spaces: struct as (a sorted segment list, a HAT, a size)
 * and the operations the process layer calls. Mirrors uts/common/vm/vm_as.c: as_alloc, as_free,
 * as_dup (fork), as_map, as_unmap, as_fault, as_setprot, as_checkprot, as_gap. Leaves out the as
 * lock (VM calls never yield, so each runs atomically among kernel threads), watchpoints,
 * callbacks, as_pagelock and the segment AVL tree (a sorted array does).
 */

import { EINVAL, ENOMEM } from '../sys/errno.ts';
import { panic } from '../sys/debug.ts';
import {
  FC_NOMAP, type Seg, type SegOps, as_findseg, as_segat, seg_alloc, seg_free,
} from './seg.ts';
import { type Hat, type HatSys, hat_dup } from './hat.ts';
import { PAGESIZE, type PagePool } from './vm_page.ts';

/** Default top of user space (SPARC sun4m KERNELBASE; the user stack starts just below). */
export const USERLIMIT_DEFAULT = 0xF0000000;

/**
 * VmSys — the VM layer of one machine: its page pool, the ISA's HAT provider, and the top of
 * user address space (every as gets it as a_userlimit).
 */
export interface VmSys {
  pages: PagePool;
  hatsys: HatSys;
  userlimit: number;
}

/** vm_sys_create — bundle a page pool and a HAT provider (userlimit defaults to 0xF0000000). */
export function vm_sys_create(pages: PagePool, hatsys: HatSys, userlimit = USERLIMIT_DEFAULT): VmSys {
  return { pages, hatsys, userlimit };
}

const vm_by_owner = new WeakMap<object, VmSys>();

/**
 * vm_init — boot-time setup of the VM layer of one kernel: bundles the page pool and the HAT
 * provider into a VmSys, records it for `owner` (the Kernel object; see vm_of) and returns it.
 */
export function vm_init(owner: object, pages: PagePool, hatsys: HatSys, userlimit = USERLIMIT_DEFAULT): VmSys {
  const vm = vm_sys_create(pages, hatsys, userlimit);
  vm_by_owner.set(owner, vm);
  return vm;
}

/** vm_find — the VmSys vm_init recorded for `owner`, or null when there is none. */
export function vm_find(owner: object): VmSys | null {
  return vm_by_owner.get(owner) ?? null;
}

/** vm_of — the VmSys vm_init recorded for `owner`; panics when there is none. */
export function vm_of(owner: object): VmSys {
  const vm = vm_by_owner.get(owner);
  if (vm === undefined) panic('vm_of', 'vm_init was not called for this kernel');
  return vm;
}

/**
 * As — struct as: the segments of one address space sorted by s_base (a_segs, non-overlapping),
 * their total size (a_size), the translations (a_hat), the first address above user space
 * (a_userlimit), and the machine's VM (a_vm).
 */
export class As {
  a_segs: Seg[] = [];
  a_size = 0;
  a_hat: Hat;
  a_userlimit: number;
  a_vm: VmSys;
  constructor(vm: VmSys) {
    this.a_vm = vm;
    this.a_userlimit = vm.userlimit;
    this.a_hat = vm.hatsys.hat_alloc();
  }
}

/** as_alloc — a new, empty address space with an empty hat. */
export function as_alloc(vm: VmSys): As {
  return new As(vm);
}

/**
 * as_free — destroy an address space: the hat drops its context first (so no CPU can use the
 * translations), every segment is unmapped and freed (anon slots, file references, swap), then
 * the page tables go. The as must not be used afterwards.
 */
export function as_free(as: As): void {
  as.a_hat.free_start();
  while (as.a_segs.length > 0) {
    const seg = as.a_segs[0];
    if (seg.s_ops !== null) seg.s_ops.unmap(seg, seg.s_base, seg.s_size);
    else seg_free(seg);
  }
  as.a_hat.free_end();
}

/** Page-rounded [base, end) of a user range, or null when it is empty or leaves user space. */
function as_range(as: As, addr: number, size: number): [number, number] | null {
  if (!(addr >= 0) || !(size > 0)) return null;
  const base = addr - (addr % PAGESIZE);
  const end = Math.ceil((addr + size) / PAGESIZE) * PAGESIZE;
  if (end > as.a_userlimit) return null;
  return [base, end];
}

/**
 * as_map — create a segment for [addr, addr+size) (rounded out to pages) and let `crfp` (the
 * segment driver's create, e.g. segvn_create) set it up from `argsp`. Returns 0, ENOMEM when the
 * range is outside user space or overlaps an existing segment (callers wanting MAP_FIXED
 * semantics as_unmap first), or the driver's errno (the segment is then freed).
 */
export function as_map<A>(as: As, addr: number, size: number, crfp: (seg: Seg, a: A) => number, argsp: A): number {
  const r = as_range(as, addr, size);
  if (r === null) return ENOMEM;
  const seg = seg_alloc(as, r[0], r[1] - r[0]);
  if (seg === null) return ENOMEM;
  const error = crfp(seg, argsp);
  if (error !== 0) seg_free(seg);
  return error;
}

/**
 * as_unmap — remove every mapping in [addr, addr+size) (rounded out to pages), splitting segments
 * that straddle the ends. Holes are fine. EINVAL when the range is empty or leaves user space.
 */
export function as_unmap(as: As, addr: number, size: number): number {
  const r = as_range(as, addr, size);
  if (r === null) return EINVAL;
  const [base, end] = r;
  let seg = as_findseg(as, base);
  while (seg !== null && seg.s_base < end) {
    const s = Math.max(base, seg.s_base);
    const e = Math.min(end, seg.s_base + seg.s_size);
    const error = seg.s_ops !== null ? seg.s_ops.unmap(seg, s, e - s) : (seg_free(seg), 0);
    if (error !== 0) return error;
    seg = as_findseg(as, e);
  }
  return 0;
}

/**
 * as_fault — resolve a fault at addr of kind `type` (F_INVAL: no translation, F_PROT: the
 * translation forbade the access) for access `rw` (S_READ, S_WRITE, S_EXEC). Returns 0 when a
 * translation now allows the access, FC_NOMAP when no segment covers addr, or the segment
 * driver's code (FC_PROT, FC_MAKE_ERR(ENOMEM)...).
 */
export function as_fault(as: As, addr: number, type: number, rw: number): number {
  if (!(addr >= 0) || addr >= as.a_userlimit) return FC_NOMAP;
  const seg = as_segat(as, addr);
  if (seg === null || seg.s_ops === null) return FC_NOMAP;
  return seg.s_ops.fault(seg, addr, type, rw);
}

/** Call fn on each segment piece of [base, end); ENOMEM (nothing called) if the range has a hole. */
function as_each(as: As, base: number, end: number, fn: (seg: Seg, ops: SegOps, s: number, e: number) => number): number {
  let a = base;
  for (let seg = as_findseg(as, a); a < end; seg = as_findseg(as, a)) {
    if (seg === null || seg.s_base > a || seg.s_ops === null) return ENOMEM;
    a = seg.s_base + seg.s_size;
  }
  a = base;
  while (a < end) {
    const seg = as_segat(as, a)!;
    const e = Math.min(end, seg.s_base + seg.s_size);
    const error = fn(seg, seg.s_ops!, a, e);
    if (error !== 0) return error;
    a = e;
  }
  return 0;
}

/**
 * as_setprot — set the protections of [addr, addr+size) (mprotect). ENOMEM if part of the range
 * is unmapped (nothing changed), EACCES beyond a segment's maxprot, EINVAL for a bad range.
 */
export function as_setprot(as: As, addr: number, size: number, prot: number): number {
  const r = as_range(as, addr, size);
  if (r === null) return EINVAL;
  return as_each(as, r[0], r[1], (seg, ops, s, e) => ops.setprot(seg, s, e - s, prot));
}

/**
 * as_checkprot — 0 when all of [addr, addr+size) is mapped with at least `prot`, ENOMEM for a
 * hole, EACCES otherwise, EINVAL for a bad range.
 */
export function as_checkprot(as: As, addr: number, size: number, prot: number): number {
  const r = as_range(as, addr, size);
  if (r === null) return EINVAL;
  return as_each(as, r[0], r[1], (seg, ops, s, e) => ops.checkprot(seg, s, e - s, prot));
}

/** AsDupResult — as_dup's result: errno and, on success, the child's address space. */
export interface AsDupResult { error: number; as: As | null }

/**
 * as_dup — fork's copy of an address space: a new as with a copy of every segment made by the
 * segment driver (segvn_dup: private memory becomes copy-on-write in both), and no translations
 * (hat_dup is a no-op). On failure the partial copy is freed and the driver's errno (ENOMEM) is
 * returned; the parent is unchanged except that its private translations may have lost write
 * permission (harmless: the next write faults and restores it). While it runs the page pool's
 * p_scope is 'as_dup', so a fault injector can fail an allocation made on fork's behalf only.
 */
export function as_dup(as: As): AsDupResult {
  const it = as_dup_segs(as);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * as_dup_segs — the body of as_dup, one segment at a time: after each segment it yields the
 * number of pages that segment spans, so that fork can charge that work and reach a preemption
 * point between segments (the caller holds the process held (SHOLDFORK or SHOLDFORK1, and SFORKING) meanwhile). The
 * pool's p_scope is 'as_dup' only while a segment is being duplicated, never across a yield.
 */
export function* as_dup_segs(as: As): Generator<number, AsDupResult, unknown> {
  const pl = as.a_vm.pages;
  const scoped = <T>(f: () => T): T => {
    // Name the operation for the pool's fault injector (--inject as_dup fails an allocation here only).
    const oscope = pl.p_scope;
    pl.p_scope = 'as_dup';
    try { return f(); } finally { pl.p_scope = oscope; }
  };
  const newas = as_alloc(as.a_vm);
  newas.a_userlimit = as.a_userlimit;
  for (const seg of as.a_segs.slice()) {
    if (!as.a_segs.includes(seg)) continue;   // unmapped while we were preempted
    const error = scoped(() => {
      const newseg = seg_alloc(newas, seg.s_base, seg.s_size);
      if (newseg === null) return ENOMEM;
      return seg.s_ops !== null ? seg.s_ops.dup(seg, newseg) : 0;
    });
    if (error !== 0) { as_free(newas); return { error, as: null }; }
    yield Math.ceil(seg.s_size / PAGESIZE);
  }
  const error = hat_dup(as.a_hat, newas.a_hat);
  if (error !== 0) { as_free(newas); return { error, as: null }; }
  return { error: 0, as: newas };
}

/** AH_HI / AH_LO — as_gap search direction: highest or lowest fitting address. */
export const AH_LO = 0, AH_HI = 1;

/**
 * as_gap — a page-aligned address where `len` bytes fit unmapped inside [lo, hi), searching from
 * the top (AH_HI) or the bottom (AH_LO); -1 when there is no such gap.
 */
export function as_gap(as: As, len: number, lo: number, hi: number, dir = AH_HI): number {
  const need = Math.ceil(len / PAGESIZE) * PAGESIZE;
  lo = Math.ceil(lo / PAGESIZE) * PAGESIZE;
  hi = Math.min(hi - (hi % PAGESIZE), as.a_userlimit);
  if (need <= 0 || hi - lo < need) return -1;
  // Gaps between segments clipped to [lo, hi), in address order.
  const gaps: [number, number][] = [];
  let prev = lo;
  for (const s of as.a_segs) {
    const sb = s.s_base, se = s.s_base + s.s_size;
    if (se <= lo) continue;
    if (sb >= hi) break;
    if (sb > prev) gaps.push([prev, sb]);
    prev = Math.max(prev, se);
  }
  if (prev < hi) gaps.push([prev, hi]);
  if (dir === AH_HI) {
    for (let i = gaps.length - 1; i >= 0; i--) if (gaps[i][1] - gaps[i][0] >= need) return gaps[i][1] - need;
  } else {
    for (const g of gaps) if (g[1] - g[0] >= need) return g[0];
  }
  return -1;
}
