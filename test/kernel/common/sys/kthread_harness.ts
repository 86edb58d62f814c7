/*
 * test/kernel/common/sys/kthread_harness.ts — run kernel-thread bodies on a booted kernel (the
 * mutex, condvar and semaphore tests): each body becomes a kernel thread of process 0, and the
 * kernel runs until nothing can.
 */

import { boot_machine, DEFAULT_BOOT } from '../../../../boot/boot.ts';
import { KThread, type KGen } from '../../../../kernel/common/sys/thread.ts';
import type { Kernel } from '../../../../kernel/common/os/main.ts';

/** run_threads — boot (`cpus` CPUs, lockstat when asked), run `bodies` as threads of proc0; the kernel, its halt and the threads. */
export function run_threads(bodies: ((k: Kernel, self: KThread) => KGen)[], cpus = 2, lockstat = false) {
  const { kernel: k } = boot_machine({ ...DEFAULT_BOOT, fsDirs: [], cpus, lockstat });
  const threads = bodies.map((b, i) => {
    const t = new KThread(k.next_did(), 100 + i, k.proc0, null);
    t.t_gen = b(k, t);
    k.proc0.p_threads.push(t);
    k.disp.setrun(t);
    return t;
  });
  const halt = k.run();
  return { k, halt, threads };
}
