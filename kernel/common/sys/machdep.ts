/*
 * kernel/common/sys/machdep.ts — the machine-dependent contract (the functions illumos keeps in
 * uts/<isa> under the same names). Common code calls only these; kernel/sparc implements them
 * for SPARC (and kernel/x86 later for i386). Where fork.c says `#if defined(__sparc)`, the hook is a
 * documented no-op on the other ISA.
 */

import type { Cpu } from '../../../hw/machine.ts';
import type { Lwp } from './klwp.ts';
import type { KThread, KGen } from './thread.ts';
import type { ElfIsa } from '../exec/elf.ts';

/** What happened when an LWP ran user code: the trap handler's verdict for the common loop. */
export type UserEvent =
  | { kind: 'budget' };                                  // slice used up: check for preemption

export interface MachDep {
  readonly isa: 'sparc' | 'x86';
  /** ELF/stack descriptor for exec. */
  readonly elf: ElfIsa;
  /** Set up a fresh LWP's user registers to start at `pc` with stack pointer `sp` (exec). */
  lwp_setregs(lwp: Lwp, pc: number, sp: number): void;
  /** Load `lwp`'s user context onto `cpu` (resume) and save it back (switch out). */
  lwp_load(cpu: Cpu, lwp: Lwp): void;
  lwp_save(cpu: Cpu, lwp: Lwp): void;
  /**
   * Run the LWP's user code on the CPU for up to `budget` instructions, handling every trap
   * (syscalls, window traps, faults) through common code; a generator because syscalls can block.
   * Returns when the budget is used, an interrupt is pending, or the thread must leave the CPU.
   */
  user_run(t: KThread, cpu: Cpu, budget: number): KGen<UserEvent>;
  /** Copy src's user registers into dst (a new, unloaded lwp): lwp_forkregs. */
  lwp_forkregs(k: { cpu_loaded: (Lwp | null)[]; machine: { cpus: Cpu[] } }, src: Lwp, dst: Lwp): void;
  /** Set the syscall return values (success) of an lwp that is not on a CPU. */
  lwp_setrval(lwp: Lwp, v1: number, v2: number): void;
  /** Bytes of a ucontext_t, and loading an lwp's registers from one (lwp_create). Returns errno. */
  readonly ucontext_size: number;
  lwp_setucontext(lwp: Lwp, uc: Uint8Array): number;
  /**
   * lwp_setprivate / lwp_getprivate: the thread pointer of the lwp on `cpu` (%g7 on SPARC, the
   * %fs/%gs base on x86; `which` = _LWP_FSBASE 0 or _LWP_GSBASE 1). set returns 0 or errno,
   * get the value or -1 for a bad `which`.
   */
  lwp_setprivate(cpu: Cpu, which: number, base: number): number;
  lwp_getprivate(cpu: Cpu, which: number): number;
  /** Flush user register windows to the stack (SPARC); a no-op on x86. Returns errno. */
  flush_user_windows_to_stack(t: KThread, cpu: Cpu): number;
}
