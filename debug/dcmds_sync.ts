/*
 * debug/dcmds_sync.ts — locks: addr::mutex in the layout of mdb's sobj.c (ADDR TYPE HELD MINSPL
 * OLDSPL WAITERS; here adaptive mutexes only), with the waiters listed; ::lockstat (the --lockstat
 * report so far, when the kernel gathers it); and, past mdb, ::locks (every held lock, its owner
 * and waiters, and the lock-order graph of classes) and ::deadlock (a cycle of waiters, explained).
 */

import { dcmd, MdbError, type Mdb } from './mdb.ts';
import { hex8, all_threads } from './kaddr.ts';
import { KMutex, LOCK_ORDER } from '../kernel/common/sys/mutex.ts';
import { TS_ONPROC, type KThread } from '../kernel/common/sys/thread.ts';
import { lockstat_report } from '../kernel/common/os/lockstat.ts';

/** Threads spinning on or blocked for mutex m (spinners: running, t_blocked = m). */
function waiters(mdb: Mdb, m: KMutex): { blocked: KThread[]; spinning: KThread[] } {
  const spinning = all_threads(mdb.tgt.k).filter((t) => t.t_blocked === m && !m.m_waiters.includes(t));
  return { blocked: [...m.m_waiters], spinning };
}

dcmd('mutex', '', 'addr::mutex: a kernel mutex, its owner and its waiters', (c) => {
  const mdb = c.mdb;
  if (c.addr === null) throw new MdbError('command requires an address');
  const m = mdb.ka.at(c.addr);
  if (!(m instanceof KMutex)) throw new MdbError(`${hex8(c.addr)}: not a mutex`);
  const w = waiters(mdb, m);
  const any = w.blocked.length + w.spinning.length > 0;
  if (c.first) mdb.out('    ADDR  TYPE     HELD MINSPL OLDSPL WAITERS');
  mdb.out(`${hex8(c.addr)} adapt ${m.m_owner ? hex8(mdb.ka.of(m.m_owner)) : '      no'}      -      - ${any ? 'yes' : 'no'}`);
  if (m.m_owner) mdb.out(`    owner: ${hex8(mdb.ka.of(m.m_owner))} ${m.m_owner.t_name}${m.m_owner.t_state === TS_ONPROC ? ` (on cpu ${m.m_owner.t_cpu})` : ''}`);
  for (const t of w.spinning) mdb.out(`    spinning: ${hex8(mdb.ka.of(t))} ${t.t_name} (cpu ${t.t_cpu})`);
  for (const t of w.blocked) mdb.out(`    blocked: ${hex8(mdb.ka.of(t))} ${t.t_name}`);
  mdb.out(`    ${m.m_name}: class ${m.m_class}, ${m.m_acquired} acquisitions, ${m.m_contended} contended`);
});

/** Every mutex some thread holds or waits for. */
function live_mutexes(mdb: Mdb): KMutex[] {
  const out: KMutex[] = [];
  const add = (m: KMutex | null) => { if (m && !out.includes(m)) out.push(m); };
  for (const t of all_threads(mdb.tgt.k)) { t.t_locks.forEach(add); add(t.t_blocked); }
  return out;
}

dcmd('locks', '', 'every held lock with its owner and waiters, and the lock-order graph of lock classes', (c) => {
  const mdb = c.mdb;
  const ms = live_mutexes(mdb);
  if (ms.length === 0) mdb.out('no locks held');
  else {
    mdb.out('    ADDR LOCK               OWNER                          WAITERS');
    for (const m of ms) {
      const w = waiters(mdb, m);
      const ws = [...w.spinning.map((t) => `${t.t_name} (spin)`), ...w.blocked.map((t) => `${t.t_name} (block)`)];
      mdb.out(`${hex8(mdb.ka.of(m))} ${m.m_name.padEnd(18)} ${(m.m_owner ? `${hex8(mdb.ka.of(m.m_owner))} ${m.m_owner.t_name}` : '-').padEnd(30)} ${ws.join(', ') || '-'}`);
    }
  }
  mdb.out('lock order (a thread may take a class only while holding classes to its left):');
  const classes = Object.entries(LOCK_ORDER).sort((a, b) => a[1] - b[1]).map(([n]) => n);
  mdb.out('  ' + classes.join(' -> '));
});

dcmd('deadlock', '', 'look for a cycle of threads each waiting for a lock the next one holds, and explain it', (c) => {
  const mdb = c.mdb;
  const seen = new Set<KThread>();
  for (const t0 of all_threads(mdb.tgt.k)) {
    if (seen.has(t0) || !t0.t_blocked) continue;
    const chain: KThread[] = [];
    let t: KThread | null = t0;
    while (t && t.t_blocked && !chain.includes(t)) { chain.push(t); t = t.t_blocked.m_owner; }
    chain.forEach((x) => seen.add(x));
    if (t && chain.includes(t)) {
      const cyc = chain.slice(chain.indexOf(t));
      mdb.out(`deadlock: ${cyc.length} threads wait for each other:`);
      for (const x of cyc) mdb.out(`  ${hex8(mdb.ka.of(x))} ${x.t_name} holds {${x.t_locks.map((m) => m.m_name).join(', ')}} and waits for ${x.t_blocked!.m_name} (held by ${x.t_blocked!.m_owner?.t_name})`);
      return;
    }
  }
  const sleepers = all_threads(mdb.tgt.k).filter((t) => t.t_wchan !== null).length;
  mdb.out(`no cycle of lock waiters (${sleepers} thread${sleepers === 1 ? '' : 's'} asleep on condition variables or locks)`);
});

dcmd('lockstat', '', 'the lock statistics so far (run with --lockstat, or forkvm debug --lockstat)', (c) => {
  const mdb = c.mdb;
  const ls = mdb.tgt.k.lockstat;
  if (!ls) throw new MdbError('lockstat counters are not enabled (start with --lockstat)');
  for (const l of lockstat_report(ls, mdb.tgt.k.cycles())) mdb.out(l);
});
