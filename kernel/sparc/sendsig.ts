/*
 * kernel/sparc/sendsig.ts — the SPARC half of signal delivery and user contexts (mirrors
 * uts/sparc/os/sendsig.c, v9dep.c savecontext/restorecontext for a 32-bit process): the signal
 * frame on the user stack (window save area, ucontext, siginfo), entry to the handler, and the
 * context(2) get/set that the handler's return goes through. Registers itself with sig.ts as the
 * 'sparc' SigMd on load, and the alternate signal stack (SA_ONSTACK). Leaves out gwins and FPU state.
 */

import type { Cpu } from '../../hw/machine.ts';
import type { SparcCpu } from '../../hw/sparc/cpu.ts';
import { PSR_C } from '../../hw/sparc/cpu.ts';
import { NWINDOWS } from '../../hw/sparc/isa.ts';
import type { KThread } from '../common/sys/thread.ts';
import { EFAULT } from '../common/sys/errno.ts';
import { copyin, copyout, type FaultFn } from '../common/os/copy.ts';
import { sig_md_register, siginfo_encode, SIGINFO32_SIZE, SA_ONSTACK, type SetcontextResult, type SigInfo, type SigMd } from '../common/os/sig.ts';
import {
  UC_SIZE, UC_SIGMASK, UC_STACK, UC_CPU, REG_O0, REG_O6, REG_PSR,
  ucontext_read, ucontext_write, cpu_getgregs, cpu_setgregs, type UContext,
} from './ucontext.ts';
import { flush_user_windows_to_stack, WINDOWSIZE32 } from './windows.ts';
import { user_fault } from './trap.ts';

/** MINFRAME: the 64-byte window save area plus the hidden and six argument words (struct frame). */
export const SA_MINFRAME = 96;

/**
 * The signal frame, from the handler's %sp upward (struct sigframe of sendsig.c):
 * [sp, sp+96) struct frame, whose first 64 bytes are the window save area of the interrupted
 * window (which now has this %sp); [sp+96, sp+96+UC_SIZE) the ucontext; then the siginfo when the
 * handler asked for one (SA_SIGINFO).
 */
export const SIGFRAME_UC_OFF = SA_MINFRAME;
export const SIGFRAME_SI_OFF = SA_MINFRAME + UC_SIZE;

/** Round up to the stack alignment (8). */
function SA(n: number): number { return (n + 7) & ~7; }

function fault_fn(t: KThread): FaultFn {
  const p = t.t_procp;
  return (a, ty, rw) => user_fault(p, a, ty, rw);
}

/**
 * The lwp's stack as stack_t describes it (savecontext): the alternate stack while the lwp runs
 * on it (SS_ONSTACK), else the main stack [usrstack - stksize, usrstack).
 */
function stack_of(t: KThread): UContext['stack'] {
  const p = t.t_procp;
  const ss = t.t_lwp?.lwp_sigaltstack;
  if (ss && (ss.ss_flags & SS_ONSTACK)) return { sp: ss.ss_sp >>> 0, size: ss.ss_size >>> 0, flags: ss.ss_flags };
  return { sp: (p.p_usrstack - p.p_stksize) >>> 0, size: p.p_stksize >>> 0, flags: 0 };
}

/** ss_flags (sys/signal.h). */
const SS_ONSTACK = 0x1, SS_DISABLE = 0x2;

/**
 * sendsig — build the signal frame below the interrupted %sp and enter `handler` with
 * %o0 = sig, %o1 = &siginfo (0 without info), %o2 = &ucontext, %sp = the frame; pc = handler.
 * Every user window (the current one too) is flushed to the stack first, so the context needs
 * no gwins. Returns the ucontext's address, or 0 (registers untouched) when the windows or the
 * frame cannot be written or %sp is misaligned.
 */
export function sendsig(t: KThread, cpu0: Cpu, sig: number, info: SigInfo | null, handler: number,
  oldmask: bigint, link: number): number {
  const cpu = cpu0 as SparcCpu;
  const as = t.t_procp.p_as;
  if (!as) return 0;
  if (flush_user_windows_to_stack(t, cpu, true)) return 0;
  const sp = cpu.getReg(14);
  if (sp & 7) return 0;
  const size = SA(SA_MINFRAME + UC_SIZE + (info ? SIGINFO32_SIZE : 0));
  // A handler installed with SA_ONSTACK runs on the alternate stack, unless it is disabled or the
  // lwp is already on it (sendsig's newstack).
  const ss = t.t_lwp!.lwp_sigaltstack;
  const newstack = ((t.t_procp.u_sigflags[sig] ?? 0) & SA_ONSTACK) !== 0 && (ss.ss_flags & (SS_ONSTACK | SS_DISABLE)) === 0;
  const fp = newstack ? ((SA(ss.ss_sp) + (ss.ss_size & ~7) - size) >>> 0) - 8 : sp - size;
  if (fp < 0) return 0;
  const pf = fault_fn(t);
  // The interrupted window's locals and ins, just flushed to [sp]: they become its save area here.
  const win = copyin(as, sp, WINDOWSIZE32, pf);
  if (win.error) return 0;
  const frame = new Uint8Array(size);
  frame.set(win.data, 0);
  const gregs = cpu_getgregs(cpu);
  ucontext_write({ flags: UC_SIGMASK | UC_STACK | UC_CPU, link, sigmask: oldmask, stack: stack_of(t), gregs },
    frame.subarray(SIGFRAME_UC_OFF, SIGFRAME_UC_OFF + UC_SIZE));
  if (info) frame.set(siginfo_encode({ ...info, si_signo: sig }), SIGFRAME_SI_OFF);
  if (copyout(as, fp, frame, pf)) return 0;
  if (newstack) ss.ss_flags |= SS_ONSTACK;
  const ucp = fp + SIGFRAME_UC_OFF;
  cpu.setReg(14, fp);
  cpu.setReg(8, sig);
  cpu.setReg(9, info ? fp + SIGFRAME_SI_OFF : 0);
  cpu.setReg(10, ucp);
  cpu.pc = handler | 0;
  cpu.npc = (handler + 4) | 0;
  return ucp;
}

/**
 * getcontext — context(GETCONTEXT, ucp): flush the windows and store the registers as they will
 * be when this call returns (pc past the trap, %o0 = 0, carry clear), with `mask`, uc_link `link`
 * and the lwp's stack. Returns 0 or EFAULT.
 */
export function getcontext(t: KThread, cpu0: Cpu, ucp: number, mask: bigint, link: number): number {
  const cpu = cpu0 as SparcCpu;
  const as = t.t_procp.p_as;
  if (!as) return EFAULT;
  flush_user_windows_to_stack(t, cpu, true);
  const gregs = cpu_getgregs(cpu);
  gregs[REG_O0] = 0;
  gregs[REG_PSR] = (gregs[REG_PSR] & ~PSR_C) >>> 0;
  const bytes = ucontext_write({ flags: UC_SIGMASK | UC_STACK | UC_CPU, link, sigmask: mask, stack: stack_of(t), gregs });
  return copyout(as, ucp >>> 0, bytes, fault_fn(t));
}

/**
 * setcontext — context(SETCONTEXT, ucp): with UC_CPU, every user window is flushed, then pc, npc,
 * %y, the icc, globals and outs come from gregs and the current window's locals and ins from
 * the stack at the new %sp (the only valid window afterwards). EFAULT, with nothing changed,
 * when ucp or the new frame is unreadable or %sp is misaligned. The mask (UC_SIGMASK) and
 * uc_link are returned for the common code to install, with the return registers as `ret`.
 */
export function setcontext(t: KThread, cpu0: Cpu, ucp: number): SetcontextResult {
  const cpu = cpu0 as SparcCpu;
  const as = t.t_procp.p_as;
  const fail: SetcontextResult = { error: EFAULT, sigmask: null, link: 0, ret: { error: 0, rval1: 0 } };
  if (!as) return fail;
  const pf = fault_fn(t);
  const r = copyin(as, ucp >>> 0, UC_SIZE, pf);
  if (r.error) return fail;
  const uc = ucontext_read(r.data);
  if (uc.flags & UC_CPU) {
    const nsp = uc.gregs[REG_O6];
    if (nsp & 7) return fail;
    if (flush_user_windows_to_stack(t, cpu, true)) return fail;
    const w = copyin(as, nsp, WINDOWSIZE32, pf);
    if (w.error) return fail;
    cpu_setgregs(cpu, uc.gregs);
    const dv = new DataView(w.data.buffer, w.data.byteOffset, WINDOWSIZE32);
    for (let i = 0; i < 16; i++) cpu.setReg(16 + i, dv.getInt32(i * 4));
    cpu.wim = 1 << ((cpu.CWP + 1) % NWINDOWS);
  }
  // restorecontext: returning from a handler that ran on the alternate stack leaves it.
  if ((uc.flags & UC_STACK) && t.t_lwp) {
    if (uc.stack.flags === SS_ONSTACK) t.t_lwp.lwp_sigaltstack = { ss_sp: uc.stack.sp, ss_size: uc.stack.size, ss_flags: uc.stack.flags };
    else t.t_lwp.lwp_sigaltstack.ss_flags &= ~SS_ONSTACK;
  }
  const o0 = cpu.getReg(8) | 0;
  return {
    error: 0, sigmask: (uc.flags & UC_SIGMASK) ? uc.sigmask : null, link: uc.link,
    ret: { error: (cpu.psr & PSR_C) ? o0 : 0, rval1: o0 },
  };
}

/** The SPARC SigMd (big-endian). */
export const sparc_sigmd: SigMd = { sendsig, getcontext, setcontext, littleEndian: false, user_pc: (cpu) => (cpu as SparcCpu).pc };

sig_md_register('sparc', sparc_sigmd);
