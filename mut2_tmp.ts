import { readFileSync } from 'node:fs';
import { run_image, DEFAULT_BOOT } from './boot/boot.ts';
const img = new Uint8Array(readFileSync(process.argv[2]));
let out = '';
const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], cpus: 2, seed: 3, nolock: [process.argv[3]], sink: (b) => { out += Buffer.from(b).toString(); }, traceSyscalls: (l) => console.log(l), traceProc: (l) => console.log(l) }, img, [process.argv[4] ?? 'hello'], []);
console.log(r.halt, out);
