/*
 * test/hw/sparc/cpu_muldiv.test.ts — SPARC V8 UMUL/SMUL(cc) (Y = high word), UDIV/SDIV(cc) with the
 * 64-bit Y:rs1 dividend, saturation and V, division_by_zero; MULScc single steps and the full
 * 32-step multiply sequence; tagged add/subtract with and without trap-on-overflow.
 * Expected values are hand-computed or come from harness.ts' BigInt reference (refAlu).
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { imm } from './asm.ts';
import { EDGE, compareWithRef, expectTrap, hex, iccStr, newCpu, run, runOne, CODE, type RefOp } from './harness.ts';
import type { SparcCpu } from '../../../hw/sparc/cpu.ts';

const RS1 = A.l(0), RS2 = A.l(1), RD = A.l(2);

function one(cpu: SparcCpu, word: number, a: number, b: number, y: number, icc = 0) {
  const stop = runOne(cpu, word, { regs: { [RS1]: a, [RS2]: b, [RD]: 0xcccccccc }, y, icc });
  return { stop, rd: hex(cpu.getReg(RD)), y: hex(cpu.y), icc: iccStr(cpu.icc) };
}

function sweep(names: RefOp[], ys: readonly number[], values: readonly number[] = EDGE): void {
  const cpu = newCpu();
  const bad: string[] = [];
  for (const name of names) for (const a of values) for (const b of values) for (const y of ys) for (const ic of [0, 15]) {
    const m = compareWithRef(cpu, name, a, b, ic, y);
    if (m) bad.push(m);
  }
  expect(bad.slice(0, 8), `${bad.length} mismatches`).to.deep.equal([]);
}

describe('hw/sparc/cpu multiply / divide / tagged', () => {
  describe('UMUL / SMUL', () => {
    it('hand vectors: rd = low word, Y = high word', () => {
      const cpu = newCpu();
      expect(one(cpu, A.umul(RS1, RS2, RD), 0xffffffff, 0xffffffff, 0)).to.include({ rd: hex(1), y: hex(0xfffffffe) });
      expect(one(cpu, A.smul(RS1, RS2, RD), 0xffffffff, 0xffffffff, 0)).to.include({ rd: hex(1), y: hex(0) });
      expect(one(cpu, A.smul(RS1, RS2, RD), 0x80000000, 0x80000000, 0)).to.include({ rd: hex(0), y: hex(0x40000000) });
      expect(one(cpu, A.umul(RS1, RS2, RD), 0x80000000, 0x80000000, 0)).to.include({ rd: hex(0), y: hex(0x40000000) });
      expect(one(cpu, A.smul(RS1, RS2, RD), 0xfffffffe, 3, 0)).to.include({ rd: hex(0xfffffffa), y: hex(0xffffffff) });
      expect(one(cpu, A.umul(RS1, RS2, RD), 0xfffffffe, 3, 0)).to.include({ rd: hex(0xfffffffa), y: hex(2) });
      expect(one(cpu, A.smul(RS1, RS2, RD), 0x7fffffff, 0x7fffffff, 0)).to.include({ rd: hex(1), y: hex(0x3fffffff) });
      expect(one(cpu, A.umul(RS1, RS2, RD), 0x12345678, 0x9abcdef0, 0)).to.include({ rd: hex(0x242d2080), y: hex(0x0b00ea4e) });
      // more than 53 significant bits: a double product would lose the low bits
      expect(one(cpu, A.umul(RS1, RS2, RD), 0xfffffffb, 0xfffffffd, 0)).to.include({ rd: hex(15), y: hex(0xfffffff8) });
    });
    it('immediate operand is sign-extended, then treated as unsigned by UMUL', () => {
      const cpu = newCpu();
      expect(one(cpu, A.umul(RS1, imm(-1), RD), 2, 0, 0)).to.include({ rd: hex(0xfffffffe), y: hex(1) });
      expect(one(cpu, A.smul(RS1, imm(-1), RD), 2, 0, 0)).to.include({ rd: hex(0xfffffffe), y: hex(0xffffffff) });
    });
    it('umulcc/smulcc: N and Z from the low word, V = C = 0; plain forms keep icc', () => {
      const cpu = newCpu();
      expect(one(cpu, A.arith('umulcc', RS1, RS2, RD), 0x10000, 0x8000, 0, 0xf)).to.include({ rd: hex(0x80000000), icc: 'N---' });
      // product 2^62: low word zero → Z even though the product is not zero
      expect(one(cpu, A.arith('smulcc', RS1, RS2, RD), 0x80000000, 0x80000000, 0, 0xb)).to.include({ rd: hex(0), icc: '-Z--' });
      expect(one(cpu, A.arith('smulcc', RS1, RS2, RD), 0xffffffff, 1, 0, 0)).to.include({ icc: 'N---', y: hex(0xffffffff) });
      expect(one(cpu, A.umul(RS1, RS2, RD), 0, 5, 0, 0xb)).to.include({ rd: hex(0), icc: 'N-VC' });
    });
    it('with rd = %g0 the product still reaches Y (and icc for the cc forms)', () => {
      const cpu = newCpu();
      runOne(cpu, A.umul(RS1, RS2, 0), { regs: { [RS1]: 0x80000000, [RS2]: 6 }, y: 0 });
      expect(hex(cpu.y)).to.equal(hex(3));
      runOne(cpu, A.arith('smulcc', RS1, RS2, 0), { regs: { [RS1]: 0xffffffff, [RS2]: 2 }, y: 0 });
      expect([hex(cpu.y), iccStr(cpu.icc), cpu.getReg(0)]).to.deep.equal([hex(0xffffffff), 'N---', 0]);
    });
    it('agree with the reference on edge values', () => sweep(['umul', 'smul', 'umulcc', 'smulcc'], [0, 0xffffffff]));
  });

  describe('UDIV / SDIV', () => {
    const udivcc = A.arith('udivcc', RS1, RS2, RD), sdivcc = A.arith('sdivcc', RS1, RS2, RD);
    it('udiv divides the 64-bit Y:rs1', () => {
      const cpu = newCpu();
      expect(one(cpu, A.udiv(RS1, RS2, RD), 100, 7, 0)).to.include({ rd: hex(14) });
      expect(one(cpu, A.udiv(RS1, RS2, RD), 0, 2, 1)).to.include({ rd: hex(0x80000000) });
      expect(one(cpu, A.udiv(RS1, RS2, RD), 0x00000005, 0x10, 3)).to.include({ rd: hex(0x30000000) });
      expect(one(cpu, A.udiv(RS1, RS2, RD), 0xffffffff, 0xffffffff, 0)).to.include({ rd: hex(1) });
      expect(one(cpu, A.udiv(RS1, imm(-1), RD), 0xfffffffe, 0, 0xfffffffe)).to.include({ rd: hex(0xffffffff) });
    });
    it('udivcc: quotient overflow saturates to 0xffffffff and sets V; C = 0', () => {
      const cpu = newCpu();
      expect(one(cpu, udivcc, 0, 1, 1, 0xf)).to.include({ rd: hex(0xffffffff), icc: 'N-V-' });
      expect(one(cpu, udivcc, 0xffffffff, 0xffffffff, 0xffffffff, 0)).to.include({ rd: hex(0xffffffff), icc: 'N-V-' });
      expect(one(cpu, udivcc, 0, 2, 1, 0xf)).to.include({ rd: hex(0x80000000), icc: 'N---' });
      expect(one(cpu, udivcc, 3, 4, 0, 0xf)).to.include({ rd: hex(0), icc: '-Z--' });
      expect(one(cpu, udivcc, 0xfffffffe, 0xffffffff, 0xfffffffe, 0xf)).to.include({ rd: hex(0xffffffff), icc: 'N---' });
      // udiv (no cc) saturates too and leaves icc alone
      expect(one(cpu, A.udiv(RS1, RS2, RD), 0, 1, 1, 0x4)).to.include({ rd: hex(0xffffffff), icc: '-Z--' });
    });
    it('sdiv: signed 64-bit dividend, truncation toward zero', () => {
      const cpu = newCpu();
      expect(one(cpu, A.sdiv(RS1, RS2, RD), 0xfffffff9, 2, 0xffffffff)).to.include({ rd: hex(0xfffffffd) });
      expect(one(cpu, A.sdiv(RS1, RS2, RD), 7, 0xfffffffe, 0)).to.include({ rd: hex(0xfffffffd) });
      expect(one(cpu, A.sdiv(RS1, RS2, RD), 0xfffffff9, 0xfffffffe, 0xffffffff)).to.include({ rd: hex(3) });
      // Y:rs1 = -2^32; / 16 = -2^28
      expect(one(cpu, A.sdiv(RS1, RS2, RD), 0, 0x10, 0xffffffff)).to.include({ rd: hex(0xf0000000) });
      // Y = 0 makes 0x80000000 a positive dividend (2^31): the quotient by 1 overflows
      expect(one(cpu, A.sdiv(RS1, RS2, RD), 0x80000000, 1, 0)).to.include({ rd: hex(0x7fffffff) });
      // rs1 alone is not sign-extended: Y:rs1 = 0x00000000:0xfffffffe = 4294967294
      expect(one(cpu, A.sdiv(RS1, RS2, RD), 0xfffffffe, 2, 0)).to.include({ rd: hex(0x7fffffff) });
    });
    it('sdivcc: positive overflow → 0x7fffffff, negative → 0x80000000, both with V; C = 0', () => {
      const cpu = newCpu();
      expect(one(cpu, sdivcc, 0x80000000, 1, 0, 0xf)).to.include({ rd: hex(0x7fffffff), icc: '--V-' });
      expect(one(cpu, sdivcc, 0x80000000, 0xffffffff, 0xffffffff, 0xf)).to.include({ rd: hex(0x7fffffff), icc: '--V-' });
      expect(one(cpu, sdivcc, 0x80000000, 1, 0xffffffff, 0xf)).to.include({ rd: hex(0x80000000), icc: 'N---' });
      expect(one(cpu, sdivcc, 0, 1, 0x80000000, 0)).to.include({ rd: hex(0x80000000), icc: 'N-V-' });
      expect(one(cpu, sdivcc, 0, 0xffffffff, 0x80000000, 0)).to.include({ rd: hex(0x7fffffff), icc: '--V-' });
      expect(one(cpu, sdivcc, 0, 2, 0xffffffff, 0)).to.include({ rd: hex(0x80000000), icc: 'N---' });
      expect(one(cpu, sdivcc, 1, 2, 0, 0xf)).to.include({ rd: hex(0), icc: '-Z--' });
      expect(one(cpu, sdivcc, 0xfffffffe, 0xffffffff, 0xffffffff, 0xf)).to.include({ rd: hex(2), icc: '----' });
    });
    it('agree with the reference on edge values (several Y)', () =>
      sweep(['udiv', 'sdiv', 'udivcc', 'sdivcc'], [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe]));
    for (const name of ['udiv', 'sdiv', 'udivcc', 'sdivcc'] as const) {
      it(`${name} by zero: division_by_zero (0x2A), rd, icc and Y unchanged`, () => {
        const cpu = newCpu();
        for (const word of [A.arith(name, RS1, RS2, RD), A.arith(name, RS1, imm(0), RD)]) {
          const r = one(cpu, word, 1234, 0, 0x55, 0x5);
          expectTrap(r.stop, 0x2a, CODE, CODE + 4);
          expect(r).to.include({ rd: hex(0xcccccccc), icc: '-Z-C', y: hex(0x55) });
          expect(r.stop.executed).to.equal(0);
        }
      });
    }
  });

  describe('MULScc', () => {
    it('a 32-step sequence (+ final shift step) multiplies signed rs2 by unsigned Y', () => {
      const cpu = newCpu();
      const prog = [A.wry(0, RS1), A.andcc(0, 0, RD)];
      for (let k = 0; k < 32; k++) prog.push(A.mulscc(RD, RS2, RD));
      prog.push(A.mulscc(RD, 0, RD), A.rdy(A.l(3)), A.ta(0));
      const pairs: [number, number][] = [
        [0, 0], [1, 1], [3, 5], [0xffffffff, 1], [1, 0xffffffff], [0x123, 0x456], [0x7fffffff, 0x7fffffff],
        [0x80000000, 0x80000000], [0xffffffff, 0xffffffff], [0x12345678, 0x9abcdef0], [0xdeadbeef, 0x00010001],
        [0x80000001, 0x7ffffffe],
      ];
      for (const [mplier, mcand] of pairs) {
        const stop = run(cpu, prog, { regs: { [RS1]: mplier, [RS2]: mcand } });
        expect(stop.trap).to.equal(0x80);
        const p = BigInt.asUintN(64, BigInt(mcand | 0) * BigInt(mplier >>> 0));
        const what = `${hex(mcand)} * ${hex(mplier)}`;
        expect([hex(cpu.getReg(RD)), hex(cpu.getReg(A.l(3)))], what)
          .to.deep.equal([hex(Number(p >> 32n)), hex(Number(p & 0xffffffffn))]);
      }
    });
    it('single steps: N^V shifted in, Y bit 0 selects the addend, Y gets rs1 bit 0', () => {
      const cpu = newCpu();
      const w = A.mulscc(RS1, RS2, RD);
      // N^V = 1 → bit 31 set; Y&1 = 0 → adds 0; Y ← Y>>1 | rs1[0]<<31
      expect(one(cpu, w, 0, 0x1234, 0x2, 0x8)).to.include({ rd: hex(0x80000000), icc: 'N---', y: hex(0x1) });
      // N = V = 1 → N^V = 0
      expect(one(cpu, w, 0xfffffffe, 0x1234, 0x0, 0xa)).to.include({ rd: hex(0x7fffffff), icc: '----', y: hex(0) });
      // Y&1 = 1 → adds rs2, which overflows here
      expect(one(cpu, w, 0xfffffffe, 1, 0x1, 0)).to.include({ rd: hex(0x80000000), icc: 'N-V-', y: hex(0) });
      // Y's new top bit is rs1 bit 0 (not the result's bit 0)
      expect(one(cpu, w, 1, 0, 0, 0)).to.include({ rd: hex(0), icc: '-Z--', y: hex(0x80000000) });
      expect(one(cpu, w, 3, 1, 1, 0)).to.include({ rd: hex(2), icc: '----', y: hex(0x80000000) });
      // carry out: 0xffffffff + 1
      expect(one(cpu, w, 0xfffffffe, 1, 0xffffffff, 0x8)).to.include({ rd: hex(0), icc: '-Z-C', y: hex(0x7fffffff) });
      // immediate operand
      expect(one(cpu, A.mulscc(RS1, imm(-1), RD), 0, 0, 1, 0)).to.include({ rd: hex(0xffffffff), icc: 'N---' });
    });
    it('agrees with the reference on edge values', () => sweep(['mulscc'], [0, 1, 0x80000000, 0xffffffff]));
  });

  describe('tagged arithmetic', () => {
    it('taddcc/tsubcc: V from tag bits [1:0] of either operand or from overflow', () => {
      const cpu = newCpu();
      const t = A.taddcc(RS1, RS2, RD), s = A.tsubcc(RS1, RS2, RD);
      expect(one(cpu, t, 4, 8, 0, 0xf)).to.include({ rd: hex(12), icc: '----' });
      expect(one(cpu, t, 1, 4, 0, 0)).to.include({ rd: hex(5), icc: '--V-' });
      expect(one(cpu, t, 4, 2, 0, 0)).to.include({ rd: hex(6), icc: '--V-' });
      expect(one(cpu, t, 0x7ffffffc, 4, 0, 0)).to.include({ rd: hex(0x80000000), icc: 'N-V-' });
      expect(one(cpu, t, 0xfffffffc, 4, 0, 0)).to.include({ rd: hex(0), icc: '-Z-C' });
      expect(one(cpu, t, 0xffffffff, 1, 0, 0)).to.include({ rd: hex(0), icc: '-ZVC' });
      expect(one(cpu, s, 8, 4, 0, 0xf)).to.include({ rd: hex(4), icc: '----' });
      expect(one(cpu, s, 8, 1, 0, 0)).to.include({ rd: hex(7), icc: '--V-' });
      expect(one(cpu, s, 0, 4, 0, 0)).to.include({ rd: hex(0xfffffffc), icc: 'N--C' });
      expect(one(cpu, s, 0x80000000, 4, 0, 0)).to.include({ rd: hex(0x7ffffffc), icc: '--V-' });
      expect(one(cpu, s, 3, 3, 0, 0)).to.include({ rd: hex(0), icc: '-ZV-' });
    });
    it('taddcctv/tsubcctv trap tag_overflow (0x0A) leaving rd and icc unchanged', () => {
      const cpu = newCpu();
      const cases: [RefOp, number, number][] = [
        ['taddcctv', 1, 4], ['taddcctv', 4, 3], ['taddcctv', 0x7ffffffc, 4], ['taddcctv', 0x80000000, 0x80000000],
        ['tsubcctv', 8, 2], ['tsubcctv', 0x80000000, 4], ['tsubcctv', 0x7ffffffc, 0xfffffffc],
      ];
      for (const [name, a, b] of cases) {
        const r = one(cpu, A.arith(name, RS1, RS2, RD), a, b, 0x77, 0x5);
        expectTrap(r.stop, 0x0a, CODE, CODE + 4);
        expect(r, `${name} ${hex(a)}, ${hex(b)}`).to.include({ rd: hex(0xcccccccc), icc: '-Z-C', y: hex(0x77) });
      }
    });
    it('taddcctv/tsubcctv without overflow behave as taddcc/tsubcc (V = 0)', () => {
      const cpu = newCpu();
      expect(one(cpu, A.taddcctv(RS1, RS2, RD), 4, 8, 0, 0xf)).to.include({ rd: hex(12), icc: '----' });
      expect(one(cpu, A.taddcctv(RS1, RS2, RD), 0xfffffffc, 4, 0, 0)).to.include({ rd: hex(0), icc: '-Z-C' });
      expect(one(cpu, A.tsubcctv(RS1, RS2, RD), 4, 8, 0, 0)).to.include({ rd: hex(0xfffffffc), icc: 'N--C' });
      expect(one(cpu, A.tsubcctv(RS1, imm(4), RD), 4, 0, 0, 0xf)).to.include({ rd: hex(0), icc: '-Z--' });
      expect(one(cpu, A.taddcctv(RS1, imm(1), RD), 4, 0, 0, 0).stop.trap).to.equal(0x0a);
    });
    it('agree with the reference on edge values', () => sweep(['taddcc', 'tsubcc', 'taddcctv', 'tsubcctv'], [0]));
  });
});
