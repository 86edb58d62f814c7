/*
 * test/system/jit_tiers.test.ts — the execution tiers agree on whole programs: every userland
 * program (but the benchmarks, fuzzers and interactive ones) runs under --jit off and --jit bb
 * with identical console output, exit status, instruction and cycle counts in total and per CPU,
 * and machine time; on 2 CPUs with seed 0, and a representative subset also on 1 CPU (seed 1) and
 * on 2 CPUs with seed 7, there with a hot threshold of 2 so that nearly all code runs compiled.
 * mm_jit (code written, patched and remapped at run time) must make the compiled tier drop code.
 */

import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT, type BootOptions } from '../../boot/boot.ts';
import type { SparcCpu } from '../../hw/sparc/cpu.ts';
import type { JitTier } from '../../hw/sparc/code_cache.ts';
import '../../kernel/sparc/sendsig.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
/** Not run: benchmarks, fuzz drivers, init, programs that read stdin or run forever. */
const SKIP = /^(bench_|fuzz_|smp_|init$|yes$|cat$|sh$)/;
const ALL = existsSync(BIN) ? readdirSync(BIN).filter((n) => !SKIP.test(n)).sort() : [];
/** The subset run in more configurations: every test family, the heavy diff programs, mm_jit. */
const SUBSET = ['diff_addx', 'diff_algo', 'diff_annul', 'diff_arith', 'diff_atomic', 'diff_loads', 'diff_muldiv',
  'diff_mulscc', 'diff_recurse', 'diff_setjmp', 'diff_shifts', 'diff_tagged', 'diff_varargs', 'fork_basic', 'fork_cow',
  'fork_deep', 'fork_exec', 'fork_exitrace', 'fork_forkbomb', 'fork_threads', 'fs_pipe_fork', 'fs_tmpfile', 'mm_anon',
  'mm_filemap', 'mm_jit', 'mm_shm', 'posix_alarm', 'posix_calendar', 'posix_cancel', 'posix_shell', 'posix_time',
  'libc_selftest', 'libc_threads', 'sig_handler', 'sig_die_spill', 'kernel_jobctl'];

interface Totals { compiled: number; dropped: number }

function fingerprint(name: string, jit: JitTier, cpus: number, seed: number, hot: number | undefined, t: Totals) {
  const image = new Uint8Array(readFileSync(join(BIN, name)));
  const o: BootOptions = { ...DEFAULT_BOOT, fsDirs: [], cpus, seed, memBytes: 32 << 20, capture: true, maxCycles: 400_000_000, jit };
  if (hot !== undefined) o.jitHot = hot;
  const r = run_image(o, image, [name]);
  const m = r.machine;
  const cc = (m.cpus[0] as SparcCpu).cc;
  t.compiled += cc.compiled; t.dropped += cc.dropped;
  return {
    halt: r.halt.why, status: r.status, output: m.console.output(), instructions: r.instructions, cycles: r.cycles,
    perCpu: m.cpus.map((c) => [c.instructions, c.cycles]), now: m.now,
  };
}

describe('system: --jit off and --jit bb give identical runs', () => {
  const configs: { cpus: number; seed: number; hot?: number; progs: string[] }[] = [
    { cpus: 2, seed: 0, progs: ALL },
    { cpus: 1, seed: 1, progs: SUBSET },
    { cpus: 2, seed: 7, hot: 2, progs: SUBSET },
  ];
  for (const c of configs) {
    it(`${c.progs.length} programs, ${c.cpus} CPU(s), seed ${c.seed}${c.hot !== undefined ? `, hot threshold ${c.hot}` : ''}`, function () {
      if (ALL.length < 30) { if (process.env.CI === 'true') throw new Error(`${BIN}: programs missing`); this.skip(); }
      this.timeout(600_000);
      const t: Totals = { compiled: 0, dropped: 0 }, t0: Totals = { compiled: 0, dropped: 0 };
      const bad: string[] = [];
      for (const name of c.progs) {
        const a = fingerprint(name, 'off', c.cpus, c.seed, c.hot, t0);
        const b = fingerprint(name, 'bb', c.cpus, c.seed, c.hot, t);
        if (a.halt !== 'exit') bad.push(`${name}: off halted with ${a.halt}`);
        try { expect(b).to.deep.equal(a); } catch { bad.push(`${name}: ${JSON.stringify({ ...b, output: b.output.length })} vs ${JSON.stringify({ ...a, output: a.output.length })}`); }
      }
      expect(bad).to.deep.equal([]);
      expect(t0.compiled, 'the interpreter compiles nothing').to.equal(0);
      expect(t.compiled, 'blocks compiled').to.be.greaterThan(c.progs.length);
      if (c.progs.includes('mm_jit')) expect(t.dropped, 'mm_jit made the compiled tier drop code').to.be.greaterThan(0);
    });
  }
});
