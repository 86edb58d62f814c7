/*
 * kernel/sparc/syscall.ts — the Solaris SPARC system call ABI (uts/sparc/os/syscall.c): `ta 8`,
 * number in %g1 (0 = indirect, number in %o0), arguments in %o0..%o5 then [%sp + 92]; success
 * clears PSR.C with %o0 = rval1 (%o1 = rval2 for two-value calls), an error sets PSR.C with
 * %o0 = errno; either way pc = npc, npc += 4.
 */

import type { SparcCpu } from '../../hw/sparc/cpu.ts';
import type { KGen, KThread } from '../common/sys/thread.ts';
import { TS_ZOMB } from '../common/sys/thread.ts';
import { syscall_dispatch } from '../common/syscall/syscall_table.ts';
import { sysent_row } from '../common/syscall/sysent.ts';
import { copyin } from '../common/os/copy.ts';
import { EFAULT } from '../common/sys/errno.ts';
import { lwp_setrval, lwp_seterrno } from './lwp_regs.ts';
import { curkernel } from '../common/os/kglobals.ts';
import { sig_check_restart } from '../common/os/sig.ts';

/** MINFRAME32: the stack offset of the seventh argument. */
export const MINFRAME32 = 92;

/** Fetch up to `n` argument words for the syscall now in the CPU's registers. */
function get_args(t: KThread, cpu: SparcCpu, indirect: boolean, n: number): number[] | null {
  const args: number[] = [];
  const first = indirect ? 9 : 8;
  for (let r = first; r < 14 && args.length < n; r++) args.push(cpu.getReg(r));
  if (args.length < n) {
    const as = t.t_procp.p_as;
    const need = n - args.length;
    if (!as) return null;
    const sp = cpu.getReg(14);
    const r = copyin(as, (sp + MINFRAME32) >>> 0, need * 4);
    if (r.error) return null;
    const dv = new DataView(r.data.buffer, r.data.byteOffset, need * 4);
    for (let i = 0; i < need; i++) args.push(dv.getUint32(i * 4));
  }
  return args;
}

/** syscall_trap — handle `ta 8` for thread t on `cpu`. */
export function* syscall_trap(t: KThread, cpu: SparcCpu): KGen {
  let code = cpu.getReg(1);
  const indirect = code === 0;
  if (indirect) code = cpu.getReg(8);
  // Only the arguments the call takes: a seventh is read from the stack only when it exists.
  const args = get_args(t, cpu, indirect, sysent_row(code)?.narg ?? 0);
  // Advance first: a blocking call resumes after the trap; a signal handler returns past it.
  cpu.pc = cpu.npc;
  cpu.npc = (cpu.npc + 4) | 0;
  if (!args) { lwp_seterrno(cpu, EFAULT); return; }
  const r = yield* syscall_dispatch(code, args);
  if (t.t_state === TS_ZOMB) return;
  // The thread may have moved to another CPU while it slept.
  const c = curkernel().machine.cpus[t.t_cpu] as SparcCpu;
  // setcontext has loaded every user register itself (post_syscall's JUSTRETURN).
  if (r.justreturn) return;
  if (r.error) lwp_seterrno(c, sig_check_restart(t, r.error));
  else lwp_setrval(c, r.rval1, r.nrval === 2 ? r.rval2 : undefined);
}
