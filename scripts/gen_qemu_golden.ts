/*
 * scripts/gen_qemu_golden.ts — runs every differential test binary (userland/bin/sparc/diff_*)
 * under qemu-sparc, the reference machine, and writes test/golden/qemu/<name>.out (stdout bytes)
 * and <name>.status (exit status as decimal text, 128 + signal if killed). Goldens whose binary is
 * gone are removed. qemu's Linux ABI serves these programs because they only use write and exit,
 * whose numbers and conventions coincide with Solaris's.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../boot/cc.ts';

/** The reference emulator (Debian package qemu-user). */
export const QEMU = 'qemu-sparc';
/** Where the goldens live, relative to the root. */
export const GOLDEN_DIR = 'test/golden/qemu';
/** Binaries that get goldens, relative to the root. */
export const ELF_DIR = 'userland/bin/sparc';

/** Names of the differential test binaries (diff_*), sorted. */
export function diff_programs(root: string = REPO_ROOT): string[] {
  const dir = join(root, ELF_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.startsWith('diff_')).sort();
}

/** Result of one reference run. */
export interface QemuRun { stdout: Buffer; status: number }

/**
 * run_under_qemu(): runs one binary (argv[0] = its repository-relative path, empty environment,
 * no stdin) and returns its stdout and exit status. Throws when qemu-sparc cannot be started or
 * the program runs longer than `timeoutMs`.
 */
export function run_under_qemu(root: string, name: string, timeoutMs = 120_000): QemuRun {
  const r = spawnSync(QEMU, [`${ELF_DIR}/${name}`], {
    cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs, maxBuffer: 256 << 20,
  });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${QEMU} not found: install the Debian package qemu-user`);
    }
    throw new Error(`${name}: ${r.error.message}`);
  }
  let status: number;
  if (r.status !== null) status = r.status;
  else {
    const sig = r.signal ? (constants.signals as Record<string, number>)[r.signal] ?? 0 : 0;
    status = 128 + sig;
  }
  return { stdout: r.stdout, status };
}

/** main(): writes every golden; exit status 0, or 2 when qemu-sparc is missing. */
export function main(): number {
  const names = diff_programs();
  if (names.length === 0) {
    console.error(`gen_qemu_golden: no ${ELF_DIR}/diff_* binaries (run npm run userland first)`);
    return 1;
  }
  const out = join(REPO_ROOT, GOLDEN_DIR);
  mkdirSync(out, { recursive: true });
  for (const name of names) {
    let run: QemuRun;
    try {
      run = run_under_qemu(REPO_ROOT, name);
    } catch (e) {
      console.error(`gen_qemu_golden: ${(e as Error).message}`);
      return 2;
    }
    writeFileSync(join(out, `${name}.out`), run.stdout);
    writeFileSync(join(out, `${name}.status`), `${run.status}\n`);
    console.log(`${GOLDEN_DIR}/${name}: ${run.stdout.length} bytes, status ${run.status}`);
  }
  for (const f of readdirSync(out)) {
    const m = /^(.*)\.(out|status)$/.exec(f);
    if (m && !names.includes(m[1])) {
      rmSync(join(out, f));
      console.log(`${GOLDEN_DIR}/${f}: removed (no binary)`);
    }
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
