/*
 * test/kernel/common/os/sig_programs.test.ts — the signal acceptance tests: every
 * userland/bin/sparc/sig_* program (built from userland/tests/sig/*.c) runs on the machine as
 * `forkvm run` runs it. A program passes when it prints no FAIL line, at least one PASS line, and
 * exits with the status its `EXPECT-STATUS n` line announces (0 when it has none; 128 + signal for
 * the programs that must die of a signal).
 */

import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../../boot/boot.ts';
// Registers the SPARC sendsig with sig.ts (also done by the kernel once machdep imports it).
import '../../../../kernel/sparc/sendsig.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const names = existsSync(BIN) ? readdirSync(BIN).filter((f) => f.startsWith('sig_')).sort() : [];

describe('signals: userland/tests/sig programs', () => {
  it('has the sig_* programs built', () => {
    expect(names).to.include.members(['sig_handler', 'sig_fault', 'sig_fork', 'sig_die_term', 'sig_die_segv']);
  });
  for (const name of names) {
    it(name, () => {
      const image = new Uint8Array(readFileSync(join(BIN, name)));
      const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 2_000_000_000 }, image, [name]);
      const out = r.machine.console.output();
      expect(r.halt.why, r.halt.message).to.equal('exit');
      const fails = out.split('\n').filter((l) => l.startsWith('FAIL '));
      expect(fails, out).to.deep.equal([]);
      expect(out, 'no PASS line').to.match(/^PASS /m);
      const m = /^EXPECT-STATUS (\d+)$/m.exec(out);
      expect(r.status, out).to.equal(m ? Number(m[1]) : 0);
    });
  }
});
