/*
 * test/userland/libc_programs.test.ts — the libc self-tests (userland/tests/libc/*.c, ELFs
 * libc_*) on the booted machine: each must exit 0 with no FAIL line. libc_threads also prints
 * lines from three threads at once; each must come out whole (stdio's per-stream lock). Both ISAs.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../boot/boot.ts';
import { user_programs, elf_dir } from '../../scripts/build_userland.ts';

const progs = user_programs(ROOT).filter((p) => p.src.startsWith('userland/tests/libc/'));
const ARCHS = ['sparc', 'x86'] as const;

function run(name: string, seed: number, arch: 'sparc' | 'x86' = 'sparc') {
  const image = new Uint8Array(readFileSync(join(ROOT, elf_dir(arch), name)));
  const o = Object.assign({}, DEFAULT_BOOT, { arch, capture: true, check: true, seed, maxCycles: 1_000_000_000 });
  const r = run_image(o, image, [name]);
  return { ...r, out: r.machine.console.output() };
}

describe('userland/tests/libc programs', () => {
  it('has the libc self-tests', () => {
    expect(progs.map((p) => p.name)).to.include.members(['libc_selftest', 'libc_threads']);
  });

  for (const arch of ARCHS) for (const p of progs) {
    for (const seed of [0, 7]) {
      it(`${arch}: ${p.name} passes (seed ${seed})`, () => {
        const r = run(p.name, seed, arch);
        expect(r.halt.why, r.halt.message).to.equal('exit');
        expect(r.out.split('\n').filter((l) => l.startsWith('FAIL')), r.out).to.deep.equal([]);
        expect(r.status, r.out).to.equal(0);
        expect(r.leaks).to.deep.equal([]);
      });
    }
  }

  for (const arch of ARCHS) it(`${arch}: libc_threads: printf lines from concurrent threads are never mixed`, () => {
    const r = run('libc_threads', 42, arch);
    const lines = r.out.split('\n').filter((l) => !l.startsWith('PASS') && l !== '');
    expect(lines.length, r.out).to.equal(15);
    for (const l of lines) expect(l).to.match(/^line (\d)-[0-4]: the quick brown fox jumps over the lazy dog \1$/);
  });
});
