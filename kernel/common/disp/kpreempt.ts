/*
 * kernel/common/disp/kpreempt.ts — kernel preemption points: where kernel code does work that the
 * cycle model charges (kcycles.ts), it charges the CPU it runs on and, when another CPU of the
 * machine is behind it in the current round, yields T_KPREEMPT. The machine loop (os/main.ts) then
 * runs the other CPUs up to this one's cycle count before it goes on, so the kernel threads of two
 * CPUs interleave at cycle granularity and a lock held across such a point is really held.
 * (illumos has kpreempt() for involuntary kernel preemption; here the points are the charges.)
 */

import { T_KPREEMPT, type KGen } from '../sys/thread.ts';
import { curkernel, curthread, curkernel_or_null, curthread_or_null } from '../os/kglobals.ts';
import { kdi_on, kdi_mark } from '../os/kdi.ts';

/**
 * kpreempt — charge `cycles` of kernel work to the current CPU, then let every CPU that is behind
 * it catch up. Holds whatever locks the caller holds. With one CPU (or no CPU behind) it never
 * yields, so it costs a comparison.
 */
export function* kpreempt(cycles: number): KGen {
  const k = curkernel();
  const t = curthread();
  if (t.t_cpu < 0) return;          // boot (process 0 before any CPU runs it)
  if (cycles > 0) k.machine.cpus[t.t_cpu].cycles += cycles;
  if (k.cpu_behind(t.t_cpu)) {
    if (kdi_on) kdi_mark(t);
    yield T_KPREEMPT;
  }
}

/**
 * kcharge — charge `cycles` of kernel work to the current CPU without a preemption point (work
 * done in code that cannot yield, e.g. copyin; the caller's next preemption point orders it).
 */
export function kcharge(cycles: number): void {
  const k = curkernel_or_null();
  const t = curthread_or_null();
  if (k && t && t.t_cpu >= 0) k.machine.cpus[t.t_cpu].cycles += cycles;
}
