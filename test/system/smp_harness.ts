/*
 * test/system/smp_harness.ts — runs a userland/bin/<isa> program the way `forkvm run` does, in
 * process, with --check, capturing the console (shared by smp.test.ts and lock_mutations.test.ts).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT, type BootOptions, type RunResult } from '../../boot/boot.ts';
import { elf_dir } from '../../scripts/build_userland.ts';

/** Run ELF `name` (with `args`) of extra.arch (default sparc) as `forkvm run` would, with --check; `extra` wins. */
export function smp_run(name: string, extra: Partial<BootOptions>, args: string[] = []): RunResult & { out: string } {
  const image = new Uint8Array(readFileSync(join(ROOT, elf_dir(extra.arch ?? 'sparc'), name)));
  const o: BootOptions = Object.assign({}, DEFAULT_BOOT, { capture: true, check: true, maxCycles: 2_000_000_000 }, extra);
  const r = run_image(o, image, [name, ...args]);
  return { ...r, out: r.machine.console.output() };
}
