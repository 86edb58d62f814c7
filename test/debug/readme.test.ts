/*
 * test/debug/readme.test.ts — the README's "Debugging a fork" walk-through is a real session: its
 * commands (the `> ` lines of the block after <!-- debug-walkthrough -->) replayed on the boot
 * demo print exactly the transcript shown.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../boot/boot.ts';
import { run_scenario } from './debug_golden.ts';

describe('README: Debugging a fork', () => {
  it('the walk-through transcript is what the session prints', function () {
    this.timeout(60_000);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const m = /<!-- debug-walkthrough -->\n```text\n([\s\S]*?)```/.exec(readme);
    expect(m, 'README has the walk-through block').to.not.equal(null);
    const block = m![1];
    const cmds = block.split('\n').filter((l) => l.startsWith('> ')).map((l) => l.slice(2));
    expect(cmds.length).to.be.greaterThan(5);
    expect(run_scenario({ name: 'readme', program: null, cmds })).to.equal(block);
  });
});
