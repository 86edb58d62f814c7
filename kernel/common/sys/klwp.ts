/*
 * kernel/common/sys/klwp.ts — the light-weight process (klwp_t, uts/common/sys/klwp.h): the user
 * half of a thread. Its machine state when off the CPU lives in `lwp_pcb`, whose layout belongs
 * to the ISA (kernel/<isa>/lwp_regs.ts), as the machpcb does in Solaris.
 */

import type { KThread } from './thread.ts';
import type { Proc } from './proc.ts';

export class Lwp {
  lwp_procp: Proc;
  lwp_thread: KThread | null = null;
  /** ISA-defined saved user context (machpcb). */
  lwp_pcb: unknown;
  lwp_cursig = 0;

  constructor(p: Proc, pcb: unknown) {
    this.lwp_procp = p;
    this.lwp_pcb = pcb;
  }
}
