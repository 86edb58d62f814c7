/*
 * test/hw/x86/cpu_traps.test.ts — the Stop contract of hw/x86/cpu.ts: faults leave EIP and the
 * registers as before the instruction, traps (int n, int3, into) report the next EIP, error codes,
 * privilege checks at CPL 3, lock validity, #DE, #UD, #NM for x87, hlt, interrupts, state round trip.
 */
import { expect } from 'chai';
import { CODE, HALT, TRAP, BUDGET, newCpu, run, STACK_TOP } from './harness.ts';
import { VEC_BP, VEC_DE, VEC_GP, VEC_NM, VEC_OF, VEC_UD, IRQ_BASE } from '../../../hw/x86/trap_types.ts';
import { OF, IF } from '../../../hw/x86/cpu.ts';

describe('hw/x86/cpu traps and faults', () => {
  it('int $0x91 stops with the vector, pc = next EIP, npc = the int itself', () => {
    const cpu = newCpu();
    const s = run(cpu, [0xb8, 0x14, 0, 0, 0, 0xcd, 0x91, 0x90]);
    expect(s.reason).to.equal(TRAP);
    expect(s.trap).to.equal(0x91);
    expect(s.pc).to.equal(CODE + 7);
    expect(s.npc).to.equal(CODE + 5);
    expect(cpu.eip).to.equal(CODE + 7);
    expect(cpu.regs[0]).to.equal(20);
    expect(s.executed).to.equal(2);
  });
  it('int3 and into (only with OF) are traps', () => {
    const cpu = newCpu();
    let s = run(cpu, [0xce, 0xcc]);
    expect([s.trap, s.pc]).to.deep.equal([VEC_BP, CODE + 2]);
    s = run(cpu, [0xce, 0xcc], { eflags: 0x202 | OF });
    expect([s.trap, s.pc, s.npc]).to.deep.equal([VEC_OF, CODE + 1, CODE]);
  });
  it('ud2 and undefined opcodes raise #UD at the instruction', () => {
    const cpu = newCpu();
    for (const code of [[0x0f, 0x0b], [0x0f, 0xff], [0x62, 0x00], [0xd6], [0x0f, 0x05], [0xff, 0x38]]) {
      const s = run(cpu, [0x90, ...code]);
      expect([s.trap, s.pc], code.join(',')).to.deep.equal([VEC_UD, CODE + 1]);
      expect(s.faultStatus).to.equal(0);
    }
  });
  it('x87 opcodes raise #NM (no FPU)', () => {
    const cpu = newCpu();
    const s = run(cpu, [0xdd, 0x04, 0x24]); // fldl (%esp)
    expect([s.trap, s.pc]).to.deep.equal([VEC_NM, CODE]);
  });
  it('div by zero and an idiv overflow raise #DE with no register changed', () => {
    const cpu = newCpu();
    let s = run(cpu, [0xf7, 0xf3], { regs: { 0: 7, 2: 0, 3: 0 } }); // div %ebx
    expect([s.trap, s.pc]).to.deep.equal([VEC_DE, CODE]);
    expect([cpu.regs[0], cpu.regs[2]]).to.deep.equal([7, 0]);
    s = run(cpu, [0xf7, 0xfb], { regs: { 0: 0x80000000 | 0, 2: -1, 3: -1 } }); // idiv %ebx
    expect(s.trap).to.equal(VEC_DE);
    s = run(cpu, [0xf7, 0xf3], { regs: { 0: 0, 2: 5, 3: 5 } }); // quotient too big
    expect(s.trap).to.equal(VEC_DE);
    s = run(cpu, [0xf6, 0xf3, 0xcc], { regs: { 0: 0x1ff, 3: 2 } }); // divb %bl: 511/2 = 255 r 1
    expect(s.trap).to.equal(VEC_BP);
    expect(cpu.regs[0] & 0xffff).to.equal(0x01ff);
    expect(run(cpu, [0xd4, 0x00]).trap).to.equal(VEC_DE); // aam $0
    // idiv with a full 64-bit dividend: -(2^33 + 5) / 7 = -1227133513 rem -6; -2^40 / 3 overflows
    const n = -(2 ** 33 + 5);
    s = run(cpu, [0xf7, 0xfb, 0xcc], { regs: { 0: n % 2 ** 32 | 0, 2: Math.floor(n / 2 ** 32), 3: 7 } });
    expect([s.trap, cpu.regs[0], cpu.regs[2]]).to.deep.equal([VEC_BP, -1227133513, -6]);
    s = run(cpu, [0xf7, 0xfb, 0xcc], { regs: { 0: 0, 2: -256, 3: 3 } });
    expect(s.trap).to.equal(VEC_DE);
    s = run(cpu, [0xf7, 0xf3, 0xcc], { regs: { 0: 0x89abcdef | 0, 2: 0x01234567, 3: 0xfedcba98 | 0 } }); // div
    expect([cpu.regs[0] >>> 0, cpu.regs[2] >>> 0]).to.deep.equal([Number(0x0123456789abcdefn / 0xfedcba98n), Number(0x0123456789abcdefn % 0xfedcba98n)]);
  });
  it('privileged instructions at CPL 3 raise #GP(0); CPL 0 may use them', () => {
    const cpu = newCpu();
    for (const code of [[0xf4], [0xfa], [0xfb], [0x0f, 0x22, 0xd8], [0x0f, 0x20, 0xc0], [0x0f, 0x01, 0x3b], [0xe4, 0x60], [0xee]]) {
      const s = run(cpu, code);
      expect([s.trap, s.pc, s.faultStatus], code.join(',')).to.deep.equal([VEC_GP, CODE, 0]);
    }
    const k = newCpu(undefined, 0);
    const s = run(k, [0xfa, 0x0f, 0x20, 0xc0, 0xf4]);
    expect(s.reason).to.equal(HALT);
    expect(k.eflags & IF).to.equal(0);
    expect(k.regs[0]).to.equal(k.cr0);
    expect(k.run(10).reason).to.equal(HALT);
  });
  it('popf at CPL 3 cannot change IF or IOPL', () => {
    const cpu = newCpu();
    run(cpu, [0x68, 0xd5, 0x30, 0, 0, 0x9d, 0xcc]); // push $0x30d5; popf
    expect(cpu.eflags).to.equal(0x2d7 & ~0x2 | 0x2 | 0x200);
  });
  it('lock is #UD on a register destination or a non-lockable instruction, fine on memory', () => {
    const cpu = newCpu();
    expect(run(cpu, [0xf0, 0x01, 0xc0]).trap).to.equal(VEC_UD);          // lock add %eax,%eax
    expect(run(cpu, [0xf0, 0x89, 0x03]).trap).to.equal(VEC_UD);          // lock mov %eax,(%ebx)
    expect(run(cpu, [0xf0, 0x87, 0xc3]).trap).to.equal(VEC_UD);          // lock xchg %eax,%ebx
    expect(run(cpu, [0xf0, 0x0f, 0xab, 0xc3]).trap).to.equal(VEC_UD);    // lock bts %eax,%ebx
    expect(run(cpu, [0xf0, 0x39, 0x03], { regs: { 3: 0x8000 } }).trap).to.equal(VEC_UD); // lock cmp
    const s = run(cpu, [0xf0, 0x01, 0x03, 0xf0, 0x0f, 0xc1, 0x03, 0xcc], { regs: { 0: 5, 3: 0x8000 } });
    expect(s.trap).to.equal(VEC_BP);
    expect(cpu.mem.read32(0x8000)).to.equal(10);
    expect(cpu.regs[0]).to.equal(5);
  });
  it('a fault in a read-modify-write leaves flags alone; memory beyond RAM is #MC', () => {
    const cpu = newCpu();
    const s = run(cpu, [0x01, 0x03], { regs: { 3: 0x7ffffff0 }, eflags: 0x202 });
    expect(s.trap).to.equal(18);
    expect(s.faultAddr).to.equal(0x7ffffff0);
    expect(cpu.eflags).to.equal(0x202);
  });
  it('an interrupt line stops before the next instruction when IF = 1', () => {
    const cpu = newCpu();
    cpu.irl = 3;
    const s = run(cpu, [0x90]);
    expect([s.reason, s.trap, s.pc, s.executed]).to.deep.equal([TRAP, IRQ_BASE + 3, CODE, 0]);
    cpu.eflags &= ~IF;
    expect(cpu.run(5).reason).to.equal(BUDGET);
  });
  it('rdtsc reads the cycle counter; cpuid names the CPU', () => {
    const cpu = newCpu();
    run(cpu, [0x90, 0x90, 0x0f, 0x31, 0xcc]);
    expect(cpu.regs[0]).to.equal(2); // the cycles of the instructions retired before it
    run(cpu, [0x31, 0xc0, 0x0f, 0xa2, 0xcc]);
    const v = Buffer.alloc(12);
    v.writeInt32LE(cpu.regs[3], 0); v.writeInt32LE(cpu.regs[2], 4); v.writeInt32LE(cpu.regs[1], 8);
    expect(v.toString()).to.equal('forkvmx86cpu');
  });
  it('self-modifying code is seen at once (no stale decode)', () => {
    const cpu = newCpu();
    // movb $0x40, next ; next: nop (becomes inc %eax) ; int3
    const s = run(cpu, [0xc6, 0x05, 0x07, 0x10, 0, 0, 0x40, 0x90, 0xcc], { regs: { 0: 1 } });
    expect(s.trap).to.equal(VEC_BP);
    expect(cpu.regs[0]).to.equal(2);
  });
  it('push and call that fault leave ESP unchanged', () => {
    const cpu = newCpu();
    const s = run(cpu, [0x50], { esp: 0x7fffff00 });
    expect(s.trap).to.equal(18);
    expect(cpu.regs[4] >>> 0).to.equal(0x7fffff00);
    expect(cpu.eip).to.equal(CODE);
  });
  it('debugger breakpoints stop before the instruction; bpt_skip resumes once', () => {
    const cpu = newCpu();
    cpu.set_breakpoints([CODE + 1]);
    let s = run(cpu, [0x40, 0x40, 0xcc]);
    expect([s.trap, s.pc, s.executed, cpu.regs[0]]).to.deep.equal([0x100, CODE + 1, 1, 1]);
    cpu.bpt_skip = CODE + 1;
    s = cpu.run(10);
    expect([s.trap, cpu.regs[0]]).to.deep.equal([VEC_BP, 2]);
    cpu.set_breakpoints(null);
    expect(cpu.bpt).to.equal(null);
  });
  it('get_state/set_state round-trips', () => {
    const a = newCpu();
    run(a, [0xb8, 1, 2, 3, 4, 0x0f, 0x31, 0xcc]);
    const b = newCpu();
    b.set_state(JSON.parse(JSON.stringify(a.get_state())));
    expect(b.get_state()).to.deep.equal(a.get_state());
    expect(b.regs[4]).to.equal(STACK_TOP);
  });
});
