/*
 * test/kernel/x86/ucontext.test.ts — kernel/x86/ucontext.ts: the offsets agree with the C layout
 * of userland/include/sys/ucontext.h's i386 half (as i686-linux-gnu-gcc -m32 lays it out: the
 * numbers below were printed by offsetof() in a probe program), ucontext_write/read round-trip
 * little-endian, and the register moves between gregs[], an X86Cpu and an X86Pcb.
 */

import { expect } from 'chai';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { X86Cpu, CF, GS as SGS, FS as SFS } from '../../../hw/x86/cpu.ts';
import { X86Pcb, PSL_USER } from '../../../kernel/x86/lwp_regs.ts';
import { LWPGS_SEL, UCS_SEL, UDS_SEL, gdt_init } from '../../../kernel/x86/gdt.ts';
import { page_init } from '../../../kernel/common/vm/vm_page.ts';
import {
  UC_SIZE, UC_FLAGS_OFF, UC_LINK_OFF, UC_SIGMASK_OFF, UC_STACK_OFF, UC_MCONTEXT_OFF, UC_GREGS_OFF,
  UC_FPREGS_OFF, UC_FPREGS_SIZE, UC_FILLER_OFF, NGREG, GS_, FS_, EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI,
  EIP, EFL, UESP, CS_, SS_, UC_ALL,
  ucontext_read, ucontext_write, cpu_getgregs, cpu_setgregs, pcb_getgregs, pcb_setgregs, gregs_valid_sel,
  type UContext,
} from '../../../kernel/x86/ucontext.ts';

describe('x86 ucontext_t', () => {
  it('has the 32-bit Solaris i386 layout GCC gives sys/ucontext.h', () => {
    // offsetof() values from i686-linux-gnu-gcc -m32 on userland/include/sys/ucontext.h.
    expect({ UC_SIZE, UC_FLAGS_OFF, UC_LINK_OFF, UC_SIGMASK_OFF, UC_STACK_OFF, UC_MCONTEXT_OFF, UC_FPREGS_OFF, UC_FILLER_OFF })
      .to.deep.equal({ UC_SIZE: 512, UC_FLAGS_OFF: 0, UC_LINK_OFF: 4, UC_SIGMASK_OFF: 8, UC_STACK_OFF: 24, UC_MCONTEXT_OFF: 36, UC_FPREGS_OFF: 112, UC_FILLER_OFF: 492 });
    expect(UC_GREGS_OFF + NGREG * 4).to.equal(UC_FPREGS_OFF);
    expect(UC_FPREGS_OFF + UC_FPREGS_SIZE).to.equal(UC_FILLER_OFF);
    expect(UC_FILLER_OFF + 5 * 4).to.equal(UC_SIZE);
    // intel/sys/regset.h order.
    expect([GS_, FS_, EDI, ESI, EBP, ESP, EBX, EDX, ECX, EAX, EIP, CS_, EFL, UESP, SS_]).to.deep.equal([0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18]);
  });

  it('round-trips through bytes, little-endian, with the sigset words in order', () => {
    const gregs = Array.from({ length: NGREG }, (_, i) => (0x80000000 + i * 0x01010101) >>> 0);
    const uc: UContext = {
      flags: UC_ALL, link: 0x08040000, sigmask: (1n << 15n) | (1n << 40n) | (1n << 127n),
      stack: { sp: 0x07f00000, size: 0x100000, flags: 0 }, gregs,
    };
    const b = ucontext_write(uc);
    expect(b.length).to.equal(UC_SIZE);
    const dv = new DataView(b.buffer);
    expect(dv.getUint32(UC_LINK_OFF, true)).to.equal(0x08040000);
    expect(b[UC_LINK_OFF + 2]).to.equal(0x04);                       // little-endian bytes
    expect(dv.getUint32(UC_SIGMASK_OFF, true)).to.equal(1 << 15);
    expect(dv.getUint32(UC_SIGMASK_OFF + 4, true)).to.equal(1 << 8);
    expect(dv.getUint32(UC_SIGMASK_OFF + 12, true)).to.equal(0x80000000);
    expect(dv.getUint32(UC_GREGS_OFF + 4 * EIP, true)).to.equal(gregs[EIP]);
    const back = ucontext_read(b);
    expect(back.sigmask).to.equal(uc.sigmask);
    expect(back.gregs).to.deep.equal(gregs);
    expect(back.stack).to.deep.equal(uc.stack);
  });

  it('moves registers between gregs, a CPU and a pcb; user code cannot set IF-less or privileged EFLAGS', () => {
    const mem = new PhysMem(256 * 1024, true);
    const cpu = new X86Cpu(mem, 0);
    gdt_init([cpu], page_init(mem, 64 * 1024));
    const g = new Array<number>(NGREG).fill(0);
    [g[EAX], g[ECX], g[EDX], g[EBX], g[UESP], g[EBP], g[ESI], g[EDI]] = [1, 2, 3, 4, 0x08047ff0, 6, 7, 8];
    g[EIP] = 0x08048100;
    g[EFL] = 0x3000 | CF | 0x200 * 0;     // IOPL 3 asked for, IF clear: neither is a user's to set
    cpu_setgregs(cpu, g);
    expect(Array.from(cpu.regs)).to.deep.equal([1, 2, 3, 4, 0x08047ff0, 6, 7, 8]);
    expect(cpu.eip).to.equal(0x08048100);
    expect(cpu.eflags).to.equal(PSL_USER | CF);
    const out = cpu_getgregs(cpu);
    expect(out[UESP]).to.equal(0x08047ff0);
    expect(out[ESP]).to.equal(0x08047ff0);
    expect([out[CS_], out[SS_]]).to.deep.equal([UCS_SEL, UDS_SEL]);
    expect(out[GS_]).to.equal(0);
    const pcb = new X86Pcb();
    pcb_setgregs(pcb, { ...g, [GS_]: LWPGS_SEL } as unknown as number[]);
    expect(pcb.gs.sel).to.equal(LWPGS_SEL);
    expect(pcb_getgregs(pcb)[EIP]).to.equal(0x08048100);
    expect(pcb.eflags & 0x3000).to.equal(0);
    void SGS; void SFS;
  });

  it('accepts only null or the lwp\'s own %fs/%gs selectors', () => {
    expect(gregs_valid_sel(0, 'gs')).to.equal(true);
    expect(gregs_valid_sel(3, 'gs')).to.equal(true);
    expect(gregs_valid_sel(LWPGS_SEL, 'gs')).to.equal(true);
    expect(gregs_valid_sel(LWPGS_SEL, 'fs')).to.equal(false);
    expect(gregs_valid_sel(UCS_SEL, 'gs')).to.equal(false);
  });
});
