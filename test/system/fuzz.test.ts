/*
 * test/system/fuzz.test.ts — a short budget of the fuzzers (scripts/fuzz_lib.ts; `npm run fuzz`
 * runs long ones): the system-call fuzzer on a few seeds and 1, 2 and 4 CPUs under --check (no
 * host exception, panic, deadlock or leak), the same seed giving the same run, a failed run
 * reporting its seed and the last 50 system calls; ELF and flag mutations never an internal error;
 * --jobs running seeds in child processes.
 */

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../boot/boot.ts';
import { fuzz_syscalls, fuzz_elf, fuzz_flags, LAST_CALLS } from '../../scripts/fuzz_lib.ts';

describe('system: fuzzers (short budget)', function () {
  this.timeout(300_000);

  for (const [seed, cpus] of [[1, 2], [5, 2], [7, 1], [11, 4]] as const) {
    it(`system calls: seed ${seed} on ${cpus} CPU(s), 10,000 calls, clean under --check`, () => {
      const r = fuzz_syscalls(seed, 10_000, cpus);
      expect(r.ok, `${r.why}\n${r.last.join('\n')}`).to.equal(true);
      expect(r.fuzzed).to.be.at.least(10_000);
      expect(r.syscalls).to.be.above(r.fuzzed);
    });
  }

  it('is reproducible: a seed gives the same calls and cycles', () => {
    const a = fuzz_syscalls(3, 600), b = fuzz_syscalls(3, 600);
    expect(a.ok && b.ok, a.why || b.why).to.equal(true);
    expect([a.syscalls, a.cycles]).to.deep.equal([b.syscalls, b.cycles]);
    expect(a.last).to.deep.equal(b.last);
  });

  it('a failed run names its seed and shows the last 50 system calls (here: stopped by the cycle limit)', () => {
    const r = fuzz_syscalls(9, 5000, 2, 2_000_000);
    expect(r.ok).to.equal(false);
    expect(r.seed).to.equal(9);
    expect(r.why).to.match(/^maxcycles/);
    expect(r.last).to.have.length(LAST_CALLS);
    expect(r.last[0]).to.match(/^\s*\d+\/\d+:\t\w+\(/);
  });

  it('ELF mutations: checked or run, never a host exception or a panic', () => {
    expect(fuzz_elf(1, 60)).to.deep.equal([]);
  });

  it('flag sets: always one line and exit 2 for a missing program, never an internal error', async () => {
    expect(await fuzz_flags(1, 150)).to.deep.equal([]);
  });

  it('npm run fuzz -- --jobs 2 runs the seeds in child processes and sums their figures', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'fuzz.ts'), '--syscalls', '2000', '--seeds', '3', '--jobs', '2', '--elf', '0', '--flags', '0'],
      { encoding: 'latin1', cwd: ROOT, timeout: 240_000 });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    const seeds = [...r.stdout.matchAll(/^fuzz: seed (\d+): ok, (\d+) fuzzed of (\d+) system calls/gm)];
    expect(seeds.map((m) => Number(m[1])).sort()).to.deep.equal([1, 2, 3]);
    const sum = seeds.reduce((a, m) => a + Number(m[3]), 0);
    expect(r.stdout).to.match(new RegExp(`^fuzz: 3 seeds, \\d+ fuzzed of ${sum} system calls .*, 0 failed$`, 'm'));
  });
});
