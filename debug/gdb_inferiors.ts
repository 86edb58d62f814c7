/*
 * debug/gdb_inferiors.ts — the processes a gdb session debugs (its inferiors) and the events
 * gdb is told about: the fork, vfork and exec of an inferior, the release of a vfork parent
 * (vforkdone: its child exec'd or exited, relvm gave the address space back) and an inferior's
 * exit. It listens to the kernel's proc::: probes (create, exec-success, exit); an event queues a
 * stop reply and asks the machine to stop at the thread's next kernel debugger point (kdi_check
 * follows each of those probes). Breakpoints (Z0/Z1) and watchpoints (Z2-Z4) are kept per
 * inferior: a forked child starts with its parent's breakpoints (its memory is a copy, as with
 * ptrace's inserted breakpoints), not its watchpoints; an exec drops both; a detach removes them.
 */

import type { DebugTarget } from './target.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import { TS_ZOMB } from '../kernel/common/sys/thread.ts';
import type { Proc } from '../kernel/common/sys/proc.ts';
import { SZOMB } from '../kernel/common/sys/proc.ts';
import { probe_enable } from '../kernel/common/os/probes.ts';
import { curthread_or_null } from '../kernel/common/os/kglobals.ts';

/** One inferior: its pid, and what gdb put in it (DebugTarget breakpoint ids). */
export interface Inferior {
  pid: number;
  /** Z0/Z1 breakpoints by address. */
  zbps: Map<number, number>;
  /** Z2/Z3/Z4 watchpoints by `type,addr,len`. */
  wps: Map<string, number>;
  /** qAttached: 1 when gdb found it running (detach on quit), 0 when it was started for gdb. */
  attached: boolean;
}

/** Something to tell gdb at the next stop (a stop reply of its own). */
export type GdbEvent =
  | { kind: 'fork' | 'vfork'; t: KThread; child: number }
  | { kind: 'vforkdone'; t: KThread }
  | { kind: 'exec'; t: KThread; path: string }
  | { kind: 'exit'; pid: number; why: string; what: number };

/** The stop kind the machine reports when an event is queued. */
export const GDB_EVENT_STOP = 'gdb-event';

/**
 * Inferiors — the session's processes, the events gdb negotiated (set from qSupported) and the
 * queue of events not reported yet.
 */
export class Inferiors {
  readonly map = new Map<number, Inferior>();
  readonly events: GdbEvent[] = [];
  fork_events = false;
  vfork_events = false;
  exec_events = false;
  /** vfork children of inferiors whose parent waits for them: child pid -> parent pid. */
  private readonly vforked = new Map<number, number>();

  constructor(readonly tgt: DebugTarget, root: number, attached: boolean) {
    this.add(root, attached);
    // On every kernel the target attaches: time travel's re-executions boot new ones.
    tgt.on_kernel((k) => probe_enable(k, (e) => {
      const a = e.args;
      if (e.name === 'create') this.created(a.pid as number, a.ppid as number, String(a.how));
      else if (e.name === 'exec-success') this.execed(a.pid as number, String(a.path));
      else if (e.name === 'exit') this.exited(a.pid as number, String(a.why), Number(a.what));
    }));
  }

  /** add — make pid an inferior (no-op when it is one). */
  add(pid: number, attached: boolean): Inferior {
    let inf = this.map.get(pid);
    if (!inf) { inf = { pid, zbps: new Map(), wps: new Map(), attached }; this.map.set(pid, inf); }
    return inf;
  }

  /** remove — stop debugging pid: its breakpoints and watchpoints go; false when it was not one. */
  remove(pid: number): boolean {
    const inf = this.map.get(pid);
    if (!inf) return false;
    this.clear(inf);
    this.map.delete(pid);
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i];
      if ((e.kind === 'exit' ? e.pid : e.t.t_procp.p_pid) === pid) this.events.splice(i, 1);
    }
    return true;
  }

  /** Remove an inferior's breakpoints and watchpoints from the target. */
  private clear(inf: Inferior): void {
    for (const id of inf.zbps.values()) this.tgt.delete(id);
    for (const id of inf.wps.values()) this.tgt.delete(id);
    inf.zbps.clear();
    inf.wps.clear();
  }

  /** The live process of inferior pid, or null (gone, or a zombie). */
  proc(pid: number): Proc | null {
    if (!this.map.has(pid)) return null;
    const p = this.tgt.k.pids.all().find((x) => x.p_pid === pid) ?? null;
    return p && p.p_stat !== SZOMB ? p : null;
  }

  /** The lwps of inferior pid that gdb sees as threads, in creation order. */
  threads(pid: number): KThread[] {
    const p = this.proc(pid);
    return p ? p.p_threads.filter((t) => t.t_lwp !== null && t.t_state !== TS_ZOMB) : [];
  }

  /** The inferiors' pids, in the order they came. */
  pids(): number[] { return [...this.map.keys()]; }

  private stop(t: KThread | null, detail: string): void {
    this.tgt.pending = { kind: GDB_EVENT_STOP, detail, t };
  }

  /** proc:::create — a child of an inferior: an inferior too when gdb asked for the event. */
  private created(pid: number, ppid: number, how: string): void {
    const parent = this.map.get(ppid);
    const vfork = how === 'vfork';
    if (!parent || !(vfork ? this.vfork_events : this.fork_events)) return;
    if (this.map.has(pid)) return; // a re-execution passing a known child's birth again
    const t = curthread_or_null();
    if (!t || t.t_procp.p_pid !== ppid) return;
    const child = this.add(pid, parent.attached);
    for (const addr of parent.zbps.keys()) {
      const b = this.tgt.add_bp('addr', `gdb Z0 ${pid}`, addr, { pids: [pid] });
      child.zbps.set(addr, b.id);
    }
    if (vfork) this.vforked.set(pid, ppid);
    this.events.push({ kind: vfork ? 'vfork' : 'fork', t, child: pid });
    this.stop(t, `pid ${ppid} ${vfork ? 'vforked' : 'forked'} pid ${pid}`);
  }

  /** A vfork child exec'd or exits: its parent, an inferior, is released (vforkdone). */
  private released(pid: number): void {
    const ppid = this.vforked.get(pid);
    if (ppid === undefined) return;
    this.vforked.delete(pid);
    const t = this.threads(ppid)[0] ?? null;
    if (!t) return;
    this.events.push({ kind: 'vforkdone', t });
    this.stop(curthread_or_null(), `pid ${ppid}: vfork child ${pid} released the address space`);
  }

  /** proc:::exec-success — gdb's breakpoints went with the old image; tell gdb when it asked. */
  private execed(pid: number, path: string): void {
    const inf = this.map.get(pid);
    if (inf) {
      this.clear(inf);
      const t = curthread_or_null();
      if (this.exec_events && t && t.t_procp.p_pid === pid) {
        this.events.push({ kind: 'exec', t, path });
        this.stop(t, `pid ${pid} exec'd ${path}`);
      }
    }
    this.released(pid);
  }

  /** proc:::exit — an inferior's end is a stop (W or X); the vfork parent it held goes on. */
  private exited(pid: number, why: string, what: number): void {
    this.released(pid);
    if (!this.map.has(pid) || this.events.some((e) => e.kind === 'exit' && e.pid === pid)) return;
    this.events.push({ kind: 'exit', pid, why, what });
    this.stop(curthread_or_null(), `pid ${pid} ${why} (${what})`);
  }
}
