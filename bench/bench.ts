/*
 * bench/bench.ts — the speed benchmark (`npm run bench`; never part of `npm test`). First the
 * execution tiers: bench_cpu and the longest qemu-differential programs under each --jit tier
 * (median MIPS of alternating runs) and under qemu-sparc, with the ratios. Then the CPU workload (userland/bin/<isa>/bench_cpu: loops, deep calls, 64-bit math, memory traffic;
 * ~300M instructions) reported as instructions, cycles, host seconds and MIPS, the numbers
 * `forkvm run --stats` prints, run with the kernel's preemption points and again with them never
 * yielding (nokpreempt), best of three each, with the ratio of the two MIPS; and fork+wait cost
 * (bench_fork) with 1 MiB and 64 MiB touched, as host time (steady state, after a warm-up),
 * simulated cycles and COW page copies per fork+wait ("fork not available yet" when the guest
 * cannot fork). Runs in-process via run_image; leaves out statistics beyond best-of-two.
 */

import { existsSync, readFileSync } from 'node:fs';
import { cpus as hostCpus } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run_image, start_image, finish_image, DEFAULT_BOOT, ROOT, type BootOptions, type RunResult } from '../boot/boot.ts';
import { elf_symbols } from '../kernel/common/exec/elf_sym.ts';
import type { SparcCpu } from '../hw/sparc/cpu.ts';
import { anon_stats } from '../kernel/common/vm/vm_anon.ts';
import type { IsaName } from '../hw/machine.ts';
import { runElf } from '../test/hw/x86/harness.ts';
import { JIT_TIERS, JIT_DEFAULT, type JitTier } from '../hw/sparc/code_cache.ts';
import { QEMU } from '../scripts/gen_qemu_golden.ts';

/** What one benchmark run measured. */
export interface BenchResult {
  workload: string;
  isa: string;
  instructions: number;
  cycles: number;
  hostSeconds: number;
}

/** MIPS = guest instructions per host microsecond; 0 when nothing ran or no time passed. */
export function mips(r: BenchResult): number {
  return r.hostSeconds > 0 ? r.instructions / r.hostSeconds / 1e6 : 0;
}

/** The report, one "name  value" line per number, aligned for reading and easy to grep. */
export function formatResult(r: BenchResult): string {
  const rows: [string, string][] = [
    ['workload', `${r.workload} (${r.isa})`],
    ['instructions', String(r.instructions)],
    ['cycles', String(r.cycles)],
    ['host seconds', r.hostSeconds.toFixed(3)],
    ['MIPS', mips(r).toFixed(1)],
  ];
  return rows.map(([k, v]) => `${k.padEnd(14)}${v}`).join('\n');
}

/** One fork+wait measurement: the cost of `forks` fork+wait pairs with `mib` MiB touched. */
export interface ForkResult {
  mib: number;
  forks: number;
  /** Host seconds, simulated cycles and COW page copies per fork+wait (K-fork run minus 0-fork run). */
  hostMsPerFork: number;
  cyclesPerFork: number;
  cowPerFork: number;
  /** anon_stats.cow_copies before and after the K-fork run. */
  cowBefore: number;
  cowAfter: number;
}

/** The fork+wait table: a header and one row per measurement. */
export function formatForkTable(rows: ForkResult[]): string {
  const head = ['touched', 'forks', 'host ms/fork', 'cycles/fork', 'COW copies/fork', 'cow_copies before→after'];
  const body = rows.map((r) => [
    `${r.mib} MiB`, String(r.forks), r.hostMsPerFork.toFixed(3), String(Math.round(r.cyclesPerFork)),
    r.cowPerFork.toFixed(1), `${r.cowBefore}→${r.cowAfter}`,
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

interface Opts { isa: IsaName; cpus: number; rounds: number | null; only: 'all' | 'cpu' | 'fork' | 'debug' | 'tiers'; forks: number }

/**
 * Boot and run userland/bin/<isa>/<prog> with argv [prog, ...args] as `forkvm run` does; console
 * output is captured. `probe` receives the kernel's proc provider lines (`--trace proc`).
 */
function runProgram(o: Opts, prog: string, args: string[], memBytes: number, probe?: (line: string) => void, nokpreempt = false, bpt: string | null = null, jit?: JitTier): RunResult {
  const path = join(ROOT, 'userland', 'bin', o.isa, prog);
  if (!existsSync(path)) throw new Error(`${path} is missing (run npm run userland)`);
  const bo: BootOptions = { ...DEFAULT_BOOT, fsDirs: [], arch: o.isa, cpus: o.cpus, memBytes, capture: true, nokpreempt };
  if (jit !== undefined) bo.jit = jit;
  if (probe) bo.traceProc = probe;
  const image = new Uint8Array(readFileSync(path));
  if (bpt === null) return run_image(bo, image, [prog, ...args]);
  // The CPUs' breakpoint unit (what forkvm debug's addr::bp loads) armed at a symbol of the image.
  const addr = elf_symbols(image).byName.get(bpt);
  if (addr === undefined) throw new Error(`${prog} has no symbol ${bpt}`);
  const st = start_image(bo, image, [prog, ...args]);
  for (const c of st.machine.cpus) (c as SparcCpu).set_breakpoints([addr]);
  const t0 = process.hrtime.bigint();
  const h = st.kernel.run();
  return finish_image(st, h, Number(process.hrtime.bigint() - t0) / 1e9);
}

/** The CPU workload; throws when it does not exit with status 0. */
function benchCpu(o: Opts, nokpreempt = false, bpt: string | null = null): { result: BenchResult; output: string } {
  const args = o.rounds === null ? [] : [String(o.rounds)];
  const r = runProgram(o, 'bench_cpu', args, DEFAULT_BOOT.memBytes, undefined, nokpreempt, bpt);
  if (r.halt.why !== 'exit' || r.status !== 0) throw new Error(`bench_cpu failed: ${r.halt.message || `status ${r.status}`}`);
  return {
    result: { workload: ['bench_cpu', ...args].join(' '), isa: o.isa, instructions: r.instructions, cycles: r.cycles, hostSeconds: r.seconds },
    output: r.machine.console.output(),
  };
}

/** The workloads of the tier comparison: bench_cpu and the longest qemu-differential programs (write/exit only, so qemu-sparc runs them too). */
export const TIER_WORKLOADS = ['bench_cpu', 'diff_algo', 'diff_muldiv', 'diff_recurse', 'diff_ll64'];
/** Runs per tier and workload; the figure is the median. */
const TIER_RUNS = 3;

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const a = [...xs].sort((p, q) => p - q);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
}

/** One row of the tier table: a workload's instructions and median MIPS per tier, and qemu-sparc's. */
export interface TierRow { workload: string; instructions: number; mips: Record<string, number>; qemu: number | null }

/** The tier table: MIPS per tier, the speed-up of each tier over the interpreter, and the ratio to qemu-sparc. */
export function formatTierTable(tiers: readonly string[], rows: readonly TierRow[]): string {
  const head = ['workload', 'instructions', ...tiers.map((t) => `${t} MIPS`), ...tiers.slice(1).map((t) => `${t}/off`),
    'qemu MIPS', ...tiers.map((t) => `${t}/qemu`)];
  const body = rows.map((r) => [r.workload, String(r.instructions), ...tiers.map((t) => r.mips[t].toFixed(1)),
    ...tiers.slice(1).map((t) => (r.mips[t] / r.mips[tiers[0]]).toFixed(2) + 'x'),
    r.qemu === null ? '-' : r.qemu.toFixed(1), ...tiers.map((t) => (r.qemu === null ? '-' : (r.mips[t] / r.qemu).toFixed(3)))]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

/**
 * The tier comparison: each workload under every tier (alternating, after a warm-up run of each),
 * median of TIER_RUNS; qemu-sparc's MIPS is this program's instruction count over qemu's median
 * wall time (process start included), or null when qemu-sparc is not installed.
 */
function benchTiers(o: Opts, workload: string): TierRow {
  const runs: Record<string, number[]> = {};
  let instructions = 0;
  for (const t of JIT_TIERS) runProgram(o, workload, [], DEFAULT_BOOT.memBytes, undefined, false, null, t);
  for (let k = 0; k < TIER_RUNS; k++) {
    for (const t of JIT_TIERS) {
      const r = runProgram(o, workload, [], DEFAULT_BOOT.memBytes, undefined, false, null, t);
      if (r.halt.why !== 'exit' || r.status !== 0) throw new Error(`${workload} --jit ${t} failed: ${r.halt.message || `status ${r.status}`}`);
      if (instructions !== 0 && r.instructions !== instructions) throw new Error(`${workload}: --jit ${t} ran ${r.instructions} instructions, not ${instructions}`);
      instructions = r.instructions;
      (runs[t] ??= []).push(r.instructions / r.seconds / 1e6);
    }
  }
  const mipsOf: Record<string, number> = {};
  for (const t of JIT_TIERS) mipsOf[t] = median(runs[t]);
  const secs: number[] = [];
  for (let k = 0; k < TIER_RUNS; k++) {
    const t0 = process.hrtime.bigint();
    const q = spawnSync(QEMU, [join(ROOT, 'userland', 'bin', o.isa, workload)], { stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 });
    if (q.error || q.status !== 0) { secs.length = 0; break; }
    secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { workload, instructions, mips: mipsOf, qemu: secs.length > 0 ? instructions / median(secs) / 1e6 : null };
}

/** Memory for the fork runs: room for the parent's touched pages plus the child's page tables. */
const FORK_MEM = 256 << 20;

/**
 * One fork+wait measurement. Cycles and COW copies per fork are (K-fork run - 0-fork run) / K:
 * exact, since runs are deterministic. Host time per fork is measured from the program's first
 * fork (its first proc:::create probe) to the end of the run, so the noisy host time of touching
 * the memory is left out; without probes it falls back to the difference of the two runs.
 * Returns a string saying why when the guest program fails.
 */
function benchFork(o: Opts, mib: number): ForkResult | string {
  // A warm-up run first, so that the timed runs measure steady state, not the JIT.
  const warm = runProgram(o, 'bench_fork', [String(mib), String(Math.min(o.forks, 20))], FORK_MEM);
  if (warm.halt.why !== 'exit' || warm.status !== 0) return failed(mib, Math.min(o.forks, 20), warm);
  const base = runProgram(o, 'bench_fork', [String(mib), '0'], FORK_MEM);
  if (base.halt.why !== 'exit' || base.status !== 0) return `bench_fork ${mib} 0: ${base.halt.message || `status ${base.status}`}`;
  const cowBefore = anon_stats.cow_copies;
  const r = runProgram(o, 'bench_fork', [String(mib), String(o.forks)], FORK_MEM);
  const cowAfter = anon_stats.cow_copies;
  if (r.halt.why !== 'exit' || r.status !== 0) return failed(mib, o.forks, r);
  return {
    mib, forks: o.forks, cowBefore, cowAfter,
    hostMsPerFork: Math.max(0, r.seconds - base.seconds) * 1000 / o.forks,
    cyclesPerFork: (r.cycles - base.cycles) / o.forks,
    cowPerFork: (cowAfter - cowBefore) / o.forks,
  };
}

/** Why a bench_fork run failed, in words. */
function failed(mib: number, forks: number, r: RunResult): string {
  const why = r.status === 3 ? 'fork() returned -1' : r.status === 4 ? 'waitpid() failed' : r.halt.message || `status ${r.status}`;
  return `bench_fork ${mib} ${forks}: ${why}`;
}

/**
 * The CPU workload under `forkvm debug` (a child process running the CLI, since nothing but the
 * CLI imports debug/): with no breakpoint, and with one set on a function the workload never calls
 * (bench_cpu`atoi: a breakpoint keeps its page out of the fetch TLB). MIPS as ::status -v reports
 * them (machine run time only).
 */
function benchDebug(o: Opts): { none: number; bp: number } | string {
  const prog = join(ROOT, 'userland', 'bin', o.isa, 'bench_cpu');
  const args = o.rounds === null ? [] : [String(o.rounds)];
  const once = (cmds: string): number | string => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'forkvm.js'), 'debug', '--cpus', String(o.cpus), '-e', cmds, prog, ...args], { encoding: 'utf8' });
    const m = /: ([\d.]+) MIPS$/m.exec(r.stdout);
    return m ? Number(m[1]) : `forkvm debug failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`;
  };
  const none = once(':c; ::status -v');
  if (typeof none === 'string') return none;
  const bp = once('bench_cpu`atoi::bp; :c; ::status -v');
  if (typeof bp === 'string') return bp;
  return { none, bp };
}

const USAGE = 'usage: bench [--arch sparc] [--cpus N] [--rounds N] [--forks K] [--only cpu|fork|debug|tiers]';

function parseArgs(argv: string[]): Opts | string {
  const o: Opts = { isa: 'sparc', cpus: DEFAULT_BOOT.cpus, rounds: null, only: 'all', forks: 200 };
  const num = (s: string | undefined, min: number): number | null =>
    s !== undefined && /^\d+$/.test(s) && Number(s) >= min ? Number(s) : null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = argv[i + 1];
    if (a === '--') continue;
    if (a === '--arch' && v === 'sparc') { o.isa = v; i++; }
    else if (a === '--cpus' && num(v, 1) !== null) { o.cpus = num(v, 1)!; i++; }
    else if (a === '--rounds' && num(v, 1) !== null) { o.rounds = num(v, 1); i++; }
    else if (a === '--forks' && num(v, 1) !== null) { o.forks = num(v, 1)!; i++; }
    else if (a === '--only' && (v === 'cpu' || v === 'fork' || v === 'debug' || v === 'tiers')) { o.only = v; i++; }
    else return `bench: bad argument '${a}'\n${USAGE}`;
  }
  return o;
}

function main(argv: string[]): number {
  const o = parseArgs(argv);
  if (typeof o === 'string') { console.error(o); return 2; }
  const host = hostCpus();
  console.log(`forkvm bench: ${o.isa}, ${o.cpus} CPU(s); host ${host.length} x ${host[0]?.model.trim() ?? '?'}, node ${process.version}`);
  let plainMips = 0;
  if (o.only === 'all' || o.only === 'tiers') {
    console.log(`\nExecution tiers (--jit; median of ${TIER_RUNS} alternating runs after a warm-up; qemu: ${QEMU}, same ELF, wall time)`);
    const rows = TIER_WORKLOADS.map((w) => benchTiers(o, w));
    console.log(formatTierTable(JIT_TIERS, rows));
    if (rows.every((r) => r.qemu === null)) console.log(`  (${QEMU} is not installed: no qemu figures)`);
  }
  if (o.only === 'all' || o.only === 'cpu') {
    console.log(`\nCPU workload (--jit ${JIT_DEFAULT}; with kernel preemption points, and with them never yielding; best of three each)`);
    const best = (a: BenchResult, b: BenchResult) => (mips(b) > mips(a) ? b : a);
    benchCpu({ ...o, rounds: 2 }); benchCpu({ ...o, rounds: 2 }, true);   // warm-up (JIT)
    let on = benchCpu(o), off = benchCpu(o, true);
    for (let i = 0; i < 2; i++) {
      on = { ...on, result: best(on.result, benchCpu(o).result) };
      off = { ...off, result: best(off.result, benchCpu(o, true).result) };
    }
    console.log(formatResult(on.result).split('\n').map((l) => '  ' + l).join('\n'));
    console.log(`  guest output  ${on.output.trim().split('\n').join('; ')}`);
    console.log(`  without preemption points: ${mips(off.result).toFixed(1)} MIPS (cycles ${off.result.cycles}); ratio with/without ${(mips(on.result) / mips(off.result)).toFixed(3)}`);
    plainMips = mips(on.result);
    // A breakpoint set and never hit: bench_cpu's atoi is on the page of its hot loops (the worst
    // case: every fetch there is checked); best of three, alternating with plain runs.
    let bp = benchCpu(o, false, 'atoi').result, plain = on.result;
    for (let i = 0; i < 2; i++) { bp = best(bp, benchCpu(o, false, 'atoi').result); plain = best(plain, benchCpu(o).result); }
    console.log(`  with a breakpoint set, never hit (bench_cpu\`atoi, on the hot code's page): ${mips(bp).toFixed(1)} MIPS; ratio to none ${(mips(bp) / mips(plain)).toFixed(3)}`);
  }
  if (o.only === 'all' || o.only === 'cpu') {
    // The i386 CPU (issue 10) has no kernel yet: the same bench_cpu program, built for i386 with
    // a small libc shim (bench/x86/), on the test harness's flat loader; host seconds, best of three.
    console.log('\nCPU workload on the i386 CPU alone (hw/x86, bench/x86/bench_cpu.elf, no kernel; best of three)');
    let best = Infinity, insns = 0;
    for (let i = 0; i < 4; i++) {
      const t0 = process.hrtime.bigint();
      const r = runElf(join(ROOT, 'bench', 'x86', 'bench_cpu.elf'), 8 << 20, 10_000_000_000, ['bench_cpu', String(i === 0 ? 2 : o.rounds ?? 14)]);
      const dt = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0) { console.log(`  bench_cpu stopped: ${JSON.stringify(r.stop)}`); break; }
      if (i > 0) { insns = r.executed; best = Math.min(best, dt); }   // run 0 warms the JIT up
    }
    if (insns > 0) {
      const x = insns / best / 1e6;
      console.log(`  instructions ${insns}, host seconds ${best.toFixed(3)}, MIPS ${x.toFixed(1)}${plainMips ? `; ratio to SPARC (above) ${(x / plainMips).toFixed(3)}` : ''}`);
    }
  }
  if (o.only === 'all' || o.only === 'debug') {
    console.log('\nCPU workload under forkvm debug (::status -v)');
    const d = benchDebug(o);
    if (typeof d === 'string') console.log(`  ${d}`);
    else {
      console.log(`  no breakpoint                    ${d.none.toFixed(1)} MIPS`);
      console.log(`  a breakpoint set, never hit      ${d.bp.toFixed(1)} MIPS (ratio to no breakpoint ${(d.bp / d.none).toFixed(3)}${plainMips ? `, to forkvm run ${(d.bp / plainMips).toFixed(3)}` : ''})`);
    }
  }
  if (o.only === 'all' || o.only === 'fork') {
    console.log(`\nfork+exit+wait (bench_fork MIB ${o.forks}, --mem ${FORK_MEM >> 20}M; host ms, cycles and COW copies: (K-fork run - 0-fork run) / K,\n  after a warm-up run)`);
    const rows: ForkResult[] = [];
    for (const mib of [1, 64]) {
      const r = benchFork(o, mib);
      if (typeof r === 'string') {
        console.log(`  fork not available yet (${r})`);
        break;
      }
      rows.push(r);
    }
    if (rows.length > 0) console.log(formatForkTable(rows));
  }
  return 0;
}

// Run only as a script, so that the formatting helpers can be imported by tests.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
