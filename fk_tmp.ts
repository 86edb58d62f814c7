import { readFileSync } from 'node:fs';
import { run_image, DEFAULT_BOOT } from './boot/boot.ts';
const img = new Uint8Array(readFileSync('userland/bin/sparc/bench_fork'));
const cpus = Number(process.argv[2] ?? 2);
function t(k: number) { const t0 = performance.now(); run_image({ ...DEFAULT_BOOT, fsDirs: [], memBytes: 256 << 20, cpus }, img, ['bench_fork', '64', String(k)], []); return performance.now() - t0; }
t(50); // warm
const a = t(0), b = t(200), c = t(0), d = t(200);
console.log('ms per fork', ((b - a) / 200).toFixed(3), ((d - c) / 200).toFixed(3));
