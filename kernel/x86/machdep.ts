/*
 * kernel/x86/machdep.ts — the i386 implementation of the MachDep contract
 * (kernel/common/sys/machdep.ts): LWP context load/save, user_run through trap.ts, lwp_forkregs,
 * lwp_setrval, lwp_setucontext, and the glue that connects hat_i86 and the GDTs to every CPU.
 *
 * What fork.c does only `#if defined(__sparc)` or `#if defined(__x86)`:
 *  - flush_user_windows_to_stack is a no-op returning 0: i386 has no register windows, the
 *    registers are all in the pcb (or on the CPU, where lwp_forkregs reads them).
 *  - p_ldtlock (getproc's mutex_init, fork_fail's mutex_destroy) guards a process's LDT in illumos
 *    (sysi86(SI86DSCR), ldt_dup in forkctx). forkvm's CPU has no LDT (a selector with TI = 1 is
 *    #GP) and there is no sysi86, so no process ever has an LDT and the lock would guard nothing:
 *    Proc has no p_ldtlock. The per-lwp segment state i386 does have — the %fs/%gs bases set by
 *    lwp_private — is lwp state, copied by lwp_forkregs under the holdlwps the fork already did.
 */

import type { Cpu, Machine } from '../../hw/machine.ts';
import type { X86Cpu } from '../../hw/x86/cpu.ts';
import { CF, FS, GS } from '../../hw/x86/cpu.ts';
import { CR0_PE, CR0_PG, CR0_WP } from '../../hw/x86/paging.ts';
import type { MachDep, UserEvent } from '../common/sys/machdep.ts';
import type { Lwp } from '../common/sys/klwp.ts';
import type { KGen, KThread } from '../common/sys/thread.ts';
import type { PagePool } from '../common/vm/vm_page.ts';
import { EINVAL } from '../common/sys/errno.ts';
import { ELF_ISAS } from '../common/exec/elf.ts';
import { I86HatSys, type I86TlbOps } from './hat_i86.ts';
import { gdt_init, GDT_VA, LWPFS_SEL, LWPGS_SEL } from './gdt.ts';
import { lwptopcb, lwp_setregs, pcb_to_cpu, cpu_to_pcb, seg_load, X86Pcb } from './lwp_regs.ts';
import { ucontext_read, pcb_setgregs, gregs_valid_sel, UC_SIZE, FS_, GS_ } from './ucontext.ts';
import { user_run } from './trap.ts';
// Registers the i386 signal-frame code (sendsig/getcontext/setcontext) with common sig.ts.
import './sendsig.ts';

/** i86_glue — the TLB operations of hat_i86 on the machine's CPUs. */
export function i86_glue(machine: Machine): I86TlbOps {
  const cpus = machine.cpus as X86Cpu[];
  return {
    ncpu: cpus.length,
    cr3: (c) => cpus[c].cr3,
    invlpg: (c, va) => cpus[c].paging.invlpg(va),
    set_cr3: (c, pa) => { cpus[c].cr3 = pa; },
  };
}

/**
 * i86_init — set up the GDTs and the HAT for `machine` and turn paging on in every CPU (CR0.PG
 * and CR0.WP, so that the kernel's own writes honour read-only pages too), each on the empty
 * page directory.
 */
export function i86_init(machine: Machine, pool: PagePool): I86HatSys {
  const cpus = machine.cpus as X86Cpu[];
  const gdtpa = gdt_init(cpus, pool);
  const hs = new I86HatSys(pool, i86_glue(machine), { va: GDT_VA, pa: gdtpa });
  for (const c of cpus) {
    c.cr3 = hs.sh_emptypd;
    c.cr0 = CR0_PE | CR0_PG | CR0_WP;
  }
  return hs;
}

/** _LWP_FSBASE / _LWP_GSBASE, the `which` of lwp_private (sys/lwp.h). */
export const _LWP_FSBASE = 0, _LWP_GSBASE = 1;

/**
 * lwp_setprivate — lwp_private(_LWP_SETPRIVATE, which, base) for the lwp running on `cpu`: give
 * it a %fs or %gs descriptor with `base` (uts/intel/os/sundep.c's lwp_setprivate for a 32-bit
 * lwp) and load it. Returns 0 or EINVAL for another `which`.
 */
export function lwp_setprivate(cpu: X86Cpu, which: number, base: number): number {
  if (which === _LWP_FSBASE) seg_load(cpu, FS, { sel: LWPFS_SEL, base: base >>> 0 });
  else if (which === _LWP_GSBASE) seg_load(cpu, GS, { sel: LWPGS_SEL, base: base >>> 0 });
  else return EINVAL;
  return 0;
}

/** lwp_getprivate — the base lwp_setprivate set for `which`, or -1 (EINVAL) for another `which`. */
export function lwp_getprivate(cpu: X86Cpu, which: number): number {
  const s = which === _LWP_FSBASE ? FS : which === _LWP_GSBASE ? GS : -1;
  if (s < 0) return -1;
  return cpu.segNull[s] ? 0 : cpu.segBase[s] >>> 0;
}

export const x86_machdep: MachDep = {
  isa: 'x86',
  elf: ELF_ISAS.x86,

  lwp_setregs(lwp: Lwp, pc: number, sp: number): void { lwp_setregs(lwp, pc, sp); },

  lwp_load(cpu0: Cpu, lwp: Lwp): void {
    const cpu = cpu0 as X86Cpu;
    const as = lwp.lwp_procp.p_as;
    if (as) as.a_hat.switch_to(cpu.id);
    pcb_to_cpu(cpu, lwptopcb(lwp));
  },

  lwp_save(cpu0: Cpu, lwp: Lwp): void {
    cpu_to_pcb(cpu0 as X86Cpu, lwptopcb(lwp));
  },

  user_run(t: KThread, cpu: Cpu, budget: number): KGen<UserEvent> {
    return user_run(t, cpu as X86Cpu, budget);
  },

  /** fork.c's `#if defined(__sparc)` flush: nothing to do on i386 (no register windows). */
  flush_user_windows_to_stack(_t: KThread, _cpu: Cpu): number { return 0; },

  lwp_setprivate(cpu: Cpu, which: number, base: number): number { return lwp_setprivate(cpu as X86Cpu, which, base); },
  lwp_getprivate(cpu: Cpu, which: number): number { return lwp_getprivate(cpu as X86Cpu, which); },

  lwp_forkregs(k, src: Lwp, dst: Lwp): void {
    const to = new X86Pcb();
    const c = k.cpu_loaded.indexOf(src);
    if (c >= 0) cpu_to_pcb(k.machine.cpus[c] as X86Cpu, to);
    else {
      const from = lwptopcb(src);
      to.regs.set(from.regs); to.eip = from.eip; to.eflags = from.eflags;
      to.fs = { ...from.fs }; to.gs = { ...from.gs };
    }
    dst.lwp_pcb = to;
  },

  lwp_setrval(lwp: Lwp, v1: number, v2: number): void {
    const pcb = lwptopcb(lwp);
    pcb.eflags &= ~CF;
    pcb.regs[0] = v1;
    pcb.regs[2] = v2;
  },

  ucontext_size: UC_SIZE,

  lwp_setucontext(lwp: Lwp, uc: Uint8Array): number {
    const g = ucontext_read(uc).gregs;
    if (!gregs_valid_sel(g[FS_], 'fs') || !gregs_valid_sel(g[GS_], 'gs')) return EINVAL;
    const pcb = new X86Pcb();
    pcb_setgregs(pcb, g);
    lwp.lwp_pcb = pcb;
    return 0;
  },
};
