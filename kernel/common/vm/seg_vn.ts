/*
 * kernel/common/vm/seg_vn.ts — the vnode segment driver: private and shared mappings of anonymous
 * (demand-zero) memory and of files, with copy-on-write after fork. Mirrors uts/common/vm/seg_vn.c
 * (segvn_create with concatenation, segvn_dup, segvn_unmap, segvn_fault/segvn_faultpage,
 * segvn_setprot) in one-page-at-a-time form. Leaves out vpage arrays (a partial setprot splits the
 * segment instead), large pages, softlock and locking. A file's pages are read from its VmSource;
 * stores through a shared mapping reach the file when its last mapping goes (VN_RELE), not before.
 */

import { EACCES, EFAULT, EINVAL, ENOMEM } from '../sys/errno.ts';
import { ASSERT, VERIFY } from '../sys/debug.ts';
import {
  FC_MAKE_ERR, FC_NOSUPPORT, FC_PROT, F_SOFTLOCK, F_SOFTUNLOCK, MAP_NORESERVE, MAP_PRIVATE, MAP_SHARED,
  MAP_TYPE, PROT_EXEC, PROT_READ, PROT_WRITE, S_CREATE, S_EXEC, S_WRITE, type Seg, type SegOps,
  as_segat, seg_alloc, seg_free,
} from './seg.ts';
import {
  type AnonMap, anon_decref, anon_dup, anon_free, anon_get_ptr, anon_private, anon_resv, anon_set_ptr,
  anon_unresv, anon_zero, anonmap_alloc,
} from './vm_anon.ts';
import { hat_chgprot, hat_clrattr, hat_memload, hat_unload } from './hat.ts';
import { PAGESIZE, type Page, type PagePool, btop, page_create, page_free } from './vm_page.ts';

/**
 * VmSource — where a file mapping's pages come from: a byte buffer (boot-archive files, exec
 * images) or a live file (a writable ramfs file: its size, its bytes with holes as zeros, and
 * word of every change so that cached pages follow writes and truncation).
 */
export interface VmSource {
  size(): number;
  read_into(off: number, dst: Uint8Array): void;
  on_change?(fn: (off: number, len: number) => void): void;
  /** Store a cached page's bytes back (shared writable mappings): called as the cache is freed. */
  write_back?(off: number, bytes: Uint8Array): void;
  /** The first mapping came (hold) and the last went (rele): a mapped file keeps its contents. */
  hold?(): void;
  rele?(): void;
}

/** A byte buffer as a VmSource. */
class BytesSource implements VmSource {
  constructor(readonly bytes: Uint8Array) {}
  size(): number { return this.bytes.length; }
  read_into(off: number, dst: Uint8Array): void {
    dst.fill(0);
    if (off < this.bytes.length) dst.set(this.bytes.subarray(off, Math.min(this.bytes.length, off + dst.length)));
  }
}

/**
 * VmFile — the part of a vnode segvn needs: the file's contents (v_src) and its page cache
 * (`v_pages`, by page-aligned byte offset; vnode_t's v_pages list). `v_count` counts the segments
 * mapping it (`v_segs`, so that truncation can unload their translations); when it drops to zero
 * the cached pages are freed. A page wholly past the end of the file cannot be faulted in: the
 * access gets SIGBUS (FC_OBJERR), as in Solaris.
 */
export class VmFile {
  readonly v_src: VmSource;
  readonly v_pages = new Map<number, Page>();
  readonly v_segs = new Set<Seg>();
  v_count = 0;
  constructor(src: Uint8Array | VmSource) { this.v_src = src instanceof Uint8Array ? new BytesSource(src) : src; }
  /** The bytes of a buffer-backed file (exec parses the ELF from them); panics for a live file. */
  get v_bytes(): Uint8Array {
    VERIFY(this.v_src instanceof BytesSource, 'VmFile.v_bytes: not a buffer-backed file');
    return (this.v_src as BytesSource).bytes;
  }
}

/** The VmFiles of each machine's page pool: cached pages belong to one machine's memory. */
const vmfiles = new WeakMap<PagePool, WeakMap<object, VmFile>>();

/**
 * vmfile_lookup — the VmFile for a byte buffer or a live file on page pool `pl`: the same object
 * always gives the same VmFile there, so two mappings (two execs of one program, or parent and
 * child) share the file's cached pages; another machine (another pool) gets its own. A live
 * file's changes reach the cached pages (vmfile_changed).
 */
export function vmfile_lookup(pl: PagePool, src: Uint8Array | VmSource): VmFile {
  let m = vmfiles.get(pl);
  if (m === undefined) { m = new WeakMap(); vmfiles.set(pl, m); }
  let vp = m.get(src);
  if (vp === undefined) {
    const v = new VmFile(src);
    m.set(src, v);
    if (!(src instanceof Uint8Array) && src.on_change) src.on_change((off, len) => vmfile_changed(pl, v, off, len));
    vp = v;
  }
  return vp;
}

/**
 * vmfile_changed — the file changed at [off, off + len): cached pages there are read again, and
 * pages wholly past the new end of file are unloaded from every segment that maps the file and
 * freed, so the next access faults and gets SIGBUS (a MAP_SHARED mapping sees O_TRUNC).
 */
export function vmfile_changed(pl: PagePool, vp: VmFile, off: number, len: number): void {
  if (vp.v_pages.size === 0) return;
  const size = vp.v_src.size();
  const eof = Math.ceil(size / PAGESIZE) * PAGESIZE;
  for (const [poff, pp] of [...vp.v_pages]) {
    if (poff >= eof) {
      for (const seg of vp.v_segs) {
        const svd = svdof(seg);
        const va = seg.s_base + (poff - svd.offset);
        if (poff >= svd.offset && va < seg.s_base + seg.s_size) hat_unload(seg.s_as.a_hat, va, PAGESIZE);
      }
      vp.v_pages.delete(poff);
      page_free(pl, pp);
      continue;
    }
    if (poff + PAGESIZE <= off || poff >= off + len) continue;
    // Only the changed bytes: the rest of the page may hold stores through a shared mapping.
    const lo = Math.max(off, poff), hi = Math.min(off + len, poff + PAGESIZE);
    const pa = pp.p_pagenum * PAGESIZE + (lo - poff);
    pl.p_mem.written(pa, hi - lo);
    vp.v_src.read_into(lo, pl.p_mem.bytes.subarray(pa, pa + (hi - lo)));
  }
}

/** VN_HOLD — take a mapping reference on a file for segment `seg`. */
export function VN_HOLD(vp: VmFile, seg?: Seg): void {
  if (vp.v_count++ === 0) vp.v_src.hold?.();
  if (seg) vp.v_segs.add(seg);
}

/** VN_RELE — drop segment `seg`'s mapping reference; the last one frees the file's cached pages. */
export function VN_RELE(pl: PagePool, vp: VmFile, seg?: Seg): void {
  ASSERT(vp.v_count > 0, 'VN_RELE: count already zero');
  if (seg) vp.v_segs.delete(seg);
  if (--vp.v_count > 0) return;
  // The last mapping is gone: what shared writable mappings stored goes back to the file.
  const wb = vp.v_src.write_back?.bind(vp.v_src);
  const size = vp.v_src.size();
  for (const [poff, pp] of vp.v_pages) {
    if (wb !== undefined && poff < size) {
      const pa = pp.p_pagenum * PAGESIZE;
      wb(poff, pl.p_mem.bytes.subarray(pa, pa + Math.min(PAGESIZE, size - poff)));
    }
    page_free(pl, pp);
  }
  vp.v_pages.clear();
  vp.v_src.rele?.();
}

/**
 * vmfile_getpage — the cached page at page-aligned byte offset `off` of the file, reading it in
 * (bytes past the end of file are zero) on a miss (VOP_GETPAGE). Null when no page is available.
 */
export function vmfile_getpage(pl: PagePool, vp: VmFile, off: number): Page | null {
  const hit = vp.v_pages.get(off);
  if (hit !== undefined) return hit;
  const pp = page_create(pl, false);
  if (pp === null) return null;
  const pa = pp.p_pagenum * PAGESIZE;
  pl.p_mem.written(pa, PAGESIZE);
  vp.v_src.read_into(off, pl.p_mem.bytes.subarray(pa, pa + PAGESIZE));
  pp.p_vnode = vp;
  pp.p_offset = off;
  vp.v_pages.set(off, pp);
  return pp;
}

/**
 * SegvnCrargs — struct segvn_crargs: what to map. `type` is MAP_PRIVATE or MAP_SHARED (other
 * bits ignored); `vp` null means anonymous memory; `offset` is the file offset of the segment's
 * first byte (page aligned), or for a shared `amp` the byte offset into that anon map. `amp` lets
 * SysV shm map an existing anon map shared. `flags` may hold MAP_NORESERVE.
 */
export interface SegvnCrargs {
  type: number;
  prot: number;
  maxprot: number;
  vp: VmFile | null;
  offset: number;
  amp?: AnonMap | null;
  flags?: number;
}

/** SEGVN_ZFOD_ARGS — demand-zero private anonymous memory (heap, stack, bss). */
export function SEGVN_ZFOD_ARGS(prot: number, maxprot: number): SegvnCrargs {
  return { type: MAP_PRIVATE, prot, maxprot, vp: null, offset: 0 };
}

/**
 * SegvnData — struct segvn_data. `amp` + `anon_index` locate the segment's anon slots (page
 * index of its first page in the map); `swresv` is the swap reserved in bytes (0 or s_size).
 */
export class SegvnData {
  type: number;
  prot: number;
  maxprot: number;
  vp: VmFile | null;
  offset: number;
  amp: AnonMap | null = null;
  anon_index = 0;
  swresv = 0;
  flags: number;
  constructor(a: SegvnCrargs) {
    this.type = a.type & MAP_TYPE;
    this.prot = a.prot;
    this.maxprot = a.maxprot;
    this.vp = a.vp;
    this.offset = a.offset;
    this.flags = a.flags ?? 0;
  }
}

function svdof(seg: Seg): SegvnData { return seg.s_data as SegvnData; }
function poolof(seg: Seg): PagePool { return seg.s_as.a_vm.pages; }

/** Whether a private anonymous segment of these protections needs swap reserved. */
function needs_resv(type: number, prot: number, vp: VmFile | null, amp: AnonMap | null, flags: number): boolean {
  if (flags & MAP_NORESERVE) return false;
  if (type === MAP_PRIVATE) return (prot & PROT_WRITE) !== 0;
  return vp === null && amp === null;
}

/** Can `nb` (anonymous private, same protections) be absorbed by its neighbour `s`? */
function concat_ok(s: Seg | null, a: SegvnCrargs): SegvnData | null {
  if (s === null || s.s_ops !== segvn_ops) return null;
  const d = svdof(s);
  if (d.type !== MAP_PRIVATE || d.vp !== null || d.prot !== a.prot || d.maxprot !== a.maxprot) return null;
  if (d.flags !== (a.flags ?? 0)) return null;
  if (d.amp !== null && (d.amp.refcnt !== 1 || d.anon_index + btop(s.s_size) !== d.amp.ahp.length)) return null;
  return d;
}

/**
 * segvn_create — set up `seg` (just attached by as_map) from `a`; returns errno (the caller frees
 * the segment on failure). A private anonymous request adjacent to a compatible segment is
 * absorbed into it instead (segvn_extend_prev/next): `seg` is freed and 0 returned.
 * ENOMEM when swap cannot be reserved, EINVAL for a bad type.
 */
export function segvn_create(seg: Seg, a: SegvnCrargs): number {
  const type = a.type & MAP_TYPE;
  if (type !== MAP_PRIVATE && type !== MAP_SHARED) return EINVAL;
  const amp = a.amp ?? null;
  if (amp !== null && (type !== MAP_SHARED || a.vp !== null)) return EINVAL;
  const pl = poolof(seg);
  const as = seg.s_as;
  const npages = btop(seg.s_size);
  const resv = needs_resv(type, a.prot, a.vp, amp, a.flags ?? 0);

  if (type === MAP_PRIVATE && a.vp === null && amp === null) {
    const base = seg.s_base, size = seg.s_size;
    const prev = concat_ok(as_segat(as, base - 1), a);
    const next = prev === null ? concat_ok(as_segat(as, base + size), a) : null;
    const d = prev ?? next;
    if (d !== null && (!resv || d.swresv > 0)) {
      if (resv && !anon_resv(pl, npages)) return ENOMEM;
      const nb = prev !== null ? as_segat(as, base - 1)! : as_segat(as, base + size)!;
      seg_free(seg);
      nb.s_size += size;
      as.a_size += size;
      if (resv) d.swresv += size;
      if (prev !== null) {
        if (d.amp !== null) { for (let i = 0; i < npages; i++) d.amp.ahp.push(null); d.amp.size += size; }
      } else {
        nb.s_base = base;
        if (d.amp !== null) {
          if (d.anon_index >= npages) d.anon_index -= npages;
          else { d.amp.ahp = new Array<null>(npages).fill(null).concat(d.amp.ahp as null[]); d.amp.size += size; }
        }
      }
      return 0;
    }
  }

  if (resv && !anon_resv(pl, npages)) return ENOMEM;
  const svd = new SegvnData(a);
  svd.type = type;
  if (resv) svd.swresv = seg.s_size;
  if (svd.vp !== null) VN_HOLD(svd.vp, seg);
  if (amp !== null) {
    amp.refcnt++;
    svd.amp = amp;
    svd.anon_index = btop(a.offset);
    VERIFY(svd.anon_index + npages <= amp.ahp.length, 'segvn_create: mapping beyond the anon map');
  } else if (type === MAP_SHARED && a.vp === null) {
    // Shared anonymous memory gets its map now, so that a fork shares it.
    svd.amp = anonmap_alloc(seg.s_size);
  }
  seg.s_ops = segvn_ops;
  seg.s_data = svd;
  return 0;
}

/**
 * segvn_dup — fork's copy of a segment into `newseg` (attached to the child's as, no
 * translations). Private: the child gets its own anon map sharing every slot (anon_dup) and the
 * parent's translations lose write permission (hat_clrattr) so the next write on either side
 * faults and copies. Shared: both segments use the same anon map. ENOMEM when the child's swap
 * reservation fails (newseg is then left without ops for the caller to free).
 */
export function segvn_dup(seg: Seg, newseg: Seg): number {
  const svd = svdof(seg);
  const pl = poolof(seg);
  if (svd.swresv > 0 && !anon_resv(pl, btop(svd.swresv))) return ENOMEM;
  const nsvd = new SegvnData({ type: svd.type, prot: svd.prot, maxprot: svd.maxprot, vp: svd.vp,
    offset: svd.offset, flags: svd.flags });
  nsvd.swresv = svd.swresv;
  if (nsvd.vp !== null) VN_HOLD(nsvd.vp, newseg);
  const amp = svd.amp;
  if (amp !== null) {
    if (svd.type === MAP_SHARED) {
      amp.refcnt++;
      nsvd.amp = amp;
      nsvd.anon_index = svd.anon_index;
    } else {
      const npages = btop(seg.s_size);
      nsvd.amp = anonmap_alloc(seg.s_size);
      anon_dup(amp, svd.anon_index, nsvd.amp, 0, npages);
      hat_clrattr(seg.s_as.a_hat, seg.s_base, seg.s_size, PROT_WRITE);
    }
  }
  newseg.s_ops = segvn_ops;
  newseg.s_data = nsvd;
  return 0;
}

/**
 * segvn_split — cut `seg` at page-aligned `at` (strictly inside it) into [s_base, at) and a new
 * segment [at, end) which is returned. Anon slots of the upper part move to a new map (private)
 * or stay in the shared map at a later index (shared); the file reference and swap reservation
 * are split. Translations are untouched.
 */
export function segvn_split(seg: Seg, at: number): Seg {
  const as = seg.s_as;
  const svd = svdof(seg);
  VERIFY(at > seg.s_base && at < seg.s_base + seg.s_size && at % PAGESIZE === 0, 'segvn_split: bad address');
  const oldsize = seg.s_size;
  const n1 = btop(at - seg.s_base);
  const size2 = oldsize - (at - seg.s_base);
  seg.s_size = at - seg.s_base;
  as.a_size -= size2;
  const nseg = seg_alloc(as, at, size2);
  VERIFY(nseg !== null, 'segvn_split: cannot attach the upper half');
  const nsvd = new SegvnData({ type: svd.type, prot: svd.prot, maxprot: svd.maxprot, vp: svd.vp,
    offset: svd.offset + (at - seg.s_base), flags: svd.flags });
  if (nsvd.vp !== null) VN_HOLD(nsvd.vp, nseg);
  if (svd.swresv > 0) { svd.swresv = seg.s_size; nsvd.swresv = size2; }
  const amp = svd.amp;
  if (amp !== null) {
    if (svd.type === MAP_SHARED) {
      amp.refcnt++;
      nsvd.amp = amp;
      nsvd.anon_index = svd.anon_index + n1;
    } else {
      const namp = anonmap_alloc(size2);
      const from = svd.anon_index + n1;
      for (let i = 0; i < btop(size2); i++) {
        namp.ahp[i] = amp.ahp[from + i] ?? null;
        amp.ahp[from + i] = null;
      }
      amp.ahp.length = from;
      amp.size = from * PAGESIZE;
      nsvd.amp = namp;
    }
  }
  nseg.s_ops = segvn_ops;
  nseg.s_data = nsvd;
  return nseg;
}

/** Isolate [addr, addr+len) of seg as a segment of its own (splitting as needed) and return it. */
function segvn_isolate(seg: Seg, addr: number, len: number): Seg {
  let t = seg;
  if (addr > t.s_base) t = segvn_split(t, addr);
  if (addr + len < t.s_base + t.s_size) segvn_split(t, addr + len);
  return t;
}

/**
 * segvn_unmap — remove [addr, addr+len) (page aligned, inside seg): unload its translations,
 * split off the range and free it. EINVAL if the range is not inside the segment.
 */
export function segvn_unmap(seg: Seg, addr: number, len: number): number {
  if (addr < seg.s_base || addr + len > seg.s_base + seg.s_size || len <= 0) return EINVAL;
  hat_unload(seg.s_as.a_hat, addr, len);
  seg_free(segvn_isolate(seg, addr, len));
  return 0;
}

/**
 * segvn_free — release a detached segment's data: its anon slots (private map, or the shared map
 * when this was its last user), its file reference and its swap reservation.
 */
export function segvn_free(seg: Seg): void {
  const svd = svdof(seg);
  const pl = poolof(seg);
  const amp = svd.amp;
  if (amp !== null) {
    if (svd.type === MAP_SHARED) {
      if (--amp.refcnt === 0) anon_free(pl, amp, 0, amp.ahp.length);
    } else {
      anon_free(pl, amp, svd.anon_index, btop(seg.s_size));
      amp.refcnt--;
    }
    svd.amp = null;
  }
  if (svd.vp !== null) { VN_RELE(pl, svd.vp, seg); svd.vp = null; }
  if (svd.swresv > 0) { anon_unresv(pl, btop(svd.swresv)); svd.swresv = 0; }
}

/** Load the translation for the faulting page; memload's ENOMEM becomes a fault code. */
function segvn_load(seg: Seg, va: number, pp: Page, prot: number): number {
  const e = hat_memload(seg.s_as.a_hat, va, pp.p_pagenum, prot);
  return e === 0 ? 0 : FC_MAKE_ERR(e);
}

/**
 * segvn_fault — resolve a fault on the page containing addr (segvn_faultpage). Returns FC_PROT if
 * the segment's protections forbid `rw`. A write to a private page whose anon slot is shared
 * (refcnt > 1) copies it (anon_private, anon_decref of the old slot); with refcnt 1 it just maps
 * the page writable again. A private file page is mapped read-only until written, when a private
 * copy is made. Anonymous pages are zero-filled on first touch. ENOMEM → FC_MAKE_ERR(ENOMEM).
 */
export function segvn_fault(seg: Seg, addr: number, type: number, rw: number): number {
  if (type === F_SOFTLOCK || type === F_SOFTUNLOCK) return FC_NOSUPPORT;
  const svd = svdof(seg);
  const pl = poolof(seg);
  const va = addr - (addr % PAGESIZE);
  const idx = (va - seg.s_base) / PAGESIZE;
  const write = rw === S_WRITE || rw === S_CREATE;
  const need = write ? PROT_WRITE : rw === S_EXEC ? PROT_EXEC : PROT_READ;
  const prot = svd.prot;
  if ((prot & need) === 0) return FC_PROT;
  const priv = svd.type === MAP_PRIVATE;
  const brkcow = write && priv;

  if (svd.amp !== null) {
    const ai = svd.anon_index + idx;
    const ap = anon_get_ptr(svd.amp, ai);
    if (ap !== null) {
      if (brkcow && ap.an_refcnt > 1) {
        const nap = anon_private(pl, ap);
        if (nap === null) return FC_MAKE_ERR(ENOMEM);
        anon_decref(pl, ap);
        anon_set_ptr(svd.amp, ai, nap);
        return segvn_load(seg, va, nap.an_page, prot);
      }
      const vpprot = priv && ap.an_refcnt > 1 ? prot & ~PROT_WRITE : prot;
      return segvn_load(seg, va, ap.an_page, vpprot);
    }
  }

  if (svd.vp !== null) {
    // A page wholly past the end of the file: SIGBUS (FC_OBJERR), not a page of zeros.
    const foff = svd.offset + idx * PAGESIZE;
    if (foff >= svd.vp.v_src.size()) return FC_MAKE_ERR(EFAULT);
    const fpp = vmfile_getpage(pl, svd.vp, foff);
    if (fpp === null) return FC_MAKE_ERR(ENOMEM);
    if (!priv) return segvn_load(seg, va, fpp, prot);
    if (!brkcow) return segvn_load(seg, va, fpp, prot & ~PROT_WRITE);
    if (svd.amp === null) { svd.amp = anonmap_alloc(seg.s_size); svd.anon_index = 0; }
    const nap = anon_private(pl, fpp);
    if (nap === null) return FC_MAKE_ERR(ENOMEM);
    anon_set_ptr(svd.amp, svd.anon_index + idx, nap);
    return segvn_load(seg, va, nap.an_page, prot);
  }

  if (svd.amp === null) { svd.amp = anonmap_alloc(seg.s_size); svd.anon_index = 0; }
  const nap = anon_zero(pl);
  if (nap === null) return FC_MAKE_ERR(ENOMEM);
  anon_set_ptr(svd.amp, svd.anon_index + idx, nap);
  return segvn_load(seg, va, nap.an_page, prot);
}

/**
 * segvn_setprot — set the protections of [addr, addr+len) (page aligned, inside seg), splitting
 * the segment when the range is partial. EACCES beyond maxprot. Granting write unloads the range
 * (faults then re-establish COW-correct permissions); otherwise the translations are changed.
 */
export function segvn_setprot(seg: Seg, addr: number, len: number, prot: number): number {
  const svd = svdof(seg);
  if ((prot & ~svd.maxprot & 7) !== 0) return EACCES;
  if (svd.prot === prot) return 0;
  const t = segvn_isolate(seg, addr, len);
  svdof(t).prot = prot;
  if (prot & PROT_WRITE) hat_unload(t.s_as.a_hat, t.s_base, t.s_size);
  else hat_chgprot(t.s_as.a_hat, t.s_base, t.s_size, prot);
  return 0;
}

/** segvn_checkprot — 0 when the segment allows every bit of `prot`, else EACCES. */
export function segvn_checkprot(seg: Seg, _addr: number, _len: number, prot: number): number {
  return (svdof(seg).prot & prot) === prot ? 0 : EACCES;
}

/** segvn_getprot — the segment's protections (uniform: partial changes split the segment). */
export function segvn_getprot(seg: Seg, _addr: number): number {
  return svdof(seg).prot;
}

/** segvn_ops — the seg_ops vector of segvn. */
export const segvn_ops: SegOps = {
  dup: segvn_dup,
  unmap: segvn_unmap,
  free: segvn_free,
  fault: segvn_fault,
  setprot: segvn_setprot,
  checkprot: segvn_checkprot,
  getprot: segvn_getprot,
};
