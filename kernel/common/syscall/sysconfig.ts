/*
 * kernel/common/syscall/sysconfig.ts — sysconfig(2), the undocumented trap behind libc's sysconf()
 * (mirrors uts/common/syscall/sysconfig.c): the kernel's configuration values by _CONFIG_* code
 * (sys/sysconfig.h). Unknown codes are EINVAL. Leaves out the cache geometry (_CONFIG_COHERENCY ..
 * _CONFIG_DCACHE_ASSOC), which the SRMMU machine does not describe.
 */

import type { SysHandler, SysRet } from './syscall_table.ts';
import { curkernel } from '../os/kglobals.ts';
import { EINVAL } from '../sys/errno.ts';
import { NOFILE } from '../fs/fio.ts';
import { PAGESIZE } from '../vm/vm_page.ts';
import { vm_of } from '../vm/vm_as.ts';
import { HZ } from '../os/timers.ts';
import { TIMER_MAX } from '../os/timer.ts';

/** _CONFIG_* codes (sys/sysconfig.h). */
export const _CONFIG_NGROUPS = 2, _CONFIG_CHILD_MAX = 3, _CONFIG_OPEN_FILES = 4, _CONFIG_POSIX_VER = 5,
  _CONFIG_PAGESIZE = 6, _CONFIG_CLK_TCK = 7, _CONFIG_XOPEN_VER = 8, _CONFIG_PROF_TCK = 10,
  _CONFIG_NPROC_CONF = 11, _CONFIG_NPROC_ONLN = 12, _CONFIG_DELAYTIMER_MAX = 16, _CONFIG_RTSIG_MAX = 19,
  _CONFIG_SIGQUEUE_MAX = 22, _CONFIG_SIGRT_MIN = 23, _CONFIG_SIGRT_MAX = 24, _CONFIG_TIMER_MAX = 25,
  _CONFIG_PHYS_PAGES = 26, _CONFIG_AVPHYS_PAGES = 27, _CONFIG_MAXPID = 42, _CONFIG_STACK_PROT = 43,
  _CONFIG_NPROC_MAX = 44, _CONFIG_CPUID_MAX = 45, _CONFIG_SYMLOOP_MAX = 46;

/** sysconfig(which) — the value, or EINVAL for an unknown or unsupported code. */
function sysconfig(args: number[]): SysRet {
  const k = curkernel();
  const ncpu = k.machine.cpus.length;
  const val = ((): number | null => {
    switch (args[0] | 0) {
      case _CONFIG_NGROUPS: return 16;                     /* ngroups_max */
      case _CONFIG_CHILD_MAX: return k.pids.v.v_maxup;
      case _CONFIG_OPEN_FILES: return NOFILE;
      case _CONFIG_POSIX_VER: return 199506;
      case _CONFIG_PAGESIZE: return PAGESIZE;
      case _CONFIG_CLK_TCK: case _CONFIG_PROF_TCK: return HZ;
      case _CONFIG_XOPEN_VER: return 3;
      case _CONFIG_NPROC_CONF: case _CONFIG_NPROC_ONLN: case _CONFIG_NPROC_MAX: return ncpu;
      case _CONFIG_CPUID_MAX: return ncpu - 1;
      case _CONFIG_DELAYTIMER_MAX: return 0x7fffffff;
      case _CONFIG_RTSIG_MAX: return 8;                    /* SIGRTMAX - SIGRTMIN + 1 */
      case _CONFIG_SIGQUEUE_MAX: return 32;                /* _SIGQUEUE_MAX */
      case _CONFIG_SIGRT_MIN: return 41;
      case _CONFIG_SIGRT_MAX: return 48;
      case _CONFIG_TIMER_MAX: return TIMER_MAX;
      case _CONFIG_PHYS_PAGES: return vm_of(k).pages.p_total;
      case _CONFIG_AVPHYS_PAGES: return vm_of(k).pages.freemem;
      case _CONFIG_MAXPID: return k.pids.v.maxpid - 1;     /* the highest pid handed out */
      case _CONFIG_STACK_PROT: return 0x7;                 /* PROT_READ|PROT_WRITE|PROT_EXEC */
      case _CONFIG_SYMLOOP_MAX: return 20;                 /* MAXSYMLINKS */
      default: return null;
    }
  })();
  return val === null ? { error: EINVAL, rval1: 0, rval2: 0 } : { error: 0, rval1: val | 0, rval2: 0 };
}

/** Handlers by sysent name. */
export const SYSCALLS_SYSCONFIG: Record<string, SysHandler> = { sysconfig };
