/*
 * hw/sparc/cpu.ts — the SPARC V8 integer unit: register windows, PSR/WIM/TBR/Y, PC/nPC with
 * delayed control transfer and annulment, every integer instruction, and precise traps.
 * A trap never modifies state: run() returns a Stop with PC/nPC of the trapping instruction and
 * the kernel (or enterTrap(), for guest-supervisor code) decides what happens. No FPU: FP
 * instructions raise fp_disabled; coprocessor ones cp_disabled.
 */

import { StopReason, type Cpu, type HwState, type Stop } from '../machine.ts';
import type { PhysMem } from '../mem/phys_mem.ts';
import { NWINDOWS, CONDTAB, IDXCYC, DECIDX } from './isa.ts';
import { umulhi, sparc_div, divv } from './alu.ts';
import { Srmmu, TLB_MASK } from './srmmu.ts';
import * as T from './trap_types.ts';
import { code_cache_of, jit_default, type Block, type CodeCache, type CodePage, type JitTier } from './code_cache.ts';

/** No block is compiled within this many instructions of a budget's end (slice tails would fake hotness). */
const JIT_TAIL = 64;

/** PSR bit fields. */
export const PSR_ICC_SHIFT = 20, PSR_EC = 1 << 13, PSR_EF = 1 << 12, PSR_S = 1 << 7, PSR_PS = 1 << 6,
  PSR_ET = 1 << 5, PSR_PIL_SHIFT = 8;
/** PSR.impl/ver as reported by this implementation (matches qemu's default sparc32 trace). */
export const PSR_IMPL_VER = 0x04000000;
/** PSR carry bit (icc.C), used by the syscall ABI. */
export const PSR_C = 1 << 20;

const NREGS = 8 + 16 * NWINDOWS;
const G0_SINK = NREGS; // writes to %g0 land here

/** Register-number maps per window: RMAPS[w][r] → index into the register file. */
const RMAPS: Int32Array[] = [];
const WMAPS: Int32Array[] = [];
for (let w = 0; w < NWINDOWS; w++) {
  const m = new Int32Array(32);
  for (let r = 0; r < 32; r++) {
    if (r < 8) m[r] = r;
    else if (r < 24) m[r] = 8 + w * 16 + (r - 8);
    else m[r] = 8 + ((w + 1) % NWINDOWS) * 16 + (r - 24);
  }
  RMAPS.push(m);
  const wm = new Int32Array(m);
  wm[0] = G0_SINK;
  WMAPS.push(wm);
}

/**
 * SparcCpu — one V8 integer unit with its SRMMU. Registers are read with getReg/setReg (current
 * window) or getWinReg/setWinReg (any window); values are returned as uint32.
 */
export class SparcCpu implements Cpu {
  readonly id: number;
  readonly isa = 'sparc' as const;
  readonly mem: PhysMem;
  readonly mmu: Srmmu;
  /** Physical register file: 8 globals + 16 per window, plus a sink for %g0 writes. */
  readonly regs = new Int32Array(NREGS + 1);

  pc = 0;
  npc = 4;
  /** icc as N<<3 | Z<<2 | V<<1 | C. */
  icc = 0;
  private cwp = 0;
  /** PSR fields other than icc and CWP (EC, EF, PIL, S, PS, ET). */
  private psrBits = PSR_S;
  wim = 0;
  /** Trap base address (TBR bits 31:12) and tt (TBR bits 11:4). */
  tba = 0;
  tt = 0;
  y = 0;
  instructions = 0;
  /**
   * Debugger instruction breakpoints (a breakpoint unit like Bochs's `vb`; not part of V8): a fetch
   * at one of these virtual addresses stops run() with TT_DEBUG_BPT before the instruction runs,
   * changing nothing. `bpt_skip` lets the next fetch at that address through once (resuming).
   * Set them with set_breakpoints, which keeps their pages out of the fetch TLB.
   */
  bpt: Set<number> | null = null;
  bpt_skip = -1;
  /** The breakpoints of the breakpoint page now cached for fetch (mmu.bpVpn), one byte per word. */
  private readonly bptWords = new Uint8Array(1024);
  /**
   * Debugger data watchpoints (a watch unit like Bochs's `watch read|write`; not part of V8): a
   * load (rw 1) or store (rw 2) touching [lo, hi) of one of these virtual ranges completes, and then
   * run() stops with TT_DEBUG_WATCH, pc past the instruction; `watch_va`/`watch_rw` say which access.
   * Set them with set_watchpoints, which keeps their pages out of the load/store TLB.
   */
  wpt: { lo: number; hi: number; rw: number }[] | null = null;
  watch_va = 0;
  watch_len = 0;
  watch_rw = 0;
  cycles = 0;
  irl = 0;
  /** Set when the CPU entered error mode (trap with ET = 0). */
  errorMode = false;
  /**
   * Execution tier: 'off' interprets every instruction; 'bb' runs hot basic blocks compiled by
   * bb_compile.ts from the machine's code cache. Both give the same state, counts and stops.
   */
  jit: JitTier;
  /** The machine's code cache (one per physical memory, shared by all CPUs). */
  readonly cc: CodeCache;
  /** The trap type the last interp()/compiled block stopped with, -1 for none. */
  private ltt = -1;
  /** Set by a compiled block on exit: its trap type (-1 none) and the cycles it charged. */
  jtt = -1;
  jcyc = 0;

  /** Create a CPU in supervisor mode with traps disabled, MMU off, PC 0. */
  constructor(mem: PhysMem, id = 0) {
    this.mem = mem;
    this.id = id;
    this.mmu = new Srmmu(mem);
    this.mmu.setMode(true);
    this.cc = code_cache_of(mem);
    this.cc.mmus.push(this.mmu);
    this.jit = jit_default();
  }

  // ---- register access -------------------------------------------------------------------

  /** Current window pointer. */
  get CWP(): number { return this.cwp; }

  /** Register r (0..31) in the current window, as uint32. */
  getReg(r: number): number { return this.regs[RMAPS[this.cwp][r]] >>> 0; }
  /** Set register r in the current window (writes to %g0 are discarded). */
  setReg(r: number, v: number): void { this.regs[WMAPS[this.cwp][r]] = v; }
  /** Register r as seen from window w. */
  getWinReg(w: number, r: number): number { return this.regs[RMAPS[w % NWINDOWS][r]] >>> 0; }
  /** Set register r as seen from window w. */
  setWinReg(w: number, r: number, v: number): void { this.regs[WMAPS[w % NWINDOWS][r]] = v; }

  /** The whole PSR. */
  get psr(): number {
    return (PSR_IMPL_VER | (this.icc << PSR_ICC_SHIFT) | this.psrBits | this.cwp) >>> 0;
  }
  /** Write the PSR (impl/ver ignored; EF forced to 0: no FPU; CWP taken modulo NWINDOWS). */
  set psr(v: number) {
    this.icc = (v >>> PSR_ICC_SHIFT) & 15;
    this.psrBits = v & (PSR_EC | 0xf00 | PSR_S | PSR_PS | PSR_ET);
    this.cwp = (v & 31) % NWINDOWS;
    this.mmu.setMode((this.psrBits & PSR_S) !== 0);
  }
  /** Set CWP directly (kernel use). */
  set CWP(w: number) { this.cwp = w % NWINDOWS; }
  /** True in supervisor mode. */
  get supervisor(): boolean { return (this.psrBits & PSR_S) !== 0; }
  /** TBR register value. */
  get tbr(): number { return (this.tba | (this.tt << 4)) >>> 0; }

  /** Build the Stop for the end of a run. */
  /** A fetch at breakpoint address pc: stop, unless this is the one fetch bpt_skip lets through. */
  private bpt_stop(pc: number): boolean {
    if ((pc >>> 0) === this.bpt_skip) { this.bpt_skip = -1; return false; }
    return true;
  }

  /** set_breakpoints — the instruction breakpoints (null or empty: none); flushes the TLB. */
  set_breakpoints(addrs: Iterable<number> | null): void {
    const s = new Set<number>();
    for (const a of addrs ?? []) s.add(a >>> 0);
    this.bpt = s.size > 0 ? s : null;
    this.mmu.nofetch = this.bpt ? new Set([...s].map((a) => a >>> 12)) : null;
    this.mmu.flushAll();
  }

  /** set_watchpoints — the data watchpoints (null or empty: none); flushes the TLB. */
  set_watchpoints(w: { lo: number; hi: number; rw: number }[] | null): void {
    this.wpt = w && w.length > 0 ? w.map((x) => ({ lo: x.lo >>> 0, hi: x.hi, rw: x.rw })) : null;
    const pages = (rw: number) => {
      const s = new Set<number>();
      for (const x of this.wpt ?? []) if (x.rw & rw) for (let v = x.lo >>> 12; v <= (x.hi - 1) >>> 12; v++) s.add(v);
      return s.size > 0 ? s : null;
    };
    this.mmu.noload = pages(1);
    this.mmu.nostore = pages(2);
    this.mmu.flushAll();
  }

  /** A load (rw 1) or store (rw 2) of len bytes at va: does a watchpoint cover it? (Latches watch_va.) */
  private watched(va: number, len: number, rw: number): boolean {
    const a = va >>> 0;
    for (const x of this.wpt!) {
      if ((x.rw & rw) !== 0 && a < x.hi && a + len > x.lo) { this.watch_va = a; this.watch_len = len; this.watch_rw = rw; return true; }
    }
    return false;
  }

  private finish(reason: StopReason, trap: number, pc: number, npc: number, executed: number): Stop {
    const mmuFault = trap === T.TT_DATA_ACCESS || trap === T.TT_INST_ACCESS;
    return {
      reason, trap, pc: pc >>> 0, npc: npc >>> 0, executed,
      faultAddr: mmuFault ? this.mmu.sfar >>> 0 : 0, faultStatus: mmuFault ? this.mmu.sfsr >>> 0 : 0,
    };
  }

  /**
   * Hardware trap entry (V8 §7.4), for guest-supervisor code that has a trap table:
   * ET = 0, PS = S, S = 1, CWP - 1 (no WIM check), %l1 = PC, %l2 = nPC, TBR.tt = tt, PC = TBR.
   * With ET already 0 the processor enters error mode instead.
   */
  enterTrap(tt: number): void {
    if ((this.psrBits & PSR_ET) === 0) { this.errorMode = true; return; }
    const s = this.psrBits & PSR_S;
    this.psrBits = (this.psrBits & ~(PSR_ET | PSR_PS)) | (s ? PSR_PS : 0) | PSR_S;
    this.mmu.setMode(true);
    this.cwp = (this.cwp + NWINDOWS - 1) % NWINDOWS;
    this.setReg(17, this.pc);
    this.setReg(18, this.npc);
    this.tt = tt & 0xff;
    this.pc = this.tbr | 0;
    this.npc = (this.pc + 4) | 0;
  }

  /**
   * Execute up to `budget` instructions. Returns on budget exhaustion (reason Budget), on a trap
   * (reason Trap, state untouched, pc = trapping instruction), on a pending interrupt at entry
   * (Trap with tt 0x10+level), or in error mode (Halt).
   */
  run(budget: number): Stop {
    if (this.errorMode) return this.finish(StopReason.Halt, 0, this.pc, this.npc, 0);
    if ((this.pc | this.npc) & 3) return this.finish(StopReason.Trap, 0x07, this.pc, this.npc, 0);
    if (this.irl > 0 && (this.psrBits & PSR_ET) && (this.irl === 15 || this.irl > ((this.psrBits >>> 8) & 15))) {
      return this.finish(StopReason.Trap, 0x10 + this.irl, this.pc, this.npc, 0);
    }
    // Compiled blocks only without breakpoints or watchpoints and for more than a single step.
    const n = this.jit === 'off' || this.bpt !== null || this.wpt !== null || budget < 2 ? this.interp(budget, false) : this.jit_run(budget);
    const tt = this.ltt, pc = this.pc, npc = this.npc;
    if (tt === -1) return this.finish(StopReason.Budget, 0, pc, npc, n);
    if (tt === T.TT_DEBUG_BPT || tt === T.TT_DEBUG_WATCH) return this.finish(StopReason.Trap, tt, pc, npc, n);
    if (!(this.psrBits & PSR_ET)) { this.errorMode = true; return this.finish(StopReason.Halt, tt, pc, npc, n); }
    return this.finish(StopReason.Trap, tt, pc, npc, n);
  }

  /**
   * jit_run — run() with the code cache: at each block start (npc = pc + 4, fetchable through
   * the TLB) a compiled block that fits in the budget left runs; the rest is interpreted up to
   * the next control transfer. Hotness is counted per block start; a block is compiled once it
   * was entered cc.hot times with more than JIT_TAIL instructions of budget left. Returns the
   * instructions executed; ltt holds the trap (-1 none).
   */
  private jit_run(budget: number): number {
    const cc = this.cc;
    const tagX = this.mmu.tagX, base = this.mmu.base;
    const hot = cc.hot;
    let n = 0;
    // The last page a block ran from (virtual page, its code page): chaining within a page skips the TLB.
    let cvpn = -1;
    let cpage: CodePage | null = null;
    while (n < budget) {
      const pc = this.pc;
      let b: Block | null | undefined = null;
      if (this.npc === ((pc + 4) | 0)) {
        const vpn = pc >>> 12;
        if (vpn !== cvpn) {
          const ti = vpn & TLB_MASK;
          if (tagX[ti] === vpn + 1) { cvpn = vpn; cpage = cc.page(base[ti] >>> 12); } else { cvpn = -1; cpage = null; }
        }
        if (cpage !== null) {
          const off = (pc & 0xfff) >>> 2;
          b = cpage.blocks[off];
          if (b === undefined) {
            const h = cpage.hits[off];
            if (h < hot) cpage.hits[off] = h + 1;
            else if (budget - n > JIT_TAIL) b = cc.compile(cpage, off);
          }
        }
      }
      if (b !== undefined && b !== null && b.len <= budget - n) {
        const k = b.f(this, pc, budget - n);
        n += k;
        this.instructions += k;
        this.cycles += this.jcyc;
        if (this.jtt >= 0) { this.ltt = this.jtt; return n; }
        continue;
      }
      cvpn = -1;
      n += this.interp(budget - n, true);
      if (this.ltt >= 0) return n;
    }
    this.ltt = -1;
    return n;
  }

  /**
   * bb_stop_here — for interp in bb mode, at a block start (pc, npc) with `left` instructions of
   * budget: true when jit_run should take over (a compiled block that fits is there, or one is to
   * be compiled), else counts the entry as jit_run would and returns false (interpret on).
   */
  private bb_stop_here(pc: number, npc: number, left: number): boolean {
    if (npc !== ((pc + 4) | 0)) return false;
    const vpn = pc >>> 12, ti = vpn & TLB_MASK;
    if (this.mmu.tagX[ti] !== vpn + 1) return false;
    const p = this.cc.page(this.mmu.base[ti] >>> 12), off = (pc & 0xfff) >>> 2;
    const b = p.blocks[off];
    if (b === null) return false;
    if (b !== undefined) return b.len <= left;
    const h = p.hits[off];
    if (h < this.cc.hot) { p.hits[off] = h + 1; return false; }
    return left > JIT_TAIL;
  }

  /**
   * interp — the interpreter: execute up to `budget` instructions (with `bb`, stop after a
   * control transfer and its delay slot where bb_stop_here says a compiled block is to run).
   * Updates the counts; ltt = the trap or -1.
   */
  private interp(budget: number, bb: boolean): number {
    const R = this.regs;
    const mem = this.mem;
    const dv = mem.dv;
    const u8 = mem.bytes;
    const code = mem.code;
    const mmu = this.mmu;
    const tagR = mmu.tagR, tagW = mmu.tagW, tagX = mmu.tagX, base = mmu.base;
    let pc = this.pc | 0, npc = this.npc | 0;
    let icc = this.icc;
    let cwp = this.cwp;
    let rm = RMAPS[cwp], wm = WMAPS[cwp];
    let y = this.y | 0;
    // Cycles beyond one per instruction (the cycle model's multi-cycle classes).
    let extra = 0;
    let n = 0;
    let lim = budget;
    let tt = -1;
    // A watchpoint matched (lim is then 0: the loop ends after this instruction).
    let whit = false;
    let sup = (this.psrBits & PSR_S) !== 0;
    let atLoad = sup ? 1 : 0, atFetch = sup ? 3 : 2, atStore = sup ? 5 : 4;
    // The breakpoint page's one-entry fetch cache (mmu.bpVpn/bpBase), in locals for the loop.
    let bpVpn = mmu.bpVpn, bpBase = mmu.bpBase;
    const bpw = this.bptWords;
    // The fetch page cache: the virtual page last fetched from through the TLB and its physical
    // base; dropped whenever the TLB may have been flushed (wr %psr, rett, alternate-space access).
    let fvpn = -1, fbase = 0;

    loop:
    while (n < lim) {
      // ---- fetch ----
      const vpn = pc >>> 12;
      let ipa: number;
      const ti = vpn & TLB_MASK;
      if (vpn === fvpn) ipa = fbase + (pc & 0xfff);
      else if (tagX[ti] === vpn + 1) { fvpn = vpn; fbase = base[ti]; ipa = fbase + (pc & 0xfff); }
      else if (vpn === bpVpn) {
        // A breakpoint page (never in the fetch TLB): its one-entry cache, then the breakpoint check.
        ipa = bpBase + (pc & 0xfff);
        if (bpw[(pc & 0xfff) >>> 2] !== 0 && this.bpt_stop(pc)) { tt = T.TT_DEBUG_BPT; break; }
      } else {
        if (pc & 3) { tt = 0x07; break; }
        ipa = mmu.translate(pc, atFetch);
        if (ipa < 0) { tt = 0x01; break; }
        if (mmu.nofetch !== null && mmu.nofetch.has(vpn)) {
          mmu.bpVpn = bpVpn = vpn; mmu.bpBase = bpBase = ipa - (pc & 0xfff);
          bpw.fill(0);
          for (const a of this.bpt!) if (a >>> 12 === vpn) bpw[(a & 0xfff) >>> 2] = 1;
          if (bpw[(pc & 0xfff) >>> 2] !== 0 && this.bpt_stop(pc)) { tt = T.TT_DEBUG_BPT; break; }
        }
      }
      const w = dv.getInt32(ipa);
      const idx = DECIDX[w >>> 19];
      const rd = (w >>> 25) & 31;
      const rs1 = (w >>> 14) & 31;
      let nextpc = npc, nextnpc = (npc + 4) | 0;

      switch (idx) {
        // ---------------- format 2 (op = 0) ----------------
        case 0: /* unimp */ tt = 0x02; break loop;
        case 2: { /* Bicc */
          const cond = (w >>> 25) & 15;
          const annul = (w >>> 29) & 1;
          const target = (pc + ((w << 10) >> 8)) | 0;
          let skip = false;
          if (cond === 8) { // ba
            if (annul) { nextpc = target; nextnpc = (target + 4) | 0; skip = true; }
            else nextnpc = target;
          } else if (CONDTAB[(cond << 4) | icc]) {
            nextnpc = target;
          } else if (annul) {
            nextpc = (npc + 4) | 0; nextnpc = (npc + 8) | 0; skip = true;
          }
          if (bb) { const l = n + (skip ? 1 : 2); if (l < lim) lim = l; }
          break;
        }
        case 4: /* sethi */ R[wm[rd]] = w << 10; break;
        case 6: /* FBfcc */ tt = 0x04; break loop;
        case 7: /* CBccc */ tt = 0x24; break loop;
        case 1: case 3: case 5: tt = 0x02; break loop;

        // ---------------- format 1: call ----------------
        case 64: {
          R[wm[15]] = pc;
          nextnpc = (pc + (w << 2)) | 0;
          extra += 1;
          if (bb && n + 2 < lim) lim = n + 2;
          break;
        }

        // ---------------- format 3, op = 2 ----------------
        case 0x80: /* add */ R[wm[rd]] = R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]); break;
        case 0x81: /* and */ R[wm[rd]] = R[rm[rs1]] & (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]); break;
        case 0x82: /* or */ R[wm[rd]] = R[rm[rs1]] | (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]); break;
        case 0x83: /* xor */ R[wm[rd]] = R[rm[rs1]] ^ (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]); break;
        case 0x84: /* sub */ R[wm[rd]] = R[rm[rs1]] - (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]); break;
        case 0x85: /* andn */ R[wm[rd]] = R[rm[rs1]] & ~(w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]); break;
        case 0x86: /* orn */ R[wm[rd]] = R[rm[rs1]] | ~(w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]); break;
        case 0x87: /* xnor */ R[wm[rd]] = ~(R[rm[rs1]] ^ (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]])); break;
        case 0x88: /* addx */ R[wm[rd]] = R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]) + (icc & 1); break;
        case 0x8c: /* subx */ R[wm[rd]] = R[rm[rs1]] - (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]) - (icc & 1); break;
        case 0x8a: case 0x8b: case 0x9a: case 0x9b: { /* umul smul umulcc smulcc */
          const a = R[rm[rs1]], b = w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]];
          const lo = Math.imul(a, b);
          let hi = umulhi(a >>> 0, b >>> 0);
          if (idx & 1) hi = (hi - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
          y = hi;
          R[wm[rd]] = lo;
          if (idx & 0x10) icc = ((lo >>> 28) & 8) | (lo === 0 ? 4 : 0);
          extra += 4;
          break;
        }
        case 0x8e: case 0x8f: case 0x9e: case 0x9f: { /* udiv sdiv udivcc sdivcc */
          const a = R[rm[rs1]], b = w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]];
          if (b === 0) { tt = 0x2a; break loop; }
          const q = sparc_div(a, b, y, (idx & 1) !== 0);
          R[wm[rd]] = q;
          if (idx & 0x10) icc = ((q >>> 28) & 8) | (q === 0 ? 4 : 0) | (divv.v << 1);
          extra += 35;
          break;
        }
        case 0x90: { /* addcc */
          const a = R[rm[rs1]], b = w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]];
          const r = (a + b) | 0;
          R[wm[rd]] = r;
          icc = ((r >>> 28) & 8) | (r === 0 ? 4 : 0) | (((~(a ^ b) & (a ^ r)) >>> 31) << 1) |
            ((a >>> 0) + (b >>> 0) > 0xffffffff ? 1 : 0);
          break;
        }
        case 0x98: { /* addxcc */
          const a = R[rm[rs1]], b = w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]], c = icc & 1;
          const r = (a + b + c) | 0;
          R[wm[rd]] = r;
          icc = ((r >>> 28) & 8) | (r === 0 ? 4 : 0) | (((~(a ^ b) & (a ^ r)) >>> 31) << 1) |
            ((a >>> 0) + (b >>> 0) + c > 0xffffffff ? 1 : 0);
          break;
        }
        case 0x94: { /* subcc */
          const a = R[rm[rs1]], b = w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]];
          const r = (a - b) | 0;
          R[wm[rd]] = r;
          icc = ((r >>> 28) & 8) | (r === 0 ? 4 : 0) | ((((a ^ b) & (a ^ r)) >>> 31) << 1) |
            ((a >>> 0) < (b >>> 0) ? 1 : 0);
          break;
        }
        case 0x9c: { /* subxcc */
          const a = R[rm[rs1]], b = w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]], c = icc & 1;
          const r = (a - b - c) | 0;
          R[wm[rd]] = r;
          icc = ((r >>> 28) & 8) | (r === 0 ? 4 : 0) | ((((a ^ b) & (a ^ r)) >>> 31) << 1) |
            ((a >>> 0) < (b >>> 0) + c ? 1 : 0);
          break;
        }
        case 0x91: case 0x92: case 0x93: case 0x95: case 0x96: case 0x97: { /* logical cc */
          const a = R[rm[rs1]], b = w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]];
          let r: number;
          switch (idx) {
            case 0x91: r = a & b; break;
            case 0x92: r = a | b; break;
            case 0x93: r = a ^ b; break;
            case 0x95: r = a & ~b; break;
            case 0x96: r = a | ~b; break;
            default: r = ~(a ^ b); break;
          }
          R[wm[rd]] = r;
          icc = ((r >>> 28) & 8) | (r === 0 ? 4 : 0);
          break;
        }
        case 0xa0: case 0xa1: case 0xa2: case 0xa3: { /* taddcc tsubcc taddcctv tsubcctv */
          const a = R[rm[rs1]], b = w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]];
          const isSub = idx & 1;
          const r = isSub ? (a - b) | 0 : (a + b) | 0;
          const ov = isSub ? ((a ^ b) & (a ^ r)) >>> 31 : (~(a ^ b) & (a ^ r)) >>> 31;
          const v = ov | ((a | b) & 3 ? 1 : 0);
          if (v && (idx & 2)) { tt = 0x0a; break loop; }
          const c = isSub ? ((a >>> 0) < (b >>> 0) ? 1 : 0) : ((a >>> 0) + (b >>> 0) > 0xffffffff ? 1 : 0);
          R[wm[rd]] = r;
          icc = ((r >>> 28) & 8) | (r === 0 ? 4 : 0) | (v << 1) | c;
          break;
        }
        case 0xa4: { /* mulscc */
          const a = R[rm[rs1]];
          const b = y & 1 ? (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]) : 0;
          const nv = ((icc >>> 3) ^ (icc >>> 1)) & 1;
          const op1 = (nv << 31) | (a >>> 1);
          const r = (op1 + b) | 0;
          y = (y >>> 1) | (a << 31);
          R[wm[rd]] = r;
          icc = ((r >>> 28) & 8) | (r === 0 ? 4 : 0) | (((~(op1 ^ b) & (op1 ^ r)) >>> 31) << 1) |
            ((op1 >>> 0) + (b >>> 0) > 0xffffffff ? 1 : 0);
          break;
        }
        case 0xa5: /* sll */ R[wm[rd]] = R[rm[rs1]] << (w & 0x2000 ? w : R[rm[w & 31]]); break;
        case 0xa6: /* srl */ R[wm[rd]] = R[rm[rs1]] >>> (w & 0x2000 ? w : R[rm[w & 31]]); break;
        case 0xa7: /* sra */ R[wm[rd]] = R[rm[rs1]] >> (w & 0x2000 ? w : R[rm[w & 31]]); break;
        case 0xa8: /* rd %y / stbar / rdasr */
          if (rs1 === 0) R[wm[rd]] = y;
          else if (rs1 === 15 && rd === 0) { /* stbar */ }
          else { tt = 0x02; break loop; }
          break;
        case 0xa9: case 0xaa: case 0xab: { /* rd %psr, %wim, %tbr */
          if (!sup) { tt = 0x03; break loop; }
          this.icc = icc; this.cwp = cwp;
          R[wm[rd]] = idx === 0xa9 ? this.psr : idx === 0xaa ? this.wim : this.tbr;
          break;
        }
        case 0xb0: { /* wr %y / wrasr */
          if (rd !== 0) { tt = 0x02; break loop; }
          y = R[rm[rs1]] ^ (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]);
          break;
        }
        case 0xb1: case 0xb2: case 0xb3: { /* wr %psr, %wim, %tbr */
          if (!sup) { tt = 0x03; break loop; }
          const v = R[rm[rs1]] ^ (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]);
          if (idx === 0xb1) {
            if ((v & 31) >= NWINDOWS) { tt = 0x02; break loop; }
            this.psr = v;
            fvpn = -1;
            icc = this.icc; cwp = this.cwp; rm = RMAPS[cwp]; wm = WMAPS[cwp];
            sup = (this.psrBits & PSR_S) !== 0;
            atLoad = sup ? 1 : 0; atFetch = sup ? 3 : 2; atStore = sup ? 5 : 4;
          } else if (idx === 0xb2) this.wim = v & ((1 << NWINDOWS) - 1);
          else this.tba = v & 0xfffff000;
          break;
        }
        case 0xb4: case 0xb5: /* FPop */ tt = 0x04; break loop;
        case 0xb6: case 0xb7: /* CPop */ tt = 0x24; break loop;
        case 0xb8: { /* jmpl */
          const target = (R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]])) | 0;
          if (target & 3) { tt = 0x07; break loop; }
          R[wm[rd]] = pc;
          nextnpc = target;
          extra += 1;
          if (bb && n + 2 < lim) lim = n + 2;
          break;
        }
        case 0xb9: { /* rett */
          if (this.psrBits & PSR_ET) { tt = sup ? 0x02 : 0x03; break loop; }
          if (!sup) { tt = 0x03; break loop; } // ET = 0 in user mode: error mode below
          const ncwp = (cwp + 1) % NWINDOWS;
          if ((this.wim >>> ncwp) & 1) { tt = 0x06; break loop; }
          const target = (R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]])) | 0;
          if (target & 3) { tt = 0x07; break loop; }
          cwp = ncwp; rm = RMAPS[cwp]; wm = WMAPS[cwp];
          const ps = this.psrBits & PSR_PS;
          this.psrBits = (this.psrBits & ~PSR_S) | (ps ? PSR_S : 0) | PSR_ET;
          this.mmu.setMode(ps !== 0);
          fvpn = -1;
          sup = ps !== 0;
          atLoad = sup ? 1 : 0; atFetch = sup ? 3 : 2; atStore = sup ? 5 : 4;
          nextnpc = target;
          extra += 1;
          if (bb && n + 2 < lim) lim = n + 2;
          break;
        }
        case 0xba: { /* Ticc */
          const cond = (w >>> 25) & 15;
          if (CONDTAB[(cond << 4) | icc]) {
            tt = 0x80 + ((R[rm[rs1]] + (w & 0x2000 ? w : R[rm[w & 31]])) & 0x7f);
            break loop;
          }
          extra += 3;
          break;
        }
        case 0xbb: /* flush */ break;
        case 0xbc: { /* save */
          const ncwp = (cwp + NWINDOWS - 1) % NWINDOWS;
          if ((this.wim >>> ncwp) & 1) { tt = 0x05; break loop; }
          const v = R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]);
          cwp = ncwp; rm = RMAPS[cwp]; wm = WMAPS[cwp];
          R[wm[rd]] = v;
          break;
        }
        case 0xbd: { /* restore */
          const ncwp = (cwp + 1) % NWINDOWS;
          if ((this.wim >>> ncwp) & 1) { tt = 0x06; break loop; }
          const v = R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]]);
          cwp = ncwp; rm = RMAPS[cwp]; wm = WMAPS[cwp];
          R[wm[rd]] = v;
          break;
        }

        // ---------------- format 3, op = 3: loads and stores ----------------
        case 0xc0: case 0xc1: case 0xc2: case 0xc9: case 0xca: { /* ld ldub lduh ldsb ldsh */
          const va = (R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]])) | 0;
          const sz = idx === 0xc0 ? 3 : idx === 0xc2 || idx === 0xca ? 1 : 0;
          if (va & sz) { tt = 0x07; break loop; }
          const v = va >>> 12, i = v & TLB_MASK;
          let pa: number;
          if (tagR[i] === v + 1) pa = base[i] + (va & 0xfff);
          else {
            pa = mmu.translate(va, atLoad); if (pa < 0) { tt = 0x09; break loop; }
            if (this.wpt !== null && this.watched(va, sz + 1, 1)) { lim = 0; whit = true; }
          }
          R[wm[rd]] = idx === 0xc0 ? dv.getInt32(pa) : idx === 0xc1 ? u8[pa] : idx === 0xc2 ? dv.getUint16(pa)
            : idx === 0xc9 ? dv.getInt8(pa) : dv.getInt16(pa);
          extra += 1;
          break;
        }
        case 0xc3: { /* ldd */
          if (rd & 1) { tt = 0x02; break loop; }
          const va = (R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]])) | 0;
          if (va & 7) { tt = 0x07; break loop; }
          const v = va >>> 12, i = v & TLB_MASK;
          let pa: number;
          if (tagR[i] === v + 1) pa = base[i] + (va & 0xfff);
          else {
            pa = mmu.translate(va, atLoad); if (pa < 0) { tt = 0x09; break loop; }
            if (this.wpt !== null && this.watched(va, 8, 1)) { lim = 0; whit = true; }
          }
          R[wm[rd]] = dv.getInt32(pa);
          R[wm[rd + 1]] = dv.getInt32(pa + 4);
          extra += 2;
          break;
        }
        case 0xc4: case 0xc5: case 0xc6: { /* st stb sth */
          const va = (R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]])) | 0;
          const sz = idx === 0xc4 ? 3 : idx === 0xc6 ? 1 : 0;
          if (va & sz) { tt = 0x07; break loop; }
          const v = va >>> 12, i = v & TLB_MASK;
          let pa: number;
          if (tagW[i] === v + 1) pa = base[i] + (va & 0xfff);
          else {
            pa = mmu.translate(va, atStore);
            if (pa < 0) { tt = 0x09; break loop; }
            if (code[pa >>> 12] !== 0) mem.written(pa, 1);
            if (this.wpt !== null && this.watched(va, sz + 1, 2)) { lim = 0; whit = true; }
          }
          const val = R[rm[rd]];
          if (idx === 0xc4) dv.setInt32(pa, val); else if (idx === 0xc5) u8[pa] = val; else dv.setInt16(pa, val);
          extra += 2;
          break;
        }
        case 0xc7: { /* std */
          if (rd & 1) { tt = 0x02; break loop; }
          const va = (R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]])) | 0;
          if (va & 7) { tt = 0x07; break loop; }
          const v = va >>> 12, i = v & TLB_MASK;
          let pa: number;
          if (tagW[i] === v + 1) pa = base[i] + (va & 0xfff);
          else {
            pa = mmu.translate(va, atStore);
            if (pa < 0) { tt = 0x09; break loop; }
            if (code[pa >>> 12] !== 0) mem.written(pa, 8);
            if (this.wpt !== null && this.watched(va, 8, 2)) { lim = 0; whit = true; }
          }
          dv.setInt32(pa, R[rm[rd]]);
          dv.setInt32(pa + 4, R[rm[rd + 1]]);
          extra += 3;
          break;
        }
        case 0xcd: case 0xcf: { /* ldstub swap */
          const va = (R[rm[rs1]] + (w & 0x2000 ? (w << 19) >> 19 : R[rm[w & 31]])) | 0;
          if (idx === 0xcf && (va & 3)) { tt = 0x07; break loop; }
          const v = va >>> 12, i = v & TLB_MASK;
          let pa: number;
          if (tagW[i] === v + 1 && tagR[i] === v + 1) pa = base[i] + (va & 0xfff);
          else {
            pa = mmu.translate(va, atLoad);
            if (pa >= 0) pa = mmu.translate(va, atStore);
            if (pa < 0) { tt = 0x09; break loop; }
            if (code[pa >>> 12] !== 0) mem.written(pa, 4);
            if (this.wpt !== null && (this.watched(va, idx === 0xcd ? 1 : 4, 2) || this.watched(va, idx === 0xcd ? 1 : 4, 1))) { lim = 0; whit = true; }
          }
          if (idx === 0xcd) { R[wm[rd]] = u8[pa]; u8[pa] = 0xff; }
          else { const old = dv.getInt32(pa); dv.setInt32(pa, R[rm[rd]]); R[wm[rd]] = old; }
          extra += 3;
          break;
        }
        case 0xd0: case 0xd1: case 0xd2: case 0xd3: case 0xd4: case 0xd5: case 0xd6: case 0xd7:
        case 0xd9: case 0xda: case 0xdd: case 0xdf: { /* alternate space */
          if (!sup) { tt = 0x03; break loop; }
          if (w & 0x2000) { tt = 0x02; break loop; }
          const r = this.altAccess(idx, w, (R[rm[rs1]] + R[rm[w & 31]]) | 0, rm, wm);
          fvpn = -1;
          if (r >= 0) { tt = r; break loop; }
          extra += IDXCYC[idx] - 1;
          break;
        }
        case 0xe0: case 0xe1: case 0xe3: case 0xe4: case 0xe5: case 0xe6: case 0xe7:
          /* FP loads/stores */ tt = 0x04; break loop;
        case 0xf0: case 0xf1: case 0xf3: case 0xf4: case 0xf5: case 0xf6: case 0xf7:
          /* coprocessor loads/stores */ tt = 0x24; break loop;
        default:
          tt = 0x02; break loop;
      }
      n++;
      pc = nextpc; npc = nextnpc;
      // The end of a stretch in bb mode: go on unless the block starting here is to run compiled.
      if (n === lim && bb && lim < budget && !this.bb_stop_here(pc, npc, budget - n)) lim = budget;
    }

    this.pc = pc; this.npc = npc; this.icc = icc; this.cwp = cwp; this.y = y;
    this.instructions += n;
    this.cycles += n + extra;
    // A watched load or store completed: stop after it (the debugger's watch unit).
    this.ltt = tt === -1 && whit ? T.TT_DEBUG_WATCH : tt;
    return n;
  }

  /** Translate va for a load by a compiled block (its TLB miss path): the PA or -1 (SFSR/SFAR latched). */
  jit_tr(va: number): number { return this.mmu.translate(va, (this.psrBits & PSR_S) !== 0 ? 1 : 0); }
  /** Translate va for a store by a compiled block; a store to a code page drops its compiled code. */
  jit_tw(va: number): number {
    const pa = this.mmu.translate(va, (this.psrBits & PSR_S) !== 0 ? 5 : 4);
    if (pa >= 0 && this.mem.code[pa >>> 12] !== 0) this.mem.written(pa, 1);
    return pa;
  }

  /**
   * Alternate-space load/store (supervisor only). Returns -1 on success or a trap type.
   * ASIs: 3 MMU probe/flush, 4 MMU registers, 8/9 user/supervisor instruction, 0xA/0xB user/supervisor
   * data, 0x20 MMU bypass (physical), 0x10–0x14 cache flushes (no cache: no-ops).
   */
  private altAccess(idx: number, w: number, va: number, rm: Int32Array, wm: Int32Array): number {
    const asi = (w >>> 5) & 0xff;
    const rd = (w >>> 25) & 31;
    const R = this.regs;
    const mem = this.mem;
    const isLoad = idx === 0xd0 || idx === 0xd1 || idx === 0xd2 || idx === 0xd3 || idx === 0xd9 || idx === 0xda;
    const size = idx === 0xd3 || idx === 0xd7 ? 8 : idx === 0xd0 || idx === 0xd4 || idx === 0xdf ? 4
      : idx === 0xd2 || idx === 0xd6 || idx === 0xda ? 2 : 1;
    if ((idx === 0xd3 || idx === 0xd7) && (rd & 1)) return 0x02;
    if (va & (size - 1)) return 0x07;
    if (asi === 3) {
      if (isLoad) { R[wm[rd]] = this.mmu.probe(va); if (size === 8) R[wm[rd + 1]] = 0; }
      else this.mmu.flush(va);
      return -1;
    }
    if (asi === 4) {
      if (isLoad) { R[wm[rd]] = this.mmu.readReg(va); if (size === 8) R[wm[rd + 1]] = 0; }
      else {
        this.mmu.writeReg(va, R[rm[rd]]);
      }
      return -1;
    }
    if (asi >= 0x10 && asi <= 0x14) return -1;
    let pa: number;
    if (asi === 0x20) {
      pa = va >>> 0;
      if (!mem.valid(pa, size)) return 0x29;
    } else if (asi >= 8 && asi <= 0xb) {
      const superAcc = asi & 1, fetch = asi < 0xa;
      const store = !isLoad;
      let at = (fetch ? 2 : 0) | superAcc;
      if (idx === 0xdd || idx === 0xdf) { if (this.mmu.translate(va, at) < 0) return 0x09; }
      if (store) at = 4 | superAcc;
      pa = this.mmu.translate(va, at);
      if (pa < 0) return 0x09;
    } else return 0x09;
    if (idx >= 0xd4 && idx !== 0xd9 && idx !== 0xda) mem.written(pa, size); // stores, ldstuba, swapa
    const dv = mem.dv;
    switch (idx) {
      case 0xd0: R[wm[rd]] = dv.getInt32(pa); break;
      case 0xd1: R[wm[rd]] = mem.bytes[pa]; break;
      case 0xd2: R[wm[rd]] = dv.getUint16(pa); break;
      case 0xd9: R[wm[rd]] = dv.getInt8(pa); break;
      case 0xda: R[wm[rd]] = dv.getInt16(pa); break;
      case 0xd3: R[wm[rd]] = dv.getInt32(pa); R[wm[rd + 1]] = dv.getInt32(pa + 4); break;
      case 0xd4: dv.setInt32(pa, R[rm[rd]]); break;
      case 0xd5: mem.bytes[pa] = R[rm[rd]]; break;
      case 0xd6: dv.setInt16(pa, R[rm[rd]]); break;
      case 0xd7: dv.setInt32(pa, R[rm[rd]]); dv.setInt32(pa + 4, R[rm[rd + 1]]); break;
      case 0xdd: R[wm[rd]] = mem.bytes[pa]; mem.bytes[pa] = 0xff; break;
      case 0xdf: { const old = dv.getInt32(pa); dv.setInt32(pa, R[rm[rd]]); R[wm[rd]] = old; break; }
    }
    return -1;
  }

  /** Reset: supervisor, traps disabled, CWP 0, PC 0 (V8 reset trap semantics minus the vector). */
  reset(): void {
    this.regs.fill(0);
    this.pc = 0; this.npc = 4; this.icc = 0; this.cwp = 0; this.psrBits = PSR_S; this.wim = 0;
    this.tba = 0; this.tt = 0; this.y = 0; this.errorMode = false;
    this.mmu.control = 0; this.mmu.setMode(true); this.mmu.flushAll();
  }

  get_state(): HwState {
    return {
      regs: Array.from(this.regs.subarray(0, NREGS)), pc: this.pc, npc: this.npc, psr: this.psr, wim: this.wim,
      tba: this.tba, tt: this.tt, y: this.y, instructions: this.instructions, cycles: this.cycles,
      irl: this.irl, errorMode: this.errorMode, mmu: this.mmu.get_state(),
    };
  }
  set_state(s: HwState): void {
    this.regs.set(s.regs as number[]);
    this.pc = s.pc as number; this.npc = s.npc as number; this.psr = s.psr as number; this.wim = s.wim as number;
    this.tba = s.tba as number; this.tt = s.tt as number; this.y = s.y as number;
    this.instructions = s.instructions as number; this.cycles = s.cycles as number; this.irl = s.irl as number;
    this.errorMode = s.errorMode as boolean;
    this.mmu.set_state(s.mmu as HwState);
    this.mmu.setMode(this.supervisor);
  }
}
