/*
 * scripts/fuzz_lib.ts — the host half of the fuzzers. fuzz_syscalls runs the guest fuzzer
 * (userland/tests/fuzz/fuzz.c: seeded random system calls with hostile arguments in worker
 * processes) on a booted machine under --check, and reports a failure — a host exception, a
 * kernel panic or deadlock, a leak, an unexpected status — with the seed and the last 50 system
 * calls (truss-style). fuzz_elf mutates a valid ELF and fuzz_flags mutates flag sets: neither may
 * ever end in an internal error. Everything is seeded: the same seed gives the same run.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT, BadInput } from '../boot/boot.ts';
import { elf_check } from '../kernel/common/exec/elf.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');

/** The outcome of one fuzz run: ok, or why not with the seed and the last system calls. */
/** syscalls: every system call the machine made; fuzzed: those of the workers and their children (not the supervisor's). */
export interface FuzzResult { ok: boolean; seed: number; why: string; last: string[]; syscalls: number; fuzzed: number; seconds: number; cycles: number }

/** How many trailing system calls a report shows. */
export const LAST_CALLS = 50;

/**
 * fuzz_syscalls — run the guest fuzzer with `seed` until its workers have issued `calls` system calls on `cpus`
 * CPUs (machine --seed = the fuzz seed too), with `strict`, under --check=strict. ok when the guest
 * printed its summary, exited 0 and the leak check is clean.
 */
export function fuzz_syscalls(seed: number, calls: number, cpus = 2, maxCycles = 50_000_000_000, strict = false): FuzzResult {
  const ring: string[] = [];
  let n = 0, fuzzed = 0;
  const image = new Uint8Array(readFileSync(join(BIN, 'fuzz_fuzz')));
  const t0 = process.hrtime.bigint();
  const done = (ok: boolean, why: string, cycles = 0): FuzzResult =>
    ({ ok, seed, why, last: ring.slice(), syscalls: n, fuzzed, seconds: Number(process.hrtime.bigint() - t0) / 1e9, cycles });
  // Workers write garbage to the console: keep only the tail, where the summary line is.
  let tail = new Uint8Array(0);
  const sink = (b: Uint8Array) => {
    const nb = new Uint8Array(Math.min(4096, tail.length + b.length));
    const all = tail.length + b.length;
    const from = all - nb.length;
    for (let i = 0; i < nb.length; i++) { const j = from + i; nb[i] = j < tail.length ? tail[j] : b[j - tail.length]; }
    tail = nb;
  };
  try {
    const r = run_image({
      ...DEFAULT_BOOT, fsDirs: [], cpus, seed, check: true, strict, maxCycles, sink,
      // The supervisor (pid 2) only forks, polls and reaps: the workers' calls are the report.
      traceSyscalls: (line) => { n++; if (/^\s*2\//.test(line)) return; fuzzed++; ring.push(line); if (ring.length > LAST_CALLS) ring.shift(); },
    }, image, ['fuzz', String(seed), String(calls)]);
    const out = Buffer.from(tail).toString('latin1');
    if (r.halt.why !== 'exit') return done(false, `${r.halt.why}: ${r.halt.message}`, r.cycles);
    if (r.leaks && r.leaks.length > 0) return done(false, `leaks: ${r.leaks.join('; ')}`, r.cycles);
    if (r.status !== 0 || !/fuzz: seed \d+, \d+ calls in \d+ workers\n$/.test(out)) return done(false, `status ${r.status}, output ${JSON.stringify(out.slice(-200))}`, r.cycles);
    return done(true, '', r.cycles);
  } catch (e) {
    return done(false, `host exception: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

/** A small seeded generator (xorshift32) for the host-side fuzzers. */
function xorshift(seed: number): () => number {
  let x = (seed >>> 0) || 0x9e3779b9;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
}

/**
 * fuzz_elf — `rounds` mutations of a valid ELF (bytes flipped, fields overwritten with edge
 * values, truncated, extended): elf_check must give a reason or null, never throw, and every
 * image it accepts must boot and halt by exiting or by --max-cycles (no panic, no host
 * exception). Returns the failures as lines.
 */
export function fuzz_elf(seed: number, rounds: number): string[] {
  const base = new Uint8Array(readFileSync(join(BIN, 'hello')));
  const rnd = xorshift(seed);
  const bad: string[] = [];
  const edges = [0, 1, 0xff, 0x7f, 0x80];
  for (let i = 0; i < rounds; i++) {
    let b = base.slice();
    const k = 1 + (rnd() % 4);
    for (let j = 0; j < k; j++) {
      const what = rnd() % 4;
      // Most mutations hit the ELF and program headers, where the checks are.
      const at = rnd() % 3 ? rnd() % Math.min(b.length, 52 + 32 * 4) : rnd() % b.length;
      if (what === 0) b[at] ^= 1 << (rnd() % 8);
      else if (what === 1) b[at] = edges[rnd() % edges.length];
      else if (what === 2) b = b.slice(0, rnd() % b.length);
      else { const nb = new Uint8Array(b.length + (rnd() % 64)); nb.set(b); b = nb; }
    }
    let why: string | null;
    try { why = elf_check(b, 'sparc'); } catch (e) { bad.push(`seed ${seed} round ${i}: elf_check threw ${String(e)}`); continue; }
    if (why !== null) continue;
    try {
      const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], cpus: 1, maxCycles: 2_000_000, capture: true }, b, ['hello']);
      if (r.halt.why !== 'exit' && r.halt.why !== 'maxcycles') bad.push(`seed ${seed} round ${i}: ${r.halt.why}: ${r.halt.message}`);
    } catch (e) {
      if (!(e instanceof BadInput)) bad.push(`seed ${seed} round ${i}: run threw ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return bad;
}

const FLAG_WORDS = ['--arch', '--cpus', '--mem', '--tmp-size', '--seed', '--fs', '--stats', '--lockstat', '--trace', '--check',
  '--inject', '--max-cycles', '--', '-', '--bogus', '-x'];
const VALUES = ['', '0', '1', '-1', '2', '64', '65', 'sparc', 'x86', '64M', '1G', '2G', '4K', '99999999999999999999', 'abc',
  'as_dup', 'as_dup:0', 'as_dup:3', 'insn', 'proc,syscalls', 'no', '=', '/nonexistent', '0x10', '1e3'];

/**
 * fuzz_flags — `rounds` random flag sets for `forkvm run ... /nonexistent` through the CLI's
 * main() (stderr captured): every one must end with status 2 and exactly one stderr line (a bad
 * flag, or the missing program), never an internal error (70). Returns the failures.
 */
export async function fuzz_flags(seed: number, rounds: number): Promise<string[]> {
  const { main } = await import('../boot/cli.ts');
  const rnd = xorshift(seed);
  const bad: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  for (let i = 0; i < rounds; i++) {
    const args: string[] = ['run'];
    const k = rnd() % 6;
    for (let j = 0; j < k; j++) {
      const f = FLAG_WORDS[rnd() % FLAG_WORDS.length];
      const v = VALUES[rnd() % VALUES.length];
      const form = rnd() % 3;
      if (form === 0) args.push(f); else if (form === 1) args.push(f, v); else args.push(`${f}=${v}`);
    }
    args.push('/nonexistent/program');
    let err = '';
    (process.stderr as { write: unknown }).write = (s: string | Uint8Array) => { err += String(s); return true; };
    let status: number;
    try { status = await main(args); } finally { (process.stderr as { write: unknown }).write = write; }
    const lines = err.split('\n').filter((l) => l !== '');
    if (status !== 2 || lines.length !== 1) bad.push(`seed ${seed} round ${i}: ${JSON.stringify(args)} → status ${status}, stderr ${JSON.stringify(err)}`);
  }
  return bad;
}
