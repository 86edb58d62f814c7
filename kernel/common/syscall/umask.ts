/*
 * kernel/common/syscall/umask.ts — umask(2) (mirrors uts/common/syscall/umask.c): the file mode
 * creation mask u_cmask, inherited by fork (getproc copies it) and kept by exec. The file system
 * does not apply it yet (no file is created with a mode).
 */

import type { SysHandler, SysRet } from './syscall_table.ts';
import { curproc } from '../os/kglobals.ts';

/** umask(mask) — set the file mode creation mask (mask & 0777); returns the old one. Cannot fail. */
function umask(args: number[]): SysRet {
  const p = curproc();
  const old = p.u_cmask;
  p.u_cmask = args[0] & 0o777;
  return { error: 0, rval1: old, rval2: 0 };
}

/** Handlers by sysent name. */
export const SYSCALLS_UMASK: Record<string, SysHandler> = { umask };
