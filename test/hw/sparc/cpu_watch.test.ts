/*
 * test/hw/sparc/cpu_watch.test.ts — the debugger's data watch unit of the SPARC CPU
 * (SparcCpu.set_watchpoints, TT_DEBUG_WATCH): a watched store or load completes and then stops the
 * run with pc past it and the access latched (watch_va/len/rw); a store does not fire a load
 * watchpoint nor a load a store one; other words of a watched page run on without stopping
 * (though they leave the TLB); ldd/std overlap by their 8 bytes, ldstub/swap fire either kind;
 * clearing the watchpoints lets the same code run through.
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { imm } from './asm.ts';
import { BUDGET, CODE, DATA, newCpu, prepare, hex } from './harness.ts';
import { TT_DEBUG_WATCH } from '../../../hw/sparc/trap_types.ts';
import type { SparcCpu } from '../../../hw/sparc/cpu.ts';

const BASE = A.l(0), V = A.l(1), RD = A.l(2);

/** Run `words` then a final `ta 0`-free nop tail, from CODE with BASE = DATA and V = 0x11223344. */
function go(cpu: SparcCpu, words: number[], budget = 100) {
  prepare(cpu, [...words, A.nop(), A.nop()], { regs: { [BASE]: DATA, [V]: 0x11223344, [RD]: 0 } });
  return cpu.run(budget);
}

describe('hw/sparc/cpu data watch unit', () => {
  it('stops after a watched store, pc past it, with the access latched', () => {
    const cpu = newCpu();
    cpu.set_watchpoints([{ lo: DATA + 4, hi: DATA + 8, rw: 2 }]);
    const s = go(cpu, [A.st(V, BASE, imm(0)), A.st(V, BASE, imm(4)), A.st(V, BASE, imm(8))]);
    expect(s.trap, 'trap').to.equal(TT_DEBUG_WATCH);
    expect(hex(s.pc)).to.equal(hex(CODE + 8));
    expect(s.executed).to.equal(2);
    expect(hex(cpu.mem.read32(DATA + 4)), 'the store was done').to.equal('0x11223344');
    expect(hex(cpu.mem.read32(DATA + 8)), 'the next one not').to.equal('0x0');
    expect([hex(cpu.watch_va), cpu.watch_len, cpu.watch_rw]).to.deep.equal([hex(DATA + 4), 4, 2]);
  });

  it('a byte store inside the range fires; a load does not fire a store watchpoint', () => {
    const cpu = newCpu();
    cpu.set_watchpoints([{ lo: DATA + 4, hi: DATA + 8, rw: 2 }]);
    let s = go(cpu, [A.ld(BASE, imm(4), RD), A.store('stb', V, BASE, imm(6))]);
    expect(s.trap).to.equal(TT_DEBUG_WATCH);
    expect(s.executed).to.equal(2);
    expect(cpu.watch_va >>> 0).to.equal(DATA + 6);
    const c2 = newCpu();
    c2.set_watchpoints([{ lo: DATA + 4, hi: DATA + 8, rw: 2 }]);
    s = go(c2, [A.ld(BASE, imm(4), RD), A.ld(BASE, imm(0), RD)], 4);
    expect(s.reason).to.equal(BUDGET);
  });

  it('a load watchpoint fires on ld and on an ldd that overlaps it, not on a store', () => {
    const cpu = newCpu();
    cpu.set_watchpoints([{ lo: DATA + 12, hi: DATA + 13, rw: 1 }]);
    let s = go(cpu, [A.st(V, BASE, imm(12)), A.load('ldd', BASE, imm(8), A.l(4))]);
    expect(s.trap).to.equal(TT_DEBUG_WATCH);
    expect(s.executed).to.equal(2);
    expect([cpu.watch_len, cpu.watch_rw]).to.deep.equal([8, 1]);
    expect(hex(cpu.getReg(A.l(5)))).to.equal('0x11223344');
    s = go(cpu, [A.load('ldub', BASE, imm(12), RD)]);
    expect(s.trap).to.equal(TT_DEBUG_WATCH);
    expect(hex(cpu.getReg(RD))).to.equal('0x11');
  });

  it('ldstub and swap fire a store or a load watchpoint', () => {
    for (const rw of [1, 2]) {
      const cpu = newCpu();
      cpu.set_watchpoints([{ lo: DATA, hi: DATA + 4, rw }]);
      const s = go(cpu, [A.nop(), A.store('ldstub', RD, BASE, imm(3))]);
      expect(s.trap, `rw ${rw}`).to.equal(TT_DEBUG_WATCH);
      expect(cpu.mem.read8(DATA + 3)).to.equal(0xff);
    }
  });

  it('no watchpoints: the same code runs through', () => {
    const cpu = newCpu();
    cpu.set_watchpoints([{ lo: DATA, hi: DATA + 16, rw: 3 }]);
    cpu.set_watchpoints(null);
    const s = go(cpu, [A.st(V, BASE, imm(0)), A.ld(BASE, imm(0), RD)], 3);
    expect(s.reason).to.equal(BUDGET);
    expect(hex(cpu.getReg(RD))).to.equal('0x11223344');
  });
});
