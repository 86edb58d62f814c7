/*
 * debug/dcmds_proc.ts — process and thread dcmds in the layouts of illumos mdb's genunix module
 * (usr/src/cmd/mdb/common/modules/genunix: genunix.c, findstack.c): ::ps [-fl], ::ptree,
 * ::findstack, ::stacks, ::thread, walkers proc (p0 and its descendants, as proc_walk_step does),
 * thread, lwp and cpu; and, past mdb, ::forkgraph (how and when each process was made and what it
 * still shares with its parent).
 */

import { dcmd, walker, MdbError, getopts, num_arg, type Mdb } from './mdb.ts';
import { hex8, all_threads, CpuRef } from './kaddr.ts';
import { Proc, SZOMB, SRUN, SSLEEP, SSTOP, SIDL, SONPROC } from '../kernel/common/sys/proc.ts';
import { KThread, TS_SLEEP, TS_RUN, TS_ONPROC, TS_ZOMB, TS_STOPPED, TS_FREE } from '../kernel/common/sys/thread.ts';
import { KMutex } from '../kernel/common/sys/mutex.ts';
import { KCondvar } from '../kernel/common/sys/condvar.ts';

/** The proc_t at `addr`, or an mdb error. */
export function proc_at(mdb: Mdb, addr: number | null): Proc {
  if (addr === null) throw new MdbError('command requires an address');
  const o = mdb.ka.at(addr);
  if (o instanceof Proc) return o;
  if (o instanceof KThread) return o.t_procp;
  throw new MdbError(`${hex8(addr)} is not a proc_t`);
}

/** The kthread_t at `addr`, or an mdb error. */
export function thread_at(mdb: Mdb, addr: number | null): KThread {
  if (addr === null) {
    if (mdb.tgt.cur_t) return mdb.tgt.cur_t;
    throw new MdbError('no current thread');
  }
  const o = mdb.ka.at(addr);
  if (o instanceof KThread) return o;
  if (o instanceof Proc && o.p_threads.length > 0) return o.p_threads[0];
  throw new MdbError(`${hex8(addr)} is not a kthread_t`);
}

/** pstat2ch — the state letter ::ps prints. */
function pstat2ch(p: Proc): string {
  switch (p.p_stat) {
    case SSLEEP: return 'S';
    case SRUN: return p.p_threads.some((t) => t.t_state === TS_ONPROC) ? 'O' : p.p_threads.some((t) => t.t_state === TS_RUN) ? 'R' : 'S';
    case SZOMB: return 'Z';
    case SSTOP: return 'T';
    case SIDL: return 'I';
    case SONPROC: return 'O';
    default: return '?';
  }
}

/** The thread state word ::ps -t and ::thread print. */
export function tstate(t: KThread): string {
  switch (t.t_state) {
    case TS_FREE: return 'FREE';
    case TS_SLEEP: return 'SLEEP';
    case TS_RUN: return 'RUN';
    case TS_ONPROC: return 'ONPROC';
    case TS_ZOMB: return 'ZOMB';
    case TS_STOPPED: return 'STOPPED';
    default: return '?';
  }
}

/** Processes in ::walk proc order: p0, then depth first through p_child (newest first). */
export function procs_walk(mdb: Mdb): Proc[] {
  const out: Proc[] = [];
  const seen = new Set<Proc>();
  const visit = (p: Proc): void => {
    if (seen.has(p)) return;
    seen.add(p);
    out.push(p);
    for (const c of p.p_child) visit(c);
  };
  visit(mdb.tgt.k.proc0);
  // Processes not reachable from p0 (being created: SIDL with no parent yet) come last.
  for (const p of mdb.tgt.k.pids.all()) if (!seen.has(p)) out.push(p);
  return out;
}

walker('proc', 'every process: p0, then its descendants depth first (p_child)', (mdb) => procs_walk(mdb).map((p) => mdb.ka.of(p)));
walker('thread', 'every kernel thread, or (addr::walk thread) those of one process', (mdb, addr) => {
  const ts = addr === null ? all_threads(mdb.tgt.k) : proc_at(mdb, addr).p_threads;
  return ts.map((t) => mdb.ka.of(t));
});
walker('lwp', 'every lwp (klwp_t), or those of one process', (mdb, addr) => {
  const ts = addr === null ? all_threads(mdb.tgt.k) : proc_at(mdb, addr).p_threads;
  return ts.filter((t) => t.t_lwp !== null).map((t) => mdb.ka.of(t.t_lwp!));
});
walker('cpu', 'every cpu_t', (mdb) => mdb.tgt.m.cpus.map((c) => mdb.ka.of(new CpuRef(c.id))));

dcmd('ps', '[-flt]', 'list processes (and their lwps with -l, threads with -t, arguments with -f)', (c) => {
  const { flags } = getopts(c.args, '');
  const mdb = c.mdb;
  const procs = c.addr !== null ? [proc_at(mdb, c.addr)] : procs_walk(mdb);
  if (c.piped) return procs.map((p) => mdb.ka.of(p));
  if (c.first) mdb.out('S    PID   PPID   PGID    SID    UID      FLAGS     ADDR NAME');
  for (const p of procs) {
    const name = flags.has('f') && p.u_psargs ? p.u_psargs : p.u_comm;
    mdb.out(`${pstat2ch(p)} ${pad(p.p_pid, 6)} ${pad(p.p_ppid, 6)} ${pad(p.p_pgidp?.pg_id ?? 0, 6)} ${pad(p.p_sessp?.s_sid ?? 0, 6)} ${pad(p.p_uid, 6)} 0x${hex8(p.p_flag)} ${hex8(mdb.ka.of(p))} ${name}`);
    if (flags.has('l')) for (const t of p.p_threads) if (t.t_lwp) mdb.out(`\tL  0x${hex8(mdb.ka.of(t.t_lwp))} ID: ${t.t_tid}`);
    if (flags.has('t')) for (const t of p.p_threads) mdb.out(`\tT  0x${hex8(mdb.ka.of(t))} <${tstate(t)}>`);
  }
  return undefined;
});

dcmd('ptree', '', 'the process tree (addr::ptree: its ancestors and descendants)', (c) => {
  const mdb = c.mdb;
  const root = mdb.tgt.k.proc0;
  const only = c.addr !== null ? proc_at(mdb, c.addr) : null;
  const keep = new Set<Proc>();
  if (only) {
    for (let p: Proc | null = only; p; p = p.p_parent) keep.add(p);
    const down = (p: Proc): void => { keep.add(p); p.p_child.forEach(down); };
    down(only);
  }
  const visit = (p: Proc, depth: number): void => {
    if (!only || keep.has(p)) mdb.out(`${' '.repeat(depth * 5)}${hex8(mdb.ka.of(p))}  ${p.u_comm || '-'}`);
    for (const ch of [...p.p_child].reverse()) visit(ch, depth + 1);
  };
  visit(root, 0);
});

/** The kernel frames of a thread's recorded call chain, innermost first. */
export function kframes(t: KThread): string[] {
  const st = t.t_stack;
  if (!st) return [];
  const out: string[] = [];
  for (const line of st.split('\n').slice(1)) {
    const m = /^\s*at (?:Generator\.next \()?(?:[\w$]+\.)*([\w$]+) \((.*)\)$/.exec(line) ?? /^\s*at ([\w$]+) \((.*)\)$/.exec(line);
    if (!m) continue;
    const fn = m[1], where = m[2];
    if (!/[/\\]kernel[/\\]/.test(where)) continue;
    if (/kdi\.ts/.test(where) || fn === 'next' || fn === 'kdi_mark') continue;
    if (/[/\\]os[/\\]main\.ts/.test(where)) continue;        // the machine loop, not the thread
    if (out[out.length - 1] === fn) continue;                // Generator.next + the frame itself
    out.push(fn);
  }
  return out;
}

/** What a thread is blocked on, for ::findstack and ::stacks: 'mutex NAME', 'condvar NAME' or '-'. */
export function sobj(t: KThread): string {
  const w = t.t_wchan;
  if (w instanceof KMutex) return `mutex ${w.m_name}`;
  if (w instanceof KCondvar) return `condvar ${w.cv_name}`;
  return '-';
}

dcmd('findstack', '[-v]', "a kernel thread's call chain (the kernel functions it sits in) and what it waits on", (c) => {
  const mdb = c.mdb;
  const t = thread_at(mdb, c.addr);
  const { flags } = getopts(c.args, '');
  const fr = kframes(t);
  const held = t.t_insleep_held ? ', stopped in place for another lwp\'s fork1' : t.t_suspended ? ', suspended' : '';
  mdb.out(`stack pointer for thread ${hex8(mdb.ka.of(t))}: ${t.t_state === TS_ONPROC ? `on cpu ${t.t_cpu}` : tstate(t).toLowerCase()}${t.t_wchan ? ` (${sobj(t)})` : ''}${held}`);
  if (fr.length === 0) { mdb.out(t.t_lwp ? '  (in user mode)' : '  (no kernel stack recorded)'); return; }
  mdb.out(`[ ${hex8(mdb.ka.of(t))} ${fr[0]}() ]`);
  for (const f of fr.slice(1)) mdb.out(`  ${f}()`);
  if (flags.has('v') && t.t_locks.length > 0) mdb.out(`  holds: ${t.t_locks.map((m) => m.m_name).join(', ')}`);
});

dcmd('stacks', '[-c func] [-s sobj]', 'threads grouped by identical kernel call chains', (c) => {
  const mdb = c.mdb;
  const { vals } = getopts(c.args, 'cs');
  const groups = new Map<string, KThread[]>();
  for (const t of all_threads(mdb.tgt.k)) {
    const fr = kframes(t);
    if (vals.has('c') && !fr.includes(vals.get('c')!)) continue;
    if (vals.has('s') && !sobj(t).startsWith(vals.get('s')!)) continue;
    const key = `${tstate(t)}\u0000${sobj(t).split(' ')[0]}\u0000${fr.join('\u0000')}`;
    const g = groups.get(key) ?? [];
    g.push(t);
    groups.set(key, g);
  }
  mdb.out('THREAD   STATE    SOBJ                COUNT');
  for (const [key, ts] of groups) {
    const [st, so, ...fr] = key.split('\u0000');
    mdb.out(`${hex8(mdb.ka.of(ts[0]))} ${st.padEnd(8)} ${(so === '-' ? '-' : sobj(ts[0])).padEnd(19).slice(0, 19)} ${String(ts.length).padStart(5)}`);
    if (fr.length === 0 || fr[0] === '') mdb.out('         (user mode or not started)');
    for (const f of fr) if (f) mdb.out(`         ${f}`);
    mdb.out('');
  }
});

dcmd('thread', '', 'addr::thread: make addr the current thread; ::thread: show the current one', (c) => {
  const mdb = c.mdb;
  if (c.addr !== null) { mdb.tgt.cur_t = thread_at(mdb, c.addr); mdb.tgt.cur_cpu = Math.max(0, mdb.tgt.cur_t.t_cpu); }
  const t = mdb.tgt.cur_t;
  if (!t) throw new MdbError('no current thread');
  mdb.out('    ADDR    STATE  CPU PROC/LWP          WCHAN');
  mdb.out(`${hex8(mdb.ka.of(t))} ${tstate(t).padStart(8)} ${String(t.t_cpu).padStart(4)} ${`${t.t_procp.u_comm}/${t.t_tid}`.padEnd(17)} ${sobj(t)}`);
});

dcmd('context', '', 'addr::context (a proc_t) or 0tPID::context: use that process for user symbols, $c and /X', (c) => {
  const mdb = c.mdb;
  if (c.addr === null) throw new MdbError('command requires an address');
  let p: Proc | null = mdb.ka.at(c.addr) instanceof Proc ? mdb.ka.at(c.addr) as Proc : null;
  if (!p) p = mdb.tgt.k.pids.prfind(c.addr);
  if (!p) throw new MdbError(`no process at ${hex8(c.addr)}`);
  if (p.p_threads.length === 0) throw new MdbError(`pid ${p.p_pid} has no threads`);
  mdb.tgt.cur_t = p.p_threads[0];
  mdb.out(`debugger context set to proc ${hex8(mdb.ka.of(p))} (pid ${p.p_pid}, ${p.u_comm})`);
});

dcmd('forkgraph', '', 'the process tree with how and when each child was made and what it shares with its parent', (c) => {
  const mdb = c.mdb;
  const tgt = mdb.tgt;
  const visit = (p: Proc, depth: number): void => {
    const b = tgt.births.get(p.p_pid);
    let line = `${' '.repeat(depth * 4)}${p.p_pid} ${p.u_comm || '-'}`;
    if (b) line += `  [${b.how} @ cycle ${b.cycle}]`;
    const pp = p.p_parent;
    if (pp && pp !== tgt.k.proc0) {
      const share: string[] = [];
      if (p.p_as && p.p_as === pp.p_as) share.push('address space (vfork: borrowed until exec or exit)');
      else if (p.p_as && pp.p_as) {
        const n = shared_cow_pages(p, pp);
        if (n > 0) share.push(`${n} page${n === 1 ? '' : 's'} by copy-on-write`);
      }
      const files = p.p_fds.filter((f, i) => f && pp.p_fds[i] === f).length;
      if (files > 0) share.push(`${files} open file${files === 1 ? '' : 's'}`);
      if (p.p_stat === SZOMB) share.push('zombie');
      if (share.length) line += `  shares: ${share.join(', ')}`;
    }
    mdb.out(line);
    for (const ch of [...p.p_child].reverse()) visit(ch, depth + 1);
  };
  const init = tgt.k.initproc;
  if (!init) throw new MdbError('no init process');
  visit(init, 0);
});

/** Pages of p's private anon memory still shared with pp (the same anon slot in both). */
function shared_cow_pages(p: Proc, pp: Proc): number {
  const slots = new Set<unknown>();
  for (const s of pp.p_as!.a_segs) {
    const amp = (s.s_data as { amp?: { ahp: unknown[] } | null } | null)?.amp;
    if (amp) for (const a of amp.ahp) if (a) slots.add(a);
  }
  let n = 0;
  for (const s of p.p_as!.a_segs) {
    const amp = (s.s_data as { amp?: { ahp: unknown[] } | null } | null)?.amp;
    if (amp) for (const a of amp.ahp) if (a && slots.has(a)) n++;
  }
  return n;
}

dcmd('pid2proc', '', '0tPID::pid2proc: the proc_t of a pid', (c) => {
  const mdb = c.mdb;
  if (c.addr === null) throw new MdbError('command requires a pid');
  const p = mdb.tgt.k.pids.prfind(c.addr);
  if (!p) throw new MdbError(`no process with pid ${c.addr}`);
  if (c.piped) return [mdb.ka.of(p)];
  mdb.out(hex8(mdb.ka.of(p)));
  return undefined;
});

/** Right-align a number in `w` columns. */
function pad(v: number, w: number): string { return String(v).padStart(w); }

void num_arg;
