/*
 * test/kernel/common/os/proc_check.test.ts — the process-table invariants of --check
 * (kernel/common/os/proc_check.ts) on hand-built process tables: a consistent table passes; a
 * child left on its parent's orphan chain after it was freed (the leak that kept every reaped
 * child of a long-lived parent alive) and a child missing from it are both named.
 */

import { expect } from 'chai';
import { proc_check, type CheckKernel } from '../../../../kernel/common/os/proc_check.ts';
import { Proc } from '../../../../kernel/common/sys/proc.ts';
import { KMutex } from '../../../../kernel/common/sys/mutex.ts';

/** A table of a parent (pid 2) and its children, as cfork links them. */
function table(children: number[]): { k: CheckKernel; parent: Proc; kids: Proc[] } {
  const parent = new Proc(2);
  const kids = children.map((pid) => {
    const c = new Proc(pid);
    c.p_parent = parent;
    parent.p_child.unshift(c);
    parent.p_orphan.unshift(c);
    return c;
  });
  const all = [parent, ...kids];
  for (const p of all) p.p_stat = 0;      /* not SIDL or SZOMB: skip the per-lwp counts below */
  const k: CheckKernel = {
    pids: { all: () => all, prfind: (pid) => all.find((p) => p.p_pid === pid) ?? null },
    practive: all, nproc: all.length, upcount: new Map([[0, all.length]]), pidlock: new KMutex('pidlock', 'pidlock'),
  };
  return { k, parent, kids };
}

describe('kernel/common/os/proc_check', () => {
  it('a consistent parent with children passes', () => {
    const { k } = table([3, 4]);
    expect(proc_check(k).filter((l) => /orphan|child/.test(l))).to.deep.equal([]);
  });

  it('names a freed child left on the orphan chain, and a child missing from it', () => {
    const { k, parent, kids } = table([3, 4]);
    // freeproc without the orphan-chain unlink: gone from p_child, still on p_orphan.
    parent.p_child.splice(parent.p_child.indexOf(kids[0]), 1);
    kids[0].p_parent = null;
    (k.practive as Proc[]).splice((k.practive as Proc[]).indexOf(kids[0]), 1);
    expect(proc_check(k).join('\n')).to.match(/pid 2: its orphan chain has 2 entries but it has 1 children/);
    parent.p_orphan.length = 0;
    expect(proc_check(k).join('\n')).to.match(/pid 2: its orphan chain has 0 entries but it has 1 children/);
  });
});
