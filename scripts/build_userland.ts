/*
 * scripts/build_userland.ts — `npm run userland`: regenerates the syscall stubs, builds libc into
 * userland/build/sparc/, and builds every program (userland/bin/*.c, userland/sbin/*.c,
 * userland/tests/**\/*.c) into userland/bin/sparc/<name> with the same recipe as `forkvm cc`.
 * `--check` rebuilds into a temporary directory and compares with the committed ELFs (and the
 * committed syscalls.S) without writing anything. Leaves out the i386 build (later).
 */

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  REPO_ROOT, LIBC_BUILD_DIR, MISSING_COMPILER, BuildError, MissingCompilerError,
  build_libc, cc_link, have_cross_compiler,
} from '../boot/cc.ts';
import { generate_syscalls_s, write_syscalls_s, SYSCALLS_S_PATH } from './gen_syscalls.ts';

/** Committed ELF directory, relative to the root. */
export const ELF_DIR = 'userland/bin/sparc';

/** One program: its source (relative to the root) and the ELF name under userland/bin/sparc/. */
export interface UserProgram { src: string; name: string }

/**
 * user_programs(): every program source and its ELF name, sorted by name. bin/x.c and sbin/x.c
 * give `x`; tests/<dir>/x.c gives `<dir>_x` (tests/diff/x.c → diff_x); a clash is an error.
 */
export function user_programs(root: string = REPO_ROOT): UserProgram[] {
  const progs: UserProgram[] = [];
  const list = (dir: string): string[] =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter((f) => f.endsWith('.c')).sort() : [];
  for (const dir of ['userland/bin', 'userland/sbin']) {
    for (const f of list(dir)) progs.push({ src: `${dir}/${f}`, name: basename(f, '.c') });
  }
  const walk = (dir: string, prefix: string[]): void => {
    if (!existsSync(join(root, dir))) return;
    for (const f of readdirSync(join(root, dir)).sort()) {
      const rel = `${dir}/${f}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel, [...prefix, f]);
      else if (f.endsWith('.c')) progs.push({ src: rel, name: [...prefix, basename(f, '.c')].join('_') || basename(f, '.c') });
    }
  };
  walk('userland/tests', []);
  const seen = new Map<string, string>();
  for (const p of progs) {
    const other = seen.get(p.name);
    if (other !== undefined) throw new BuildError(`${p.src} and ${other} would both build ${ELF_DIR}/${p.name}`, '');
    seen.set(p.name, p.src);
  }
  return progs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * program_cflags(): the extra compile flags a program source asks for in its first lines with
 * `forkvm-cflags: FLAGS` (only -g and -O0..-O3: debugger tests want locals in their frames). With
 * -g, the build directory is mapped to `.` so that the ELF does not depend on where it was built.
 */
export function program_cflags(root: string, src: string): string[] {
  const head = readFileSync(join(root, src), 'utf8').split('\n').slice(0, 8).join('\n');
  const m = /forkvm-cflags:([^*\n]*)/.exec(head);
  if (!m) return [];
  const flags = m[1].trim().split(/\s+/).filter((f) => f !== '');
  for (const f of flags) if (!/^(-g|-O[0-3])$/.test(f)) throw new BuildError(`${src}: forkvm-cflags: '${f}' is not -g or -O0..-O3`, '');
  return flags.includes('-g') ? [...flags, `-fdebug-prefix-map=${root}=.`] : flags;
}

/**
 * build_all(): builds libc into `libdir` and every program into `outdir` (both absolute).
 * Each ELF is linked to a temporary name and renamed, so a failed build leaves the old file.
 * Throws BuildError (with the compiler's diagnostics) or MissingCompilerError.
 */
export function build_all(root: string, libdir: string, outdir: string, log: (s: string) => void): UserProgram[] {
  build_libc(root, libdir);
  log(`libc: ${libdir}/libc.a`);
  const progs = user_programs(root);
  for (const p of progs) {
    const tmp = join(outdir, `.${p.name}.tmp`);
    const r = cc_link({ sources: [p.src], out: tmp, libdir, cwd: root, root, extra: program_cflags(root, p.src) });
    if (r.status !== 0) {
      rmSync(tmp, { force: true });
      throw new BuildError(`building ${p.src} failed`, r.stderr + r.stdout);
    }
    if (r.stderr) log(r.stderr.trimEnd());
    renameSync(tmp, join(outdir, p.name));
  }
  return progs;
}

/** Normal mode: write syscalls.S, build, then build a second time elsewhere to prove determinism. */
function build(root: string): number {
  const changed = write_syscalls_s(root);
  console.log(`${SYSCALLS_S_PATH}: ${changed ? 'regenerated' : 'up to date'}`);
  const outdir = join(root, ELF_DIR);
  const progs = build_all(root, join(root, LIBC_BUILD_DIR), outdir, (s) => console.log(s));
  for (const p of progs) console.log(`  ${ELF_DIR}/${p.name}  (${statSync(join(outdir, p.name)).size} bytes)`);
  const stale = readdirSync(outdir).filter((f) => !f.startsWith('.') && !progs.some((p) => p.name === f));
  for (const f of stale) console.log(`warning: ${ELF_DIR}/${f} has no source any more`);
  const diffs = compare_rebuild(root, outdir, progs);
  if (diffs.length > 0) {
    for (const d of diffs) console.error(`not reproducible: ${d}`);
    return 1;
  }
  console.log(`built ${progs.length} programs; a second build is byte-identical`);
  return 0;
}

/** Rebuilds libc and programs into a temp dir; returns the names whose bytes differ from `outdir`. */
function compare_rebuild(root: string, outdir: string, progs: UserProgram[]): string[] {
  const tmp = mkdtempSync(join(tmpdir(), 'forkvm-userland-'));
  try {
    build_all(root, join(tmp, 'lib'), tmp, () => {});
    const diffs: string[] = [];
    for (const p of progs) {
      const committed = join(outdir, p.name);
      if (!existsSync(committed)) diffs.push(`${ELF_DIR}/${p.name} is missing`);
      else if (!readFileSync(committed).equals(readFileSync(join(tmp, p.name)))) diffs.push(`${ELF_DIR}/${p.name} differs`);
    }
    return diffs;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** --check: syscalls.S and every ELF must equal what a rebuild produces now. */
function check(root: string): number {
  const problems: string[] = [];
  let text = '';
  try { text = readFileSync(join(root, SYSCALLS_S_PATH), 'utf8'); } catch { /* reported below */ }
  if (text !== generate_syscalls_s()) problems.push(`${SYSCALLS_S_PATH} is out of date (run npm run userland)`);
  const progs = user_programs(root);
  problems.push(...compare_rebuild(root, join(root, ELF_DIR), progs));
  for (const p of problems) console.error(`userland check: ${p}`);
  if (problems.length === 0) console.log(`userland check: ${progs.length} programs match their sources`);
  return problems.length === 0 ? 0 : 1;
}

/** main(): exit status 0 ok, 1 build/check failure, 2 missing compiler or bad usage. */
export function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  if (args.some((a) => a !== '--check')) {
    console.error('usage: build_userland.ts [--check]');
    return 2;
  }
  if (!have_cross_compiler()) {
    console.error(`build_userland: ${MISSING_COMPILER}`);
    return 2;
  }
  try {
    return args.includes('--check') ? check(REPO_ROOT) : build(REPO_ROOT);
  } catch (e) {
    if (e instanceof MissingCompilerError) {
      console.error(`build_userland: ${MISSING_COMPILER}`);
      return 2;
    }
    if (e instanceof BuildError) {
      if (e.output) process.stderr.write(e.output);
      console.error(`build_userland: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
