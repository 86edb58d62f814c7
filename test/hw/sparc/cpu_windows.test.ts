/*
 * test/hw/sparc/cpu_windows.test.ts — SPARC V8 register windows (NWINDOWS = 8): the in/out overlap
 * between adjacent windows, SAVE/RESTORE reading operands in the old window and writing rd in the
 * new one, CWP wrap-around, and window_overflow / window_underflow at the WIM boundary leaving
 * every register, CWP and WIM unchanged.
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { imm, SP, FP } from './asm.ts';
import { CODE, SUPER, USER, expectTrap, hex, newCpu, run } from './harness.ts';
import type { SparcCpu } from '../../../hw/sparc/cpu.ts';

const NW = 8;

/** Give every windowed register in every window a distinct value (window * 0x100 + reg). */
function paint(cpu: SparcCpu): void {
  for (let w = 0; w < NW; w++) for (let r = 16; r < 24; r++) cpu.setWinReg(w, r, 0x1000 * (w + 1) + r);
  for (let w = 0; w < NW; w++) for (let r = 24; r < 32; r++) cpu.setWinReg(w, r, 0x1000 * (w + 1) + r);
  for (let r = 1; r < 8; r++) cpu.setReg(r, 0xa0 + r);
}

/** A copy of all 8 + 16 * NW registers through the window accessors. */
function snapshot(cpu: SparcCpu): number[] {
  const out: number[] = [];
  for (let w = 0; w < NW; w++) for (let r = 0; r < 32; r++) out.push(cpu.getWinReg(w, r));
  return out;
}

describe('hw/sparc/cpu register windows', () => {
  describe('register file layout', () => {
    it('outs of window w are the ins of window w - 1 (mod 8); locals are private; globals shared', () => {
      const cpu = newCpu();
      for (let w = 0; w < NW; w++) {
        for (let k = 0; k < 8; k++) cpu.setWinReg(w, 8 + k, 0x100 * w + k);
        for (let k = 0; k < 8; k++) cpu.setWinReg(w, 16 + k, 0x10000 * (w + 1) + k);
      }
      for (let w = 0; w < NW; w++) {
        const below = (w + NW - 1) % NW;
        for (let k = 0; k < 8; k++) {
          expect(hex(cpu.getWinReg(below, 24 + k)), `window ${below} %i${k}`).to.equal(hex(0x100 * w + k));
          expect(hex(cpu.getWinReg(w, 16 + k)), `window ${w} %l${k}`).to.equal(hex(0x10000 * (w + 1) + k));
        }
      }
      cpu.setWinReg(5, 3, 0x33);
      for (let w = 0; w < NW; w++) expect(cpu.getWinReg(w, 3)).to.equal(0x33);
      cpu.setWinReg(4, 0, 0x99);
      expect(cpu.getWinReg(4, 0)).to.equal(0);
    });
  });

  describe('SAVE', () => {
    it('decrements CWP; the new ins are the old outs; %sp arithmetic uses the old %sp', () => {
      const cpu = newCpu();
      paint(cpu);
      cpu.setWinReg(3, SP, 0x8000);
      const stop = run(cpu, [A.save(SP, imm(-96), SP), A.ta(0)], { psr: SUPER | 3, icc: 0x9 });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.CWP).to.equal(2);
      expect(cpu.psr & 31).to.equal(2);
      expect(hex(cpu.getReg(SP))).to.equal(hex(0x8000 - 96));
      expect(hex(cpu.getReg(FP))).to.equal(hex(0x8000));
      expect(hex(cpu.getReg(A.l(0)))).to.equal(hex(0x3000 + 16)); // window 2's own local
      expect(cpu.icc, 'save does not set icc').to.equal(0x9);
    });
    it('reads rs1/rs2 in the old window and writes rd in the new window', () => {
      const cpu = newCpu();
      paint(cpu);
      const stop = run(cpu, [A.save(A.l(0), A.l(1), A.l(2)), A.ta(0)], { psr: SUPER | 5 });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.CWP).to.equal(4);
      expect(hex(cpu.getWinReg(4, A.l(2)))).to.equal(hex((0x6000 + 16) + (0x6000 + 17)));
      expect(hex(cpu.getWinReg(5, A.l(2))), 'old window untouched').to.equal(hex(0x6000 + 18));
    });
    it('wraps from CWP 0 to 7 (window 7 ins = window 0 outs)', () => {
      const cpu = newCpu();
      paint(cpu);
      cpu.setWinReg(0, A.o(1), 0xabc);
      const stop = run(cpu, [A.save(A.o(1), imm(4), A.o(1)), A.ta(0)], { psr: SUPER | 0 });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.CWP).to.equal(7);
      expect(hex(cpu.getReg(A.i(1)))).to.equal(hex(0xabc));
      expect(hex(cpu.getReg(A.o(1)))).to.equal(hex(0xac0));
    });
    it('overflows (tt 0x05) when the new window is marked in WIM, changing nothing', () => {
      const cpu = newCpu();
      paint(cpu);
      const before = snapshot(cpu);
      const stop = run(cpu, [A.save(SP, imm(-96), SP), A.ta(0)], { psr: SUPER | 3, wim: 1 << 2 });
      expectTrap(stop, 0x05, CODE, CODE + 4);
      expect(cpu.CWP).to.equal(3);
      expect(cpu.wim).to.equal(1 << 2);
      expect(snapshot(cpu)).to.deep.equal(before);
    });
    it('only the new window\'s WIM bit matters', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.save(0, imm(0), 0), A.ta(0)], { psr: SUPER | 3, wim: 0xff & ~(1 << 2) });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.CWP).to.equal(2);
    });
    it('with CWP 0 and WIM = 1, seven SAVEs succeed and the eighth overflows', () => {
      const cpu = newCpu();
      const prog: number[] = [];
      for (let k = 0; k < 8; k++) prog.push(A.save(SP, imm(-64), SP));
      prog.push(A.ta(0));
      cpu.setWinReg(0, SP, 0x8000);
      const stop = run(cpu, prog, { psr: SUPER | 0, wim: 1 });
      expectTrap(stop, 0x05, CODE + 28, CODE + 32);
      expect(stop.executed).to.equal(7);
      expect(cpu.CWP).to.equal(1);
      expect(hex(cpu.getReg(SP))).to.equal(hex(0x8000 - 7 * 64));
    });
    it('works in user mode', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.save(0, imm(0), 0), A.restore(0, imm(0), 0), A.save(0, imm(0), 0), A.ta(0)], { psr: USER | 6, wim: 0 });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.CWP).to.equal(5);
    });
  });

  describe('RESTORE', () => {
    it('increments CWP, reads operands in the old window, writes rd in the new one', () => {
      const cpu = newCpu();
      paint(cpu);
      // window 2: %i0 is window 3's %o0. restore %i0, 5, %o0 → window 3's %o0 = old %i0 + 5
      cpu.setWinReg(2, A.i(0), 10);
      const stop = run(cpu, [A.restore(A.i(0), imm(5), A.o(0)), A.ta(0)], { psr: SUPER | 2 });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.CWP).to.equal(3);
      expect(cpu.getReg(A.o(0))).to.equal(15);
      // locals: rs from the old window, rd in the new
      paint(cpu);
      run(cpu, [A.restore(A.l(0), A.l(1), A.l(0)), A.ta(0)], { psr: SUPER | 2 });
      expect(hex(cpu.getWinReg(3, A.l(0)))).to.equal(hex((0x3000 + 16) + (0x3000 + 17)));
      expect(hex(cpu.getWinReg(2, A.l(0)))).to.equal(hex(0x3000 + 16));
    });
    it('wraps from CWP 7 to 0', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.restore(0, imm(0), 0), A.ta(0)], { psr: SUPER | 7 });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.CWP).to.equal(0);
    });
    it('underflows (tt 0x06) when the new window is marked in WIM, changing nothing', () => {
      const cpu = newCpu();
      paint(cpu);
      const before = snapshot(cpu);
      const stop = run(cpu, [A.restore(A.l(0), imm(1), A.o(0)), A.ta(0)], { psr: SUPER | 3, wim: 1 << 4 });
      expectTrap(stop, 0x06, CODE, CODE + 4);
      expect(cpu.CWP).to.equal(3);
      expect(snapshot(cpu)).to.deep.equal(before);
      const stop7 = run(cpu, [A.restore(0, imm(0), 0)], { psr: SUPER | 7, wim: 1 });
      expectTrap(stop7, 0x06, CODE);
      expect(cpu.CWP).to.equal(7);
    });
    it('save then restore round-trips every register', () => {
      const cpu = newCpu();
      paint(cpu);
      const before = snapshot(cpu);
      const stop = run(cpu, [A.save(0, imm(0), 0), A.save(0, imm(0), 0), A.restore(0, imm(0), 0), A.restore(0, imm(0), 0), A.ta(0)],
        { psr: SUPER | 1 });
      expect(stop.trap).to.equal(0x80);
      expect(cpu.CWP).to.equal(1);
      expect(snapshot(cpu)).to.deep.equal(before);
    });
    it('call / save / ret / restore: a whole procedure linkage', () => {
      const cpu = newCpu();
      // 0x1000 call 0x1020 / nop / 0x1008 ta 0 ... 0x1020 save %sp,-96,%sp / add %i0,1,%i0 / ret / restore
      const prog = [A.call(0x20), A.mov(imm(41), A.o(0)), A.ta(0), A.nop(), A.nop(), A.nop(), A.nop(), A.nop(),
        A.save(SP, imm(-96), SP), A.add(A.i(0), imm(1), A.i(0)), A.ret(), A.restore(0, imm(0), 0)];
      const stop = run(cpu, prog, { psr: SUPER | 4, regs: { [SP]: 0x8000 } });
      expectTrap(stop, 0x80, CODE + 8);
      expect(cpu.CWP).to.equal(4);
      expect(cpu.getReg(A.o(0))).to.equal(42);
      expect(hex(cpu.getReg(SP))).to.equal(hex(0x8000));
    });
  });
});
