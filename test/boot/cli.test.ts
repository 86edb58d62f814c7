/*
 * test/boot/cli.test.ts — the forkvm command line as a user sees it: hello with arguments, exit
 * statuses, and every bad input getting exactly one line on stderr and exit status 2.
 */

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../boot/boot.ts';
import { parse_date } from '../../boot/cli.ts';

const CLI = join(ROOT, 'bin', 'forkvm.js');
const HELLO = join(ROOT, 'userland', 'bin', 'sparc', 'hello');

function forkvm(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'latin1', input: input ?? '', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: { status: number | null; stdout: string; stderr: string }, re: RegExp) {
  expect(r.status, r.stderr).to.equal(2);
  expect(r.stdout).to.equal('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).to.have.length(1);
  expect(lines[0]).to.match(re);
  expect(r.stderr).to.not.match(/\bat .*\.ts:\d+/); // no stack trace
}

describe('forkvm CLI', function () {
  this.timeout(120_000);
  const tmp = mkdtempSync(join(tmpdir(), 'forkvm-cli-'));

  it('run hello prints its greeting and argv on stdout only', () => {
    const r = forkvm(['run', HELLO, 'one', 'two words']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('Hello from forkvm!');
    expect(r.stdout).to.contain('argv[1] = one');
    expect(r.stdout).to.contain('argv[2] = two words');
    expect(r.stderr).to.equal('');
  });

  it('--stats reports instructions, cycles, host seconds and MIPS on stderr', () => {
    const r = forkvm(['run', '--stats', HELLO]);
    expect(r.status).to.equal(0);
    expect(r.stderr).to.match(/instructions \d+, cycles \d+, host seconds [\d.]+, MIPS [\d.]+/);
  });

  it('--lockstat prints the contention report and --stats the threads inside cfork/exit, on stderr only', () => {
    const stress = join(ROOT, 'userland', 'bin', 'sparc', 'smp_stress');
    const r = forkvm(['run', '--cpus', '4', '--lockstat', '--stats', stress]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.not.match(/Adaptive mutex/);
    expect(r.stderr).to.match(/^Adaptive mutex spin: \d+ events in \d+ cycles$/m);
    expect(r.stderr).to.match(/^Adaptive mutex block: \d+ events in \d+ cycles$/m);
    expect(r.stderr).to.match(/^Count indv cuml rcnt   cycles Lock +Caller$/m);
    expect(r.stderr).to.match(/^ +\d+ +\d+% +\d+% 1\.00 +\d+ pidlock +\w+$/m);
    expect(r.stderr).to.match(/^ +\d+ +\d+% +\d+% 1\.00 +\d+ p_lock\[\d+\] +\w+$/m);
    const cls = /^pidlock +(\d+) +(\d+) /m.exec(r.stderr);
    expect(cls, r.stderr).to.not.equal(null);
    expect(Number(cls![2])).to.be.greaterThan(0);
    const inside = /^forkvm: most threads at once inside cfork (\d+), inside exit (\d+)$/m.exec(r.stderr);
    expect(inside, r.stderr).to.not.equal(null);
    expect(Number(inside![1])).to.be.at.least(2);
  });

  it('--max-cycles stops a runaway guest with a clear message', () => {
    const r = forkvm(['run', '--max-cycles', '1000', HELLO]);
    expect(r.status).to.not.equal(0);
    expect(r.stderr).to.match(/max-cycles/);
  });

  it('--trace proc shows fork, exec and exit probes on stderr', () => {
    const r = forkvm(['run', '--trace', 'proc', join(ROOT, 'userland', 'bin', 'sparc', 'kernel_vfork_order')]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('PASS vfork_exec');
    expect(r.stderr).to.match(/^proc:::create pid=2 ppid=1 how=fork1$/m);
    expect(r.stderr).to.match(/^proc:::create pid=\d+ ppid=2 how=vfork$/m);
    expect(r.stderr).to.match(/^proc:::exec-success pid=\d+ path=\/bin\/kernel_vfork_order$/m);
    expect(r.stderr).to.match(/^proc:::exit pid=\d+ why=exited what=42$/m);
    expect(r.stdout).to.not.contain('proc:::');
  });

  it('--trace syscalls prints truss-style lines, with the fork child returning as child', () => {
    const r = forkvm(['run', '--trace', 'syscalls', HELLO]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/^1\/1:\tfork1\(\)\t= 2 \[0\]$/m);
    expect(r.stderr).to.match(/^2\/1:\tfork1\(\)\t\(returning as child \.\.\.\)\t= 1$/m);
    expect(r.stderr).to.match(/^2\/1:\twrite\(1, 0x[0-9a-f]+, 19\)\t= 19$/m);
    expect(r.stderr).to.match(/^2\/1:\texit\(0\)$/m);
  });

  it('--check reports a clean leak check; --inject makes the first fork fail with the seed errno', () => {
    const r = forkvm(['run', '--check', '--inject', 'as_dup', join(ROOT, 'userland', 'bin', 'sparc', 'kernel_fork_errno')]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('first fork1: errno 12');
    expect(r.stderr).to.contain('forkvm: --check: no leaks');
  });

  it('--check on a machine stopped by --max-cycles says once that the check was skipped, and names no leak', () => {
    const r = forkvm(['run', '--check', '--max-cycles', '100000', join(ROOT, 'userland', 'bin', 'sparc', 'smp_stress')]);
    expect(r.status, r.stderr).to.equal(124);
    expect(r.stderr).to.not.match(/leaked/);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('forkvm: --check'))).to.deep.equal(
      ['forkvm: --check: skipped: the machine did not shut down (stopped by --max-cycles)']);
  });

  it('a program killed by a signal gets one stderr line naming pid, path, signal, pc and fault address; stdout stays clean', () => {
    const r = forkvm(['run', join(ROOT, 'userland', 'bin', 'sparc', 'sig_die_segv')]);
    expect(r.status, r.stderr).to.equal(139);
    expect(r.stderr).to.match(/^forkvm: pid 2 \(\/bin\/sig_die_segv\) killed by SIGSEGV at pc 0x[0-9a-f]+, addr 0x40\n$/);
    expect(r.stdout).to.not.match(/forkvm:|killed/);
    const t = forkvm(['run', join(ROOT, 'userland', 'bin', 'sparc', 'sig_die_term')]);
    expect(t.status, t.stderr).to.equal(143);
    expect(t.stderr).to.match(/^forkvm: pid 2 \(\/bin\/sig_die_term\) killed by SIGTERM at pc 0x[0-9a-f]+, sent by pid 2\n$/);
    expect(forkvm(['run', HELLO]).stderr).to.equal('');
  });

  it('guest stderr (fd 2) goes to host stderr, stdout (fd 1) to host stdout', () => {
    const r = forkvm(['run', join(ROOT, 'userland', 'bin', 'sparc', 'cat'), '/nope', '/nope2']);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.equal('cat: /nope: No such file or directory\ncat: /nope2: No such file or directory\n');
  });

  it('a bad --inject site is one line and exit 2', () => expectOneLineError(forkvm(['run', '--inject', 'nosuch', HELLO]), /unknown fault-injection site/));

  it('--jit off and --jit bb print the same output and the same counts; bad tiers are one line and exit 2', () => {
    const prog = join(ROOT, 'userland', 'bin', 'sparc', 'diff_algo');
    const counts = (r: { stderr: string }) => /instructions \d+, cycles \d+/.exec(r.stderr)?.[0];
    const off = forkvm(['run', '--jit', 'off', '--stats', prog]), bb = forkvm(['run', '--jit=bb', '--stats', prog]);
    expect([off.status, bb.status]).to.deep.equal([0, 0]);
    expect(bb.stdout).to.equal(off.stdout);
    expect(counts(off)).to.be.a('string');
    expect(counts(bb)).to.equal(counts(off));
    expectOneLineError(forkvm(['run', '--jit', 'fast', HELLO]), /^forkvm: --jit fast: unknown jit tier 'fast' \(use off or bb\)$/);
    expectOneLineError(forkvm(['run', '--jit', 'region', HELLO]), /not implemented yet/);
    expectOneLineError(forkvm(['run', '--jit', HELLO]), /--jit needs a value|unknown jit tier/);
    const env = spawnSync(process.execPath, [CLI, 'run', HELLO], { encoding: 'latin1', env: { ...process.env, FORKVM_JIT: 'nope' } });
    expectOneLineError({ status: env.status, stdout: env.stdout, stderr: env.stderr }, /FORKVM_JIT=nope: unknown jit tier/);
  });

  it('--fs DIR adds files to the guest root (here it replaces /bin/kernel_vfork_order, which the program execs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forkvm-fs-'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'kernel_vfork_order'), readFileSync(HELLO));
    // run a copy under another name: the program itself is installed as /bin/<its name>
    const prog = join(dir, 'vo');
    writeFileSync(prog, readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'kernel_vfork_order')));
    const plain = forkvm(['run', prog]);
    expect(plain.stdout).to.contain('PASS vfork_exec');
    const r = forkvm(['run', '--fs', dir, prog]);
    expect(r.stdout).to.contain('Hello from forkvm!\nargv[0] = vo\nargv[1] = child\n');
    expect(r.stdout).to.contain('FAIL vfork_exec');
  });

  it('missing file', () => expectOneLineError(forkvm(['run', join(tmp, 'nope')]), /no such file/));

  it('not an ELF', () => {
    const f = join(tmp, 'text');
    writeFileSync(f, 'hello, this is not an ELF file\n');
    expectOneLineError(forkvm(['run', f]), /not an ELF/i);
  });

  it('an ELF for another ISA', () => {
    const f = join(tmp, 'x86');
    const b = Buffer.from(readFileSync(HELLO));
    b[5] = 1;                 // little-endian
    b.writeUInt16LE(3, 18);   // EM_386
    writeFileSync(f, b);
    expectOneLineError(forkvm(['run', f]), /x86|386|not sparc|ISA|machine/i);
  });

  it('--arch x86 runs an i386 program (also as --arch i386), and refuses a SPARC one and an unknown ISA in one line', () => {
    const x86 = join(ROOT, 'userland', 'bin', 'x86', 'hello');
    const r = forkvm(['run', '--arch', 'x86', '--cpus', '2', '--check', x86, 'one']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('Hello from forkvm!');
    expect(r.stdout).to.contain('argv[1] = one');
    expect(r.stderr).to.contain('forkvm: --check: no leaks');
    expect(forkvm(['run', '--arch=i386', x86]).status).to.equal(0);
    const tr = forkvm(['run', '--arch', 'x86', '--trace', 'insn', '--max-cycles', '40', x86]);
    const recs = tr.stderr.split('\n').filter((l) => /^[0-9a-f]{8}  /.test(l));
    expect(recs.length, tr.stderr).to.be.greaterThan(10);
    expect(recs.some((l) => /^[0-9a-f]{8}  xor    %ebp,%ebp +( [0-9a-f]{8}){8} efl=[0-9a-f]+$/.test(l)), tr.stderr).to.equal(true);
    // A bare name that is no file here comes from userland/bin/<isa>/.
    const bare = forkvm(['run', '--arch', 'x86', 'hello', 'two']);
    expect(bare.status, bare.stderr).to.equal(0);
    expect(bare.stdout).to.contain('argv[1] = two');
    expectOneLineError(forkvm(['run', '--arch', 'x86', 'no_such_program']), /no_such_program: no such file/);
    expectOneLineError(forkvm(['run', '--arch', 'x86', HELLO]), /^forkvm: ELF for sparc, not x86$/);
    expectOneLineError(forkvm(['run', x86]), /^forkvm: ELF for x86, not sparc$/);
    expectOneLineError(forkvm(['run', '--arch', 'mips', HELLO]), /unknown architecture 'mips'/);
    // The debuggers serve both ISAs (test/debug/gdb_i386.test.ts, the x86 cases of mdb.test.ts); gdbinit --arch x86.
    const init = forkvm(['gdbinit', '--arch', 'x86', '1234']);
    expect(init.status, init.stderr).to.equal(0);
    expect(init.stdout).to.include('set architecture i386\n').and.not.include('set endian');
    expectOneLineError(forkvm(['gdbinit', '--arch', 'mips']), /gdbinit: unknown architecture 'mips'/);
  });

  it('boot --arch x86 plays the demo on the i386 machine', () => {
    const r = forkvm(['boot', '--arch', 'x86', '--cpus', '2', '--check']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/^forkvm: booting x86, 2 CPU\(s\), 64 MiB$/m);
    expect(r.stdout).to.contain('forkvm init: done');
    expect(r.stderr).to.contain('forkvm: --check: no leaks');
  });

  it('a truncated ELF', () => {
    const f = join(tmp, 'trunc');
    writeFileSync(f, readFileSync(HELLO).subarray(0, 200));
    expectOneLineError(forkvm(['run', f]), /truncated/i);
  });

  it('an unknown flag', () => expectOneLineError(forkvm(['run', '--bogus', HELLO]), /unknown flag/));
  it('an unknown command', () => expectOneLineError(forkvm(['frobnicate']), /unknown command/));
  it('a bad --mem', () => expectOneLineError(forkvm(['run', '--mem', 'lots', HELLO]), /--mem/));
  it('--tmp-size: a bad size is one line and exit 2; a small /tmp makes the fill test stop early', () => {
    expectOneLineError(forkvm(['run', '--tmp-size', 'lots', HELLO]), /^forkvm: bad --tmp-size size 'lots'/);
    expectOneLineError(forkvm(['run', '--tmp-size=2G', HELLO]), /^forkvm: --tmp-size 2G: size must be 0\.\.1G, a multiple of 4K$/);
    const lim = join(ROOT, 'userland', 'bin', 'sparc', 'fs_limits');
    expect(forkvm(['run', lim]).stdout).to.match(/^PASS fill_tmp$/m);
    const small = forkvm(['run', '--tmp-size', '1M', lim]);
    expect(small.stdout).to.match(/^FAIL fill_tmp: .*total > \(15L << 20\)/m);
    expect(small.stdout).to.match(/^PASS sparse_files$/m);
  });
  it('bytes are bytes: argv ff fe and --fs names \\xff, \\xfe reach the guest unchanged and distinct', () => {
    const dir = join(tmp, 'bytenames');
    mkdirSync(dir);
    writeFileSync(Buffer.from(dir + '/\xff', 'latin1'), 'FF');
    writeFileSync(Buffer.from(dir + '/\xfe', 'latin1'), 'FE');
    const bytes = join(ROOT, 'userland', 'bin', 'sparc', 'fs_bytes');
    const cat = join(ROOT, 'userland', 'bin', 'sparc', 'cat');
    // bash passes $'\xff' as the raw byte (Node would send the UTF-8 of a JS string).
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" run "${bytes}" hex $'\\xff\\xfe' 'é'` +
      ` && "${process.execPath}" "${CLI}" run --fs "${dir}" "${cat}" /$'\\xff' /$'\\xfe'`], { encoding: 'latin1', timeout: 60_000 });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('fffe\nc3a9\nFFFE');
  });
  it('a missing PROGRAM', () => expectOneLineError(forkvm(['run']), /missing PROGRAM/));
  it('debug: a missing program, -e without commands, a missing script, a bad --debug-on', () => {
    expectOneLineError(forkvm(['debug', join(tmp, 'nope')]), /no such file/);
    expectOneLineError(forkvm(['debug', '-e']), /-e needs a value/);
    expectOneLineError(forkvm(['debug', '--script', join(tmp, 'nope')]), /--script .*: no such file/);
    expectOneLineError(forkvm(['run', '--debug-on', 'bogus', HELLO]), /--debug-on bogus: use one of panic, deadlock, signal/);
  });
  it('a switch given a value (--check=no, --stats=1, --lockstat=yes)', () => {
    expectOneLineError(forkvm(['run', '--check=no', HELLO]), /^forkvm: --check takes no value \(got '--check=no'\)$/);
    expectOneLineError(forkvm(['run', '--stats=1', HELLO]), /^forkvm: --stats takes no value/);
    expectOneLineError(forkvm(['boot', '--lockstat=yes']), /^forkvm: --lockstat takes no value/);
  });
  it('--check=strict runs the invariant checks and the leak check; --check=other is refused', () => {
    const r = forkvm(['run', '--check=strict', join(ROOT, 'userland', 'bin', 'sparc', 'fork_cow')]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stderr).to.equal('forkvm: --check: no leaks\n');
    expectOneLineError(forkvm(['run', '--check=lax', HELLO]), /^forkvm: --check takes no value \(got '--check=lax'\)$/);
  });
  it('an --inject hit count beyond 2^53', () => expectOneLineError(forkvm(['run', '--inject', 'as_dup:99999999999999999999', HELLO]), /bad hit count in --inject as_dup:99999999999999999999/));
  it('an ELF whose EI_DATA contradicts it names the byte order', () => {
    const b = readFileSync(HELLO);
    b[5] = 1;
    const p = join(tmp, 'flipped');
    writeFileSync(p, b);
    expectOneLineError(forkvm(['run', p]), /^forkvm: bad ELF: the header says little-endian \(EI_DATA 1\), but e_machine reads as sparc only in the other byte order$/);
  });
});

describe('forkvm --date', () => {
  it('parses dates, date-times (UTC) and @seconds within a 32-bit time_t', () => {
    expect(parse_date('2006-01-01')).to.equal(1136073600);
    expect(parse_date('1970-01-01T00:00:00Z')).to.equal(0);
    expect(parse_date('2026-12-04T21:30')).to.equal(1796419800);
    expect(parse_date('2000-02-29')).to.equal(951782400);
    expect(parse_date('@2147483647')).to.equal(0x7fffffff);
  });

  it('sets the guest realtime at boot: /bin/date prints it (default 2006-01-01)', () => {
    const date = join(ROOT, 'userland', 'bin', 'sparc', 'date');
    expect(forkvm(['run', date]).stdout).to.equal('Sun Jan  1 00:00:00 UTC 2006\n');
    expect(forkvm(['run', '--date', '2026-12-04T21:34:00', date, '+%Y-%m-%d %H:%M']).stdout).to.equal('2026-12-04 21:34\n');
    expect(forkvm(['run', '--date=@0', date, '-u']).stdout).to.equal('Thu Jan  1 00:00:00 UTC 1970\n');
  });

  it('refuses impossible dates, dates a 32-bit time_t cannot hold, and other words, with one line', () => {
    for (const bad of ['2006-02-30', '2001-02-29', '2006-01-01T24:00', '2038-01-19T03:14:08', '@2147483648', 'yesterday', '06-01-01']) {
      expect(() => parse_date(bad), bad).to.throw(/--date/);
    }
    expectOneLineError(forkvm(['run', '--date', '2006-13-01', HELLO]), /--date 2006-13-01: no such date/);
    expectOneLineError(forkvm(['run', '--date', HELLO]), /bad --date/);
  });
});
