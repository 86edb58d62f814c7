/*
 * bench/time_travel.ts — the cost of one step back (::rstep 1) after 10^6, 10^7 and 10^8 machine
 * cycles of bench_cpu under forkvm debug's time travel: every step back re-executes from boot.
 * Run: npx tsx bench/time_travel.ts [CYCLES...]
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start_image, DEFAULT_BOOT, ROOT } from '../boot/boot.ts';
import { DebugTarget } from '../debug/target.ts';
import { TimeTravel } from '../debug/time_travel.ts';

const img = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'bench_cpu')));
const boot = () => start_image({ ...DEFAULT_BOOT, fsDirs: [] }, img, ['bench_cpu']);
const targets = process.argv.slice(2).map(Number);
for (const c of targets.length ? targets : [1e6, 1e7, 1e8]) {
  const st = boot();
  const tgt = new DebugTarget(st.kernel, st.machine);
  const tt = new TimeTravel(tgt, () => boot(), { on: true });
  let t0 = process.hrtime.bigint();
  tt.goto_cycle(c);
  const fwd = Number(process.hrtime.bigint() - t0) / 1e9;
  if (tgt.halted) { console.log(`cycle ${c}: the program ended first`); continue; }
  t0 = process.hrtime.bigint();
  tt.rstep(tgt.cur_t!, 1);
  const back = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`cycle ${c.toExponential(0)}: ${tgt.m.instructions} instructions; forward ${fwd.toFixed(2)} s, one step back ${back.toFixed(2)} s`);
}
