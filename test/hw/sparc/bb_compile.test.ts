/*
 * test/hw/sparc/bb_compile.test.ts — the compiled tier ('bb') against the interpreter ('off'),
 * CPU by CPU on identical memories: every run() must return the same Stop and leave the same
 * registers, PC/nPC, PSR, Y, instruction and cycle counts, and memory. Fixed scenarios (a fault
 * mid-block, a fault in a delay slot, window overflow/underflow, annulled branches, budgets that
 * end inside a self-loop, code that rewrites itself, kernel writes into a code page, the cache
 * shared by two CPUs, breakpoints) and random programs (ALU, loads/stores that fault, stores
 * into the code, branches, calls, save/restore across WIM) run in random budget slices with a
 * "kernel" that skips each trapping instruction. Each scenario also checks that blocks were
 * really compiled.
 */

import { expect } from 'chai';
import { createHash } from 'node:crypto';
import * as A from './asm.ts';
import { imm, g, o, l, COND } from './asm.ts';
import { CODE, DATA, SUPER, hex, prepare, prng, type Setup } from './harness.ts';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { SparcCpu } from '../../../hw/sparc/cpu.ts';
import type { Stop } from '../../../hw/machine.ts';
import { TT_DEBUG_BPT } from '../../../hw/sparc/trap_types.ts';

const MEM = 0x10000;
/** Beyond the end of memory: loads and stores there take data_access_exception. */
const BAD = 0x1f000;

function cpu_for(tier: 'off' | 'bb', hot: number, mem = new PhysMem(MEM)): SparcCpu {
  const c = new SparcCpu(mem);
  c.jit = tier;
  c.cc.hot = hot;
  return c;
}

/** Everything a run must agree on (memory as a hash, when `mem`). */
function state(c: SparcCpu, mem: boolean) {
  const s = c.get_state();
  return { ...s, mem: mem ? createHash('sha256').update(c.mem.bytes).digest('hex') : '' };
}

/**
 * A trap "handler" for the random programs: skip the trapping instruction (pc = npc), as if the
 * kernel emulated it as a no-op. Error mode cannot happen (ET stays 1).
 */
function skip(c: SparcCpu): void {
  c.pc = c.npc;
  c.npc = (c.npc + 4) | 0;
}

/**
 * Run `words` with setup `s` on the interpreter and on the compiled tier (hot threshold `hot`)
 * in slices of `budgets` (cycled) for `total` instructions, skipping traps when `skipTraps`.
 * Returns the compiled CPU and the stops; fails at the first difference.
 */
function both(words: readonly number[], s: Setup, budgets: readonly number[], total: number,
  o2: { hot?: number; skipTraps?: boolean; between?: (c: SparcCpu, k: number) => void } = {}): { jit: SparcCpu; stops: Stop[] } {
  const ref = cpu_for('off', 0), jit = cpu_for('bb', o2.hot ?? 0);
  for (const c of [ref, jit]) {
    prepare(c, words, s);
    c.setReg(g(5), CODE); c.setReg(g(6), BAD); c.setReg(g(7), DATA);
  }
  const stops: Stop[] = [];
  let done = 0, k = 0;
  while (done < total) {
    const b = budgets[k % budgets.length];
    o2.between?.(ref, k); o2.between?.(jit, k);
    const sr = ref.run(b), sj = jit.run(b);
    expect(sj, `stop of run ${k} (budget ${b})`).to.deep.equal(sr);
    const m = k % 16 === 0;
    expect(state(jit, m), `state after run ${k}`).to.deep.equal(state(ref, m));
    stops.push(sr);
    done += Math.max(1, sr.executed);
    if (sr.reason === 1) { if (!o2.skipTraps) break; skip(ref); skip(jit); }
    if (sr.reason === 2) break;
    k++;
  }
  expect(state(jit, true), 'final state').to.deep.equal(state(ref, true));
  return { jit, stops };
}

describe('hw/sparc/bb_compile: compiled blocks give the interpreter\'s results', () => {
  it('a counting loop (self-loop) in budgets that end mid-pass; instruction and cycle counts match', () => {
    // l0 = 0; loop: add l0, 3, l0; subcc o0, 1, o0; bne loop; ld [g7], l1 (slot); ta 0
    const words = [A.mov(imm(0), l(0)), A.add(l(0), imm(3), l(0)), A.subcc(o(0), imm(1), o(0)),
      A.bicc(COND.ne, false, -8), A.ld(g(7), imm(0), l(1)), A.ta(0)];
    const { jit, stops } = both(words, { regs: { [o(0)]: 5000 } }, [7, 1, 250, 3, 1000, 64, 65], 25_000);
    expect(jit.cc.compiled).to.be.greaterThan(0);
    expect(stops.at(-1)!.trap).to.equal(0x80);
    expect(jit.getReg(l(0))).to.equal(15000);
  });

  it('a load fault mid-block stops at the load with the counts of the instructions before it', () => {
    const words = [A.add(g(1), imm(1), g(1)), A.add(g(2), imm(2), g(2)), A.ld(o(0), imm(0), l(0)),
      A.add(g(3), imm(1), g(3)), A.subcc(o(1), imm(1), o(1)), A.bicc(COND.ne, false, -20), A.nop(), A.ta(0)];
    // o0 walks from DATA towards the end of memory: the 100th pass or so faults.
    const between = (c: SparcCpu) => { if (c.getReg(o(0)) < MEM) c.setReg(o(0), c.getReg(o(0)) + 0x100); };
    const { jit, stops } = both(words, { regs: { [o(0)]: 0xc000, [o(1)]: 5000 } }, [100], 20_000, { between });
    expect(jit.cc.compiled).to.be.greaterThan(0);
    const f = stops.find((x) => x.trap === 0x09)!;
    expect(f, 'a data access fault happened').to.not.equal(undefined);
    expect(hex(f.pc)).to.equal(hex(CODE + 8));
  });

  it('a fault in a delay slot stops with npc = the branch target', () => {
    const words = [A.subcc(o(1), imm(1), o(1)), A.bicc(COND.ne, false, 0), A.ld(o(0), imm(0), l(0)), A.ta(0)];
    // The slot loads from o0, which becomes bad after a while; the branch targets itself.
    const between = (c: SparcCpu, k: number) => { if (k === 30) c.setReg(o(0), BAD); };
    const { jit, stops } = both(words, { regs: { [o(0)]: DATA, [o(1)]: 100000 } }, [5, 100], 10_000, { between });
    expect(jit.cc.compiled).to.be.greaterThan(0);
    const f = stops.find((x) => x.trap === 0x09)!;
    expect([hex(f.pc), hex(f.npc)]).to.deep.equal([hex(CODE + 8), hex(CODE + 4)]);
  });

  it('save and restore in a hot block raise window overflow and underflow at the right place', () => {
    // Recursion-like: save; save; restore; restore, looping; WIM set to hit overflow after a while.
    const words = [A.save(14, imm(-96), 14), A.save(14, imm(-96), 14), A.add(l(0), imm(1), l(0)),
      A.restore(0, 0, 0), A.restore(0, 0, 0), A.subcc(g(1), imm(1), g(1)), A.bicc(COND.ne, false, -24), A.nop(), A.ta(0)];
    const between = (c: SparcCpu, k: number) => { if (k === 40) c.wim = 1 << 6; if (k === 80) c.wim = 1 << 1; if (k === 120) c.wim = 0; };
    const { jit, stops } = both(words, { regs: { [g(1)]: 100000 }, wim: 0 }, [130, 310], 40_000, { between, skipTraps: true });
    expect(jit.cc.compiled).to.be.greaterThan(0);
    expect(stops.some((x) => x.trap === 0x05), 'overflow').to.equal(true);
    expect(stops.some((x) => x.trap === 0x06), 'underflow').to.equal(true);
  });

  it('annulled branches (taken, untaken, ba,a, bn,a) count only the instructions that ran', () => {
    const words = [
      A.subcc(g(1), imm(1), g(1)), A.bicc(COND.e, true, 12), A.add(l(1), imm(1), l(1)), // untaken ,a: slot annulled
      A.bicc(COND.ne, true, 8), A.add(l(2), imm(1), l(2)), // taken ,a: slot runs
      A.bicc(COND.n, true, 8), A.add(l(3), imm(1), l(3)), // bn,a: slot annulled
      A.umul(g(1), imm(3), l(4)), A.udiv(l(4), imm(3), l(5)),
      A.bicc(COND.a, true, 8), A.add(l(6), imm(1), l(6)), // ba,a
      A.subcc(g(1), imm(0), g(0)), A.bicc(COND.ne, false, -48), A.nop(), A.ta(0)];
    const { jit } = both(words, { regs: { [g(1)]: 3000 } }, [17, 2, 200], 60_000);
    expect(jit.cc.compiled).to.be.greaterThan(0);
    // l1: only the last pass (be,a taken); l2: every pass (bne,a taken, or be,a's target); l3, l6: never.
    expect([jit.getReg(l(1)), jit.getReg(l(2)), jit.getReg(l(3)), jit.getReg(l(6))]).to.deep.equal([1, 3000, 0, 0]);
  });

  it('code that stores a new instruction into its own hot loop runs the new instruction', () => {
    // loop: add l0, 1, l0 (patched to add l0, 7, l0 after 500 passes); subcc; bne loop; nop
    //       at 500: st g4 -> [g5 + 0] ... g4 holds the new word; flush.
    const patched = A.add(l(0), imm(7), l(0));
    const words = [A.add(l(0), imm(1), l(0)), A.subcc(g(1), imm(1), g(1)), A.subcc(g(1), imm(500), g(0)),
      A.bicc(COND.ne, false, 16), A.nop(), A.st(g(4), g(5), imm(0)), A.flush(g(5), imm(0)), A.nop(),
      A.subcc(g(1), imm(0), g(0)), A.bicc(COND.ne, false, -36), A.nop(), A.ta(0)];
    const { jit } = both(words, { regs: { [g(1)]: 1000, [g(4)]: patched } }, [300, 7], 20_000);
    expect(jit.cc.compiled).to.be.greaterThan(0);
    expect(jit.cc.dropped).to.be.greaterThan(0);
    expect(jit.getReg(l(0))).to.equal(500 * 1 + 500 * 7);
  });

  it('a kernel write into a compiled page (PhysMem.write32) drops its blocks', () => {
    const words = [A.add(l(0), imm(1), l(0)), A.subcc(g(1), imm(1), g(1)), A.bicc(COND.ne, false, -8), A.nop(), A.ta(0)];
    const between = (c: SparcCpu, k: number) => { if (k === 5) c.mem.write32(CODE, A.add(l(0), imm(2), l(0))); };
    const { jit } = both(words, { regs: { [g(1)]: 2000 } }, [100], 10_000, { between });
    expect(jit.cc.dropped).to.be.greaterThan(0);
    // 5 runs of 100 instructions = 125 passes of 4 with the old add, the other 1875 with the new one.
    expect(jit.getReg(l(0))).to.equal(125 + 1875 * 2);
  });

  it('two CPUs on one memory share the cache: the second runs the first one\'s blocks', () => {
    const mem = new PhysMem(MEM);
    const a = cpu_for('bb', 0, mem), b = cpu_for('bb', 0, mem);
    expect(b.cc).to.equal(a.cc);
    const words = [A.add(l(0), imm(1), l(0)), A.subcc(g(1), imm(1), g(1)), A.bicc(COND.ne, false, -8), A.nop(), A.ta(0)];
    prepare(a, words, { regs: { [g(1)]: 1000 } });
    a.run(100_000);
    const n = a.cc.compiled;
    expect(n).to.be.greaterThan(0);
    // Not prepare(): writing the words again would drop the blocks.
    b.psr = SUPER; b.pc = CODE; b.npc = CODE + 4; b.setReg(g(1), 1000);
    const sb = b.run(100_000);
    expect(b.cc.compiled).to.equal(n);
    expect(sb.trap).to.equal(0x80);
    expect(b.getReg(l(0))).to.equal(1000);
  });

  it('a store from one CPU into code another CPU compiled drops it (no stale fast write entry)', () => {
    const mem = new PhysMem(MEM);
    const a = cpu_for('bb', 0, mem), b = cpu_for('bb', 0, mem);
    // b first gets a fast write entry for the code page (a store there), then a compiles it.
    prepare(b, [A.st(g(0), g(5), imm(0x800)), A.ta(0)]);
    b.setReg(g(5), CODE);
    b.run(10);
    const words = [A.add(l(0), imm(1), l(0)), A.subcc(g(1), imm(1), g(1)), A.bicc(COND.ne, false, -8), A.nop(), A.ta(0)];
    prepare(a, words, { regs: { [g(1)]: 1000 } });
    a.run(100_000);
    expect(mem.code[CODE >>> 12]).to.equal(1);
    b.pc = CODE + 0x100; b.npc = CODE + 0x104;
    mem.write32(CODE + 0x100, A.st(g(4), g(5), imm(0)));
    mem.write32(CODE + 0x104, A.ta(0));
    b.setReg(g(4), A.add(l(0), imm(5), l(0)));
    b.run(10);
    prepare(a, [], { regs: { [g(1)]: 10 } });
    a.setReg(l(0), 0);
    a.run(100_000);
    expect(a.getReg(l(0))).to.equal(50);
  });

  it('with breakpoints armed the CPU interprets, and a breakpoint inside a hot block stops there', () => {
    const c = cpu_for('bb', 0);
    const words = [A.add(l(0), imm(1), l(0)), A.add(l(1), imm(1), l(1)), A.subcc(g(1), imm(1), g(1)),
      A.bicc(COND.ne, false, -12), A.nop(), A.ta(0)];
    prepare(c, words, { regs: { [g(1)]: 1000 } });
    c.run(2000);
    expect(c.cc.compiled).to.be.greaterThan(0);
    c.set_breakpoints([CODE + 4]);
    const s = c.run(100_000);
    expect([s.reason, s.trap, hex(s.pc)]).to.deep.equal([1, TT_DEBUG_BPT, hex(CODE + 4)]);
    expect(c.getReg(l(0))).to.equal(c.getReg(l(1)) + 1);
  });

  describe('random programs in random slices, traps skipped', () => {
    const ALU = ['add', 'and', 'or', 'xor', 'sub', 'andn', 'orn', 'xnor', 'addx', 'subx', 'addcc', 'andcc', 'orcc',
      'xorcc', 'subcc', 'andncc', 'orncc', 'xnorcc', 'addxcc', 'subxcc', 'umul', 'smul', 'umulcc', 'smulcc', 'udiv',
      'sdiv', 'udivcc', 'sdivcc', 'taddcc', 'tsubcc', 'taddcctv', 'tsubcctv', 'mulscc', 'sll', 'srl', 'sra'] as const;
    const LOADS = ['ld', 'ldub', 'lduh', 'ldd', 'ldsb', 'ldsh', 'ldstub', 'swap'] as const;
    const STORES = ['st', 'stb', 'sth', 'std'] as const;
    const N = 160;
    function program(rnd: () => number): number[] {
      const pick = <T>(xs: readonly T[]): T => xs[rnd() % xs.length];
      const src = () => pick([0, 1, 2, 3, 4, 8, 9, 10, 11, 16, 17, 18, 24, 25, 26, 5, 7]);
      const dst = () => pick([1, 2, 3, 4, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 0]);
      const op2 = () => (rnd() % 2 ? imm((rnd() % 8192) - 4096) : src());
      const words: number[] = [];
      for (let k = 0; k < N; k++) {
        const r = rnd() % 100;
        const tgt = () => 4 * ((rnd() % N) - k);
        if (r < 40) words.push(A.arith(pick(ALU), src(), op2(), dst()));
        else if (r < 45) words.push(A.sethi(rnd() & 0x3fffff, dst()));
        else if (r < 55) {
          const base = pick([g(7), g(7), g(7), g(6), g(5)]);
          const off = base === g(5) ? 0xe00 + (rnd() % 256) : rnd() % 256;
          words.push(A.load(pick(LOADS), base, imm(rnd() % 4 === 0 ? off : off & ~7), dst()));
        } else if (r < 63) {
          const base = pick([g(7), g(7), g(6), g(5), g(5)]);
          // g5: the code page past the program, or (rarely) the program itself.
          const off = base === g(5) ? (rnd() % 8 === 0 ? 4 * (rnd() % N) : 0xe00 + (rnd() % 256)) : rnd() % 256;
          words.push(A.store(pick(STORES), pick([1, 2, 8, 16, 24, 0]), base, imm(rnd() % 4 === 0 ? off : off & ~7)));
        } else if (r < 78) words.push(A.bicc(rnd() & 15, rnd() % 3 === 0, tgt()));
        else if (r < 81) words.push(A.call(tgt()));
        else if (r < 83) words.push(A.jmpl(15, imm(8), 0));
        else if (r < 86) words.push(A.save(14, imm(-64), rnd() % 2 ? 14 : dst()));
        else if (r < 89) words.push(A.restore(src(), op2(), dst()));
        else if (r < 91) words.push(A.rdy(dst()));
        else if (r < 93) words.push(A.wry(src(), op2()));
        else if (r < 95) words.push(A.nop());
        else if (r < 96) words.push(A.ta(rnd() & 0x7f));
        else if (r < 97) words.push(A.flush(g(5), imm(0)));
        else if (r < 98) words.push(A.wrwim(0, imm(1 << (rnd() % 8))));
        else words.push(A.rdpsr(dst()));
      }
      return words;
    }
    let compiled = 0;
    for (let seed = 1; seed <= 16; seed++) {
      it(`seed ${seed}`, () => {
        const rnd = prng(0x9e3779b1 ^ seed);
        const words = program(rnd);
        const budgets = Array.from({ length: 16 }, () => 1 + (rnd() % (rnd() % 2 ? 400 : 40)));
        const regs: Record<number, number> = {};
        for (const r of [1, 2, 3, 4, 8, 9, 10, 11, 16, 17, 24, 25]) regs[r] = rnd() % 3 ? rnd() % 64 : rnd() >>> 0;
        regs[14] = DATA + 0x4000;
        regs[15] = CODE + 4 * (rnd() % N) - 8;
        const { jit } = both(words, { regs, wim: seed % 3 === 0 ? 0 : 1 << (seed % 8), icc: seed & 15, y: seed * 77 },
          budgets, 12_000, { hot: seed % 4, skipTraps: true });
        compiled += jit.cc.compiled;
      });
    }
    it('the random programs ran compiled blocks', () => expect(compiled).to.be.greaterThan(16));
  });
});
