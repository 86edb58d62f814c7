/*
 * test/hw/machine_state.test.ts — get_state/set_state of every hardware component (SparcCpu with
 * its Srmmu, PhysMem, Console, Clock, and the Machine that holds them) round-trip exactly, and a
 * snapshot taken half way through a run resumes in a fresh machine to the same end state (registers,
 * memory, cycles, console output) as the uninterrupted run. Hardware only: the test drives the
 * CPUs itself (a few lines standing in for a kernel: console `ta 1`, clock interrupts, `ta 0` = done).
 */

import { expect } from 'chai';
import { Machine, type HwState } from '../../hw/machine.ts';
import { PhysMem } from '../../hw/mem/phys_mem.ts';
import { SparcCpu, PSR_S, PSR_ET } from '../../hw/sparc/cpu.ts';
import { Console } from '../../hw/dev/console.ts';
import { Clock, CLOCK_LEVEL } from '../../hw/dev/clock.ts';
import * as A from './sparc/asm.ts';
import { imm, o, l, g, i as ireg, SP } from './sparc/asm.ts';

const MEM = 1 << 20;
const CTXT = 0x1000;                      // context table (PA)
const L1 = (c: number) => 0x2000 + c * 0x400, L2 = (c: number) => 0x3000 + c * 0x100, L3 = (c: number) => 0x3800 + c * 0x100;
const CODE_VA = 0x10000, DATA_VA = 0x20000;
const CODE_PA = 0x40000, DATA_PA = (c: number) => 0x50000 + c * 0x1000;
const IRQ_COUNT_PA = 0x60000;             // per-CPU interrupt counters kept by the driver, in memory
const SLICE = 777;                        // odd, so slices end anywhere (delay slots included)
const ITER = 1500;

const ptd = (pa: number) => ((pa >>> 4) | 1) >>> 0;
const pte = (pa: number, acc: number) => (((pa >>> 12) << 8) | (acc << 2) | 2) >>> 0;
const COND = A.COND;

/**
 * The guest loop (supervisor mode, MMU on, one context per CPU): window save/restore with WIM = 0,
 * loads and stores through the MMU (setting R/M bits), umul/udiv/rd %y, condition codes, and
 * every 64 iterations a `ta 1` console write of %o0's low byte. Ends with `ta 0`.
 */
function program(): number[] {
  const p: number[] = [];
  p.push(...A.set(DATA_VA, l(0)), ...A.set(ITER, l(1)), A.mov(g(1), l(2)), ...A.set(0x9e3779b9, l(3)));
  p.push(A.wry(0, imm(0)));
  const loop = p.length;
  p.push(
    A.mov(l(1), o(1)),
    A.save(SP, imm(-96), SP),
    A.sll(ireg(1), imm(3), l(0)),
    A.xor(l(0), ireg(1), ireg(0)),
    A.restore(ireg(0), imm(1), o(0)),
    A.sll(l(1), imm(2), l(6)),
    A.and(l(6), imm(0xffc), l(6)),
    A.ld(l(0), l(6), l(4)),
    A.arith('umul', l(4), l(3), l(4)),
    A.add(l(2), l(4), l(2)),
    A.add(l(2), o(0), l(2)),
    A.rdy(l(5)),
    A.xor(l(2), l(5), l(5)),
    A.st(l(5), l(0), l(6)),
    A.arith('udiv', l(2), l(3), l(7)),
    A.add(l(2), l(7), l(2)),
    A.arith('andcc', l(1), imm(63), 0),
  );
  const bne = p.length;
  p.push(0, A.nop(), A.and(l(2), imm(0x3f), o(0)), A.add(o(0), imm(0x30), o(0)), A.ta(1));
  p[bne] = A.bicc(COND.ne, false, (p.length - bne) * 4);
  p.push(A.arith('subcc', l(1), imm(1), l(1)));
  p.push(A.bicc(COND.ne, false, (loop - p.length) * 4), A.nop(), A.ta(0));
  return p;
}

/** A 2-CPU machine as constructed: zeroed memory, CPUs reset, nothing set up. */
function blankMachine(): Machine<SparcCpu> {
  return new Machine<SparcCpu>({ isa: 'sparc', cpus: 2, memBytes: MEM, clockInterval: 5000 },
    (mem, id) => new SparcCpu(mem, id), null, true);
}

/** A 2-CPU machine with page tables, the program, and each CPU pointed at it in its own context. */
function newMachine(): Machine<SparcCpu> {
  const m = blankMachine();
  const mem = m.mem;
  const words = program();
  words.forEach((w, k) => mem.write32(CODE_PA + 4 * k, w));
  for (let c = 0; c < 2; c++) {
    mem.write32(CTXT + 4 * c, ptd(L1(c)));
    mem.write32(L1(c), ptd(L2(c)));
    mem.write32(L2(c), ptd(L3(c)));
    mem.write32(L3(c) + 4 * (CODE_VA >>> 12), pte(CODE_PA, 3));
    mem.write32(L3(c) + 4 * (DATA_VA >>> 12), pte(DATA_PA(c), 3));
    for (let k = 0; k < 1024; k++) mem.write32(DATA_PA(c) + 4 * k, (k * 0x01010101 + c) >>> 0);
    const cpu = m.cpus[c];
    cpu.psr = PSR_S | PSR_ET;
    cpu.wim = 0;
    cpu.mmu.ctp = CTXT >>> 4;
    cpu.mmu.context = c;
    cpu.mmu.control = 1;
    cpu.setReg(g(1), c + 1);
    cpu.setReg(SP, 0x7000);
    cpu.pc = CODE_VA;
    cpu.npc = CODE_VA + 4;
  }
  return m;
}

/**
 * One round: each CPU runs one slice (handling `ta 1` console writes and clock interrupts), then
 * machine time advances and the clock may raise its line. Returns true when every CPU sits at `ta 0`.
 */
function round(m: Machine<SparcCpu>): boolean {
  let done = 0;
  for (const cpu of m.cpus) {
    const s = cpu.run(SLICE);
    if (s.reason === 1 && s.trap === 0x80) { done++; continue; }
    if (s.reason === 1 && s.trap === 0x81) {
      m.console.write(Uint8Array.of(cpu.getReg(o(0)) & 0xff));
      cpu.pc = cpu.npc; cpu.npc = (cpu.npc + 4) | 0;
    } else if (s.reason === 1 && s.trap === 0x10 + CLOCK_LEVEL) {
      cpu.irl = 0;
      const a = IRQ_COUNT_PA + 4 * cpu.id;
      m.mem.write32(a, m.mem.read32(a) + 1);
    } else if (s.reason !== 0) {
      throw new Error(`cpu ${cpu.id}: unexpected stop ${JSON.stringify(s)}`);
    }
  }
  m.now += SLICE;
  if (m.clock.advance(m.now)) {
    m.clock.ack();
    for (const cpu of m.cpus) cpu.irl = CLOCK_LEVEL;
  }
  return done === m.cpus.length;
}

function runToEnd(m: Machine<SparcCpu>): number {
  let rounds = 0;
  while (!round(m)) if (++rounds > 100_000) throw new Error('runaway');
  return rounds;
}

/** A deep copy through JSON: what a snapshot written to a file and read back would be. */
const viaJson = (s: HwState): HwState => JSON.parse(JSON.stringify(s)) as HwState;

describe('hw: get_state/set_state', () => {
  describe('components round-trip exactly', () => {
    it('PhysMem', () => {
      const a = new PhysMem(64 * 1024);
      for (let k = 0; k < 4096; k++) a.write32(k * 16, (k * 2654435761) >>> 0);
      const b = new PhysMem(64 * 1024);
      b.set_state(viaJson(a.get_state()));
      expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).to.equal(true);
      expect(b.get_state()).to.deep.equal(a.get_state());
      expect(() => new PhysMem(8192).set_state(a.get_state())).to.throw(/size/);
    });

    it('Console (captured output, queued input, EOF flag, byte count)', () => {
      const a = new Console(null, true);
      a.write(Buffer.from('hello\n'));
      a.feed('in', true);
      const s = viaJson(a.get_state());
      a.write(Buffer.from('later')); // must not leak into the snapshot
      const b = new Console(null, true);
      b.set_state(s);
      expect(b.output()).to.equal('hello\n');
      expect(b.bytesOut).to.equal(6);
      expect(Buffer.from(b.read(10)!).toString()).to.equal('in');
      expect(b.read(10)!.length, 'EOF after the queued input').to.equal(0);
    });

    it('Clock (interval, next deadline, ticks, pending)', () => {
      const a = new Clock(1000);
      a.advance(2500);
      const b = new Clock(7);
      b.set_state(viaJson(a.get_state()));
      expect(b.get_state()).to.deep.equal(a.get_state());
      expect(b.pending).to.equal(true);
      expect([a.advance(2999), b.advance(2999)]).to.deep.equal([false, false]);
      expect([a.advance(3000), b.advance(3000)]).to.deep.equal([true, true]);
      expect(b.ticks).to.equal(a.ticks);
    });

    it('SparcCpu with its Srmmu (registers of every window, PSR, WIM, TBR, Y, counters, MMU registers)', () => {
      const m = newMachine();
      for (let k = 0; k < 5; k++) round(m);
      const a = m.cpus[1];
      a.tba = 0x12345000; a.tt = 0x81; a.mmu.sfsr = 0x1a6; a.mmu.sfar = 0xdead0000;
      const s = viaJson(a.get_state());
      const b = new SparcCpu(new PhysMem(MEM), 1);
      b.set_state(s);
      expect(b.get_state()).to.deep.equal(s);
      expect([b.pc, b.npc, b.psr, b.CWP, b.wim, b.y, b.tbr]).to.deep.equal([a.pc, a.npc, a.psr, a.CWP, a.wim, a.y, a.tbr]);
      expect(Array.from(b.regs)).to.deep.equal(Array.from(a.regs));
      expect([b.mmu.context, b.mmu.ctp, b.mmu.control, b.mmu.enabled]).to.deep.equal([1, CTXT >>> 4, 1, true]);
      expect([b.instructions, b.cycles]).to.deep.equal([a.instructions, a.cycles]);
      expect(a.instructions, 'the CPU did run').to.be.greaterThan(1000);
    });
  });

  describe('snapshot half way, resume in a fresh machine', () => {
    it('reaches the same registers, memory, cycles and console output as the straight run', () => {
      const straight = newMachine();
      const total = runToEnd(straight);
      const finalState = straight.get_state();

      const first = newMachine();
      for (let r = 0; r < Math.floor(total / 2); r++) round(first);
      const snap = viaJson(first.get_state());
      expect(snap, 'the snapshot is taken before the end').to.not.deep.equal(finalState);
      expect((snap.cpus as HwState[]).map((c) => c.instructions as number).every((n) => n > 1000)).to.equal(true);
      runToEnd(first);

      const fresh = blankMachine(); // everything must come from the snapshot
      fresh.set_state(snap);
      expect(viaJson(fresh.get_state()), 'set_state then get_state is the identity').to.deep.equal(snap);
      runToEnd(fresh);

      for (const m of [first, fresh]) {
        expect(m.console.output()).to.equal(straight.console.output());
        m.cpus.forEach((cpu, c) => {
          const want = straight.cpus[c];
          expect(Array.from(cpu.regs), `cpu ${c} registers`).to.deep.equal(Array.from(want.regs));
          expect([cpu.pc, cpu.npc, cpu.psr, cpu.y, cpu.instructions, cpu.cycles]).to.deep.equal(
            [want.pc, want.npc, want.psr, want.y, want.instructions, want.cycles]);
        });
        expect(Buffer.from(m.mem.bytes).equals(Buffer.from(straight.mem.bytes)), 'memory').to.equal(true);
        expect(m.get_state()).to.deep.equal(finalState);
      }
      // The run did what it says: console output, clock interrupts taken, R/M bits set by the walker.
      expect(straight.console.output().length).to.equal(2 * Math.floor(ITER / 64));
      expect(straight.mem.read32(IRQ_COUNT_PA) + straight.mem.read32(IRQ_COUNT_PA + 4)).to.be.greaterThan(4);
      expect(straight.mem.read32(L3(0) + 4 * (DATA_VA >>> 12)) & 0x60, 'R and M set in the data PTE').to.equal(0x60);
    });

    it('a snapshot from a different point gives a different end state (the comparison can fail)', () => {
      const m = newMachine();
      for (let r = 0; r < 3; r++) round(m);
      const snap = viaJson(m.get_state());
      const cpus = snap.cpus as HwState[];
      const regs = cpus[0].regs as number[];
      regs[18] ^= 1; // flip a bit of %l2 (the accumulator) in window 0
      const x = blankMachine();
      x.set_state(snap);
      runToEnd(x);
      runToEnd(m);
      expect(x.get_state()).to.not.deep.equal(m.get_state());
    });
  });
});
