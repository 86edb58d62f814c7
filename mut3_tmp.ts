import { readFileSync } from 'node:fs';
import { run_image, DEFAULT_BOOT } from './boot/boot.ts';
const img = new Uint8Array(readFileSync('userland/bin/sparc/smp_stress'));
for (const nl of [[], ['vfwait'], [], []]) {
  let out = '';
  const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], cpus: 2, seed: 3, nolock: nl, check: true, sink: (b) => { out += Buffer.from(b).toString(); } }, img, ['smp_stress'], []);
  console.log(nl, r.halt.message, r.cycles, out.length);
}
