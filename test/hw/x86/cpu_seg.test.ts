/*
 * test/hw/x86/cpu_seg.test.ts — segment registers as Solaris i386 uses %gs for the thread pointer:
 * descriptor loads from a GDT in memory (base, limit, granularity, accessed bit), %gs: overrides,
 * limit #GP, null-selector #GP, not-present #NP, privilege checks.
 */
import { expect } from 'chai';
import { newCpu, run } from './harness.ts';
import { GS } from '../../../hw/x86/cpu.ts';
import { VEC_BP, VEC_GP, VEC_NP } from '../../../hw/x86/trap_types.ts';

const GDT = 0x9000;
/** A data descriptor: base, limit (bytes or 4K pages with g), dpl, present. */
function desc(base: number, limit: number, dpl = 3, g = false, present = true): [number, number] {
  const lo = ((base & 0xffff) << 16) | (limit & 0xffff);
  const hi = (base & 0xff000000) | ((base >>> 16) & 0xff) | (limit & 0xf0000) | (g ? 0x800000 : 0) | 0x400000 |
    (present ? 0x8000 : 0) | (dpl << 13) | 0x1200; // S=1, type data read/write
  return [lo >>> 0, hi >>> 0];
}
function cpuWithGdt(entries: [number, number][]) {
  const cpu = newCpu();
  entries.forEach(([lo, hi], k) => { cpu.mem.write32(GDT + 8 * k, lo); cpu.mem.write32(GDT + 8 * k + 4, hi); });
  cpu.gdtBase = GDT; cpu.gdtLimit = 8 * entries.length - 1;
  return cpu;
}

describe('hw/x86/cpu segments', () => {
  it('mov %ax,%gs loads base/limit from the GDT; %gs:0 reads at the base', () => {
    const cpu = cpuWithGdt([[0, 0], desc(0, 0xfffff, 3, true), desc(0x8100, 0xfff, 3)]);
    cpu.mem.write32(0x8104, 0xdeadbeef);
    // mov $0x13,%eax; mov %eax,%gs; mov %gs:4,%ecx; mov %gs,%edx; int3
    const s = run(cpu, [0xb8, 0x13, 0, 0, 0, 0x8e, 0xe8, 0x65, 0x8b, 0x0d, 4, 0, 0, 0, 0x8c, 0xea, 0xcc]);
    expect(s.trap).to.equal(VEC_BP);
    expect(cpu.regs[1] >>> 0).to.equal(0xdeadbeef);
    expect(cpu.regs[2]).to.equal(0x13);
    expect([cpu.segBase[GS], cpu.segLimit[GS]]).to.deep.equal([0x8100, 0xfff]);
    expect(cpu.mem.read8(GDT + 16 + 5) & 1).to.equal(1); // accessed
  });
  it('an access beyond the limit is #GP(0); a null selector loads but faults on use', () => {
    const cpu = cpuWithGdt([[0, 0], desc(0x8100, 0xf, 3)]);
    let s = run(cpu, [0xb8, 0x0b, 0, 0, 0, 0x8e, 0xe8, 0x65, 0x8b, 0x0d, 0x0d, 0, 0, 0]); // %gs:13, 4 bytes, limit 15
    expect([s.trap, s.faultStatus, s.pc]).to.deep.equal([VEC_GP, 0, 0x1007]);
    s = run(cpu, [0x31, 0xc0, 0x8e, 0xe8, 0x65, 0x8b, 0x0d, 0, 0, 0, 0]);
    expect([s.trap, s.pc]).to.deep.equal([VEC_GP, 0x1004]);
  });
  it('not present is #NP(sel), DPL < CPL and a selector past the GDT limit are #GP(sel)', () => {
    const cpu = cpuWithGdt([[0, 0], desc(0, 0xfff, 3, false, false), desc(0, 0xfff, 0)]);
    let s = run(cpu, [0xb8, 0x0b, 0, 0, 0, 0x8e, 0xe8]);
    expect([s.trap, s.faultStatus, s.pc]).to.deep.equal([VEC_NP, 0x08, 0x1005]);
    s = run(cpu, [0xb8, 0x13, 0, 0, 0, 0x8e, 0xe8]);
    expect([s.trap, s.faultStatus]).to.deep.equal([VEC_GP, 0x10]);
    s = run(cpu, [0xb8, 0x23, 0, 0, 0, 0x8e, 0xe8]);
    expect([s.trap, s.faultStatus]).to.deep.equal([VEC_GP, 0x20]);
  });
  it('descriptor reads are supervisor accesses and do not open the GDT page to CPL 3', async () => {
    const { PhysMem } = await import('../../../hw/mem/phys_mem.ts');
    const { X86Cpu } = await import('../../../hw/x86/cpu.ts');
    const cpu = new X86Cpu(new PhysMem(0x100000, true));
    cpu.set_flat(3); cpu.eflags = 0x202;
    // identity-map pages 0..15; the GDT page (9) is supervisor-only
    cpu.mem.write32(0x10000, 0x11000 | 7);
    for (let p = 0; p < 16; p++) cpu.mem.write32(0x11000 + 4 * p, (p << 12) | (p === 9 ? 3 : 7));
    const [lo, hi] = desc(0x8100, 0xfff, 3);
    cpu.mem.write32(GDT + 8, lo); cpu.mem.write32(GDT + 12, hi);
    cpu.gdtBase = GDT; cpu.gdtLimit = 15;
    cpu.cr3 = 0x10000; cpu.cr0 = 0x80010001;
    // mov $0xb,%eax; mov %eax,%gs; mov 0x9000,%ecx (a user read of the GDT page)
    const s = run(cpu, [0xb8, 0x0b, 0, 0, 0, 0x8e, 0xe8, 0x8b, 0x0d, 0x00, 0x90, 0, 0]);
    expect([s.trap, s.pc, s.faultStatus, s.faultAddr]).to.deep.equal([14, 0x1007, 5, 0x9000]);
    expect(cpu.segBase[GS]).to.equal(0x8100);
  });
  it('set_seg installs a descriptor cache directly (what a kernel context switch does)', () => {
    const cpu = newCpu();
    cpu.set_seg(GS, 0x1b, 0x8200, 0xffff);
    cpu.mem.write32(0x8200, 77);
    run(cpu, [0x65, 0xa1, 0, 0, 0, 0, 0xcc]); // mov %gs:0,%eax
    expect(cpu.regs[0]).to.equal(77);
  });
});
