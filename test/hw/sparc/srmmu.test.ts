/*
 * test/hw/sparc/srmmu.test.ts — the SPARC Reference MMU (V8 appendix H) through Srmmu's API and
 * through SparcCpu: a context table and 3-level tables built here in physical memory, translation
 * by 16 MiB / 256 KiB / 4 KiB PTEs, R/M written back into the PTEs, the ACC permission table, SFSR
 * (L, AT, FT, FAV, OW) and SFAR, TLB staleness until demap, contexts, and CPU loads/stores/fetches
 * faulting with data_access_exception (0x09) / instruction_access_exception (0x01).
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { imm } from './asm.ts';
import { CODE, SUPER, USER, expectTrap, hex, run, runFor, prepare } from './harness.ts';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { SparcCpu } from '../../../hw/sparc/cpu.ts';

const MEM = 0x400000;
// Physical layout of the tables
const CTXT = 0x10000, L1 = 0x11000, L2A = 0x12000, L2B = 0x12100, L3A = 0x13000, L3CODE = 0x13100;
const L1C1 = 0x14000, L2C1 = 0x15000, L3C1 = 0x16000;
// Virtual addresses and their pages
const VA4K = 0x00042000;    // L1[0] → L2A[1] → L3A[2] → PA 0x30000
const VA256K = 0x01040000;  // L1[1] → L2B[1] (256 KiB PTE) → PA 0x40000
const VA16M = 0xf0000000;   // L1[0xf0] (16 MiB PTE) → PA 0
const PA4K = 0x30000, PA256K = 0x40000;
const PTE4K = L3A + 2 * 4, PTE256K = L2B + 1 * 4, PTE16M = L1 + 0xf0 * 4;

const ptd = (pa: number): number => ((pa >>> 4) | 1) >>> 0;
const pte = (pa: number, acc: number, extra = 0): number => (((pa >>> 12) << 8) | (acc << 2) | 2 | extra) >>> 0;
/** SFSR value: L [9:8], AT [7:5], FT [4:2], FAV bit 1. */
const sfsr = (level: number, at: number, ft: number): number => (level << 8) | (at << 5) | (ft << 2) | 2;
const R = 0x20, M = 0x40;

/** A CPU whose memory holds the tables below; the MMU is enabled, context 0, supervisor, ET = 1. */
function machine(): SparcCpu {
  const mem = new PhysMem(MEM);
  const w = (a: number, v: number): void => mem.write32(a, v);
  w(CTXT + 0, ptd(L1));
  w(CTXT + 4, ptd(L1C1));
  w(CTXT + 8, 0);
  w(L1 + 0 * 4, ptd(L2A));
  w(L1 + 1 * 4, ptd(L2B));
  w(PTE16M, pte(0, 3));
  w(L2A + 0 * 4, ptd(L3CODE));
  w(L2A + 1 * 4, ptd(L3A));
  for (let k = 0; k < 16; k++) w(L3CODE + 4 * k, pte(k * 0x1000, 3)); // VA 0..0xffff = PA, RWX
  w(PTE4K, pte(PA4K, 1));
  w(L3A + 4 * 4, pte(0x32000, 5)); // VA 0x00044000: user R, supervisor RW
  w(L3A + 5 * 4, pte(0x33000, 6)); // VA 0x00045000: supervisor RX only
  w(L3A + 6 * 4, pte(0x34000, 7)); // VA 0x00046000: supervisor RWX only
  w(L3A + 7 * 4, pte(0x35000, 1)); // VA 0x00047000: RW, not executable
  w(PTE256K, pte(PA256K, 1));
  w(L1C1 + 0, ptd(L2C1));
  w(L2C1 + 0, ptd(L3CODE));        // context 1 shares the code pages
  w(L2C1 + 4, ptd(L3C1));
  w(L3C1 + 8, pte(0x31000, 1));    // context 1: VA4K → PA 0x31000
  const cpu = new SparcCpu(mem);
  cpu.psr = SUPER;
  cpu.mmu.ctp = CTXT >>> 4;
  cpu.mmu.context = 0;
  cpu.mmu.control = 1;
  cpu.mmu.flushAll();
  return cpu;
}

describe('hw/sparc/srmmu', () => {
  describe('translation', () => {
    it('MMU off: physical = virtual', () => {
      const cpu = machine();
      cpu.mmu.control = 0;
      cpu.mmu.flushAll();
      expect(cpu.mmu.translate(0x1234, 1)).to.equal(0x1234);
      expect(cpu.mmu.translate(0x1234, 4)).to.equal(0x1234);
    });
    it('4 KiB page (level-3 PTE)', () => {
      const cpu = machine();
      expect(hex(cpu.mmu.translate(VA4K + 0xabc, 1))).to.equal(hex(PA4K + 0xabc));
      expect(hex(cpu.mmu.translate(VA4K + 0xffc, 5))).to.equal(hex(PA4K + 0xffc));
    });
    it('256 KiB page (level-2 PTE): VA[17:0] is the offset', () => {
      const cpu = machine();
      expect(hex(cpu.mmu.translate(VA256K + 0x3f123, 1))).to.equal(hex(PA256K + 0x3f123));
      expect(hex(cpu.mmu.translate(VA256K + 0x00004, 1))).to.equal(hex(PA256K + 4));
    });
    it('16 MiB page (level-1 PTE): VA[23:0] is the offset', () => {
      const cpu = machine();
      expect(hex(cpu.mmu.translate(VA16M + 0x123456, 1))).to.equal(hex(0x123456));
      expect(hex(cpu.mmu.translate(VA16M + 0x3ffffc, 0))).to.equal(hex(0x3ffffc));
    });
    it('MMU registers through readReg/writeReg (ASI 4 layout)', () => {
      const cpu = machine();
      expect(cpu.mmu.readReg(0x000) & 3).to.equal(1);
      expect(hex(cpu.mmu.readReg(0x100))).to.equal(hex(CTXT >>> 4));
      cpu.mmu.writeReg(0x200, 1);
      expect(cpu.mmu.context).to.equal(1);
      expect(cpu.mmu.readReg(0x200)).to.equal(1);
      expect(hex(cpu.mmu.translate(VA4K, 1))).to.equal(hex(0x31000));
    });
  });

  describe('referenced and modified bits', () => {
    for (const [name, va, at] of [['4 KiB', VA4K, PTE4K], ['256 KiB', VA256K, PTE256K], ['16 MiB', VA16M + 0x8000, PTE16M]] as const) {
      it(`${name}: R on the first access, M on the first store, written back to the PTE`, () => {
        const cpu = machine();
        const mem = cpu.mem;
        expect(mem.read32(at) & (R | M)).to.equal(0);
        cpu.mmu.translate(va, 1);
        expect(hex(mem.read32(at) & (R | M)), 'after a load').to.equal(hex(R));
        cpu.mmu.translate(va + 4, 1);
        expect(hex(mem.read32(at) & (R | M))).to.equal(hex(R));
        cpu.mmu.translate(va + 8, 5);
        expect(hex(mem.read32(at) & (R | M)), 'after a store').to.equal(hex(R | M));
        // nothing else in the PTE changed
        expect(hex(mem.read32(at) & ~(R | M))).to.equal(hex(pte(name === '16 MiB' ? 0 : name === '4 KiB' ? PA4K : PA256K, name === '16 MiB' ? 3 : 1)));
      });
    }
    it('translate: a store after loads on the same page sets M', () => {
      const cpu = machine();
      cpu.mmu.translate(VA4K, 1);
      cpu.mmu.translate(VA4K, 1);
      cpu.mmu.translate(VA4K + 16, 5);
      expect(hex(cpu.mem.read32(PTE4K) & (R | M))).to.equal(hex(R | M));
    });
    it('a first store sets both R and M', () => {
      const cpu = machine();
      cpu.mmu.translate(VA4K, 5);
      expect(hex(cpu.mem.read32(PTE4K) & (R | M))).to.equal(hex(R | M));
    });
    it('an instruction fetch sets R', () => {
      const cpu = machine();
      cpu.mem.write32(PTE4K, pte(PA4K, 3));
      cpu.mmu.translate(VA4K, 3);
      expect(hex(cpu.mem.read32(PTE4K) & (R | M))).to.equal(hex(R));
    });
    it('CPU loads and stores set R and M', () => {
      const cpu = machine();
      const stop = run(cpu, [A.ld(A.l(0), imm(0), A.l(1)), A.ld(A.l(0), imm(4), A.l(1)), A.ta(0)], { regs: { [A.l(0)]: VA256K } });
      expect(stop.trap).to.equal(0x80);
      expect(hex(cpu.mem.read32(PTE256K) & (R | M))).to.equal(hex(R));
      run(cpu, [A.st(A.l(1), A.l(0), imm(8)), A.ta(0)], { regs: { [A.l(0)]: VA256K, [A.l(1)]: 0xabcd } });
      expect(hex(cpu.mem.read32(PTE256K) & (R | M))).to.equal(hex(R | M));
      expect(hex(cpu.mem.read32(PA256K + 8))).to.equal(hex(0xabcd));
    });
  });

  describe('ACC permissions (user / supervisor)', () => {
    // [acc] = [user, supervisor] as r/w/x letters
    const TABLE: [string, string][] = [
      ['r', 'r'], ['rw', 'rw'], ['rx', 'rx'], ['rwx', 'rwx'], ['x', 'x'], ['r', 'rw'], ['', 'rx'], ['', 'rwx'],
    ];
    const ATS: [number, string, boolean][] = [
      [0, 'r', false], [1, 'r', true], [2, 'x', false], [3, 'x', true], [4, 'w', false], [5, 'w', true],
    ];
    for (let acc = 0; acc < 8; acc++) {
      it(`ACC ${acc}: user ${TABLE[acc][0] || '-'}, supervisor ${TABLE[acc][1]}`, () => {
        const cpu = machine();
        const bad: string[] = [];
        for (const [at, kind, sup] of ATS) {
          cpu.mem.write32(PTE4K, pte(PA4K, acc));
          cpu.mmu.flushAll();
          cpu.mmu.readSfsr();
          const va = VA4K + 0x10;
          const pa = cpu.mmu.translate(va, at);
          const allowed = TABLE[acc][sup ? 1 : 0].includes(kind);
          const ft = !sup && acc >= 6 ? 3 : 2;
          const want = allowed ? `pa ${hex(PA4K + 0x10)}` : `fault sfsr ${hex(sfsr(3, at, ft))} sfar ${hex(va)}`;
          const got = pa >= 0 ? `pa ${hex(pa)}` : `fault sfsr ${hex(cpu.mmu.sfsr)} sfar ${hex(cpu.mmu.sfar)}`;
          if (want !== got) bad.push(`at ${at}: want ${want}, got ${got}`);
        }
        expect(bad).to.deep.equal([]);
      });
    }
    it('protection faults on large pages report their level', () => {
      const cpu = machine();
      cpu.mem.write32(PTE16M, pte(0, 0));
      cpu.mem.write32(PTE256K, pte(PA256K, 0));
      cpu.mmu.flushAll();
      expect(cpu.mmu.translate(VA16M + 0x40, 5)).to.equal(-1);
      expect(hex(cpu.mmu.readSfsr())).to.equal(hex(sfsr(1, 5, 2)));
      expect(cpu.mmu.translate(VA256K + 0x40, 4)).to.equal(-1);
      expect(hex(cpu.mmu.readSfsr())).to.equal(hex(sfsr(2, 4, 2)));
      expect(hex(cpu.mmu.sfar)).to.equal(hex(VA256K + 0x40));
    });
  });

  describe('invalid entries and the fault registers', () => {
    const cases: [string, number, number, number][] = [
      // [where, context, va, level]
      ['context table entry', 2, VA4K, 0],
      ['level-1 entry', 0, 0x05000000, 1],
      ['level-2 entry', 0, 0x00800000, 2],
      ['level-3 entry', 0, 0x00043000, 3],
    ];
    for (const [where, ctx, va, level] of cases) {
      it(`invalid ${where}: FT 1 with L = ${level}, SFAR = va`, () => {
        const cpu = machine();
        cpu.mmu.context = ctx;
        expect(cpu.mmu.translate(va + 0x24, 4)).to.equal(-1);
        expect([hex(cpu.mmu.sfsr), hex(cpu.mmu.sfar)]).to.deep.equal([hex(sfsr(level, 4, 1)), hex(va + 0x24)]);
      });
    }
    it('entry type 3 is a translation error (FT 4)', () => {
      const cpu = machine();
      cpu.mem.write32(L2A + 1 * 4, ptd(L3A) | 3);
      cpu.mmu.flushAll();
      expect(cpu.mmu.translate(VA4K, 1)).to.equal(-1);
      expect(hex(cpu.mmu.sfsr)).to.equal(hex(sfsr(2, 1, 4)));
    });
    it('a second fault before SFSR is read sets OW; reading SFSR (ASI 4, 0x300) clears it', () => {
      const cpu = machine();
      cpu.mmu.translate(0x05000000, 1);
      expect(cpu.mmu.sfsr & 1).to.equal(0);
      cpu.mmu.translate(0x05000010, 0);
      expect(hex(cpu.mmu.sfsr)).to.equal(hex(sfsr(1, 0, 1) | 1));
      expect(hex(cpu.mmu.sfar)).to.equal(hex(0x05000010));
      expect(hex(cpu.mmu.readReg(0x300))).to.equal(hex(sfsr(1, 0, 1) | 1));
      expect(cpu.mmu.readReg(0x300)).to.equal(0);
      cpu.mmu.translate(0x05000020, 1);
      expect(hex(cpu.mmu.sfsr)).to.equal(hex(sfsr(1, 1, 1)));
      expect(hex(cpu.mmu.readReg(0x400))).to.equal(hex(0x05000020));
    });
    it('probe (ASI 3, type 4 "entire") returns the PTE, or 0 when unmapped', () => {
      const cpu = machine();
      expect(hex(cpu.mmu.probe(VA4K | 0x400) & ~(R | M))).to.equal(hex(pte(PA4K, 1)));
      expect(hex(cpu.mmu.probe(VA256K | 0x400) & ~(R | M))).to.equal(hex(pte(PA256K, 1)));
      expect(cpu.mmu.probe(0x05000000 | 0x400)).to.equal(0);
    });
  });

  describe('TLB', () => {
    // translate() is the miss path (it always walks); the TLB is what the CPU's accesses consult.
    it('CPU: a stale translation survives a PTE change until flushPage', () => {
      const cpu = machine();
      cpu.mem.write32(PA4K + 4, 0x11111111);
      cpu.mem.write32(0x38004, 0x22222222);
      const prog = [A.ld(A.l(0), imm(4), A.l(1)), A.ta(0)];
      run(cpu, prog, { regs: { [A.l(0)]: VA4K } });
      cpu.mem.write32(PTE4K, pte(0x38000, 1));
      run(cpu, prog, { regs: { [A.l(0)]: VA4K } });
      expect(hex(cpu.getReg(A.l(1))), 'stale').to.equal(hex(0x11111111));
      cpu.mmu.flushPage(VA4K);
      run(cpu, prog, { regs: { [A.l(0)]: VA4K } });
      expect(hex(cpu.getReg(A.l(1))), 'after demap').to.equal(hex(0x22222222));
    });
    it('CPU: a removed mapping keeps working until flushAll (ASI 3 "entire" demap)', () => {
      const cpu = machine();
      cpu.mem.write32(PA256K + 0x100, 0x5151);
      const prog = [A.ld(A.l(0), imm(0x100), A.l(1)), A.ta(0)];
      run(cpu, prog, { regs: { [A.l(0)]: VA256K } });
      cpu.mem.write32(PTE256K, 0);
      let stop = run(cpu, prog, { regs: { [A.l(0)]: VA256K, [A.l(1)]: 0 } });
      expect(stop.trap).to.equal(0x80);
      expect(hex(cpu.getReg(A.l(1))), 'stale').to.equal(hex(0x5151));
      // demap entire: VA[11:8] = 4
      stop = run(cpu, [A.storeA('sta', 0, A.l(2), 0, 3), A.ld(A.l(0), imm(0x100), A.l(1)), A.ta(0)],
        { regs: { [A.l(0)]: VA256K, [A.l(2)]: 0x400 } });
      expectTrap(stop, 0x09, CODE + 4);
      expect([hex(stop.faultAddr), hex(stop.faultStatus & ~1)]).to.deep.equal([hex(VA256K + 0x100), hex(sfsr(2, 1, 1))]);
      cpu.mmu.flushAll();
      expect(cpu.mmu.translate(VA256K, 1)).to.equal(-1);
    });
    it('CPU: a permission downgrade (COW: RW → R) is only seen after demap', () => {
      const cpu = machine();
      const prog = [A.st(A.l(1), A.l(0), imm(0)), A.ta(0)];
      expect(run(cpu, prog, { regs: { [A.l(0)]: VA4K, [A.l(1)]: 1 } }).trap).to.equal(0x80);
      cpu.mem.write32(PTE4K, pte(PA4K, 0, R | M));
      expect(run(cpu, prog, { regs: { [A.l(0)]: VA4K, [A.l(1)]: 2 } }).trap, 'stale write permission').to.equal(0x80);
      expect(cpu.mem.read32(PA4K)).to.equal(2);
      cpu.mmu.flushPage(VA4K);
      const stop = run(cpu, prog, { regs: { [A.l(0)]: VA4K, [A.l(1)]: 3 } });
      expectTrap(stop, 0x09, CODE);
      expect(hex(stop.faultStatus & ~1)).to.equal(hex(sfsr(3, 1 + 4, 2)));
      expect(cpu.mem.read32(PA4K)).to.equal(2);
    });
    it('CPU: a stale TLB entry is used until `sta %g0, [va] 3` demaps the page', () => {
      const cpu = machine();
      cpu.mem.write32(PA4K, 0x11111111);
      cpu.mem.write32(0x38000, 0x22222222);
      const prog = [A.ld(A.l(0), imm(0), A.l(1)), A.ta(0)];
      run(cpu, prog, { regs: { [A.l(0)]: VA4K } });
      expect(hex(cpu.getReg(A.l(1)))).to.equal(hex(0x11111111));
      cpu.mem.write32(PTE4K, pte(0x38000, 1));
      run(cpu, prog, { regs: { [A.l(0)]: VA4K } });
      expect(hex(cpu.getReg(A.l(1))), 'stale').to.equal(hex(0x11111111));
      // flush (demap) page: ASI 3, VA[11:8] = 0
      run(cpu, [A.storeA('sta', 0, A.l(0), 0, 3), A.ld(A.l(0), imm(0), A.l(1)), A.ta(0)], { regs: { [A.l(0)]: VA4K } });
      expect(hex(cpu.getReg(A.l(1))), 'after demap').to.equal(hex(0x22222222));
    });
    it('supervisor permissions cached in the TLB do not leak into user mode', () => {
      const cpu = machine();
      // supervisor loads from an ACC 7 page (supervisor only), then drops to user mode and loads again
      const stop = run(cpu, [A.ld(A.l(0), imm(0), A.l(1)), A.wrpsr(0, imm(USER)), A.nop(), A.nop(), A.nop(),
        A.ld(A.l(0), imm(4), A.l(2)), A.ta(0)], { regs: { [A.l(0)]: 0x00046000, [A.l(2)]: 0x77 } });
      expectTrap(stop, 0x09, CODE + 20);
      expect([hex(stop.faultAddr), hex(stop.faultStatus)]).to.deep.equal([hex(0x00046004), hex(sfsr(3, 0, 3))]);
      expect(cpu.getReg(A.l(2))).to.equal(0x77);
    });
  });

  describe('contexts', () => {
    it('the same VA maps through each context\'s tables', () => {
      const cpu = machine();
      expect(hex(cpu.mmu.translate(VA4K, 1))).to.equal(hex(PA4K));
      cpu.mmu.context = 1;
      expect(hex(cpu.mmu.translate(VA4K, 1))).to.equal(hex(0x31000));
      cpu.mmu.context = 0;
      expect(hex(cpu.mmu.translate(VA4K, 1))).to.equal(hex(PA4K));
    });
    it('CPU: `sta` to ASI 4 register 0x200 switches context', () => {
      const cpu = machine();
      cpu.mem.write32(PA4K, 0xc0c0c0c0);
      cpu.mem.write32(0x31000, 0xc1c1c1c1);
      const stop = run(cpu, [A.ld(A.l(0), imm(0), A.l(1)), A.storeA('sta', A.l(4), A.l(3), 0, 4), A.ld(A.l(0), imm(0), A.l(2)),
        A.loadA('lda', A.l(3), 0, 4, A.l(5)), A.ta(0)], { regs: { [A.l(0)]: VA4K, [A.l(3)]: 0x200, [A.l(4)]: 1 } });
      expect(stop.trap).to.equal(0x80);
      expect([hex(cpu.getReg(A.l(1))), hex(cpu.getReg(A.l(2))), cpu.getReg(A.l(5))]).to.deep.equal([hex(0xc0c0c0c0), hex(0xc1c1c1c1), 1]);
      expect(cpu.mmu.context).to.equal(1);
    });
  });

  describe('CPU faults through the MMU', () => {
    it('supervisor load from an unmapped VA: data_access_exception, FT 1 at level 2', () => {
      const cpu = machine();
      const stop = run(cpu, [A.ld(A.l(0), imm(0x10), A.l(1)), A.ta(0)], { regs: { [A.l(0)]: 0x00800000, [A.l(1)]: 5 } });
      expectTrap(stop, 0x09, CODE, CODE + 4);
      expect([hex(stop.faultAddr), hex(stop.faultStatus)]).to.deep.equal([hex(0x00800010), hex(sfsr(2, 1, 1))]);
      expect(cpu.getReg(A.l(1))).to.equal(5);
    });
    it('user store to an ACC 5 page: protection error (FT 2, AT 4), memory unchanged; supervisor may store', () => {
      const cpu = machine();
      cpu.mem.write32(0x32000, 0x1234);
      let stop = run(cpu, [A.ld(A.l(0), imm(0), A.l(2)), A.st(A.l(1), A.l(0), imm(0)), A.ta(0)],
        { psr: USER, regs: { [A.l(0)]: 0x00044000, [A.l(1)]: 0xbad } });
      expectTrap(stop, 0x09, CODE + 4);
      expect([hex(stop.faultAddr), hex(stop.faultStatus & ~1)]).to.deep.equal([hex(0x00044000), hex(sfsr(3, 4, 2))]);
      expect(hex(cpu.getReg(A.l(2)))).to.equal(hex(0x1234));
      expect(hex(cpu.mem.read32(0x32000))).to.equal(hex(0x1234));
      cpu.mmu.flushAll();
      stop = run(cpu, [A.st(A.l(1), A.l(0), imm(0)), A.ta(0)], { psr: SUPER, regs: { [A.l(0)]: 0x00044000, [A.l(1)]: 0x600d } });
      expect(stop.trap).to.equal(0x80);
      expect(hex(cpu.mem.read32(0x32000))).to.equal(hex(0x600d));
    });
    it('user load from an ACC 6 page: privilege violation (FT 3, AT 0)', () => {
      const cpu = machine();
      const stop = run(cpu, [A.load('ldub', A.l(0), imm(3), A.l(1)), A.ta(0)], { psr: USER, regs: { [A.l(0)]: 0x00045000 } });
      expectTrap(stop, 0x09, CODE);
      expect([hex(stop.faultAddr), hex(stop.faultStatus & ~1)]).to.deep.equal([hex(0x00045003), hex(sfsr(3, 0, 3))]);
    });
    it('a store that faults does not set M; ldstub/swap check write permission', () => {
      const cpu = machine();
      for (const w of [A.load('ldstub', A.l(0), imm(0), A.l(1)), A.load('swap', A.l(0), imm(0), A.l(1))]) {
        cpu.mmu.flushAll();
        const stop = run(cpu, [w, A.ta(0)], { psr: USER, regs: { [A.l(0)]: 0x00044000, [A.l(1)]: 9 } });
        expectTrap(stop, 0x09, CODE);
        expect(stop.faultStatus & 0x1c).to.equal(2 << 2);
        expect(cpu.getReg(A.l(1))).to.equal(9);
        expect(cpu.mem.read32(L3A + 4 * 4) & M).to.equal(0);
      }
    });
    it('fetch from an unmapped VA: instruction_access_exception at the target, FT 1 L 3', () => {
      const cpu = machine();
      const stop = run(cpu, [A.jmpl(A.l(0), imm(0), 0), A.nop()], { regs: { [A.l(0)]: 0x00043000 } });
      expectTrap(stop, 0x01, 0x00043000, 0x00043004);
      expect([hex(stop.faultAddr), hex(stop.faultStatus & ~1)]).to.deep.equal([hex(0x00043000), hex(sfsr(3, 3, 1))]);
      expect(stop.executed).to.equal(2);
    });
    it('fetch from a non-executable page: FT 2 (user, AT 2)', () => {
      const cpu = machine();
      const stop = run(cpu, [A.jmpl(A.l(0), imm(8), 0), A.nop()], { psr: USER, regs: { [A.l(0)]: 0x00047000 } });
      expectTrap(stop, 0x01, 0x00047008);
      expect([hex(stop.faultAddr), hex(stop.faultStatus & ~1)]).to.deep.equal([hex(0x00047008), hex(sfsr(3, 2, 2))]);
    });
    it('code runs from a mapped page at a different VA (16 MiB region)', () => {
      const cpu = machine();
      // VA16M + 0x2000 = PA 0x2000
      cpu.mem.write32(0x2000, A.add(0, imm(3), 1));
      cpu.mem.write32(0x2004, A.ta(0x11));
      prepare(cpu, [A.nop()], { regs: { 1: 0 } });
      cpu.pc = VA16M + 0x2000; cpu.npc = VA16M + 0x2004;
      const stop = runFor(cpu, 10);
      expectTrap(stop, 0x91, VA16M + 0x2004);
      expect(cpu.getReg(1)).to.equal(3);
    });
    it('supervisor access through ASI 0xA (user data) gets user permissions', () => {
      const cpu = machine();
      const stop = run(cpu, [A.loadA('lda', A.l(0), 0, 0x0b, A.l(1)), A.loadA('lda', A.l(0), 0, 0x0a, A.l(2)), A.ta(0)],
        { regs: { [A.l(0)]: 0x00046000, [A.l(2)]: 0x77 } });
      expectTrap(stop, 0x09, CODE + 4);
      expect([hex(stop.faultAddr), hex(stop.faultStatus & ~1)]).to.deep.equal([hex(0x00046000), hex(sfsr(3, 0, 3))]);
      expect(cpu.getReg(A.l(2))).to.equal(0x77);
    });
    it('ASI 0x20 bypasses translation; ASI 0xB translates as a supervisor data access', () => {
      const cpu = machine();
      cpu.mem.write32(PA4K, 0xbbbb);
      // PA4K used as a VA is unmapped (L3CODE covers only VA 0..0xffff)
      const stop = run(cpu, [A.loadA('lda', A.l(0), 0, 0x20, A.l(1)), A.loadA('lda', A.l(2), 0, 0x0b, A.l(3)),
        A.storeA('sta', A.l(4), A.l(0), 0, 0x20), A.ld(A.l(0), imm(0), A.l(5)), A.ta(0)],
        { regs: { [A.l(0)]: PA4K, [A.l(2)]: VA4K, [A.l(4)]: 0xcccc, [A.l(5)]: 7 } });
      expectTrap(stop, 0x09, CODE + 12);
      expect([hex(cpu.getReg(A.l(1))), hex(cpu.getReg(A.l(3))), cpu.getReg(A.l(5))]).to.deep.equal([hex(0xbbbb), hex(0xbbbb), 7]);
      expect(hex(cpu.mem.read32(PA4K))).to.equal(hex(0xcccc));
      expect(hex(stop.faultAddr)).to.equal(hex(PA4K));
    });
  });
});
