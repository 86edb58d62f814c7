/*
 * test/hw/x86/cpu_bench.test.ts — bench/x86/bench_cpu.elf (the benchmark workload, built for i386
 * by scripts/gen_x86_bench.ts) run for one round on X86Cpu must print what it printed natively
 * (bench/x86/bench_cpu.1.out): GCC -O2 code with calls, 64-bit libgcc division, loops, memory.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { runElf } from './harness.ts';

const F = (f: string): string => fileURLToPath(new URL(`../../../bench/x86/${f}`, import.meta.url));

describe('hw/x86/cpu runs the i386 benchmark binary', () => {
  it('one round prints the native output', () => {
    const r = runElf(F('bench_cpu.elf'), 8 << 20, 100_000_000, ['bench_cpu', '1']);
    expect(r.status, `stop ${r.stop.reason}/${r.stop.trap} at 0x${r.stop.pc.toString(16)}`).to.equal(0);
    expect(r.out.toString()).to.equal(readFileSync(F('bench_cpu.1.out'), 'utf8'));
  });
});
