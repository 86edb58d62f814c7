import { readFileSync } from 'node:fs';
import { run_image, DEFAULT_BOOT } from './boot/boot.ts';
const img = new Uint8Array(readFileSync(process.argv[2]));
const sites = process.argv.slice(3);
for (const site of sites) for (const cpus of [2, 4]) for (const seed of [1, 3]) {
  let out = '';
  const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], cpus, seed, nolock: site === 'none' ? [] : [site], check: true, sink: (b) => { out += Buffer.from(b).toString(); } }, img, ['smp_stress'], []);
  console.log(site, cpus, seed, r.halt.why, r.status, r.halt.message.slice(0, 100), (r.leaks ?? []).join(';').slice(0, 80), out.split('\n').filter((l) => !l.startsWith('PASS')).slice(-3).join(' | '));
}
