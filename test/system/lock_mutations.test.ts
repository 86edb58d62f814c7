/*
 * test/system/lock_mutations.test.ts — each lock the seed takes matters (issue 6): for every
 * enter/exit pair that KernelOptions.nolock can drop (getproc's pidlock, cfork's final pidlock and
 * p_locks including CL_FORKRET's, fork_fail's pidlock, relvm's child/parent p_lock pair, vfwait's
 * pidlock and p_locks, exit's pidlock and p_lock, waitid's pidlock), the SMP stress workload on 2
 * and 4 CPUs under several seeds ends in a kernel panic that names what went wrong (a lock-map
 * ASSERT such as MUTEX_HELD(&pidlock) in upcount_inc, cv_wait's "mutex not held", or an --check
 * invariant), while the same runs with every lock in place end normally with the check clean.
 */

import { expect } from 'chai';
import { smp_run } from './smp_harness.ts';
import type { BootOptions } from '../../boot/boot.ts';

/** Lock site → what the workload needs to reach it, and what the panic must say. */
const SITES: { site: string; extra: Partial<BootOptions>; panic: RegExp }[] = [
  { site: 'getproc', extra: {}, panic: /upcount_inc: pidlock not held/ },
  { site: 'cfork', extra: {}, panic: /pgjoin: pidlock not held|CL_FORKRET: pidlock not held|p_lock not held/ },
  // fork_fail runs only when a fork fails: make the 5th as_dup allocation of the program fail.
  { site: 'fork_fail', extra: { inject: [{ site: 'as_dup', n: 5 }] }, panic: /upcount_dec: pidlock not held/ },
  { site: 'relvm', extra: {}, panic: /relvm: child and parent p_lock not held/ },
  { site: 'vfwait', extra: {}, panic: /cv_wait_sig: mutex not held|releases p_lock.* owned by nobody/ },
  { site: 'exit', extra: {}, panic: /pidlock not held|p_lock not held|proc_check/ },
  { site: 'waitid', extra: {}, panic: /cv_wait_sig: mutex not held|freeproc: pidlock not held|releases pidlock owned by nobody/ },
];

const RUNS = [{ cpus: 2, seed: 1 }, { cpus: 2, seed: 4 }, { cpus: 4, seed: 3 }, { cpus: 4, seed: 8 }];

describe('system: every lock the seed takes is needed (nolock mutations)', function () {
  this.timeout(600_000);

  for (const { site, extra, panic } of SITES) {
    it(`without ${site}'s lock pairs the stress workload panics (${RUNS.length} cpu/seed runs); with them it does not`, () => {
      for (const run of RUNS) {
        const where = `${site}, --cpus ${run.cpus} --seed ${run.seed}`;
        const bad = smp_run('smp_stress', { ...run, ...extra, nolock: [site] });
        expect(bad.halt.why, `${where}: ${bad.halt.message}`).to.equal('panic');
        expect(bad.halt.message, where).to.match(panic);
        const good = smp_run('smp_stress', { ...run, ...extra });
        expect(good.halt.why, `${where} with locks: ${good.halt.message}`).to.equal('exit');
        expect((good.leaks ?? []).filter((l) => l.startsWith('invariant')), where).to.deep.equal([]);
        if (extra.inject === undefined) expect(good.status, where).to.equal(0);
      }
    });
  }
});
