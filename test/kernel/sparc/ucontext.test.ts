/*
 * test/kernel/sparc/ucontext.test.ts — kernel/sparc/ucontext.ts: the offsets agree with the C
 * layout of userland/include/sys/ucontext.h (as sparc64-linux-gnu-gcc -m32 lays it out: the
 * numbers below were printed by offsetof() in a probe program; the sig_handler userland test
 * checks the same layout from C at run time), ucontext_write/read round-trip, sigset words,
 * and the register moves between gregs[], a SparcCpu and a SparcPcb.
 */

import { expect } from 'chai';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { SparcCpu, PSR_C } from '../../../hw/sparc/cpu.ts';
import { SparcPcb } from '../../../kernel/sparc/lwp_regs.ts';
import {
  UC_SIZE, UC_FLAGS_OFF, UC_LINK_OFF, UC_SIGMASK_OFF, UC_STACK_OFF, UC_MCONTEXT_OFF, UC_GREGS_OFF,
  UC_GWINS_OFF, UC_FPREGS_OFF, UC_FPREGS_SIZE, UC_XRS_OFF, UC_FILLER_OFF, NGREG, REG_PSR, REG_PC,
  REG_nPC, REG_Y, REG_G1, REG_G7, REG_O0, REG_O6, REG_O7, UC_ALL, UC_SIGMASK, UC_STACK, UC_CPU,
  ucontext_read, ucontext_write, sigset_read, sigset_write, cpu_getgregs, cpu_setgregs,
  pcb_getgregs, pcb_setgregs, type UContext,
} from '../../../kernel/sparc/ucontext.ts';

describe('sparc ucontext_t', () => {
  it('has the 32-bit Solaris SPARC layout GCC gives sys/ucontext.h', () => {
    // offsetof() values from sparc64-linux-gnu-gcc -m32 -mcpu=v8 on userland/include/sys/ucontext.h.
    expect({ UC_SIZE, UC_FLAGS_OFF, UC_LINK_OFF, UC_SIGMASK_OFF, UC_STACK_OFF, UC_MCONTEXT_OFF, UC_GWINS_OFF, UC_FPREGS_OFF, UC_XRS_OFF, UC_FILLER_OFF })
      .to.deep.equal({ UC_SIZE: 448, UC_FLAGS_OFF: 0, UC_LINK_OFF: 4, UC_SIGMASK_OFF: 8, UC_STACK_OFF: 24, UC_MCONTEXT_OFF: 40, UC_GWINS_OFF: 116, UC_FPREGS_OFF: 120, UC_XRS_OFF: 264, UC_FILLER_OFF: 352 });
    expect(UC_GREGS_OFF + NGREG * 4).to.equal(UC_GWINS_OFF);
    expect(UC_FPREGS_OFF + UC_FPREGS_SIZE).to.equal(UC_XRS_OFF);
    expect(UC_FILLER_OFF + 23 * 4 + 4).to.equal(UC_SIZE);     // 23 fillers, padded to 8
    expect([REG_PSR, REG_PC, REG_nPC, REG_Y, REG_G1, REG_G7, REG_O0, REG_O6, REG_O7]).to.deep.equal([0, 1, 2, 3, 4, 10, 11, 17, 18]);
    expect(UC_ALL & (UC_SIGMASK | UC_STACK | UC_CPU)).to.equal(7);
  });

  it('round-trips through bytes, big-endian, with the sigset words in order', () => {
    const gregs = Array.from({ length: NGREG }, (_, i) => (0x80000000 + i * 0x01010101) >>> 0);
    const uc: UContext = {
      flags: UC_ALL, link: 0xeffff000, sigmask: (1n << 15n) | (1n << 40n) | (1n << 127n),
      stack: { sp: 0xef000000, size: 0x100000, flags: 0 }, gregs,
    };
    const b = ucontext_write(uc);
    expect(b.length).to.equal(UC_SIZE);
    const dv = new DataView(b.buffer);
    expect(dv.getUint32(UC_LINK_OFF)).to.equal(0xeffff000);
    expect(dv.getUint32(UC_SIGMASK_OFF)).to.equal(1 << 15);          // SIGUSR1 in word 0
    expect(dv.getUint32(UC_SIGMASK_OFF + 4)).to.equal(1 << 8);       // signal 41 in word 1
    expect(dv.getUint32(UC_SIGMASK_OFF + 12)).to.equal(0x80000000);
    expect(dv.getUint32(UC_GREGS_OFF + 4 * REG_PC)).to.equal(gregs[REG_PC]);
    expect(dv.getUint32(UC_STACK_OFF + 4)).to.equal(0x100000);
    const back = ucontext_read(b);
    expect(back.flags).to.equal(UC_ALL);
    expect(back.sigmask).to.equal(uc.sigmask);
    expect(back.gregs).to.deep.equal(gregs);
    expect(back.stack).to.deep.equal(uc.stack);
    // Writing into a larger buffer leaves the rest alone.
    const big = new Uint8Array(UC_SIZE + 8).fill(0xaa);
    ucontext_write(uc, big);
    expect(big[UC_SIZE]).to.equal(0xaa);
    const s = new DataView(new ArrayBuffer(16));
    sigset_write(s, 0, 0x1234n << 64n);
    expect(sigset_read(s, 0)).to.equal(0x1234n << 64n);
  });

  it('moves gregs to and from a CPU, keeping all but the icc of the psr', () => {
    const cpu = new SparcCpu(new PhysMem(1 << 16), 0);
    cpu.psr = 0x80 | 0x20 | 3;                  // S, ET, CWP 3
    const psr0 = cpu.psr;
    const g = Array.from({ length: NGREG }, (_, i) => 0x1000 + i * 4);
    g[REG_PSR] = 0xffffffff;
    cpu_setgregs(cpu, g);
    expect(cpu.psr).to.equal(((psr0 & ~0x00f00000) | 0x00f00000) >>> 0);
    expect(cpu.CWP).to.equal(3);
    expect([cpu.pc, cpu.npc, cpu.y]).to.deep.equal([g[REG_PC], g[REG_nPC], g[REG_Y]]);
    expect(cpu.getReg(1)).to.equal(g[REG_G1]);
    expect(cpu.getReg(14)).to.equal(g[REG_O6]);
    const out = cpu_getgregs(cpu);
    expect(out.slice(1)).to.deep.equal(g.slice(1));
    expect((out[REG_PSR] & PSR_C) !== 0).to.equal(true);
  });

  it('moves gregs to and from an off-CPU pcb', () => {
    const pcb = new SparcPcb();
    pcb.psr = 0x20;
    const g = Array.from({ length: NGREG }, (_, i) => 0x2000 + i);
    g[REG_PSR] = PSR_C;
    pcb_setgregs(pcb, g);
    expect(pcb.psr).to.equal(0x20 | PSR_C);
    expect(pcb.o[6]).to.equal(g[REG_O6]);
    expect(pcb.g[7]).to.equal(g[REG_G7]);
    expect(pcb_getgregs(pcb).slice(1)).to.deep.equal(g.slice(1));
  });
});
