/*
 * test/kernel/common/fs/flock.test.ts — record locks (kernel/common/fs/flock.ts): ranges split
 * and merge per owner, read locks share and write locks exclude, F_SETLK's EAGAIN, F_SETLKW's
 * sleep and wakeup, EDEADLK for a cycle of waiting processes, EINTR on a signal, cleanlocks (close
 * and exit), and flk_live for the leak check.
 */

import { expect } from 'chai';
import { F_RDLCK, F_UNLCK, F_WRLCK, MAXEND, cleanlocks, flk_getlk, flk_live, reclock, flock_table, type LockDesc } from '../../../../kernel/common/fs/flock.ts';
import { RamFile } from '../../../../kernel/common/fs/ramfs.ts';
import { EAGAIN, EDEADLK, EINTR } from '../../../../kernel/common/sys/errno.ts';
import { TS_SLEEP } from '../../../../kernel/common/sys/thread.ts';
import type { Proc } from '../../../../kernel/common/sys/proc.ts';
import { tsignal } from '../../../../kernel/common/os/sig.ts';
import { SIGUSR1 } from '../../../../kernel/common/sys/signal.ts';
import { Sim } from './fs_harness.ts';

const L = (p: Proc, type: number, s: number, e: number): LockDesc => ({ l_type: type, l_start: s, l_end: e, l_owner: p });

/** The ranges of vp's lock list as [type, start, end, pid]. */
function ranges(sim: Sim, vp: object): [number, number, number, number][] {
  const vl = flock_table(sim.k).fl_vnodes.get(vp as RamFile);
  return (vl?.vl_active ?? []).map((l) => [l.l_type, l.l_start, l.l_end, l.l_owner.p_pid]);
}

/** cleanlocks(vp, p) as a thread of p would run it (close, exit). */
function clean(sim: Sim, vp: RamFile, p: Proc): void {
  const t = sim.spawn(p, function* () { /* context only */ }).t;
  sim.as(t, () => cleanlocks(vp, p));
  sim.run();
}

/** Run one lock request as a new thread of p to completion (it must not sleep). */
function now(sim: Sim, p: Proc, vp: RamFile, req: LockDesc, wait = false): number {
  const r = sim.spawn(p, () => reclock(vp, req, wait));
  sim.run();
  expect(r.out.done, 'request slept').to.equal(true);
  return r.out.value!;
}

describe('kernel/common/fs/flock', () => {
  it('splits, merges and upgrades one owner\'s ranges; F_UNLCK punches holes', () => {
    const sim = new Sim();
    const p = sim.proc();
    const vp = new RamFile(new Uint8Array(0), true);
    expect(now(sim, p, vp, L(p, F_RDLCK, 0, 99))).to.equal(0);
    expect(now(sim, p, vp, L(p, F_WRLCK, 10, 19))).to.equal(0);
    expect(ranges(sim, vp)).to.deep.equal([[F_RDLCK, 0, 9, 100], [F_WRLCK, 10, 19, 100], [F_RDLCK, 20, 99, 100]]);
    expect(now(sim, p, vp, L(p, F_UNLCK, 15, 24))).to.equal(0);
    expect(ranges(sim, vp)).to.deep.equal([[F_RDLCK, 0, 9, 100], [F_WRLCK, 10, 14, 100], [F_RDLCK, 25, 99, 100]]);
    expect(now(sim, p, vp, L(p, F_RDLCK, 10, 24))).to.equal(0);          // adjacent read ranges merge
    expect(ranges(sim, vp)).to.deep.equal([[F_RDLCK, 0, 99, 100]]);
    expect(now(sim, p, vp, L(p, F_RDLCK, 100, MAXEND))).to.equal(0);
    expect(ranges(sim, vp)).to.deep.equal([[F_RDLCK, 0, MAXEND, 100]]);
    expect(now(sim, p, vp, L(p, F_UNLCK, 0, MAXEND))).to.equal(0);
    expect(ranges(sim, vp)).to.deep.equal([]);
    expect(flock_table(sim.k).fl_vnodes.size).to.equal(0);             // an empty list is forgotten
  });

  it('read locks share, write locks exclude: EAGAIN without wait, F_GETLK names the holder', () => {
    const sim = new Sim();
    const p = sim.proc(), q = sim.proc();
    const vp = new RamFile(new Uint8Array(0), true);
    expect(now(sim, p, vp, L(p, F_RDLCK, 0, 9))).to.equal(0);
    expect(now(sim, q, vp, L(q, F_RDLCK, 5, 14))).to.equal(0);
    expect(now(sim, q, vp, L(q, F_WRLCK, 5, 5))).to.equal(EAGAIN);
    expect(now(sim, q, vp, L(q, F_WRLCK, 10, 14))).to.equal(0);           // upgrade outside p's range
    const g = sim.spawn(p, () => flk_getlk(vp, L(p, F_RDLCK, 0, MAXEND)));
    sim.run();
    expect(g.out.value).to.deep.include({ l_type: F_WRLCK, l_start: 10, l_end: 14, l_owner: q });
    expect(flk_live(sim.k)).to.have.length(3);
    clean(sim, vp, q);
    expect(ranges(sim, vp)).to.deep.equal([[F_RDLCK, 0, 9, 100]]);
    clean(sim, vp, p);
    expect(flk_live(sim.k)).to.deep.equal([]);
  });

  it('F_SETLKW sleeps until the range is free; cleanlocks (a close) wakes it', () => {
    const sim = new Sim();
    const p = sim.proc(), q = sim.proc();
    const vp = new RamFile(new Uint8Array(0), true);
    expect(now(sim, p, vp, L(p, F_WRLCK, 0, MAXEND))).to.equal(0);
    const w = sim.spawn(q, () => reclock(vp, L(q, F_WRLCK, 50, 59), true));
    sim.run();
    expect(w.t.t_state).to.equal(TS_SLEEP);
    expect(flk_live(sim.k).some((s) => s.startsWith('sleeping request'))).to.equal(true);
    sim.as(w.t, () => cleanlocks(vp, p));
    sim.run();
    expect(w.out.value).to.equal(0);
    expect(ranges(sim, vp)).to.deep.equal([[F_WRLCK, 50, 59, 101]]);
  });

  it('EDEADLK when the request would close a cycle of waiters; nothing changes', () => {
    const sim = new Sim();
    const p = sim.proc(), q = sim.proc(), r = sim.proc();
    const vp = new RamFile(new Uint8Array(0), true), vp2 = new RamFile(new Uint8Array(0), true);
    expect(now(sim, p, vp, L(p, F_WRLCK, 0, 9))).to.equal(0);
    expect(now(sim, q, vp, L(q, F_WRLCK, 10, 19))).to.equal(0);
    expect(now(sim, r, vp2, L(r, F_WRLCK, 0, 0))).to.equal(0);
    // q waits for p; r waits for q (on another file: the graph spans files); p asking for r's lock closes p→r→q→p.
    const wq = sim.spawn(q, () => reclock(vp, L(q, F_WRLCK, 0, 0), true));
    const wr = sim.spawn(r, () => reclock(vp, L(r, F_RDLCK, 15, 15), true));
    sim.run();
    expect(wq.t.t_state).to.equal(TS_SLEEP);
    expect(wr.t.t_state).to.equal(TS_SLEEP);
    expect(now(sim, p, vp2, L(p, F_RDLCK, 0, 0), true)).to.equal(EDEADLK);
    expect(ranges(sim, vp2)).to.deep.equal([[F_WRLCK, 0, 0, 102]]);
    // p gives up its lock: q gets it, then q's exit frees r.
    sim.as(wq.t, () => cleanlocks(vp, p));
    sim.run();
    expect(wq.out.value).to.equal(0);
    sim.as(wq.t, () => cleanlocks(vp, q));
    sim.run();
    expect(wr.out.value).to.equal(0);
  });

  it('a signal ends the sleep with EINTR and leaves no request behind', () => {
    const sim = new Sim();
    const p = sim.proc(), q = sim.proc();
    const vp = new RamFile(new Uint8Array(0), true);
    expect(now(sim, p, vp, L(p, F_WRLCK, 0, 0))).to.equal(0);
    const w = sim.spawn(q, () => reclock(vp, L(q, F_RDLCK, 0, 0), true));
    sim.run();
    expect(w.t.t_state).to.equal(TS_SLEEP);
    sim.as(w.t, () => tsignal(w.t, SIGUSR1));
    sim.run();
    expect(w.out.value).to.equal(EINTR);
    expect(flk_live(sim.k)).to.have.length(1);
    clean(sim, vp, p);
    expect(flk_live(sim.k)).to.deep.equal([]);
  });
});
