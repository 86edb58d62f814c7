/*
 * kernel/sparc/hat_srmmu.ts — the HAT for the SPARC Reference MMU: real context table and
 * 3-level page tables (L1 256 entries, L2/L3 64 entries) built in simulated physical memory in the
 * hardware's format, with a context number per address space. Plays the part of sun4m's
 * uts/srmmu/vm/hat_srmmu.c. Leaves out large (L1/L2) PTEs, kernel mappings (the kernel is hosted:
 * user contexts map only user pages) and per-page mapping lists; contexts are stolen when exhausted.
 */

import { ENOMEM } from '../common/sys/errno.ts';
import { ASSERT, VERIFY, panic } from '../common/sys/debug.ts';
import type { Hat, HatAttr, HatSys, TlbOps } from '../common/vm/hat.ts';
import { type Page, type PagePool, PAGESIZE, page_create, page_free, page_kcarve } from '../common/vm/vm_page.ts';

/**
 * SrmmuTlbOps — how the HAT reaches the MMUs (the common TlbOps; the SPARC glue connects it to
 * hw/sparc/srmmu.ts): demap_page/demap_context drop that context's cached translations on every
 * CPU, set_context loads the context register of one CPU.
 */
export type SrmmuTlbOps = TlbOps;

/** Default number of hardware contexts (context 0 is the kernel's and never given to a user hat). */
export const SRMMU_NCTX = 256;

/** Entry types and PTE bits (V8 manual appendix H). */
export const SRMMU_ET_INVALID = 0, SRMMU_ET_PTD = 1, SRMMU_ET_PTE = 2;
export const SRMMU_PTE_C = 0x80, SRMMU_PTE_M = 0x40, SRMMU_PTE_R = 0x20;

// User permissions by ACC as a PROT mask (R 1, W 2, X 4): ACC 5 is user R (supervisor RW), 6 and
// 7 are supervisor-only.
const ACC_UPROT: readonly number[] = [1, 3, 5, 7, 4, 1, 0, 0];

/**
 * srmmu_acc — the ACC code for a user mapping with PROT_* mask `prot`, or -1 for no access.
 * Read-only is ACC 0 (read-only for the supervisor too, so the kernel's own copyout onto a COW
 * page faults); write-only has no SRMMU encoding and becomes read-write.
 */
export function srmmu_acc(prot: number): number {
  switch (prot & 7) {
    case 1: return 0;            // R
    case 2: case 3: return 1;    // W, RW
    case 5: return 2;            // RX
    case 6: case 7: return 3;    // WX, RWX
    case 4: return 4;            // X
    default: return -1;
  }
}

/** srmmu_prot — the user PROT_* mask an ACC code grants. */
export function srmmu_prot(acc: number): number {
  return ACC_UPROT[acc & 7];
}

/** srmmu_mkpte — a 4 KiB user PTE for frame `pfn` (cacheable) with ACC `acc`. */
export function srmmu_mkpte(pfn: number, acc: number): number {
  return (pfn * 256 + SRMMU_PTE_C + (acc << 2) + SRMMU_ET_PTE) >>> 0;
}

/** srmmu_mkptd — a page table descriptor pointing at the table at physical address `pa`. */
export function srmmu_mkptd(pa: number): number {
  return ((pa >>> 4) | SRMMU_ET_PTD) >>> 0;
}

/** One page carved into sixteen 256-byte table chunks (`used` is a bitmask of chunks). */
interface PtPage { pp: Page; pa: number; used: number }

const CHUNK = 256;

/**
 * SrmmuHatSys — the SRMMU HAT provider of one machine: the context table (carved from the
 * kernel reserve, aligned to its size), context allocation, and the page-table page count.
 * The glue loads `ctp` into every CPU's context table pointer register and enables the MMUs.
 */
export class SrmmuHatSys implements HatSys {
  readonly sh_pool: PagePool;
  readonly sh_tlb: SrmmuTlbOps;
  readonly sh_nctx: number;
  /** Physical address of the context table. */
  readonly sh_ctxtbl: number;
  /** Page-table pages owned by all hats of this machine. */
  sh_ptpages = 0;
  /** Owner of each context (index 0, the kernel's, stays null). */
  readonly sh_ctxowner: (SrmmuHat | null)[];
  /** The hat each CPU's MMU currently translates with. */
  readonly sh_oncpu = new Map<number, SrmmuHat>();
  private sh_hand = 1;

  constructor(pool: PagePool, tlb: SrmmuTlbOps, nctx = SRMMU_NCTX) {
    VERIFY(nctx >= 2 && (nctx & (nctx - 1)) === 0, 'hat_srmmu: context count must be a power of two >= 2');
    this.sh_pool = pool;
    this.sh_tlb = tlb;
    this.sh_nctx = nctx;
    const bytes = nctx * 4;
    const pa = page_kcarve(pool, bytes, Math.max(bytes, 64));
    if (pa < 0) panic('hat_srmmu', 'no room for a %d-entry context table in the kernel reserve', nctx);
    this.sh_ctxtbl = pa;
    this.sh_ctxowner = new Array<SrmmuHat | null>(nctx).fill(null);
  }

  /** The context table pointer register value: context table PA >> 4. */
  get ctp(): number { return this.sh_ctxtbl >>> 4; }

  /** hat_alloc — a new empty hat: no tables and no context until first used. */
  hat_alloc(): SrmmuHat { return new SrmmuHat(this); }

  /** Write context `ctx`'s table entry: a PTD to `l1` (or invalid for l1 < 0). */
  _set_ctxent(ctx: number, l1: number): void {
    this.sh_pool.p_mem.write32(this.sh_ctxtbl + ctx * 4, l1 < 0 ? 0 : srmmu_mkptd(l1));
  }

  /**
   * Give `hat` a context: a free one, else one stolen (round robin) from a hat that no CPU is
   * using; the victim's entry is invalidated and its TLB entries demapped.
   */
  _ctx_alloc(hat: SrmmuHat): number {
    const n = this.sh_nctx;
    let ctx = -1;
    for (let i = 1; i < n; i++) if (this.sh_ctxowner[i] === null) { ctx = i; break; }
    if (ctx < 0) {
      const busy = new Set(this.sh_oncpu.values());
      for (let k = 0; k < n - 1 && ctx < 0; k++) {
        const c = this.sh_hand;
        this.sh_hand = this.sh_hand + 1 >= n ? 1 : this.sh_hand + 1;
        const victim = this.sh_ctxowner[c];
        if (victim !== null && !busy.has(victim)) {
          victim.h_ctx = -1;
          this._set_ctxent(c, -1);
          this.sh_tlb.demap_context(c);
          ctx = c;
        }
      }
      if (ctx < 0) panic('hat_srmmu', 'no context to steal: all %d are loaded on CPUs', n - 1);
    }
    this.sh_ctxowner[ctx] = hat;
    hat.h_ctx = ctx;
    this._set_ctxent(ctx, hat.h_l1);
    return ctx;
  }

  /** Release `hat`'s context: entry invalidated, TLB entries demapped, CPUs forget the hat. */
  _ctx_free(hat: SrmmuHat): void {
    for (const [cpu, h] of this.sh_oncpu) if (h === hat) this.sh_oncpu.delete(cpu);
    const ctx = hat.h_ctx;
    if (ctx < 0) return;
    this._set_ctxent(ctx, -1);
    this.sh_tlb.demap_context(ctx);
    this.sh_ctxowner[ctx] = null;
    hat.h_ctx = -1;
  }
}

/**
 * SrmmuHat — the SRMMU hat of one address space. `h_l1` is the physical address of its L1 table
 * (-1 until the first memload), `h_ctx` its context (-1 while it has none). Tables are 256-byte
 * chunks of pages the hat owns; an L3 or L2 table is freed when its last entry goes.
 */
export class SrmmuHat implements Hat {
  readonly h_sys: SrmmuHatSys;
  h_l1 = -1;
  h_ctx = -1;
  private h_freeing = false;
  private h_pt: PtPage[] = [];
  /** Valid entries per table, by table physical address. */
  private h_cnt = new Map<number, number>();

  constructor(sys: SrmmuHatSys) { this.h_sys = sys; }

  get h_ptpages(): number { return this.h_pt.length; }

  private get mem() { return this.h_sys.sh_pool.p_mem; }

  /** Allocate a zeroed table of n chunks (1 for L2/L3, 4 aligned for L1); -1 if out of memory. */
  private pt_alloc(n: number): number {
    const mask = n === 4 ? 0xf : 1;
    for (const p of this.h_pt) {
      if (p.used === 0xffff) continue;
      for (let i = 0; i < 16; i += n) {
        if ((p.used & (mask << i)) === 0) { p.used |= mask << i; return p.pa + i * CHUNK; }
      }
    }
    const pp = page_create(this.h_sys.sh_pool, true);
    if (pp === null) return -1;
    const pa = pp.p_pagenum * PAGESIZE;
    this.h_pt.push({ pp, pa, used: mask });
    this.h_sys.sh_ptpages++;
    return pa;
  }

  /** Free a table (its entries are all zero already); an emptied page goes back to the pool. */
  private pt_free(pa: number, n: number): void {
    const base = pa - (pa % PAGESIZE);
    const k = this.h_pt.findIndex((p) => p.pa === base);
    VERIFY(k >= 0, 'hat_srmmu: freeing a table the hat does not own');
    const p = this.h_pt[k];
    p.used &= ~(((n === 4 ? 0xf : 1) << ((pa - base) / CHUNK)));
    this.h_cnt.delete(pa);
    if (p.used === 0) {
      page_free(this.h_sys.sh_pool, p.pp);
      this.h_pt.splice(k, 1);
      this.h_sys.sh_ptpages--;
    }
  }

  private inc(table: number): void { this.h_cnt.set(table, (this.h_cnt.get(table) ?? 0) + 1); }
  private dec(table: number): number {
    const n = (this.h_cnt.get(table) ?? 0) - 1;
    ASSERT(n >= 0, 'hat_srmmu: table entry count below zero');
    this.h_cnt.set(table, n);
    return n;
  }

  private demap(va: number): void {
    if (this.h_ctx >= 0) this.h_sys.sh_tlb.demap_page(this.h_ctx, va);
  }

  /** Physical address of va's L3 entry, or -1 when no L3 table covers va. */
  private pte_addr(va: number): number {
    if (this.h_l1 < 0) return -1;
    const mem = this.mem;
    const e1 = mem.read32(this.h_l1 + (va >>> 24) * 4);
    if ((e1 & 3) !== SRMMU_ET_PTD) return -1;
    const e2 = mem.read32((e1 >>> 2) * 64 + ((va >>> 18) & 63) * 4);
    if ((e2 & 3) !== SRMMU_ET_PTD) return -1;
    return (e2 >>> 2) * 64 + ((va >>> 12) & 63) * 4;
  }

  /**
   * Call fn for each page of [va, va+len) that has an L3 entry slot, skipping whole regions
   * (16 MiB) and segments (256 KiB) without tables. fn gets the L3 entry's PA, the page VA and
   * the PAs of the L2 and L1 entries on its path; it may free tables (entries are re-read).
   */
  private each(va: number, len: number, fn: (ptea: number, a: number, l2e: number, l1e: number) => void): void {
    if (this.h_l1 < 0) return;
    const mem = this.mem;
    const end = va + len;
    let a = va - (va % PAGESIZE);
    while (a < end) {
      const l1e = this.h_l1 + (a >>> 24) * 4;
      const e1 = mem.read32(l1e);
      if ((e1 & 3) !== SRMMU_ET_PTD) { a = (Math.floor(a / 0x1000000) + 1) * 0x1000000; continue; }
      const l2e = (e1 >>> 2) * 64 + ((a >>> 18) & 63) * 4;
      const e2 = mem.read32(l2e);
      if ((e2 & 3) !== SRMMU_ET_PTD) { a = (Math.floor(a / 0x40000) + 1) * 0x40000; continue; }
      fn((e2 >>> 2) * 64 + ((a >>> 12) & 63) * 4, a, l2e, l1e);
      a += PAGESIZE;
    }
  }

  memload(va: number, pfn: number, prot: number): number {
    VERIFY(!this.h_freeing, 'hat_memload on a hat being freed');
    const acc = srmmu_acc(prot);
    if (acc < 0) { this.unload(va, PAGESIZE); return 0; }
    const mem = this.mem;
    if (this.h_l1 < 0) {
      const l1 = this.pt_alloc(4);
      if (l1 < 0) return ENOMEM;
      this.h_l1 = l1;
      this.h_cnt.set(l1, 0);
      if (this.h_ctx >= 0) this.h_sys._set_ctxent(this.h_ctx, l1);
    }
    const l1e = this.h_l1 + (va >>> 24) * 4;
    let e1 = mem.read32(l1e);
    let newl2 = -1;
    if ((e1 & 3) !== SRMMU_ET_PTD) {
      ASSERT(e1 === 0, 'hat_memload: unexpected L1 entry');
      newl2 = this.pt_alloc(1);
      if (newl2 < 0) return ENOMEM;
      e1 = srmmu_mkptd(newl2);
      mem.write32(l1e, e1);
      this.inc(this.h_l1);
      this.h_cnt.set(newl2, 0);
    }
    const l2 = (e1 >>> 2) * 64;
    const l2e = l2 + ((va >>> 18) & 63) * 4;
    let e2 = mem.read32(l2e);
    if ((e2 & 3) !== SRMMU_ET_PTD) {
      ASSERT(e2 === 0, 'hat_memload: unexpected L2 entry');
      const l3 = this.pt_alloc(1);
      if (l3 < 0) {
        if (newl2 >= 0) { mem.write32(l1e, 0); this.dec(this.h_l1); this.pt_free(newl2, 1); }
        return ENOMEM;
      }
      e2 = srmmu_mkptd(l3);
      mem.write32(l2e, e2);
      this.inc(l2);
      this.h_cnt.set(l3, 0);
    }
    const l3 = (e2 >>> 2) * 64;
    const ptea = l3 + ((va >>> 12) & 63) * 4;
    const old = mem.read32(ptea);
    let pte = srmmu_mkpte(pfn, acc);
    if ((old & 3) === SRMMU_ET_PTE) {
      // Same frame: keep the R/M history the walker recorded.
      if (old >>> 8 === pfn) pte = (pte | (old & (SRMMU_PTE_R | SRMMU_PTE_M))) >>> 0;
      if (pte === old) return 0;
      mem.write32(ptea, pte);
      this.demap(va);
    } else {
      mem.write32(ptea, pte);
      this.inc(l3);
    }
    return 0;
  }

  /** Invalidate one valid L3 entry and free the tables it leaves empty. */
  private zap(ptea: number, a: number, l2e: number, l1e: number): void {
    const mem = this.mem;
    mem.write32(ptea, 0);
    this.demap(a);
    const l3 = ptea - (ptea % CHUNK);
    if (this.dec(l3) > 0) return;
    this.pt_free(l3, 1);
    mem.write32(l2e, 0);
    const l2 = l2e - (l2e % CHUNK);
    if (this.dec(l2) > 0) return;
    this.pt_free(l2, 1);
    mem.write32(l1e, 0);
    this.dec(this.h_l1);
  }

  unload(va: number, len: number): void {
    if (this.h_freeing) return;
    const mem = this.mem;
    this.each(va, len, (ptea, a, l2e, l1e) => {
      if ((mem.read32(ptea) & 3) === SRMMU_ET_PTE) this.zap(ptea, a, l2e, l1e);
    });
  }

  chgprot(va: number, len: number, prot: number): void {
    const acc = srmmu_acc(prot);
    if (acc < 0) { this.unload(va, len); return; }
    const mem = this.mem;
    this.each(va, len, (ptea, a) => {
      const old = mem.read32(ptea);
      if ((old & 3) !== SRMMU_ET_PTE) return;
      const pte = ((old & ~0x1c) | (acc << 2)) >>> 0;
      if (pte !== old) { mem.write32(ptea, pte); this.demap(a); }
    });
  }

  clrattr(va: number, len: number, attr: number): void {
    const mem = this.mem;
    this.each(va, len, (ptea, a, l2e, l1e) => {
      const old = mem.read32(ptea);
      if ((old & 3) !== SRMMU_ET_PTE) return;
      const p = srmmu_prot((old >>> 2) & 7);
      const np = p & ~attr;
      if (np === p) return;
      const acc = srmmu_acc(np);
      if (acc < 0) { this.zap(ptea, a, l2e, l1e); return; }
      mem.write32(ptea, ((old & ~0x1c) | (acc << 2)) >>> 0);
      this.demap(a);
    });
  }

  getattr(va: number): HatAttr | null {
    const ptea = this.pte_addr(va);
    if (ptea < 0) return null;
    const pte = this.mem.read32(ptea);
    if ((pte & 3) !== SRMMU_ET_PTE) return null;
    return {
      prot: srmmu_prot((pte >>> 2) & 7),
      pfn: pte >>> 8,
      ref: (pte & SRMMU_PTE_R) !== 0,
      mod: (pte & SRMMU_PTE_M) !== 0,
    };
  }

  probe_access(va: number, rw: number): number {
    const ptea = this.pte_addr(va);
    if (ptea < 0) return -1;
    const mem = this.mem;
    const pte = mem.read32(ptea);
    if ((pte & 3) !== SRMMU_ET_PTE) return -1;
    // rw: 2 = S_WRITE, 3 = S_EXEC, anything else reads.
    const need = rw === 2 ? 2 : rw === 3 ? 4 : 1;
    if ((ACC_UPROT[(pte >>> 2) & 7] & need) === 0) return -2;
    const upd = (pte | SRMMU_PTE_R | (rw === 2 ? SRMMU_PTE_M : 0)) >>> 0;
    if (upd !== pte) mem.write32(ptea, upd);
    return (pte >>> 8) * PAGESIZE + (va % PAGESIZE);
  }

  free_start(): void {
    this.h_sys._ctx_free(this);
    this.h_freeing = true;
  }

  free_end(): void {
    this.h_sys._ctx_free(this);
    this.h_freeing = true;
    for (const p of this.h_pt) {
      this.mem.zero(p.pa, PAGESIZE);
      page_free(this.h_sys.sh_pool, p.pp);
      this.h_sys.sh_ptpages--;
    }
    this.h_pt = [];
    this.h_cnt.clear();
    this.h_l1 = -1;
  }

  switch_to(cpu: number): void {
    VERIFY(!this.h_freeing, 'hat_switch to a hat being freed');
    const ctx = this.h_ctx >= 0 ? this.h_ctx : this.h_sys._ctx_alloc(this);
    this.h_sys.sh_oncpu.set(cpu, this);
    this.h_sys.sh_tlb.set_context(cpu, ctx);
  }
}
