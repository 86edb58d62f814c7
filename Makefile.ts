/*
 * Makefile.ts — the build driver: `npx tsx Makefile.ts <target> [args...]` (npm scripts call it).
 * Targets: build (esbuild bundle of boot/cli.ts → dist/forkvm.js), test (npm test), userland
 * (scripts/build_userland.ts, args passed through), bench (bench/bench.ts), fuzz (scripts/fuzz.ts),
 * clean (dist/,
 * userland/build/). No dependency tracking: every target just runs.
 */

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** Run a command in the repo root with inherited stdio; returns its exit status (1 if killed). */
function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.error) {
    console.error(`make: ${cmd}: ${r.error.message}`);
    return 1;
  }
  return r.status ?? 1;
}

/** Run a TypeScript file under node with the tsx loader (what `npx tsx FILE` does, minus npx). */
function tsx(file: string, args: string[]): number {
  if (!existsSync(`${ROOT}/${file}`)) {
    console.error(`make: ${file} does not exist yet`);
    return 1;
  }
  return run(process.execPath, ['--import', 'tsx', file, ...args]);
}

async function build(): Promise<number> {
  const esbuild = await import('esbuild');
  try {
    await esbuild.build({
      stdin: {
        contents: "import { main } from './boot/cli.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n",
        resolveDir: ROOT,
        sourcefile: 'forkvm-entry.ts',
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: `${ROOT}/dist/forkvm.js`,
      banner: { js: '#!/usr/bin/env node' },
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
    });
  } catch {
    return 1; // esbuild has already printed the errors
  }
  chmodSync(`${ROOT}/dist/forkvm.js`, 0o755);
  console.log('make: built dist/forkvm.js (run it with: node dist/forkvm.js ...)');
  return 0;
}

const TARGETS: Record<string, (args: string[]) => number | Promise<number>> = {
  build: () => build(),
  test: () => run('npm', ['test']),
  userland: (args) => tsx('scripts/build_userland.ts', args),
  bench: (args) => tsx('bench/bench.ts', args),
  fuzz: (args) => tsx('scripts/fuzz.ts', args),
  clean: () => {
    rmSync(`${ROOT}/dist`, { recursive: true, force: true });
    rmSync(`${ROOT}/userland/build`, { recursive: true, force: true });
    return 0;
  },
};

const [target, ...rest] = process.argv.slice(2);
const fn = target !== undefined && Object.hasOwn(TARGETS, target) ? TARGETS[target] : undefined;
if (!fn) {
  console.error(`make: unknown target '${target ?? ''}' (targets: ${Object.keys(TARGETS).join(', ')})`);
  process.exit(2);
}
process.exitCode = await fn(rest);
