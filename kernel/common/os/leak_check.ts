/*
 * kernel/common/os/leak_check.ts — the halt-time leak check behind `forkvm run --check`: a
 * snapshot of every counter that must return to its boot value once all processes are gone
 * (pids, nproc, upcount, task/project/zone lwp counts, physical and page-table pages, anon slots
 * and swap, shm ids, sem ids and undo records, lwpchan sleep queues, open files, current-directory
 * holds and unowned file blocks, record locks, pending
 * callouts and POSIX timers), and a comparison that says what leaked. No Solaris counterpart
 * (the idea of ::findleaks in mdb, applied to counters); reads the subsystems' own accounting.
 */

import type { Proc } from '../sys/proc.ts';
import { SZOMB } from '../sys/proc.ts';
import type { TaskSys } from './task.ts';
import { Task } from './task.ts';
import { vm_find } from '../vm/vm_as.ts';
import { file_count } from '../fs/file.ts';
import { shm_table_find } from './shm.ts';
import { sem_table_find } from './sem.ts';
import { lwpchan_table_find } from '../syscall/lwp_sobj.ts';
import { callout_table_find } from './callout.ts';
import { timer_live } from './timer.ts';
import type { RamFs } from '../fs/ramfs.ts';
import { flk_live } from '../fs/flock.ts';

/**
 * LeakKernel — what the check reads of a kernel (main.ts's Kernel has all of it): the process
 * table, nproc, per-uid process counts, init, the task system, and the console the boot fds are
 * counted against. The VM, shm and file counters are found through the kernel object itself.
 */
export interface LeakKernel {
  pids: { all(): Proc[] };
  nproc: number;
  upcount: Map<number, number>;
  initproc: Proc | null;
  tasks?: TaskSys;
  machine: { console: object };
  /** The root file system (main.ts's Kernel has one): its directory holds and /tmp blocks. */
  fs?: RamFs;
}

/** One counter of a snapshot: its value and, for lists, what makes it up (key → text, for messages). */
export interface LeakItem { value: number; members?: Map<string, string> }

/** LeakSnapshot — counters by name, in a fixed order (see leak_snapshot). */
export interface LeakSnapshot { items: Map<string, LeakItem> }

function describe(p: Proc): [string, string] {
  const state = p.p_stat === SZOMB ? 'zombie' : `${p.p_lwpcnt} lwp${p.p_lwpcnt === 1 ? '' : 's'}`;
  return [`pid ${p.p_pid}`, `pid ${p.p_pid} (${p.u_comm || '?'}, ${state})`];
}

/**
 * leak_snapshot — the counters of kernel k now. Take one at boot, before init starts, and one at
 * halt. A zombie init is left out (its pid, its nproc and its upcount entry), as freeproc would
 * release them if anything could reap it; every other process counts. VM counters come from the
 * VmSys that vm_init recorded for k (absent: not reported), shm ids from k's shm table, open
 * files from file_count(k).
 */
export function leak_snapshot(k: LeakKernel): LeakSnapshot {
  const items = new Map<string, LeakItem>();
  const skip = k.initproc !== null && k.initproc.p_stat === SZOMB ? k.initproc : null;
  const procs = k.pids.all().filter((p) => p !== skip);
  items.set('pids in use', { value: procs.length, members: new Map(procs.map(describe)) });
  items.set('nproc', { value: k.nproc - (skip !== null ? 1 : 0) });
  const up = new Map(k.upcount);
  if (skip !== null && (up.get(skip.p_uid) ?? 0) > 0) up.set(skip.p_uid, up.get(skip.p_uid)! - 1);
  for (const uid of [...up.keys()].sort((a, b) => a - b)) items.set(`upcount of uid ${uid}`, { value: up.get(uid)! });

  // Tasks reachable from the task system and from every process (a task lives while one holds it).
  const tasks = new Set<Task>();
  if (k.tasks !== undefined) tasks.add(k.tasks.task0);
  for (const p of k.pids.all()) if (p.p_task instanceof Task) tasks.add(p.p_task);
  const projs = new Set([...tasks].map((tk) => tk.tk_proj));
  const zones = new Set([...projs].map((pj) => pj.kpj_zone));
  const sum = <T>(s: Set<T>, f: (x: T) => number): number => [...s].reduce((a, x) => a + f(x), 0);
  if (tasks.size > 0) {
    items.set('task lwps (tk_nlwps)', { value: sum(tasks, (tk) => tk.tk_nlwps) });
    items.set('project lwps (kpj_nlwps)', { value: sum(projs, (pj) => pj.kpj_nlwps) });
    items.set('zone lwps (zone_nlwps)', { value: sum(zones, (z) => z.zone_nlwps) });
  }

  const vm = vm_find(k);
  if (vm !== null) {
    const pl = vm.pages;
    items.set('physical pages in use', { value: pl.allocated });
    if (vm.hatsys.sh_ptpages !== undefined) items.set('page-table pages', { value: vm.hatsys.sh_ptpages });
    items.set('anon slots', { value: pl.p_anonstats.ani_inuse });
    items.set('swap reserved (pages)', { value: pl.p_anon_resv });
  }
  const shm = shm_table_find(k)?.all() ?? [];
  items.set('shm ids', {
    value: shm.length,
    members: new Map(shm.map((sp) => [`shm ${sp.shm_id}`,
      `shm id ${sp.shm_id} (key ${sp.shm_perm.key}, ${sp.shm_segsz} bytes, ${sp.shm_nattch} attached${sp.shm_removed ? ', removed' : ''})`])),
  });
  const sem = sem_table_find(k);
  const sems = sem?.all() ?? [];
  items.set('sem ids', {
    value: sems.length,
    members: new Map(sems.map((s) => [`sem ${s.sem_id}`, `sem id ${s.sem_id} (key ${s.sem_perm.key}, ${s.sem_nsems} semaphores)`])),
  });
  items.set('sem undo records', { value: sem?.undo_count() ?? 0 });
  const lwpchans = lwpchan_table_find(k)?.entries() ?? [];
  items.set('lwpchan sleep queues', { value: lwpchans.length });
  items.set('open files', { value: file_count(k) });
  if (k.fs !== undefined) {
    const c = k.fs.census();
    items.set('current-directory holds (u_cdir)', { value: c.cdir_holds });
    items.set('file-system bytes held by no file', { value: c.unowned });
  }
  // Record locks (fs/flock.ts): every lock goes with its owner's close or exit.
  const locks = flk_live(k);
  items.set('record locks', { value: locks.length, members: new Map(locks.map((l, i) => [`lock ${i} ${l}`, l])) });
  const co = callout_table_find(k)?.ct_list ?? [];
  items.set('callouts', { value: co.length, members: new Map(co.map((c) => [`callout ${c.c_id}`, `callout ${c.c_id} (${c.c_name})`])) });
  const timers = [...timer_live(k)];
  items.set('POSIX timers', { value: timers.length, members: new Map(timers.map((it) => [`timer ${it.it_id}@${timers.indexOf(it)}`, `timer ${it.it_id}`])) });
  return { items };
}

/**
 * leak_compare — what differs between two snapshots, one line per counter: "physical pages in
 * use: 12 at boot, 15 at halt" plus, for lists, the members present only at halt ("(new: pid 7
 * (sleeper, 1 lwp))"). A counter present in only one snapshot is compared against 0. An empty
 * array means nothing leaked.
 */
export function leak_compare(before: LeakSnapshot, after: LeakSnapshot): string[] {
  const out: string[] = [];
  const names = [...before.items.keys()];
  for (const n of after.items.keys()) if (!before.items.has(n)) names.push(n);
  for (const name of names) {
    const b = before.items.get(name) ?? { value: 0 };
    const a = after.items.get(name) ?? { value: 0 };
    if (a.value === b.value) continue;
    let line = `${name}: ${b.value} at boot, ${a.value} at halt`;
    const was = b.members ?? new Map<string, string>();
    const extra = [...(a.members ?? new Map<string, string>())].filter(([key]) => !was.has(key)).map(([, text]) => text);
    if (extra.length > 0) line += ` (new: ${extra.join(', ')})`;
    out.push(line);
  }
  return out;
}
