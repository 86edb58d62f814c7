/*
 * test/kernel/common/os/callout.test.ts — timeout/untimeout: callouts run at their tick in (tick, id)
 * order, untimeout returns the ticks left (or -1 once run or unknown), a callout whose lock is busy
 * (it returns false) runs again at the next tick, callout_next names the earliest, and a pending
 * callout shows up in the leak check until it is cancelled.
 */

import { expect } from 'chai';
import { timeout, untimeout, callout_expire, callout_next, callout_left, callout_table_find } from '../../../../kernel/common/os/callout.ts';
import { leak_snapshot, leak_compare, type LeakKernel } from '../../../../kernel/common/os/leak_check.ts';
import { PidTable, default_var } from '../../../../kernel/common/os/pid.ts';

function kernel(): { lbolt: number } { return { lbolt: 0 }; }
function tick(k: { lbolt: number }): void { k.lbolt++; callout_expire(k); }

describe('kernel/common/os/callout (timeout, untimeout)', () => {
  it('runs callouts at their tick, in (tick, id) order', () => {
    const k = kernel();
    const ran: string[] = [];
    timeout(k, () => { ran.push(`b@${k.lbolt}`); return true; }, 3, 'b');
    timeout(k, () => { ran.push(`a@${k.lbolt}`); return true; }, 1, 'a');
    timeout(k, () => { ran.push(`c@${k.lbolt}`); return true; }, 3, 'c');
    expect(callout_next(k)).to.equal(1);
    for (let i = 0; i < 5; i++) tick(k);
    expect(ran).to.deep.equal(['a@1', 'b@3', 'c@3']);
    expect(callout_next(k)).to.equal(null);
  });

  it('untimeout returns the ticks left, or -1 once it ran or for an unknown id', () => {
    const k = kernel();
    let ran = 0;
    const id = timeout(k, () => { ran++; return true; }, 10, 'x');
    tick(k); tick(k);
    expect(callout_left(k, id)).to.equal(8);
    expect(untimeout(k, id)).to.equal(8);
    expect(untimeout(k, id)).to.equal(-1);
    for (let i = 0; i < 12; i++) tick(k);
    expect(ran).to.equal(0);
    const id2 = timeout(k, () => { ran++; return true; }, 1, 'y');
    tick(k);
    expect(ran).to.equal(1);
    expect(untimeout(k, id2)).to.equal(-1);
    expect(untimeout(k, 0)).to.equal(-1);
    expect(untimeout(k, 12345)).to.equal(-1);
  });

  it('a callout that cannot take its lock runs again at the next tick', () => {
    const k = kernel();
    let tries = 0;
    timeout(k, () => ++tries >= 3, 1, 'busy');
    tick(k);
    expect(tries).to.equal(1);
    expect(callout_next(k)).to.equal(2);
    tick(k); tick(k); tick(k);
    expect(tries).to.equal(3);
    expect(callout_table_find(k)!.ct_list).to.have.length(0);
  });

  it('a pending callout is a leak until it is cancelled', () => {
    const k = Object.assign(kernel(), {
      pids: new PidTable(default_var()), nproc: 0, upcount: new Map<number, number>(), initproc: null,
      machine: { console: {} },
    }) as unknown as LeakKernel & { lbolt: number };
    const boot = leak_snapshot(k);
    const id = timeout(k, () => true, 5, 'alarm[7]');
    expect(leak_compare(boot, leak_snapshot(k))).to.deep.equal(['callouts: 0 at boot, 1 at halt (new: callout 1 (alarm[7]))']);
    untimeout(k, id);
    expect(leak_compare(boot, leak_snapshot(k))).to.deep.equal([]);
  });
});
