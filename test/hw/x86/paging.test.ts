/*
 * test/hw/x86/paging.test.ts — hw/x86/paging.ts through the CPU: two-level walks, U/S and R/W with
 * CR0.WP, #PF error codes and CR2, A/D bits written back, TLB staleness until invlpg or a CR3
 * load, page-crossing accesses that fault on the second page without a partial write.
 */
import { expect } from 'chai';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { X86Cpu } from '../../../hw/x86/cpu.ts';
import { CR0_PG, CR0_WP, CR0_PE, PTE_A, PTE_D, PTE_P, PTE_RW, PTE_US } from '../../../hw/x86/paging.ts';
import { VEC_PF, VEC_BP } from '../../../hw/x86/trap_types.ts';

const PD = 0x10000, PT = 0x11000;
const U = PTE_P | PTE_US, URW = U | PTE_RW;

/** A CPU with paging on: linear page n → physical frame frames[n], flags per page. */
function setup(cpl: number, pages: Record<number, [number, number]>, wp = true): X86Cpu {
  const cpu = new X86Cpu(new PhysMem(0x100000, true));
  cpu.set_flat(cpl);
  cpu.eflags = 0x202;
  cpu.mem.write32(PD, PT | PTE_P | PTE_RW | PTE_US);
  for (const [lpn, [frame, flags]] of Object.entries(pages)) cpu.mem.write32(PT + 4 * Number(lpn), frame | flags);
  cpu.cr3 = PD;
  cpu.cr0 = CR0_PE | CR0_PG | (wp ? CR0_WP : 0);
  return cpu;
}
/** Code at linear page 1 (frame 0x20000), data at page 2.. */
function prog(cpu: X86Cpu, code: number[]): void {
  cpu.mem.bytes.set(code, 0x20000);
  cpu.eip = 0x1000;
}

describe('hw/x86/paging', () => {
  it('translates through PD and PT and sets A, and D on a write', () => {
    const cpu = setup(3, { 1: [0x20000, U], 2: [0x30000, URW] });
    prog(cpu, [0x8b, 0x03, 0x89, 0x43, 0x04, 0xcc]); // mov (%ebx),%eax; mov %eax,4(%ebx)
    cpu.mem.write32(0x30000, 0x12345678);
    cpu.regs[3] = 0x2000;
    const s = cpu.run(10);
    expect(s.trap).to.equal(VEC_BP);
    expect(cpu.mem.read32(0x30004)).to.equal(0x12345678);
    expect(cpu.mem.read32(PT + 8) & (PTE_A | PTE_D)).to.equal(PTE_A | PTE_D);
    expect(cpu.mem.read32(PT + 4) & (PTE_A | PTE_D)).to.equal(PTE_A);
    expect(cpu.mem.read32(PD) & PTE_A).to.equal(PTE_A);
  });
  it('#PF error codes: not present, user on supervisor page, write to read-only', () => {
    const cases: [number, number, number[], number][] = [
      [3, 0, [0x8b, 0x03], 4],            // read, not present, user
      [3, 0, [0x89, 0x03], 6],            // write, not present, user
      [3, PTE_P | PTE_RW, [0x8b, 0x03], 5],   // user read of a supervisor page
      [3, U, [0x89, 0x03], 7],            // user write to a read-only page
      [0, PTE_P, [0x89, 0x03], 3],        // supervisor write, WP = 1
    ];
    for (const [cpl, flags, code, err] of cases) {
      const cpu = setup(cpl, { 1: [0x20000, U], 2: [0x30000, flags] });
      prog(cpu, code);
      cpu.regs[3] = 0x2010;
      const s = cpu.run(10);
      expect([s.trap, s.faultStatus, s.faultAddr, s.pc], `cpl ${cpl} flags ${flags}`).to.deep.equal([VEC_PF, err, 0x2010, 0x1000]);
      expect(cpu.cr2).to.equal(0x2010);
    }
  });
  it('CR0.WP = 0 lets the supervisor write a read-only page', () => {
    const cpu = setup(0, { 1: [0x20000, U], 2: [0x30000, PTE_P] }, false);
    prog(cpu, [0x89, 0x03, 0xcc]);
    cpu.regs[3] = 0x2000; cpu.regs[0] = 9;
    expect(cpu.run(10).trap).to.equal(VEC_BP);
    expect(cpu.mem.read32(0x30000)).to.equal(9);
  });
  it('the TLB keeps a stale translation until invlpg; a CR3 load flushes it', () => {
    const cpu = setup(0, { 1: [0x20000, U], 2: [0x30000, URW] });
    cpu.mem.write32(0x30000, 1); cpu.mem.write32(0x40000, 2);
    // mov (%ebx),%eax ; int3 ; mov (%ebx),%ecx ; int3 ; invlpg (%ebx) ; mov (%ebx),%edx ; int3
    prog(cpu, [0x8b, 0x03, 0xcc, 0x8b, 0x0b, 0xcc, 0x0f, 0x01, 0x3b, 0x8b, 0x13, 0xcc]);
    cpu.regs[3] = 0x2000;
    cpu.run(10);
    cpu.mem.write32(PT + 8, 0x40000 | URW);   // remap without flushing
    cpu.run(10);
    expect(cpu.regs[1]).to.equal(1);          // stale
    cpu.run(10);
    expect(cpu.regs[2]).to.equal(2);          // after invlpg
    cpu.mem.write32(PT + 8, 0x30000 | URW);
    cpu.cr3 = PD;                             // flush all
    cpu.eip = 0x1000; cpu.run(10);
    expect(cpu.regs[0]).to.equal(1);
  });
  it('a write crossing into a read-only page faults with no partial write', () => {
    const cpu = setup(3, { 1: [0x20000, U], 2: [0x30000, URW], 3: [0x40000, U] });
    prog(cpu, [0x89, 0x03]);
    cpu.regs[3] = 0x2ffe; cpu.regs[0] = -1;
    const s = cpu.run(10);
    expect([s.trap, s.faultStatus, s.faultAddr]).to.deep.equal([VEC_PF, 7, 0x3000]);
    expect(cpu.mem.read16(0x30ffe)).to.equal(0);
  });
  it('an instruction fetch from an unmapped page faults with the fetch address', () => {
    const cpu = setup(3, { 1: [0x20000, U] });
    cpu.mem.bytes.set([0x90, 0x90], 0x20ffe);
    cpu.eip = 0x1ffe;
    const s = cpu.run(10);
    expect([s.trap, s.faultStatus, s.faultAddr, s.pc, s.executed]).to.deep.equal([VEC_PF, 4, 0x2000, 0x2000, 2]);
  });
  it('a push that faults on a not-present stack page leaves ESP as it was', () => {
    const cpu = setup(3, { 1: [0x20000, U] });
    prog(cpu, [0x6a, 0x05]);
    cpu.regs[4] = 0x3000;
    const s = cpu.run(10);
    expect([s.trap, s.faultStatus, s.faultAddr]).to.deep.equal([VEC_PF, 6, 0x2ffc]);
    expect(cpu.regs[4]).to.equal(0x3000);
  });
});
