/*
 * kernel/common/os/user_slice.ts — one stretch of user code on a CPU, as both ISAs' trap loops
 * (kernel/<isa>/trap.ts user_run) run it: the instruction quota (a debugger stepping the thread
 * lets it run only what its step has left; --trace runs one instruction at a time), the user-time
 * charge, and the debugger's step accounting. What the trap means is the ISA's business.
 */

import { StopReason, type Cpu, type Stop } from '../../../hw/machine.ts';
import type { KGen, KThread } from '../sys/thread.ts';
import { curkernel } from './kglobals.ts';
import { kdi_on, kdi_stop } from './kdi.ts';

/**
 * SliceEnd — after a stretch: `trap` (s is a Trap or Halt stop for the caller to handle),
 * `again` (go round: the debugger stopped, or a tracer's single instruction), `done` (the
 * thread's budget is used).
 */
export type SliceEnd = { next: 'trap' | 'again' | 'done'; s: Stop };

/** user_slice — run t on cpu for at most `left` instructions; the caller subtracts s.executed. */
export function* user_slice(t: KThread, cpu: Cpu, left: number): KGen<SliceEnd> {
  const k = curkernel();
  const tracer = k.opts.trace;
  const quota = kdi_on && k.kdi ? Math.min(left, k.kdi.step_budget(t)) : left;
  const c0 = cpu.cycles;
  let s: Stop;
  if (tracer) { tracer(cpu); s = cpu.run(1); } else s = cpu.run(quota);
  if (t.t_lwp) t.t_lwp.lwp_ms_user += cpu.cycles - c0;
  if (kdi_on && k.kdi && quota < Infinity) {
    const st = k.kdi.stepped(t, s.executed);
    if (st && s.reason === StopReason.Budget) { yield* kdi_stop(st); return { next: 'again', s }; }
    if (st) k.kdi.pending = st;
  }
  if (s.reason === StopReason.Budget) return { next: !tracer && quota === left ? 'done' : 'again', s };
  return { next: 'trap', s };
}
