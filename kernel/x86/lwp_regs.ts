/*
 * kernel/x86/lwp_regs.ts — the i386 LWP context (struct regs of uts/intel/ia32/sys/reg.h, kept
 * in the pcb while the LWP is off a CPU) and the functions that move it: lwp_setregs for exec,
 * lwp_setrval/lwp_seterrno for system call returns, and the save/load across a switch. There
 * are no register windows: the registers are the whole user context. User code runs at CPL 3
 * with flat %cs/%ds/%es/%ss from forkvm's GDT (gdt.ts) and the lwp's own %fs/%gs (the thread
 * pointers lwp_private sets).
 */

import type { X86Cpu } from '../../hw/x86/cpu.ts';
import { CF, IF, CS, DS, ES, SS, FS, GS } from '../../hw/x86/cpu.ts';
import type { Lwp } from '../common/sys/klwp.ts';
import { UCS_SEL, UDS_SEL, LWPFS_SEL, LWPGS_SEL, gdt_set_lwpbase } from './gdt.ts';

/** The EFLAGS bits a user context may set (status flags, DF, TF, AC); IF is always on in user mode. */
export const PSL_USERMASK = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x400 | 0x800 | 0x100 | 0x40000;
/** EFLAGS of a fresh user context: bit 1 (reserved, always set) and IF. */
export const PSL_USER = 0x2 | IF;

/** A user segment register's state: its selector (0 = null) and, for %fs/%gs, the base. */
export interface UserSeg { sel: number; base: number }

/** X86Pcb — the saved user context of an LWP that is not on a CPU. */
export class X86Pcb {
  /** %eax..%edi in ModRM order (EAX 0, ECX 1, EDX 2, EBX 3, ESP 4, EBP 5, ESI 6, EDI 7). */
  regs = new Int32Array(8);
  eip = 0;
  eflags = PSL_USER;
  /** %fs and %gs: null until lwp_private gives the lwp a base (then LWPFS_SEL/LWPGS_SEL). */
  fs: UserSeg = { sel: 0, base: 0 };
  gs: UserSeg = { sel: 0, base: 0 };
}

/** The pcb of an LWP (created on first use). */
export function lwptopcb(lwp: Lwp): X86Pcb {
  if (!(lwp.lwp_pcb instanceof X86Pcb)) lwp.lwp_pcb = new X86Pcb();
  return lwp.lwp_pcb as X86Pcb;
}

/** lwp_setregs — fresh user state for exec: eip = entry, %esp = sp, other registers 0, null %fs/%gs. */
export function lwp_setregs(lwp: Lwp, pc: number, sp: number): void {
  const pcb = new X86Pcb();
  pcb.eip = pc | 0;
  pcb.regs[4] = sp | 0;
  lwp.lwp_pcb = pcb;
}

/** Load a null selector into segment register s (what `mov $0, %gs` leaves). */
function seg_null(cpu: X86Cpu, s: number): void {
  cpu.sel[s] = 0; cpu.segBase[s] = 0; cpu.segLimit[s] = 0; cpu.segNull[s] = 1;
}

/**
 * seg_load — give CPU `cpu` the user segment `us` in register s (FS or GS): null, or the lwp's
 * descriptor, written into this CPU's GDT slot first so that a reload by the user finds it.
 */
export function seg_load(cpu: X86Cpu, s: number, us: UserSeg): void {
  // The slot always gets this lwp's base (0 without one): a selector loaded by the user never
  // finds the previous lwp's.
  gdt_set_lwpbase(cpu, s === FS ? LWPFS_SEL : LWPGS_SEL, (us.sel & 0xfffc) === 0 ? 0 : us.base);
  if ((us.sel & 0xfffc) === 0) { seg_null(cpu, s); return; }
  cpu.set_seg(s, us.sel, us.base);
}

/** pcb_to_cpu — load the saved context into the CPU: CPL 3, flat code and data, the lwp's %fs/%gs. */
export function pcb_to_cpu(cpu: X86Cpu, pcb: X86Pcb): void {
  for (const s of [ES, SS, DS]) cpu.set_seg(s, UDS_SEL, 0);
  cpu.set_seg(CS, UCS_SEL, 0);
  seg_load(cpu, FS, pcb.fs);
  seg_load(cpu, GS, pcb.gs);
  cpu.regs.set(pcb.regs);
  cpu.eip = pcb.eip | 0;
  cpu.eflags = ((pcb.eflags & PSL_USERMASK) | PSL_USER) >>> 0;
}

/** cpu_to_pcb — capture the registers, eip, eflags and the %fs/%gs selectors and bases. */
export function cpu_to_pcb(cpu: X86Cpu, pcb: X86Pcb): void {
  pcb.regs.set(cpu.regs);
  pcb.eip = cpu.eip | 0;
  pcb.eflags = cpu.eflags | 0;
  pcb.fs = { sel: cpu.sel[FS] & 0xffff, base: cpu.segNull[FS] ? 0 : cpu.segBase[FS] >>> 0 };
  pcb.gs = { sel: cpu.sel[GS] & 0xffff, base: cpu.segNull[GS] ? 0 : cpu.segBase[GS] >>> 0 };
}

/**
 * lwp_setrval — the syscall return for the LWP running on `cpu`: success clears CF and sets
 * %eax = v1, %edx = v2 (%edx only for two-value calls, v2 !== undefined).
 */
export function lwp_setrval(cpu: X86Cpu, v1: number, v2?: number): void {
  cpu.eflags = (cpu.eflags & ~CF) >>> 0;
  cpu.regs[0] = v1;
  if (v2 !== undefined) cpu.regs[2] = v2;
}

/** lwp_seterrno — the syscall error return: CF set, %eax = errno. */
export function lwp_seterrno(cpu: X86Cpu, errno: number): void {
  cpu.eflags = (cpu.eflags | CF) >>> 0;
  cpu.regs[0] = errno;
}
