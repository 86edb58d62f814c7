/*
 * kernel/common/syscall/brk.ts — brk(addr) (uts/common/os/grow.c): move the break; 0 on success,
 * ENOMEM when the heap cannot grow there. libc's sbrk keeps the current break itself.
 */

import { curproc } from '../os/kglobals.ts';
import { brk_internal, type VmProc } from '../vm/pagefault.ts';
import { EFAULT } from '../sys/errno.ts';
import type { SysRet } from './syscall_table.ts';

/** brk(nva) */
export function brk(args: number[]): SysRet {
  const p = curproc();
  if (!p.p_as) return { error: EFAULT, rval1: 0, rval2: 0 };
  const e = brk_internal(p as VmProc, args[0] >>> 0);
  return { error: e, rval1: 0, rval2: 0 };
}
