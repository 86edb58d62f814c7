/*
 * debug/dcmds_print.ts — addr::print TYPE [member...] for the kernel's structures, in the style of
 * mdb's CTF-typed ::print: `{` then one `    member = value` line per member (numbers in hex,
 * pointers as addresses, strings quoted) then `}`; with members named, only those, one per line.
 * Types: proc_t, kthread_t, klwp_t, struct as, struct seg, struct anon, page_t, kmutex_t, cpu_t.
 */

import { dcmd, MdbError, type Mdb } from './mdb.ts';
import { hex8, CpuRef } from './kaddr.ts';
import { Proc } from '../kernel/common/sys/proc.ts';
import { KThread } from '../kernel/common/sys/thread.ts';
import { Lwp } from '../kernel/common/sys/klwp.ts';
import { KMutex } from '../kernel/common/sys/mutex.ts';
import { As } from '../kernel/common/vm/vm_as.ts';
import { Seg } from '../kernel/common/vm/seg.ts';
import { Anon } from '../kernel/common/vm/vm_anon.ts';
import { Page } from '../kernel/common/vm/vm_page.ts';
import { tstate } from './dcmds_proc.ts';

type Val = number | string | object | null | boolean | bigint;
/** A member: its name and how to read it (numbers print in hex, objects as their address). */
type Member = [string, (o: never, mdb: Mdb) => Val];

const TYPES: Record<string, { cls: abstract new (...a: never[]) => object; members: Member[] }> = {
  proc_t: {
    cls: Proc,
    members: [
      ['p_pid', (p: Proc) => p.p_pid], ['p_ppid', (p: Proc) => p.p_ppid], ['p_stat', (p: Proc) => p.p_stat],
      ['p_flag', (p: Proc) => p.p_flag], ['p_parent', (p: Proc) => p.p_parent], ['p_child', (p: Proc) => p.p_child[0] ?? null],
      ['p_as', (p: Proc) => p.p_as], ['p_lock', (p: Proc) => p.p_lock], ['p_tlist', (p: Proc) => p.p_threads[0] ?? null],
      ['p_lwpcnt', (p: Proc) => p.p_lwpcnt], ['p_zombcnt', (p: Proc) => p.p_zombcnt], ['p_lwpid', (p: Proc) => p.p_lwpid],
      ['p_lwpdaemon', (p: Proc) => p.p_lwpdaemon], ['p_lwpwait', (p: Proc) => p.p_lwpwait],
      ['p_wcode', (p: Proc) => p.p_wcode], ['p_wdata', (p: Proc) => p.p_wdata],
      ['p_brkbase', (p: Proc) => p.p_brkbase], ['p_brksize', (p: Proc) => p.p_brksize],
      ['p_usrstack', (p: Proc) => p.p_usrstack], ['p_stksize', (p: Proc) => p.p_stksize],
      ['p_sig', (p: Proc) => p.p_sig], ['p_ignore', (p: Proc) => p.p_ignore],
      ['p_uid', (p: Proc) => p.p_uid], ['p_pgid', (p: Proc) => p.p_pgidp?.pg_id ?? 0], ['p_sid', (p: Proc) => p.p_sessp?.s_sid ?? 0],
      ['p_nfiles', (p: Proc) => p.p_fds.filter((f) => f).length], ['u_comm', (p: Proc) => p.u_comm], ['u_psargs', (p: Proc) => p.u_psargs],
    ],
  },
  kthread_t: {
    cls: KThread,
    members: [
      ['t_did', (t: KThread) => t.t_did], ['t_tid', (t: KThread) => t.t_tid], ['t_state', (t: KThread) => `${t.t_state} (${tstate(t)})`],
      ['t_procp', (t: KThread) => t.t_procp], ['t_lwp', (t: KThread) => t.t_lwp], ['t_cpu', (t: KThread) => t.t_cpu],
      ['t_wchan', (t: KThread) => t.t_wchan as object | null], ['t_proc_flag', (t: KThread) => t.t_proc_flag], ['t_flag', (t: KThread) => t.t_flag],
      ['t_hold', (t: KThread) => t.t_hold], ['t_sig', (t: KThread) => t.t_sig], ['t_preempt', (t: KThread) => t.t_preempt],
      ['t_nlocks', (t: KThread) => t.t_locks.length], ['t_blocked', (t: KThread) => t.t_blocked],
      ['t_suspended', (t: KThread) => t.t_suspended], ['t_insleep_held', (t: KThread) => t.t_insleep_held],
    ],
  },
  klwp_t: {
    cls: Lwp,
    members: [['lwp_procp', (l: Lwp) => l.lwp_procp], ['lwp_thread', (l: Lwp) => l.lwp_thread], ['lwp_cursig', (l: Lwp) => l.lwp_cursig]],
  },
  'struct as': {
    cls: As,
    members: [['a_segs', (a: As) => a.a_segs[0] ?? null], ['a_nsegs', (a: As) => a.a_segs.length], ['a_size', (a: As) => a.a_size],
      ['a_hat', (a: As) => a.a_hat as unknown as object], ['a_userlimit', (a: As) => a.a_userlimit]],
  },
  'struct seg': {
    cls: Seg,
    members: [['s_base', (s: Seg) => s.s_base], ['s_size', (s: Seg) => s.s_size], ['s_as', (s: Seg) => s.s_as], ['s_data', (s: Seg) => s.s_data as object | null]],
  },
  'struct anon': {
    cls: Anon,
    members: [['an_refcnt', (a: Anon) => a.an_refcnt], ['an_page', (a: Anon) => a.an_page]],
  },
  page_t: {
    cls: Page,
    members: [['p_pagenum', (p: Page) => p.p_pagenum], ['p_free', (p: Page) => p.p_free], ['p_vnode', (p: Page) => p.p_vnode], ['p_offset', (p: Page) => p.p_offset]],
  },
  kmutex_t: {
    cls: KMutex,
    members: [['m_owner', (m: KMutex) => m.m_owner], ['m_waiters', (m: KMutex) => m.m_waiters.length], ['m_class', (m: KMutex) => m.m_class],
      ['m_name', (m: KMutex) => m.m_name], ['m_acquired', (m: KMutex) => m.m_acquired], ['m_contended', (m: KMutex) => m.m_contended]],
  },
  cpu_t: {
    cls: CpuRef,
    members: [['cpu_id', (c: CpuRef) => c.id], ['cpu_thread', (c: CpuRef, mdb: Mdb) => mdb.tgt.k.cpu_thread[c.id]],
      ['cpu_instructions', (c: CpuRef, mdb: Mdb) => mdb.tgt.m.cpus[c.id].instructions], ['cpu_cycles', (c: CpuRef, mdb: Mdb) => mdb.tgt.m.cpus[c.id].cycles]],
  },
};

/** The type names ::print accepts. */
export const PRINT_TYPES = Object.keys(TYPES);

function fmt(mdb: Mdb, v: Val): string {
  if (v === null || v === undefined) return '0';
  if (typeof v === 'number') return '0x' + (v >>> 0).toString(16);
  if (typeof v === 'bigint') return '0x' + v.toString(16);
  if (typeof v === 'boolean') return v ? 'B_TRUE' : 'B_FALSE';
  if (typeof v === 'string') return /^\d+ \(/.test(v) ? `0x${Number(v.split(' ')[0]).toString(16)} ${v.slice(v.indexOf('('))}` : JSON.stringify(v);
  return hex8(mdb.ka.of(v));
}

dcmd('print', 'TYPE [member...]', 'addr::print TYPE [member...]: a kernel structure (proc_t, kthread_t, klwp_t, struct as, struct seg, struct anon, page_t, kmutex_t, cpu_t)', (c) => {
  const mdb = c.mdb;
  if (c.addr === null) throw new MdbError('command requires an address');
  let args = c.args;
  if (args[0] === '-t') args = args.slice(1);
  let tname = args[0];
  let rest = args.slice(1);
  if (tname === 'struct' && args[1]) { tname = `struct ${args[1]}`; rest = args.slice(2); }
  if (!tname) throw new MdbError('usage: addr::print TYPE [member...]');
  const ty = TYPES[tname];
  if (!ty) throw new MdbError(`failed to look up type ${tname}: no such type (known: ${PRINT_TYPES.join(', ')})`);
  const o = mdb.ka.at(c.addr);
  if (!(o instanceof ty.cls)) throw new MdbError(`${hex8(c.addr)} is not a ${tname}`);
  const get = (m: Member) => m[1](o as never, mdb);
  if (rest.length > 0) {
    for (const name of rest) {
      const m = ty.members.find((x) => x[0] === name);
      if (!m) throw new MdbError(`failed to find member ${name} of ${tname}`);
      mdb.out(`${name} = ${fmt(mdb, get(m))}`);
    }
    return;
  }
  mdb.out('{');
  for (const m of ty.members) mdb.out(`    ${m[0]} = ${fmt(mdb, get(m))}`);
  mdb.out('}');
});
