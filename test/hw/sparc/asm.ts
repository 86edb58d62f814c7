/*
 * test/hw/sparc/asm.ts — a tiny SPARC V8 assembler for the instruction tests: plain functions that
 * return 32-bit instruction words, one per instruction format of the V8 manual (appendix B / F).
 * Opcode numbers are written here from the manual's opcode tables, deliberately not taken from
 * hw/sparc/isa.ts, so that a wrong row in the decoder's table shows up as a failing test.
 * No labels, relocation or synthetic-instruction parsing: displacements are given in bytes.
 */

/** An immediate second operand (simm13, or shcnt / software trap number where the format says so). */
export interface Imm { readonly imm: number }
/** Operand 2 of format-3 instructions: a register number (0..31) or an immediate made by `imm()`. */
export type Op2 = number | Imm;

/** Make an immediate operand. */
export function imm(v: number): Imm { return { imm: v }; }

/** Register numbers by name (%g0..%g7 = 0..7, %o = 8.., %l = 16.., %i = 24..). */
export const g = (n: number): number => n;
export const o = (n: number): number => 8 + n;
export const l = (n: number): number => 16 + n;
export const i = (n: number): number => 24 + n;
export const SP = 14, FP = 30, O7 = 15, I7 = 31;

/** Bicc / Ticc condition field values (V8 manual table F-7). */
export const COND = {
  n: 0, e: 1, le: 2, l: 3, leu: 4, cs: 5, neg: 6, vs: 7,
  a: 8, ne: 9, g: 10, ge: 11, gu: 12, cc: 13, pos: 14, vc: 15,
} as const;

/** op3 values for op = 2 (V8 manual table F-4). */
export const OP3_ARITH = {
  add: 0x00, and: 0x01, or: 0x02, xor: 0x03, sub: 0x04, andn: 0x05, orn: 0x06, xnor: 0x07,
  addx: 0x08, umul: 0x0a, smul: 0x0b, subx: 0x0c, udiv: 0x0e, sdiv: 0x0f,
  addcc: 0x10, andcc: 0x11, orcc: 0x12, xorcc: 0x13, subcc: 0x14, andncc: 0x15, orncc: 0x16, xnorcc: 0x17,
  addxcc: 0x18, umulcc: 0x1a, smulcc: 0x1b, subxcc: 0x1c, udivcc: 0x1e, sdivcc: 0x1f,
  taddcc: 0x20, tsubcc: 0x21, taddcctv: 0x22, tsubcctv: 0x23, mulscc: 0x24,
  sll: 0x25, srl: 0x26, sra: 0x27,
  rdy: 0x28, rdpsr: 0x29, rdwim: 0x2a, rdtbr: 0x2b, wry: 0x30, wrpsr: 0x31, wrwim: 0x32, wrtbr: 0x33,
  fpop1: 0x34, fpop2: 0x35, cpop1: 0x36, cpop2: 0x37,
  jmpl: 0x38, rett: 0x39, ticc: 0x3a, flush: 0x3b, save: 0x3c, restore: 0x3d,
} as const;
export type ArithName = keyof typeof OP3_ARITH;

/** op3 values for op = 3 (V8 manual table F-5). */
export const OP3_MEM = {
  ld: 0x00, ldub: 0x01, lduh: 0x02, ldd: 0x03, st: 0x04, stb: 0x05, sth: 0x06, std: 0x07,
  ldsb: 0x09, ldsh: 0x0a, ldstub: 0x0d, swap: 0x0f,
  lda: 0x10, lduba: 0x11, lduha: 0x12, ldda: 0x13, sta: 0x14, stba: 0x15, stha: 0x16, stda: 0x17,
  ldsba: 0x19, ldsha: 0x1a, ldstuba: 0x1d, swapa: 0x1f,
  ldf: 0x20, ldfsr: 0x21, lddf: 0x23, stf: 0x24, stfsr: 0x25, stdfq: 0x26, stdf: 0x27,
  ldc: 0x30, ldcsr: 0x31, lddc: 0x33, stc: 0x34, stcsr: 0x35, stdcq: 0x36, stdc: 0x37,
} as const;
export type MemName = keyof typeof OP3_MEM;

function reg(r: number): number {
  if (!Number.isInteger(r) || r < 0 || r > 31) throw new Error(`asm: bad register ${r}`);
  return r;
}

function simm13(v: number): number {
  if (v < -4096 || v > 4095) throw new Error(`asm: simm13 out of range: ${v}`);
  return v & 0x1fff;
}

/** Format 3 with a register operand 2: op rd op3 rs1 i=0 asi rs2. */
export function f3r(op: number, op3: number, rd: number, rs1: number, rs2: number, asi = 0): number {
  return ((op << 30) | (reg(rd) << 25) | (op3 << 19) | (reg(rs1) << 14) | ((asi & 0xff) << 5) | reg(rs2)) >>> 0;
}

/** Format 3 with i = 1 and raw 13-bit field (sign-extended simm13 range checked). */
export function f3i(op: number, op3: number, rd: number, rs1: number, simm: number): number {
  return ((op << 30) | (reg(rd) << 25) | (op3 << 19) | (reg(rs1) << 14) | (1 << 13) | simm13(simm)) >>> 0;
}

/** Format 3 with either kind of operand 2. */
export function f3(op: number, op3: number, rd: number, rs1: number, op2: Op2): number {
  return typeof op2 === 'number' ? f3r(op, op3, rd, rs1, op2) : f3i(op, op3, rd, rs1, op2.imm);
}

/** Any op = 2 arithmetic/logical/shift/tagged/mul/div/save/restore: `name rs1, op2, rd`. */
export function arith(name: ArithName, rs1: number, op2: Op2, rd: number): number {
  if ((name === 'sll' || name === 'srl' || name === 'sra') && typeof op2 !== 'number') {
    return f3i(2, OP3_ARITH[name], rd, rs1, op2.imm & 31);
  }
  return f3(2, OP3_ARITH[name], rd, rs1, op2);
}

// One named encoder per common instruction, in assembly operand order.
export const add = (rs1: number, op2: Op2, rd: number): number => arith('add', rs1, op2, rd);
export const addcc = (rs1: number, op2: Op2, rd: number): number => arith('addcc', rs1, op2, rd);
export const addx = (rs1: number, op2: Op2, rd: number): number => arith('addx', rs1, op2, rd);
export const addxcc = (rs1: number, op2: Op2, rd: number): number => arith('addxcc', rs1, op2, rd);
export const sub = (rs1: number, op2: Op2, rd: number): number => arith('sub', rs1, op2, rd);
export const subcc = (rs1: number, op2: Op2, rd: number): number => arith('subcc', rs1, op2, rd);
export const subx = (rs1: number, op2: Op2, rd: number): number => arith('subx', rs1, op2, rd);
export const subxcc = (rs1: number, op2: Op2, rd: number): number => arith('subxcc', rs1, op2, rd);
export const and = (rs1: number, op2: Op2, rd: number): number => arith('and', rs1, op2, rd);
export const andcc = (rs1: number, op2: Op2, rd: number): number => arith('andcc', rs1, op2, rd);
export const or = (rs1: number, op2: Op2, rd: number): number => arith('or', rs1, op2, rd);
export const orcc = (rs1: number, op2: Op2, rd: number): number => arith('orcc', rs1, op2, rd);
export const xor = (rs1: number, op2: Op2, rd: number): number => arith('xor', rs1, op2, rd);
export const sll = (rs1: number, op2: Op2, rd: number): number => arith('sll', rs1, op2, rd);
export const srl = (rs1: number, op2: Op2, rd: number): number => arith('srl', rs1, op2, rd);
export const sra = (rs1: number, op2: Op2, rd: number): number => arith('sra', rs1, op2, rd);
export const umul = (rs1: number, op2: Op2, rd: number): number => arith('umul', rs1, op2, rd);
export const smul = (rs1: number, op2: Op2, rd: number): number => arith('smul', rs1, op2, rd);
export const udiv = (rs1: number, op2: Op2, rd: number): number => arith('udiv', rs1, op2, rd);
export const sdiv = (rs1: number, op2: Op2, rd: number): number => arith('sdiv', rs1, op2, rd);
export const mulscc = (rs1: number, op2: Op2, rd: number): number => arith('mulscc', rs1, op2, rd);
export const taddcc = (rs1: number, op2: Op2, rd: number): number => arith('taddcc', rs1, op2, rd);
export const tsubcc = (rs1: number, op2: Op2, rd: number): number => arith('tsubcc', rs1, op2, rd);
export const taddcctv = (rs1: number, op2: Op2, rd: number): number => arith('taddcctv', rs1, op2, rd);
export const tsubcctv = (rs1: number, op2: Op2, rd: number): number => arith('tsubcctv', rs1, op2, rd);
export const save = (rs1: number, op2: Op2, rd: number): number => arith('save', rs1, op2, rd);
export const restore = (rs1: number, op2: Op2, rd: number): number => arith('restore', rs1, op2, rd);

/** `mov op2, rd` = or %g0, op2, rd. */
export const mov = (op2: Op2, rd: number): number => or(0, op2, rd);
/** `nop` = sethi 0, %g0. */
export const nop = (): number => sethi(0, 0);

/** Format 2 SETHI: rd = imm22 << 10. */
export function sethi(imm22: number, rd: number): number {
  if (imm22 < 0 || imm22 > 0x3fffff) throw new Error(`asm: imm22 out of range: ${imm22}`);
  return ((reg(rd) << 25) | (4 << 22) | imm22) >>> 0;
}
/** `sethi %hi(value), rd`. */
export const sethiHi = (value: number, rd: number): number => sethi((value >>> 10) & 0x3fffff, rd);
/** `set value, rd` as the two-instruction sethi/or pair. */
export function set(value: number, rd: number): number[] {
  return [sethiHi(value, rd), or(rd, imm((value >>> 0) & 0x3ff), rd)];
}

/** Format 2 with a 22-bit word displacement (Bicc op2 = 2, FBfcc 6, CBccc 7). `dispBytes` is from the branch. */
export function branch2(op2: number, cond: number, annul: boolean, dispBytes: number): number {
  if (dispBytes % 4 !== 0) throw new Error('asm: branch displacement not word aligned');
  const d = dispBytes / 4;
  if (d < -(1 << 21) || d >= (1 << 21)) throw new Error('asm: disp22 out of range');
  return (((annul ? 1 : 0) << 29) | ((cond & 15) << 25) | (op2 << 22) | (d & 0x3fffff)) >>> 0;
}
/** Bicc: `b<cond>[,a] target` with target = this instruction + dispBytes. */
export const bicc = (cond: number, annul: boolean, dispBytes: number): number => branch2(2, cond, annul, dispBytes);
export const ba = (dispBytes: number, annul = false): number => bicc(COND.a, annul, dispBytes);
export const fbfcc = (cond: number, annul: boolean, dispBytes: number): number => branch2(6, cond, annul, dispBytes);
export const cbccc = (cond: number, annul: boolean, dispBytes: number): number => branch2(7, cond, annul, dispBytes);
/** Format 2 with an arbitrary op2 (for illegal encodings). */
export function fmt2(op2: number, rd: number, imm22: number): number {
  return ((reg(rd) << 25) | ((op2 & 7) << 22) | (imm22 & 0x3fffff)) >>> 0;
}
/** UNIMP const22 (op = 0, op2 = 0). */
export const unimp = (const22 = 0): number => fmt2(0, 0, const22);

/** Format 1 CALL: target = this instruction + dispBytes. */
export function call(dispBytes: number): number {
  if (dispBytes % 4 !== 0) throw new Error('asm: call displacement not word aligned');
  return ((1 << 30) | ((dispBytes / 4) & 0x3fffffff)) >>> 0;
}

/** JMPL: `jmpl rs1 + op2, rd`. */
export const jmpl = (rs1: number, op2: Op2, rd: number): number => f3(2, OP3_ARITH.jmpl, rd, rs1, op2);
/** `ret` = jmpl %i7 + 8, %g0; `retl` = jmpl %o7 + 8, %g0. */
export const ret = (): number => jmpl(I7, imm(8), 0);
export const retl = (): number => jmpl(O7, imm(8), 0);
/** RETT: `rett rs1 + op2`. */
export const rett = (rs1: number, op2: Op2): number => f3(2, OP3_ARITH.rett, 0, rs1, op2);
/** FLUSH: `flush rs1 + op2`. */
export const flush = (rs1: number, op2: Op2): number => f3(2, OP3_ARITH.flush, 0, rs1, op2);

/** Ticc: `t<cond> rs1 + op2`; an immediate is the 7-bit software trap number (bits 6:0). */
export function ticc(cond: number, rs1: number, op2: Op2): number {
  const base = (2 << 30) | ((cond & 15) << 25) | (OP3_ARITH.ticc << 19) | (reg(rs1) << 14);
  return (typeof op2 === 'number' ? base | reg(op2) : base | (1 << 13) | (op2.imm & 0x7f)) >>> 0;
}
/** `ta n` = ticc always, %g0 + n. */
export const ta = (n: number): number => ticc(COND.a, 0, imm(n));

/** RDY/RDPSR/RDWIM/RDTBR: `rd %<reg>, rd`. */
export const rdy = (rd: number): number => f3r(2, OP3_ARITH.rdy, rd, 0, 0);
export const rdpsr = (rd: number): number => f3r(2, OP3_ARITH.rdpsr, rd, 0, 0);
export const rdwim = (rd: number): number => f3r(2, OP3_ARITH.rdwim, rd, 0, 0);
export const rdtbr = (rd: number): number => f3r(2, OP3_ARITH.rdtbr, rd, 0, 0);
/** WRY/WRPSR/WRWIM/WRTBR: `wr rs1, op2, %<reg>` (the register gets rs1 XOR op2). */
export const wry = (rs1: number, op2: Op2): number => f3(2, OP3_ARITH.wry, 0, rs1, op2);
export const wrpsr = (rs1: number, op2: Op2): number => f3(2, OP3_ARITH.wrpsr, 0, rs1, op2);
export const wrwim = (rs1: number, op2: Op2): number => f3(2, OP3_ARITH.wrwim, 0, rs1, op2);
export const wrtbr = (rs1: number, op2: Op2): number => f3(2, OP3_ARITH.wrtbr, 0, rs1, op2);

/** Loads: `<name> [rs1 + op2], rd`. */
export const load = (name: MemName, rs1: number, op2: Op2, rd: number): number => f3(3, OP3_MEM[name], rd, rs1, op2);
/** Stores: `<name> rd, [rs1 + op2]`. */
export const store = (name: MemName, rd: number, rs1: number, op2: Op2): number => f3(3, OP3_MEM[name], rd, rs1, op2);
export const ld = (rs1: number, op2: Op2, rd: number): number => load('ld', rs1, op2, rd);
export const st = (rd: number, rs1: number, op2: Op2): number => store('st', rd, rs1, op2);
/** Alternate-space load: `<name>a [rs1 + rs2] asi, rd` (i = 0 is the only legal form). */
export const loadA = (name: MemName, rs1: number, rs2: number, asi: number, rd: number): number =>
  f3r(3, OP3_MEM[name], rd, rs1, rs2, asi);
/** Alternate-space store: `<name>a rd, [rs1 + rs2] asi`. */
export const storeA = (name: MemName, rd: number, rs1: number, rs2: number, asi: number): number =>
  f3r(3, OP3_MEM[name], rd, rs1, rs2, asi);

/** FPop1/FPop2/CPop1/CPop2 with an opf field (bits 13:5). */
export function fpop(op3: number, rd: number, rs1: number, opf: number, rs2: number): number {
  return ((2 << 30) | (reg(rd) << 25) | (op3 << 19) | (reg(rs1) << 14) | ((opf & 0x1ff) << 5) | reg(rs2)) >>> 0;
}
