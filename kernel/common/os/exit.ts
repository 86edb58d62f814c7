/*
 * kernel/common/os/exit.ts — process exit (uts/common/os/exit.c, reduced): rexit() for the exit
 * system call and exit(why, what) for every way a process ends: close its files, release its
 * address space (relvm), become a zombie and tell the kernel (which halts when init exits).
 * Reaping by wait, orphan re-parenting and SIGCHLD come with the fork-layer work.
 */

import { SZOMB, CLD_EXITED } from '../sys/proc.ts';
import { TS_ZOMB } from '../sys/thread.ts';
import { curkernel, curthread } from './kglobals.ts';
import { closef } from '../fs/file.ts';
import { as_free } from '../vm/vm_as.ts';
import type { SysRet } from '../syscall/syscall_table.ts';

/** rexit — the exit(2) system call: exit(CLD_EXITED, status & 0377). */
export function rexit(args: number[]): SysRet {
  exit(CLD_EXITED, args[0] & 0xff);
  return { error: 0, rval1: 0, rval2: 0 };
}

/** exit — end the current process with wait code `why` and data `what`. */
export function exit(why: number, what: number): void {
  const t = curthread();
  const p = t.t_procp;
  if (p.p_stat === SZOMB) return;
  for (let i = 0; i < p.p_fds.length; i++) {
    const f = p.p_fds[i];
    if (f) { closef(f); p.p_fds[i] = null; }
  }
  if (p.p_as) { as_free(p.p_as); p.p_as = null; }
  p.p_wcode = why;
  p.p_wdata = what;
  p.p_stat = SZOMB;
  for (const th of p.p_threads) th.t_state = TS_ZOMB;
  curkernel().proc_exited(p);
}
