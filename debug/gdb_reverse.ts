/*
 * debug/gdb_reverse.ts — reverse execution for the gdb stub (gdb's reverse-stepi, reverse-continue:
 * the `bs` and `bc` packets, ReverseStep+/ReverseContinue+ in qSupported) on the session's
 * time-travel engine (time_travel.ts), and the recording of gdb's writes to the guest (M, X, G, P)
 * so that a re-execution makes them again at the same place.
 */

import type { DebugTarget } from './target.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import { place_cmp, TimeTravel, TravelError, BeforeStart } from './time_travel.ts';

/** The qSupported features to add: reverse execution when the session has an engine. */
export function gdb_reverse_features(tgt: DebugTarget): string {
  return tgt.travel instanceof TimeTravel ? ';ReverseStep+;ReverseContinue+' : '';
}

/** What a reverse packet did: the lwp to report (by tid), whether it stopped at a breakpoint or at the start of history, or an error reply. */
export type ReverseResult = { tid: number; bp: boolean; begin: boolean } | { error: string };

/**
 * gdb_reverse — `bs` (body 's': back one user instruction of thread t) or `bc` (body 'c': back to
 * the last hit of one of the breakpoints `bps`, ids of the target's, or to the start of history).
 */
export function gdb_reverse(tgt: DebugTarget, body: string, t: KThread | null, bps: number[]): ReverseResult {
  const tt = tgt.travel;
  if (!(tt instanceof TimeTravel)) return { error: '' };
  try {
    if (body === 's') {
      if (!t) return { error: 'E03' };
      const tid = t.t_tid;
      if (tt.tgt.count_of(t) < 1 || place_cmp(tgt.here, tt.start) <= 0) {
        tt.goto(tt.start);
        return { tid, bp: false, begin: true };
      }
      try { tt.rstep(t, 1); } catch (e) {
        if (e instanceof BeforeStart) return { tid, bp: false, begin: true };
        throw e;
      }
      return { tid, bp: false, begin: false };
    }
    if (body === 'c') {
      const ids = new Set(bps);
      const r = tt.rcontinue((b) => ids.has(b.id));
      return { tid: tgt.cur_t?.t_tid ?? t?.t_tid ?? 0, bp: r.found, begin: !r.found };
    }
    return { error: '' };
  } catch (e) {
    if (e instanceof TravelError) return { error: 'E16' };
    throw e;
  }
}

/**
 * gdb_record — make gdb's write `f` (its reply) and, when it succeeded, remember it for
 * re-executions: `redo` makes it again on the re-executed machine.
 */
export function gdb_record(tgt: DebugTarget, what: string, f: () => string, redo: () => void): string {
  const r = f();
  if (r === 'OK' && tgt.travel instanceof TimeTravel) tgt.travel.record(what, () => redo());
  return r;
}
