/*
 * kernel/common/vm/vm_page.ts — physical page frames (page_t) over the machine's memory.
 * Mirrors uts/common/vm/vm_page.c in miniature: a free list, page_create/page_free, freemem and
 * page_mem_avail, ppcopy/pagezero, plus a boot-time carve area at the bottom of memory for kernel
 * tables (the SRMMU context table). Leaves out vnode hashing, page locks, large pages, coloring,
 * pageout and the kernel heap; a fault-injection hook can make any one allocation fail, and a
 * scope names the kernel operation in progress so that the hook can target one (as_dup).
 */

import { ASSERT, VERIFY, panic } from '../sys/debug.ts';

/** Base page size: 4 KiB on every ISA forkvm models. */
export const PAGESIZE = 4096;
export const PAGESHIFT = 12;
export const PAGEOFFSET = PAGESIZE - 1;

/** btop — bytes to pages, truncating. */
export function btop(b: number): number { return Math.floor(b / PAGESIZE); }
/** btopr — bytes to pages, rounding up. */
export function btopr(b: number): number { return Math.ceil(b / PAGESIZE); }
/** ptob — pages to bytes. */
export function ptob(p: number): number { return p * PAGESIZE; }
/** page_trunc — round an address (unsigned 32-bit value) down to its page base. */
export function page_trunc(a: number): number { return a - (a % PAGESIZE); }
/** page_roundup — round an address up to a page boundary (may reach 2^32). */
export function page_roundup(a: number): number { return Math.ceil(a / PAGESIZE) * PAGESIZE; }

/**
 * PhysMemory — what the VM layer needs of physical memory. hw/mem/phys_mem.ts's PhysMem satisfies
 * it structurally; kernel/common does not import hw/mem (test/layout.test.ts), so the boot code
 * hands the object in. read32/write32 use the machine's byte order.
 */
export interface PhysMemory {
  readonly size: number;
  readonly bytes: Uint8Array;
  read32(pa: number): number;
  write32(pa: number, v: number): void;
  zero(pa: number, len: number): void;
  copy(dst: number, src: number, len: number): void;
  write8(pa: number, v: number): void;
  /** Copy bytes in at pa. */
  write_bytes(pa: number, src: Uint8Array): void;
  /** Report a raw write to [pa, pa+len) through `bytes` (drops compiled code made from it). */
  written(pa: number, len: number): void;
}

/**
 * Page — page_t: one physical 4 KiB frame. `p_pagenum` is the frame number (pa >> 12). A page is
 * either on the free list (`p_free`) or owned by exactly one user: an anon slot, a VmFile page
 * cache (p_vnode/p_offset set), or a HAT's page-table page. Owners free it with page_free.
 */
export class Page {
  readonly p_pagenum: number;
  p_free = true;
  /** The file object whose page cache holds this page (null otherwise) and the byte offset. */
  p_vnode: object | null = null;
  p_offset = 0;
  constructor(pfn: number) { this.p_pagenum = pfn; }
}

/**
 * FaultInject — called at named allocation sites ('page_create', 'anon_resv') with the pool's
 * current scope (p_scope: the kernel operation in progress, e.g. 'as_dup', or null); true = fail it.
 */
export type FaultInject = (site: string, scope: string | null) => boolean;

/**
 * AnonStats — anon accounting of one pool (vm_anon.ts keeps it): `ani_inuse` anon slots alive,
 * `cow_copies` pages copied to break a shared slot (COW after fork), `file_copies` private copies
 * of file pages.
 */
export interface AnonStats { ani_inuse: number; cow_copies: number; file_copies: number }

/**
 * PagePool — the physical page allocator of one machine (Solaris keeps this state in globals:
 * freemem, total_pages, the page free lists). Frames below `p_kend` are the kernel carve area
 * and never appear on the free list.
 */
export class PagePool {
  readonly p_mem: PhysMemory;
  /** Every frame, indexed by frame number (carve-area frames included, never free). */
  readonly p_pages: Page[] = [];
  /** Frames available to page_create (memory size minus the carve area). */
  readonly p_total: number;
  /** Free frames (Solaris freemem). */
  freemem = 0;
  /** Pages zero-filled by page_create since boot (the cycle model charges for them). */
  p_zeroed = 0;
  /** Kernel carve area [0, p_kend) and the bump pointer inside it. */
  readonly p_kend: number;
  p_kcarve = 0;
  /** Pages the anon layer has reserved (anon_resv), against p_total - p_minfree. */
  p_anon_resv = 0;
  /** Reserve that anon_resv never hands out (room for page tables and file pages). */
  p_minfree: number;
  /** Fault injection point (null = never fail); see FaultInject. */
  p_inject: FaultInject | null = null;
  /** The kernel operation now allocating from this pool, for p_inject (set by as_dup; else null). */
  p_scope: string | null = null;
  /** This pool's anon slot counters (the leak check and the benchmark read them). */
  readonly p_anonstats: AnonStats = { ani_inuse: 0, cow_copies: 0, file_copies: 0 };
  /** LIFO free list of frame numbers: deterministic, lowest frames handed out first at boot. */
  private p_freelist: number[] = [];

  constructor(mem: PhysMemory, kreserve: number) {
    VERIFY(mem.size % PAGESIZE === 0, 'page_init: memory is not a whole number of pages');
    const kend = page_roundup(kreserve);
    VERIFY(kend < mem.size, 'page_init: kernel reserve larger than memory');
    this.p_mem = mem;
    this.p_kend = kend;
    const npages = mem.size / PAGESIZE;
    for (let pfn = 0; pfn < npages; pfn++) {
      const pp = new Page(pfn);
      if (pfn * PAGESIZE < kend) pp.p_free = false;
      this.p_pages.push(pp);
    }
    for (let pfn = npages - 1; pfn * PAGESIZE >= kend; pfn--) this.p_freelist.push(pfn);
    this.p_total = this.p_freelist.length;
    this.freemem = this.p_total;
    this.p_minfree = Math.min(Math.floor(this.p_total / 64), 64);
  }

  /** Frames currently handed out (p_total - freemem). */
  get allocated(): number { return this.p_total - this.freemem; }

  /** Internal to vm_page.ts: pop a free frame number or -1. */
  _take(): number { return this.p_freelist.length ? this.p_freelist.pop()! : -1; }
  /** Internal to vm_page.ts: push a frame number back on the free list. */
  _give(pfn: number): void { this.p_freelist.push(pfn); }
}

/**
 * page_init — set up the page allocator over `mem`, keeping the first `kreserve` bytes (rounded up
 * to a page) as the kernel carve area. Returns the pool; all other frames are free.
 */
export function page_init(mem: PhysMemory, kreserve: number): PagePool {
  return new PagePool(mem, kreserve);
}

/** page_inject — true when the fault injector wants the allocation at `site` to fail. */
export function page_inject(pl: PagePool, site: string): boolean {
  return pl.p_inject !== null && pl.p_inject(site, pl.p_scope);
}

/**
 * page_create — take one free frame (page_create_va with PG_EXCL, no vnode). With `zero` the
 * frame is cleared, otherwise its contents are stale and the caller must overwrite all of it.
 * Returns null when memory is exhausted or the fault injector fails the 'page_create' site.
 */
export function page_create(pl: PagePool, zero: boolean): Page | null {
  if (page_inject(pl, 'page_create')) return null;
  const pfn = pl._take();
  if (pfn < 0) return null;
  const pp = pl.p_pages[pfn];
  ASSERT(pp.p_free, 'page_create: frame on the free list is not free');
  pp.p_free = false;
  pp.p_vnode = null;
  pp.p_offset = 0;
  pl.freemem--;
  if (zero) { pl.p_mem.zero(pfn * PAGESIZE, PAGESIZE); pl.p_zeroed++; }
  return pp;
}

/** page_free — return a frame to the free list. Freeing a free or carve-area frame panics. */
export function page_free(pl: PagePool, pp: Page): void {
  if (pp.p_free) panic('page_free', 'page %d is already free', pp.p_pagenum);
  if (pp.p_pagenum * PAGESIZE < pl.p_kend) panic('page_free', 'page %d is in the kernel carve area', pp.p_pagenum);
  pp.p_free = true;
  pp.p_vnode = null;
  pl._give(pp.p_pagenum);
  pl.freemem++;
}

/** page_mem_avail — true when `npages` frames could be allocated right now. */
export function page_mem_avail(pl: PagePool, npages: number): boolean {
  return pl.freemem >= npages;
}

/** page_numtopp — the Page of frame `pfn` (undefined outside memory). */
export function page_numtopp(pl: PagePool, pfn: number): Page | undefined {
  return pl.p_pages[pfn];
}

/** pagezero — clear `len` bytes of a page from byte offset `off`. */
export function pagezero(pl: PagePool, pp: Page, off = 0, len = PAGESIZE): void {
  pl.p_mem.zero(pp.p_pagenum * PAGESIZE + off, len);
}

/** ppcopy — copy the whole contents of frame `from` to frame `to`. */
export function ppcopy(pl: PagePool, from: Page, to: Page): void {
  pl.p_mem.copy(to.p_pagenum * PAGESIZE, from.p_pagenum * PAGESIZE, PAGESIZE);
}

/**
 * page_kcarve — boot-time allocation of `bytes` of zeroed physical memory aligned to `align` (a
 * power of two) from the kernel carve area; never freed. Returns the physical address, or -1 when
 * the carve area is exhausted.
 */
export function page_kcarve(pl: PagePool, bytes: number, align: number): number {
  ASSERT(align > 0 && (align & (align - 1)) === 0, 'page_kcarve: alignment not a power of two');
  const pa = Math.ceil(pl.p_kcarve / align) * align;
  if (pa + bytes > pl.p_kend) return -1;
  pl.p_kcarve = pa + bytes;
  pl.p_mem.zero(pa, bytes);
  return pa;
}

/** PageCounts — the accounting a leak check compares before and after. */
export interface PageCounts { total: number; free: number; allocated: number }

/** page_counts — snapshot of the pool's accounting (total usable, free, handed out). */
export function page_counts(pl: PagePool): PageCounts {
  return { total: pl.p_total, free: pl.freemem, allocated: pl.allocated };
}
