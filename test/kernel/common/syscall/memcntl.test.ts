/*
 * test/kernel/common/syscall/memcntl.test.ts — memory locks are not inherited by fork, while the
 * umask and the scheduling class are: posix_sched `hold` locks memory (mlockall, mlock) in the
 * parent, forks, and both stop in pause(); the machine then has nothing to run and halts, and
 * the test reads the two processes' state: the parent keeps its locks, the child has only the
 * range it locked itself.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../../boot/boot.ts';
import { MCL_CURRENT, MCL_FUTURE } from '../../../../kernel/common/syscall/memcntl.ts';
import { RT_CID, RT_TQINF } from '../../../../kernel/common/disp/priocntl.ts';

describe('kernel/common/syscall/memcntl (locks across fork)', () => {
  for (const cpus of [1, 2]) {
    it(`the fork child has no memory locks; umask and class are inherited (${cpus} CPU(s))`, () => {
      const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'posix_sched')));
      const r = run_image({ ...DEFAULT_BOOT, cpus, fsDirs: [], capture: true, maxCycles: 200_000_000 }, image, ['posix_sched', 'hold']);
      const out = r.machine.console.output();
      expect(out, out).to.not.contain('FAIL');
      const m = /^HOLD parent (\d+)$/m.exec(out);
      expect(m, out).to.not.equal(null);
      expect(out).to.match(/^HOLD child$/m);
      const child = r.kernel.pids.prfind(Number(m![1]))!;
      const parent = child.p_parent!;
      expect(parent.p_mlockall).to.equal(MCL_CURRENT | MCL_FUTURE);
      expect(parent.p_mlocked.map((x) => x.len)).to.deep.equal([8192]);
      expect(child.p_mlockall).to.equal(0);
      expect(child.p_mlocked).to.have.length(1);
      expect(child.p_mlocked[0].addr).to.equal(parent.p_mlocked[0].addr + 8192);
      expect(child.u_cmask).to.equal(0o027);
      expect([child.p_cid, child.p_clparms[0], child.p_clparms[2]]).to.deep.equal([RT_CID, 25, RT_TQINF]);
      expect([parent.p_cid, parent.p_clparms[0]]).to.deep.equal([RT_CID, 25]);
    });
  }
});
