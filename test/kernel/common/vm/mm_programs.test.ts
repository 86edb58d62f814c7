/*
 * test/kernel/common/vm/mm_programs.test.ts — the memory C programs (userland/tests/mm/*.c, built
 * as userland/bin/sparc/mm_*) on the booted SPARC machine, on 1 and 2 CPUs and under --seed:
 * every CHECK named in the source must print PASS (none skipped, none FAIL), the program must
 * exit 0, and the leak check must be clean at halt (pages, anon, swap, shm ids, pids).
 */

import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../../boot/boot.ts';

const SRC = join(ROOT, 'userland', 'tests', 'mm');
const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const programs = readdirSync(SRC).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).sort();

/** The check names a source file declares: CHECK("name", ...). */
function check_names(src: string): string[] {
  return [...readFileSync(join(SRC, src + '.c'), 'utf8').matchAll(/CHECK\("([A-Za-z0-9_]+)"/g)].map((m) => m[1]);
}

describe('userland/tests/mm programs', () => {
  it('finds the programs', () => {
    expect(programs).to.include.members(['anon', 'fork', 'shm']);
  });
  for (const name of programs) {
    const elf = `mm_${name}`;
    const runs: [number, number][] = name === 'fork' ? [[1, 0], [2, 0], [2, 3], [2, 42]] : [[1, 0], [2, 7]];
    for (const [cpus, seed] of runs) {
      it(`${elf} passes every check on ${cpus} CPU(s), seed ${seed}, with no leaks`, () => {
        expect(existsSync(join(BIN, elf)), `${elf} is not built (npm run userland)`).to.equal(true);
        const image = new Uint8Array(readFileSync(join(BIN, elf)));
        const r = run_image({ ...DEFAULT_BOOT, cpus, seed, capture: true, check: true, maxCycles: 500_000_000 },
          image, [`/bin/${elf}`]);
        const out = r.machine.console.output();
        expect(r.halt.why, r.halt.message).to.equal('exit');
        const failed = out.split('\n').filter((l) => l.startsWith('FAIL'));
        expect(failed, out).to.deep.equal([]);
        const passed = new Set(out.split('\n').filter((l) => l.startsWith('PASS ')).map((l) => l.slice(5)));
        const names = check_names(name);
        expect(names.length).to.be.greaterThan(10);
        expect(names.filter((n) => !passed.has(n)), 'checks that never printed PASS').to.deep.equal([]);
        expect(r.status, out).to.equal(0);
        expect(r.leaks).to.deep.equal([]);
      });
    }
  }
});
