/*
 * test/debug/gdb_reverse.test.ts — gdb's reverse execution on the stub (debug/gdb_reverse.ts):
 * gdb-multiarch -batch against `forkvm run --gdb`: at `write`, `stepi 100` (through the `ta 8`
 * system call) then `reverse-stepi 100` gives the same `info registers` as before; reverse-continue
 * with no earlier hit reaches the start of history. Skipped without gdb-multiarch, except under CI.
 */

import { expect } from 'chai';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT } from '../../boot/boot.ts';
import { find_gdb } from './gdb_harness.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const CLI = join(ROOT, 'bin', 'forkvm.js');


describe('debug/gdb_reverse with gdb-multiarch', function () {
  this.timeout(300_000);

  it('reverse-stepi 100 across a system call gives the forward run\'s registers', async function () {
    const gdb = find_gdb();
    if (!gdb) {
      if (process.env.CI) throw new Error('gdb-multiarch is not installed (required under CI: apt-get install gdb-multiarch)');
      console.log('      (skipped: gdb-multiarch is not installed)');
      this.skip();
    }
    const prog = join(BIN, 'hello');
    const fv = spawn(process.execPath, [CLI, 'run', '--gdb', '127.0.0.1:0', prog], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const port = await new Promise<number>((res, rej) => {
      fv.stderr.on('data', (d) => { err += d; const m = /target (?:extended-)?remote 127\.0\.0\.1:(\d+)/.exec(err); if (m) res(Number(m[1])); });
      fv.on('exit', () => rej(new Error('forkvm exited: ' + err)));
    });
    const cmds = ['break write', 'continue', 'echo =A=\\n', 'info registers', 'echo =A=\\n', 'stepi 100', 'echo =F=\\n', 'info registers pc', 'echo =F=\\n',
      'reverse-stepi 100', 'echo =B=\\n', 'info registers', 'echo =B=\\n', 'delete', 'reverse-continue', 'info registers pc', 'kill'];
    const args = ['-nx', '-batch', '-ex', 'set architecture sparc', '-ex', `file ${prog}`, '-ex', `target remote 127.0.0.1:${port}`];
    for (const c of cmds) args.push('-ex', c);
    const r = spawnSync(gdb!, args, { encoding: 'utf8', timeout: 240_000 });
    await new Promise<void>((res) => { if (fv.exitCode !== null) res(); else fv.on('exit', () => res()); });
    const text = r.stdout + r.stderr;
    const block = (k: string) => text.split(`=${k}=\n`)[1] ?? '';
    const a = block('A'), b = block('B'), f = block('F');
    expect(a).to.match(/pc\s+0x10[0-9a-f]+\s+0x[0-9a-f]+ <write\+4>/);
    expect(a.split('\n').length).to.be.greaterThan(30);
    // The forward steps left write (through its ta 8): the reverse ones came back through it.
    expect(f).to.not.include('<write');
    expect(b).to.equal(a);
    expect(text).to.include('No more reverse-execution history.');
    expect(text).to.match(/pc\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <_start>/);
  });
});
