/*
 * kernel/sparc/machdep.ts — the SPARC implementation of the MachDep contract
 * (kernel/common/sys/machdep.ts): LWP context load/save with the window flush on switch-out,
 * user_run through trap.ts, and the SRMMU glue that connects hat_srmmu to every CPU's MMU.
 */

import type { Cpu, Machine } from '../../hw/machine.ts';
import type { SparcCpu } from '../../hw/sparc/cpu.ts';
import type { MachDep, UserEvent } from '../common/sys/machdep.ts';
import type { Lwp } from '../common/sys/klwp.ts';
import type { KGen, KThread } from '../common/sys/thread.ts';
import { SrmmuHatSys, type SrmmuTlbOps } from './hat_srmmu.ts';
import type { PagePool } from '../common/vm/vm_page.ts';
import { lwptopcb, lwp_setregs, pcb_to_cpu, cpu_to_pcb, SparcPcb } from './lwp_regs.ts';
import { ucontext_read, pcb_setgregs, UC_SIZE, REG_PC, REG_nPC } from './ucontext.ts';
import { EINVAL } from '../common/sys/errno.ts';
import { PSR_C, PSR_ET } from '../../hw/sparc/cpu.ts';
import { fill_window, flush_user_windows_to_stack } from './windows.ts';
import { user_run } from './trap.ts';
import { tsignal } from '../common/os/sig.ts';
import { SIGSEGV } from '../common/sys/signal.ts';
import { ELF_ISAS } from '../common/exec/elf.ts';
// Registers the SPARC signal-frame code (sendsig/getcontext/setcontext) with common sig.ts.
import './sendsig.ts';

/** srmmu_glue — the TLB operations of hat_srmmu, applied to every CPU's SRMMU. */
export function srmmu_glue(machine: Machine): SrmmuTlbOps {
  const cpus = machine.cpus as SparcCpu[];
  return {
    demap_page(ctx, va) { for (const c of cpus) if (c.mmu.context === ctx) c.mmu.flushPage(va); },
    demap_context(ctx) { for (const c of cpus) if (c.mmu.context === ctx) c.mmu.flushAll(); },
    set_context(cpu, ctx) { cpus[cpu].mmu.context = ctx; },
  };
}

/** Create the SRMMU HAT system for `machine` and point every MMU at its context table. */
export function srmmu_init(machine: Machine, pool: PagePool): SrmmuHatSys {
  const hs = new SrmmuHatSys(pool, srmmu_glue(machine));
  for (const c of machine.cpus as SparcCpu[]) {
    c.mmu.ctp = hs.ctp << 0;
    c.mmu.control = 1;
    c.mmu.context = 0;
  }
  return hs;
}

export const sparc_machdep: MachDep = {
  isa: 'sparc',
  elf: ELF_ISAS.sparc,

  lwp_setregs(lwp: Lwp, pc: number, sp: number): void { lwp_setregs(lwp, pc, sp); },

  lwp_load(cpu0: Cpu, lwp: Lwp): void {
    const cpu = cpu0 as SparcCpu;
    const pcb = lwptopcb(lwp);
    const as = lwp.lwp_procp.p_as;
    if (as) as.a_hat.switch_to(cpu.id);
    pcb_to_cpu(cpu, pcb);
    if (pcb.fillOnLoad) {
      const t = lwp.lwp_thread!;
      if (fill_window(t, cpu, cpu.CWP, cpu.getReg(14))) tsignal(t, SIGSEGV);
      pcb.fillOnLoad = false;
    }
  },

  lwp_save(cpu0: Cpu, lwp: Lwp): void {
    const cpu = cpu0 as SparcCpu;
    const pcb = lwptopcb(lwp);
    const t = lwp.lwp_thread!;
    if (t.t_procp.p_as) {
      flush_user_windows_to_stack(t, cpu, true);
      pcb.fillOnLoad = true;
    }
    cpu_to_pcb(cpu, pcb);
  },

  user_run(t: KThread, cpu: Cpu, budget: number): KGen<UserEvent> {
    return user_run(t, cpu as SparcCpu, budget);
  },

  flush_user_windows_to_stack(t: KThread, cpu: Cpu): number {
    // Every user window, the current one included: a fork child refills its window from its copy.
    return flush_user_windows_to_stack(t, cpu as SparcCpu, true);
  },

  /** lwp_setprivate: %g7 (uts/sparc/os/machdep.c: `which` is not looked at). */
  lwp_setprivate(cpu: Cpu, _which: number, base: number): number {
    (cpu as SparcCpu).setReg(7, base | 0);
    return 0;
  },
  lwp_getprivate(cpu: Cpu, _which: number): number { return (cpu as SparcCpu).getReg(7) >>> 0; },

  lwp_forkregs(k, src: Lwp, dst: Lwp): void {
    const from = lwptopcb(src);
    const to = new SparcPcb();
    const c = k.cpu_loaded.indexOf(src);
    if (c >= 0) {
      cpu_to_pcb(k.machine.cpus[c] as SparcCpu, to);
      to.fillOnLoad = true;
    } else {
      to.g.set(from.g); to.o.set(from.o);
      to.pc = from.pc; to.npc = from.npc; to.psr = from.psr; to.y = from.y;
      to.fillOnLoad = from.fillOnLoad;
    }
    dst.lwp_pcb = to;
  },

  lwp_setrval(lwp: Lwp, v1: number, v2: number): void {
    const pcb = lwptopcb(lwp);
    pcb.psr &= ~PSR_C;
    pcb.o[0] = v1;
    pcb.o[1] = v2;
  },

  ucontext_size: UC_SIZE,

  lwp_setucontext(lwp: Lwp, uc: Uint8Array): number {
    // A fresh user context: user mode, traps on; gregs from the ucontext (only its icc of the psr).
    const g = ucontext_read(uc).gregs;
    if ((g[REG_PC] | g[REG_nPC]) & 3) return EINVAL;
    const pcb = new SparcPcb();
    pcb.psr = PSR_ET;
    pcb_setgregs(pcb, g);
    lwp.lwp_pcb = pcb;
    return 0;
  },
};
