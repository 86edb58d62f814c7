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
  /** Microstate accounting reduced to two states: cycles in user mode and in the kernel (ms_acct). */
  lwp_ms_user = 0;
  lwp_ms_sys = 0;
  /**
   * ITIMER_VIRTUAL and ITIMER_PROF (lwp_timer[] in Solaris: per lwp): expiry as a value of
   * lwp_ms_user (virtual) or lwp_ms_user + lwp_ms_sys (prof), and the reload interval, in cycles.
   */
  lwp_timer: { expire: number; interval: number }[] = [];
  /** The alternate signal stack (lwp_sigaltstack: ss_sp, ss_size, ss_flags); flags SS_DISABLE when none. */
  lwp_sigaltstack = { ss_sp: 0, ss_size: 0, ss_flags: 2 };

  constructor(p: Proc, pcb: unknown) {
    this.lwp_procp = p;
    this.lwp_pcb = pcb;
  }
}
