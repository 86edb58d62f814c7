/*
 * kernel/common/sys/thread.ts — kernel threads (kthread_t, uts/common/sys/thread.h).
 * A kernel thread is a generator coroutine: it yields T_PREEMPT to give up the CPU while still
 * runnable and T_BLOCK after putting itself to sleep; the dispatcher resumes it. Each user LWP is
 * bound to one kernel thread, as in Solaris.
 */

import type { Proc } from './proc.ts';
import type { Lwp } from './klwp.ts';

/** Thread states (t_state). */
export const TS_FREE = 0x00, TS_SLEEP = 0x01, TS_RUN = 0x02, TS_ONPROC = 0x04, TS_ZOMB = 0x08, TS_STOPPED = 0x10;

/** Values a kernel thread yields to the dispatcher. */
export const T_PREEMPT = 'preempt' as const;
export const T_BLOCK = 'block' as const;
export type ThreadYield = typeof T_PREEMPT | typeof T_BLOCK;

export type KGen<R = void> = Generator<ThreadYield, R, unknown>;

/** KThread — kthread_t. */
export class KThread {
  readonly t_did: number;
  t_tid: number;
  t_state = TS_RUN;
  t_procp: Proc;
  t_lwp: Lwp | null;
  /** CPU the thread is on (or last ran on). */
  t_cpu = -1;
  /** The coroutine body; set by the creator. */
  t_gen: KGen | null = null;
  /** Instruction budget left in the current slice (set by the dispatcher). */
  t_budget = 0;
  /** What the thread sleeps on (for debugging). */
  t_wchan: unknown = null;
  /** Set when the thread should leave the CPU at the next opportunity (cpu_runrun). */
  t_preempt = false;
  /** Post-syscall work pending (t_post_sys). */
  t_post_sys = false;

  constructor(did: number, tid: number, p: Proc, lwp: Lwp | null) {
    this.t_did = did;
    this.t_tid = tid;
    this.t_procp = p;
    this.t_lwp = lwp;
  }
}
