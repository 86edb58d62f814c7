/*
 * test/userland/bin/tools.test.ts — the small /bin tools of the boot archive (userland/bin/
 * true.c, false.c, echo.c, sleep.c, pwd.c, env.c, date.c) run through /bin/sh -c as a test
 * program's system() would run them: their output and exit statuses, on both ISAs.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../boot/boot.ts';
import { elf_dir } from '../../../scripts/build_userland.ts';

/** `sh -c CMD` on the booted machine of `arch`: its status and console output. */
function sh_on(arch: 'sparc' | 'x86', cmd: string): { status: number; out: string } {
  const image = new Uint8Array(readFileSync(join(ROOT, elf_dir(arch), 'sh')));
  const o = Object.assign({}, DEFAULT_BOOT, { arch, capture: true, check: true, maxCycles: 2_000_000_000 });
  const r = run_image(o, image, ['sh', '-c', cmd]);
  expect(r.halt.why, r.halt.message).to.equal('exit');
  expect(r.leaks ?? []).to.deep.equal([]);
  return { status: r.status, out: r.machine.console.output() };
}

for (const arch of ['sparc', 'x86'] as const) describe(`userland/bin tools (${arch})`, function () {
  this.timeout(120_000);
  const sh = (cmd: string) => sh_on(arch, cmd);

  it('true and false exit 0 and 1', () => {
    expect(sh('/bin/true; echo $?; /bin/false; echo $?').out).to.equal('0\n1\n');
  });

  it('echo joins its arguments and interprets the System V escapes', () => {
    expect(sh("/bin/echo a 'b  c' 'd\\te' 'no newline\\c'; /bin/echo").out).to.equal('a b  c d\te no newline\n');
  });

  it('sleep waits guest seconds; a bad operand is status 2', () => {
    expect(sh('/bin/sleep 1; echo $?; /bin/sleep x 2>/tmp/e; echo $?').out).to.equal('0\n2\n');
  });

  it('pwd follows cd', () => {
    expect(sh('/bin/pwd; cd /tmp; /bin/pwd').out).to.equal('/\n/tmp\n');
  });

  it('env prints, sets and clears the environment, and runs a command (127 when not found)', () => {
    expect(sh('/bin/env -i A=1 B=2').out).to.equal('A=1\nB=2\n');
    expect(sh('/bin/env -i X=y /bin/env').out).to.equal('X=y\n');
    expect(sh('/bin/env nosuch 2>/tmp/e; echo $?').out).to.equal('127\n');
  });

  it('date prints the boot date in the default format and in +FORMAT', () => {
    expect(sh("/bin/date; /bin/date -u '+%Y-%m-%d %j'").out).to.equal('Sun Jan  1 00:00:00 UTC 2006\n2006-01-01 001\n');
  });
});
