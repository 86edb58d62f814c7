/*
 * test/hw/sparc/code_cache.test.ts — the machine's code cache: tier names (parse_jit, FORKVM_JIT,
 * FORKVM_JIT_HOT), one cache per physical memory shared by its CPUs, compiling only after the hot
 * threshold, and dropping a page's blocks on every kind of write (CPU stores from any CPU, the
 * PhysMem write methods, written(), set_state) while other pages keep theirs.
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { imm, g, l, COND } from './asm.ts';
import { CODE, SUPER, prepare } from './harness.ts';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { SparcCpu } from '../../../hw/sparc/cpu.ts';
import { code_cache_of, jit_default, jit_env_error, parse_jit, JIT_HOT, JIT_DROPS_MAX } from '../../../hw/sparc/code_cache.ts';

const MEM = 0x10000;
/** l0 += 1, g1 times, then ta 0: one self-looping block and the ta. */
const LOOP = [A.add(l(0), imm(1), l(0)), A.subcc(g(1), imm(1), g(1)), A.bicc(COND.ne, false, -8), A.nop(), A.ta(0)];

function with_env<T>(vars: Record<string, string | undefined>, f: () => T): T {
  const old: Record<string, string | undefined> = {};
  for (const k of Object.keys(vars)) { old[k] = process.env[k]; if (vars[k] === undefined) delete process.env[k]; else process.env[k] = vars[k]; }
  try { return f(); } finally {
    for (const k of Object.keys(old)) { if (old[k] === undefined) delete process.env[k]; else process.env[k] = old[k]; }
  }
}

describe('hw/sparc/code_cache', () => {
  it('parse_jit accepts off and bb, refuses region (not yet) and anything else with one line', () => {
    expect(parse_jit('off')).to.equal('off');
    expect(parse_jit('bb')).to.equal('bb');
    expect(() => parse_jit('region')).to.throw(/not implemented yet/);
    expect(() => parse_jit('fast')).to.throw(/unknown jit tier 'fast' \(use off or bb\)/);
  });

  it('FORKVM_JIT picks the default tier and FORKVM_JIT_HOT the threshold; bad values are reported', () => {
    expect(with_env({ FORKVM_JIT: 'off' }, jit_default)).to.equal('off');
    expect(with_env({ FORKVM_JIT: 'bb' }, () => new SparcCpu(new PhysMem(MEM)).jit)).to.equal('bb');
    expect(with_env({ FORKVM_JIT_HOT: undefined }, () => new SparcCpu(new PhysMem(MEM)).cc.hot)).to.equal(JIT_HOT);
    expect(with_env({ FORKVM_JIT_HOT: '3' }, () => new SparcCpu(new PhysMem(MEM)).cc.hot)).to.equal(3);
    expect(with_env({ FORKVM_JIT: 'x', FORKVM_JIT_HOT: undefined }, jit_env_error)).to.match(/^FORKVM_JIT=x: unknown jit tier/);
    expect(with_env({ FORKVM_JIT: undefined, FORKVM_JIT_HOT: '-1' }, jit_env_error)).to.match(/^FORKVM_JIT_HOT=-1: must be 0\.\.60000$/);
    expect(with_env({ FORKVM_JIT: 'bb', FORKVM_JIT_HOT: '10' }, jit_env_error)).to.equal(null);
  });

  it('one cache per physical memory, shared by its CPUs', () => {
    const m1 = new PhysMem(MEM), m2 = new PhysMem(MEM);
    const a = new SparcCpu(m1), b = new SparcCpu(m1), c = new SparcCpu(m2);
    expect(a.cc).to.equal(b.cc);
    expect(a.cc).to.equal(code_cache_of(m1));
    expect(c.cc).to.not.equal(a.cc);
    expect(a.cc.mmus).to.deep.equal([a.mmu, b.mmu]);
  });

  it('compiles a block only after `hot` entries with room in the budget', () => {
    const c = new SparcCpu(new PhysMem(MEM));
    c.jit = 'bb'; c.cc.hot = 10;
    prepare(c, LOOP, { regs: { [g(1)]: 8 } });
    c.run(100_000);
    expect(c.cc.compiled, '8 passes: 1 entry from outside, 7 self-loop entries, under 10').to.equal(0);
    prepare(c, [], { regs: { [g(1)]: 50 } });
    c.setReg(l(0), 0);
    c.run(100_000);
    expect(c.cc.compiled).to.equal(1);
    expect(c.getReg(l(0))).to.equal(50);
    // --jit off never compiles.
    const d = new SparcCpu(new PhysMem(MEM));
    d.jit = 'off'; d.cc.hot = 0;
    prepare(d, LOOP, { regs: { [g(1)]: 1000 } });
    d.run(100_000);
    expect(d.cc.compiled).to.equal(0);
  });

  it('every write path drops the written page\'s blocks and only those', () => {
    const mem = new PhysMem(MEM);
    const c = new SparcCpu(mem);
    c.jit = 'bb'; c.cc.hot = 0;
    const OTHER = CODE + 0x2000;
    const compile = () => {
      for (const at of [CODE, OTHER]) {
        c.psr = SUPER; c.pc = at; c.npc = at + 4; c.setReg(g(1), 100);
        c.run(100_000);
      }
      expect([mem.code[CODE >>> 12], mem.code[OTHER >>> 12]]).to.deep.equal([1, 1]);
    };
    prepare(c, LOOP);
    for (let k = 0; k < LOOP.length; k++) mem.write32(OTHER + 4 * k, LOOP[k]);
    const writes: [string, () => void][] = [
      ['write8', () => mem.write8(CODE + 0x900, 1)], ['write16', () => mem.write16(CODE + 0x900, 1)],
      ['write32', () => mem.write32(CODE + 0x900, 1)], ['zero', () => mem.zero(CODE + 0x800, 4)],
      ['copy', () => mem.copy(CODE + 0x800, 0, 4)], ['write_bytes', () => mem.write_bytes(CODE + 0x900, new Uint8Array(3))],
      ['written', () => mem.written(CODE + 0xffc, 1)],
      ['a CPU store', () => { c.pc = CODE + 0x100; c.npc = CODE + 0x104; c.setReg(g(5), CODE + 0x900); c.run(1); }],
    ];
    mem.write32(CODE + 0x100, A.st(g(0), g(5), imm(0)));
    for (const [what, write] of writes) {
      compile();
      const d = c.cc.dropped;
      write();
      expect([what, mem.code[CODE >>> 12], mem.code[OTHER >>> 12]]).to.deep.equal([what, 0, 1]);
      expect(c.cc.dropped).to.equal(d + 1);
      // The page's blocks are gone: its next entries count again from zero.
      expect(c.cc.page(CODE >>> 12).blocks.every((b) => b === undefined)).to.equal(true);
      mem.write32(CODE + 0x100, A.st(g(0), g(5), imm(0)));
    }
    compile();
    mem.set_state(mem.get_state());
    expect([mem.code[CODE >>> 12], mem.code[OTHER >>> 12]], 'set_state drops all').to.deep.equal([0, 0]);
  });

  it(`a page dropped ${JIT_DROPS_MAX} times (code and data on one page) is interpreted from then on`, () => {
    const mem = new PhysMem(MEM);
    const c = new SparcCpu(mem);
    c.jit = 'bb'; c.cc.hot = 0;
    prepare(c, LOOP);
    for (let k = 0; k < JIT_DROPS_MAX + 3; k++) {
      c.psr = SUPER; c.pc = CODE; c.npc = CODE + 4; c.setReg(g(1), 100); c.setReg(l(0), 0);
      const s = c.run(100_000);
      expect([s.trap, c.getReg(l(0))]).to.deep.equal([0x80, 100]);
      expect(mem.code[CODE >>> 12], `pass ${k}`).to.equal(k < JIT_DROPS_MAX ? 1 : 0);
      mem.write32(CODE + 0x800, k);
    }
    expect(c.cc.page(CODE >>> 12).drops, "no code left to drop after that").to.equal(JIT_DROPS_MAX);
  });

  it('set_state drops every page', () => {
    const mem = new PhysMem(MEM);
    const c = new SparcCpu(mem);
    c.jit = 'bb'; c.cc.hot = 0;
    const OTHER = CODE + 0x2000;
    prepare(c, LOOP);
    for (let k = 0; k < LOOP.length; k++) mem.write32(OTHER + 4 * k, LOOP[k]);
    for (const at of [CODE, OTHER]) { c.psr = SUPER; c.pc = at; c.npc = at + 4; c.setReg(g(1), 100); c.run(100_000); }
    expect([mem.code[CODE >>> 12], mem.code[OTHER >>> 12]]).to.deep.equal([1, 1]);
    mem.set_state(mem.get_state());
    expect([mem.code[CODE >>> 12], mem.code[OTHER >>> 12]], 'set_state drops all').to.deep.equal([0, 0]);
  });
});
