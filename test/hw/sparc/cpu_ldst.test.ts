/*
 * test/hw/sparc/cpu_ldst.test.ts — SPARC V8 loads and stores with the MMU off: every width with
 * sign/zero extension, big-endian byte placement, alignment traps, LDD/STD register pairs, LDSTUB
 * and SWAP, alternate-space forms (privileged in user mode, i = 1 illegal, ASI 0x20 bypass and the
 * 0x8–0xB user/supervisor spaces), FLUSH, and accesses beyond physical memory. MMU-translated
 * accesses are in srmmu.test.ts.
 */

import { expect } from 'chai';
import * as A from './asm.ts';
import { imm, type MemName } from './asm.ts';
import { BUDGET, CODE, DATA, SUPER, USER, expectTrap, hex, newCpu, run, runOne } from './harness.ts';
import type { SparcCpu } from '../../../hw/sparc/cpu.ts';

const BASE = A.l(0), RD = A.l(2);
const PATTERN = [0x80, 0x7f, 0xff, 0x01, 0x80, 0x00, 0x7f, 0xff, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67];

function fill(cpu: SparcCpu): void {
  for (let k = 0; k < 64; k++) cpu.mem.write8(DATA + k, PATTERN[k % 16]);
}

function bytes(cpu: SparcCpu, addr: number, n: number): string {
  return Array.from(cpu.mem.bytes.subarray(addr, addr + n), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Load `name [BASE + off], RD` and return RD (or the stop when it traps). */
function loadAt(cpu: SparcCpu, name: MemName, off: number, psr = SUPER) {
  const stop = runOne(cpu, A.load(name, BASE, imm(off), RD), { psr, regs: { [BASE]: DATA, [RD]: 0xcccccccc } });
  return { stop, rd: hex(cpu.getReg(RD)) };
}

describe('hw/sparc/cpu loads and stores', () => {
  describe('widths and extension', () => {
    const cases: [MemName, number, number][] = [
      ['ld', 0, 0x807fff01], ['ld', 4, 0x80007fff], ['ld', 8, 0xdeadbeef],
      ['ldub', 0, 0x80], ['ldub', 1, 0x7f], ['ldub', 2, 0xff], ['ldub', 3, 0x01],
      ['ldsb', 0, 0xffffff80], ['ldsb', 1, 0x7f], ['ldsb', 2, 0xffffffff], ['ldsb', 3, 0x01],
      ['lduh', 0, 0x807f], ['lduh', 2, 0xff01], ['lduh', 6, 0x7fff], ['lduh', 4, 0x8000],
      ['ldsh', 0, 0xffff807f], ['ldsh', 2, 0xffffff01], ['ldsh', 6, 0x7fff], ['ldsh', 4, 0xffff8000],
    ];
    for (const [name, off, want] of cases) {
      it(`${name} [DATA + ${off}] = ${hex(want)}`, () => {
        const cpu = newCpu();
        fill(cpu);
        const r = loadAt(cpu, name, off);
        expect(r.stop.reason).to.equal(BUDGET);
        expect(r.rd).to.equal(hex(want));
      });
    }
    it('stores write only their width, big-endian', () => {
      const cpu = newCpu();
      const v = 0x12345678;
      run(cpu, [A.store('stb', RD, BASE, imm(1)), A.store('sth', RD, BASE, imm(6)), A.st(RD, BASE, imm(8)), A.ta(0)],
        { regs: { [BASE]: DATA, [RD]: v } });
      expect(bytes(cpu, DATA, 12)).to.equal('007800000000567812345678');
    });
    it('register + register and negative immediate addressing', () => {
      const cpu = newCpu();
      fill(cpu);
      run(cpu, [A.ld(BASE, A.l(1), RD), A.ld(A.l(3), imm(-8), A.l(4)), A.ta(0)],
        { regs: { [BASE]: DATA - 0x100, [A.l(1)]: 0x108, [A.l(3)]: DATA + 16 } });
      expect(hex(cpu.getReg(RD))).to.equal(hex(0xdeadbeef));
      expect(hex(cpu.getReg(A.l(4)))).to.equal(hex(0xdeadbeef));
    });
    it('a load into %g0 is discarded; st %g0 stores zero', () => {
      const cpu = newCpu();
      fill(cpu);
      run(cpu, [A.ld(BASE, imm(0), 0), A.st(0, BASE, imm(8)), A.ta(0)], { regs: { [BASE]: DATA } });
      expect(cpu.getReg(0)).to.equal(0);
      expect(cpu.mem.read32(DATA + 8)).to.equal(0);
    });
  });

  describe('alignment (mem_address_not_aligned 0x07)', () => {
    const bad: [MemName, number][] = [
      ['ld', 1], ['ld', 2], ['ld', 3], ['st', 2], ['lduh', 1], ['ldsh', 3], ['sth', 1],
      ['ldd', 4], ['ldd', 2], ['std', 4], ['std', 1], ['swap', 2],
    ];
    for (const [name, off] of bad) {
      it(`${name} at DATA + ${off} traps with rd and memory unchanged`, () => {
        const cpu = newCpu();
        fill(cpu);
        const before = bytes(cpu, DATA, 16);
        const stop = runOne(cpu, A.load(name, BASE, imm(off), RD), { regs: { [BASE]: DATA, [RD]: 0x11, [RD + 1]: 0x22 } });
        expectTrap(stop, 0x07, CODE, CODE + 4);
        expect([cpu.getReg(RD), cpu.getReg(RD + 1)]).to.deep.equal([0x11, 0x22]);
        expect(bytes(cpu, DATA, 16)).to.equal(before);
      });
    }
    it('ldub/ldsb/stb/ldstub accept any byte address', () => {
      const cpu = newCpu();
      fill(cpu);
      for (const name of ['ldub', 'ldsb', 'stb', 'ldstub'] as MemName[]) {
        for (let off = 0; off < 4; off++) expect(loadAt(cpu, name, off).stop.reason, `${name} +${off}`).to.equal(BUDGET);
      }
    });
  });

  describe('LDD / STD', () => {
    it('ldd loads the pair rd (word at addr) and rd + 1 (word at addr + 4)', () => {
      const cpu = newCpu();
      fill(cpu);
      const stop = run(cpu, [A.load('ldd', BASE, imm(8), A.l(4)), A.ta(0)], { regs: { [BASE]: DATA } });
      expect(stop.trap).to.equal(0x80);
      expect([hex(cpu.getReg(A.l(4))), hex(cpu.getReg(A.l(5)))]).to.deep.equal([hex(0xdeadbeef), hex(0x01234567)]);
    });
    it('std stores rd then rd + 1', () => {
      const cpu = newCpu();
      run(cpu, [A.store('std', A.o(2), BASE, imm(8)), A.ta(0)], { regs: { [BASE]: DATA, [A.o(2)]: 0xcafef00d, [A.o(3)]: 0x8badf00d } });
      expect(bytes(cpu, DATA + 8, 8)).to.equal('cafef00d8badf00d');
    });
    it('ldd into %g0 only writes %g1; std %g0 stores 0 and %g1', () => {
      const cpu = newCpu();
      fill(cpu);
      run(cpu, [A.load('ldd', BASE, imm(8), 0), A.store('std', 0, BASE, imm(16)), A.ta(0)], { regs: { [BASE]: DATA } });
      expect([cpu.getReg(0), hex(cpu.getReg(1))]).to.deep.equal([0, hex(0x01234567)]);
      expect(bytes(cpu, DATA + 16, 8)).to.equal('0000000001234567');
    });
    for (const name of ['ldd', 'std'] as MemName[]) {
      it(`${name} with an odd rd is illegal_instruction (0x02), even when misaligned too`, () => {
        const cpu = newCpu();
        fill(cpu);
        const before = bytes(cpu, DATA, 16);
        expectTrap(runOne(cpu, A.load(name, BASE, imm(0), A.l(3)), { regs: { [BASE]: DATA, [A.l(3)]: 5 } }), 0x02, CODE);
        expectTrap(runOne(cpu, A.load(name, BASE, imm(4), A.l(3)), { regs: { [BASE]: DATA, [A.l(3)]: 5 } }), 0x02, CODE);
        expect(cpu.getReg(A.l(3))).to.equal(5);
        expect(bytes(cpu, DATA, 16)).to.equal(before);
      });
    }
  });

  describe('LDSTUB / SWAP', () => {
    it('ldstub returns the byte (zero-extended) and sets it to 0xff', () => {
      const cpu = newCpu();
      fill(cpu);
      run(cpu, [A.load('ldstub', BASE, imm(1), RD), A.load('ldstub', BASE, imm(1), A.l(3)), A.load('ldstub', BASE, imm(0), A.l(4)), A.ta(0)],
        { regs: { [BASE]: DATA } });
      expect([hex(cpu.getReg(RD)), hex(cpu.getReg(A.l(3))), hex(cpu.getReg(A.l(4)))]).to.deep.equal([hex(0x7f), hex(0xff), hex(0x80)]);
      expect(bytes(cpu, DATA, 4)).to.equal('ffffff01');
    });
    it('swap exchanges rd with the memory word', () => {
      const cpu = newCpu();
      fill(cpu);
      run(cpu, [A.load('swap', BASE, imm(8), RD), A.ta(0)], { regs: { [BASE]: DATA, [RD]: 0x11223344 } });
      expect(hex(cpu.getReg(RD))).to.equal(hex(0xdeadbeef));
      expect(hex(cpu.mem.read32(DATA + 8))).to.equal(hex(0x11223344));
    });
    it('swap with rd = %g0 stores 0 and discards the old value', () => {
      const cpu = newCpu();
      fill(cpu);
      run(cpu, [A.load('swap', BASE, imm(8), 0), A.ta(0)], { regs: { [BASE]: DATA } });
      expect(cpu.mem.read32(DATA + 8)).to.equal(0);
      expect(cpu.getReg(0)).to.equal(0);
    });
  });

  describe('alternate space', () => {
    const ALT: MemName[] = ['lda', 'lduba', 'lduha', 'ldda', 'sta', 'stba', 'stha', 'stda', 'ldsba', 'ldsha', 'ldstuba', 'swapa'];
    for (const name of ALT) {
      it(`${name} is privileged in user mode (0x03); nothing changes`, () => {
        const cpu = newCpu();
        fill(cpu);
        const before = bytes(cpu, DATA, 16);
        const stop = runOne(cpu, A.loadA(name, BASE, 0, 0x0a, RD), { psr: USER, regs: { [BASE]: DATA, [RD]: 0x11, [RD + 1]: 0x22 } });
        expectTrap(stop, 0x03, CODE, CODE + 4);
        expect([cpu.getReg(RD), cpu.getReg(RD + 1)]).to.deep.equal([0x11, 0x22]);
        expect(bytes(cpu, DATA, 16)).to.equal(before);
      });
      it(`${name} with i = 1 is illegal_instruction (0x02) in supervisor mode`, () => {
        const cpu = newCpu();
        fill(cpu);
        const stop = runOne(cpu, A.f3i(3, A.OP3_MEM[name], RD, BASE, 0), { regs: { [BASE]: DATA, [RD]: 0x11 } });
        expectTrap(stop, 0x02, CODE);
        expect(cpu.getReg(RD)).to.equal(0x11);
      });
    }
    it('ASI 0x20 (MMU bypass) reads and writes physical memory, every width', () => {
      const cpu = newCpu();
      fill(cpu);
      const stop = run(cpu, [
        A.loadA('lda', BASE, 0, 0x20, A.l(1)), A.loadA('ldsba', BASE, 0, 0x20, A.l(3)), A.loadA('lduba', BASE, 0, 0x20, A.l(4)),
        A.loadA('ldsha', BASE, A.l(5), 0x20, A.l(6)), A.loadA('lduha', BASE, A.l(5), 0x20, A.l(7)),
        A.loadA('ldda', BASE, A.i(3), 0x20, A.o(2)),
        A.storeA('sta', A.i(0), A.i(1), 0, 0x20), A.storeA('stha', A.i(0), A.i(1), A.l(5), 0x20),
        A.storeA('stba', A.i(0), A.i(1), A.i(2), 0x20), A.storeA('stda', A.i(4), A.i(1), A.i(3), 0x20),
        A.ta(0)], { regs: { [BASE]: DATA, [A.l(5)]: 4, [A.i(0)]: 0xa1b2c3d4, [A.i(1)]: DATA + 32, [A.i(2)]: 7, [A.i(3)]: 8,
        [A.i(4)]: 0x01020304, [A.i(5)]: 0x05060708 } });
      expect(stop.trap).to.equal(0x80);
      expect([cpu.getReg(A.l(1)), cpu.getReg(A.l(3)), cpu.getReg(A.l(4)), cpu.getReg(A.l(6)), cpu.getReg(A.l(7))].map(hex))
        .to.deep.equal([0x807fff01, 0xffffff80, 0x80, 0xffff8000, 0x8000].map(hex));
      expect([hex(cpu.getReg(A.o(2))), hex(cpu.getReg(A.o(3)))]).to.deep.equal([hex(0xdeadbeef), hex(0x01234567)]);
      // DATA + 38 keeps the fill pattern's 0x7f
      expect(bytes(cpu, DATA + 32, 16)).to.equal('a1b2c3d4' + 'c3d4' + '7f' + 'd4' + '0102030405060708');
    });
    it('ASIs 0xA / 0xB (user / supervisor data) with the MMU off access memory directly', () => {
      const cpu = newCpu();
      fill(cpu);
      run(cpu, [A.loadA('lda', BASE, 0, 0x0a, A.l(1)), A.loadA('lda', BASE, 0, 0x0b, A.l(3)),
        A.storeA('sta', A.l(1), BASE, A.l(5), 0x0b), A.ta(0)], { regs: { [BASE]: DATA, [A.l(5)]: 8 } });
      expect([hex(cpu.getReg(A.l(1))), hex(cpu.getReg(A.l(3)))]).to.deep.equal([hex(0x807fff01), hex(0x807fff01)]);
      expect(hex(cpu.mem.read32(DATA + 8))).to.equal(hex(0x807fff01));
    });
    it('ldda / stda with an odd rd are illegal_instruction (0x02)', () => {
      const cpu = newCpu();
      fill(cpu);
      expectTrap(runOne(cpu, A.loadA('ldda', BASE, 0, 0x20, A.l(3)), { regs: { [BASE]: DATA, [A.l(3)]: 5 } }), 0x02, CODE);
      expectTrap(runOne(cpu, A.storeA('stda', A.l(3), BASE, 0, 0x20), { regs: { [BASE]: DATA } }), 0x02, CODE);
      expect(cpu.getReg(A.l(3))).to.equal(5);
      expect(cpu.mem.read32(DATA)).to.equal(0x807fff01);
    });
    it('alternate loads are alignment-checked', () => {
      const cpu = newCpu();
      expectTrap(runOne(cpu, A.loadA('lda', BASE, A.l(5), 0x20, RD), { regs: { [BASE]: DATA, [A.l(5)]: 2 } }), 0x07, CODE);
      expectTrap(runOne(cpu, A.loadA('ldda', BASE, A.l(5), 0x20, RD), { regs: { [BASE]: DATA, [A.l(5)]: 4 } }), 0x07, CODE);
    });
  });

  describe('FLUSH', () => {
    it('is a no-op that does not trap, in supervisor and user mode', () => {
      for (const psr of [SUPER, USER]) {
        const cpu = newCpu();
        const stop = run(cpu, [A.flush(BASE, imm(0)), A.flush(BASE, A.l(1)), A.add(1, imm(1), 1), A.ta(0)],
          { psr, regs: { [BASE]: CODE, [A.l(1)]: 8, 1: 0 } });
        expect(stop.trap).to.equal(0x80);
        expect([stop.executed, cpu.getReg(1)]).to.deep.equal([3, 1]);
      }
    });
    it('store + flush makes modified code visible (self-modifying code)', () => {
      const cpu = newCpu();
      // 0x1000 st %l1, [%l0] (l0 = 0x1010) / 0x1004 flush %l0 / 0x1008 nop / 0x100c nop / 0x1010 ta 1 (→ ta 7)
      const prog = [A.st(A.l(1), BASE, imm(0)), A.flush(BASE, imm(0)), A.nop(), A.nop(), A.ta(1)];
      // execute once first so that any decoded-instruction cache has seen the old word
      expectTrap(run(cpu, [A.ba(0x10), A.nop(), A.nop(), A.nop(), A.ta(1)]), 0x81, CODE + 0x10);
      const stop = run(cpu, prog, { regs: { [BASE]: CODE + 0x10, [A.l(1)]: A.ta(7) } });
      expectTrap(stop, 0x87, CODE + 0x10);
    });
  });

  describe('beyond physical memory (MMU off): SRMMU access bus error (SFSR.FT = 5)', () => {
    // SFSR: L [9:8], AT [7:5], FT [4:2], FAV bit 1
    const sfsr = (at: number, ft: number): number => (at << 5) | (ft << 2) | 2;
    it('a supervisor load is data_access_exception (0x09) with FT 5, AT 1, SFAR = address; rd unchanged', () => {
      const cpu = newCpu();
      const stop = runOne(cpu, A.ld(BASE, imm(4), RD), { regs: { [BASE]: 0x100000, [RD]: 3 } });
      expectTrap(stop, 0x09, CODE);
      expect([hex(stop.faultAddr), hex(stop.faultStatus)]).to.deep.equal([hex(0x100004), hex(sfsr(1, 5))]);
      expect(cpu.getReg(RD)).to.equal(3);
    });
    it('a user store is data_access_exception with AT 4', () => {
      const cpu = newCpu();
      const stop = runOne(cpu, A.st(RD, BASE, imm(0)), { psr: USER, regs: { [BASE]: 0x200000 } });
      expectTrap(stop, 0x09, CODE);
      expect([hex(stop.faultAddr), hex(stop.faultStatus)]).to.deep.equal([hex(0x200000), hex(sfsr(4, 5))]);
    });
    it('fetching beyond memory is instruction_access_exception (0x01) with AT 3 at the target', () => {
      const cpu = newCpu();
      const stop = run(cpu, [A.jmpl(BASE, imm(0), 0), A.nop()], { regs: { [BASE]: 0x100000 } });
      expectTrap(stop, 0x01, 0x100000, 0x100004);
      expect([hex(stop.faultAddr), hex(stop.faultStatus)]).to.deep.equal([hex(0x100000), hex(sfsr(3, 5))]);
      expect(stop.executed).to.equal(2);
    });
  });
});
