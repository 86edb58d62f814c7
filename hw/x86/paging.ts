/*
 * hw/x86/paging.ts — i386 paging (Intel SDM vol. 3 ch. 4, 32-bit paging without PSE/PGE/PAE):
 * CR0.PG/WP, CR2, CR3, the two-level walk through page directory and page tables in physical
 * memory, U/S and R/W checks, A and D bits set by the walk, #PF error codes, and a direct-mapped
 * TLB that keeps stale entries until invlpg or a CR3 load, as the hardware does.
 */

import type { HwState } from '../machine.ts';
import type { PhysMem } from '../mem/phys_mem.ts';
import { PFEC_P, PFEC_U, PFEC_W } from './trap_types.ts';

export const CR0_PE = 1, CR0_EM = 1 << 2, CR0_TS = 1 << 3, CR0_WP = 1 << 16, CR0_PG = 0x80000000;
/** Page-table entry bits. */
export const PTE_P = 1, PTE_RW = 2, PTE_US = 4, PTE_A = 0x20, PTE_D = 0x40;

export const TLB_SIZE = 256;
const TLB_MASK = TLB_SIZE - 1;
/* TLB entry permission bits: what the cached translation allows without a new walk. */
const T_SR = 1, T_SW = 2, T_UR = 4, T_UW = 8;

/** Result of a failed translation: translate() returns this and sets fault_code/cr2. */
export const XLATE_FAULT = -1;
/** translate() returns this for a physical address outside memory (fault_pa holds it). */
export const XLATE_BUS = -2;

/**
 * X86Paging — the paging unit of one CPU. translate() maps a linear address for a read or write at
 * user or supervisor privilege; when CR0.PG = 0 linear = physical.
 */
export class X86Paging {
  readonly mem: PhysMem;
  cr0 = CR0_PE;
  cr2 = 0;
  private cr3_ = 0;
  /** Error code of the last failed translate(). */
  fault_code = 0;
  /** Physical address of the last XLATE_BUS. */
  fault_pa = 0;
  /** TLB: tag = linear page number (or -1), pa page base, permission bits (T_*). */
  readonly tlbTag = new Int32Array(TLB_SIZE).fill(-1);
  readonly tlbPa = new Int32Array(TLB_SIZE);
  readonly tlbPerm = new Uint8Array(TLB_SIZE);
  /** Bumped by every flush and invlpg, so that the CPU's fetch-page cache can check it. */
  gen = 0;
  /** TLB misses (walks) since reset; for tests and stats. */
  walks = 0;

  constructor(mem: PhysMem) { this.mem = mem; }

  get cr3(): number { return this.cr3_; }
  /** Loading CR3 flushes the whole TLB (no global pages in this model). */
  set cr3(v: number) { this.cr3_ = v & 0xfffff000; this.flush(); }
  get enabled(): boolean { return (this.cr0 & CR0_PG) !== 0; }
  /** Writing CR0 flushes the TLB when PG or WP change. */
  set_cr0(v: number): void {
    if (((v ^ this.cr0) & (CR0_PG | CR0_WP)) !== 0) this.flush();
    this.cr0 = v | 0;
  }

  /** Drop every TLB entry. */
  flush(): void { this.tlbTag.fill(-1); this.gen++; }
  /** invlpg: drop the entry for the page holding linear address `lin`. */
  invlpg(lin: number): void {
    const vpn = lin >>> 12, i = vpn & TLB_MASK;
    if (this.tlbTag[i] === vpn) this.tlbTag[i] = -1;
    this.gen++;
  }

  /**
   * translate(): the physical address for an access of one byte at `lin`, or XLATE_FAULT (then
   * fault_code = the #PF error code, cr2 = lin) or XLATE_BUS (a page-table or page frame outside memory).
   */
  translate(lin: number, write: boolean, user: boolean): number {
    lin >>>= 0;
    if ((this.cr0 & CR0_PG) === 0) {
      if (lin >= this.mem.size) { this.fault_pa = lin; return XLATE_BUS; }
      return lin;
    }
    const vpn = lin >>> 12, i = vpn & TLB_MASK;
    if (this.tlbTag[i] === vpn) {
      const need = user ? (write ? T_UW : T_UR) : (write ? T_SW : T_SR);
      if ((this.tlbPerm[i] & need) !== 0) return this.tlbPa[i] + (lin & 0xfff);
    }
    return this.walk(lin, write, user);
  }

  /** The page walk: checks, sets A (and D on a write), fills the TLB. */
  private walk(lin: number, write: boolean, user: boolean): number {
    this.walks++;
    const mem = this.mem;
    const pdeAddr = this.cr3_ + ((lin >>> 22) << 2);
    if (pdeAddr + 4 > mem.size) { this.fault_pa = pdeAddr; return XLATE_BUS; }
    const pde = mem.read32(pdeAddr);
    const ucode = user ? PFEC_U : 0, wcode = write ? PFEC_W : 0;
    if ((pde & PTE_P) === 0) return this.pf(lin, wcode | ucode);
    const pteAddr = (pde & 0xfffff000) + (((lin >>> 12) & 0x3ff) << 2);
    if (pteAddr + 4 > mem.size) { this.fault_pa = pteAddr >>> 0; return XLATE_BUS; }
    const pte = mem.read32(pteAddr);
    if ((pte & PTE_P) === 0) return this.pf(lin, wcode | ucode);
    const us = pde & pte & PTE_US, rw = pde & pte & PTE_RW;
    const wp = (this.cr0 & CR0_WP) !== 0;
    if (user && !us) return this.pf(lin, PFEC_P | wcode | ucode);
    if (write && !rw && (user || wp)) return this.pf(lin, PFEC_P | wcode | ucode);
    // Accessed bits on a successful walk, dirty on a write (the hardware writes them atomically).
    if ((pde & PTE_A) === 0) mem.write32(pdeAddr, pde | PTE_A);
    let npte = pte | PTE_A;
    if (write) npte |= PTE_D;
    if (npte !== pte) mem.write32(pteAddr, npte);
    const frame = (pte & 0xfffff000) >>> 0;
    if (frame + 4096 > mem.size) { this.fault_pa = frame + (lin & 0xfff); return XLATE_BUS; }
    // Write permission is cached only once D is set, so the first write after a read walks again.
    let perm = T_SR;
    if (us) perm |= T_UR;
    if ((npte & PTE_D) !== 0) {
      if (rw || !wp) perm |= T_SW;
      if (us && rw) perm |= T_UW;
    }
    const i = (lin >>> 12) & TLB_MASK;
    this.tlbTag[i] = lin >>> 12;
    this.tlbPa[i] = frame;
    this.tlbPerm[i] = perm;
    return frame + (lin & 0xfff);
  }

  private pf(lin: number, code: number): number {
    this.cr2 = lin >>> 0;
    this.fault_code = code;
    return XLATE_FAULT;
  }

  get_state(): HwState {
    return { cr0: this.cr0 >>> 0, cr2: this.cr2 >>> 0, cr3: this.cr3_ >>> 0 };
  }
  /** Restores the registers; the TLB starts empty (it is a cache). */
  set_state(s: HwState): void {
    this.cr0 = s.cr0 as number | 0; this.cr2 = s.cr2 as number; this.cr3 = s.cr3 as number;
  }
}
