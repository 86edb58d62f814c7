import { readFileSync } from 'node:fs';
import { run_image, DEFAULT_BOOT } from './boot/boot.ts';
import { set_asserts } from './kernel/common/sys/debug.ts';
set_asserts(false);
const img = new Uint8Array(readFileSync('userland/bin/sparc/smp_stress'));
for (const site of ['getproc', 'cfork', 'fork_fail', 'relvm', 'vfwait', 'exit', 'waitid']) for (const cpus of [2, 4]) for (const seed of [1, 3, 5]) {
  let out = '';
  const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], cpus, seed, nolock: [site], check: true, maxCycles: 500_000_000, inject: site === 'fork_fail' ? [{ site: 'as_dup', n: 5 }] : undefined, sink: (b) => { out += Buffer.from(b).toString(); } }, img, ['smp_stress'], []);
  const fails = out.split('\n').filter((l) => l.startsWith('FAIL')).length;
  console.log(site, cpus, seed, r.halt.why, r.status, 'FAILs', fails, r.halt.message.slice(0, 110), '|', (r.leaks ?? []).filter(l => l.startsWith('invariant')).join(';').slice(0, 110));
}
