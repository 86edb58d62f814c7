/*
 * kernel/common/syscall/sysret.ts — the two shapes a system call handler returns (the rval_t and
 * errno of Solaris's syscall handlers): ok(rval1, rval2) and fail(errno). A leaf module, so that
 * every handler file can import it without reaching the dispatcher (syscall_table.ts).
 */

import type { SysRet } from './syscall_table.ts';

/** ok — success with return values rval1 (and rval2 for the two-value calls), as 32-bit words. */
export function ok(rval1 = 0, rval2 = 0): SysRet { return { error: 0, rval1: rval1 | 0, rval2: rval2 | 0 }; }

/** fail — the call fails with errno `e`. */
export function fail(e: number): SysRet { return { error: e, rval1: 0, rval2: 0 }; }
