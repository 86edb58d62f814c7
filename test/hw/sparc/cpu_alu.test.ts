/*
 * test/hw/sparc/cpu_alu.test.ts — SPARC V8 integer ALU instructions: add/sub with and without
 * carry and cc, logical ops, shifts, SETHI, %g0, immediates, RDY/WRY. Expected values come from
 * hand-computed vectors and from harness.ts' BigInt reference model (V8 manual semantics).
 * Multiply/divide/tagged/MULScc live in cpu_muldiv.test.ts.
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { imm } from './asm.ts';
import { BUDGET, EDGE, USER, compareWithRef, hex, iccStr, newCpu, refAlu, run, runOne, type RefOp } from './harness.ts';
import type { SparcCpu } from '../../../hw/sparc/cpu.ts';

const RS1 = A.l(0), RS2 = A.l(1), RD = A.l(2);

/** Run `name rs1, op2, rd` once, return what came out. */
function alu(cpu: SparcCpu, name: RefOp, a: number, b: number, icc: number, y = 0, useImm = false) {
  const word = useImm ? A.arith(name, RS1, imm(b | 0), RD) : A.arith(name, RS1, RS2, RD);
  const stop = runOne(cpu, word, { regs: { [RS1]: a, [RS2]: useImm ? 0x5a5a5a5a : b, [RD]: 0xcccccccc }, icc, y });
  return { stop, rd: cpu.getReg(RD), icc: cpu.icc, y: cpu.y >>> 0 };
}

/** Compare every edge pair (both icc = 0 and icc = 0xf) against the reference; list mismatches. */
function checkAgainstRef(name: RefOp, values: readonly number[] = EDGE, iccs: readonly number[] = [0, 15]): void {
  const cpu = newCpu();
  const bad: string[] = [];
  for (const a of values) for (const b of values) for (const ic of iccs) {
    const m = compareWithRef(cpu, name, a, b, ic, 0x600d);
    if (m) bad.push(m);
  }
  expect(bad.slice(0, 8), `${bad.length} mismatches`).to.deep.equal([]);
}

describe('hw/sparc/cpu ALU', () => {
  describe('hand-computed add/sub vectors (N Z V C)', () => {
    // [op, a, b, carry in, result, icc]
    const V: [RefOp, number, number, number, number, string][] = [
      ['addcc', 0x7fffffff, 1, 0, 0x80000000, 'N-V-'],
      ['addcc', 0xffffffff, 1, 0, 0, '-Z-C'],
      ['addcc', 0x80000000, 0x80000000, 0, 0, '-ZVC'],
      ['addcc', 0xffffffff, 0xffffffff, 0, 0xfffffffe, 'N--C'],
      ['addcc', 1, 2, 1, 3, '----'],
      ['addcc', 0, 0, 0, 0, '-Z--'],
      ['subcc', 0, 1, 0, 0xffffffff, 'N--C'],
      ['subcc', 0x80000000, 1, 0, 0x7fffffff, '--V-'],
      ['subcc', 5, 5, 1, 0, '-Z--'],
      ['subcc', 0x7fffffff, 0xffffffff, 0, 0x80000000, 'N-VC'],
      ['subcc', 0xffffffff, 0x7fffffff, 0, 0x80000000, 'N---'],
      ['addxcc', 0xffffffff, 0, 1, 0, '-Z-C'],
      ['addxcc', 0x7fffffff, 0, 1, 0x80000000, 'N-V-'],
      ['addxcc', 0xffffffff, 0xffffffff, 1, 0xffffffff, 'N--C'],
      ['addxcc', 0x80000000, 0xffffffff, 1, 0x80000000, 'N--C'],
      ['subxcc', 0, 0, 1, 0xffffffff, 'N--C'],
      ['subxcc', 0x80000000, 0, 1, 0x7fffffff, '--V-'],
      ['subxcc', 1, 0, 1, 0, '-Z--'],
      ['subxcc', 0, 0xffffffff, 1, 0, '-Z-C'],
      ['subxcc', 0x7fffffff, 0xffffffff, 1, 0x7fffffff, '---C'],
      ['subxcc', 0x7fffffff, 0xfffffffe, 1, 0x80000000, 'N-VC'],
      ['addx', 0xffffffff, 0, 1, 0, 'carry'],
      ['subx', 0, 0, 1, 0xffffffff, 'carry'],
      ['add', 0xffffffff, 2, 1, 1, 'carry'],
      ['sub', 3, 5, 1, 0xfffffffe, 'carry'],
    ];
    for (const [op, a, b, cin, r, f] of V) {
      it(`${op} ${hex(a)}, ${hex(b)} C=${cin} = ${hex(r)} ${f}`, () => {
        const cpu = newCpu();
        const ic = cin ? 1 : 0;
        const got = alu(cpu, op, a, b, ic);
        expect(got.stop.reason).to.equal(BUDGET);
        expect(hex(got.rd)).to.equal(hex(r));
        const want = f === 'carry' ? ic : ['N', 'Z', 'V', 'C'].reduce((x, ch, k) => x | (f[k] === ch ? 8 >> k : 0), 0);
        expect(iccStr(got.icc)).to.equal(iccStr(want));
        // the reference model agrees with the hand vector (guards the model used by other tests)
        const ref = refAlu(op, a, b, ic, 0);
        expect([hex(ref.rd), iccStr(ref.icc)]).to.deep.equal([hex(r), iccStr(want)]);
      });
    }
  });

  describe('add/sub family against the reference on edge values', () => {
    for (const op of ['add', 'addcc', 'addx', 'addxcc', 'sub', 'subcc', 'subx', 'subxcc'] as RefOp[]) {
      it(`${op} (register operand, icc 0 and 0xf)`, () => checkAgainstRef(op));
    }
    it('immediate operands are sign-extended simm13', () => {
      const cpu = newCpu();
      for (const op of ['add', 'addcc', 'sub', 'subcc', 'addxcc', 'subxcc'] as RefOp[]) {
        for (const a of [0, 1, 0x7fffffff, 0x80000000, 0xffffffff]) {
          for (const b of [0, 1, -1, 4095, -4096, 0x555, -0x555]) {
            const want = refAlu(op, a, b >>> 0, 1, 0);
            const got = alu(cpu, op, a, b, 1, 0, true);
            expect([hex(got.rd), iccStr(got.icc)], `${op} ${hex(a)}, ${b}`).to.deep.equal([hex(want.rd), iccStr(want.icc)]);
          }
        }
      }
    });
    it('rd may alias rs1 and rs2 (operands read before the write)', () => {
      const cpu = newCpu();
      runOne(cpu, A.addxcc(RS1, RS1, RS1), { regs: { [RS1]: 0x80000001 }, icc: 1 });
      expect(hex(cpu.getReg(RS1))).to.equal(hex(0x00000003));
      expect(iccStr(cpu.icc)).to.equal('--VC');
      runOne(cpu, A.subcc(RS2, RS1, RS2), { regs: { [RS1]: 7, [RS2]: 3 } });
      expect(hex(cpu.getReg(RS2))).to.equal(hex(0xfffffffc));
      expect(iccStr(cpu.icc)).to.equal('N--C');
    });
  });

  describe('logical ops', () => {
    for (const op of ['and', 'andn', 'or', 'orn', 'xor', 'xnor'] as RefOp[]) {
      it(`${op} leaves icc alone; ${op}cc sets N/Z and clears V and C`, () => {
        checkAgainstRef(op);
        checkAgainstRef(`${op}cc` as RefOp);
      });
    }
    it('hand vectors', () => {
      const cpu = newCpu();
      const cases: [RefOp, number, number, number, string][] = [
        ['andcc', 0xf0f0f0f0, 0x0f0f0f0f, 0, '-Z--'],
        ['andncc', 0xffffffff, 0x7fffffff, 0x80000000, 'N---'],
        ['orncc', 0, 0xffffffff, 0, '-Z--'],
        ['orncc', 0x12340000, 0xffff0000, 0x1234ffff, '----'],
        ['xnorcc', 0x12345678, 0x12345678, 0xffffffff, 'N---'],
        ['xorcc', 0x80000000, 0x80000000, 0, '-Z--'],
      ];
      for (const [op, a, b, r, f] of cases) {
        const got = alu(cpu, op, a, b, 15);
        expect([hex(got.rd), iccStr(got.icc)], op).to.deep.equal([hex(r), f]);
      }
    });
    it('immediates: and/or/xor with sign-extended simm13', () => {
      const cpu = newCpu();
      expect(hex(alu(cpu, 'and', 0x12345678, -16, 0, 0, true).rd)).to.equal(hex(0x12345670));
      expect(hex(alu(cpu, 'or', 0, -1, 0, 0, true).rd)).to.equal(hex(0xffffffff));
      expect(hex(alu(cpu, 'or', 0, 0xfff, 0, 0, true).rd)).to.equal(hex(0xfff));
      expect(hex(alu(cpu, 'xor', 0xffffffff, -4096, 0, 0, true).rd)).to.equal(hex(0xfff));
      expect(hex(alu(cpu, 'andn', 0xffffffff, 1, 0, 0, true).rd)).to.equal(hex(0xfffffffe));
      expect(hex(alu(cpu, 'xnor', 0, 0, 0, 0, true).rd)).to.equal(hex(0xffffffff));
    });
  });

  describe('shifts', () => {
    const counts = [0, 1, 4, 31, 32, 33, 63, 0xffffffe1, 0x80000000, 0xffffffff];
    const vals = [0x80000001, 0xffffffff, 0x7fffffff, 0x12345678, 1, 0];
    for (const op of ['sll', 'srl', 'sra'] as RefOp[]) {
      it(`${op} by register uses the low 5 bits of the count`, () => {
        const cpu = newCpu();
        for (const v of vals) for (const c of counts) {
          const want = refAlu(op, v, c, 0xa, 0).rd;
          const got = alu(cpu, op, v, c, 0xa);
          expect(hex(got.rd), `${op} ${hex(v)}, ${hex(c)}`).to.equal(hex(want));
          expect(got.icc, 'shifts do not touch icc').to.equal(0xa);
        }
      });
      it(`${op} by immediate 0..31`, () => {
        const cpu = newCpu();
        for (const v of vals) for (let c = 0; c < 32; c++) {
          const got = alu(cpu, op, v, c, 0, 0, true);
          expect(hex(got.rd), `${op} ${hex(v)}, ${c}`).to.equal(hex(refAlu(op, v, c, 0, 0).rd));
        }
      });
    }
    it('hand vectors', () => {
      const cpu = newCpu();
      expect(hex(alu(cpu, 'sra', 0x80000000, 31, 0).rd)).to.equal(hex(0xffffffff));
      expect(hex(alu(cpu, 'sra', 0x80000000, 32, 0).rd)).to.equal(hex(0x80000000));
      expect(hex(alu(cpu, 'srl', 0x80000000, 31, 0).rd)).to.equal(hex(1));
      expect(hex(alu(cpu, 'srl', 0x80000000, 33, 0).rd)).to.equal(hex(0x40000000));
      expect(hex(alu(cpu, 'sll', 0x00000003, 31, 0).rd)).to.equal(hex(0x80000000));
      expect(hex(alu(cpu, 'sll', 0x00000003, 64, 0).rd)).to.equal(hex(3));
      expect(hex(alu(cpu, 'sra', 0x40000000, 30, 0).rd)).to.equal(hex(1));
    });
  });

  describe('sethi and %g0', () => {
    it('sethi puts imm22 in bits 31:10 and clears the low 10 bits, icc untouched', () => {
      const cpu = newCpu();
      for (const [v, want] of [[0x3fffff, 0xfffffc00], [1, 0x400], [0, 0], [0x200000, 0x80000000], [0x48d15, 0x12345400]]) {
        runOne(cpu, A.sethi(v, RD), { regs: { [RD]: 0x3ff }, icc: 0x5 });
        expect(hex(cpu.getReg(RD))).to.equal(hex(want));
        expect(cpu.icc).to.equal(0x5);
      }
    });
    it('set = sethi + or builds any constant', () => {
      const cpu = newCpu();
      run(cpu, [...A.set(0xdeadbeef, RD), A.ta(0)]);
      expect(hex(cpu.getReg(RD))).to.equal(hex(0xdeadbeef));
    });
    it('%g0 reads 0 and discards writes', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.add(0, imm(5), 0), A.sethi(0x3fffff, 0), A.add(0, imm(0), RD), A.addcc(0, 0, A.l(3)), A.ta(0)],
        { regs: { [RD]: 99, [A.l(3)]: 99 }, icc: 0xf });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.getReg(0)).to.equal(0);
      expect(cpu.getReg(RD)).to.equal(0);
      expect(cpu.getReg(A.l(3))).to.equal(0);
      expect(iccStr(cpu.icc)).to.equal('-Z--');
    });
    it('a cc op with rd = %g0 still sets icc (cmp)', () => {
      const cpu = newCpu();
      runOne(cpu, A.subcc(RS1, RS2, 0), { regs: { [RS1]: 1, [RS2]: 2 } });
      expect(iccStr(cpu.icc)).to.equal('N--C');
      expect(cpu.getReg(0)).to.equal(0);
    });
  });

  describe('RDY / WRY', () => {
    it('wr writes rs1 XOR operand2 to %y; rd reads it back', () => {
      const cpu = newCpu();
      run(cpu, [A.wry(RS1, RS2), A.rdy(RD), A.ta(0)], { regs: { [RS1]: 0xf0f0ffff, [RS2]: 0x0ff0f00f }, y: 0x1111 });
      expect(hex(cpu.y)).to.equal(hex(0xff000ff0));
      expect(hex(cpu.getReg(RD))).to.equal(hex(0xff000ff0));
      run(cpu, [A.wry(RS1, imm(-1)), A.rdy(RD), A.ta(0)], { regs: { [RS1]: 0x12345678 } });
      expect(hex(cpu.getReg(RD))).to.equal(hex(0xedcba987));
      run(cpu, [A.wry(0, imm(0)), A.rdy(RD), A.ta(0)], { y: 0xffffffff });
      expect(cpu.getReg(RD)).to.equal(0);
    });
    it('are not privileged (user mode)', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.wry(RS1, imm(3)), A.rdy(RD), A.ta(0)], { psr: USER, regs: { [RS1]: 0x100 } });
      expect(stop.trap).to.equal(0x80);
      expect(hex(cpu.getReg(RD))).to.equal(hex(0x103));
    });
  });
});
