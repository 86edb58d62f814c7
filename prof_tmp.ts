import { readFileSync } from 'node:fs';
import { run_image, DEFAULT_BOOT } from './boot/boot.ts';
const img = new Uint8Array(readFileSync('userland/bin/sparc/bench_fork'));
const t0 = performance.now();
const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], memBytes: 256 << 20, cpus: 2 }, img, ['bench_fork', '64', '200'], []);
console.log(r.halt.message, (performance.now() - t0).toFixed(0), 'ms');
