/*
 * kernel/common/os/sig.ts — signals (uts/common/os/sig.c), so far only what ends a process:
 * tsignal/trapsig post a signal; psig() at the return to user applies its default action
 * (terminate, with a core flag for the core-dumping signals, or ignore). Handlers, masks and
 * sigaction come with the fork-layer work.
 */

import type { KThread } from '../sys/thread.ts';
import * as S from '../sys/signal.ts';
import { CLD_DUMPED, CLD_KILLED } from '../sys/proc.ts';
import { exit } from './exit.ts';

/** Signals whose default action dumps core (wait status gets 0200). */
const CORE = new Set([S.SIGQUIT, S.SIGILL, S.SIGTRAP, S.SIGABRT, S.SIGEMT, S.SIGFPE, S.SIGBUS, S.SIGSEGV, S.SIGSYS]);
/** Signals ignored by default. */
const IGNORE = new Set([S.SIGCHLD, S.SIGPWR, S.SIGWINCH, S.SIGURG, S.SIGCONT]);

/** Pending signals per thread (a bit set indexed by signal number). */
const pending = new WeakMap<KThread, Set<number>>();

/** tsignal — post `sig` to thread t. */
export function tsignal(t: KThread, sig: number): void {
  let s = pending.get(t);
  if (!s) { s = new Set(); pending.set(t, s); }
  s.add(sig);
}

/** trapsig — a synchronous signal caused by the instruction the thread just executed. */
export function trapsig(t: KThread, sig: number): void {
  tsignal(t, sig);
  psig(t);
}

/** True when t has a signal to act on. */
export function issig(t: KThread): boolean {
  const s = pending.get(t);
  return !!s && s.size > 0;
}

/** psig — take the pending signals' actions (default actions only, so far). */
export function psig(t: KThread): void {
  const s = pending.get(t);
  if (!s) return;
  for (const sig of [...s].sort((a, b) => a - b)) {
    s.delete(sig);
    if (IGNORE.has(sig)) continue;
    exit(CORE.has(sig) ? CLD_DUMPED : CLD_KILLED, sig);
    return;
  }
}
