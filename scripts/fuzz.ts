/*
 * scripts/fuzz.ts — `npm run fuzz -- [--syscalls N] [--seeds K] [--first S] [--cpus C] [--strict] [--jobs J] [--elf R] [--flags R]`:
 * the system-call fuzzer over seeds S..S+K-1 (default 1..10, until the workers have issued 20,000
 * calls each; --strict: under --check=strict), then the ELF and flag fuzzers (R rounds each,
 * default 200). Prints one line per seed (the workers' calls of all system calls, cycles, host
 * seconds, system calls per second) and, for a failure, the seed and the last 50 system calls.
 * --jobs J runs J seeds at once, each in a child process of its own (NODE_OPTIONS, such as a heap
 * limit, apply to each); their lines come as each seed ends. Exit status 1 when anything failed.
 */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fuzz_syscalls, fuzz_elf, fuzz_flags } from './fuzz_lib.ts';

function opt(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 0) { console.error(`fuzz: ${name} needs a whole number`); process.exit(2); }
  return v;
}

const calls = opt('--syscalls', 20_000), seeds = opt('--seeds', 10), first = opt('--first', 1), cpus = opt('--cpus', 2);
const elfRounds = opt('--elf', 200), flagRounds = opt('--flags', 200);
const strict = process.argv.includes('--strict');
const jobs = Math.max(1, opt('--jobs', 1));
let failed = 0, total = 0, fuzzed = 0, secs = 0;

/** One seed in a child process (this script with --seeds 1 --jobs 1 and no ELF/flag rounds): its output. */
function child(s: number): Promise<string> {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--syscalls', String(calls), '--seeds', '1', '--first', String(s),
    '--cpus', String(cpus), '--elf', '0', '--flags', '0', ...(strict ? ['--strict'] : [])];
  return new Promise((resolve) => {
    const c = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (b: Buffer) => { out += b.toString('latin1'); });
    c.stderr.on('data', (b: Buffer) => { out += b.toString('latin1'); });
    c.on('close', (code, sig) => resolve(code === 0 || /seed \d+: FAILED/.test(out) ? out : `${out}fuzz: seed ${s}: FAILED, the child process ended with ${sig ?? `status ${code}`}\n`));
  });
}

if (jobs > 1) {
  let next = first;
  const run1 = async (): Promise<void> => {
    while (next < first + seeds) {
      const out = await child(next++);
      const lines = out.split('\n').filter((l) => !/^fuzz: (\d+ seeds,|elf \d)/.test(l) && l !== '');
      for (const l of lines) console.log(l);
      const m = /^fuzz: 1 seeds, (\d+) fuzzed of (\d+) system calls in ([\d.]+) s/m.exec(out);
      if (m) { fuzzed += Number(m[1]); total += Number(m[2]); secs += Number(m[3]); }
      if (!m || /: FAILED/.test(out)) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, seeds) }, run1));
}
for (let s = first; jobs === 1 && s < first + seeds; s++) {
  const r = fuzz_syscalls(s, calls, cpus, undefined, strict);
  total += r.syscalls;
  fuzzed += r.fuzzed;
  secs += r.seconds;
  console.log(`fuzz: seed ${s}: ${r.ok ? 'ok' : 'FAILED'}, ${r.fuzzed} fuzzed of ${r.syscalls} system calls, ${r.cycles} cycles, ${r.seconds.toFixed(1)} s, ${Math.round(r.syscalls / r.seconds)} calls/s`);
  if (!r.ok) {
    failed++;
    console.log(`fuzz: seed ${s}: ${r.why}`);
    console.log(`fuzz: seed ${s}: the last ${r.last.length} system calls:`);
    for (const l of r.last) console.log('  ' + l);
  }
}
// With --jobs the seconds are summed over the seeds (host CPU-ish time), not wall time.
console.log(`fuzz: ${seeds} seeds, ${fuzzed} fuzzed of ${total} system calls in ${secs.toFixed(1)} s (${Math.round(total / Math.max(secs, 1e-9))} calls/s, ${Math.round(fuzzed / Math.max(secs, 1e-9))} fuzzed/s), ${failed} failed`);
const eb = fuzz_elf(first, elfRounds);
for (const l of eb) console.log(`fuzz: elf: ${l}`);
const fb = await fuzz_flags(first, flagRounds);
for (const l of fb) console.log(`fuzz: flags: ${l}`);
console.log(`fuzz: elf ${elfRounds} mutations, ${eb.length} failed; flags ${flagRounds} sets, ${fb.length} failed`);
process.exitCode = failed + eb.length + fb.length > 0 ? 1 : 0;
