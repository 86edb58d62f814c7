/*
 * hw/x86/cpu.ts — an i386/i686 integer CPU in 32-bit protected mode: flat code, data segment
 * registers with base/limit descriptor caches loaded from a GDT in memory (for %fs/%gs thread
 * pointers), CPL 0 or 3, EFLAGS, paging (paging.ts), and every integer instruction GCC emits for
 * -march=i686. A fault leaves the state as before the instruction; run() never calls the kernel.
 * Left out: x87/MMX/SSE (#NM, as with CR0.EM = 1), far transfers and iret, task switches, I/O
 * (#GP), v8086 and real mode, the LDT, guest IDT delivery. Flags Intel leaves undefined are set as
 * the golden host (an Intel Xeon) sets them; each choice is written at its instruction (shifts,
 * shld/shrd, mul/imul, bsf/bsr, daa/das, aaa/aas, aam/aad) and test/hw/x86/cpu_random.test.ts checks them.
 */

import { StopReason, type Cpu, type HwState, type Stop } from '../machine.ts';
import type { PhysMem } from '../mem/phys_mem.ts';
import { X86Paging, XLATE_BUS, XLATE_FAULT, CR0_PE } from './paging.ts';
import * as V from './trap_types.ts';

/** EFLAGS bits. */
export const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, IF = 0x200, DF = 0x400,
  OF = 0x800, IOPL = 0x3000, NT = 0x4000, RF = 0x10000, VM = 0x20000, AC = 0x40000, ID = 0x200000;
/** The six status flags. */
export const STATUS = CF | PF | AF | ZF | SF | OF;
/** Bits popf can change at CPL 0 (IF and IOPL also need privilege; see popf). */
const POPF_MASK = STATUS | TF | IF | DF | IOPL | NT | AC | ID;

/** Register numbers (ModRM order). */
export const EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
/** Segment register numbers (ModRM sreg order). */
export const ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

/** Cycle charges beyond the 1 every instruction costs (a documented model, not a real core's timings). */
export const CYC_MUL = 3, CYC_DIV = 20, CYC_STRING_ITER = 1, CYC_PAGE_WALK = 0;

const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let p = 0;
  for (let b = i; b; b >>= 1) p ^= b & 1;
  PARITY[i] = p ? 0 : PF;
}
const MASK = [0, 0xff, 0xffff, 0, 0xffffffff];
const SIGN = [0, 0x80, 0x8000, 0, 0x80000000];
const BITS = [0, 8, 16, 0, 32];

/** Thrown (one shared object) by memory accessors and checks; run() turns it into a Stop. */
const FAULT = { fault: true };

/** Flags from a result: ZF, SF, PF (res already masked to size). */
function szp(res: number, sz: number): number {
  return (res === 0 ? ZF : 0) | ((res & SIGN[sz]) !== 0 ? SF : 0) | PARITY[res & 0xff];
}

/** 64-bit unsigned product of two uint32 as [lo, hi] (exact, no BigInt). */
function mul32(a: number, b: number, out: Float64Array): void {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const lo = a0 * b0, m1 = a1 * b0, m2 = a0 * b1, hi = a1 * b1;
  const mid = (lo >>> 16) + (m1 & 0xffff) + (m2 & 0xffff);
  out[0] = ((lo & 0xffff) + (mid & 0xffff) * 65536) >>> 0;
  out[1] = (hi + (m1 >>> 16) + (m2 >>> 16) + Math.floor(mid / 65536)) >>> 0;
}

/** (hi:lo) / d for hi < d, as [quotient, remainder] (uint32), exactly, in 16-bit steps of double arithmetic. */
function udiv64(hi: number, lo: number, d: number, out: Float64Array): void {
  if (hi === 0) { out[0] = Math.floor(lo / d); out[1] = lo % d; return; }
  let t = hi * 65536 + (lo >>> 16);
  const q1 = Math.floor(t / d);
  t = (t - q1 * d) * 65536 + (lo & 0xffff);
  const q0 = Math.floor(t / d);
  out[0] = (q1 * 65536 + q0) >>> 0;
  out[1] = t - q0 * d;
}

/** A segment descriptor cache: selector, base, limit (byte granular, inclusive), usable. */
export interface SegCache { sel: number; base: number; limit: number }

/**
 * X86Cpu — one i686 integer CPU. General registers live in `regs` (EAX..EDI, int32); `eip`,
 * `eflags` (bit 1 always set), `cpl`, segment caches in sel/segBase/segLimit, control registers in
 * `paging` (cr0, cr2, cr3). The kernel sets user state directly (set_seg, cpl, eip) and resumes.
 */
export class X86Cpu implements Cpu {
  readonly id: number;
  readonly isa = 'x86' as const;
  readonly mem: PhysMem;
  readonly paging: X86Paging;
  readonly regs = new Int32Array(8);
  eip = 0;
  eflags = 0x2;
  /** Current privilege level (0 or 3); the low bits of the CS selector follow it. */
  cpl = 0;
  readonly sel = new Int32Array(6);
  readonly segBase = new Int32Array(6);
  /** Inclusive limits as uint32 in a Float64Array (0xffffffff = flat, no check). */
  readonly segLimit = new Float64Array(6).fill(0xffffffff);
  /** A null selector was loaded (an access through it raises #GP(0)). */
  readonly segNull = new Uint8Array(6);
  gdtBase = 0; gdtLimit = 0xffff; idtBase = 0; idtLimit = 0x7ff;
  tr = 0;
  cr4 = 0;
  instructions = 0;
  cycles = 0;
  irl = 0;
  halted = false;
  /**
   * Debugger instruction breakpoints (linear addresses; not part of the architecture, like the
   * SPARC CPU's): reaching one stops run() with VEC_DEBUG_BPT before the instruction, changing
   * nothing. `bpt_skip` lets the next instruction at that address run once (resuming).
   */
  bpt: Set<number> | null = null;
  bpt_skip = -1;

  // Per-instruction decode state.
  private start = 0;
  private opsz = 4;
  private adsz = 4;
  private segOvr = -1;
  private rep = 0;          // 0, 0xf2 (repne), 0xf3 (rep/repe)
  private lock = false;
  private modrm = 0;
  private eaReg = -1;       // register operand of r/m when mod = 3, else -1
  private eaOff = 0;        // offset (before segment) of a memory operand
  private eaSeg = DS;
  // Pending exception.
  private vec = 0;
  private err = 0;
  private faultAddr = 0;
  private readonly m64 = new Float64Array(2);
  /** Descriptor-table reads are supervisor accesses whatever the CPL. */
  private implicitSup = false;
  /** The shift being executed has an immediate count (C0/C1) and a register operand: rol/ror then leave OF alone for counts > 1 (host behaviour). */
  private shImm = false;
  /**
   * Fetch window: EIPs in [fLo, fHi) are read from mem.bytes[eip + fDelta] (one code page at the
   * current CS base and CPL). Dropped by tlb_flush().
   */
  private fLo = 0;
  private fHi = 0;
  private fDelta = 0;
  /** Segment registers usable without checks (limit 4 GiB, not null): linear = base + offset. */
  private readonly segPlain = new Uint8Array(6).fill(1);
  /**
   * Data TLBs of the CPU, in front of paging.ts (also used with paging off): tag = linear page
   * number << 1 | user, page physical base. The write TLB holds only pages whose walk for a write
   * succeeded (D set). Dropped whenever the paging unit's generation changes.
   */
  private readonly rtTag = new Int32Array(256).fill(-1);
  private readonly rtPa = new Int32Array(256);
  private readonly wtTag = new Int32Array(256).fill(-1);
  private readonly wtPa = new Int32Array(256);
  private tGen = -1;
  /** 1 at CPL 3 (sampled at the start of run()). */
  private ub = 0;
  private esp0 = 0;
  private fl0 = 0;

  /** Create a CPU at CPL 0 with flat segments, paging off, EIP 0. */
  constructor(mem: PhysMem, id = 0) {
    this.mem = mem;
    this.id = id;
    this.paging = new X86Paging(mem);
    this.paging.cr0 = CR0_PE;
  }

  // ---- state helpers -------------------------------------------------------------------------

  /** Register r as uint32. */
  getReg(r: number): number { return this.regs[r] >>> 0; }
  setReg(r: number, v: number): void { this.regs[r] = v; }
  /** The CR0, CR2, CR3 views. */
  get cr0(): number { return this.paging.cr0 >>> 0; }
  set cr0(v: number) { this.paging.set_cr0(v); this.tlb_sync(); }
  get cr2(): number { return this.paging.cr2 >>> 0; }
  set cr2(v: number) { this.paging.cr2 = v >>> 0; }
  get cr3(): number { return this.paging.cr3 >>> 0; }
  set cr3(v: number) { this.paging.cr3 = v; this.tlb_sync(); }

  /** Load a segment descriptor cache directly (what a kernel's descriptor load leaves behind). */
  set_seg(s: number, sel: number, base: number, limit = 0xffffffff): void {
    this.sel[s] = sel & 0xffff;
    this.segBase[s] = base | 0;
    this.segLimit[s] = limit >>> 0;
    this.segNull[s] = 0;
    this.seg_sync(s);
    if (s === CS) { this.cpl = sel & 3; this.tlb_flush(); }
  }
  /** Recompute the no-check flag of segment s from its cache. */
  private seg_sync(s: number): void {
    this.segPlain[s] = this.segNull[s] === 0 && this.segLimit[s] === 0xffffffff ? 1 : 0;
  }
  /** set_breakpoints — the instruction breakpoints (null or empty: none). */
  set_breakpoints(addrs: Iterable<number> | null): void {
    const s = new Set<number>();
    for (const a of addrs ?? []) s.add(a >>> 0);
    this.bpt = s.size > 0 ? s : null;
  }
  /** Drop the CPU's fetch window and data TLBs (after any change to translations or CPL). */
  tlb_flush(): void {
    this.rtTag.fill(-1); this.wtTag.fill(-1);
    this.fLo = 0; this.fHi = 0;
    this.tGen = this.paging.gen;
  }
  private tlb_sync(): void { if (this.tGen !== this.paging.gen) this.tlb_flush(); else { this.fLo = 0; this.fHi = 0; } }
  /** Enter ring 3 (or 0) with flat segments and the given selectors for CS and the data segments. */
  set_flat(cpl: number, csSel = cpl === 3 ? 0x1b : 0x08, dsSel = cpl === 3 ? 0x23 : 0x10): void {
    for (let s = 0; s < 6; s++) this.set_seg(s, s === CS ? csSel : dsSel, 0);
    this.cpl = cpl;
    this.tlb_flush();
  }

  // ---- exceptions ----------------------------------------------------------------------------

  private raise(vec: number, err = 0): never {
    this.vec = vec; this.err = err;
    throw FAULT;
  }
  private ud(): never { return this.raise(V.VEC_UD); }
  private gp(err = 0): never { return this.raise(V.VEC_GP, err); }

  // ---- memory -------------------------------------------------------------------------------

  /** Linear → physical for one byte, raising #PF/#MC. */
  private xlate(lin: number, write: boolean): number {
    const pa = this.paging.translate(lin, write, this.cpl === 3 && !this.implicitSup);
    if (pa >= 0) return pa;
    if (pa === XLATE_FAULT) { this.faultAddr = this.paging.cr2; return this.raise(V.VEC_PF, this.paging.fault_code); }
    this.faultAddr = this.paging.fault_pa;
    return this.raise(V.VEC_MC);
  }
  /** Segment check + base: the linear address of offset `off` for a `len`-byte access. */
  private lin(seg: number, off: number, len: number, write: boolean): number {
    off >>>= 0;
    if (this.segNull[seg]) return seg === SS ? this.raise(V.VEC_SS, 0) : this.gp(0);
    const lim = this.segLimit[seg];
    if (lim !== 0xffffffff && off + len - 1 > lim) return seg === SS ? this.raise(V.VEC_SS, 0) : this.gp(0);
    void write;
    return (this.segBase[seg] + off) >>> 0;
  }
  /** Slow path of a one-page access: translate (may fault) and fill the CPU TLBs. */
  private fill(l: number, write: boolean): number {
    const pa = this.xlate(l, write);
    if (this.implicitSup) return pa; // a supervisor translation must not serve CPL 3 accesses
    const i = (l >>> 12) & 255, tag = ((l >>> 11) & ~1) | this.ub, base = pa & ~0xfff;
    this.rtTag[i] = tag; this.rtPa[i] = base;
    if (write) { this.wtTag[i] = tag; this.wtPa[i] = base; }
    return pa;
  }
  private rpa(l: number): number {
    const i = (l >>> 12) & 255;
    return this.rtTag[i] === (((l >>> 11) & ~1) | this.ub) ? this.rtPa[i] | (l & 0xfff) : this.fill(l, false);
  }
  private wpa(l: number): number {
    const i = (l >>> 12) & 255;
    return this.wtTag[i] === (((l >>> 11) & ~1) | this.ub) ? this.wtPa[i] | (l & 0xfff) : this.fill(l, true);
  }
  private rdLin8(l: number): number { return this.mem.bytes[this.rpa(l)]; }
  private rdLin16(l: number): number {
    if ((l & 0xfff) <= 0xffe) return this.mem.dv.getUint16(this.rpa(l), true);
    const p0 = this.rpa(l), p1 = this.rpa((l + 1) >>> 0);
    return this.mem.bytes[p0] | (this.mem.bytes[p1] << 8);
  }
  private rdLin32(l: number): number {
    if ((l & 0xfff) <= 0xffc) return this.mem.dv.getUint32(this.rpa(l), true);
    let v = 0;
    const ps = [this.rpa(l), this.rpa((l + 1) >>> 0), this.rpa((l + 2) >>> 0), this.rpa((l + 3) >>> 0)];
    for (let k = 3; k >= 0; k--) v = (v * 256) + this.mem.bytes[ps[k]];
    return v >>> 0;
  }
  private wrLin8(l: number, v: number): void { this.mem.bytes[this.wpa(l)] = v; }
  private wrLin16(l: number, v: number): void {
    if ((l & 0xfff) <= 0xffe) { this.mem.dv.setUint16(this.wpa(l), v, true); return; }
    const p0 = this.wpa(l), p1 = this.wpa((l + 1) >>> 0);
    this.mem.bytes[p0] = v; this.mem.bytes[p1] = v >>> 8;
  }
  private wrLin32(l: number, v: number): void {
    if ((l & 0xfff) <= 0xffc) { this.mem.dv.setUint32(this.wpa(l), v >>> 0, true); return; }
    const ps = [this.wpa(l), this.wpa((l + 1) >>> 0), this.wpa((l + 2) >>> 0), this.wpa((l + 3) >>> 0)];
    for (let k = 0; k < 4; k++) this.mem.bytes[ps[k]] = v >>> (8 * k);
  }
  /** Read `sz` bytes at seg:off (uint). */
  private rd(seg: number, off: number, sz: number): number {
    const l = this.segPlain[seg] !== 0 ? (this.segBase[seg] + off) >>> 0 : this.lin(seg, off, sz, false);
    return sz === 4 ? this.rdLin32(l) : sz === 1 ? this.rdLin8(l) : this.rdLin16(l);
  }
  private wr(seg: number, off: number, sz: number, v: number): void {
    const l = this.segPlain[seg] !== 0 ? (this.segBase[seg] + off) >>> 0 : this.lin(seg, off, sz, true);
    if (sz === 4) this.wrLin32(l, v); else if (sz === 1) this.wrLin8(l, v); else this.wrLin16(l, v);
  }
  /** Check that seg:off is writable for sz bytes without writing (for instructions that write late). */
  private probeW(seg: number, off: number, sz: number): void {
    const l = this.lin(seg, off, sz, true);
    this.xlate(l, true);
    if (sz > 1) this.xlate((l + sz - 1) >>> 0, true);
  }

  /** Debugger access: the byte at linear address `lin` as the supervisor sees it, or -1 (unmapped); no fault, A bits as a walk sets them. */
  peek8(lin: number): number {
    const pa = this.paging.translate(lin, false, false);
    return pa >= 0 ? this.mem.bytes[pa] : -1;
  }

  // ---- fetch --------------------------------------------------------------------------------

  private fetch8(): number {
    const e = this.eip;
    if (e >= this.fLo && e < this.fHi) { this.eip = e + 1; return this.mem.bytes[e + this.fDelta]; }
    return this.fetchSlow();
  }
  /** Refill the fetch window for the page holding EIP (may fault), then fetch one byte. */
  private fetchSlow(): number {
    const e = this.eip;
    const l = (this.segBase[CS] + e) >>> 0;
    const pa = this.xlate(l, false);
    const off = l & 0xfff;
    this.fLo = e - off;
    this.fHi = Math.min(this.fLo + 4096, 4294967296);
    if (this.fLo < 0) { this.fLo = 0; }
    this.fDelta = pa - e;
    this.eip = (e + 1) >>> 0;
    return this.mem.bytes[pa];
  }
  private fetch16(): number {
    const e = this.eip;
    if (e >= this.fLo && e + 2 <= this.fHi) { this.eip = e + 2; return this.mem.dv.getUint16(e + this.fDelta, true); }
    const a = this.fetch8(); return a | (this.fetch8() << 8);
  }
  private fetch32(): number {
    const e = this.eip;
    if (e >= this.fLo && e + 4 <= this.fHi) { this.eip = e + 4; return this.mem.dv.getUint32(e + this.fDelta, true); }
    const a = this.fetch8(), b = this.fetch8(), c = this.fetch8(), d = this.fetch8();
    return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
  }
  private fetchImm(sz: number): number { return sz === 4 ? this.fetch32() : sz === 1 ? this.fetch8() : this.fetch16(); }
  /** Sign-extended 8-bit immediate, masked to size sz. */
  private fetchS8(sz: number): number { return (((this.fetch8() << 24) >> 24) & MASK[sz]) >>> 0; }

  // ---- registers by size --------------------------------------------------------------------

  private getR(r: number, sz: number): number {
    if (sz === 4) return this.regs[r] >>> 0;
    if (sz === 2) return this.regs[r] & 0xffff;
    return r < 4 ? this.regs[r] & 0xff : (this.regs[r - 4] >>> 8) & 0xff;
  }
  private setR(r: number, sz: number, v: number): void {
    if (sz === 4) this.regs[r] = v;
    else if (sz === 2) this.regs[r] = (this.regs[r] & ~0xffff) | (v & 0xffff);
    else if (r < 4) this.regs[r] = (this.regs[r] & ~0xff) | (v & 0xff);
    else this.regs[r - 4] = (this.regs[r - 4] & ~0xff00) | ((v & 0xff) << 8);
  }

  // ---- ModRM --------------------------------------------------------------------------------

  /** Decode a ModRM (and SIB, displacement) byte; sets modrm, eaReg or eaOff/eaSeg. */
  private decodeModrm(): void {
    const m = this.fetch8();
    this.modrm = m;
    const mod = m >> 6, rm = m & 7;
    if (mod === 3) { this.eaReg = rm; return; }
    this.eaReg = -1;
    let seg = DS, off = 0;
    if (this.adsz === 4) {
      if (rm === 4) {
        const sib = this.fetch8();
        const base = sib & 7, idx = (sib >> 3) & 7, sc = sib >> 6;
        if (base === 5 && mod === 0) off = this.fetch32();
        else { off = this.regs[base]; if (base === ESP || base === EBP) seg = SS; }
        if (idx !== 4) off += this.regs[idx] << sc;
      } else if (rm === 5 && mod === 0) {
        off = this.fetch32();
      } else {
        off = this.regs[rm];
        if (rm === EBP) seg = SS;
      }
      if (mod === 1) off += (this.fetch8() << 24) >> 24;
      else if (mod === 2) off += this.fetch32() | 0;
      off >>>= 0;
    } else {
      const R = this.regs;
      if (mod === 0 && rm === 6) off = this.fetch16();
      else {
        switch (rm) {
          case 0: off = R[EBX] + R[ESI]; break;
          case 1: off = R[EBX] + R[EDI]; break;
          case 2: off = R[EBP] + R[ESI]; seg = SS; break;
          case 3: off = R[EBP] + R[EDI]; seg = SS; break;
          case 4: off = R[ESI]; break;
          case 5: off = R[EDI]; break;
          case 6: off = R[EBP]; seg = SS; break;
          default: off = R[EBX]; break;
        }
        if (mod === 1) off += (this.fetch8() << 24) >> 24;
        else if (mod === 2) off += (this.fetch16() << 16) >> 16;
      }
      off &= 0xffff;
    }
    this.eaOff = off;
    this.eaSeg = this.segOvr >= 0 ? this.segOvr : seg;
  }
  private readRM(sz: number): number {
    return this.eaReg >= 0 ? this.getR(this.eaReg, sz) : this.rd(this.eaSeg, this.eaOff, sz);
  }
  private writeRM(sz: number, v: number): void {
    if (this.eaReg >= 0) this.setR(this.eaReg, sz, v); else this.wr(this.eaSeg, this.eaOff, sz, v);
  }
  private get regField(): number { return (this.modrm >> 3) & 7; }

  // ---- stack --------------------------------------------------------------------------------

  /** Push: the write happens before ESP changes, so a fault leaves ESP alone. */
  private push(v: number, sz: number): void {
    const sp = (this.regs[ESP] - sz) >>> 0;
    this.wr(SS, sp, sz, v);
    this.regs[ESP] = sp;
  }
  private pop(sz: number): number {
    const v = this.rd(SS, this.regs[ESP], sz);
    this.regs[ESP] = this.regs[ESP] + sz;
    return v;
  }

  // ---- ALU with flags -----------------------------------------------------------------------

  private setStatus(f: number): void { this.eflags = (this.eflags & ~STATUS) | f; }

  /** add/adc: a + b + c with all six flags. */
  private add(a: number, b: number, c: number, sz: number): number {
    const r = a + b + c, m = MASK[sz];
    const res = sz === 4 ? r >>> 0 : r & m;
    let f = szp(res, sz) | ((a ^ b ^ res) & AF);
    if (r > m) f |= CF;
    if (((a ^ res) & (b ^ res) & SIGN[sz]) !== 0) f |= OF;
    this.setStatus(f);
    return res;
  }
  /** sub/sbb/cmp: a - b - c with all six flags. */
  private sub(a: number, b: number, c: number, sz: number): number {
    const r = a - b - c;
    const res = sz === 4 ? r >>> 0 : r & MASK[sz];
    let f = szp(res, sz) | ((a ^ b ^ res) & AF);
    if (r < 0) f |= CF;
    if (((a ^ b) & (a ^ res) & SIGN[sz]) !== 0) f |= OF;
    this.setStatus(f);
    return res;
  }
  /** and/or/xor/test: CF = OF = 0; AF (undefined) = 0 as the hardware leaves it. */
  private logic(res: number, sz: number): number {
    res = sz === 4 ? res >>> 0 : res & MASK[sz];
    this.setStatus(szp(res, sz));
    return res;
  }
  /** Group-1 operation n (add or adc sbb and sub xor cmp) on a, b. */
  private alu(n: number, a: number, b: number, sz: number): number {
    switch (n) {
      case 0: return this.add(a, b, 0, sz);
      case 1: return this.logic(a | b, sz);
      case 2: return this.add(a, b, this.eflags & CF, sz);
      case 3: return this.sub(a, b, this.eflags & CF, sz);
      case 4: return this.logic(a & b, sz);
      case 5: return this.sub(a, b, 0, sz);
      case 6: return this.logic(a ^ b, sz);
      default: return this.sub(a, b, 0, sz);
    }
  }
  private inc(a: number, sz: number): number {
    const cf = this.eflags & CF;
    const r = this.add(a, 1, 0, sz);
    this.eflags = (this.eflags & ~CF) | cf;
    return r;
  }
  private dec(a: number, sz: number): number {
    const cf = this.eflags & CF;
    const r = this.sub(a, 1, 0, sz);
    this.eflags = (this.eflags & ~CF) | cf;
    return r;
  }

  /**
   * Shifts and rotates (group 2, op n = rol ror rcl rcr shl shr sal sar). The count is masked to
   * 5 bits; a masked count of 0 changes no flags. For counts > 1, where Intel leaves OF undefined,
   * OF is what a count of 1 would give on the original operand (measured on the golden host, an
   * Intel Xeon): rol/shl msb^msb-1, ror lsb^msb, rcr CF^msb, shr msb, sar 0. Rotates change only CF
   * and OF; shifts set SF ZF PF from the result and clear AF. Counts beyond the operand width
   * (8/16-bit) shift everything out: CF = 0 for shl/shr.
   */
  private shift(n: number, a: number, count: number, sz: number): number {
    count &= 31;
    if (count === 0) return a;
    const bits = BITS[sz], m = MASK[sz], sign = SIGN[sz];
    const msb = (a & sign) !== 0 ? 1 : 0, msb2 = (a & (sign >>> 1)) !== 0 ? 1 : 0;
    const oldf = this.eflags;
    let res: number, cf: number, of: number;
    switch (n) {
      case 0: { // rol
        if (this.shImm && count > 1) of = (oldf & OF) !== 0 ? 1 : 0; else of = msb ^ msb2;
        const c = count & (bits - 1);
        res = c === 0 ? a : ((a << c) | (a >>> (bits - c))) & m;
        cf = res & 1;
        break;
      }
      case 1: { // ror
        if (this.shImm && count > 1) of = (oldf & OF) !== 0 ? 1 : 0; else of = (a & 1) ^ msb;
        const c = count & (bits - 1);
        res = c === 0 ? a : ((a >>> c) | (a << (bits - c))) & m;
        cf = (res & sign) !== 0 ? 1 : 0;
        break;
      }
      case 2: case 3: { // rcl, rcr: a (bits+1)-bit rotation through CF
        const c = count % (bits + 1);
        if (c === 0 && sz !== 4) return a; // a full rotation: the host changes no flags
        let v = a;
        cf = oldf & CF;
        of = n === 2 ? msb ^ msb2 : cf ^ msb;
        for (let k = 0; k < c; k++) {
          if (n === 2) { const out = (v & sign) !== 0 ? 1 : 0; v = ((v << 1) | cf) & m; cf = out; }
          else { const out = v & 1; v = (v >>> 1) | (cf ? sign : 0); cf = out; }
        }
        res = v;
        break;
      }
      case 4: case 6: { // shl/sal
        if (count <= bits) { cf = (a >>> (bits - count)) & 1; res = count === 32 ? 0 : (a << count) & m; }
        else { cf = 0; res = 0; }
        if (sz === 4) res >>>= 0;
        this.eflags = (oldf & ~STATUS) | szp(res, sz) | cf | (msb ^ msb2 ? OF : 0);
        return res;
      }
      case 5: { // shr
        if (count <= bits) { cf = (a >>> (count - 1)) & 1; res = count === 32 ? 0 : a >>> count; }
        else { cf = 0; res = 0; }
        this.eflags = (oldf & ~STATUS) | szp(res, sz) | cf | (msb ? OF : 0);
        return res;
      }
      default: { // sar
        const s = sz === 4 ? a | 0 : (a << (32 - bits)) >> (32 - bits);
        const c = count > bits ? bits : count;
        cf = c >= 32 ? (s < 0 ? 1 : 0) : (s >> (c - 1)) & 1;
        res = (c >= 32 ? s >> 31 : s >> c) & m;
        if (sz === 4) res >>>= 0;
        this.eflags = (oldf & ~STATUS) | szp(res, sz) | cf;
        return res;
      }
    }
    if (sz === 4) res >>>= 0;
    this.eflags = (oldf & ~(CF | OF)) | cf | (of ? OF : 0);
    return res;
  }

  /** shld/shrd: dst shifted by count (mod 32) with bits from src. Counts > size (16-bit) follow the host. */
  private shiftd(left: boolean, dst: number, src: number, count: number, sz: number): number {
    count &= 31;
    if (count === 0) return dst;
    const bits = BITS[sz], sign = SIGN[sz];
    let res: number, cf: number;
    if (sz === 4) {
      if (left) { res = ((dst << count) | (src >>> (32 - count))) >>> 0; cf = (dst >>> (32 - count)) & 1; }
      else { res = ((dst >>> count) | (src << (32 - count))) >>> 0; cf = (dst >>> (count - 1)) & 1; }
    } else {
      // 16-bit counts 17..31 (undefined): the host shifts the 48-bit pattern dst:src:dst.
      if (left) {
        const sh = (BigInt(dst) << 32n | BigInt(src) << 16n | BigInt(dst)) << BigInt(count);
        res = Number((sh >> 32n) & 0xffffn);
        cf = Number((sh >> 48n) & 1n);
      } else {
        const pat = BigInt(dst) << 32n | BigInt(src) << 16n | BigInt(dst);
        res = Number((pat >> BigInt(count)) & 0xffffn);
        cf = Number((pat >> BigInt(count - 1)) & 1n);
      }
    }
    void bits;
    // OF (undefined for count > 1) as a count of 1 would set it, as the host does.
    let f = szp(res, sz) | cf;
    const msb = (dst & sign) !== 0;
    if (left ? msb !== ((dst & (sign >>> 1)) !== 0) : msb !== ((src & 1) !== 0)) f |= OF;
    this.eflags = (this.eflags & ~STATUS) | f;
    return res;
  }

  /** Condition code cc (0..15) of jcc/setcc/cmovcc. */
  private cond(cc: number): boolean {
    const f = this.eflags;
    let r: boolean;
    switch (cc >> 1) {
      case 0: r = (f & OF) !== 0; break;
      case 1: r = (f & CF) !== 0; break;
      case 2: r = (f & ZF) !== 0; break;
      case 3: r = (f & (CF | ZF)) !== 0; break;
      case 4: r = (f & SF) !== 0; break;
      case 5: r = (f & PF) !== 0; break;
      case 6: r = ((f & SF) !== 0) !== ((f & OF) !== 0); break;
      default: r = (f & ZF) !== 0 || (((f & SF) !== 0) !== ((f & OF) !== 0)); break;
    }
    return (cc & 1) ? !r : r;
  }

  // ---- segment loads ------------------------------------------------------------------------

  /** Load data/stack segment register s with selector `sel` from the GDT (#GP/#NP/#SS as Intel). */
  private loadSeg(s: number, sel: number): void {
    sel &= 0xffff;
    if (s === CS) this.ud();
    if ((sel & 0xfffc) === 0) {
      if (s === SS) this.gp(0);
      this.sel[s] = sel; this.segBase[s] = 0; this.segLimit[s] = 0; this.segNull[s] = 1; this.segPlain[s] = 0;
      return;
    }
    if ((sel & 4) !== 0) this.gp(sel & 0xfffc);          // no LDT in this model
    if ((sel | 7) > this.gdtLimit) this.gp(sel & 0xfffc);
    const da = (this.gdtBase + (sel & ~7)) >>> 0;
    this.implicitSup = true;
    const lo = this.rdLin32(da), hi = this.rdLin32((da + 4) >>> 0);
    const type = (hi >>> 8) & 0x1f, dpl = (hi >>> 13) & 3, present = (hi >>> 15) & 1, rpl = sel & 3;
    if ((type & 0x10) === 0) this.gp(sel & 0xfffc);          // system descriptor
    if (s === SS) {
      if ((type & 0x8) !== 0 || (type & 2) === 0 || rpl !== this.cpl || dpl !== this.cpl) this.gp(sel & 0xfffc);
      if (!present) this.raise(V.VEC_SS, sel & 0xfffc);
    } else {
      if ((type & 0xa) === 0x8) this.gp(sel & 0xfffc);       // execute-only code
      const conforming = (type & 0xc) === 0xc;
      if (!conforming && dpl < Math.max(this.cpl, rpl)) this.gp(sel & 0xfffc);
      if (!present) this.raise(V.VEC_NP, sel & 0xfffc);
    }
    if ((type & 1) === 0) this.wrLin8((da + 5) >>> 0, (hi >>> 8) | 1); // accessed
    this.implicitSup = false;
    let limit = (lo & 0xffff) | (hi & 0xf0000);
    if ((hi & 0x800000) !== 0) limit = limit * 4096 + 0xfff;
    this.sel[s] = sel;
    this.segBase[s] = (lo >>> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000);
    this.segLimit[s] = limit >>> 0;
    this.segNull[s] = 0;
    this.seg_sync(s);
  }

  // ---- the run loop -------------------------------------------------------------------------

  private mkStop(reason: StopReason, trap: number, pc: number, npc: number, fa: number, fs: number, n: number): Stop {
    return { reason, trap, pc: pc >>> 0, npc: npc >>> 0, faultAddr: fa >>> 0, faultStatus: fs >>> 0, executed: n };
  }

  /**
   * run(): execute up to `budget` instructions. Returns Budget, Trap (vector in trap; see
   * trap_types.ts for pc/npc) or Halt (hlt executed; EIP past it). An interrupt (irl > 0 with IF)
   * stops before the next instruction with trap = IRQ_BASE + irl and pc = npc = EIP.
   */
  run(budget: number): Stop {
    let n = 0;
    const ub = this.cpl === 3 ? 1 : 0;
    if (ub !== this.ub || this.tGen !== this.paging.gen) { this.ub = ub; this.tlb_flush(); }
    for (let s = 0; s < 6; s++) this.seg_sync(s);
    this.fLo = 0; this.fHi = 0; // CS base may have been changed directly
    try {
      while (n < budget) {
        if (this.irl !== 0 && (this.eflags & IF) !== 0) {
          this.halted = false;
          return this.mkStop(StopReason.Trap, V.IRQ_BASE + this.irl, this.eip, this.eip, 0, 0, n);
        }
        if (this.halted) return this.mkStop(StopReason.Halt, 0, this.eip, this.eip, 0, 0, n);
        if (this.bpt !== null && this.bpt.has(this.eip)) {
          if (this.bpt_skip === this.eip) this.bpt_skip = -1;
          else return this.mkStop(StopReason.Trap, V.VEC_DEBUG_BPT, this.eip, this.eip, 0, 0, n);
        }
        this.start = this.eip;
        this.esp0 = this.regs[ESP]; this.fl0 = this.eflags;
        const t = this.step();
        n++;
        this.instructions++;
        this.cycles++;
        if (t >= 0) {
          if (t === HALT_CODE) { this.halted = true; return this.mkStop(StopReason.Halt, 0, this.eip, this.start, 0, 0, n); }
          return this.mkStop(StopReason.Trap, t, this.eip, this.start, 0, 0, n);
        }
      }
    } catch (e) {
      if (e !== FAULT) throw e;
      this.eip = this.start;
      this.regs[ESP] = this.esp0;
      this.eflags = this.fl0;
      this.implicitSup = false;
      const fa = this.vec === V.VEC_PF || this.vec === V.VEC_MC ? this.faultAddr : 0;
      return this.mkStop(StopReason.Trap, this.vec, this.start, this.start, fa, this.err, n);
    }
    return this.mkStop(StopReason.Budget, 0, this.eip, this.eip, 0, 0, n);
  }

  /** Execute one instruction. Returns -1, or a trap vector (int n etc.) with EIP past it, or HALT_CODE. */
  private step(): number {
    this.opsz = 4; this.adsz = 4; this.segOvr = -1; this.rep = 0; this.lock = false;
    let op = this.fetch8();
    if (PREFIX[op] !== 0) op = this.prefixes(op);
    if (op < 0x40 && (op & 7) < 6) { // ALU forms 00..3d
      if (this.lock && ((op & 7) > 1 || (op >> 3) === 7)) this.ud();
      return this.aluForm(op);
    }
    if (this.lock && !LOCKABLE1[op]) this.ud();
    return op === 0x0f ? this.step0f() : this.step1(op);
  }

  /** Consume prefix bytes starting with `op` (already fetched); returns the opcode byte. */
  private prefixes(op: number): number {
    this.eip = (this.eip - 1) >>> 0;
    for (let k = 0; ; k++) {
      if (k >= 14) this.gp(0); // instruction longer than 15 bytes
      op = this.fetch8();
      switch (op) {
        case 0x66: this.opsz = 2; continue;
        case 0x67: this.adsz = 2; continue;
        case 0xf0: this.lock = true; continue;
        case 0xf2: case 0xf3: this.rep = op; continue;
        case 0x26: this.segOvr = ES; continue;
        case 0x2e: this.segOvr = CS; continue;
        case 0x36: this.segOvr = SS; continue;
        case 0x3e: this.segOvr = DS; continue;
        case 0x64: this.segOvr = FS; continue;
        case 0x65: this.segOvr = GS; continue;
      }
      break;
    }
    return op;
  }

  private aluForm(op: number): number {
    const n = op >> 3, form = op & 7;
    const sz = (form & 1) === 0 ? 1 : this.opsz;
    if (form < 4) {
      this.decodeModrm();
      if (sz === 4 && this.eaReg >= 0) { // 32-bit register to register: no operand dispatch
        if (this.lock) this.ud();
        const R = this.regs, rm = this.eaReg, r = this.regField;
        const d = form === 1 ? rm : r, s = form === 1 ? r : rm;
        const res = this.alu(n, R[d] >>> 0, R[s] >>> 0, 4);
        if (n !== 7) R[d] = res;
        return -1;
      }
      if (this.lock && this.eaReg >= 0) this.ud();
      const r = this.regField;
      if (form < 2) { // r/m op= reg
        const a = this.readRM(sz), b = this.getR(r, sz);
        const res = this.alu(n, a, b, sz);
        if (n !== 7) this.writeRMFlags(sz, res);
      } else {
        const a = this.getR(r, sz), b = this.readRM(sz);
        const f0 = this.eflags;
        const res = this.alu(n, a, b, sz);
        void f0;
        if (n !== 7) this.setR(r, sz, res);
      }
    } else {
      const b = this.fetchImm(sz), a = this.getR(EAX, sz);
      const res = this.alu(n, a, b, sz);
      if (n !== 7) this.setR(EAX, sz, res);
    }
    return -1;
  }
  /** Write a read-modify-write result whose flags are already in eflags; a fault restores them. */
  private writeRMFlags(sz: number, v: number): void {
    // run() restores EFLAGS if the write faults.
    if (this.eaReg >= 0) this.setR(this.eaReg, sz, v); else this.wr(this.eaSeg, this.eaOff, sz, v);
  }

  private step1(op: number): number {
    const R = this.regs;
    let sz = this.opsz;
    switch (op) {
      case 0x06: this.push(this.sel[ES], sz); return -1;
      case 0x07: this.popSeg(ES); return -1;
      case 0x0e: this.push(this.sel[CS], sz); return -1;
      case 0x16: this.push(this.sel[SS], sz); return -1;
      case 0x17: this.popSeg(SS); return -1;
      case 0x1e: this.push(this.sel[DS], sz); return -1;
      case 0x1f: this.popSeg(DS); return -1;
      case 0x27: this.daa(false); return -1;
      case 0x2f: this.daa(true); return -1;
      case 0x37: this.aaa(false); return -1;
      case 0x3f: this.aaa(true); return -1;
      case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46: case 0x47:
        if (sz === 4) { // inc r32: flags as add, CF kept
          const a = R[op & 7] >>> 0, res = (a + 1) >>> 0;
          this.eflags = (this.eflags & ~(STATUS & ~CF)) | szp(res, 4) | ((a ^ res) & AF) | (res === 0x80000000 ? OF : 0);
          R[op & 7] = res; return -1;
        }
        this.setR(op & 7, sz, this.inc(this.getR(op & 7, sz), sz)); return -1;
      case 0x48: case 0x49: case 0x4a: case 0x4b: case 0x4c: case 0x4d: case 0x4e: case 0x4f:
        if (sz === 4) { // dec r32
          const a = R[op & 7] >>> 0, res = (a - 1) >>> 0;
          this.eflags = (this.eflags & ~(STATUS & ~CF)) | szp(res, 4) | ((a ^ res) & AF) | (res === 0x7fffffff ? OF : 0);
          R[op & 7] = res; return -1;
        }
        this.setR(op & 7, sz, this.dec(this.getR(op & 7, sz), sz)); return -1;
      case 0x50: case 0x51: case 0x52: case 0x53: case 0x54: case 0x55: case 0x56: case 0x57:
        this.push(this.getR(op & 7, sz), sz); return -1;
      case 0x58: case 0x59: case 0x5a: case 0x5b: case 0x5c: case 0x5d: case 0x5e: case 0x5f: {
        const v = this.pop(sz);
        this.setR(op & 7, sz, v); return -1;
      }
      case 0x60: { // pusha: all writes first, then ESP
        const sp0 = R[ESP];
        let sp = sp0;
        for (let r = 0; r < 8; r++) { sp -= sz; this.wr(SS, sp, sz, r === ESP ? sp0 : R[r]); }
        R[ESP] = sp; return -1;
      }
      case 0x61: {
        const sp = R[ESP] >>> 0, v: number[] = [];
        for (let r = 7; r >= 0; r--) v[r] = this.rd(SS, sp + (7 - r) * sz, sz);
        for (let r = 0; r < 8; r++) if (r !== ESP) this.setR(r, sz, v[r]);
        R[ESP] = sp + 8 * sz; return -1;
      }
      case 0x68: this.push(this.fetchImm(sz), sz); return -1;
      case 0x6a: this.push(this.fetchS8(sz), sz); return -1;
      case 0x69: case 0x6b: {
        this.decodeModrm();
        const a = this.readRM(sz);
        const b = op === 0x69 ? this.fetchImm(sz) : this.fetchS8(sz);
        this.setR(this.regField, sz, this.imul2(a, b, sz)); return -1;
      }
      case 0x6c: case 0x6d: case 0x6e: case 0x6f: case 0xe4: case 0xe5: case 0xe6: case 0xe7:
      case 0xec: case 0xed: case 0xee: case 0xef:
        return this.gp(0); // no I/O ports; IOPL/TSS bitmap checks would fail in ring 3 anyway
      case 0x84: case 0x85: {
        sz = op & 1 ? sz : 1;
        this.decodeModrm();
        this.logic(this.readRM(sz) & this.getR(this.regField, sz), sz); return -1;
      }
      case 0x86: case 0x87: { // xchg (always locked with memory)
        sz = op & 1 ? sz : 1;
        this.decodeModrm();
        if (this.lock && this.eaReg >= 0) this.ud();
        const a = this.readRM(sz), b = this.getR(this.regField, sz);
        this.writeRM(sz, b);
        this.setR(this.regField, sz, a); return -1;
      }
      case 0x89: // mov r/m32, r32 and back: the hottest opcodes get a path without the size dispatch
        this.decodeModrm();
        if (sz === 4) { if (this.eaReg >= 0) R[this.eaReg] = R[this.regField]; else this.wr(this.eaSeg, this.eaOff, 4, R[this.regField]); }
        else this.writeRM(sz, this.getR(this.regField, sz));
        return -1;
      case 0x8b:
        this.decodeModrm();
        if (sz === 4) R[this.regField] = this.eaReg >= 0 ? R[this.eaReg] : this.rd(this.eaSeg, this.eaOff, 4);
        else this.setR(this.regField, sz, this.readRM(sz));
        return -1;
      case 0x88: this.decodeModrm(); this.writeRM(1, this.getR(this.regField, 1)); return -1;
      case 0x8a: this.decodeModrm(); this.setR(this.regField, 1, this.readRM(1)); return -1;
      case 0x8c: { // mov r/m, sreg: 16 bits to memory; a register gets the zero-extended selector (32-bit form)
        this.decodeModrm();
        if (this.regField > 5) this.ud();
        const v = this.sel[this.regField];
        if (this.eaReg >= 0) this.setR(this.eaReg, sz, v); else this.wr(this.eaSeg, this.eaOff, 2, v);
        return -1;
      }
      case 0x8d: {
        this.decodeModrm();
        if (this.eaReg >= 0) this.ud();
        this.setR(this.regField, sz, this.eaOff); return -1;
      }
      case 0x8e: {
        this.decodeModrm();
        const s = this.regField;
        if (s === CS || s > 5) this.ud();
        this.loadSeg(s, this.readRM(2)); return -1;
      }
      case 0x8f: { // pop r/m: the address is computed with ESP already incremented
        const sp0 = R[ESP];
        const v = this.rd(SS, sp0, sz);
        R[ESP] = sp0 + sz;
        this.decodeModrm();
        if (this.regField !== 0) this.ud();
        this.writeRM(sz, v); return -1;
      }
      case 0x90:
        if (this.rep === 0xf3) return -1; // pause
        return -1;
      case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97: {
        const a = this.getR(EAX, sz), b = this.getR(op & 7, sz);
        this.setR(EAX, sz, b); this.setR(op & 7, sz, a); return -1;
      }
      case 0x98: // cbw / cwde
        if (sz === 4) R[EAX] = (R[EAX] << 16) >> 16; else this.setR(EAX, 2, (R[EAX] << 24) >> 24);
        return -1;
      case 0x99: // cwd / cdq
        if (sz === 4) R[EDX] = R[EAX] >> 31; else this.setR(EDX, 2, (R[EAX] << 16) >> 31);
        return -1;
      case 0x9b: return -1; // fwait: no FPU state to wait for
      case 0x9c: // pushf: VM and RF read as 0
        this.push(this.eflags & ~(VM | RF) & MASK[sz], sz); return -1;
      case 0x9d: { // popf
        const v = this.pop(sz);
        let mask = POPF_MASK;
        if (this.cpl !== 0) mask &= ~IOPL;
        if (this.cpl > ((this.eflags & IOPL) >> 12)) mask &= ~IF;
        if (sz === 2) mask &= 0xffff;
        this.eflags = ((this.eflags & ~mask) | (v & mask) | 2) >>> 0; return -1;
      }
      case 0x9e: this.eflags = (this.eflags & ~(SF | ZF | AF | PF | CF)) | ((R[EAX] >> 8) & (SF | ZF | AF | PF | CF)); return -1;
      case 0x9f: this.setR(4, 1, (this.eflags & (SF | ZF | AF | PF | CF)) | 2); return -1;
      case 0xa0: case 0xa1: case 0xa2: case 0xa3: {
        sz = op & 1 ? sz : 1;
        const off = this.adsz === 4 ? this.fetch32() : this.fetch16();
        const seg = this.segOvr >= 0 ? this.segOvr : DS;
        if (op < 0xa2) this.setR(EAX, sz, this.rd(seg, off, sz)); else this.wr(seg, off, sz, this.getR(EAX, sz));
        return -1;
      }
      case 0xa4: case 0xa5: case 0xa6: case 0xa7: case 0xaa: case 0xab: case 0xac: case 0xad: case 0xae: case 0xaf:
        return this.string(op);
      case 0xa8: case 0xa9: sz = op & 1 ? sz : 1; this.logic(this.getR(EAX, sz) & this.fetchImm(sz), sz); return -1;
      case 0xb0: case 0xb1: case 0xb2: case 0xb3: case 0xb4: case 0xb5: case 0xb6: case 0xb7:
        this.setR(op & 7, 1, this.fetch8()); return -1;
      case 0xb8: case 0xb9: case 0xba: case 0xbb: case 0xbc: case 0xbd: case 0xbe: case 0xbf:
        this.setR(op & 7, sz, this.fetchImm(sz)); return -1;
      case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3: {
        sz = op & 1 ? sz : 1;
        this.decodeModrm();
        const a = this.readRM(sz);
        const c = op < 0xd0 ? this.fetch8() : op < 0xd2 ? 1 : R[ECX] & 0xff;
        this.shImm = op < 0xd0 && this.eaReg >= 0;
        const res = this.shift(this.regField, a, c, sz);
        this.writeRMFlags(sz, res); return -1;
      }
      case 0xc2: case 0xc3: {
        const to = this.pop(sz);
        if (op === 0xc2) { const k = this.fetch16(); R[ESP] = R[ESP] + k; }
        this.eip = to; return -1;
      }
      case 0xc6: case 0xc7: {
        sz = op & 1 ? sz : 1;
        this.decodeModrm();
        if (this.regField !== 0) this.ud();
        this.writeRM(sz, this.fetchImm(sz)); return -1;
      }
      case 0xc8: { // enter
        const size = this.fetch16(), level = this.fetch8() & 31;
        let sp = R[ESP] >>> 0;
        const ebp = R[EBP];
        sp -= sz; this.wr(SS, sp, sz, ebp);
        const frame = sp;
        let bp = ebp >>> 0;
        for (let k = 1; k < level; k++) {
          bp = (bp - sz) >>> 0;
          sp -= sz; this.wr(SS, sp, sz, this.rd(SS, bp, sz));
        }
        if (level > 0) { sp -= sz; this.wr(SS, sp, sz, frame); }
        sp = (sp - size) >>> 0;
        this.setR(EBP, sz, frame); R[ESP] = sp; return -1;
      }
      case 0xc9: { // leave
        const v = this.rd(SS, R[EBP], sz);
        R[ESP] = R[EBP] + sz;
        this.setR(EBP, sz, v); return -1;
      }
      case 0xcc: return V.VEC_BP;
      case 0xcd: return this.fetch8();
      case 0xce: return (this.eflags & OF) !== 0 ? V.VEC_OF : -1;
      case 0xd4: { // aam: SF ZF PF from AL; OF AF CF (undefined) cleared
        const b = this.fetch8();
        if (b === 0) this.raise(V.VEC_DE);
        const al = R[EAX] & 0xff;
        const res = ((Math.floor(al / b) << 8) | (al % b));
        this.setR(EAX, 2, res);
        this.setStatus(szp(res & 0xff, 1)); return -1;
      }
      case 0xd5: { // aad: flags as the add of AL + AH*b that it is (SF ZF PF defined, the rest as computed)
        const b = this.fetch8();
        const al = R[EAX] & 0xff, ah = (R[EAX] >> 8) & 0xff;
        const res = this.add(al, (ah * b) & 0xff, 0, 1);
        this.setR(EAX, 2, res); return -1;
      }
      case 0xd7: { // xlat
        const seg = this.segOvr >= 0 ? this.segOvr : DS;
        const off = this.adsz === 4 ? R[EBX] + (R[EAX] & 0xff) : (R[EBX] + (R[EAX] & 0xff)) & 0xffff;
        this.setR(EAX, 1, this.rd(seg, off, 1)); return -1;
      }
      case 0xd8: case 0xd9: case 0xda: case 0xdb: case 0xdc: case 0xdd: case 0xde: case 0xdf:
        return this.raise(V.VEC_NM);
      case 0xe0: case 0xe1: case 0xe2: case 0xe3: { // loopne loope loop jecxz
        const d = (this.fetch8() << 24) >> 24;
        const cmask = this.adsz === 4 ? -1 : 0xffff;
        let take: boolean;
        if (op === 0xe3) take = (R[ECX] & cmask) === 0;
        else {
          const c = ((R[ECX] & cmask) - 1) & cmask;
          R[ECX] = (R[ECX] & ~cmask) | c;
          take = c !== 0 && (op === 0xe2 || (op === 0xe1) === ((this.eflags & ZF) !== 0));
        }
        if (take) this.jump(this.eip + d);
        return -1;
      }
      case 0xe8: { const d = this.fetchImm(sz); this.push(this.eip, sz); this.jump(this.eip + (sz === 4 ? d | 0 : (d << 16) >> 16)); return -1; }
      case 0xe9: { const d = this.fetchImm(sz); this.jump(this.eip + (sz === 4 ? d | 0 : (d << 16) >> 16)); return -1; }
      case 0xeb: { const d = (this.fetch8() << 24) >> 24; this.jump(this.eip + d); return -1; }
      case 0xf4: if (this.cpl !== 0) this.gp(0); return HALT_CODE;
      case 0xf5: this.eflags ^= CF; return -1;
      case 0xf6: case 0xf7: return this.group3(op & 1 ? sz : 1);
      case 0xf8: this.eflags &= ~CF; return -1;
      case 0xf9: this.eflags |= CF; return -1;
      case 0xfa: case 0xfb:
        if (this.cpl > ((this.eflags & IOPL) >> 12)) this.gp(0);
        if (op === 0xfa) this.eflags &= ~IF; else this.eflags |= IF;
        return -1;
      case 0xfc: this.eflags &= ~DF; return -1;
      case 0xfd: this.eflags |= DF; return -1;
      case 0xfe: {
        this.decodeModrm();
        const r = this.regField;
        if (r > 1 || (this.lock && this.eaReg >= 0)) this.ud();
        const a = this.readRM(1);
        this.writeRMFlags(1, r === 0 ? this.inc(a, 1) : this.dec(a, 1)); return -1;
      }
      case 0xff: return this.group5(sz);
    }
    if (op >= 0x70 && op <= 0x7f) {
      const d = (this.fetch8() << 24) >> 24;
      if (this.cond(op & 15)) this.jump(this.eip + d);
      return -1;
    }
    if (op >= 0x80 && op <= 0x83) {
      sz = op === 0x80 || op === 0x82 ? 1 : sz;
      this.decodeModrm();
      const n = this.regField;
      if (sz === 4 && this.eaReg >= 0) { // op $imm, r32
        if (this.lock) this.ud();
        const b = op === 0x83 ? ((this.fetch8() << 24) >> 24) >>> 0 : this.fetch32();
        const res = this.alu(n, R[this.eaReg] >>> 0, b, 4);
        if (n !== 7) R[this.eaReg] = res;
        return -1;
      }
      if (this.lock && (this.eaReg >= 0 || n === 7)) this.ud();
      const a = this.readRM(sz);
      const b = op === 0x83 ? this.fetchS8(sz) : this.fetchImm(sz);
      const res = this.alu(n, a, b, sz);
      if (n !== 7) this.writeRMFlags(sz, res);
      return -1;
    }
    return this.ud();
  }

  private jump(to: number): void {
    this.eip = this.opsz === 2 ? to & 0xffff : to >>> 0;
  }
  private popSeg(s: number): void {
    const v = this.rd(SS, this.regs[ESP], this.opsz);
    this.loadSeg(s, v & 0xffff);
    this.regs[ESP] = this.regs[ESP] + this.opsz;
  }

  /** imul 2/3-operand: truncated product; CF = OF = the product does not fit. SF ZF PF from the result, AF 0. */
  private imul2(a: number, b: number, sz: number): number {
    const bits = BITS[sz];
    const sa = (a << (32 - bits)) >> (32 - bits), sb = (b << (32 - bits)) >> (32 - bits);
    let res: number, over: boolean;
    if (sz === 4) {
      // The double product is inexact only far outside the int32 range, where it still overflows.
      const p = sa * sb;
      res = Math.imul(sa, sb) >>> 0;
      over = p > 2147483647 || p < -2147483648;
    } else {
      const p = sa * sb;
      res = p & MASK[sz];
      over = p !== ((res << (32 - bits)) >> (32 - bits));
    }
    this.setStatus(this.mulFlags(res, sz, over));
    return res;
  }
  /** Flags after mul/imul: CF = OF = overflow; of the undefined ones the host gives SF and PF from the low result, ZF = AF = 0. */
  private mulFlags(lo: number, sz: number, over: boolean): number {
    return (over ? CF | OF : 0) | ((lo & SIGN[sz]) !== 0 ? SF : 0) | PARITY[lo & 0xff];
  }

  private group3(sz: number): number {
    this.decodeModrm();
    const n = this.regField, R = this.regs;
    if (this.lock && (this.eaReg >= 0 || n < 2 || n > 3)) this.ud();
    switch (n) {
      case 0: case 1: this.logic(this.readRM(sz) & this.fetchImm(sz), sz); return -1;
      case 2: this.writeRM(sz, ~this.readRM(sz) & MASK[sz]); return -1;
      case 3: { const a = this.readRM(sz); const r = this.sub(0, a, 0, sz); this.writeRMFlags(sz, r); return -1; }
      case 4: case 5: { // mul, imul (one operand)
        const b = this.readRM(sz);
        this.cycles += CYC_MUL;
        if (sz === 1) {
          const a = R[EAX] & 0xff;
          const p = n === 4 ? a * b : ((a << 24) >> 24) * ((b << 24) >> 24);
          this.setR(EAX, 2, p & 0xffff);
          const over = n === 4 ? (p >>> 8) !== 0 : p !== ((p << 24) >> 24);
          this.setStatus(this.mulFlags(p, 1, over));
        } else if (sz === 2) {
          const a = R[EAX] & 0xffff;
          const p = n === 4 ? a * b : ((a << 16) >> 16) * ((b << 16) >> 16);
          this.setR(EAX, 2, p & 0xffff); this.setR(EDX, 2, (p >> 16) & 0xffff);
          const over = n === 4 ? (p >>> 16) !== 0 : p !== ((p << 16) >> 16);
          this.setStatus(this.mulFlags(p, 2, over));
        } else {
          const a = R[EAX] >>> 0;
          let lo: number, hi: number, over: boolean;
          if (n === 4) { mul32(a, b, this.m64); lo = this.m64[0]; hi = this.m64[1]; over = hi !== 0; }
          else {
            const p = BigInt(a | 0) * BigInt(b | 0);
            lo = Number(BigInt.asUintN(32, p)); hi = Number(BigInt.asUintN(32, p >> 32n));
            over = p !== BigInt(lo | 0);
          }
          R[EAX] = lo; R[EDX] = hi;
          this.setStatus(this.mulFlags(lo, 4, over));
        }
        return -1;
      }
      default: { // div, idiv: #DE on a zero divisor or a quotient that does not fit. Flags unchanged (host).
        const d = this.readRM(sz);
        this.cycles += CYC_DIV;
        if (d === 0) this.raise(V.VEC_DE);
        const bits = BITS[sz];
        if (sz === 4) {
          const hi = R[EDX] >>> 0, lo = R[EAX] >>> 0;
          if (n === 6) {
            if (hi >= d) this.raise(V.VEC_DE);
            udiv64(hi, lo, d, this.m64);
            R[EAX] = this.m64[0]; R[EDX] = this.m64[1];
          } else {
            if ((R[EDX] === R[EAX] >> 31) && !(d === 0xffffffff && R[EAX] === -0x80000000)) {
              const sn = R[EAX], sd = d | 0, q = Math.trunc(sn / sd);
              R[EAX] = q; R[EDX] = sn - q * sd; return -1;
            }
            // |dividend| / |divisor| without BigInt, then the signs (quotient toward zero, remainder with the dividend).
            const neg = R[EDX] < 0, dneg = (d | 0) < 0;
            let ah = hi, al = lo;
            if (neg) { al = (-lo) >>> 0; ah = (~hi + (lo === 0 ? 1 : 0)) >>> 0; }
            const ad = dneg ? (-(d | 0)) >>> 0 : d;
            if (ah < ad) {
              udiv64(ah, al, ad, this.m64);
              const q = this.m64[0], r = this.m64[1];
              const qn = neg !== dneg;
              if (qn ? q <= 0x80000000 : q <= 0x7fffffff) { R[EAX] = qn ? -q : q; R[EDX] = neg ? -r : r; return -1; }
            }
            this.raise(V.VEC_DE);
          }
        } else {
          const num = sz === 1 ? R[EAX] & 0xffff : ((R[EDX] & 0xffff) * 65536 + (R[EAX] & 0xffff));
          let q: number, r: number;
          if (n === 6) { q = Math.floor(num / d); r = num % d; if (q > MASK[sz]) this.raise(V.VEC_DE); }
          else {
            const sn = sz === 1 ? (num << 16) >> 16 : num | 0, sd = (d << (32 - bits)) >> (32 - bits);
            q = Math.trunc(sn / sd); r = sn - q * sd;
            if (q > (SIGN[sz] - 1) || q < -SIGN[sz]) this.raise(V.VEC_DE);
          }
          if (sz === 1) this.setR(EAX, 2, ((r & 0xff) << 8) | (q & 0xff));
          else { this.setR(EAX, 2, q); this.setR(EDX, 2, r); }
        }
        return -1;
      }
    }
  }

  private group5(sz: number): number {
    this.decodeModrm();
    const n = this.regField;
    if (this.lock && (this.eaReg >= 0 || n > 1)) this.ud();
    switch (n) {
      case 0: case 1: { const a = this.readRM(sz); this.writeRMFlags(sz, n === 0 ? this.inc(a, sz) : this.dec(a, sz)); return -1; }
      case 2: { const to = this.readRM(sz); this.push(this.eip, sz); this.eip = to; return -1; }
      case 4: { this.eip = this.readRM(sz); return -1; }
      case 6: { const v = this.readRM(sz); this.push(v, sz); return -1; }
      default: return this.ud(); // 3, 5: far call/jmp (not modelled), 7: invalid
    }
  }

  /** BCD: daa/das (the Intel SDM algorithm). AF CF SF ZF PF defined; OF (undefined) = 0 as on the host. */
  private daa(sub: boolean): void {
    const R = this.regs;
    const al = R[EAX] & 0xff;
    let cf = this.eflags & CF, af = this.eflags & AF;
    let v = al;
    const oldCf = cf;
    cf = 0;
    if ((al & 0xf) > 9 || af) { v = sub ? v - 6 : v + 6; if (sub ? al < 6 : v > 0xff) cf = 1; cf |= oldCf; af = AF; }
    else af = 0;
    if (al > 0x99 || oldCf) { v = sub ? v - 0x60 : v + 0x60; cf = 1; }
    v &= 0xff;
    this.setR(EAX, 1, v);
    this.setStatus(szp(v, 1) | af | cf); // OF (undefined): 0, as on the host
  }
  /** BCD: aaa/aas. AF, CF defined; SF ZF PF OF (undefined) from the AL adjust as the host computes. */
  private aaa(sub: boolean): void {
    const R = this.regs;
    const al = R[EAX] & 0xff;
    let f: number;
    if ((al & 0xf) > 9 || (this.eflags & AF) !== 0) {
      const ax = R[EAX] & 0xffff;
      // The i686+ forms: the +6/-6 on AL carries/borrows into AH, then AH +/- 1.
      const nax = sub ? (ax - 6 - 0x100) & 0xffff : (ax + 0x106) & 0xffff;
      this.setR(EAX, 2, nax & 0xff0f);
      f = AF | CF;
    } else {
      this.setR(EAX, 1, al & 0x0f);
      f = 0;
    }
    this.setStatus(f | szp(R[EAX] & 0xff, 1));
  }

  /** String instructions with rep/repe/repne; each iteration commits, so a fault resumes correctly. */
  private string(op: number): number {
    const R = this.regs;
    const sz = (op & 1) === 0 ? 1 : this.opsz;
    const am = this.adsz === 4 ? -1 : 0xffff;
    const d = (this.eflags & DF) !== 0 ? -sz : sz;
    const src = this.segOvr >= 0 ? this.segOvr : DS;
    const kind = op & 0xfe;
    const rep = this.rep;
    for (;;) {
      if (rep !== 0 && (R[ECX] & am) === 0) return -1;
      const si = R[ESI] & am, di = R[EDI] & am;
      switch (kind) {
        case 0xa4: { const v = this.rd(src, si >>> 0, sz); this.wr(ES, di >>> 0, sz, v); R[ESI] = (R[ESI] & ~am) | ((si + d) & am); R[EDI] = (R[EDI] & ~am) | ((di + d) & am); break; }
        case 0xa6: { const a = this.rd(src, si >>> 0, sz), b = this.rd(ES, di >>> 0, sz); this.sub(a, b, 0, sz); R[ESI] = (R[ESI] & ~am) | ((si + d) & am); R[EDI] = (R[EDI] & ~am) | ((di + d) & am); break; }
        case 0xaa: { this.wr(ES, di >>> 0, sz, this.getR(EAX, sz)); R[EDI] = (R[EDI] & ~am) | ((di + d) & am); break; }
        case 0xac: { const v = this.rd(src, si >>> 0, sz); this.setR(EAX, sz, v); R[ESI] = (R[ESI] & ~am) | ((si + d) & am); break; }
        default: { const b = this.rd(ES, di >>> 0, sz); this.sub(this.getR(EAX, sz), b, 0, sz); R[EDI] = (R[EDI] & ~am) | ((di + d) & am); break; }
      }
      if (rep === 0) return -1;
      R[ECX] = (R[ECX] & ~am) | ((R[ECX] - 1) & am);
      this.cycles += CYC_STRING_ITER;
      if (kind === 0xa6 || kind === 0xae) {
        const z = (this.eflags & ZF) !== 0;
        if (rep === 0xf3 ? !z : z) return -1;
      }
    }
  }

  // ---- two-byte opcodes ---------------------------------------------------------------------

  private step0f(): number {
    const op = this.fetch8();
    const R = this.regs;
    let sz = this.opsz;
    if (this.lock && !LOCKABLE2[op]) this.ud();
    if (op >= 0x80 && op <= 0x8f) {
      const dd = this.fetchImm(sz);
      if (this.cond(op & 15)) this.jump(this.eip + (sz === 4 ? dd | 0 : (dd << 16) >> 16));
      return -1;
    }
    if (op >= 0x40 && op <= 0x4f) { // cmovcc: the source is read even when the condition fails
      this.decodeModrm();
      const v = this.readRM(sz);
      if (this.cond(op & 15)) this.setR(this.regField, sz, v);
      else if (sz === 4) R[this.regField] = R[this.regField];
      return -1;
    }
    if (op >= 0x90 && op <= 0x9f) { this.decodeModrm(); this.writeRM(1, this.cond(op & 15) ? 1 : 0); return -1; }
    if (op >= 0xc8 && op <= 0xcf) { const r = op & 7; const v = R[r]; if (sz === 2) { this.setR(r, 2, 0); return -1; } R[r] = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24); return -1; }
    switch (op) {
      case 0x00: { // sldt str lldt ltr verr verw
        this.decodeModrm();
        const n = this.regField;
        if (n === 1) { this.writeRM(this.eaReg >= 0 ? sz : 2, this.tr); return -1; }
        if (n === 0) { this.writeRM(this.eaReg >= 0 ? sz : 2, 0); return -1; }
        if (n === 3) { if (this.cpl !== 0) this.gp(0); this.tr = this.readRM(2); return -1; }
        return this.ud();
      }
      case 0x01: {
        this.decodeModrm();
        const n = this.regField;
        if (n === 4) { this.writeRM(this.eaReg >= 0 ? sz : 2, this.paging.cr0 & 0xffff); return -1; } // smsw
        if (this.eaReg >= 0) this.ud();
        if (n === 0 || n === 1) { // sgdt/sidt
          this.probeW(this.eaSeg, this.eaOff, 6);
          this.wr(this.eaSeg, this.eaOff, 2, n === 0 ? this.gdtLimit : this.idtLimit);
          this.wr(this.eaSeg, this.eaOff + 2, 4, n === 0 ? this.gdtBase : this.idtBase);
          return -1;
        }
        if (this.cpl !== 0) this.gp(0);
        if (n === 2 || n === 3) {
          const lim = this.rd(this.eaSeg, this.eaOff, 2), base = this.rd(this.eaSeg, this.eaOff + 2, 4);
          if (n === 2) { this.gdtLimit = lim; this.gdtBase = base; } else { this.idtLimit = lim; this.idtBase = base; }
          return -1;
        }
        if (n === 7) { this.paging.invlpg((this.segBase[this.eaSeg] + this.eaOff) >>> 0); this.tlb_flush(); return -1; }
        return this.ud();
      }
      case 0x0b: return this.ud(); // ud2
      case 0x18: case 0x19: case 0x1a: case 0x1b: case 0x1c: case 0x1d: case 0x1e: case 0x1f:
        this.decodeModrm(); return -1; // prefetch hints and multi-byte nop
      case 0x20: case 0x22: { // mov from/to CRn (the r/m field is always a register)
        const m = this.fetch8();
        if (this.cpl !== 0) this.gp(0);
        const cr = (m >> 3) & 7, r = m & 7;
        if (op === 0x20) {
          const v = cr === 0 ? this.cr0 : cr === 2 ? this.cr2 : cr === 3 ? this.cr3 : cr === 4 ? this.cr4 : this.ud();
          R[r] = v;
        } else {
          const v = R[r] >>> 0;
          if (cr === 0) this.cr0 = v; else if (cr === 2) this.cr2 = v; else if (cr === 3) this.cr3 = v;
          else if (cr === 4) { if (v !== 0) this.gp(0); this.cr4 = v; } else this.ud();
        }
        return -1;
      }
      case 0x31: { // rdtsc: the cycle counter (CR4.TSD not modelled)
        const c = this.cycles;
        R[EAX] = c % 4294967296; R[EDX] = Math.floor(c / 4294967296); return -1;
      }
      case 0xa0: this.push(this.sel[FS], sz); return -1;
      case 0xa1: this.popSeg(FS); return -1;
      case 0xa8: this.push(this.sel[GS], sz); return -1;
      case 0xa9: this.popSeg(GS); return -1;
      case 0xa2: this.cpuid(); return -1;
      case 0xa3: case 0xab: case 0xb3: case 0xbb: return this.bitOp((op >> 3) & 3, false);
      case 0xba: return this.bitOp(-1, true);
      case 0xa4: case 0xa5: case 0xac: case 0xad: {
        this.decodeModrm();
        const a = this.readRM(sz), b = this.getR(this.regField, sz);
        const c = (op & 1) === 0 ? this.fetch8() : R[ECX] & 0xff;
        this.writeRMFlags(sz, this.shiftd(op < 0xa8, a, b, c, sz)); return -1;
      }
      case 0xaf: { this.decodeModrm(); const a = this.getR(this.regField, sz), b = this.readRM(sz); this.cycles += CYC_MUL; this.setR(this.regField, sz, this.imul2(a, b, sz)); return -1; }
      case 0xb0: case 0xb1: { // cmpxchg: the destination is always written (with its old value on failure)
        sz = op & 1 ? sz : 1;
        this.decodeModrm();
        if (this.lock && this.eaReg >= 0) this.ud();
        const dst = this.readRM(sz), acc = this.getR(EAX, sz);
        const f0 = this.eflags;
        this.sub(acc, dst, 0, sz);
        const f1 = this.eflags;
        this.eflags = f0;
        if (acc === dst) this.writeRM(sz, this.getR(this.regField, sz));
        else { if (this.eaReg < 0) this.writeRM(sz, dst); this.setR(EAX, sz, dst); }
        this.eflags = f1;
        return -1;
      }
      case 0xb6: case 0xb7: case 0xbe: case 0xbf: {
        this.decodeModrm();
        const ssz = op & 1 ? 2 : 1;
        let v = this.readRM(ssz);
        if (op >= 0xbe) v = ssz === 1 ? (v << 24) >> 24 : (v << 16) >> 16;
        this.setR(this.regField, sz, v); return -1;
      }
      case 0xbc: case 0xbd: { // bsf/bsr: ZF = the source is zero (the destination is then unchanged). Undefined flags as the host: CF OF SF AF = 0, PF = parity of the index (set for a zero source)
        this.decodeModrm();
        const v = this.readRM(sz);
        if (v === 0) { this.setStatus(ZF | PF); return -1; }
        const idx = op === 0xbc ? 31 - Math.clz32(v & -v) : 31 - Math.clz32(v);
        this.setR(this.regField, sz, idx);
        this.setStatus(PARITY[idx]);
        return -1;
      }
      case 0xc0: case 0xc1: { // xadd
        sz = op & 1 ? sz : 1;
        this.decodeModrm();
        if (this.lock && this.eaReg >= 0) this.ud();
        const dst = this.readRM(sz), src = this.getR(this.regField, sz);
        const f0 = this.eflags;
        const sum = this.add(dst, src, 0, sz);
        const f1 = this.eflags;
        this.eflags = f0;
        if (this.eaReg >= 0) { this.setR(this.regField, sz, dst); this.setR(this.eaReg, sz, sum); }
        else { this.writeRM(sz, sum); this.setR(this.regField, sz, dst); }
        this.eflags = f1;
        return -1;
      }
      case 0xc7: { // cmpxchg8b m64
        this.decodeModrm();
        if (this.regField !== 1 || this.eaReg >= 0) this.ud();
        const lo = this.rd(this.eaSeg, this.eaOff, 4), hi = this.rd(this.eaSeg, this.eaOff + 4, 4);
        if (lo === (R[EAX] >>> 0) && hi === (R[EDX] >>> 0)) {
          this.probeW(this.eaSeg, this.eaOff, 8);
          this.wr(this.eaSeg, this.eaOff, 4, R[EBX]); this.wr(this.eaSeg, this.eaOff + 4, 4, R[ECX]);
          this.eflags |= ZF;
        } else {
          this.probeW(this.eaSeg, this.eaOff, 8);
          this.wr(this.eaSeg, this.eaOff, 4, lo); this.wr(this.eaSeg, this.eaOff + 4, 4, hi);
          R[EAX] = lo; R[EDX] = hi;
          this.eflags &= ~ZF;
        }
        return -1;
      }
    }
    return this.ud();
  }

  /** bt/bts/btr/btc (n = 0..3), register or imm8 bit offset. CF = the bit; OF SF AF PF (undefined) unchanged, ZF unchanged. */
  private bitOp(n: number, imm: boolean): number {
    const sz = this.opsz;
    this.decodeModrm();
    if (imm) { const g = this.regField; if (g < 4) this.ud(); n = g - 4; }
    if (this.lock && (this.eaReg >= 0 || n === 0)) this.ud();
    const bits = BITS[sz];
    let bit: number;
    let seg = 0, off = 0;
    if (imm) bit = this.fetch8() & (bits - 1);
    else {
      const r = this.getR(this.regField, sz);
      if (this.eaReg >= 0) bit = r & (bits - 1);
      else {
        // A register bit offset addresses memory beyond the operand (signed).
        const sr = sz === 4 ? r | 0 : (r << 16) >> 16;
        const wordIdx = Math.floor(sr / bits);
        bit = sr - wordIdx * bits;
        off = wordIdx * (bits / 8);
      }
    }
    let v: number;
    if (this.eaReg >= 0) v = this.getR(this.eaReg, sz);
    else { seg = this.eaSeg; off = (this.eaOff + off) >>> 0; if (this.adsz === 2) off &= 0xffff; v = this.rd(seg, off, sz); }
    const cf = (v >>> bit) & 1;
    if (n !== 0) {
      const m = 1 << bit;
      const nv = (n === 1 ? v | m : n === 2 ? v & ~m : v ^ m) & MASK[sz];
      if (this.eaReg >= 0) this.setR(this.eaReg, sz, nv); else this.wr(seg, off, sz, nv);
    }
    this.eflags = (this.eflags & ~CF) | cf;
    return -1;
  }

  /** cpuid: vendor "forkvmx86cpu", family 6 model 1; EDX features TSC, CX8, CMOV (no FPU). */
  private cpuid(): void {
    const R = this.regs;
    const leaf = R[EAX] >>> 0;
    const s = (t: string): number => t.charCodeAt(0) | (t.charCodeAt(1) << 8) | (t.charCodeAt(2) << 16) | (t.charCodeAt(3) << 24);
    if (leaf === 0) { R[EAX] = 1; R[EBX] = s('fork'); R[EDX] = s('vmx8'); R[ECX] = s('6cpu'); }
    else if (leaf === 1) { R[EAX] = 0x610; R[EBX] = this.id << 24; R[ECX] = 0; R[EDX] = (1 << 4) | (1 << 8) | (1 << 15); }
    else { R[EAX] = 0; R[EBX] = 0; R[ECX] = 0; R[EDX] = 0; }
  }

  // ---- state --------------------------------------------------------------------------------

  get_state(): HwState {
    return {
      regs: Array.from(this.regs), eip: this.eip >>> 0, eflags: this.eflags >>> 0, cpl: this.cpl,
      sel: Array.from(this.sel), segBase: Array.from(this.segBase, (b) => b >>> 0), segLimit: Array.from(this.segLimit),
      segNull: Array.from(this.segNull), gdt: [this.gdtBase >>> 0, this.gdtLimit], idt: [this.idtBase >>> 0, this.idtLimit],
      tr: this.tr, cr4: this.cr4, instructions: this.instructions, cycles: this.cycles, irl: this.irl,
      halted: this.halted, paging: this.paging.get_state(),
    };
  }
  set_state(s: HwState): void {
    this.regs.set(s.regs as number[]);
    this.eip = s.eip as number; this.eflags = s.eflags as number; this.cpl = s.cpl as number;
    this.sel.set(s.sel as number[]); this.segBase.set(s.segBase as number[]); this.segLimit.set(s.segLimit as number[]);
    this.segNull.set(s.segNull as number[]);
    [this.gdtBase, this.gdtLimit] = s.gdt as number[]; [this.idtBase, this.idtLimit] = s.idt as number[];
    this.tr = s.tr as number; this.cr4 = s.cr4 as number;
    this.instructions = s.instructions as number; this.cycles = s.cycles as number; this.irl = s.irl as number;
    this.halted = s.halted as boolean;
    this.paging.set_state(s.paging as HwState);
    for (let k = 0; k < 6; k++) this.seg_sync(k);
    this.tlb_flush();
  }
}

/** step() result for hlt. */
const HALT_CODE = 0x1000;

/* Prefix bytes. */
const PREFIX = new Uint8Array(256);
for (const o of [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]) PREFIX[o] = 1;

/* Opcodes that accept a lock prefix (with a memory destination; checked per instruction). */
const LOCKABLE1 = new Uint8Array(256);
for (const o of [0x80, 0x81, 0x82, 0x83, 0x86, 0x87, 0xf6, 0xf7, 0xfe, 0xff, 0x0f]) LOCKABLE1[o] = 1;
const LOCKABLE2 = new Uint8Array(256);
for (const o of [0xab, 0xb3, 0xbb, 0xba, 0xb0, 0xb1, 0xc0, 0xc1, 0xc7]) LOCKABLE2[o] = 1;
