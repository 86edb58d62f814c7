/*
 * kernel/common/os/kdi.ts — the kernel/debugger interface (illumos uts/common/os/kdi.c is kmdb's):
 * the points where the kernel lets an attached debugger stop the machine. A stop is a yield of
 * T_DEBUG by the thread at that point; the machine loop (main.ts) then returns to the debugger
 * with every thread where it was, and resumes that thread first when told to go on, so a session
 * with stops runs exactly as one without. The debugger (debug/, which nothing in the kernel
 * imports) implements KdiHooks; with none attached each point costs one test of `kdi_on`.
 * Also here: kdi_mark, which records a thread's kernel call chain when it yields (::findstack).
 */

import { T_DEBUG, type KGen, type KThread } from '../sys/thread.ts';
import { curkernel, curthread } from './kglobals.ts';
import type { KMutex } from '../sys/mutex.ts';
import type { SigInfo } from './sig.ts';

/** Why the machine stopped, as the debugger reports it. */
export interface KdiStop { kind: string; detail: string; t: KThread | null }

/**
 * KdiHooks — what an attached debugger decides. Each hook returns a stop (the machine stops there)
 * or null. `pending` lets code that cannot yield (VM, probes) ask for a stop at the thread's next
 * KDI point (kdi_check).
 */
export interface KdiHooks {
  fbt(t: KThread, name: string): KdiStop | null;
  syscall(t: KThread, name: string, phase: 'entry' | 'return', detail: string): KdiStop | null;
  trap(t: KThread, tt: number, pc: number): KdiStop | null;
  /** A user-mode instruction breakpoint fired at pc on t's CPU; null: not for this process. */
  ubpt(t: KThread, pc: number): KdiStop | null;
  lock(t: KThread, m: KMutex, event: 'contend'): KdiStop | null;
  /** After each trap's kernel work (copy-on-write breaks are visible then). */
  trap_done(t: KThread): KdiStop | null;
  /** A watched user load (rw 1) or store (rw 2) of len bytes at va completed on t's CPU; null: not for this process. */
  watch(t: KThread, va: number, len: number, rw: number): KdiStop | null;
  /**
   * A signal is about to be acted on for t at its return to user (psig; never SIGKILL); a stop
   * takes it away (the debugger may post it again with `info`), null lets it be delivered.
   */
  signal(t: KThread, sig: number, info: SigInfo): KdiStop | null;
  /** User instructions the thread may run before it must stop (instruction stepping); Infinity: no limit. */
  step_budget(t: KThread): number;
  /** Called with the instructions t ran; returns a stop when a step is complete. */
  stepped(t: KThread, n: number): KdiStop | null;
  /** At the end of each round of CPU slices (no thread is inside the kernel then but sleepers). */
  round_end(): KdiStop | null;
  /** Optional: after each run of thread t on its CPU (a resume of its coroutine), before the next CPU's. */
  ran?(t: KThread): void;
  pending: KdiStop | null;
}

/** True once any debugger is attached in this host process (the per-kernel hooks decide the rest). */
export let kdi_on = false;

/** What the kernel keeps for its debugger: the hooks and the last stop. */
export interface KdiHost { kdi: KdiHooks | null; kdi_stopped: KdiStop | null }

/** kdi_attach — attach debugger hooks to kernel k (forkvm debug, --debug-on). */
export function kdi_attach(k: KdiHost, hooks: KdiHooks): void {
  k.kdi = hooks;
  kdi_on = true;
  // A panic's call chain (kept for ::findstack) then shows every frame, not the first ten.
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 64);
}

/** kdi_mark — remember t's kernel call chain as it leaves the CPU or pauses (for ::findstack). */
export function kdi_mark(t: KThread): void {
  const lim = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;      // the whole chain of delegating generators
  t.t_stack = new Error().stack ?? null;
  Error.stackTraceLimit = lim;
}

/** kdi_stop — stop the machine here: record why, and yield T_DEBUG. */
export function* kdi_stop(why: KdiStop): KGen {
  const k = curkernel() as unknown as KdiHost;
  const t = curthread();
  k.kdi_stopped = why;
  kdi_mark(t);
  yield T_DEBUG;
}

/** kdi_fbt — a kernel function's entry point (fbt::NAME:entry): stop if a breakpoint is set on it. */
export function* kdi_fbt(name: string): KGen {
  const h = (curkernel() as unknown as KdiHost).kdi;
  if (!h) return;
  const s = h.fbt(curthread(), name);
  if (s) yield* kdi_stop(s);
}

/** kdi_check — stop if a hook that could not yield asked for a stop (probes, VM events). */
export function* kdi_check(): KGen {
  const h = (curkernel() as unknown as KdiHost).kdi;
  if (!h || !h.pending) return;
  const s = h.pending;
  h.pending = null;
  yield* kdi_stop(s);
}
