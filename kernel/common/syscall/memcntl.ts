/*
 * kernel/common/syscall/memcntl.ts — memcntl(2) for memory locking (mirrors
 * uts/common/syscall/memcntl.c): MC_LOCK/MC_UNLOCK of a page range and MC_LOCKAS/MC_UNLOCKAS of the
 * whole address space (mlockall's MCL_CURRENT/MCL_FUTURE), the calls under libc's mlock, munlock,
 * mlockall and munlockall. Every page is resident here (no paging), so locking only records what
 * is locked; the records belong to the process: fork does not copy them, exec and exit drop them.
 * Leaves out MC_SYNC, MC_ADVISE, MC_HAT_ADVISE and the attr/mask selection of segments.
 */

import type { SysHandler, SysRet } from './syscall_table.ts';
import { curproc } from '../os/kglobals.ts';
import { EINVAL, ENOMEM, EPERM } from '../sys/errno.ts';
import { as_checkprot } from '../vm/vm_as.ts';
import { PAGEOFFSET } from '../vm/vm_page.ts';
import { ok, fail } from './sysret.ts';

/** memcntl commands and mlockall flags (sys/mman.h). */
export const MC_SYNC = 1, MC_LOCK = 2, MC_UNLOCK = 3, MC_ADVISE = 4, MC_LOCKAS = 5, MC_UNLOCKAS = 6;
export const MCL_CURRENT = 0x1, MCL_FUTURE = 0x2;


/**
 * memcntl(addr, len, cmd, arg, attr, mask) — EINVAL for an unknown command, an unaligned addr,
 * nonzero attr/mask, or mlockall flags other than MCL_CURRENT|MCL_FUTURE (none set is EINVAL too);
 * ENOMEM when [addr, addr+len) is not all mapped; EPERM for a non-root caller
 * (secpolicy_lock_memory). Nothing is recorded on failure.
 */
function memcntl(args: number[]): SysRet {
  const [addr, len, cmd, arg, attr, mask] = args;
  const p = curproc();
  if (attr !== 0 || mask !== 0) return fail(EINVAL);
  switch (cmd) {
    case MC_LOCK: case MC_UNLOCK: {
      if ((addr & PAGEOFFSET) !== 0) return fail(EINVAL);
      if (p.p_uid !== 0) return fail(EPERM);
      const end = addr + len;
      if (len === 0) return ok();
      if (end > 0x1_0000_0000 || !p.p_as || as_checkprot(p.p_as, addr >>> 0, len >>> 0, 0) !== 0) return fail(ENOMEM);
      p.p_mlocked = p.p_mlocked.filter((r) => r.addr + r.len <= addr || r.addr >= end)
        .concat(...p.p_mlocked.filter((r) => r.addr < addr && r.addr + r.len > addr).map((r) => ({ addr: r.addr, len: addr - r.addr })),
          ...p.p_mlocked.filter((r) => r.addr < end && r.addr + r.len > end).map((r) => ({ addr: end, len: r.addr + r.len - end })));
      if (cmd === MC_LOCK) p.p_mlocked.push({ addr: addr >>> 0, len: len >>> 0 });
      p.p_mlocked.sort((a, b) => a.addr - b.addr);
      return ok();
    }
    case MC_LOCKAS:
      if (arg === 0 || (arg & ~(MCL_CURRENT | MCL_FUTURE)) !== 0) return fail(EINVAL);
      if (p.p_uid !== 0) return fail(EPERM);
      p.p_mlockall = arg;
      return ok();
    case MC_UNLOCKAS:
      if (p.p_uid !== 0) return fail(EPERM);
      p.p_mlockall = 0;
      p.p_mlocked = [];
      return ok();
    default:
      return fail(EINVAL);
  }
}

/** Handlers by sysent name. */
export const SYSCALLS_MEMCNTL: Record<string, SysHandler> = { memcntl };
