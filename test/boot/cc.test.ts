/*
 * test/userland/cc.test.ts — `forkvm cc` (boot/cc.ts): bad usage and a missing compiler give one
 * line on stderr and exit status 2, checked without cross tools (PATH is emptied for the latter).
 * When the cross compiler is installed, compiling hello.c must reproduce the committed ELF byte for
 * byte (the same recipe as npm run userland); without it that case is skipped.
 */

import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkvm_cc, have_cross_compiler, MISSING_COMPILER, REPO_ROOT } from '../../boot/cc.ts';

/** Runs forkvm_cc with stderr captured; returns the status and what was written. */
async function run(argv: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const orig = process.stderr.write.bind(process.stderr);
  (process.stderr as unknown as { write: (s: string | Uint8Array) => boolean }).write = (s) => {
    stderr += typeof s === 'string' ? s : Buffer.from(s).toString();
    return true;
  };
  try {
    const status = await forkvm_cc(argv);
    return { status, stderr };
  } finally {
    (process.stderr as unknown as { write: typeof orig }).write = orig;
  }
}

function one_line(s: string): void {
  expect(s.endsWith('\n'), JSON.stringify(s)).to.equal(true);
  expect(s.trimEnd().split('\n'), JSON.stringify(s)).to.have.length(1);
  expect(s).to.match(/^forkvm cc: /);
}

describe('forkvm cc', () => {
  const hello = join(REPO_ROOT, 'userland/bin/hello.c');

  it('rejects an empty command line with a usage line and status 2', async () => {
    const r = await run([]);
    expect(r.status).to.equal(2);
    one_line(r.stderr);
    expect(r.stderr).to.match(/usage: forkvm cc/);
  });

  it('rejects -o without a file, a missing -o, and unknown options', async () => {
    for (const argv of [['-o'], ['--frob', '-o', 'x', hello], ['-o', 'a', '-o', 'b', hello], ['-o', 'x', 'notes.txt']]) {
      const r = await run(argv);
      expect(r.status, argv.join(' ')).to.equal(2);
      one_line(r.stderr);
    }
  });

  it('accepts only --arch sparc', async () => {
    const r = await run(['--arch', 'i386', '-o', 'x', hello]);
    expect(r.status).to.equal(2);
    one_line(r.stderr);
    expect(r.stderr).to.match(/unsupported architecture 'i386'/);
  });

  it('names a missing input file', async () => {
    const r = await run(['-o', 'x', 'no/such/file.c']);
    expect(r.status).to.equal(2);
    one_line(r.stderr);
    expect(r.stderr).to.match(/no\/such\/file\.c: no such file/);
  });

  it('reports a missing compiler with the Debian package names', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'forkvm-nocc-'));
    const path = process.env.PATH;
    process.env.PATH = empty;
    try {
      const r = await run(['--arch', 'sparc', '-o', join(empty, 'out'), hello]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.equal(`forkvm cc: ${MISSING_COMPILER}\n`);
      expect(MISSING_COMPILER).to.equal('sparc64-linux-gnu-gcc not found: install it with: apt-get install gcc-sparc64-linux-gnu gcc-12-multilib-sparc64-linux-gnu');
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('reproduces the committed hello ELF when the cross compiler is installed', async function () {
    if (!have_cross_compiler()) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'forkvm-cc-'));
    const cwd = process.cwd();
    try {
      process.chdir(REPO_ROOT);
      const out = join(dir, 'hello');
      const r = await run(['-o', out, 'userland/bin/hello.c']);
      expect(r.status, r.stderr).to.equal(0);
      const built = readFileSync(out);
      const committed = readFileSync(join(REPO_ROOT, 'userland/bin/sparc/hello'));
      expect(built.equals(committed), 'forkvm cc and npm run userland disagree').to.equal(true);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
