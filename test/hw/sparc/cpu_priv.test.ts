/*
 * test/hw/sparc/cpu_priv.test.ts — SPARC V8 privileged state registers: RDPSR/RDWIM/RDTBR and
 * WRPSR/WRWIM/WRTBR trap privileged_instruction (0x03) in user mode and work in supervisor mode;
 * WR writes rs1 XOR operand2; WRPSR with CWP >= NWINDOWS is illegal; a WRPSR that changes S, ET or
 * CWP takes effect for the following instructions; WIM and TBR keep only their implemented bits.
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { imm } from './asm.ts';
import { CODE, HALT, SUPER, USER, expectTrap, hex, newCpu, run, runOne } from './harness.ts';
import { PSR_ET, PSR_PS, PSR_S } from '../../../hw/sparc/cpu.ts';

const RD = A.l(2);
const PIL = (n: number): number => n << 8;
const ICC = (n: number): number => n << 20;

describe('hw/sparc/cpu privileged registers', () => {
  describe('user mode', () => {
    const words: [string, number][] = [
      ['rd %psr', A.rdpsr(RD)], ['rd %wim', A.rdwim(RD)], ['rd %tbr', A.rdtbr(RD)],
      ['wr %psr', A.wrpsr(A.l(0), imm(0))], ['wr %wim', A.wrwim(A.l(0), imm(0))], ['wr %tbr', A.wrtbr(A.l(0), imm(0))],
    ];
    for (const [name, w] of words) {
      it(`${name} → privileged_instruction (0x03), nothing changes`, () => {
        const cpu = newCpu();
        const stop = runOne(cpu, w, { psr: USER | 3, wim: 0x11, tba: 0x7000, regs: { [RD]: 0x77, [A.l(0)]: SUPER | 5 } });
        expectTrap(stop, 0x03, CODE, CODE + 4);
        expect([cpu.getReg(RD), hex(cpu.psr & 0xff), cpu.wim, hex(cpu.tbr)]).to.deep.equal([0x77, hex(USER | 3), 0x11, hex(0x7000)]);
      });
    }
  });

  describe('PSR', () => {
    it('rd %psr returns icc, PIL, S, PS, ET, CWP (and the same value as cpu.psr)', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.rdpsr(RD), A.ta(0)], { psr: SUPER | PSR_PS | PIL(7) | ICC(0x9) | 5 });
      expect(stop.trap).to.equal(0x80);
      const v = cpu.getReg(RD);
      expect(hex(v & 0x00f00fff)).to.equal(hex(ICC(0x9) | PIL(7) | PSR_S | PSR_PS | PSR_ET | 5));
      expect(hex(v)).to.equal(hex(cpu.psr));
    });
    it('wr %psr writes rs1 XOR operand2 to icc, PIL, S, PS, ET and CWP', () => {
      const cpu = newCpu();
      const want = ICC(0x6) | PIL(12) | PSR_S | PSR_ET | 4;
      const mask = 0x55555555 & 0x00ffffff;
      const stop = run(cpu, [A.wrpsr(A.l(0), A.l(1)), A.nop(), A.nop(), A.nop(), A.ta(0)],
        { psr: SUPER | 1, regs: { [A.l(0)]: want ^ mask, [A.l(1)]: mask } });
      expect(stop.trap).to.equal(0x80);
      const p = cpu.psr;
      expect(hex(p & 0x00f00fff)).to.equal(hex(want));
      expect([cpu.CWP, cpu.icc]).to.deep.equal([4, 0x6]);
    });
    it('the new CWP selects the window for the following instructions', () => {
      const cpu = newCpu();
      cpu.setWinReg(5, A.l(0), 0x5555);
      cpu.setWinReg(2, A.l(0), 0x2222);
      const stop = run(cpu, [A.wrpsr(0, imm(SUPER | 5)), A.nop(), A.nop(), A.nop(), A.add(A.l(0), imm(0), 1), A.ta(0)], { psr: SUPER | 2 });
      expect(stop.trap).to.equal(0x80);
      expect(hex(cpu.getReg(1))).to.equal(hex(0x5555));
    });
    it('impl/ver are read-only', () => {
      const cpu = newCpu();
      const before = cpu.psr >>> 24;
      run(cpu, [A.wrpsr(A.l(0), imm(0)), A.nop(), A.nop(), A.nop(), A.ta(0)], { regs: { [A.l(0)]: (0xab000000 | SUPER) >>> 0 } });
      expect(hex(cpu.psr >>> 24)).to.equal(hex(before));
    });
    for (const cwp of [8, 9, 15, 31]) {
      it(`wr %psr with CWP = ${cwp} is illegal_instruction (0x02), PSR unchanged`, () => {
        const cpu = newCpu();
        const psr0 = SUPER | ICC(0x3) | 2;
        const stop = runOne(cpu, A.wrpsr(A.l(0), imm(0)), { psr: psr0, regs: { [A.l(0)]: SUPER | cwp } });
        expectTrap(stop, 0x02, CODE);
        expect(hex(cpu.psr & 0x00ffffff)).to.equal(hex(psr0));
      });
    }
    it('dropping to user mode makes the next privileged instruction trap (0x03)', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.wrpsr(0, imm(USER | 3)), A.nop(), A.nop(), A.nop(), A.rdpsr(RD), A.ta(0)], { psr: SUPER | 3, regs: { [RD]: 0x77 } });
      expectTrap(stop, 0x03, CODE + 16);
      expect(cpu.getReg(RD)).to.equal(0x77);
      expect(cpu.psr & PSR_S).to.equal(0);
    });
    it('dropping to user mode makes alternate-space loads privileged', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.wrpsr(0, imm(USER)), A.nop(), A.nop(), A.nop(), A.loadA('lda', 0, 0, 0x20, RD), A.ta(0)], { psr: SUPER });
      expectTrap(stop, 0x03, CODE + 16);
    });
    it('clearing ET makes the next trap enter error mode', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.wrpsr(0, imm(PSR_S)), A.nop(), A.nop(), A.nop(), A.unimp(0)], { psr: SUPER });
      expect([stop.reason, stop.trap, stop.pc]).to.deep.equal([HALT, 0x02, CODE + 16]);
    });
    it('setting ET makes the next trap an ordinary one', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.wrpsr(0, imm(SUPER)), A.nop(), A.nop(), A.nop(), A.ta(9)], { psr: PSR_S });
      expectTrap(stop, 0x89, CODE + 16);
    });
  });

  describe('WIM', () => {
    it('wr %wim XORs its operands; only the NWINDOWS = 8 implemented bits read back', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.wrwim(A.l(0), A.l(1)), A.nop(), A.nop(), A.nop(), A.rdwim(RD), A.ta(0)],
        { regs: { [A.l(0)]: 0xffffff0f, [A.l(1)]: 0x000000f5 } });
      expect(stop.trap).to.equal(0x80);
      expect(hex(cpu.getReg(RD))).to.equal(hex(0xfa));
      expect(hex(cpu.wim)).to.equal(hex(0xfa));
    });
    it('the written WIM governs the next SAVE', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.wrwim(0, imm(1 << 3)), A.nop(), A.nop(), A.nop(), A.save(0, imm(0), 0), A.ta(0)], { psr: SUPER | 4, wim: 0 });
      expectTrap(stop, 0x05, CODE + 16);
    });
  });

  describe('TBR', () => {
    it('wr %tbr writes only TBA (bits 31:12); tt is kept; rd %tbr = TBA | tt << 4', () => {
      const cpu = newCpu();
      cpu.tt = 0x42;
      const stop = run(cpu, [A.wrtbr(A.l(0), A.l(1)), A.nop(), A.nop(), A.nop(), A.rdtbr(RD), A.ta(0)],
        { regs: { [A.l(0)]: 0x12345fff, [A.l(1)]: 0x00000ff0 } });
      expect(stop.trap).to.equal(0x80);
      expect(hex(cpu.getReg(RD))).to.equal(hex(0x12345420));
      expect(hex(cpu.tbr)).to.equal(hex(0x12345420));
      expect(hex(cpu.tba)).to.equal(hex(0x12345000));
    });
  });
});
