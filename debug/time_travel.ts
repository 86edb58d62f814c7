/*
 * debug/time_travel.ts — deterministic time travel for a DebugTarget: going back is a
 * re-execution. The machine and kernel are deterministic, so a fresh machine booted with the same
 * inputs (the CLI's options, seed, date, the console input bytes the guest consumed — recorded
 * here — and the debugger's own changes to the guest, replayed at the place they were made)
 * reaches every place again, instruction for instruction. A Place (target.ts) is a Goal, a recipe
 * for stopping at exactly that point, plus the machine's retired-instruction count g and event
 * count e there, which order places and check each re-execution. There are no checkpoints: each
 * travel re-runs from boot, with breakpoints passed (they never change the run), console output
 * held back until the goal. Also ::whowrote's search: a value watch on physical memory.
 */

import type { Started } from '../boot/boot.ts';
import type { ConsoleSource } from '../hw/dev/console.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import { event_text, type DebugTarget, type Goal, type Place, type Bp } from './target.ts';

/** Whether a machine's console output and kernel messages reach the user (off during a re-execution). */
export interface OutputGate { on: boolean }

/**
 * Reboot — boot a fresh machine with the session's inputs, its output through `gate`, its console
 * input from `input` (the recorded bytes, then the live source). Started with init ready to run.
 */
export type Reboot = (gate: OutputGate, input: ConsoleSource | null) => Started;

/** A change the debugger made to the guest at a place (gdb's M, X, G, P): made again on re-execution. */
export interface Mutation {
  at: Place; what: string; apply(tgt: DebugTarget): void;
  /** The user instructions each lwp ("pid/tid") had retired then (to order it against a thread goal). */
  counts: Map<string, number>;
}

/** An error of a travel request (no such thread, before the start of history): the dcmd prints it. */
export class TravelError extends Error {}
/** A travel that would pass the start of history: the target is left at the start. */
export class BeforeStart extends TravelError {}

/** What ::whowrote found: the last write that changed the watched bytes, or null when none did. */
export interface WriteRecord {
  cycle: number; g: number; e: number; cpu: number; pid: number; tid: number; pc: number;
  /** 'user' (an instruction of the lwp) or 'kernel' (kernel work on behalf of it, between two event points). */
  by: 'user' | 'kernel';
  before: Uint8Array; after: Uint8Array;
  /** The user frames (pc list, innermost first) at the write, symbolized by the caller. */
  frames: number[];
  /** For a kernel write: the event log line just after it (what the kernel was doing). */
  during: string;
}

/** (g, e) order of places: negative when a is before b. */
export function place_cmp(a: { g: number; e: number }, b: { g: number; e: number }): number {
  return a.g !== b.g ? a.g - b.g : a.e - b.e;
}

/**
 * TimeTravel — the engine of one session. `reboot` must boot exactly the machine the target was
 * started with. `start` is the beginning of history (the place the session was at when the engine
 * was made); nothing travels before it.
 */
export class TimeTravel {
  /** The debugger's changes to the guest, in the order made. */
  readonly mutations: Mutation[] = [];
  /** Console input chunks the guest consumed, in order (the recorded input). */
  private readonly input: (Uint8Array | null)[] = [];
  /** The start of history: where the session began (gdb's: the program's entry point, set by the CLI). */
  start: Place;
  /** Re-executions done (for ::status and the bench). */
  replays = 0;
  /** Frames of the user stack at a write (::whowrote): set by the dcmds module (dcmds_cpu's unwinder). */
  frames: (tgt: DebugTarget, t: KThread) => number[] = () => [];

  constructor(readonly tgt: DebugTarget, private readonly reboot: Reboot, private readonly gate: OutputGate, live: ConsoleSource | null = null) {
    tgt.counting = true;
    tgt.travel = this;
    this.start = tgt.here;
    this.live = live;
    if (tgt.m.instructions !== 0) throw new TravelError('time travel must be attached before the machine runs');
  }
  private live: ConsoleSource | null;

  /** The console source a machine reads: recorded chunks first, then live input (recorded as taken). */
  source(): ConsoleSource {
    let i = 0;
    return () => {
      if (i < this.input.length) return this.input[i++];
      const c = this.live ? this.live() : null;
      this.input.push(c);
      i++;
      return c;
    };
  }

  /** Where the target is now. */
  here(): Place { return this.tgt.here; }

  /** record — remember a change the debugger just made at the current place. */
  record(what: string, apply: (tgt: DebugTarget) => void): void {
    const counts = new Map<string, number>();
    for (const [t, n] of this.tgt.tcount) counts.set(`${t.t_procp.p_pid}/${t.t_tid}`, n);
    this.mutations.push({ at: this.tgt.here, what, apply, counts });
  }

  /**
   * replay — boot afresh and run to `goal` (replaying the debugger's changes made before it), with
   * `hits` told of each breakpoint the run passes and `watch`/`fine` installed; the debugger's
   * changes that `before` accepts (a prefix of them) are made again on the way. Returns false when
   * the machine halted first. Leaves the target stopped there, output on again.
   */
  private replay(goal: Goal, detail: string, opts: { hits?: (b: Bp, at: Place) => void; watch?: DebugTarget['value_watch']; fine?: DebugTarget['fine']; before?: (m: Mutation) => boolean; booted?: () => void } = {}): boolean {
    const tgt = this.tgt;
    this.gate.on = false;
    this.replays++;
    try {
      const st = this.reboot(this.gate, this.source());
      tgt.attach(st.kernel, st.machine);
      tgt.replaying = true;
      tgt.on_hit = opts.hits ?? null;
      tgt.value_watch = opts.watch ?? null;
      tgt.fine = opts.fine ?? null;
      opts.booted?.();
      const reach = (g: Goal, d: string): boolean => {
        if (g.kind === 'boot') return true;
        tgt.goal = g; tgt.goal_detail = d; tgt.goal_reached = false;
        tgt.sync_hw();
        while (!tgt.goal_reached && !tgt.halted) tgt.go();
        tgt.goal = null;
        tgt.sync_hw();
        if (g.kind === 'end') return tgt.halted !== null;
        return tgt.goal_reached;
      };
      for (const m of this.mutations) {
        if (!(opts.before ?? (() => false))(m)) break;
        if (!reach(m.at.goal, m.at.detail)) return false;
        this.check(m.at);
        m.apply(tgt);
      }
      return reach(goal, detail);
    } finally {
      tgt.replaying = false; tgt.on_hit = null; tgt.value_watch = null; tgt.fine = null;
      this.gate.on = true;
    }
  }

  /** A re-execution that reached a place with other counts than the first time did: a bug, said plainly. */
  private check(p: Place): void {
    const h = this.tgt.here;
    if (h.g !== p.g || h.e !== p.e) {
      throw new TravelError(`re-execution diverged: expected ${p.g} instructions and ${p.e} events at "${p.detail}", reached ${h.g} and ${h.e}`);
    }
  }

  /**
   * goto — travel to place p (before or after the current one): re-execute from boot and stop
   * there. Changes the debugger made after p are forgotten (the run from p on is a new future).
   */
  goto(p: Place): string {
    if (place_cmp(p, this.start) < 0) throw new TravelError('that is before the start of recorded history');
    this.truncate(p);
    if (!this.replay(p.goal, p.detail, { before: (m) => place_cmp(m.at, p) <= 0 })) throw new TravelError(`the machine halted before ${p.detail}`);
    if (p.goal.kind !== 'boot') this.check(p);
    else this.tgt.here = p;
    return this.tgt.here.detail;
  }

  /** Drop the changes made at or after place p (they belong to the future p starts over). */
  private truncate(p: Place): void {
    while (this.mutations.length > 0 && place_cmp(this.mutations[this.mutations.length - 1].at, p) > 0) this.mutations.pop();
  }

  /**
   * run_to — travel to a goal not yet known as a place (rstep, goto cycle), at most as far as the
   * current place: the goal's place is found by reaching it. Returns the stop line.
   */
  private run_to(goal: Goal, detail: string): string {
    const before = (m: Mutation): boolean => {
      if (goal.kind === 'thread') return (m.counts.get(`${goal.pid}/${goal.tid}`) ?? 0) < goal.n;
      if (goal.kind === 'cycle') return m.at.cycle < goal.c;
      return false;
    };
    if (!this.replay(goal, detail, { before })) throw new TravelError(`the machine halted before ${detail}`);
    const h = this.tgt.here;
    if (place_cmp(h, this.start) < 0) { this.goto(this.start); throw new BeforeStart('that is before the start of recorded history; stopped there'); }
    this.truncate(h);
    return h.detail;
  }

  /**
   * rstep — go back n user instructions of thread t (its lwp; wherever it ran): to the point right
   * after its (k - n)th user instruction, k being the instructions it has retired now; n = k goes
   * to just before its first. Instructions that trap into the kernel (ta, faults) are not counted
   * as retired, as in ::step.
   */
  rstep(t: KThread, n: number): string {
    if (!(n >= 1)) throw new TravelError('step count must be at least 1');
    const k = this.tgt.count_of(t);
    const pid = t.t_procp.p_pid, tid = t.t_tid;
    if (n > k) throw new TravelError(`lwp ${pid}/${tid} has retired only ${k} user instruction${k === 1 ? '' : 's'}`);
    return this.run_to({ kind: 'thread', pid, tid, n: k - n }, `reverse-stepped: lwp ${pid}/${tid} back ${n} to its instruction ${k - n}`);
  }

  /**
   * goto_cycle — go to the first instruction boundary at which the machine cycle (the busiest
   * CPU's cycle count, as ::status prints) is at least c, forwards or backwards.
   */
  goto_cycle(c: number): string {
    if (!(c >= 0) || !Number.isSafeInteger(c)) throw new TravelError(`bad cycle: ${c}`);
    const detail = `at cycle ${c}`;
    if (c <= this.start.cycle) return this.goto(this.start);
    if (c <= this.tgt.now()) return this.run_to({ kind: 'cycle', c }, detail);
    // Forwards: run on from here (no re-execution needed).
    const tgt = this.tgt;
    tgt.goal = { kind: 'cycle', c }; tgt.goal_detail = detail; tgt.goal_reached = false;
    try {
      while (!tgt.goal_reached && !tgt.halted) tgt.go();
    } finally { tgt.goal = null; }
    if (!tgt.goal_reached) throw new TravelError(`the machine halted before cycle ${c}: ${tgt.halted?.message ?? ''}`);
    return tgt.here.detail;
  }

  /**
   * rcontinue — go back to the last breakpoint hit before the current place (any enabled
   * breakpoint, or those `only` accepts); with none, to the start of history. Returns the stop
   * line and whether a breakpoint was found.
   */
  rcontinue(only: (b: Bp) => boolean = () => true): { line: string; found: boolean } {
    const cur = this.tgt.here;
    let last: { b: Bp; at: Place } | null = null;
    const seen = (b: Bp, at: Place) => {
      if (only(b) && place_cmp(at, cur) < 0 && place_cmp(at, this.start) >= 0) last = { b, at };
    };
    // Pass 1: where were the hits? (to the current place, the hits reported as they pass)
    if (!this.replay(cur.goal, cur.detail, { hits: seen, before: (m) => place_cmp(m.at, cur) <= 0 })) throw new TravelError('re-execution halted early');
    const hit = last as { b: Bp; at: Place } | null;
    if (!hit) { this.goto(this.start); return { line: `no earlier breakpoint hit: at the start of history (${this.start.detail})`, found: false }; }
    const p: Place = { ...hit.at, detail: `reverse: stop at breakpoint ${hit.b.id} (${hit.b.what})` };
    this.goto(p);
    return { line: p.detail, found: true };
  }

  /**
   * whowrote — the last write before the current place that changed the `len` bytes at physical
   * address pa: the user instruction (lwp, pc, user stack) or the kernel work that did it. Two
   * re-executions find it (the run chunk, then the instruction within it) and a third comes back.
   * A write that stores the value already there changes nothing and is not seen.
   */
  whowrote(pa: number, len: number): WriteRecord | null {
    const tgt = this.tgt;
    const cur = tgt.here;
    const mem = () => tgt.m.mem;
    if (!(pa >= 0 && pa + len <= tgt.m.mem.size)) throw new TravelError(`physical address 0x${(pa >>> 0).toString(16)} is not in memory`);
    const read = () => mem().bytes.slice(pa, pa + len);
    const same = (a: Uint8Array, b: Uint8Array) => a.every((x, i) => x === b[i]);
    // Pass 1: the last point at which the bytes were seen changed. The watch looks after every
    // run of user instructions, at every kernel event point, after every run of a thread on its
    // CPU and at each round's end, so kernel work between two looks is one thread's (or the clock's).
    let prev = new Uint8Array(len);
    const box: { c: Chunk | null; r: WriteRecord | null } = { c: null, r: null };
    const counts = new Map<KThread, number>();
    const watch1 = (t: KThread | null, where: 'insns' | 'event' | 'ran') => {
      const v = read();
      if (!same(v, prev)) {
        const from = t ? (counts.get(t) ?? 0) : 0;
        box.c = { key: t, pid: t ? t.t_procp.p_pid : -1, tid: t ? t.t_tid : -1, from, to: t ? tgt.count_of(t) : 0, where, g: tgt.m.instructions, e: tgt.ev };
        const last = tgt.events[tgt.events.length - 1];
        box.r = {
          cycle: tgt.now(), g: tgt.m.instructions, e: tgt.ev, cpu: t ? t.t_cpu : -1, pid: box.c.pid, tid: box.c.tid,
          pc: t && t.t_lwp ? user_pc(tgt, t) : 0, by: where === 'insns' ? 'user' : 'kernel', before: prev, after: v,
          frames: t && t.t_lwp ? this.frames(tgt, t) : [], during: last ? event_text(last) : '',
        };
      }
      prev = v;
      if (t) counts.set(t, tgt.count_of(t));
    };
    this.replay(cur.goal, cur.detail, { watch: watch1, booted: () => { prev = read(); }, before: (m) => place_cmp(m.at, cur) <= 0 });
    this.check(cur);
    const lc = box.c;
    if (!lc || !box.r) { this.goto(cur); return null; }
    let rec: WriteRecord = box.r;
    if (lc.where === 'insns' && lc.key) {
      // Pass 2: the same run again, that lwp one instruction at a time over the run that changed them.
      const pid = lc.pid, tid = lc.tid, lo = lc.from, hi = lc.to;
      const fbox: { r: WriteRecord | null } = { r: null };
      let pv = new Uint8Array(len);
      let pcBefore = 0;
      const mine = (t: KThread) => t.t_procp.p_pid === pid && t.t_tid === tid;
      const fine = (t: KThread) => {
        if (!mine(t)) return 0;
        const n = tgt.count_of(t);
        if (n >= lo && n < hi) { pcBefore = user_pc(tgt, t); return 1; }
        return 0;
      };
      const watch2 = (t: KThread | null) => {
        const v = read();
        if (!same(v, pv) && t && mine(t) && tgt.count_of(t) > lo && tgt.count_of(t) <= hi) {
          fbox.r = {
            cycle: tgt.now(), g: tgt.m.instructions, e: tgt.ev, cpu: t.t_cpu, pid, tid, pc: pcBefore, by: 'user',
            before: pv, after: v, frames: [pcBefore, ...this.frames(tgt, t).slice(1)], during: '',
          };
        }
        pv = v;
      };
      this.replay(cur.goal, cur.detail, { watch: watch2, fine, booted: () => { pv = read(); }, before: (m) => place_cmp(m.at, cur) <= 0 });
      this.check(cur);
      if (!fbox.r) throw new TravelError('re-execution diverged: the store was not seen again instruction by instruction');
      rec = fbox.r;
    }
    this.goto(cur);
    return rec;
  }
}

/** A run of user instructions (or kernel work) after which watched bytes were seen changed. */
interface Chunk { key: KThread | null; pid: number; tid: number; from: number; to: number; where: 'insns' | 'event' | 'ran'; g: number; e: number }

/** The user pc of t: the CPU's when its lwp is loaded there, else the one saved in the lwp. */
function user_pc(tgt: DebugTarget, t: KThread): number {
  const c = t.t_cpu;
  if (c >= 0 && tgt.k.cpu_loaded[c] === t.t_lwp) return tgt.cpu_pc(c);
  // The sparc pcb keeps pc, the i386 one eip.
  const lwp = t.t_lwp as unknown as { lwp_pcb?: { pc?: number; eip?: number } } | null;
  return (lwp?.lwp_pcb?.pc ?? lwp?.lwp_pcb?.eip ?? 0) >>> 0;
}
