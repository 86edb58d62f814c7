/*
 * bench/x86_cpu.ts — speed of hw/x86/cpu.ts alone (no kernel): bench/x86/bench_cpu.elf with the
 * given rounds (default 14, the SPARC bench_cpu default) on the test harness's flat loader; prints
 * instructions, host CPU seconds and MIPS (and wall-clock MIPS), best of N runs. Run: npx tsx bench/x86_cpu.ts [ROUNDS] [RUNS]
 */
import { fileURLToPath } from 'node:url';
import { runElf } from '../test/hw/x86/harness.ts';

const rounds = process.argv[2] ?? '14';
const runs = Number(process.argv[3] ?? 3);
const elf = fileURLToPath(new URL('./x86/bench_cpu.elf', import.meta.url));
let best = Infinity, insns = 0, out = '';
for (let k = 0; k < runs; k++) {
  const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
  const r = runElf(elf, 8 << 20, 10_000_000_000, ['bench_cpu', rounds]);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9, cu = process.cpuUsage(c0);
  // CPU time of this process: less sensitive than wall time to other load on a shared machine.
  const dt = (cu.user + cu.system) / 1e6;
  console.log(`run ${k + 1}: wall ${wall.toFixed(3)} s (${(r.executed / wall / 1e6).toFixed(1)} MIPS wall)`);
  if (r.status !== 0) throw new Error(`bench_cpu stopped: ${JSON.stringify(r.stop)}`);
  insns = r.executed; out = r.out.toString();
  best = Math.min(best, dt);
  console.log(`run ${k + 1}: ${insns} instructions, ${dt.toFixed(3)} s CPU, ${(insns / dt / 1e6).toFixed(1)} MIPS`);
}
console.log(out.trimEnd());
console.log(`best: ${(insns / best / 1e6).toFixed(1)} MIPS (${insns} instructions, ${best.toFixed(3)} s)`);
