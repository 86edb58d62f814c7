/*
 * kernel/common/disp/disp.ts — the dispatcher (uts/common/disp/disp.c, reduced): one FIFO run
 * queue, setrun() to make a thread runnable, and the per-CPU choice of what runs next. It is
 * deterministic: the same sequence of events gives the same choices.
 */

import { TS_RUN, TS_ONPROC, type KThread } from '../sys/thread.ts';
import { ASSERT } from '../sys/debug.ts';

export class Dispatcher {
  /** Runnable threads waiting for a CPU, in order. */
  readonly runq: KThread[] = [];

  /** setrun — make `t` runnable (from sleep or when created). */
  setrun(t: KThread): void {
    ASSERT(t.t_state !== TS_ONPROC, 'setrun: thread on a CPU');
    t.t_state = TS_RUN;
    if (!this.runq.includes(t)) this.runq.push(t);
  }

  /** setbackdq — a preempted thread goes to the back of the queue. */
  setbackdq(t: KThread): void {
    t.t_state = TS_RUN;
    this.remove(t);
    this.runq.push(t);
  }

  /** setfrontdq — make `t` runnable at the front of the queue (it runs next: CL_FORKRET). */
  setfrontdq(t: KThread): void {
    ASSERT(t.t_state !== TS_ONPROC, 'setfrontdq: thread on a CPU');
    t.t_state = TS_RUN;
    this.remove(t);
    this.runq.unshift(t);
  }

  /** disp — take the next runnable thread for `cpuid`, or null (idle). */
  disp(cpuid: number): KThread | null {
    const t = this.runq.shift() ?? null;
    if (t) { t.t_state = TS_ONPROC; t.t_cpu = cpuid; }
    return t;
  }

  /** Remove a thread from the run queue (exit of a runnable thread). */
  remove(t: KThread): void {
    const i = this.runq.indexOf(t);
    if (i >= 0) this.runq.splice(i, 1);
  }
}
