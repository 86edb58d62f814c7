/*
 * scripts/gen_x86_bench.ts — builds bench/x86/bench_cpu.elf: userland/tests/bench/cpu.c (the SPARC
 * benchmark's workload) with bench/x86/shim.c as a static i386 Linux ELF (i686-linux-gnu-gcc -O2
 * -march=i686, libgcc for the 64-bit divide), runs it natively with 1 round and records the output
 * in bench/x86/bench_cpu.1.out (test/hw/x86/cpu_bench.test.ts compares). Needs gcc-i686-linux-gnu.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/x86/bench_cpu.elf');

export function main(): number {
  const cc = spawnSync('i686-linux-gnu-gcc', ['-O2', '-march=i686', '-static', '-nostdlib', '-nostdinc', '-ffreestanding', '-fno-pic', '-no-pie',
    '-fno-stack-protector', '-fno-builtin', '-Wl,--build-id=none', '-Wl,-Ttext=0x100000', '-I', join(ROOT, 'bench/x86/include'),
    '-isystem', spawnSync('i686-linux-gnu-gcc', ['-print-file-name=include']).stdout.toString().trim(),
    '-o', OUT, join(ROOT, 'userland/tests/bench/cpu.c'), join(ROOT, 'bench/x86/shim.c'), '-lgcc']);
  if (cc.error || cc.status !== 0) { console.error(cc.error?.message ?? cc.stderr.toString()); return 2; }
  const r = spawnSync(OUT, ['1']);
  if (r.status !== 0) { console.error(`native run failed: ${r.status} ${r.signal}`); return 2; }
  writeFileSync(join(ROOT, 'bench/x86/bench_cpu.1.out'), r.stdout);
  console.log(`${OUT}: built; 1 round natively:\n${r.stdout.toString()}`);
  return 0;
}
if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
