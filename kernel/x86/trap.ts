/*
 * kernel/x86/trap.ts — user traps on i386 (uts/i86pc/os/trap.c, reduced): runs an LWP's user code
 * on a CPU and turns each Stop into machine-independent calls — syscall() for `int $0x91`,
 * pagefault() for #PF, trapsig() for the rest:
 *   #PF  → resolved, or SIGSEGV (SEGV_MAPERR / SEGV_ACCERR) or SIGBUS (BUS_OBJERR, FC_OBJERR)
 *   #DE  → SIGFPE FPE_INTDIV          #UD → SIGILL ILL_ILLOPC
 *   #GP, #NP, #SS → SIGSEGV SEGV_MAPERR at the instruction (also `int n` for a gate user code
 *        may not use: every vector but 3, 4 and 0x91 has DPL 0, as in Solaris's IDT)
 *   #NM  → SIGILL ILL_ILLOPC: there is no FPU (CR0.EM), as trap()'s fpnoextflt does when no FPU exists
 *   #BP (int3) → SIGTRAP TRAP_BRKPT   #OF (into) → SIGFPE FPE_INTOVF   #DB → SIGTRAP TRAP_TRACE
 *   #AC → SIGBUS BUS_ADRALN           #BR → SIGSEGV SEGV_MAPERR        #MC → SIGBUS BUS_OBJERR
 * A fault leaves eip at the faulting instruction; a trap (int n) leaves it past, as the hardware.
 */

import { StopReason, type Stop } from '../../hw/machine.ts';
import type { X86Cpu } from '../../hw/x86/cpu.ts';
import * as V from '../../hw/x86/trap_types.ts';
import { T_KPREEMPT, type KGen, type KThread } from '../common/sys/thread.ts';
import type { UserEvent } from '../common/sys/machdep.ts';
import { SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP } from '../common/sys/signal.ts';
import { pagefault, grow, type VmProc } from '../common/vm/pagefault.ts';
import { FC_NOMAP, FC_OBJERR, FC_CODE, F_INVAL, F_PROT, S_EXEC, S_READ, S_WRITE } from '../common/vm/seg.ts';
import type { Proc } from '../common/sys/proc.ts';
import { trapsig, issig, psig } from '../common/os/sig.ts';
import { charge_vm_work } from '../common/os/kcycles.ts';
import { vm_of } from '../common/vm/vm_as.ts';
import { SHOLDFORK, SHOLDFORK1, SEXITLWPS } from '../common/sys/proc.ts';
import { syscall_trap } from './syscall.ts';
import { panic } from '../common/sys/debug.ts';
import { curkernel } from '../common/os/kglobals.ts';
import { kdi_on, kdi_mark, kdi_stop } from '../common/os/kdi.ts';
import { strict_on, strict_check_rtt } from '../common/os/strict_check.ts';
import { lwp_exiting } from '../common/os/exit.ts';
import { user_slice } from '../common/os/user_slice.ts';

/** Cycles charged for the kernel's handling of one trap (entry, handler, return), as on SPARC. */
export const TRAP_CYCLES = 40;

/** siginfo codes (Solaris sys/machsig.h). */
export const ILL_ILLOPC = 1, FPE_INTDIV = 1, FPE_INTOVF = 2, SEGV_MAPERR = 1, SEGV_ACCERR = 2,
  BUS_ADRALN = 1, BUS_OBJERR = 3, TRAP_BRKPT = 1, TRAP_TRACE = 2;

/**
 * user_run — run t's user code on its CPU for up to `budget` instructions, handling traps.
 * Returns when the budget is used, the thread must leave the CPU, or it exits (TS_ZOMB).
 */
export function* user_run(t: KThread, _cpu0: X86Cpu, budget: number): KGen<UserEvent> {
  let left = budget;
  const k = curkernel();
  const strict = strict_on(k);
  // lwp_rtt: a pending signal is taken before the first instruction.
  if (!lwp_exiting(t) && issig(t)) yield* psig(t);
  if (lwp_exiting(t)) return { kind: 'budget' };
  while (left > 0) {
    const cpu = k.machine.cpus[t.t_cpu] as X86Cpu;
    const r = yield* user_slice(t, cpu, left);
    const s = r.s;
    left -= s.executed;
    if (r.next === 'done') break;
    if (r.next === 'again') continue;
    // hlt is privileged (#GP at CPL 3): a halt from user mode is a CPU bug.
    if (s.reason === StopReason.Halt) panic('user_run', `cpu ${cpu.id} halted in user mode at eip 0x${s.pc.toString(16)}`);
    if (s.trap === V.VEC_DEBUG_BPT) {
      const st = kdi_on && k.kdi ? k.kdi.ubpt(t, s.pc) : null;
      cpu.bpt_skip = s.pc;
      if (st) yield* kdi_stop(st);
      continue;
    }
    if (s.trap >= V.IRQ_BASE && s.trap < V.IRQ_BASE + 16 && s.pc === s.npc) continue; // the clock loop serves interrupts
    cpu.cycles += TRAP_CYCLES;
    left -= 1;
    if (k.cpu_behind(t.t_cpu)) { if (kdi_on) kdi_mark(t); yield T_KPREEMPT; }
    if (kdi_on && k.kdi) { const st = k.kdi.trap(t, s.trap, s.pc); if (st) yield* kdi_stop(st); }
    yield* trap(t, cpu, s);
    charge_vm_work(vm_of(k).pages, k.machine.cpus[t.t_cpu]);
    if (k.cpu_behind(t.t_cpu)) { if (kdi_on) kdi_mark(t); yield T_KPREEMPT; }
    if (kdi_on && k.kdi) {
      const st = k.kdi.trap_done(t) ?? k.kdi.pending;
      k.kdi.pending = null;
      if (st) yield* kdi_stop(st);
    }
    if (!lwp_exiting(t) && issig(t)) yield* psig(t);
    if (lwp_exiting(t)) return { kind: 'budget' };
    if (strict) strict_check_rtt(k, t, []);
    if (t.t_preempt || t.t_procp.p_flag & (SHOLDFORK | SHOLDFORK1 | SEXITLWPS)) break;
  }
  return { kind: 'budget' };
}

/**
 * user_fault — resolve a user fault as trap() does: pagefault(), and when nothing is mapped below
 * the stack, grow the stack and retry. Returns 0 or the FC_* code.
 */
export function user_fault(p: Proc, addr: number, type: number, rw: number): number {
  if (!p.p_as) return FC_NOMAP;
  const vp = p as VmProc;
  let fc = pagefault(vp, addr, type, rw);
  if (fc === FC_NOMAP && addr < p.p_usrstack && grow(vp, addr)) fc = pagefault(vp, addr, type, rw);
  return fc;
}

/** True when the Stop is an `int n` (a trap: eip already past it), not a fault of the same vector. */
function is_int(s: Stop): boolean { return s.pc !== s.npc; }

/** Handle one user trap. */
function* trap(t: KThread, cpu: X86Cpu, s: Stop): KGen {
  const v = s.trap;
  if (v === V.VEC_SYSCALL) { yield* syscall_trap(t, cpu); return; }
  if (is_int(s) && v !== V.VEC_BP && v !== V.VEC_OF && v !== V.VEC_DB) {
    // int n through a gate of DPL 0: #GP(n * 8 + 2) at the int instruction.
    cpu.eip = s.npc;
    yield* trapsig(t, SIGSEGV, SEGV_MAPERR, s.npc);
    return;
  }
  switch (v) {
    case V.VEC_PF: {
      const ec = s.faultStatus;
      // No NX in 32-bit paging: a fetch fault is one at the instruction's own address.
      const rw = (ec & V.PFEC_W) ? S_WRITE : s.faultAddr === cpu.eip >>> 0 ? S_EXEC : S_READ;
      const fc = user_fault(t.t_procp, s.faultAddr, (ec & V.PFEC_P) ? F_PROT : F_INVAL, rw);
      if (fc === 0) return;
      if (FC_CODE(fc) === FC_OBJERR) yield* trapsig(t, SIGBUS, BUS_OBJERR, s.faultAddr);
      else yield* trapsig(t, SIGSEGV, fc === FC_NOMAP ? SEGV_MAPERR : SEGV_ACCERR, s.faultAddr);
      return;
    }
    case V.VEC_DE: yield* trapsig(t, SIGFPE, FPE_INTDIV, s.pc); return;
    case V.VEC_UD: yield* trapsig(t, SIGILL, ILL_ILLOPC, s.pc); return;
    case V.VEC_NM: yield* trapsig(t, SIGILL, ILL_ILLOPC, s.pc); return;
    case V.VEC_GP: case V.VEC_NP: case V.VEC_SS: case V.VEC_TS: case V.VEC_BR:
      yield* trapsig(t, SIGSEGV, SEGV_MAPERR, s.pc); return;
    case V.VEC_BP: yield* trapsig(t, SIGTRAP, TRAP_BRKPT, s.npc); return;
    case V.VEC_OF: yield* trapsig(t, SIGFPE, FPE_INTOVF, s.npc); return;
    case V.VEC_DB: yield* trapsig(t, SIGTRAP, TRAP_TRACE, s.pc); return;
    case V.VEC_AC: yield* trapsig(t, SIGBUS, BUS_ADRALN, s.pc); return;
    case V.VEC_MC: yield* trapsig(t, SIGBUS, BUS_OBJERR, s.pc); return;
    default:
      panic('trap', `unexpected vector 0x${v.toString(16)} (${V.trap_name(v)}) from user mode at eip 0x${(s.pc >>> 0).toString(16)}`);
  }
}
