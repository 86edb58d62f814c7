/*
 * test/hw/sparc/cpu_traps.test.ts — SPARC V8 synchronous traps and trap entry/return: unimp and
 * illegal encodings (0x02), FP (0x04) and coprocessor (0x24) instructions without units, Ticc,
 * precise traps (earlier instructions retired, nothing of the trapping one), enterTrap (the V8
 * hardware trap entry), error mode, RETT (privileged/illegal/WIM/alignment cases and the
 * JMPL+RETT couple), a full guest trap round trip, and interrupt-level gating by ET and PIL.
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { COND, imm } from './asm.ts';
import { BUDGET, CODE, HALT, SUPER, TRAP, USER, condHolds, expectTrap, hex, newCpu, prepare, run, runFor } from './harness.ts';
import { PSR_ET, PSR_PS, PSR_S } from '../../../hw/sparc/cpu.ts';

const PIL = (n: number): number => n << 8;

describe('hw/sparc/cpu traps', () => {
  describe('illegal_instruction (0x02)', () => {
    it('unimp, with any const22', () => {
      for (const c of [0, 1, 0x3fffff, 0x123]) {
        const cpu = newCpu();
        expectTrap(run(cpu, [A.unimp(c)]), 0x02, CODE, CODE + 4);
      }
    });
    it('unassigned op2 values 1, 3, 5 (format 2)', () => {
      for (const op2 of [1, 3, 5]) expectTrap(run(newCpu(), [A.fmt2(op2, 1, 0x10)]), 0x02, CODE);
    });
    it('unassigned op3 values for op = 2', () => {
      for (const op3 of [0x09, 0x0d, 0x19, 0x1d, 0x2c, 0x2d, 0x2e, 0x2f, 0x3e, 0x3f]) {
        const cpu = newCpu();
        const stop = run(cpu, [A.f3r(2, op3, A.l(2), A.l(0), A.l(1))], { regs: { [A.l(2)]: 0x77 } });
        expectTrap(stop, 0x02, CODE);
        expect(cpu.getReg(A.l(2)), `op3 ${hex(op3)}`).to.equal(0x77);
      }
    });
    it('unassigned op3 values for op = 3', () => {
      for (const op3 of [0x08, 0x0b, 0x0c, 0x0e, 0x18, 0x1b, 0x1c, 0x1e, 0x22, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
        0x32, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f]) {
        const cpu = newCpu();
        const stop = run(cpu, [A.f3i(3, op3, A.l(2), 0, 0x800)], { regs: { [A.l(2)]: 0x77 } });
        expect(`${hex(op3)}: ${hex(stop.trap)}`).to.equal(`${hex(op3)}: 0x2`);
        expect(cpu.mem.read32(0x800)).to.equal(0);
      }
    });
  });

  describe('no FPU / no coprocessor', () => {
    const fp: [string, number][] = [
      ['ldf', A.load('ldf', 0, imm(0x800), 1)], ['ldfsr', A.load('ldfsr', 0, imm(0x800), 0)],
      ['lddf', A.load('lddf', 0, imm(0x800), 2)], ['stf', A.store('stf', 1, 0, imm(0x800))],
      ['stfsr', A.store('stfsr', 0, 0, imm(0x800))], ['stdfq', A.store('stdfq', 0, 0, imm(0x800))],
      ['stdf', A.store('stdf', 2, 0, imm(0x800))], ['fpop1 (fadds)', A.fpop(0x34, 1, 2, 0x41, 3)],
      ['fpop2 (fcmps)', A.fpop(0x35, 0, 2, 0x51, 3)], ['fba', A.fbfcc(8, false, 0x40)], ['fbne,a', A.fbfcc(1, true, 0x40)],
    ];
    for (const [name, w] of fp) {
      it(`${name} → fp_disabled (0x04), also with PSR.EF written as 1`, () => {
        expectTrap(run(newCpu(), [w]), 0x04, CODE, CODE + 4);
        expectTrap(run(newCpu(), [w], { psr: SUPER | (1 << 12) }), 0x04, CODE, CODE + 4);
      });
    }
    const cp: [string, number][] = [
      ['ldc', A.load('ldc', 0, imm(0x800), 1)], ['ldcsr', A.load('ldcsr', 0, imm(0x800), 0)],
      ['lddc', A.load('lddc', 0, imm(0x800), 2)], ['stc', A.store('stc', 1, 0, imm(0x800))],
      ['stcsr', A.store('stcsr', 0, 0, imm(0x800))], ['stdcq', A.store('stdcq', 0, 0, imm(0x800))],
      ['stdc', A.store('stdc', 2, 0, imm(0x800))], ['cpop1', A.fpop(0x36, 1, 2, 0x41, 3)],
      ['cpop2', A.fpop(0x37, 1, 2, 0x41, 3)], ['cba', A.cbccc(8, false, 0x40)],
    ];
    for (const [name, w] of cp) {
      it(`${name} → cp_disabled (0x24)`, () => expectTrap(run(newCpu(), [w]), 0x24, CODE, CODE + 4));
    }
    it('PSR.EF reads as 0 after writing it', () => {
      const cpu = newCpu();
      cpu.psr = SUPER | (1 << 12);
      expect(cpu.psr & (1 << 12)).to.equal(0);
    });
  });

  describe('Ticc', () => {
    it('ta n (immediate) → tt 0x80 + n, pc at the ta, registers unchanged', () => {
      for (const n of [0, 1, 3, 8, 0x10, 0x7f]) {
        const cpu = newCpu();
        const stop = run(cpu, [A.add(0, imm(1), 1), A.ta(n)], { regs: { 1: 0 } });
        expectTrap(stop, 0x80 + n, CODE + 4, CODE + 8);
        expect([stop.executed, cpu.getReg(1)]).to.deep.equal([1, 1]);
      }
    });
    it('register forms: tt = 0x80 + ((rs1 + op2) & 0x7f)', () => {
      const cases: [number, number, boolean, number][] = [
        [0x100, 0x85, false, 0x85], [0xffffffff, 3, false, 0x82], [2, 0x7f, true, 0x81], [0x7f, 0x7f, false, 0xfe],
        [0x12345678, 0, true, 0x80 + 0x78], [0, 0, false, 0x80],
      ];
      for (const [a, b, isImm, tt] of cases) {
        const cpu = newCpu();
        const w = A.ticc(COND.a, A.l(0), isImm ? imm(b) : A.l(1));
        expectTrap(run(cpu, [w], { regs: { [A.l(0)]: a, [A.l(1)]: b } }), tt, CODE);
      }
    });
    it('taken exactly when the condition holds; not taken continues (and retires)', () => {
      const cpu = newCpu();
      const bad: string[] = [];
      for (let cond = 0; cond < 16; cond++) for (const icc of [0, 1, 2, 4, 8, 5, 10, 0xf, 0x9, 0x6]) {
        const stop = run(cpu, [A.ticc(cond, 0, imm(0x21)), A.ta(0x22)], { icc });
        const want = condHolds(cond, icc) ? [0xa1, CODE, 0] : [0xa2, CODE + 4, 1];
        const got = [stop.trap, stop.pc, stop.executed];
        if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`t cond ${cond} icc ${icc}: want ${want} got ${got}`);
      }
      expect(bad).to.deep.equal([]);
    });
    it('is not privileged', () => {
      expectTrap(run(newCpu(), [A.ta(8)], { psr: USER }), 0x88, CODE);
    });
  });

  describe('misaligned PC / nPC', () => {
    it('run() with a misaligned PC traps mem_address_not_aligned without executing', () => {
      const cpu = newCpu();
      prepare(cpu, [A.nop(), A.nop()]);
      cpu.pc = CODE + 2; cpu.npc = CODE + 6;
      const stop = cpu.run(5);
      expect([stop.reason, hex(stop.trap), hex(stop.pc), stop.executed]).to.deep.equal([TRAP, hex(0x07), hex(CODE + 2), 0]);
    });
  });

  describe('precise traps', () => {
    it('earlier instructions retire, the trapping one changes nothing', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.add(0, imm(1), 1), A.add(1, imm(1), 2), A.addcc(0, imm(-1), 3), A.st(1, 0, imm(0x802)), A.add(0, imm(9), 4)],
        { regs: { 1: 0, 2: 0, 3: 0, 4: 0 }, y: 0 });
      expectTrap(stop, 0x07, CODE + 12, CODE + 16);
      expect([cpu.getReg(1), cpu.getReg(2), cpu.getReg(3), cpu.getReg(4)].map(hex)).to.deep.equal([1, 2, 0xffffffff, 0].map(hex));
      expect(cpu.icc).to.equal(0x8);
      expect([hex(cpu.pc), hex(cpu.npc)], 'cpu pc/npc stay at the trapping instruction').to.deep.equal([hex(CODE + 12), hex(CODE + 16)]);
      expect(stop.executed).to.equal(3);
    });
  });

  describe('enterTrap (hardware trap entry)', () => {
    it('user → CWP-1 without WIM check, %l1/%l2 = pc/npc, S=1 PS=0 ET=0, TBR.tt, PC = TBR', () => {
      const cpu = newCpu();
      cpu.psr = PSR_ET | PIL(3) | 3;
      cpu.icc = 0xa;
      cpu.wim = 1 << 2;
      cpu.tba = 0x4000;
      cpu.pc = 0x2000; cpu.npc = 0x2004;
      cpu.setWinReg(3, A.l(1), 0x1111);
      cpu.setWinReg(3, A.l(2), 0x2222);
      cpu.enterTrap(0x85);
      expect(cpu.CWP).to.equal(2);
      expect([hex(cpu.getReg(A.l(1))), hex(cpu.getReg(A.l(2)))]).to.deep.equal([hex(0x2000), hex(0x2004)]);
      expect([cpu.getWinReg(3, A.l(1)), cpu.getWinReg(3, A.l(2))]).to.deep.equal([0x1111, 0x2222]);
      const psr = cpu.psr;
      expect({ S: !!(psr & PSR_S), PS: !!(psr & PSR_PS), ET: !!(psr & PSR_ET), pil: (psr >> 8) & 15, icc: (psr >> 20) & 15 })
        .to.deep.equal({ S: true, PS: false, ET: false, pil: 3, icc: 0xa });
      expect(hex(cpu.tbr)).to.equal(hex(0x4850));
      expect([hex(cpu.pc), hex(cpu.npc)]).to.deep.equal([hex(0x4850), hex(0x4854)]);
      expect(cpu.errorMode).to.equal(false);
    });
    it('supervisor → PS = 1; CWP 0 wraps to 7', () => {
      const cpu = newCpu();
      cpu.psr = PSR_S | PSR_ET | 0;
      cpu.tba = 0x10000;
      cpu.enterTrap(0x2a);
      expect(cpu.CWP).to.equal(7);
      expect(!!(cpu.psr & PSR_PS)).to.equal(true);
      expect(hex(cpu.pc)).to.equal(hex(0x102a0));
    });
    it('with ET = 0 the processor enters error mode; run() then halts', () => {
      const cpu = newCpu();
      prepare(cpu, [A.nop(), A.ta(0)], { psr: PSR_S | 4 });
      cpu.enterTrap(0x05);
      expect(cpu.errorMode).to.equal(true);
      const stop = cpu.run(10);
      expect([stop.reason, stop.executed]).to.deep.equal([HALT, 0]);
    });
    it('a trapping instruction with ET = 0 halts (error mode), and reset() clears it', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.add(0, imm(1), 1), A.unimp(0)], { psr: PSR_S });
      expect([stop.reason, stop.trap, stop.pc, stop.executed]).to.deep.equal([HALT, 0x02, CODE + 4, 1]);
      expect(cpu.errorMode).to.equal(true);
      expect(cpu.run(5).reason).to.equal(HALT);
      cpu.reset();
      expect(cpu.errorMode).to.equal(false);
      expect([cpu.pc, cpu.npc, cpu.CWP]).to.deep.equal([0, 4, 0]);
      expect(cpu.psr & (PSR_S | PSR_ET)).to.equal(PSR_S);
    });
  });

  describe('RETT', () => {
    it('in user mode (ET = 1) is privileged_instruction (0x03)', () => {
      expectTrap(run(newCpu(), [A.rett(A.l(0), imm(0))], { psr: USER | 2, regs: { [A.l(0)]: 0x2000 } }), 0x03, CODE);
    });
    it('in supervisor mode with ET = 1 is illegal_instruction (0x02)', () => {
      const cpu = newCpu();
      expectTrap(run(cpu, [A.rett(A.l(0), imm(0))], { psr: SUPER | 2, regs: { [A.l(0)]: 0x2000 } }), 0x02, CODE);
      expect(cpu.CWP).to.equal(2);
    });
    it('jmpl %l1 / rett %l2 (DCTI couple): CWP+1, S = PS, ET = 1, resumes at %l1 then %l2', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x2000, A.add(1, imm(1), 1));
      cpu.mem.write32(0x3000, A.ta(1));
      const stop = run(cpu, [A.jmpl(A.l(1), imm(0), 0), A.rett(A.l(2), imm(0))],
        { psr: PSR_S | 2, wim: 1 << 2, regs: { [A.l(1)]: 0x2000, [A.l(2)]: 0x3000, 1: 0 } });
      // user mode (PS = 0) with traps enabled again: the ta at 0x3000 stops normally
      expectTrap(stop, 0x81, 0x3000, 0x3004);
      expect(cpu.getReg(1)).to.equal(1);
      expect(cpu.CWP).to.equal(3);
      const psr = cpu.psr;
      expect({ S: !!(psr & PSR_S), ET: !!(psr & PSR_ET) }).to.deep.equal({ S: false, ET: true });
    });
    it('returns to supervisor when PS = 1', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x2000, A.rdpsr(A.l(3)));
      cpu.mem.write32(0x2004, A.ta(2));
      const stop = run(cpu, [A.jmpl(A.l(1), imm(0), 0), A.rett(A.l(1), imm(4))],
        { psr: PSR_S | PSR_PS | 6, regs: { [A.l(1)]: 0x2000 } });
      expectTrap(stop, 0x82, 0x2004);
      expect(cpu.CWP).to.equal(7);
      expect(cpu.getReg(A.l(3)) & (PSR_S | PSR_ET)).to.equal(PSR_S | PSR_ET);
    });
    it('run() does not stop with reason Budget before the budget is used up (Stop contract)', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x2000, A.ta(3));
      prepare(cpu, [A.rett(A.l(0), imm(0)), A.nop()], { psr: PSR_S | PSR_PS | 1, regs: { [A.l(0)]: 0x2000 } });
      const stop = cpu.run(1000);
      expect({ reason: stop.reason, trap: hex(stop.trap), executed: stop.executed })
        .to.deep.equal({ reason: TRAP, trap: hex(0x83), executed: 2 });
    });
    it('alone (not in a delay slot): executes the instruction at nPC, then the target', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x2000, A.ta(3));
      const stop = run(cpu, [A.rett(A.l(0), imm(0)), A.add(1, imm(5), 1), A.ta(4)], { psr: PSR_S | PSR_PS | 1, regs: { [A.l(0)]: 0x2000, 1: 0 } });
      expectTrap(stop, 0x83, 0x2000);
      expect(cpu.getReg(1)).to.equal(5);
    });
    it('with ET = 0 and the new window invalid: error mode (tt window_underflow), CWP unchanged', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.jmpl(A.l(1), imm(0), 0), A.rett(A.l(2), imm(0))],
        { psr: PSR_S | 2, wim: 1 << 3, regs: { [A.l(1)]: 0x2000, [A.l(2)]: 0x3000 } });
      expect([stop.reason, hex(stop.trap), hex(stop.pc)]).to.deep.equal([HALT, hex(0x06), hex(CODE + 4)]);
      expect(cpu.CWP).to.equal(2);
      expect(cpu.errorMode).to.equal(true);
    });
    it('with ET = 0 and a misaligned target: error mode (tt mem_address_not_aligned)', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.rett(A.l(2), imm(2))], { psr: PSR_S | 2, regs: { [A.l(2)]: 0x3000 } });
      expect([stop.reason, hex(stop.trap)]).to.deep.equal([HALT, hex(0x07)]);
    });
    it('with ET = 0 in user mode: error mode (tt privileged_instruction)', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.rett(A.l(2), imm(0))], { psr: 2, regs: { [A.l(2)]: 0x3000 } });
      expect([stop.reason, hex(stop.trap)]).to.deep.equal([HALT, hex(0x03)]);
    });
  });

  describe('a guest trap round trip (enterTrap + handler + rett)', () => {
    it('ta from user mode, handler returns past it with jmp %l2; rett %l2 + 4', () => {
      const cpu = newCpu();
      const TBA = 0x4000;
      // handler for tt 0x85: count in %g1, skip the ta
      const h = TBA + (0x85 << 4);
      [A.add(1, imm(1), 1), A.jmpl(A.l(2), imm(0), 0), A.rett(A.l(2), imm(4))].forEach((w, k) => cpu.mem.write32(h + 4 * k, w));
      let stop = run(cpu, [A.ta(5), A.add(2, imm(1), 2), A.ta(6)], { psr: USER | 3, tba: TBA, regs: { 1: 0, 2: 0 } });
      expectTrap(stop, 0x85, CODE, CODE + 4);
      cpu.enterTrap(stop.trap);
      stop = runFor(cpu, 100);
      expectTrap(stop, 0x86, CODE + 8);
      expect([cpu.getReg(1), cpu.getReg(2), cpu.CWP]).to.deep.equal([1, 1, 3]);
      expect(cpu.psr & (PSR_S | PSR_ET)).to.equal(PSR_ET);
    });
    it('window overflow handled in the guest: jmp %l1; rett %l2 re-executes the SAVE', () => {
      const cpu = newCpu();
      const TBA = 0x4000;
      const h = TBA + (0x05 << 4);
      // the trap window (CWP-1) is the invalid one: clear WIM, then retry
      [A.wrwim(0, imm(0)), A.nop(), A.jmpl(A.l(1), imm(0), 0), A.rett(A.l(2), imm(0))].forEach((w, k) => cpu.mem.write32(h + 4 * k, w));
      let stop = run(cpu, [A.save(0, imm(0), 0), A.ta(0)], { psr: USER | 3, tba: TBA, wim: 1 << 2 });
      expectTrap(stop, 0x05, CODE);
      cpu.enterTrap(stop.trap);
      expect(cpu.CWP).to.equal(2);
      stop = runFor(cpu, 100);
      expectTrap(stop, 0x80, CODE + 4);
      expect([cpu.CWP, cpu.wim]).to.deep.equal([2, 0]);
    });
  });

  describe('interrupts', () => {
    const cases: [string, number, number, number, number][] = [
      // [what, psr, irl, expected reason, tt]
      ['irl > PIL, ET = 1: taken', SUPER | PIL(4), 5, TRAP, 0x15],
      ['irl = PIL: masked', SUPER | PIL(5), 5, BUDGET, 0],
      ['irl < PIL: masked', SUPER | PIL(9), 5, BUDGET, 0],
      ['level 15 is not maskable', SUPER | PIL(15), 15, TRAP, 0x1f],
      ['ET = 0: ignored (not error mode)', PSR_S, 15, BUDGET, 0],
      ['user mode, PIL 0', USER, 1, TRAP, 0x11],
    ];
    for (const [what, psr, irl, reason, tt] of cases) {
      it(what, () => {
        const cpu = newCpu();
        prepare(cpu, [A.nop(), A.nop(), A.nop()], { psr });
        cpu.irl = irl;
        const stop = cpu.run(2);
        expect([stop.reason, hex(stop.trap)]).to.deep.equal([reason, hex(tt)]);
        if (reason === TRAP) expect([stop.pc, stop.executed]).to.deep.equal([CODE, 0]);
      });
    }
  });
});
