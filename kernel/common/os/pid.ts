/*
 * kernel/common/os/pid.ts — process ids and the process table (uts/common/os/pid.c): pid_assign
 * hands out pids sequentially from the last one, wrapping at maxpid and skipping pids in use;
 * each process also takes a slot of the table (v.v_proc slots, p_slot). pid_exit frees both;
 * prfind looks a pid up. The caller holds pidlock for everything that reads or links the table.
 */

import type { Proc } from '../sys/proc.ts';
import { ASSERT } from '../sys/debug.ts';

/** Tunables (struct var v; param.c): process table size and per-user limits. */
export interface Var {
  /** Slots in the process table (v.v_proc). */
  v_proc: number;
  /** Per-user process limit (v.v_maxup) and the total a user may reach with privilege (v_maxupttl). */
  v_maxup: number;
  v_maxupttl: number;
  /** maxpid: pids are below it and wrap to 2 at it (pid 0 and 1 are never reused by wrap). */
  maxpid: number;
}

/** Default tunables: 256 slots, 5 reserved for privileged processes, maxpid 30000 as in Solaris. */
export function default_var(): Var {
  return { v_proc: 256, v_maxup: 251, v_maxupttl: 251, maxpid: 30000 };
}

/** PidTable — the pid hash and the process table slots (procdir). */
export class PidTable {
  readonly v: Var;
  readonly procdir: (Proc | null)[];
  private readonly pidhash = new Map<number, Proc>();
  private readonly freeslots: number[] = [];
  /** Last pid handed out (mpid). */
  mpid = -1;

  constructor(v: Var) {
    this.v = v;
    this.procdir = new Array<Proc | null>(v.v_proc).fill(null);
    for (let i = v.v_proc - 1; i >= 0; i--) this.freeslots.push(i);
  }

  /** Processes in the table (pids in use). */
  get count(): number { return this.pidhash.size; }

  /**
   * pid_assign — give p a pid and a slot. Returns the pid, or -1 when the table is full or every
   * pid is in use (nothing is changed then).
   */
  pid_assign(p: Proc): number {
    if (this.freeslots.length === 0) return -1;
    let pid = this.mpid;
    for (let tries = 0; tries <= this.v.maxpid; tries++) {
      pid = pid + 1 >= this.v.maxpid ? 2 : pid + 1;   /* pids are below maxpid, as waitid checks */
      if (!this.pidhash.has(pid)) {
        const slot = this.freeslots.pop()!;
        this.mpid = pid;
        p.p_pid = pid;
        p.p_named(pid);
        p.p_slot = slot;
        p.p_lock.m_name = `p_lock[${pid}]`;
        this.procdir[slot] = p;
        this.pidhash.set(pid, p);
        return pid;
      }
    }
    return -1;
  }

  /** pid_exit — free p's pid and slot (the process is gone: reaped or a failed fork). */
  pid_exit(p: Proc): void {
    ASSERT(this.pidhash.get(p.p_pid) === p, 'pid_exit: pid not in table');
    this.pidhash.delete(p.p_pid);
    this.procdir[p.p_slot] = null;
    this.freeslots.push(p.p_slot);
    p.p_slot = -1;
  }

  /** prfind — the process with `pid`, zombies included; null if none. */
  prfind(pid: number): Proc | null {
    return this.pidhash.get(pid) ?? null;
  }

  /** All processes in pid order (for ps-style listings and the leak check). */
  all(): Proc[] {
    return [...this.pidhash.values()].sort((a, b) => a.p_pid - b.p_pid);
  }
}
