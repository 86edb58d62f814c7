/*
 * test/system/qemu_diff.test.ts — differential tests: every userland/bin/sparc/diff_* program runs
 * on forkvm and must print exactly what qemu-sparc printed for it (test/golden/qemu/<name>.out)
 * and exit with the same status (<name>.status). Regenerate with scripts/gen_qemu_golden.ts.
 */

import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../boot/boot.ts';

const GOLDEN = join(ROOT, 'test', 'golden', 'qemu');
const BIN = join(ROOT, 'userland', 'bin', 'sparc');

const names = existsSync(GOLDEN)
  ? readdirSync(GOLDEN).filter((f) => f.endsWith('.out')).map((f) => f.slice(0, -4)).sort()
  : [];

describe('system: forkvm vs qemu-sparc golden outputs', () => {
  it('has golden files to compare against', () => {
    expect(names.length, 'no golden files in test/golden/qemu').to.be.greaterThan(5);
  });
  for (const name of names) {
    it(name, () => {
      const image = new Uint8Array(readFileSync(join(BIN, name)));
      const want = readFileSync(join(GOLDEN, name + '.out')).toString('latin1');
      const wantStatus = Number(readFileSync(join(GOLDEN, name + '.status'), 'utf8').trim());
      const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 2_000_000_000 }, image, [name]);
      expect(r.halt.why, r.halt.message).to.equal('exit');
      const got = r.machine.console.output();
      if (got !== want) {
        const gl = got.split('\n'), wl = want.split('\n');
        let i = 0;
        while (i < gl.length && gl[i] === wl[i]) i++;
        expect.fail(`${name}: first difference at line ${i + 1}:\n  forkvm: ${JSON.stringify(gl[i])}\n  qemu:   ${JSON.stringify(wl[i])}`);
      }
      expect(r.status).to.equal(wantStatus);
    });
  }
});
