/*
 * test/boot/cc.test.ts — `forkvm cc` (boot/cc.ts): bad usage and a missing compiler give one
 * line on stderr and exit status 2, and the gcc driver's command line (parse_cc_args) is read as
 * gcc reads it, all checked without cross tools (PATH is emptied for the missing compiler). When
 * the cross compiler is installed, compiling hello.c must reproduce the committed ELF byte for
 * byte (the same recipe as npm run userland), and -c objects plus a -L/-l archive link into an
 * a.out that runs; without it those cases are skipped (CI installs it).
 */

import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkvm_cc, have_cross_compiler, parse_cc_args, MISSING_COMPILER, REPO_ROOT, CROSS_AR } from '../../boot/cc.ts';
import { run_image, DEFAULT_BOOT } from '../../boot/boot.ts';
import { spawnSync } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';

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

  it('rejects -o without a file, two -o, unknown options and a non-source input', async () => {
    for (const argv of [['-o'], ['--frob', '-o', 'x', hello], ['-o', 'a', '-o', 'b', hello], ['-o', 'x', 'notes.txt']]) {
      const r = await run(argv);
      expect(r.status, argv.join(' ')).to.equal(2);
      one_line(r.stderr);
    }
  });

  it('accepts only --arch sparc and x86 (i386)', async () => {
    const r = await run(['--arch', 'mips', '-o', 'x', hello]);
    expect(r.status).to.equal(2);
    one_line(r.stderr);
    expect(r.stderr).to.match(/unsupported architecture 'mips' \(sparc or x86\)/);
    const exists = () => true;
    expect(parse_cc_args(['--arch', 'i386', 'a.c'], exists)).to.include({ isa: 'x86' });
    expect(parse_cc_args(['--arch=x86', 'a.c'], exists)).to.include({ isa: 'x86' });
    expect(parse_cc_args(['a.c'], exists)).to.include({ isa: 'sparc' });
    // Each ISA's own -m flags only.
    expect(parse_cc_args(['--arch', 'x86', '-mcpu=v8', 'a.c'], exists)).to.match(/not an option of the x86 build/);
    expect(parse_cc_args(['-march=i686', 'a.c'], exists)).to.match(/not an option of the sparc build/);
    expect(parse_cc_args(['--arch', 'x86', '-march=i686', '-m32', 'a.c'], exists)).to.not.be.a('string');
  });

  it('builds an i386 program with --arch x86 that runs on the x86 machine (i686 compiler installed)', async function () {
    this.timeout(120_000);
    if (!have_cross_compiler('x86')) {
      if (process.env.CI === 'true') throw new Error('i686-linux-gnu-gcc is missing (CI=true)');
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'forkvm-cc86-'));
    try {
      const out = join(dir, 'hello86');
      const r = await run(['--arch', 'x86', '-o', out, hello]);
      expect(r.status, r.stderr).to.equal(0);
      const img = new Uint8Array(readFileSync(out));
      expect(img[18]).to.equal(3);                                  // e_machine EM_386
      const v = run_image({ ...DEFAULT_BOOT, arch: 'x86', capture: true }, img, ['hello86']);
      expect(v.machine.console.output()).to.match(/^Hello from forkvm!\nargv\[0\] = hello86\n/);
      expect(v.status).to.equal(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

  describe('the gcc driver command line (parse_cc_args)', () => {
    const exists = (p: string) => !p.includes('missing');

    it('takes -o anywhere, -c/-S/-E, split or joined -I/-D/-U, gcc option families, and keeps input order', () => {
      const a = parse_cc_args(['-Wall', 'a.c', '-o', 'out', '-I', 'inc', '-DX=1', '-U', 'Y', '-O2', '-g', '-std=c99', '-fno-common', 'b.o', '-pthread', '-MMD'], exists);
      expect(a).to.not.be.a('string');
      if (typeof a === 'string') return;
      expect(a.mode).to.equal('link');
      expect(a.out).to.equal('out');
      expect(a.inputs).to.deep.equal(['a.c', 'b.o']);
      expect(a.cflags).to.deep.equal(['-Wall', '-I', 'inc', '-DX=1', '-U', 'Y', '-O2', '-g', '-std=c99', '-fno-common', '-D_REENTRANT', '-MMD']);
      for (const m of ['-c', '-S', '-E'] as const) {
        const b = parse_cc_args([m, 'a.c'], exists);
        expect(typeof b === 'string' ? b : b.mode).to.equal(m.slice(1));
      }
      expect(parse_cc_args(['-oout', 'a.c'], exists)).to.have.property('out', 'out');
    });

    it('-l: libc-folded names link nothing, a libNAME.a in a -L directory is linked in place, anything else is refused', () => {
      const a = parse_cc_args(['a.c', '-lpthread', '-l', 'rt', '-lm', '-Llib', '-lmine', 'b.o'], (p) => p !== 'missing' && (p === 'a.c' || p === 'b.o' || p === 'lib/libmine.a'));
      expect(typeof a === 'string' ? a : a.inputs).to.deep.equal(['a.c', 'lib/libmine.a', 'b.o']);
      expect(parse_cc_args(['a.c', '-lnosuch'], exists)).to.match(/cannot find -lnosuch/);
    });

    it('passes -Wl and -Xlinker to the link only', () => {
      const a = parse_cc_args(['a.c', '-Wl,-Map,x.map', '-Xlinker', '--no-relax'], exists);
      expect(typeof a === 'string' ? a : [a.ldflags, a.cflags]).to.deep.equal([['-Wl,-Map,x.map', '-Xlinker', '--no-relax'], []]);
    });

    it('refuses what a static V8 program cannot be, unknown options, missing files and -o with several sources under -c', () => {
      expect(parse_cc_args(['-shared', 'a.c'], exists)).to.match(/static and position-dependent/);
      expect(parse_cc_args(['-fPIC', 'a.c'], exists)).to.match(/static and position-dependent/);
      expect(parse_cc_args(['-m64', 'a.c'], exists)).to.match(/SPARC V8 \(-m32 -mcpu=v8\) and i686 \(-m32 -march=i686\) only/);
      expect(parse_cc_args(['--frob', 'a.c'], exists)).to.match(/unknown option '--frob'/);
      expect(parse_cc_args(['missing.c'], exists)).to.match(/missing.c: no such file/);
      expect(parse_cc_args(['-c', '-o', 'x.o', 'a.c', 'b.c'], exists)).to.match(/-o with -c and more than one source/);
      expect(parse_cc_args(['-lpthread'], exists)).to.match(/no input files/);
      for (const ok of ['-m32', '-mcpu=v8', '-static']) expect(parse_cc_args([ok, 'a.c'], exists)).to.not.be.a('string');
    });
  });

  it('compiles with -c, archives with ar, links objects and a -L/-l archive into a.out that runs (cross compiler installed)', async function () {
    this.timeout(120_000);
    if (!have_cross_compiler()) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'forkvm-cc-'));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      writeFileSync('main.c', '#include <stdio.h>\nint twice(int);\nint main(void) { printf("%d\\n", twice(21)); return 0; }\n');
      writeFileSync('lib.c', 'int twice(int x) { return 2 * x; }\n');
      expect((await run(['-c', 'main.c', 'lib.c', '-Wall'])).status).to.equal(0);
      expect(existsSync('main.o') && existsSync('lib.o')).to.equal(true);
      expect(spawnSync(CROSS_AR, ['rcs', 'libtw.a', 'lib.o']).status).to.equal(0);
      const r = await run(['main.o', '-L.', '-ltw', '-lpthread', '-lm', '-Wl,--no-relax']);
      expect(r.status, r.stderr).to.equal(0);
      const out = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'forkvm.js'), 'run', join(dir, 'a.out')], { encoding: 'latin1' });
      expect(out.stdout).to.equal('42\n');
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
