/*
 * kernel/common/syscall/getpid.ts — getpid (uts/common/syscall/getpid.c): rval1 = pid,
 * rval2 = parent's pid (libc's getppid reads rval2).
 */

import { curproc } from '../os/kglobals.ts';
import type { SysRet } from './syscall_table.ts';

/** getpid() → (pid, ppid) */
export function getpid(_args: number[]): SysRet {
  const p = curproc();
  return { error: 0, rval1: p.p_pid, rval2: p.p_ppid };
}
