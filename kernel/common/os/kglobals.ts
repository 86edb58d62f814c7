/*
 * kernel/common/os/kglobals.ts — the per-CPU "current" pointers (curthread, curproc, CPU) that
 * Solaris reads from the CPU structure. The dispatcher sets them before it resumes a thread; one
 * host process can hold several kernels (tests), so they point into whichever kernel is running.
 */

import type { KThread } from '../sys/thread.ts';
import type { Proc } from '../sys/proc.ts';
import type { Kernel } from './main.ts';
import { panic } from '../sys/debug.ts';

let cur_t: KThread | null = null;
let cur_k: Kernel | null = null;

/** Set by the dispatcher: the kernel and thread now running. */
export function set_current(k: Kernel | null, t: KThread | null): void { cur_k = k; cur_t = t; }

/** The running kernel thread (curthread). */
export function curthread(): KThread {
  if (!cur_t) panic('curthread', 'no current thread');
  return cur_t;
}
/** The running thread and kernel, or null outside any (kernel work charged from library code). */
export function curthread_or_null(): KThread | null { return cur_t; }
export function curkernel_or_null(): Kernel | null { return cur_k; }
/** The running process (curproc = curthread->t_procp). */
export function curproc(): Proc { return curthread().t_procp; }
/** The running kernel instance. */
export function curkernel(): Kernel {
  if (!cur_k) panic('curkernel', 'no current kernel');
  return cur_k;
}
