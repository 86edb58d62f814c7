/*
 * test/hw/sparc/cpu_branch.test.ts — SPARC V8 delayed control transfer: every Bicc condition
 * against every icc value with and without annul, ba,a / bn,a, backward branches, CALL, JMPL
 * (ret/retl, misaligned targets), traps in delay slots, annulment and budget stops encoded only in
 * (PC, nPC), and instruction/cycle counting. Conditions are evaluated here from the manual's table.
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { COND, imm } from './asm.ts';
import { BUDGET, CODE, condHolds as holds, expectTrap, hex, iccStr, newCpu, prepare, run } from './harness.ts';
import { CYCLES } from '../../../hw/sparc/isa.ts';

const NAMES = Object.fromEntries(Object.entries(COND).map(([k, v]) => [v, k])) as Record<number, string>;

describe('hw/sparc/cpu branches and control transfer', () => {
  describe('Bicc: every condition × every icc × annul', () => {
    // 0x1000 b<cond>[,a] 0x1010 / 0x1004 slot: g1++ / 0x1008 fall-through: g2++ / 0x100c ta 1
    // 0x1010 target: g3++ / 0x1014 ta 2
    for (const annul of [false, true]) {
      for (let cond = 0; cond < 16; cond++) {
        it(`b${NAMES[cond]}${annul ? ',a' : ''}`, () => {
          const cpu = newCpu();
          const prog = [A.bicc(cond, annul, 0x10), A.add(1, imm(1), 1), A.add(2, imm(1), 2), A.ta(1),
            A.add(3, imm(1), 3), A.ta(2)];
          const bad: string[] = [];
          for (let icc = 0; icc < 16; icc++) {
            const before = cpu.instructions;
            const stop = run(cpu, prog, { regs: { 1: 0, 2: 0, 3: 0 }, icc });
            const taken = holds(cond, icc);
            const slot = taken ? !(annul && cond === COND.a) : !annul;
            const want = { trap: taken ? 0x82 : 0x81, g1: +slot, g2: +!taken, g3: +taken, executed: 2 + +slot, icc };
            const got = { trap: stop.trap, g1: cpu.getReg(1), g2: cpu.getReg(2), g3: cpu.getReg(3), executed: stop.executed, icc: cpu.icc };
            if (JSON.stringify(got) !== JSON.stringify(want) || cpu.instructions - before !== want.executed) {
              bad.push(`icc ${iccStr(icc)}: want ${JSON.stringify(want)} got ${JSON.stringify(got)} (instructions +${cpu.instructions - before})`);
            }
          }
          expect(bad).to.deep.equal([]);
        });
      }
    }
  });

  describe('annulment and budget stops live in (PC, nPC)', () => {
    it('taken branch stopped after one instruction: PC = slot, nPC = target', () => {
      const cpu = newCpu();
      prepare(cpu, [A.ba(0x20), A.nop()]);
      const stop = cpu.run(1);
      expect(stop.reason).to.equal(BUDGET);
      expect([hex(cpu.pc), hex(cpu.npc)]).to.deep.equal([hex(CODE + 4), hex(CODE + 0x20)]);
      expect([hex(stop.pc), hex(stop.npc)]).to.deep.equal([hex(CODE + 4), hex(CODE + 0x20)]);
    });
    it('ba,a: PC = target, nPC = target + 4 (slot skipped)', () => {
      const cpu = newCpu();
      prepare(cpu, [A.ba(0x20, true), A.nop()]);
      cpu.run(1);
      expect([hex(cpu.pc), hex(cpu.npc)]).to.deep.equal([hex(CODE + 0x20), hex(CODE + 0x24)]);
    });
    it('untaken annulling branch: PC = slot + 4, nPC = slot + 8', () => {
      const cpu = newCpu();
      prepare(cpu, [A.bicc(COND.e, true, 0x20), A.nop()], { icc: 0 });
      cpu.run(1);
      expect([hex(cpu.pc), hex(cpu.npc)]).to.deep.equal([hex(CODE + 8), hex(CODE + 12)]);
    });
    it('taken conditional annulling branch executes its slot', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.bicc(COND.ne, true, 0x10), A.add(1, imm(7), 1), A.ta(1), A.nop(), A.ta(2)], { icc: 0, regs: { 1: 0 } });
      expect(stop.trap).to.equal(0x82);
      expect(cpu.getReg(1)).to.equal(7);
    });
    it('resuming after a budget stop in the middle of a branch gives the same result', () => {
      const prog = [A.mov(imm(5), A.l(0)), A.subcc(A.l(0), imm(1), A.l(0)), A.bicc(COND.ne, false, -4),
        A.add(A.l(1), imm(1), A.l(1)), A.ta(0)];
      for (let slice = 1; slice <= 4; slice++) {
        const cpu = newCpu();
        prepare(cpu, prog, { regs: { [A.l(1)]: 0 } });
        let stop = cpu.run(slice), total = stop.executed;
        while (stop.reason === BUDGET) { stop = cpu.run(slice); total += stop.executed; }
        expect(stop.trap, `slice ${slice}`).to.equal(0x80);
        expect([cpu.getReg(A.l(0)), cpu.getReg(A.l(1)), total], `slice ${slice}`).to.deep.equal([0, 5, 16]);
      }
    });
  });

  describe('(PC, nPC) pairs that are not sequential', () => {
    it('run() resumes with PC in a delay slot and nPC at the branch target', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x3000, A.add(1, imm(1), 1));
      cpu.mem.write32(0x5000, A.add(2, imm(1), 2));
      cpu.mem.write32(0x5004, A.ta(0));
      cpu.mem.write32(0x3004, A.ta(1));
      prepare(cpu, [], { regs: { 1: 0, 2: 0 } });
      cpu.pc = 0x3000; cpu.npc = 0x5000;
      const stop = cpu.run(10);
      expectTrap(stop, 0x80, 0x5004);
      expect([cpu.getReg(1), cpu.getReg(2)]).to.deep.equal([1, 1]);
    });
    it('a taken branch in the delay slot of a taken branch runs one instruction at the first target', () => {
      const cpu = newCpu();
      // 0x1000 ba 0x1100 / 0x1004 ba 0x1200 ; 0x1100 g1++ / 0x1104 ta 1 ; 0x1200 g2++ / 0x1204 ta 2
      cpu.mem.write32(0x1100, A.add(1, imm(1), 1));
      cpu.mem.write32(0x1104, A.ta(1));
      cpu.mem.write32(0x1200, A.add(2, imm(1), 2));
      cpu.mem.write32(0x1204, A.ta(2));
      const stop = run(cpu, [A.ba(0x100), A.ba(0x1fc)], { regs: { 1: 0, 2: 0 } });
      expectTrap(stop, 0x82, 0x1204);
      expect([cpu.getReg(1), cpu.getReg(2), stop.executed]).to.deep.equal([1, 1, 4]);
    });
  });

  describe('branch displacements', () => {
    it('backward branch loop (negative disp22)', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.mov(imm(5), A.l(0)), A.subcc(A.l(0), imm(1), A.l(0)), A.bicc(COND.ne, false, -4),
        A.add(A.l(1), imm(1), A.l(1)), A.ta(0)], { regs: { [A.l(1)]: 0 } });
      expect(stop.trap).to.equal(0x80);
      expect(stop.pc).to.equal(CODE + 16);
      expect([cpu.getReg(A.l(0)), cpu.getReg(A.l(1)), stop.executed]).to.deep.equal([0, 5, 16]);
    });
    it('large forward and backward displacements', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x9000, A.ta(3));
      cpu.mem.write32(0x0200, A.ta(4));
      let stop = run(cpu, [A.ba(0x8000), A.nop()]);
      expectTrap(stop, 0x83, 0x9000);
      stop = run(cpu, [A.ba(0x0200 - 0x4000), A.nop()], { at: 0x4000 });
      expectTrap(stop, 0x84, 0x0200);
    });
  });

  describe('CALL', () => {
    it('writes its own address to %o7, executes the slot, jumps to pc + disp30*4', () => {
      const cpu = newCpu();
      cpu.mem.write32(CODE + 0x100, A.ta(0));
      const stop = run(cpu, [A.call(0x100), A.add(1, imm(1), 1)], { regs: { 1: 0, [A.O7]: 0 } });
      expectTrap(stop, 0x80, CODE + 0x100, CODE + 0x104);
      expect(hex(cpu.getReg(A.O7))).to.equal(hex(CODE));
      expect(cpu.getReg(1)).to.equal(1);
      expect(stop.executed).to.equal(2);
    });
    it('backward call', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x0100, A.ta(0));
      const stop = run(cpu, [A.call(0x100 - 0x3000), A.nop()], { at: 0x3000 });
      expectTrap(stop, 0x80, 0x0100);
      expect(hex(cpu.getReg(A.O7))).to.equal(hex(0x3000));
    });
    it('call + retl returns to call + 8', () => {
      const cpu = newCpu();
      // 0x1000 call 0x1020 / 0x1004 g1 += 1 / 0x1008 g2 += 1 / 0x100c ta 0 ... 0x1020 retl / 0x1024 g3 += 1
      const prog = [A.call(0x20), A.add(1, imm(1), 1), A.add(2, imm(1), 2), A.ta(0), A.nop(), A.nop(), A.nop(), A.nop(),
        A.retl(), A.add(3, imm(1), 3)];
      const stop = run(cpu, prog, { regs: { 1: 0, 2: 0, 3: 0 } });
      expectTrap(stop, 0x80, CODE + 12);
      expect([cpu.getReg(1), cpu.getReg(2), cpu.getReg(3), stop.executed]).to.deep.equal([1, 1, 1, 5]);
    });
  });

  describe('JMPL', () => {
    it('writes its own address to rd, executes the slot, jumps to rs1 + op2', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x2108, A.ta(0));
      const stop = run(cpu, [A.jmpl(A.l(0), imm(8), A.l(1)), A.add(1, imm(1), 1)], { regs: { [A.l(0)]: 0x2100, 1: 0 } });
      expectTrap(stop, 0x80, 0x2108, 0x210c);
      expect(hex(cpu.getReg(A.l(1)))).to.equal(hex(CODE));
      expect(cpu.getReg(1)).to.equal(1);
    });
    it('register + register target, and rd = rs1 reads the old value first', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x2200, A.ta(0));
      let stop = run(cpu, [A.jmpl(A.l(0), A.l(2), A.l(0)), A.nop()], { regs: { [A.l(0)]: 0x2000, [A.l(2)]: 0x200 } });
      expectTrap(stop, 0x80, 0x2200);
      expect(hex(cpu.getReg(A.l(0)))).to.equal(hex(CODE));
      stop = run(cpu, [A.jmpl(A.l(0), imm(-0x10), 0), A.nop()], { regs: { [A.l(0)]: 0x2210 } });
      expectTrap(stop, 0x80, 0x2200);
    });
    it('ret = jmpl %i7 + 8 and retl = jmpl %o7 + 8', () => {
      const cpu = newCpu();
      cpu.mem.write32(0x2008, A.ta(1));
      cpu.mem.write32(0x3008, A.ta(2));
      expectTrap(run(cpu, [A.ret(), A.nop()], { regs: { [A.I7]: 0x2000, [A.O7]: 0x3000 } }), 0x81, 0x2008);
      expectTrap(run(cpu, [A.retl(), A.nop()], { regs: { [A.I7]: 0x2000, [A.O7]: 0x3000 } }), 0x82, 0x3008);
    });
    for (const off of [1, 2, 3]) {
      it(`misaligned target (+${off}): mem_address_not_aligned at the JMPL, rd and slot untouched`, () => {
        const cpu = newCpu();
        const stop = run(cpu, [A.jmpl(A.l(0), imm(off), A.l(1)), A.add(1, imm(1), 1), A.ta(0)],
          { regs: { [A.l(0)]: 0x2000, [A.l(1)]: 0x77, 1: 0 } });
        expectTrap(stop, 0x07, CODE, CODE + 4);
        expect([cpu.getReg(A.l(1)), cpu.getReg(1), stop.executed]).to.deep.equal([0x77, 0, 0]);
      });
    }
  });

  describe('traps in delay slots', () => {
    it('ta in the slot of a taken branch: PC = slot, nPC = target', () => {
      const stop = run(newCpu(), [A.ba(0x40), A.ta(5)]);
      expectTrap(stop, 0x85, CODE + 4, CODE + 0x40);
      expect(stop.executed).to.equal(1);
    });
    it('unimp in the slot of a taken conditional branch', () => {
      const stop = run(newCpu(), [A.bicc(COND.e, false, 0x40), A.unimp(0)], { icc: 4 });
      expectTrap(stop, 0x02, CODE + 4, CODE + 0x40);
    });
    it('misaligned load in the slot of a JMPL', () => {
      const stop = run(newCpu(), [A.jmpl(A.l(0), imm(0), 0), A.ld(0, imm(0x102), A.l(1))], { regs: { [A.l(0)]: 0x3000 } });
      expectTrap(stop, 0x07, CODE + 4, 0x3000);
    });
    it('trap in the slot of a CALL: %o7 was already written', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.call(0x80), A.ta(6)], { regs: { [A.O7]: 0 } });
      expectTrap(stop, 0x86, CODE + 4, CODE + 0x80);
      expect(hex(cpu.getReg(A.O7))).to.equal(hex(CODE));
    });
  });

  describe('instruction and cycle counting', () => {
    it('counts retired instructions only: not annulled slots, not the trapping instruction', () => {
      const cpu = newCpu();
      const i0 = cpu.instructions;
      const stop = run(cpu, [A.ba(8, true), A.nop(), A.bicc(COND.e, true, 8), A.nop(), A.nop(), A.ta(0)], { icc: 0 });
      expectTrap(stop, 0x80, CODE + 20);
      // ba,a (1) + bne,a not taken (1) + nop at 0x1010 (1); both slots annulled; ta traps
      expect(stop.executed).to.equal(3);
      expect(cpu.instructions - i0).to.equal(3);
    });
    it('charges the documented cycle classes (Alu, Load, Store, Branch, Jump)', () => {
      const cpu = newCpu();
      const c0 = cpu.cycles, i0 = cpu.instructions;
      // 2 ALU, ld, st, ba (taken) + ALU slot, then at 0x1020: jmpl → 0x1028 + ALU slot, ta
      const prog = [A.add(0, imm(1), 1), A.sethi(1, 2), A.ld(0, imm(0x800), 3), A.st(3, 0, imm(0x804)),
        A.ba(0x10), A.add(1, 1, 1), A.nop(), A.nop(),
        A.jmpl(A.l(0), imm(8), 0), A.or(1, 1, 1), A.ta(0)];
      const stop = run(cpu, prog, { regs: { [A.l(0)]: CODE + 0x20 } });
      expectTrap(stop, 0x80, CODE + 0x28);
      expect(cpu.instructions - i0).to.equal(8);
      // CYCLES indices: 0 Alu, 1 Load, 3 Store, 6 Branch, 9 Jump (hw/sparc/isa.ts CClass)
      const want = 4 * CYCLES[0] + CYCLES[1] + CYCLES[3] + CYCLES[6] + CYCLES[9];
      expect(cpu.cycles - c0).to.equal(want);
    });
    it('a run that traps immediately executes nothing', () => {
      const cpu = newCpu();
      const i0 = cpu.instructions;
      const stop = run(cpu, [A.unimp(0)]);
      expectTrap(stop, 0x02, CODE);
      expect([stop.executed, cpu.instructions - i0]).to.deep.equal([0, 0]);
    });
  });
});
