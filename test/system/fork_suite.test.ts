/*
 * test/system/fork_suite.test.ts — the C acceptance suite of issue 3 on the booted machine, for
 * both ISAs: every program built from userland/tests/{fork,sig,fs,mm,posix}/*.c for the ISA runs
 * the way `forkvm run` runs it (/sbin/init -c PROGRAM) on 2 CPUs under seeds 0, 1, 7 and 42
 * on both ISAs, and must print at least one PASS line and no FAIL line, exit with 0 (or the
 * status its `EXPECT-STATUS n` line announces, for programs that must die of a signal), and leave
 * the leak check clean. On x86 the PASS lines must also be the SPARC run's (seed 0; in any order,
 * since processes interleave differently), but for the checks OUTPUT_DIFFERS names. Also: fork_deep must fail when cfork does not flush the register
 * windows (SPARC); the posix and fs programs also run on 1 CPU. Programs in KNOWN_FAILING are
 * skipped; the programs not built for x86 at all are listed, with reasons, in
 * scripts/build_userland.ts (SPARC_ONLY).
 */

import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT, type BootOptions, type RunResult } from '../../boot/boot.ts';
import { user_programs, elf_dir } from '../../scripts/build_userland.ts';
import type { UserIsa } from '../../boot/cc.ts';

/** The test directories whose programs make up the suite (userland/tests/<dir>/*.c). */
const SUITE_DIRS = ['fork', 'sig', 'fs', 'mm', 'posix'];
const SEEDS: Record<UserIsa, number[]> = { sparc: [0, 1, 7, 42], x86: [0, 1, 7, 42] };
const ISAS: UserIsa[] = ['sparc', 'x86'];
const CPUS = 2;
/** Per run; a program that needs more is stuck (the biggest, fork_forkbomb, needs ~1% of this). */
const MAX_CYCLES = 2_000_000_000;

/**
 * KNOWN_FAILING — programs that cannot pass until kernel work they depend on lands, with the
 * reason. They are skipped, not run, so `npm test` stays green meanwhile; the lead removes an
 * entry when its program passes. Keep this list short and every reason concrete.
 */
const KNOWN_FAILING = new Map<string, string>([
  // ['x86:fork_example', 'what kernel work it waits for'],
]);

/**
 * OUTPUT_DIFFERS — PASS lines that differ between the ISAs by design: on x86, check name → the
 * SPARC check it stands for, with the reason in the comment.
 */
const OUTPUT_DIFFERS: Readonly<Record<string, Record<string, string>>> = {
  // i386 does not trap misaligned loads: SIGBUS comes from a page past a mapped file's end.
  sig_fault: { 'PASS bus_si_code_objerr': 'PASS bus_si_code_adraln' },
};

/** The suite of an ISA: programs built from the suite directories, by ELF name. */
function suite_of(isa: UserIsa) {
  return user_programs(ROOT, isa).filter((p) => SUITE_DIRS.some((d) => p.src.startsWith(`userland/tests/${d}/`)));
}
const suite = suite_of('sparc');

/** Boot options for one run; `extra` wins (arch, seed, direct, noForkFlush). */
function options(extra: Partial<BootOptions>): BootOptions {
  return Object.assign({}, DEFAULT_BOOT, { cpus: CPUS, capture: true, check: true, maxCycles: MAX_CYCLES }, extra);
}

function run(name: string, extra: Partial<BootOptions>): RunResult & { out: string } {
  const isa = extra.arch ?? 'sparc';
  const image = new Uint8Array(readFileSync(join(ROOT, elf_dir(isa), name)));
  const r = run_image(options(extra), image, [name]);
  return { ...r, out: r.machine.console.output() };
}

/** The PASS lines of a run, in order. */
function pass_lines(out: string): string[] {
  return out.split('\n').filter((l) => l.startsWith('PASS'));
}

/** SPARC seed-0 PASS lines by program, for the x86 comparison. */
const sparc_pass = new Map<string, string[]>();

/** The FAIL lines of a run's output (each names the check and why). */
function fail_lines(out: string): string[] {
  return out.split('\n').filter((l) => l.startsWith('FAIL'));
}

/** The exit status a program announces with `EXPECT-STATUS n` (the sig_die_* programs), else 0. */
function expected_status(out: string): number {
  const m = /^EXPECT-STATUS (\d+)$/m.exec(out);
  return m ? Number(m[1]) : 0;
}

describe('system: C acceptance suite (userland/tests/{fork,sig,fs,mm,posix})', () => {
  it('finds the fork programs and their ELFs', () => {
    const fork = suite.filter((p) => p.src.startsWith('userland/tests/fork/')).map((p) => p.name);
    expect(fork).to.include.members(['fork_basic', 'fork_cow', 'fork_vfork', 'fork_deep', 'fork_threads',
      'fork_eintr', 'fork_fds', 'fork_signals', 'fork_reap', 'fork_orphan', 'fork_forkbomb', 'fork_errors',
      'fork_deaths', 'fork_helper']);
    for (const p of suite) expect(existsSync(join(ROOT, elf_dir('sparc'), p.name)), `${p.name}: run npm run userland`).to.equal(true);
    for (const key of KNOWN_FAILING.keys()) {
      const [isa, name] = key.split(':') as [UserIsa, string];
      expect(suite_of(isa).some((p) => p.name === name), `stale entry ${key}`).to.equal(true);
    }
  });

  it('builds every suite program for x86 that is not SPARC-only', () => {
    const x86 = suite_of('x86');
    for (const p of x86) expect(existsSync(join(ROOT, elf_dir('x86'), p.name)), `${p.name}: run npm run userland`).to.equal(true);
    expect(x86.map((p) => p.name)).to.include.members(['fork_cow', 'fork_vfork', 'fork_threads', 'fork_forkbomb', 'sig_handler', 'sig_frame']);
    for (const name of Object.keys(OUTPUT_DIFFERS)) expect(x86.some((p) => p.name === name), `stale OUTPUT_DIFFERS ${name}`).to.equal(true);
  });

  for (const isa of ISAS) {
    for (const prog of suite_of(isa)) {
      for (const seed of SEEDS[isa]) {
        const title = `${isa}: ${prog.name} (${prog.src}) passes on ${CPUS} CPUs, seed ${seed}`;
        const why = KNOWN_FAILING.get(`${isa}:${prog.name}`);
        if (why !== undefined) {
          it.skip(`${title} — known failing: ${why}`, () => {});
          continue;
        }
        it(title, function () {
          this.timeout(180_000);
          const r = run(prog.name, { arch: isa, seed });
          const fails = fail_lines(r.out);
          expect(r.halt.why, `${r.halt.message}\n${r.out}`).to.equal('exit');
          expect(fails, r.out).to.deep.equal([]);
          expect(r.out, 'no PASS line at all').to.match(/^PASS /m);
          expect(r.status, r.out).to.equal(expected_status(r.out));
          expect(r.leaks ?? [], 'leak check').to.deep.equal([]);
          if (seed !== 0) return;
          if (isa === 'sparc') sparc_pass.set(prog.name, pass_lines(r.out));
          else if (sparc_pass.has(prog.name)) {
            const map = OUTPUT_DIFFERS[prog.name] ?? {};
            // Sorted: parent and child print in an order that depends on instruction counts.
            expect(pass_lines(r.out).map((l) => map[l] ?? l).sort(), 'the same PASS lines as on SPARC').to.deep.equal([...sparc_pass.get(prog.name)!].sort());
          }
        });
      }
    }

    // The posix and fs programs (issue 9) also on one CPU: timers, alarms and CPU clocks with no
    // other CPU, record locks and directory streams with parent and child taking turns.
    for (const prog of suite_of(isa).filter((p) => p.src.startsWith('userland/tests/posix/') || p.src.startsWith('userland/tests/fs/'))) {
      it(`${isa}: ${prog.name} (${prog.src}) passes on 1 CPU`, function () {
        this.timeout(180_000);
        const r = run(prog.name, { arch: isa, cpus: 1 });
        expect(r.halt.why, `${r.halt.message}\n${r.out}`).to.equal('exit');
        expect(fail_lines(r.out), r.out).to.deep.equal([]);
        expect(r.out, 'no PASS line at all').to.match(/^PASS /m);
        expect(r.status, r.out).to.equal(expected_status(r.out));
        expect(r.leaks ?? [], 'leak check').to.deep.equal([]);
      });
    }
  }

  it('sparc: fork_deep fails when cfork does not flush the register windows', function () {
    this.timeout(180_000);
    // direct: the program is pid 1, so only its own forks run without the flush (init's do not)
    const good = run('fork_deep', { direct: true, check: false });
    expect(fail_lines(good.out), good.out).to.deep.equal([]);
    expect(good.status, good.out).to.equal(0);
    const bad = run('fork_deep', { direct: true, check: false, noForkFlush: true });
    expect(bad.status, bad.out).to.not.equal(0);
    expect(bad.out).to.match(/^FAIL deep\.\w+\.child_frames: child \d+ (exited [1-9]|killed by signal)/m);
  });
});
