/*
 * kernel/common/sys/proc.ts — the process (proc_t, uts/common/sys/proc.h) with the fields the
 * kernel uses so far. Lock map: p_stat, the child lists and p_wcode are protected by pidlock in
 * Solaris; the fields below are written only by the owning process or under the kernel's pidlock.
 */

import type { As } from '../vm/vm_as.ts';
import type { KThread } from './thread.ts';
import type { UFile } from '../fs/file.ts';

/** Process states (p_stat). */
export const SSLEEP = 1, SRUN = 2, SZOMB = 3, SSTOP = 4, SIDL = 5, SONPROC = 6;

/** Wait codes (p_wcode): CLD_EXITED 1, CLD_KILLED 2, CLD_DUMPED 3. */
export const CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;

export class Proc {
  p_pid: number;
  p_ppid = 0;
  p_parent: Proc | null = null;
  p_child: Proc[] = [];
  p_stat = SIDL;
  p_as: As | null = null;
  p_threads: KThread[] = [];
  /** Exit status parts, as wstat() reads them. */
  p_wcode = 0;
  p_wdata = 0;
  /** Heap and stack (p_brkbase, p_brksize, p_stksize). */
  p_brkbase = 0;
  p_brksize = 0;
  /** Top of the user stack, bytes mapped below it, and the most it may grow to. */
  p_usrstack = 0;
  p_stksize = 0;
  p_stk_ctl = 0;
  /** Name for messages (u_comm) and the arguments (u_psargs). */
  u_comm = '';
  u_psargs = '';
  /** Open files (uf_entry array of the u-area). */
  p_fds: (UFile | null)[] = [];

  constructor(pid: number) {
    this.p_pid = pid;
  }
}

/**
 * wstat — the wait status word for (code, data), as uts/common/os/exit.c builds it:
 * exited → (data & 0377) << 8, killed → sig, dumped → sig | 0200.
 */
export function wstat(code: number, data: number): number {
  switch (code) {
    case CLD_EXITED: return (data & 0xff) << 8;
    case CLD_KILLED: return data & 0x7f;
    case CLD_DUMPED: return (data & 0x7f) | 0x80;
    default: return 0;
  }
}
