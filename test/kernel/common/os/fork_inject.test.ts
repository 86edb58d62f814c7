/*
 * test/kernel/common/os/fork_inject.test.ts — every --inject site of cfork/getproc: the caller
 * gets the seed's errno (ENOMEM only from as_dup, EAGAIN for the rest), keeps running (a second
 * fork works), and the leak check at halt is clean.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../../boot/boot.ts';
import { fi_sites } from '../../../../kernel/common/os/fault_inject.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const ENOMEM = 12, EAGAIN = 11;

const EXPECT: Record<string, number> = {
  as_dup: ENOMEM, forklwp: EAGAIN, pid_assign: EAGAIN, rctl: EAGAIN, contract: EAGAIN, kmem: EAGAIN,
};

describe('kernel/common/os/fork: fault injection', () => {
  const image = new Uint8Array(readFileSync(join(BIN, 'kernel_fork_errno')));
  for (const [site, errno] of Object.entries(EXPECT)) {
    for (const cpus of [1, 2]) {
      it(`--inject ${site} (${cpus} CPU): fork1 fails with errno ${errno}, the caller recovers, no leaks`, () => {
        const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, cpus, seed: cpus, check: true, inject: [{ site, n: 1 }] },
          image, ['fork_errno']);
        const out = r.machine.console.output();
        expect(out).to.contain(`first fork1: errno ${errno}\n`);
        expect(out).to.contain('recovered: second fork1 ok, heap ok');
        expect(r.status).to.equal(0);
        expect(r.leaks).to.deep.equal([]);
      });
    }
  }

  it('every fork failure site has a test here', () => {
    const forkSites = fi_sites().map((s) => s.name).filter((n) => n !== 'lwp_create');
    expect(Object.keys(EXPECT).sort()).to.deep.equal(forkSites.sort());
  });

  it('a getproc failure serves the back-off delay; later failures in cfork do not', () => {
    const lbolt = (site: string) => run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, cpus: 1, inject: [{ site, n: 1 }] },
      image, ['fork_errno']).kernel.lbolt;
    // fork_fail_pending / ncpus + 1 ticks of sleep in getproc (pid_assign, kmem); none for forklwp/rctl.
    expect(lbolt('pid_assign')).to.be.greaterThan(lbolt('forklwp'));
    expect(lbolt('kmem')).to.be.greaterThan(lbolt('rctl'));
  });

  it('SITE:N fails the Nth hit only', () => {
    const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, check: true, inject: [{ site: 'forklwp', n: 2 }] },
      image, ['fork_errno']);
    expect(r.machine.console.output()).to.contain('first fork1: ok\nsecond fork1: errno 11\n');
    expect(r.status).to.equal(1);
    expect(r.leaks).to.deep.equal([]);
  });

  it('without injection both forks succeed', () => {
    const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, check: true }, image, ['fork_errno']);
    expect(r.machine.console.output()).to.equal('first fork1: ok\nrecovered: second fork1 ok, heap ok\n');
    expect(r.leaks).to.deep.equal([]);
  });
});
