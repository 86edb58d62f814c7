/*
 * test/kernel/common/fs/fs_harness.ts — a minimal kernel for the file-system unit tests: a
 * dispatcher, kernel threads whose bodies are generators, and a loop that runs whatever is
 * runnable until nothing is (no CPUs, no user code, no clock). Enough for mutexes, condition
 * variables and signals to behave as in the real kernel.
 */

import { Dispatcher } from '../../../../kernel/common/disp/disp.ts';
import { KThread, T_PREEMPT, TS_ZOMB, type KGen } from '../../../../kernel/common/sys/thread.ts';
import { Proc, SRUN } from '../../../../kernel/common/sys/proc.ts';
import { RamFs } from '../../../../kernel/common/fs/ramfs.ts';
import { set_current } from '../../../../kernel/common/os/kglobals.ts';
import type { Kernel } from '../../../../kernel/common/os/main.ts';

/** What a thread body finished with. */
export interface Done<R> { done: boolean; value?: R }

/** Sim — a stand-in kernel: the fields the fs code reaches through curkernel(). */
export class Sim {
  readonly disp = new Dispatcher();
  readonly fs = new RamFs();
  readonly machine = { console: {} };
  private nextdid = 1;
  private nextpid = 100;

  get k(): Kernel { return this as unknown as Kernel; }

  /** A process with no address space, runnable. */
  proc(): Proc {
    const p = new Proc(this.nextpid++);
    p.p_stat = SRUN;
    return p;
  }

  /** A thread of p running body(); its result lands in the returned box when it finishes. */
  spawn<R>(p: Proc, body: () => KGen<R>): { t: KThread; out: Done<R> } {
    const t = new KThread(this.nextdid++, p.p_threads.length + 1, p, null);
    p.p_threads.push(t);
    const out: Done<R> = { done: false };
    t.t_gen = (function* (): KGen {
      out.value = yield* body();
      out.done = true;
      t.t_state = TS_ZOMB;
    })();
    this.disp.setrun(t);
    return { t, out };
  }

  /** Run code as thread t outside its body (e.g. a close from another context). */
  as<R>(t: KThread, fn: () => R): R {
    set_current(this.k, t);
    try { return fn(); } finally { set_current(null, null); }
  }

  /** Run runnable threads until none is left (or `limit` resumptions); returns the count. */
  run(limit = 100_000): number {
    let n = 0;
    for (; n < limit; n++) {
      const t = this.disp.disp(0);
      if (!t) break;
      set_current(this.k, t);
      let r;
      try { r = t.t_gen!.next(); } finally { set_current(null, null); }
      if (r.done || t.t_state === TS_ZOMB) continue;
      if (r.value === T_PREEMPT) this.disp.setbackdq(t);
    }
    return n;
  }
}

/** A generator that yields once (gives other threads a turn) and returns nothing. */
export function* yield_once(): KGen {
  yield T_PREEMPT;
}
