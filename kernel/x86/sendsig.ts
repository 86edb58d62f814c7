/*
 * kernel/x86/sendsig.ts — the i386 half of signal delivery and user contexts (mirrors
 * uts/intel/ia32/os/sendsig.c and savecontext/restorecontext for a 32-bit process): the signal
 * frame on the user stack, entry to the handler, and the context(2) get/set the handler's return
 * goes through. Registers itself with sig.ts as the 'x86' SigMd on load.
 *
 * The frame, from the handler's %esp upward (struct sigframe, then the contexts):
 *   [esp+0]  return address: 0 (libc's __sigacthandler ends with setcontext and never returns;
 *            a bare handler that returns faults at pc 0)
 *   [esp+4]  signo, [esp+8] &siginfo (0 without SA_SIGINFO), [esp+12] &ucontext — the cdecl
 *            arguments of handler(sig, sip, ucp)
 *   [esp+16] the ucontext_t (512 bytes), then the siginfo_t (128 bytes) when the handler asked for one.
 * %esp + 4 is 16-byte aligned at entry, as the i386 psABI wants at a function's first instruction.
 */

import type { Cpu } from '../../hw/machine.ts';
import type { X86Cpu } from '../../hw/x86/cpu.ts';
import { CF, ESP } from '../../hw/x86/cpu.ts';
import type { KThread } from '../common/sys/thread.ts';
import { EFAULT, EINVAL } from '../common/sys/errno.ts';
import { copyin, copyout, type FaultFn } from '../common/os/copy.ts';
import { sig_md_register, siginfo_encode, SIGINFO32_SIZE, SA_ONSTACK, type SetcontextResult, type SigInfo, type SigMd } from '../common/os/sig.ts';
import {
  UC_SIZE, UC_SIGMASK, UC_STACK, UC_CPU, EAX, EFL, FS_, GS_,
  ucontext_read, ucontext_write, cpu_getgregs, cpu_setgregs, gregs_valid_sel, type UContext,
} from './ucontext.ts';
import { user_fault } from './trap.ts';

/** struct sigframe: return address and the three handler arguments. */
export const SIGFRAME_SIZE = 16;
export const SIGFRAME_UC_OFF = SIGFRAME_SIZE;
export const SIGFRAME_SI_OFF = SIGFRAME_SIZE + UC_SIZE;

function fault_fn(t: KThread): FaultFn {
  const p = t.t_procp;
  return (a, ty, rw) => user_fault(p, a, ty, rw);
}

/** ss_flags (sys/signal.h). */
const SS_ONSTACK = 0x1, SS_DISABLE = 0x2;

/** The lwp's stack as stack_t describes it: the alternate stack while on it, else the main stack. */
function stack_of(t: KThread): UContext['stack'] {
  const p = t.t_procp;
  const ss = t.t_lwp?.lwp_sigaltstack;
  if (ss && (ss.ss_flags & SS_ONSTACK)) return { sp: ss.ss_sp >>> 0, size: ss.ss_size >>> 0, flags: ss.ss_flags };
  return { sp: (p.p_usrstack - p.p_stksize) >>> 0, size: p.p_stksize >>> 0, flags: 0 };
}

/**
 * sendsig — build the frame below the interrupted %esp (or at the top of the alternate stack)
 * and enter `handler` with %esp at the frame. Returns the ucontext's address, or 0 (registers
 * untouched) when the frame cannot be written.
 */
export function sendsig(t: KThread, cpu0: Cpu, sig: number, info: SigInfo | null, handler: number,
  oldmask: bigint, link: number): number {
  const cpu = cpu0 as X86Cpu;
  const as = t.t_procp.p_as;
  if (!as) return 0;
  const sp = cpu.regs[ESP] >>> 0;
  const size = SIGFRAME_SIZE + UC_SIZE + (info ? SIGINFO32_SIZE : 0);
  const ss = t.t_lwp!.lwp_sigaltstack;
  const newstack = ((t.t_procp.u_sigflags[sig] ?? 0) & SA_ONSTACK) !== 0 && (ss.ss_flags & (SS_ONSTACK | SS_DISABLE)) === 0;
  const top = newstack ? ((ss.ss_sp >>> 0) + (ss.ss_size >>> 0)) : sp;
  // (fp + 4) % 16 === 0, and the frame below `top`.
  const fp = Math.floor((top - size - 4) / 16) * 16 + 12;
  if (fp < 0) return 0;
  const frame = new Uint8Array(size);
  const dv = new DataView(frame.buffer);
  const ucp = fp + SIGFRAME_UC_OFF;
  const sip = info ? fp + SIGFRAME_SI_OFF : 0;
  dv.setUint32(0, 0, true);
  dv.setUint32(4, sig, true);
  dv.setUint32(8, sip, true);
  dv.setUint32(12, ucp, true);
  ucontext_write({ flags: UC_SIGMASK | UC_STACK | UC_CPU, link, sigmask: oldmask, stack: stack_of(t), gregs: cpu_getgregs(cpu) },
    frame.subarray(SIGFRAME_UC_OFF, SIGFRAME_UC_OFF + UC_SIZE));
  if (info) frame.set(siginfo_encode({ ...info, si_signo: sig }, true), SIGFRAME_SI_OFF);
  if (copyout(as, fp >>> 0, frame, fault_fn(t))) return 0;
  if (newstack) ss.ss_flags |= SS_ONSTACK;
  cpu.regs[ESP] = fp;
  cpu.eip = handler | 0;
  // The handler starts with DF clear, as the psABI requires at a call (and Solaris's sendsig does).
  cpu.eflags = (cpu.eflags & ~0x400) >>> 0;
  return ucp;
}

/**
 * getcontext — context(GETCONTEXT, ucp): the registers as they will be when this call returns
 * (eip past the int, %eax = 0, CF clear), with `mask`, uc_link `link` and the lwp's stack. 0 or EFAULT.
 */
export function getcontext(t: KThread, cpu0: Cpu, ucp: number, mask: bigint, link: number): number {
  const cpu = cpu0 as X86Cpu;
  const as = t.t_procp.p_as;
  if (!as) return EFAULT;
  const gregs = cpu_getgregs(cpu);
  gregs[EAX] = 0;
  gregs[EFL] = (gregs[EFL] & ~CF) >>> 0;
  const bytes = ucontext_write({ flags: UC_SIGMASK | UC_STACK | UC_CPU, link, sigmask: mask, stack: stack_of(t), gregs });
  return copyout(as, ucp >>> 0, bytes, fault_fn(t));
}

/**
 * setcontext — context(SETCONTEXT, ucp): with UC_CPU, the registers come from gregs (EFAULT when
 * ucp is unreadable, EINVAL for a %fs/%gs selector that is not null or the lwp's own; nothing
 * changed then). The mask and uc_link go back to the common code, with the return registers as `ret`.
 */
export function setcontext(t: KThread, cpu0: Cpu, ucp: number): SetcontextResult {
  const cpu = cpu0 as X86Cpu;
  const as = t.t_procp.p_as;
  const fail = (error: number): SetcontextResult => ({ error, sigmask: null, link: 0, ret: { error: 0, rval1: 0 } });
  if (!as) return fail(EFAULT);
  const r = copyin(as, ucp >>> 0, UC_SIZE, fault_fn(t));
  if (r.error) return fail(EFAULT);
  const uc = ucontext_read(r.data);
  if (uc.flags & UC_CPU) {
    if (!gregs_valid_sel(uc.gregs[FS_], 'fs') || !gregs_valid_sel(uc.gregs[GS_], 'gs')) return fail(EINVAL);
    cpu_setgregs(cpu, uc.gregs);
  }
  // restorecontext: returning from a handler that ran on the alternate stack leaves it.
  if ((uc.flags & UC_STACK) && t.t_lwp) {
    if (uc.stack.flags === SS_ONSTACK) t.t_lwp.lwp_sigaltstack = { ss_sp: uc.stack.sp, ss_size: uc.stack.size, ss_flags: uc.stack.flags };
    else t.t_lwp.lwp_sigaltstack.ss_flags &= ~SS_ONSTACK;
  }
  const eax = cpu.regs[0] | 0;
  return {
    error: 0, sigmask: (uc.flags & UC_SIGMASK) ? uc.sigmask : null, link: uc.link,
    ret: { error: (cpu.eflags & CF) ? eax : 0, rval1: eax },
  };
}

/** The i386 SigMd (little-endian). */
export const x86_sigmd: SigMd = { sendsig, getcontext, setcontext, littleEndian: true, user_pc: (cpu) => (cpu as X86Cpu).eip };

sig_md_register('x86', x86_sigmd);
