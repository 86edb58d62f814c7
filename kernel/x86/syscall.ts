/*
 * kernel/x86/syscall.ts — the Solaris i386 system call ABI (uts/intel/ia32/os/syscall.c,
 * copyin_args32 and post_syscall): `int $0x91`, number in %eax (0 = indirect: the number is the
 * first stack word), arguments on the user stack at 4(%esp) — above the libc wrapper's return
 * address. Success clears CF with %eax = rval1 (%edx = rval2 for two-value calls); an error sets
 * CF with %eax = errno. The int already left eip past itself, so no pc adjustment is needed.
 */

import type { X86Cpu } from '../../hw/x86/cpu.ts';
import { EAX, ESP } from '../../hw/x86/cpu.ts';
import type { KGen, KThread } from '../common/sys/thread.ts';
import { TS_ZOMB } from '../common/sys/thread.ts';
import { syscall_dispatch } from '../common/syscall/syscall_table.ts';
import { sysent_row } from '../common/syscall/sysent.ts';
import { copyin } from '../common/os/copy.ts';
import { EFAULT } from '../common/sys/errno.ts';
import { lwp_setrval, lwp_seterrno } from './lwp_regs.ts';
import { curkernel } from '../common/os/kglobals.ts';
import { sig_check_restart } from '../common/os/sig.ts';

/**
 * get_args — `n` argument words from the user stack at %esp + 4 (+ 4 more for an indirect call),
 * or null when the stack is unreadable.
 */
export function get_args(t: KThread, cpu: X86Cpu, indirect: boolean, n: number): number[] | null {
  if (n === 0) return [];
  const as = t.t_procp.p_as;
  if (!as) return null;
  const at = (cpu.regs[ESP] + (indirect ? 8 : 4)) >>> 0;
  const r = copyin(as, at, n * 4);
  if (r.error) return null;
  const dv = new DataView(r.data.buffer, r.data.byteOffset, n * 4);
  const args: number[] = [];
  for (let i = 0; i < n; i++) args.push(dv.getUint32(i * 4, true));
  return args;
}

/** syscall_trap — handle `int $0x91` for thread t on `cpu`. */
export function* syscall_trap(t: KThread, cpu: X86Cpu): KGen {
  let code = cpu.regs[EAX] >>> 0;
  const indirect = code === 0;
  if (indirect) {
    const w = get_args(t, cpu, false, 1);
    if (!w) { lwp_seterrno(cpu, EFAULT); return; }
    code = w[0];
  }
  const args = get_args(t, cpu, indirect, sysent_row(code)?.narg ?? 0);
  if (!args) { lwp_seterrno(cpu, EFAULT); return; }
  const r = yield* syscall_dispatch(code, args);
  if (t.t_state === TS_ZOMB) return;
  // The thread may have moved to another CPU while it slept.
  const c = curkernel().machine.cpus[t.t_cpu] as X86Cpu;
  if (r.justreturn) return;
  if (r.error) lwp_seterrno(c, sig_check_restart(t, r.error));
  else lwp_setrval(c, r.rval1, r.nrval === 2 ? r.rval2 : undefined);
}
