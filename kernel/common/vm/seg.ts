/*
 * kernel/common/vm/seg.ts — segments: struct seg, the seg_ops vector, and the enums every VM
 * caller uses (fault types, access kinds, fault codes, mman.h's PROT_/MAP_ bits). Mirrors
 * uts/common/vm/seg.h, seg_enum.h, faultcode.h and vm_seg.c's seg_alloc/seg_free plus vm_as.c's
 * as_addseg/as_removeseg/as_segat. Leaves out the segment page cache (seg_pcache), softlock,
 * lockop/sync/incore ops and large-page size codes.
 */

import { VERIFY } from '../sys/debug.ts';
import type { As } from './vm_as.ts';

/** Protections (sys/mman.h). PROT_USER marks user mappings in Solaris; forkvm's user maps imply it. */
export const PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4, PROT_USER = 8;
export const PROT_ALL = PROT_READ | PROT_WRITE | PROT_EXEC;
/** Demand-zero anonymous memory (brk heap, stack): PROT_ZFOD in Solaris. */
export const PROT_ZFOD = PROT_ALL;

/** Mapping types and flags (sys/mman.h, 2006 values). */
export const MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_TYPE = 0xf, MAP_FIXED = 0x10, MAP_NORESERVE = 0x40,
  MAP_ANON = 0x100;

/** enum fault_type (seg_enum.h). */
export const F_INVAL = 0, F_PROT = 1, F_SOFTLOCK = 2, F_SOFTUNLOCK = 3;

/** enum seg_rw (seg_enum.h): the kind of access that faulted. */
export const S_OTHER = 0, S_READ = 1, S_WRITE = 2, S_EXEC = 3, S_CREATE = 4, S_READ_NOCOW = 5;

/** faultcode_t (vm/faultcode.h): 0 is success. */
export const FC_HWERR = 0x1, FC_ALIGN = 0x2, FC_OBJERR = 0x3, FC_PROT = 0x4, FC_NOMAP = 0x5,
  FC_NOSUPPORT = 0x6;
/** FC_MAKE_ERR — a fault code carrying an errno (FC_OBJERR with the errno in bits 8 and up). */
export function FC_MAKE_ERR(e: number): number { return (e << 8) | FC_OBJERR; }
/** FC_ERRNO — the errno inside a FC_MAKE_ERR code (0 for other codes). */
export function FC_ERRNO(fc: number): number { return (fc & 0xff) === FC_OBJERR ? fc >>> 8 : 0; }
/** FC_CODE — the fault code without the errno. */
export function FC_CODE(fc: number): number { return fc & 0xff; }

/**
 * SegOps — struct seg_ops: what a segment driver implements. Every call is made with the
 * segment's address space stable (forkvm's VM calls never yield, so the as lock is implicit).
 * Addresses and lengths passed in are page aligned and lie within the segment.
 */
export interface SegOps {
  /** Copy `seg` into `newseg` (already attached to the child as) for fork; returns errno. */
  dup(seg: Seg, newseg: Seg): number;
  /** Unmap [addr, addr+len) of the segment, splitting it if needed; returns errno. */
  unmap(seg: Seg, addr: number, len: number): number;
  /** Release the driver's resources; called once the segment has been detached and unloaded. */
  free(seg: Seg): void;
  /** Resolve a fault on the page at addr; returns 0 or a FC_* code. */
  fault(seg: Seg, addr: number, type: number, rw: number): number;
  /** Change protections on [addr, addr+len); returns errno (EACCES beyond maxprot). */
  setprot(seg: Seg, addr: number, len: number, prot: number): number;
  /** 0 if every page of [addr, addr+len) allows all of `prot`, else EACCES. */
  checkprot(seg: Seg, addr: number, len: number, prot: number): number;
  /** The protections of the page at addr. */
  getprot(seg: Seg, addr: number): number;
}

/**
 * Seg — struct seg: [s_base, s_base + s_size) of address space `s_as`, handled by `s_ops` with
 * driver data `s_data` (SegvnData for segvn). s_base and s_size are page aligned.
 */
export class Seg {
  s_base: number;
  s_size: number;
  s_as: As;
  s_ops: SegOps | null = null;
  s_data: unknown = null;
  constructor(as: As, base: number, size: number) {
    this.s_as = as;
    this.s_base = base;
    this.s_size = size;
  }
}

/** Index of the first segment whose end lies above addr (binary search on the sorted a_segs). */
function seg_index(as: As, addr: number): number {
  const segs = as.a_segs;
  let lo = 0, hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = segs[mid];
    if (s.s_base + s.s_size <= addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** as_segat — the segment containing addr, or null (vm_as.c as_segat). */
export function as_segat(as: As, addr: number): Seg | null {
  const i = seg_index(as, addr);
  const s = as.a_segs[i];
  return s !== undefined && s.s_base <= addr ? s : null;
}

/**
 * as_findseg — the first segment that ends above addr (contains it or lies after it), or null;
 * used to iterate the segments of a range in address order.
 */
export function as_findseg(as: As, addr: number): Seg | null {
  return as.a_segs[seg_index(as, addr)] ?? null;
}

/**
 * as_addseg — insert seg into its as keeping a_segs sorted and add its size to a_size. Returns -1
 * (and changes nothing) when it would overlap an existing segment, 0 otherwise.
 */
export function as_addseg(as: As, seg: Seg): number {
  const i = seg_index(as, seg.s_base);
  const next = as.a_segs[i];
  if (next !== undefined && next.s_base < seg.s_base + seg.s_size) return -1;
  as.a_segs.splice(i, 0, seg);
  as.a_size += seg.s_size;
  return 0;
}

/** as_removeseg — take seg out of its as (it must be attached) and subtract its size. */
export function as_removeseg(as: As, seg: Seg): void {
  const i = as.a_segs.indexOf(seg);
  VERIFY(i >= 0, 'as_removeseg: segment not in its address space');
  as.a_segs.splice(i, 1);
  as.a_size -= seg.s_size;
}

/**
 * seg_alloc — create and attach a segment for [base, base+size) (both rounded out to pages).
 * Returns null when the range is empty, outside the user limit, or overlaps a segment.
 */
export function seg_alloc(as: As, base: number, size: number): Seg | null {
  const b = base - (base % 4096);
  const e = Math.ceil((base + size) / 4096) * 4096;
  if (e <= b || e > as.a_userlimit) return null;
  const seg = new Seg(as, b, e - b);
  return as_addseg(as, seg) === 0 ? seg : null;
}

/**
 * seg_free — detach seg from its as and let its driver release its data (SEGOP_FREE). The caller
 * has already unloaded its translations.
 */
export function seg_free(seg: Seg): void {
  as_removeseg(seg.s_as, seg);
  if (seg.s_ops !== null) seg.s_ops.free(seg);
  seg.s_ops = null;
  seg.s_data = null;
}
