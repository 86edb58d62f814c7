/*
 * bench/bench.ts — the speed benchmark (`npm run bench`): runs a fixed guest workload and prints
 * instructions, cycles, host seconds and MIPS, the same four numbers `forkvm run --stats` reports.
 * SKELETON: the workload is not run yet (see the TODO in runWorkload); the Machine API it needs
 * is still being written. Deterministic by design: the same build gives the same counts.
 */

import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/**
 * runWorkload — boot a machine, run the fixed workload to completion and return its counts, or
 * null while the machine cannot run it yet.
 */
function runWorkload(workload: string, isa: string): BenchResult | null {
  const t0 = performance.now();
  // TODO(bench): run the machine here once hw/machine.ts has a Machine and boot/boot.ts can start
  // a program: boot `isa` with default sizes, run userland/bin/<isa>/<workload> to exit, then take
  // instructions and cycles summed over the machine's CPUs (Cpu.instructions / Cpu.cycles).
  const instructions = 0;
  const cycles = 0;
  const hostSeconds = (performance.now() - t0) / 1000;
  if (instructions === 0) return null;
  return { workload, isa, instructions, cycles, hostSeconds };
}

function main(argv: string[]): number {
  let isa = 'sparc';
  let workload = 'bench';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--arch' && i + 1 < argv.length) isa = argv[++i];
    else if (a === '--workload' && i + 1 < argv.length) workload = argv[++i];
    else {
      console.error(`bench: unknown argument '${a}' (usage: bench [--arch sparc] [--workload NAME])`);
      return 2;
    }
  }
  const r = runWorkload(workload, isa);
  if (r === null) {
    console.error('bench: not implemented yet: the machine cannot run a workload (TODO in bench/bench.ts)');
    return 1;
  }
  console.log(formatResult(r));
  return 0;
}

// Run only as a script, so that the formatting helpers can be imported by tests.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
