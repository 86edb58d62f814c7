/*
 * scripts/fuzz.ts — `npm run fuzz -- [--syscalls N] [--seeds K] [--first S] [--cpus C] [--strict] [--elf R] [--flags R]`:
 * the system-call fuzzer over seeds S..S+K-1 (default 1..10, until the workers have issued 20,000
 * calls each; --strict: under --check=strict), then the ELF and flag fuzzers (R rounds each,
 * default 200). Prints one line per seed (the workers' calls of all system calls, cycles, host
 * seconds, system calls per second) and, for a failure, the seed
 * and the last 50 system calls. Exit status 1 when anything failed.
 */

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
let failed = 0, total = 0, fuzzed = 0, secs = 0;
for (let s = first; s < first + seeds; s++) {
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
console.log(`fuzz: ${seeds} seeds, ${fuzzed} fuzzed of ${total} system calls in ${secs.toFixed(1)} s (${Math.round(total / Math.max(secs, 1e-9))} calls/s, ${Math.round(fuzzed / Math.max(secs, 1e-9))} fuzzed/s), ${failed} failed`);
const eb = fuzz_elf(first, elfRounds);
for (const l of eb) console.log(`fuzz: elf: ${l}`);
const fb = await fuzz_flags(first, flagRounds);
for (const l of fb) console.log(`fuzz: flags: ${l}`);
console.log(`fuzz: elf ${elfRounds} mutations, ${eb.length} failed; flags ${flagRounds} sets, ${fb.length} failed`);
process.exitCode = failed + eb.length + fb.length > 0 ? 1 : 0;
