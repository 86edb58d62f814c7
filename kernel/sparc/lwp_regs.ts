/*
 * kernel/sparc/lwp_regs.ts — the SPARC LWP context (machpcb / struct regs, uts/sparc/sys/machpcb.h)
 * and the functions that move it: lwp_setregs for exec, lwp_setrval for syscall returns, and the
 * save/load of a context across a switch. On switch-out every user window is flushed to the user
 * stack (the stack is the single truth); on switch-in only the current window is refilled.
 */

import type { SparcCpu } from '../../hw/sparc/cpu.ts';
import { PSR_ET, PSR_C } from '../../hw/sparc/cpu.ts';
import { NWINDOWS } from '../../hw/sparc/isa.ts';
import type { Lwp } from '../common/sys/klwp.ts';

/** A window that could not be written to the user stack (mpcb_wbuf / mpcb_spbuf entry). */
export interface WbufEntry { sp: number; words: number[] }

/** SparcPcb — the saved user context of an LWP that is not on a CPU. */
export class SparcPcb {
  /** %g0-%g7, %o0-%o7 of the current window, pc, npc, psr (icc, cwp), y. */
  g = new Int32Array(8);
  o = new Int32Array(8);
  pc = 0;
  npc = 0;
  psr = 0;
  y = 0;
  /** Locals and ins of the current window are on the stack at %sp (refill on load). */
  fillOnLoad = false;
  /** Windows that could not be stored yet (mpcb_wbuf). */
  wbuf: WbufEntry[] = [];
}

/** The pcb of an LWP (created on first use). */
export function lwptopcb(lwp: Lwp): SparcPcb {
  if (!(lwp.lwp_pcb instanceof SparcPcb)) lwp.lwp_pcb = new SparcPcb();
  return lwp.lwp_pcb as SparcPcb;
}

/** lwp_setregs — fresh user state for exec: pc = entry, %sp = sp, everything else zero. */
export function lwp_setregs(lwp: Lwp, pc: number, sp: number): void {
  const pcb = new SparcPcb();
  pcb.pc = pc | 0;
  pcb.npc = (pc + 4) | 0;
  pcb.o[6] = sp | 0;
  pcb.psr = PSR_ET;          // user mode, traps enabled, CWP 0, icc clear
  pcb.fillOnLoad = false;
  lwp.lwp_pcb = pcb;
}

/**
 * pcb_to_cpu — load the saved context into the CPU registers. All windows but the current one
 * are marked free (WIM = the window above CWP), so the first restore underflows and fills from
 * the stack. The caller refills the current window when pcb.fillOnLoad is set.
 */
export function pcb_to_cpu(cpu: SparcCpu, pcb: SparcPcb): void {
  cpu.regs.fill(0);
  cpu.psr = pcb.psr;
  const cwp = cpu.CWP;
  for (let i = 1; i < 8; i++) cpu.setReg(i, pcb.g[i]);
  for (let i = 0; i < 8; i++) cpu.setReg(8 + i, pcb.o[i]);
  cpu.pc = pcb.pc; cpu.npc = pcb.npc; cpu.y = pcb.y;
  cpu.wim = 1 << ((cwp + 1) % NWINDOWS);
}

/** cpu_to_pcb — capture globals, outs, pc/npc, psr and y (windows are flushed separately). */
export function cpu_to_pcb(cpu: SparcCpu, pcb: SparcPcb): void {
  for (let i = 0; i < 8; i++) pcb.g[i] = cpu.getReg(i);
  for (let i = 0; i < 8; i++) pcb.o[i] = cpu.getReg(8 + i);
  pcb.pc = cpu.pc; pcb.npc = cpu.npc; pcb.psr = cpu.psr; pcb.y = cpu.y;
}

/**
 * lwp_setrval — the syscall return for the LWP running on `cpu`: success clears PSR.C and sets
 * %o0 = v1, %o1 = v2 (%o1 only for two-value calls, v2 !== undefined).
 */
export function lwp_setrval(cpu: SparcCpu, v1: number, v2?: number): void {
  cpu.psr = cpu.psr & ~PSR_C;
  cpu.setReg(8, v1);
  if (v2 !== undefined) cpu.setReg(9, v2);
}

/** set_errno — the syscall error return: PSR.C set, %o0 = errno. */
export function lwp_seterrno(cpu: SparcCpu, errno: number): void {
  cpu.psr = cpu.psr | PSR_C;
  cpu.setReg(8, errno);
}
