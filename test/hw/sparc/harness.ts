/*
 * test/hw/sparc/harness.ts — builds a PhysMem + SparcCpu for the instruction tests, places a program
 * in memory, sets registers / PSR / Y / WIM, and runs it until a Stop. Programs normally end with
 * `ta 0`, which stops with trap 0x80 (needs PSR.ET = 1, hence the default PSR S|ET). Also holds
 * `refAlu`, a reference model of the V8 ALU instructions written from the manual with BigInt
 * arithmetic (independent of cpu.ts). No MMU setup here (srmmu.test.ts builds its own tables).
 */

import { expect } from 'chai';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { SparcCpu, PSR_S, PSR_ET } from '../../../hw/sparc/cpu.ts';
import type { Stop } from '../../../hw/machine.ts';
import { arith, imm, ta } from './asm.ts';

/** Where programs are placed by default. */
export const CODE = 0x1000;
/** A data area the tests may use freely. */
export const DATA = 0x8000;
/** Default memory size (64 KiB). */
export const MEM_SIZE = 0x10000;

/** Stop reasons (numeric copies of hw/machine.ts StopReason). */
export const BUDGET = 0, TRAP = 1, HALT = 2;
/** Default PSR for tests: supervisor with traps enabled (so `ta` stops with Trap, not Halt). */
export const SUPER = PSR_S | PSR_ET;
/** User mode with traps enabled. */
export const USER = PSR_ET;

/** Initial state for a run. Registers are in the window selected by psr's CWP. */
export interface Setup {
  regs?: Record<number, number>;
  psr?: number;
  icc?: number;
  y?: number;
  wim?: number;
  tba?: number;
  at?: number;
  budget?: number;
}

/** A fresh CPU with its own memory (supervisor, ET = 0, MMU off as constructed). */
export function newCpu(memSize = MEM_SIZE): SparcCpu {
  return new SparcCpu(new PhysMem(memSize));
}

/** Write instruction words at `addr` (physical, big-endian). */
export function writeWords(cpu: SparcCpu, addr: number, words: readonly number[]): void {
  for (let k = 0; k < words.length; k++) cpu.mem.write32(addr + 4 * k, words[k]);
}

/**
 * Load `words` at setup.at (default CODE), apply the setup (psr first, then icc, y, wim, regs),
 * point PC/nPC at the program.
 */
export function prepare(cpu: SparcCpu, words: readonly number[], s: Setup = {}): void {
  const at = s.at ?? CODE;
  writeWords(cpu, at, words);
  cpu.psr = s.psr ?? SUPER;
  if (s.icc !== undefined) cpu.icc = s.icc;
  if (s.y !== undefined) cpu.y = s.y >>> 0;
  if (s.wim !== undefined) cpu.wim = s.wim;
  if (s.tba !== undefined) cpu.tba = s.tba;
  for (const [r, v] of Object.entries(s.regs ?? {})) cpu.setReg(Number(r), v);
  cpu.pc = at;
  cpu.npc = at + 4;
}

/** Prepare and run once with budget s.budget (default 1000). */
export function run(cpu: SparcCpu, words: readonly number[], s: Setup = {}): Stop {
  prepare(cpu, words, s);
  return cpu.run(s.budget ?? 1000);
}

/** cpu.run(budget), for tests that set PC/nPC themselves. */
export function runFor(cpu: SparcCpu, budget: number): Stop {
  return cpu.run(budget);
}

/** Assert the stop is a trap of type `tt` at `pc` (and `npc` when given). */
export function expectTrap(stop: Stop, tt: number, pc?: number, npc?: number): void {
  expect({ reason: stop.reason, trap: hex(stop.trap) }, 'stop').to.deep.equal({ reason: TRAP, trap: hex(tt) });
  if (pc !== undefined) expect(hex(stop.pc), 'stop.pc').to.equal(hex(pc));
  if (npc !== undefined) expect(hex(stop.npc), 'stop.npc').to.equal(hex(npc));
}

/** Format a number as 0x-prefixed unsigned hex (for readable assertion messages). */
export function hex(v: number): string {
  return '0x' + (v >>> 0).toString(16);
}

/** Readable icc, e.g. "N-V-". */
export function iccStr(x: number): string {
  return (x & 8 ? 'N' : '-') + (x & 4 ? 'Z' : '-') + (x & 2 ? 'V' : '-') + (x & 1 ? 'C' : '-');
}

/** Interesting 32-bit operand values (unsigned). */
export const EDGE: readonly number[] = [
  0, 1, 2, 3, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe, 0x7ffffffe, 0x40000000,
  0x0000ffff, 0xffff0000, 0x12345678, 0xdeadbeef,
];

/** A small deterministic PRNG (xorshift32) for test data. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

/** condHolds — the V8 manual's Bicc/Ticc condition table, one case per condition (not a bit trick). */
export function condHolds(cond: number, icc: number): boolean {
  const n = (icc >> 3) & 1, z = (icc >> 2) & 1, v = (icc >> 1) & 1, c = icc & 1;
  switch (cond) {
    case 8: return true;                    // ba
    case 0: return false;                   // bn
    case 9: return !z;                      // bne
    case 1: return !!z;                     // be
    case 10: return !(z || (n ^ v));        // bg
    case 2: return !!(z || (n ^ v));        // ble
    case 11: return !(n ^ v);               // bge
    case 3: return !!(n ^ v);               // bl
    case 12: return !(c || z);              // bgu
    case 4: return !!(c || z);              // bleu
    case 13: return !c;                     // bcc
    case 5: return !!c;                     // bcs
    case 14: return !n;                     // bpos
    case 6: return !!n;                     // bneg
    case 15: return !v;                     // bvc
    case 7: return !!v;                     // bvs
  }
  throw new Error('bad cond');
}

// ---- reference model -------------------------------------------------------------------------

/** The result of one ALU instruction in the reference model; `trap` is a tt when it traps. */
export interface RefResult { rd: number; icc: number; y: number; trap: number }

const M32 = (1n << 32n) - 1n;
const u = (x: bigint): number => Number(x & M32);
const s32 = (x: number): bigint => BigInt(x | 0);
const u32 = (x: number): bigint => BigInt(x >>> 0);
const fitsS32 = (x: bigint): boolean => x >= -(1n << 31n) && x < (1n << 31n);

/** Names refAlu understands (the op = 2 computational instructions). */
export const REF_OPS = [
  'add', 'addcc', 'addx', 'addxcc', 'sub', 'subcc', 'subx', 'subxcc',
  'and', 'andcc', 'andn', 'andncc', 'or', 'orcc', 'orn', 'orncc', 'xor', 'xorcc', 'xnor', 'xnorcc',
  'sll', 'srl', 'sra', 'umul', 'umulcc', 'smul', 'smulcc', 'udiv', 'udivcc', 'sdiv', 'sdivcc',
  'taddcc', 'tsubcc', 'taddcctv', 'tsubcctv', 'mulscc',
] as const;
export type RefOp = typeof REF_OPS[number];

/**
 * refAlu — what the V8 manual says `name a, b, rd` produces, given icc and Y before it.
 * Flags are computed from the mathematical definitions: C = unsigned result out of 32 bits,
 * V = signed result out of 32 bits, N/Z from the 32-bit result.
 */
export function refAlu(name: RefOp, a: number, b: number, iccIn: number, yIn: number): RefResult {
  const A = u32(a), B = u32(b), SA = s32(a), SB = s32(b);
  const cin = BigInt(iccIn & 1);
  const nz = (r: number): number => ((r >>> 31) << 3) | ((r === 0 ? 1 : 0) << 2);
  const out = (rd: number, icc = iccIn, y = yIn): RefResult => ({ rd: rd >>> 0, icc, y: y >>> 0, trap: 0 });
  const trap = (tt: number): RefResult => ({ rd: -1, icc: iccIn, y: yIn >>> 0, trap: tt });
  const sum = (ua: bigint, ub: bigint, sa: bigint, sb: bigint, c: bigint, sign: 1n | -1n) => {
    const ur = sign === 1n ? ua + ub + c : ua - ub - c;
    const sr = sign === 1n ? sa + sb + c : sa - sb - c;
    const r = u(ur);
    const C = sign === 1n ? ur > M32 : ur < 0n;
    return { r, flags: nz(r) | ((fitsS32(sr) ? 0 : 1) << 1) | (C ? 1 : 0) };
  };
  const logic = (r: number, cc: boolean): RefResult => out(r, cc ? nz(r >>> 0) : iccIn);
  switch (name) {
    case 'add': return out(sum(A, B, SA, SB, 0n, 1n).r);
    case 'addcc': { const x = sum(A, B, SA, SB, 0n, 1n); return out(x.r, x.flags); }
    case 'addx': return out(sum(A, B, SA, SB, cin, 1n).r);
    case 'addxcc': { const x = sum(A, B, SA, SB, cin, 1n); return out(x.r, x.flags); }
    case 'sub': return out(sum(A, B, SA, SB, 0n, -1n).r);
    case 'subcc': { const x = sum(A, B, SA, SB, 0n, -1n); return out(x.r, x.flags); }
    case 'subx': return out(sum(A, B, SA, SB, cin, -1n).r);
    case 'subxcc': { const x = sum(A, B, SA, SB, cin, -1n); return out(x.r, x.flags); }
    case 'taddcc': case 'taddcctv': case 'tsubcc': case 'tsubcctv': {
      const x = sum(A, B, SA, SB, 0n, name.startsWith('tadd') ? 1n : -1n);
      const tagV = ((a | b) & 3) !== 0;
      const flags = x.flags | (tagV ? 2 : 0);
      if (name.endsWith('tv') && (flags & 2)) return trap(0x0a);
      return out(x.r, flags);
    }
    case 'and': case 'andcc': return logic(u(A & B), name === 'andcc');
    case 'andn': case 'andncc': return logic(u(A & ~B), name === 'andncc');
    case 'or': case 'orcc': return logic(u(A | B), name === 'orcc');
    case 'orn': case 'orncc': return logic(u(A | ~B), name === 'orncc');
    case 'xor': case 'xorcc': return logic(u(A ^ B), name === 'xorcc');
    case 'xnor': case 'xnorcc': return logic(u(~(A ^ B)), name === 'xnorcc');
    case 'sll': return out(u(A << (B & 31n)));
    case 'srl': return out(u(A >> (B & 31n)));
    case 'sra': return out(u(SA >> (B & 31n)));
    case 'umul': case 'umulcc': case 'smul': case 'smulcc': {
      const p = name.startsWith('u') ? A * B : SA * SB;
      const lo = u(p), hi = u(p >> 32n);
      return out(lo, name.endsWith('cc') ? nz(lo) : iccIn, hi);
    }
    case 'udiv': case 'udivcc': case 'sdiv': case 'sdivcc': {
      if (B === 0n) return trap(0x2a);
      const Y = u32(yIn);
      let q: bigint, v = false;
      if (name.startsWith('u')) {
        q = ((Y << 32n) | A) / B;
        if (q > M32) { q = M32; v = true; }
      } else {
        const dividend = BigInt.asIntN(64, (Y << 32n) | A);
        q = dividend / SB; // BigInt division truncates toward zero, as SDIV does
        if (q >= (1n << 31n)) { q = (1n << 31n) - 1n; v = true; } else if (q < -(1n << 31n)) { q = -(1n << 31n); v = true; }
      }
      const r = u(q);
      return out(r, name.endsWith('cc') ? nz(r) | (v ? 2 : 0) : iccIn);
    }
    case 'mulscc': {
      const nv = ((iccIn >> 3) ^ (iccIn >> 1)) & 1;
      const op1 = ((nv << 31) | (a >>> 1)) >>> 0;
      const op2 = (yIn & 1) ? b >>> 0 : 0;
      const x = sum(u32(op1), u32(op2), s32(op1), s32(op2), 0n, 1n);
      return out(x.r, x.flags, ((yIn >>> 1) | ((a & 1) << 31)) >>> 0);
    }
  }
}

/**
 * Run exactly one instruction `word` on `cpu` (followed by `ta 0` in memory, never reached when
 * it does not trap). Returns the Stop: reason Budget after one retired instruction, or Trap.
 */
export function runOne(cpu: SparcCpu, word: number, s: Setup = {}): Stop {
  prepare(cpu, [word, ta(0)], s);
  return cpu.run(1);
}

/** Registers used by `compareWithRef`: rs1 = %l0, rs2 = %l1, rd = %l2. */
export const REF_RS1 = 16, REF_RS2 = 17, REF_RD = 18;
const RD_POISON = 0xcccccccc;

/**
 * Run `name %l0, %l1 (or imm b), %l2` once with the given icc and Y, compare with refAlu.
 * A trapping case must stop with the same tt and leave rd, icc and Y unchanged.
 * Returns null when they agree, otherwise a one-line description of the difference.
 */
export function compareWithRef(cpu: SparcCpu, name: RefOp, a: number, b: number, iccIn: number, yIn: number,
  useImm = false): string | null {
  const simm = ((b & 0x1fff) << 19) >> 19;
  const word = arith(name, REF_RS1, useImm ? imm(simm) : REF_RS2, REF_RD);
  const bval = useImm ? simm >>> 0 : b >>> 0;
  const want = refAlu(name, a >>> 0, bval, iccIn, yIn >>> 0);
  const stop = runOne(cpu, word, { regs: { [REF_RS1]: a, [REF_RS2]: useImm ? 0x5a5a5a5a : b, [REF_RD]: RD_POISON }, icc: iccIn, y: yIn });
  const what = `${name} ${hex(a)}, ${useImm ? `imm ${b | 0}` : hex(b)} (icc ${iccStr(iccIn)}, y ${hex(yIn)})`;
  const gotRd = cpu.getReg(REF_RD), gotIcc = cpu.icc, gotY = cpu.y >>> 0;
  const got = stop.reason === 1
    ? `trap ${hex(stop.trap)} rd ${hex(gotRd)} ${iccStr(gotIcc)} y ${hex(gotY)}`
    : stop.reason === 0 ? `${hex(gotRd)} ${iccStr(gotIcc)} y ${hex(gotY)}` : `stop reason ${stop.reason}`;
  const exp = want.trap
    ? `trap ${hex(want.trap)} rd ${hex(RD_POISON)} ${iccStr(iccIn)} y ${hex(yIn)}`
    : `${hex(want.rd)} ${iccStr(want.icc)} y ${hex(want.y)}`;
  return got === exp ? null : `${what}: want ${exp}, got ${got}`;
}
