/*
 * hw/sparc/srmmu.ts — the SPARC Reference MMU (V8 manual appendix H): control, context table
 * pointer, context, fault status/address registers; the 3-level table walk in physical memory
 * with the R and M bits written back by the walker; ACC permission checks; a TLB with demap.
 * The TLB is direct-mapped and holds entries for the current context and mode only: writing the
 * context register, changing mode (S) or any demap drops entries (a legal, stricter cache).
 * A page holding compiled code (PhysMem.code) never gets a fast write entry, so every store to it
 * takes the CPU's slow path, which drops the code (drop_writable when a page becomes code).
 */

import type { HwState, Stateful } from '../machine.ts';
import type { PhysMem } from '../mem/phys_mem.ts';

/** Access types (SFSR.AT): write*4 + instruction*2 + supervisor. */
export const AT_USER_LOAD = 0, AT_SUPER_LOAD = 1, AT_USER_FETCH = 2, AT_SUPER_FETCH = 3,
  AT_USER_STORE = 4, AT_SUPER_STORE = 5;

/** Fault types (SFSR.FT). */
export const FT_NONE = 0, FT_INVALID = 1, FT_PROTECTION = 2, FT_PRIVILEGE = 3, FT_TRANSLATION = 4,
  FT_BUS = 5;

/** Entry types (bits 1:0 of a PTD/PTE). */
export const ET_INVALID = 0, ET_PTD = 1, ET_PTE = 2;

/** PTE bits. */
export const PTE_C = 0x80, PTE_M = 0x40, PTE_R = 0x20;

/** TLB geometry (entries, direct-mapped by virtual page number). */
export const TLB_BITS = 10;
export const TLB_SIZE = 1 << TLB_BITS;
export const TLB_MASK = TLB_SIZE - 1;

// perm[acc * 2 + super] as a bitmask: 1 read, 2 write, 4 execute; -1 privilege violation.
const PERM: readonly number[] = [
  1, 1, // 0: R / R
  3, 3, // 1: RW / RW
  5, 5, // 2: RX / RX
  7, 7, // 3: RWX / RWX
  4, 4, // 4: X / X
  1, 3, // 5: R / RW
  -1, 5, // 6: - / RX
  -1, 7, // 7: - / RWX
];

/**
 * Srmmu — one CPU's MMU. The CPU's hot path reads `tagR/tagW/tagX/base` directly:
 * for virtual page v, entry i = v & TLB_MASK is usable for a read when tagR[i] === v + 1, and then
 * the physical address is base[i] + (va & 0xfff). Everything else goes through `translate`.
 */
export class Srmmu implements Stateful {
  readonly mem: PhysMem;
  /** Control register: bit 0 E (enable), bit 1 NF (no-fault); IMPL/VER read as 0. */
  control = 0;
  /** Context table pointer register: bits 31:2 hold PA[35:6] of the context table. */
  ctp = 0;
  /** Current context number. */
  private ctx = 0;
  /** Synchronous fault status and address registers. */
  sfsr = 0;
  sfar = 0;
  /** Mode whose permissions the TLB entries carry (true = supervisor). */
  private sup = true;

  readonly tagR = new Int32Array(TLB_SIZE);
  readonly tagW = new Int32Array(TLB_SIZE);
  readonly tagX = new Int32Array(TLB_SIZE);
  readonly base = new Int32Array(TLB_SIZE);
  /** Walks performed (TLB misses that went to the tables). */
  walks = 0;

  constructor(mem: PhysMem) {
    this.mem = mem;
  }

  get context(): number { return this.ctx; }
  set context(c: number) { this.ctx = c >>> 0; this.flushAll(); }

  get enabled(): boolean { return (this.control & 1) !== 0; }

  /** Called by the CPU whenever PSR.S changes. */
  setMode(sup: boolean): void {
    if (sup !== this.sup) { this.sup = sup; this.flushAll(); }
  }

  /** Drop every TLB entry. */
  flushAll(): void {
    this.tagR.fill(0); this.tagW.fill(0); this.tagX.fill(0);
    this.bpVpn = -1;
  }

  /** Drop the TLB entry for the page containing va (demap page). */
  flushPage(va: number): void {
    const v = va >>> 12, i = v & TLB_MASK;
    if (this.tagR[i] === v + 1 || this.tagW[i] === v + 1 || this.tagX[i] === v + 1) {
      this.tagR[i] = 0; this.tagW[i] = 0; this.tagX[i] = 0;
    }
    if (v === this.bpVpn) this.bpVpn = -1;
  }

  /** Drop the fast write entries that map physical page pfn (it now holds compiled code). */
  drop_writable(pfn: number): void {
    const pb = pfn * 4096, tagW = this.tagW, base = this.base;
    for (let i = 0; i < TLB_SIZE; i++) if (tagW[i] !== 0 && base[i] === pb) tagW[i] = 0;
  }

  /** Demap the current context (all its entries). */
  flushContext(): void { this.flushAll(); }

  /** Latch a fault into SFSR/SFAR (OW set when a previous fault was not yet read). */
  private fault(va: number, at: number, ft: number, level: number): number {
    const ow = this.sfsr & 2 ? 1 : 0;
    this.sfsr = (level << 8) | (at << 5) | (ft << 2) | 2 | ow;
    this.sfar = va >>> 0;
    return -1;
  }

  /** Read-and-clear of SFSR as the hardware does on an ASI 4 load. */
  readSfsr(): number { const v = this.sfsr; this.sfsr = 0; return v >>> 0; }

  /**
   * Walk the tables for va in the current context. Returns the entry (PTE) and its level
   * (1 region, 2 segment, 3 page) in `walkLevel`/`walkAddr`, or 0 for invalid; sets walkFt.
   */
  private walkLevel = 0;
  private walkAddr = 0;
  private walkFt = 0;
  private walk(va: number): number {
    this.walks++;
    const mem = this.mem;
    let addr = ((this.ctp >>> 2) * 64) + this.ctx * 4;
    let level = 0;
    for (;;) {
      if (!mem.valid(addr, 4)) { this.walkFt = FT_BUS; this.walkLevel = level; return 0; }
      const e = mem.read32(addr);
      const et = e & 3;
      if (et === ET_PTE) {
        if (level === 0) { this.walkFt = FT_TRANSLATION; this.walkLevel = 0; return 0; }
        this.walkLevel = level; this.walkAddr = addr; this.walkFt = 0;
        return e;
      }
      if (et === ET_INVALID) { this.walkFt = FT_INVALID; this.walkLevel = level; return 0; }
      if (et !== ET_PTD || level === 3) { this.walkFt = FT_TRANSLATION; this.walkLevel = level; return 0; }
      const table = (e >>> 2) * 64;
      level++;
      const index = level === 1 ? (va >>> 24) : level === 2 ? ((va >>> 18) & 63) : ((va >>> 12) & 63);
      addr = table + index * 4;
    }
  }

  /**
   * Translate `va` for access type `at` (AT_* constants). Returns the physical address, or -1
   * after latching SFSR/SFAR. Sets R (and M for stores) in the PTE as the hardware walker does,
   * and fills the TLB when `at` belongs to the current mode.
   */
  /** Virtual page numbers never cached for loads / for stores (pages with debugger watchpoints), or null. */
  noload: Set<number> | null = null;
  nostore: Set<number> | null = null;
  /** Virtual page numbers never cached for instruction fetch (pages with debugger breakpoints), or null. */
  nofetch: Set<number> | null = null;
  /**
   * The last breakpoint page fetched from and its physical base: a one-entry fetch cache for such
   * pages (so that code on a breakpoint page pays a breakpoint lookup, not a table walk, per
   * instruction); dropped with the TLB.
   */
  bpVpn = -1;
  bpBase = 0;

  translate(va: number, at: number): number {
    const sup = (at & 1) !== 0;
    const isStore = (at & 4) !== 0, isFetch = (at & 2) !== 0;
    const v = va >>> 12;
    if (!this.enabled) {
      const pa = va >>> 0;
      if (!this.mem.valid(pa & ~0xfff, 4096)) return this.fault(va, at, FT_BUS, 0);
      if (sup === this.sup) {
        const i = v & TLB_MASK;
        this.tagR[i] = this.noload === null || !this.noload.has(v) ? v + 1 : 0;
        this.tagW[i] = (this.nostore === null || !this.nostore.has(v)) && this.mem.code[pa >>> 12] === 0 ? v + 1 : 0;
        this.base[i] = pa & ~0xfff;
        this.tagX[i] = this.nofetch === null || !this.nofetch.has(v) ? v + 1 : 0;
      }
      return pa;
    }
    const pte = this.walk(va);
    if (pte === 0) return this.fault(va, at, this.walkFt, this.walkLevel);
    const level = this.walkLevel;
    const acc = (pte >>> 2) & 7;
    const perm = PERM[acc * 2 + (sup ? 1 : 0)];
    if (perm < 0) return this.fault(va, at, FT_PRIVILEGE, level);
    const need = isStore ? 2 : isFetch ? 4 : 1;
    if ((perm & need) === 0) return this.fault(va, at, FT_PROTECTION, level);
    // Physical page: PPN in bits 31:8 is PA[35:12]; large pages keep the low VA bits.
    let pa = (pte >>> 8) * 4096;
    if (level === 1) pa = pa - (pa % 0x1000000) + (va & 0xffffff);
    else if (level === 2) pa = pa - (pa % 0x40000) + (va & 0x3ffff);
    else pa += va & 0xfff;
    if (!this.mem.valid(pa - (pa % 4096), 4096)) return this.fault(va, at, FT_BUS, level);
    const upd = (pte | PTE_R | (isStore ? PTE_M : 0)) >>> 0;
    if (upd !== (pte >>> 0)) this.mem.write32(this.walkAddr, upd);
    if (sup === this.sup) {
      const i = v & TLB_MASK;
      const pbase = pa - (pa % 4096);
      this.base[i] = pbase;
      this.tagR[i] = perm & 1 && (this.noload === null || !this.noload.has(v)) ? v + 1 : 0;
      this.tagW[i] = perm & 2 && upd & PTE_M && (this.nostore === null || !this.nostore.has(v)) && this.mem.code[pbase / 4096] === 0 ? v + 1 : 0;
      this.tagX[i] = perm & 4 && (this.nofetch === null || !this.nofetch.has(v)) ? v + 1 : 0;
    }
    return pa;
  }

  /** ASI 3 load: probe. VA[11:8] type 0 page, 1 segment, 2 region, 3 context, 4 entire. */
  probe(va: number): number {
    if (!this.enabled) return 0;
    const type = (va >>> 8) & 0xf;
    const pte = this.walk(va & ~0xfff);
    if (pte === 0) return 0;
    const wantLevel = type === 0 ? 3 : type === 1 ? 2 : type === 2 ? 1 : type === 3 ? 0 : -1;
    if (wantLevel >= 0 && this.walkLevel > wantLevel) return 0;
    return pte >>> 0;
  }

  /** ASI 3 store: flush (demap). VA[11:8] type as for probe. */
  flush(va: number): void {
    const type = (va >>> 8) & 0xf;
    if (type === 0) this.flushPage(va);
    else this.flushAll();
  }

  /** ASI 4 load: MMU register at VA[10:8] (0 control, 1 ctp, 2 context, 3 sfsr, 4 sfar). */
  readReg(va: number): number {
    switch ((va >>> 8) & 7) {
      case 0: return this.control >>> 0;
      case 1: return this.ctp >>> 0;
      case 2: return this.ctx >>> 0;
      case 3: return this.readSfsr();
      case 4: return this.sfar >>> 0;
      default: return 0;
    }
  }

  /** ASI 4 store. */
  writeReg(va: number, v: number): void {
    switch ((va >>> 8) & 7) {
      case 0: this.control = v & 3; this.flushAll(); break;
      case 1: this.ctp = v & ~3; this.flushAll(); break;
      case 2: this.context = v; break;
      case 3: this.sfsr = v; break;
      case 4: this.sfar = v; break;
    }
  }

  get_state(): HwState {
    return { control: this.control, ctp: this.ctp, ctx: this.ctx, sfsr: this.sfsr, sfar: this.sfar, sup: this.sup };
  }
  set_state(s: HwState): void {
    this.control = s.control as number; this.ctp = s.ctp as number; this.ctx = s.ctx as number;
    this.sfsr = s.sfsr as number; this.sfar = s.sfar as number; this.sup = s.sup as boolean;
    this.flushAll();
  }
}
