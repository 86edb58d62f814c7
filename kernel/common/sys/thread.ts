/*
 * kernel/common/sys/thread.ts — kernel threads (kthread_t, uts/common/sys/thread.h).
 * A kernel thread is a generator coroutine: it yields T_PREEMPT to give up the CPU while still
 * runnable, T_BLOCK after putting itself to sleep, and T_KPREEMPT at a kernel preemption point
 * (it stays on its CPU, locks and all, while the other CPUs catch up: disp/kpreempt.ts); the
 * dispatcher resumes it. Each user LWP is bound to one kernel thread, as in Solaris.
 */

import type { Proc } from './proc.ts';
import type { Lwp } from './klwp.ts';
import type { KMutex } from './mutex.ts';
import type { KCondvar } from './condvar.ts';

/** Thread states (t_state). */
export const TS_FREE = 0x00, TS_SLEEP = 0x01, TS_RUN = 0x02, TS_ONPROC = 0x04, TS_ZOMB = 0x08, TS_STOPPED = 0x10;

/** Values a kernel thread yields to the dispatcher. */
export const T_PREEMPT = 'preempt' as const;
export const T_BLOCK = 'block' as const;
export const T_KPREEMPT = 'kpreempt' as const;
/** Yielded at a debugger stop (os/kdi.ts): the machine returns to the debugger, the thread resumes first. */
export const T_DEBUG = 'debug' as const;
export type ThreadYield = typeof T_PREEMPT | typeof T_BLOCK | typeof T_KPREEMPT | typeof T_DEBUG;

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
  /** Mutexes held, in acquisition order (for MUTEX_HELD, the lock-order check and panics). */
  t_locks: KMutex[] = [];
  /** The mutex this thread is blocked on, if any (deadlock detection). */
  t_blocked: KMutex | null = null;
  /** The condition variable this thread sleeps on, and whether a signal may wake it. */
  t_cv: KCondvar | null = null;
  t_sigsleep = false;
  /** Set when an interruptible sleep was ended by a signal (cv_wait_sig returns 0). */
  t_interrupted = false;
  /** Tick at which a timed sleep ends (0 = none); set when the timeout fired. */
  t_timeout = 0;
  t_timedout = false;
  /** Thread flags (t_proc_flag: TP_TWAIT, TP_DAEMON, TP_HOLDLWP ...) and t_flag (T_FORKALL ...). */
  t_proc_flag = 0;
  t_flag = 0;
  /** Signals held (blocked) by this thread (t_hold) and pending for it (t_sig), as bit sets. */
  t_hold = 0n;
  t_sig = 0n;
  /** A fork clone's syscall name until its first return to user (for --trace syscalls). */
  t_forkret: string | null = null;
  /** TS_CREATE: a new lwp that continuelwps()/CL_FORKRET may set running. */
  t_create = false;
  /**
   * Suspended in place (stop(PR_SUSPENDED) inside an interruptible sleep, for another lwp's
   * fork1 hold): counts as held until continuelwps.
   */
  t_insleep_held = false;
  /** lwp_suspend()ed (TP_HOLDLWP's lwp_suspend half): stopped at its hold point until lwp_continue. */
  t_suspended = false;
  /** Machine time (cycles) at which the thread blocked on a mutex (lockstat block time). */
  t_blockstart = 0;
  /** With a debugger attached: the JS stack (kernel call chain) when the thread last yielded (kdi_mark). */
  t_stack: string | null = null;
  /** Human-readable label for panics and traces. */
  get t_name(): string { return `${this.t_procp.u_comm || 'proc'}[${this.t_procp.p_pid}/${this.t_tid}]`; }

  constructor(did: number, tid: number, p: Proc, lwp: Lwp | null) {
    this.t_did = did;
    this.t_tid = tid;
    this.t_procp = p;
    this.t_lwp = lwp;
  }
}
