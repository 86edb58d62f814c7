/*
 * scripts/gen_debug_golden.ts — regenerate test/golden/debug/NAME.out: the transcript of each
 * scripted debugger session of test/debug/debug_golden.ts (in-process; the CLI prints the same).
 * Run after a change that should change what the debugger prints, and review the diff.
 */

import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS, GOLDEN_DIR, run_scenario } from '../test/debug/debug_golden.ts';

mkdirSync(GOLDEN_DIR, { recursive: true });
for (const s of SCENARIOS) {
  const out = run_scenario(s);
  writeFileSync(join(GOLDEN_DIR, `${s.name}.out`), out);
  console.log(`${s.name}: ${out.split('\n').length} lines`);
}
