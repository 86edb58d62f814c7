/*
 * kernel/common/os/callout.ts — timeout()/untimeout(): functions run by the clock after a number of
 * ticks (mirrors uts/common/os/callout.c, reduced to one list sorted by (tick, id)). The clock runs
 * expired callouts between rounds, as process 0's thread t0 (Solaris's callout thread), so they may
 * only mutex_tryenter; a callout that cannot take its lock asks to be run again at the next tick.
 * Leaves out high-resolution (cyclic) callouts and per-CPU tables.
 */

import { ASSERT } from '../sys/debug.ts';

/** A callout's function: true when it is done, false to be retried at the next tick (a lock was busy). */
export type CalloutFunc = () => boolean;

/** callout_t: when it fires (lbolt tick), its id, what it runs and a name for messages. */
export interface Callout { c_id: number; c_time: number; c_func: CalloutFunc; c_name: string }

/** The callout table of one kernel (callout_table_t). */
export class CalloutTable {
  ct_next_id = 1;
  ct_list: Callout[] = [];
}

/** What the table needs of a kernel: the tick count. */
interface CalloutKernel { lbolt: number }

const TABLES = new WeakMap<object, CalloutTable>();

/** callout_table — kernel k's table (made on first use). */
export function callout_table(k: object): CalloutTable {
  let ct = TABLES.get(k);
  if (!ct) { ct = new CalloutTable(); TABLES.set(k, ct); }
  return ct;
}

/** callout_table_find — kernel k's table, or null when nothing ever used one (leak check). */
export function callout_table_find(k: object): CalloutTable | null { return TABLES.get(k) ?? null; }

function insert(ct: CalloutTable, c: Callout): void {
  let i = ct.ct_list.length;
  while (i > 0 && (ct.ct_list[i - 1].c_time > c.c_time || (ct.ct_list[i - 1].c_time === c.c_time && ct.ct_list[i - 1].c_id > c.c_id))) i--;
  ct.ct_list.splice(i, 0, c);
}

/**
 * timeout — run `func` after `ticks` clock ticks (at least 1). Returns the callout id (never 0),
 * which untimeout takes. Never blocks.
 */
export function timeout(k: CalloutKernel, func: CalloutFunc, ticks: number, name: string): number {
  const ct = callout_table(k);
  const c: Callout = { c_id: ct.ct_next_id++, c_time: k.lbolt + Math.max(1, Math.ceil(ticks)), c_func: func, c_name: name };
  insert(ct, c);
  return c.c_id;
}

/**
 * untimeout — cancel callout `id`. Returns the ticks it had left (0 or more), or -1 when it had
 * already run or never existed (as Solaris's untimeout does). Never blocks.
 */
export function untimeout(k: CalloutKernel, id: number): number {
  const ct = callout_table_find(k);
  if (!ct || id === 0) return -1;
  const i = ct.ct_list.findIndex((c) => c.c_id === id);
  if (i < 0) return -1;
  const [c] = ct.ct_list.splice(i, 1);
  return Math.max(0, c.c_time - k.lbolt);
}

/** callout_left — ticks callout `id` has left, or -1 when it is not pending. */
export function callout_left(k: CalloutKernel, id: number): number {
  const c = callout_table_find(k)?.ct_list.find((x) => x.c_id === id);
  return c ? Math.max(0, c.c_time - k.lbolt) : -1;
}

/**
 * callout_expire — run every callout whose tick has come (the clock calls it after lbolt++; the
 * caller made t0 the current thread). A callout that returns false stays, due at the next tick.
 */
export function callout_expire(k: CalloutKernel): void {
  const ct = callout_table_find(k);
  if (!ct) return;
  const due: Callout[] = [];
  while (ct.ct_list.length > 0 && ct.ct_list[0].c_time <= k.lbolt) due.push(ct.ct_list.shift()!);
  for (const c of due) {
    if (!c.c_func()) { c.c_time = k.lbolt + 1; insert(ct, c); }
  }
  ASSERT(ct.ct_list.every((c) => c.c_time > k.lbolt), 'callout_expire: a due callout is left');
}

/** callout_next — the tick of the earliest pending callout, or null (the idle loop sleeps to it). */
export function callout_next(k: object): number | null {
  const ct = callout_table_find(k);
  return ct && ct.ct_list.length > 0 ? ct.ct_list[0].c_time : null;
}
