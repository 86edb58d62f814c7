/*
 * kernel/sparc/trap.ts — user traps on SPARC (uts/sparc/os/trap.c, reduced): runs an LWP's user
 * code on a CPU and turns each Stop into machine-independent calls — syscall(), as_fault() on
 * MMU faults, trapsig() for SIGILL/SIGSEGV/SIGBUS/SIGFPE/SIGEMT — or handles it here when it is
 * pure SPARC business (register window overflow/underflow, ta 3).
 */

import { StopReason, type Stop } from '../../hw/machine.ts';
import type { SparcCpu } from '../../hw/sparc/cpu.ts';
import * as TT from '../../hw/sparc/trap_types.ts';
import { FT_INVALID, FT_PROTECTION, FT_PRIVILEGE } from '../../hw/sparc/srmmu.ts';
import { T_KPREEMPT, type KGen, type KThread } from '../common/sys/thread.ts';
import type { UserEvent } from '../common/sys/machdep.ts';
import { SIGBUS, SIGEMT, SIGFPE, SIGILL, SIGSEGV, SIGTRAP } from '../common/sys/signal.ts';
import { pagefault, grow, type VmProc } from '../common/vm/pagefault.ts';
import { FC_NOMAP, FC_OBJERR, FC_CODE } from '../common/vm/seg.ts';
import type { Proc } from '../common/sys/proc.ts';
import { F_INVAL, F_PROT, S_EXEC, S_READ, S_WRITE } from '../common/vm/seg.ts';
import { trapsig, issig, psig } from '../common/os/sig.ts';
import { fetch_word } from '../../hw/sparc/trace.ts';
import { charge_vm_work } from '../common/os/kcycles.ts';
import { vm_of } from '../common/vm/vm_as.ts';
import { SHOLDFORK, SHOLDFORK1, SEXITLWPS } from '../common/sys/proc.ts';
import { win_overflow, win_underflow, flush_user_windows, user_rtt_windows } from './windows.ts';
import { syscall_trap } from './syscall.ts';
import { panic } from '../common/sys/debug.ts';
import { curkernel } from '../common/os/kglobals.ts';
import { kdi_on, kdi_mark, kdi_stop } from '../common/os/kdi.ts';
import { EINVAL } from '../common/sys/errno.ts';
import { strict_on, strict_check_rtt } from '../common/os/strict_check.ts';
import { lwp_exiting } from '../common/os/exit.ts';
import { user_slice } from '../common/os/user_slice.ts';
import { NWINDOWS } from '../../hw/sparc/isa.ts';
import { lwptopcb } from './lwp_regs.ts';

/** Cycles charged for the kernel's handling of one trap (entry, handler, return). */
export const TRAP_CYCLES = 40;

/**
 * user_run — run t's user code on `cpu` for up to `budget` instructions, handling traps.
 * Returns when the budget is used, or the thread exits (t_state TS_ZOMB).
 */
export function* user_run(t: KThread, cpu0: SparcCpu, budget: number): KGen<UserEvent> {
  let left = budget;
  const k = curkernel();
  const strict = strict_on(k);
  // The way back to user mode checks for signals first (lwp_rtt): an lwp that was stopped or
  // never ran, such as one let go by SIGKILL, takes a pending signal before its next instruction.
  if (!lwp_exiting(t) && issig(t)) yield* psig(t);
  if (lwp_exiting(t)) return { kind: 'budget' };
  while (left > 0) {
    const cpu = k.machine.cpus[t.t_cpu] as SparcCpu;
    const r = yield* user_slice(t, cpu, left);
    const s = r.s;
    left -= s.executed;
    if (r.next === 'done') break;
    if (r.next === 'again') continue;
    if (s.reason === StopReason.Halt) panic('user_run', `cpu ${cpu.id} in error mode (tt 0x${s.trap.toString(16)}) at pc 0x${s.pc.toString(16)}`);
    if (s.trap === TT.TT_DEBUG_BPT) {
      // The debugger's breakpoint unit: stop if the breakpoint is for this process, else step over it.
      const st = kdi_on && k.kdi ? k.kdi.ubpt(t, s.pc) : null;
      cpu.bpt_skip = s.pc;
      if (st) yield* kdi_stop(st);
      continue;
    }
    if (s.trap === TT.TT_DEBUG_WATCH) {
      // The debugger's watch unit: the access is done; stop if the watchpoint is this process's.
      const st = kdi_on && k.kdi ? k.kdi.watch(t, cpu.watch_va >>> 0, cpu.watch_len, cpu.watch_rw) : null;
      if (st) yield* kdi_stop(st);
      continue;
    }
    cpu.cycles += TRAP_CYCLES;
    left -= 1;
    // Kernel entry and the return from trap() are preemption points (kpreempt without a charge,
    // inline): CPUs behind this one get there first.
    if (k.cpu_behind(t.t_cpu)) { if (kdi_on) kdi_mark(t); yield T_KPREEMPT; }
    if (kdi_on && k.kdi) { const st = k.kdi.trap(t, s.trap, s.pc); if (st) yield* kdi_stop(st); }
    yield* trap(t, cpu, s);
    // Windows that a spill or flush could not store: write them now, or SIGSEGV (T_FLUSH_PCB).
    if (!lwp_exiting(t)) {
      const badsp = user_rtt_windows(t);
      if (badsp !== null) yield* trapsig(t, SIGSEGV, SEGV_MAPERR, badsp);
    }
    charge_vm_work(vm_of(k).pages, k.machine.cpus[t.t_cpu]);
    if (k.cpu_behind(t.t_cpu)) { if (kdi_on) kdi_mark(t); yield T_KPREEMPT; }
    if (kdi_on && k.kdi) {
      const st = k.kdi.trap_done(t) ?? k.kdi.pending;
      k.kdi.pending = null;
      if (st) yield* kdi_stop(st);
    }
    if (!lwp_exiting(t) && issig(t)) yield* psig(t);
    if (lwp_exiting(t)) return { kind: 'budget' };
    if (strict) strict_check_rtt(k, t, window_check(t, k.machine.cpus[t.t_cpu] as SparcCpu));
    // Leave the CPU at a kernel boundary when asked (CL_FORKRET, yield, holdlwps, clock).
    if (t.t_preempt || t.t_procp.p_flag & (SHOLDFORK | SHOLDFORK1 | SEXITLWPS)) break;
  }
  void cpu0;
  return { kind: 'budget' };
}

/**
 * window_check — --check=strict's SPARC part at the return to user: exactly one invalid window
 * (WIM has one bit), not the current one, and no window left in the pcb's wbuf.
 */
function window_check(t: KThread, cpu: SparcCpu): string[] {
  const out: string[] = [];
  const wim = cpu.wim >>> 0;
  if (wim === 0 || (wim & (wim - 1)) !== 0 || wim >= 1 << NWINDOWS) out.push(`WIM is 0x${wim.toString(16)}: not one window`);
  else if (wim === 1 << cpu.CWP) out.push(`the current window ${cpu.CWP} is marked invalid`);
  const lwp = t.t_lwp;
  if (lwp && lwptopcb(lwp).wbuf.length > 0) out.push(`${lwptopcb(lwp).wbuf.length} windows left in the wbuf on the return to user`);
  return out;
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

/** Advance past the trapping instruction (pc = npc, npc += 4). */
function skip(cpu: SparcCpu): void {
  cpu.pc = cpu.npc;
  cpu.npc = (cpu.npc + 4) | 0;
}

/** Handle one user trap. */
function* trap(t: KThread, cpu: SparcCpu, s: Stop): KGen {
  const tt = s.trap;
  const pc = s.pc;
  switch (tt) {
    case TT.TT_TICC_BASE + TT.ST_SYSCALL:
      yield* syscall_trap(t, cpu);
      return;
    case TT.TT_TICC_BASE + TT.ST_FLUSH_WINDOWS: {
      // EINVAL: a misaligned %sp (SIGILL, ILL_BADSTK); EFAULT: the wbuf is full (SIGSEGV).
      const err = flush_user_windows(t, cpu);
      if (err) { yield* window_trapsig(t, err, pc, cpu); return; }
      skip(cpu);
      return;
    }
    case TT.TT_WIN_OVERFLOW: {
      const err = win_overflow(t, cpu);
      if (err) yield* window_trapsig(t, err, pc, cpu);
      return;
    }
    case TT.TT_WIN_UNDERFLOW: {
      const err = win_underflow(t, cpu);
      if (err) yield* trapsig(t, err === EINVAL ? SIGILL : SIGSEGV, err === EINVAL ? ILL_BADSTK : SEGV_MAPERR, cpu.getReg(30));
      return;
    }
    case TT.TT_DATA_ACCESS:
    case TT.TT_INST_ACCESS: {
      const ft = (s.faultStatus >>> 2) & 7;
      const at = (s.faultStatus >>> 5) & 7;
      const rw = tt === TT.TT_INST_ACCESS ? S_EXEC : (at & 4) ? S_WRITE : S_READ;
      if (ft === FT_INVALID || ft === FT_PROTECTION) {
        const fc = user_fault(t.t_procp, s.faultAddr, ft === FT_INVALID ? F_INVAL : F_PROT, rw);
        if (fc === 0) return;
        // FC_OBJERR: the object behind the page failed (past the end of a mapped file, no
        // memory for the page): SIGBUS, as in Solaris trap().
        if (FC_CODE(fc) === FC_OBJERR) yield* trapsig(t, SIGBUS, BUS_OBJERR, s.faultAddr);
        else yield* trapsig(t, SIGSEGV, fc === FC_NOMAP ? SEGV_MAPERR : SEGV_ACCERR, s.faultAddr);
        return;
      }
      if (ft === FT_PRIVILEGE) yield* trapsig(t, SIGSEGV, SEGV_ACCERR, s.faultAddr);
      else yield* trapsig(t, SIGBUS, BUS_OBJERR, s.faultAddr);
      return;
    }
    case TT.TT_ALIGNMENT: yield* trapsig(t, SIGBUS, BUS_ADRALN, misaligned_address(cpu, pc)); return;
    case TT.TT_ILLEGAL:
    case TT.TT_FP_DISABLED:
    case TT.TT_CP_DISABLED: yield* trapsig(t, SIGILL, ILL_ILLOPC, pc); return;
    case TT.TT_PRIVILEGED: yield* trapsig(t, SIGILL, ILL_PRVOPC, pc); return;
    case TT.TT_TAG_OVERFLOW: yield* trapsig(t, SIGEMT, EMT_TAGOVF, pc); return;
    case TT.TT_DIV_ZERO: yield* trapsig(t, SIGFPE, FPE_INTDIV, pc); return;
    case TT.TT_TICC_BASE + 1: yield* trapsig(t, SIGTRAP, TRAP_BRKPT, pc); return;  // ta 1: breakpoint
    case TT.TT_TICC_BASE + 2: yield* trapsig(t, SIGFPE, FPE_INTDIV, pc); return;   // ta 2: software divide by zero
    case TT.TT_TICC_BASE + 7: yield* trapsig(t, SIGFPE, FPE_INTOVF, pc); return;   // ta 7: integer overflow
    default:
      if (tt > TT.TT_INTERRUPT_BASE && tt < TT.TT_INTERRUPT_BASE + 16) return; // serviced by the clock loop
      yield* trapsig(t, SIGILL, ILL_ILLTRP, pc);                                  // unknown software trap
      return;
  }
}

/** The signal for a spill that failed: SIGILL (ILL_BADSTK) for a misaligned %sp, else SIGSEGV. */
function* window_trapsig(t: KThread, err: number, pc: number, cpu: SparcCpu): KGen {
  if (err === EINVAL) yield* trapsig(t, SIGILL, ILL_BADSTK, pc);
  else yield* trapsig(t, SIGSEGV, SEGV_MAPERR, cpu.getReg(14));
}

/** siginfo codes (Solaris sys/machsig.h). */
const ILL_ILLOPC = 1, ILL_ILLTRP = 4, ILL_PRVOPC = 5, ILL_BADSTK = 8;
const FPE_INTDIV = 1, FPE_INTOVF = 2;
const SEGV_MAPERR = 1, SEGV_ACCERR = 2;
const BUS_ADRALN = 1, BUS_OBJERR = 3;
const EMT_TAGOVF = 1, TRAP_BRKPT = 1;

/** The effective address of the load/store/jmpl at pc (for si_addr of an alignment fault). */
function misaligned_address(cpu: SparcCpu, pc: number): number {
  const w = fetch_word(cpu);
  if (w === null || cpu.pc !== pc) return pc;
  const rs1 = (w >>> 14) & 31;
  const op2 = w & 0x2000 ? (w << 19) >> 19 : cpu.getReg(w & 31);
  return (cpu.getReg(rs1) + op2) >>> 0;
}
