/*
 * kernel/common/os/proc_check.ts — the process-table invariants behind `--check` (forkvm's own; the
 * idea of illumos's ::kmem_verify applied to the lock map of proc.h): the pid table against
 * practive and nproc, upcount per uid, the parent/child links, and each process's lwp counts
 * against its lwp directory. The kernel checks them at every clock tick with --check (where
 * pidlock, or a process's p_lock, is free, so nothing is half-updated) and at halt; a violation is
 * a panic that names it.
 */

import type { Proc } from '../sys/proc.ts';
import { SIDL, SZOMB } from '../sys/proc.ts';
import { TS_ZOMB } from '../sys/thread.ts';
import type { KMutex } from '../sys/mutex.ts';

/** What proc_check reads of a kernel (main.ts's Kernel has all of it). */
export interface CheckKernel {
  pids: { all(): Proc[]; prfind(pid: number): Proc | null };
  practive: readonly Proc[];
  nproc: number;
  upcount: Map<number, number>;
  pidlock: KMutex;
}

/**
 * proc_check — the invariants that hold whenever pidlock is free; returns one line per violation
 * (empty when all hold). Per-process lwp counts are checked only for processes whose p_lock is free.
 */
export function proc_check(k: CheckKernel): string[] {
  const out: string[] = [];
  if (k.pidlock.m_owner !== null) return out;
  const active = new Set(k.practive);
  if (active.size !== k.practive.length) out.push('practive: a process is on the list twice');
  if (k.nproc !== k.practive.length) out.push(`nproc is ${k.nproc} but practive has ${k.practive.length} processes`);
  for (const p of k.practive) {
    if (k.pids.prfind(p.p_pid) !== p) out.push(`pid ${p.p_pid} is on practive but not in the pid table`);
  }
  for (const p of k.pids.all()) {
    // getproc gives a pid before it takes pidlock to put the child on practive (SIDL, no parent yet).
    if (!active.has(p) && !(p.p_stat === SIDL && p.p_parent === null)) out.push(`pid ${p.p_pid} is in the pid table but not on practive`);
  }
  const per_uid = new Map<number, number>();
  for (const p of k.practive) per_uid.set(p.p_uid, (per_uid.get(p.p_uid) ?? 0) + 1);
  for (const uid of new Set([...per_uid.keys(), ...k.upcount.keys()])) {
    const want = per_uid.get(uid) ?? 0, have = k.upcount.get(uid) ?? 0;
    if (want !== have) out.push(`upcount of uid ${uid} is ${have} but ${want} active processes have that uid`);
  }
  for (const p of k.practive) {
    const pp = p.p_parent;
    if (pp !== null && !pp.p_child.includes(p)) out.push(`pid ${p.p_pid} has parent ${pp.p_pid}, which does not list it as a child`);
    if (new Set(p.p_child).size !== p.p_child.length) out.push(`pid ${p.p_pid} lists a child twice`);
    // p_orphan (the next-of-kin chain cfork links) holds the same processes as p_child.
    if (p.p_orphan.length !== p.p_child.length || p.p_orphan.some((c) => c.p_parent !== p)) {
      out.push(`pid ${p.p_pid}: its orphan chain has ${p.p_orphan.length} entries but it has ${p.p_child.length} children`);
    }
    for (const c of p.p_child) {
      if (c.p_parent !== p) out.push(`pid ${p.p_pid} lists child ${c.p_pid}, whose parent is ${c.p_parent?.p_pid ?? 'none'}`);
      if (!active.has(c)) out.push(`pid ${p.p_pid} lists child ${c.p_pid}, which is not on practive`);
    }
    if (p.p_stat === SZOMB || p.p_stat === SIDL || p.p_lock.m_owner !== null) continue;
    const live = p.p_threads.filter((t) => t.t_lwp !== null && t.t_state !== TS_ZOMB).length;
    if (p.p_lwpcnt !== live) out.push(`pid ${p.p_pid}: p_lwpcnt is ${p.p_lwpcnt} but it has ${live} live lwps`);
    let dir_live = 0, dir_zomb = 0;
    for (const e of p.p_lwpdir.values()) if (e.le_thread === null) dir_zomb++; else dir_live++;
    if (dir_live !== p.p_lwpcnt) out.push(`pid ${p.p_pid}: p_lwpcnt is ${p.p_lwpcnt} but its lwp directory has ${dir_live} live entries`);
    if (dir_zomb !== p.p_zombcnt) out.push(`pid ${p.p_pid}: p_zombcnt is ${p.p_zombcnt} but its lwp directory has ${dir_zomb} zombie entries`);
  }
  return out;
}
