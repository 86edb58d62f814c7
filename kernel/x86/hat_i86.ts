/*
 * kernel/x86/hat_i86.ts — the HAT for i386 paging (plays the part of uts/i86pc/vm/hat_i86.c for
 * 32-bit non-PAE paging): a page directory and 1024-entry page tables in simulated physical memory
 * in the hardware's format (hw/x86/paging.ts walks them), the Accessed and Dirty bits as the
 * referenced and modified bits, and invlpg on every CPU that has the address space loaded whenever
 * a translation the TLB may hold changes. There are no address-space ids: hat_switch loads %cr3
 * (which flushes that CPU's TLB). The kernel is hosted; every page directory carries only the
 * kernel page table that maps the per-CPU GDTs at GDT_VA, supervisor-only. The PROT_* mask a
 * mapping was loaded with is kept in the PTE's three available bits (9-11), because i386 PTEs
 * cannot say "execute" or "write-only": the hardware lets a readable page be executed and makes a
 * write-only page readable, while hat_getattr and probe_access answer with the exact mask.
 * Leaves out large pages, PAE, global pages and page-level mapping lists.
 */

import { ENOMEM } from '../common/sys/errno.ts';
import { ASSERT, VERIFY, panic } from '../common/sys/debug.ts';
import type { Hat, HatAttr, HatSys } from '../common/vm/hat.ts';
import { type Page, type PagePool, PAGESIZE, page_create, page_free, page_kcarve } from '../common/vm/vm_page.ts';
import { PTE_P, PTE_RW, PTE_US, PTE_A, PTE_D } from '../../hw/x86/paging.ts';

/** PROT_* bits (sys/mman.h). */
const PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
/** The PTE's available bits holding the PROT_* mask. */
const PTE_PROT_SHIFT = 9, PTE_PROT_MASK = 7 << PTE_PROT_SHIFT;

/**
 * I86TlbOps — how the HAT reaches the CPUs (connected by kernel/x86/machdep.ts): the %cr3 each CPU
 * translates with, invlpg on one CPU, and a %cr3 load (which flushes that CPU's TLB).
 */
export interface I86TlbOps {
  readonly ncpu: number;
  cr3(cpu: number): number;
  invlpg(cpu: number, va: number): void;
  set_cr3(cpu: number, pa: number): void;
}

/** i86_mkpte — a user PTE for frame `pfn` with PROT_* mask `prot` (not 0). */
export function i86_mkpte(pfn: number, prot: number): number {
  let pte = pfn * PAGESIZE + PTE_P + PTE_US + ((prot & 7) << PTE_PROT_SHIFT);
  if (prot & PROT_WRITE) pte += PTE_RW;
  return pte >>> 0;
}

/** i86_pteprot — the PROT_* mask a PTE was loaded with. */
export function i86_pteprot(pte: number): number {
  return (pte & PTE_PROT_MASK) >>> PTE_PROT_SHIFT;
}

/**
 * I86HatSys — the provider of one machine: the kernel page table shared by every page directory
 * (it maps `kmap`, the GDT page, at its VA), an empty page directory for address spaces with no
 * translations yet, and the page-table page count.
 */
export class I86HatSys implements HatSys {
  readonly sh_pool: PagePool;
  readonly sh_tlb: I86TlbOps;
  sh_ptpages = 0;
  /** The kernel's page directory entry (index and value) copied into every page directory. */
  readonly sh_kpdi: number;
  readonly sh_kpde: number;
  /** A page directory holding only the kernel entry (what %cr3 points at for an empty hat). */
  readonly sh_emptypd: number;
  /** The hat each CPU translates with (hat_switch), or null. */
  readonly sh_oncpu: (I86Hat | null)[];

  constructor(pool: PagePool, tlb: I86TlbOps, kmap: { va: number; pa: number }) {
    this.sh_pool = pool;
    this.sh_tlb = tlb;
    const kpt = page_kcarve(pool, PAGESIZE, PAGESIZE);
    const epd = page_kcarve(pool, PAGESIZE, PAGESIZE);
    if (kpt < 0 || epd < 0) panic('hat_i86', 'no room for the kernel page table in the kernel reserve');
    const mem = pool.p_mem;
    mem.zero(kpt, PAGESIZE);
    mem.zero(epd, PAGESIZE);
    // The GDT page: present, writable, supervisor only (the walk sets A and D in it).
    mem.write32(kpt + ((kmap.va >>> 12) & 0x3ff) * 4, (kmap.pa | PTE_P | PTE_RW) >>> 0);
    this.sh_kpdi = kmap.va >>> 22;
    this.sh_kpde = (kpt | PTE_P | PTE_RW) >>> 0;
    mem.write32(epd + this.sh_kpdi * 4, this.sh_kpde);
    this.sh_emptypd = epd;
    this.sh_oncpu = new Array<I86Hat | null>(tlb.ncpu).fill(null);
  }

  /** hat_alloc — a new empty hat (no page directory until the first memload). */
  hat_alloc(): I86Hat { return new I86Hat(this); }
}

/**
 * I86Hat — the hat of one address space. `h_pd` is the physical address of its page directory
 * (-1 until the first memload); page tables are whole pages, freed when their last entry goes.
 */
export class I86Hat implements Hat {
  readonly h_sys: I86HatSys;
  h_pd = -1;
  private h_freeing = false;
  /** The page-table pages (the directory included), by physical address. */
  private h_pt = new Map<number, Page>();
  /** Valid entries per page table, by table physical address. */
  private h_cnt = new Map<number, number>();

  constructor(sys: I86HatSys) { this.h_sys = sys; }

  get h_ptpages(): number { return this.h_pt.size; }
  private get mem() { return this.h_sys.sh_pool.p_mem; }
  /** What %cr3 holds for this hat. */
  get h_cr3(): number { return this.h_pd >= 0 ? this.h_pd : this.h_sys.sh_emptypd; }

  private pt_alloc(): number {
    const pp = page_create(this.h_sys.sh_pool, true);
    if (pp === null) return -1;
    const pa = pp.p_pagenum * PAGESIZE;
    this.h_pt.set(pa, pp);
    this.h_cnt.set(pa, 0);
    this.h_sys.sh_ptpages++;
    return pa;
  }
  private pt_free(pa: number): void {
    const pp = this.h_pt.get(pa);
    VERIFY(pp !== undefined, 'hat_i86: freeing a page table the hat does not own');
    page_free(this.h_sys.sh_pool, pp!);
    this.h_pt.delete(pa);
    this.h_cnt.delete(pa);
    this.h_sys.sh_ptpages--;
  }

  /** invlpg `va` on every CPU translating with this hat (the TLB shootdown). */
  private demap(va: number): void {
    if (this.h_pd < 0) return;
    const tlb = this.h_sys.sh_tlb;
    for (let c = 0; c < tlb.ncpu; c++) if (tlb.cr3(c) === this.h_pd) tlb.invlpg(c, va);
  }

  /** Physical address of va's PTE, or -1 when no page table covers va. */
  private pte_addr(va: number): number {
    if (this.h_pd < 0) return -1;
    const pde = this.mem.read32(this.h_pd + (va >>> 22) * 4);
    if ((pde & PTE_P) === 0 || (va >>> 22) === this.h_sys.sh_kpdi) return -1;
    return (pde & 0xfffff000) + ((va >>> 12) & 0x3ff) * 4;
  }

  /** Call fn for each page of [va, va+len) with a PTE slot, skipping 4 MiB holes without a table. */
  private each(va: number, len: number, fn: (ptea: number, a: number, pdea: number) => void): void {
    if (this.h_pd < 0) return;
    const mem = this.mem;
    const end = va + len;
    let a = va - (va % PAGESIZE);
    while (a < end) {
      const pdea = this.h_pd + (a >>> 22) * 4;
      const pde = mem.read32(pdea);
      if ((pde & PTE_P) === 0 || (a >>> 22) === this.h_sys.sh_kpdi) { a = (Math.floor(a / 0x400000) + 1) * 0x400000; continue; }
      fn((pde & 0xfffff000) + ((a >>> 12) & 0x3ff) * 4, a, pdea);
      a += PAGESIZE;
    }
  }

  memload(va: number, pfn: number, prot: number): number {
    VERIFY(!this.h_freeing, 'hat_memload on a hat being freed');
    if ((prot & 7) === 0) { this.unload(va, PAGESIZE); return 0; }
    VERIFY((va >>> 22) !== this.h_sys.sh_kpdi, 'hat_memload: user address in the kernel page table');
    const mem = this.mem;
    if (this.h_pd < 0) {
      const pd = this.pt_alloc();
      if (pd < 0) return ENOMEM;
      mem.write32(pd + this.h_sys.sh_kpdi * 4, this.h_sys.sh_kpde);
      // CPUs that had this (empty) hat loaded now translate with its new directory.
      this.h_pd = pd;
      const sys = this.h_sys;
      for (let c = 0; c < sys.sh_oncpu.length; c++) if (sys.sh_oncpu[c] === this) sys.sh_tlb.set_cr3(c, pd);
    }
    const pdea = this.h_pd + (va >>> 22) * 4;
    let pde = mem.read32(pdea);
    if ((pde & PTE_P) === 0) {
      ASSERT(pde === 0, 'hat_memload: unexpected page directory entry');
      const pt = this.pt_alloc();
      if (pt < 0) return ENOMEM;
      // The directory entry allows everything; the PTE decides (U/S and R/W are ANDed).
      pde = (pt | PTE_P | PTE_RW | PTE_US) >>> 0;
      mem.write32(pdea, pde);
      this.h_cnt.set(this.h_pd, (this.h_cnt.get(this.h_pd) ?? 0) + 1);
    }
    const pt = pde & 0xfffff000;
    const ptea = pt + ((va >>> 12) & 0x3ff) * 4;
    const old = mem.read32(ptea);
    let pte = i86_mkpte(pfn, prot);
    if (old & PTE_P) {
      // Same frame: keep the A/D history the walker recorded.
      if (old >>> 12 === pfn) pte = (pte | (old & (PTE_A | PTE_D))) >>> 0;
      if (pte === old) return 0;
      mem.write32(ptea, pte);
      this.demap(va);
    } else {
      mem.write32(ptea, pte);
      this.h_cnt.set(pt, (this.h_cnt.get(pt) ?? 0) + 1);
    }
    return 0;
  }

  /** Invalidate one valid PTE; free the page table it leaves empty. */
  private zap(ptea: number, a: number, pdea: number): void {
    const mem = this.mem;
    mem.write32(ptea, 0);
    this.demap(a);
    const pt = ptea - (ptea % PAGESIZE);
    const n = (this.h_cnt.get(pt) ?? 0) - 1;
    ASSERT(n >= 0, 'hat_i86: page table entry count below zero');
    this.h_cnt.set(pt, n);
    if (n > 0) return;
    mem.write32(pdea, 0);
    this.pt_free(pt);
    this.h_cnt.set(this.h_pd, (this.h_cnt.get(this.h_pd) ?? 0) - 1);
  }

  unload(va: number, len: number): void {
    if (this.h_freeing) return;
    const mem = this.mem;
    this.each(va, len, (ptea, a, pdea) => { if (mem.read32(ptea) & PTE_P) this.zap(ptea, a, pdea); });
  }

  chgprot(va: number, len: number, prot: number): void {
    if ((prot & 7) === 0) { this.unload(va, len); return; }
    const mem = this.mem;
    this.each(va, len, (ptea, a) => {
      const old = mem.read32(ptea);
      if ((old & PTE_P) === 0) return;
      const pte = (i86_mkpte(old >>> 12, prot) | (old & (PTE_A | PTE_D))) >>> 0;
      if (pte !== old) { mem.write32(ptea, pte); this.demap(a); }
    });
  }

  clrattr(va: number, len: number, attr: number): void {
    const mem = this.mem;
    this.each(va, len, (ptea, a, pdea) => {
      const old = mem.read32(ptea);
      if ((old & PTE_P) === 0) return;
      const p = i86_pteprot(old), np = p & ~attr;
      if (np === p) return;
      if (np === 0) { this.zap(ptea, a, pdea); return; }
      mem.write32(ptea, (i86_mkpte(old >>> 12, np) | (old & (PTE_A | PTE_D))) >>> 0);
      this.demap(a);
    });
  }

  getattr(va: number): HatAttr | null {
    const ptea = this.pte_addr(va);
    if (ptea < 0) return null;
    const pte = this.mem.read32(ptea);
    if ((pte & PTE_P) === 0) return null;
    return { prot: i86_pteprot(pte), pfn: pte >>> 12, ref: (pte & PTE_A) !== 0, mod: (pte & PTE_D) !== 0 };
  }

  probe_access(va: number, rw: number): number {
    const ptea = this.pte_addr(va);
    if (ptea < 0) return -1;
    const mem = this.mem;
    const pte = mem.read32(ptea);
    if ((pte & PTE_P) === 0) return -1;
    // rw: 2 = S_WRITE, 3 = S_EXEC, anything else reads.
    const need = rw === 2 ? PROT_WRITE : rw === 3 ? PROT_EXEC : PROT_READ;
    if ((i86_pteprot(pte) & need) === 0) return -2;
    const upd = (pte | PTE_A | (rw === 2 ? PTE_D : 0)) >>> 0;
    if (upd !== pte) { mem.write32(ptea, upd); this.demap(va); }
    return (pte & 0xfffff000) + (va % PAGESIZE);
  }

  /** Point every CPU still translating with this hat at the empty directory. */
  private unload_cpus(): void {
    const sys = this.h_sys;
    for (let c = 0; c < sys.sh_oncpu.length; c++) {
      if (sys.sh_oncpu[c] === this) { sys.sh_oncpu[c] = null; sys.sh_tlb.set_cr3(c, sys.sh_emptypd); }
    }
  }

  free_start(): void {
    this.unload_cpus();
    this.h_freeing = true;
  }

  free_end(): void {
    this.unload_cpus();
    this.h_freeing = true;
    for (const pa of [...this.h_pt.keys()]) {
      this.mem.zero(pa, PAGESIZE);
      this.pt_free(pa);
    }
    this.h_cnt.clear();
    this.h_pd = -1;
  }

  switch_to(cpu: number): void {
    VERIFY(!this.h_freeing, 'hat_switch to a hat being freed');
    const sys = this.h_sys;
    sys.sh_oncpu[cpu] = this;
    // Loading %cr3 flushes the TLB; an unchanged %cr3 keeps it (the invlpgs kept it exact).
    if (sys.sh_tlb.cr3(cpu) !== this.h_cr3) sys.sh_tlb.set_cr3(cpu, this.h_cr3);
  }
}
