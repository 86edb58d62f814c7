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
  /**
   * With --seed: a deterministic random source that lets a thread made runnable (setrun, setbackdq)
   * land up to two places ahead of the back of the queue, so different seeds interleave threads
   * differently. setfrontdq (the fork child running first) is never perturbed.
   */
  perturb: ((n: number) => number) | null = null;

  /** Threads put at the front by setfrontdq that have not run yet: nothing overtakes them. */
  private readonly front = new Set<KThread>();

  /** Insert t at the back of the queue, or a little ahead of it under --seed. */
  private enqueue(t: KThread): void {
    const q = this.runq;
    let room = 0;
    while (room < 2 && room < q.length && !this.front.has(q[q.length - 1 - room])) room++;
    const ahead = this.perturb && room > 0 ? this.perturb(room + 1) : 0;
    q.splice(q.length - ahead, 0, t);
  }

  /** setrun — make `t` runnable (from sleep or when created). */
  setrun(t: KThread): void {
    ASSERT(t.t_state !== TS_ONPROC, 'setrun: thread on a CPU');
    t.t_state = TS_RUN;
    if (!this.runq.includes(t)) this.enqueue(t);
  }

  /** setbackdq — a preempted thread goes to the back of the queue. */
  setbackdq(t: KThread): void {
    t.t_state = TS_RUN;
    this.remove(t);
    this.enqueue(t);
  }

  /** setfrontdq — make `t` runnable at the front of the queue (it runs next: CL_FORKRET). */
  setfrontdq(t: KThread): void {
    ASSERT(t.t_state !== TS_ONPROC, 'setfrontdq: thread on a CPU');
    t.t_state = TS_RUN;
    this.remove(t);
    this.runq.unshift(t);
    this.front.add(t);
  }

  /** disp — take the next runnable thread for `cpuid`, or null (idle). */
  disp(cpuid: number): KThread | null {
    const t = this.runq.shift() ?? null;
    if (t) { t.t_state = TS_ONPROC; t.t_cpu = cpuid; this.front.delete(t); }
    return t;
  }

  /** Remove a thread from the run queue (exit of a runnable thread). */
  remove(t: KThread): void {
    const i = this.runq.indexOf(t);
    if (i >= 0) this.runq.splice(i, 1);
    this.front.delete(t);
  }
}
