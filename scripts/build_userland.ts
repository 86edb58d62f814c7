/*
 * scripts/build_userland.ts — `npm run userland`: regenerates the syscall stubs, and for each ISA
 * (sparc, x86) builds libc into userland/build/<isa>/ and every program (userland/bin/*.c,
 * userland/sbin/*.c, userland/tests/**\/*.c) into userland/bin/<isa>/<name> with the same recipe
 * as `forkvm cc --arch <isa>`. Programs that exist for SPARC only are listed in SPARC_ONLY with
 * the reason. `--check` rebuilds into a temporary directory and compares with the committed ELFs
 * (and the committed syscalls.S files) without writing anything.
 */

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  REPO_ROOT, BuildError, MissingCompilerError, TOOLCHAINS, USER_ISAS, type UserIsa,
  build_libc, cc_link, have_cross_compiler, libc_build_dir,
} from '../boot/cc.ts';
import { generate_syscalls_s, write_syscalls_s, syscalls_s_path } from './gen_syscalls.ts';
import { SYSENT_ROWS } from '../kernel/common/syscall/sysent.ts';

/** Committed ELF directory of an ISA, relative to the root. */
export function elf_dir(isa: UserIsa = 'sparc'): string { return `userland/bin/${isa}`; }
/** The SPARC one (callers that predate the i386 build). */
export const ELF_DIR = elf_dir('sparc');

/**
 * SPARC_ONLY — programs not built for i386, each with the reason: they test SPARC itself (its
 * instructions, register windows, the `ta 8` ABI in inline assembly) or are compared with
 * qemu-sparc's output.
 */
export const SPARC_ONLY: Readonly<Record<string, string>> = {
  'userland/tests/diff': 'SPARC instruction tests compared with qemu-sparc (diff.h uses SPARC assembly)',
  'userland/tests/fuzz/fuzz.c': 'issues raw `ta 8` traps with inline SPARC assembly',
  'userland/tests/sig/die_spill.c': 'register-window spill to a bad stack (SPARC only)',
  'userland/tests/sig/die_badstack.c': 'register-window fill from a misaligned stack (SPARC only)',
  'userland/tests/fork/basic.c': 'checks the fork1 trap\'s %o0/%o1/carry with inline SPARC assembly',
  'userland/tests/bench': 'the bench workloads are SPARC figures (npm run bench)',
  'userland/tests/mm/jit.c': 'writes SPARC instruction words at run time (the SPARC block compiler\'s invalidation test)',
};

/** One program: its source (relative to the root) and the ELF name under userland/bin/<isa>/. */
export interface UserProgram { src: string; name: string }

/** Whether `src` is built for `isa` (SPARC_ONLY lists files and directories). */
export function built_for(src: string, isa: UserIsa): boolean {
  if (isa === 'sparc') return true;
  return !Object.keys(SPARC_ONLY).some((k) => src === k || src.startsWith(k + '/'));
}

/**
 * user_programs(): every program source and its ELF name, sorted by name. bin/x.c and sbin/x.c
 * give `x`; tests/<dir>/x.c gives `<dir>_x` (tests/diff/x.c → diff_x); a clash is an error.
 */
export function user_programs(root: string = REPO_ROOT, isa: UserIsa = 'sparc'): UserProgram[] {
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
    if (other !== undefined) throw new BuildError(`${p.src} and ${other} would both build ${elf_dir(isa)}/${p.name}`, '');
    seen.set(p.name, p.src);
  }
  return progs.filter((p) => built_for(p.src, isa)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
export function build_all(root: string, libdir: string, outdir: string, log: (s: string) => void, isa: UserIsa = 'sparc'): UserProgram[] {
  build_libc(root, libdir, isa);
  log(`libc: ${libdir}/libc.a`);
  const progs = user_programs(root, isa);
  for (const p of progs) {
    const tmp = join(outdir, `.${p.name}.tmp`);
    const r = cc_link({ sources: [p.src], out: tmp, libdir, cwd: root, root, isa, extra: program_cflags(root, p.src) });
    if (r.status !== 0) {
      rmSync(tmp, { force: true });
      throw new BuildError(`building ${p.src} failed`, r.stderr + r.stdout);
    }
    if (r.stderr) log(r.stderr.trimEnd());
    renameSync(tmp, join(outdir, p.name));
  }
  return progs;
}

/** Normal mode: write the syscalls.S files, build each ISA, then build again elsewhere to prove determinism. */
function build(root: string, isas: readonly UserIsa[]): number {
  for (const isa of USER_ISAS) {
    const changed = write_syscalls_s(root, isa);
    console.log(`${syscalls_s_path(isa)}: ${changed ? 'regenerated' : 'up to date'}`);
  }
  let status = 0;
  for (const isa of isas) {
    const dir = elf_dir(isa);
    const outdir = join(root, dir);
    mkdirSync(outdir, { recursive: true });
    const progs = build_all(root, join(root, libc_build_dir(isa)), outdir, (s) => console.log(s), isa);
    for (const p of progs) console.log(`  ${dir}/${p.name}  (${statSync(join(outdir, p.name)).size} bytes)`);
    const stale = readdirSync(outdir).filter((f) => !f.startsWith('.') && !progs.some((p) => p.name === f));
    for (const f of stale) console.log(`warning: ${dir}/${f} has no source any more`);
    const diffs = compare_rebuild(root, outdir, progs, isa);
    if (diffs.length > 0) {
      for (const d of diffs) console.error(`not reproducible: ${d}`);
      status = 1;
    } else console.log(`${isa}: built ${progs.length} programs; a second build is byte-identical`);
  }
  return status;
}

/** Rebuilds libc and programs into a temp dir; returns the names whose bytes differ from `outdir`. */
function compare_rebuild(root: string, outdir: string, progs: UserProgram[], isa: UserIsa): string[] {
  const tmp = mkdtempSync(join(tmpdir(), 'forkvm-userland-'));
  try {
    build_all(root, join(tmp, 'lib'), tmp, () => {}, isa);
    const diffs: string[] = [];
    for (const p of progs) {
      const committed = join(outdir, p.name);
      if (!existsSync(committed)) diffs.push(`${elf_dir(isa)}/${p.name} is missing`);
      else if (!readFileSync(committed).equals(readFileSync(join(tmp, p.name)))) diffs.push(`${elf_dir(isa)}/${p.name} differs`);
    }
    return diffs;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** --check: the syscalls.S files and every ELF of each ISA must equal what a rebuild produces now. */
function check(root: string, isas: readonly UserIsa[]): number {
  const problems: string[] = [];
  for (const isa of USER_ISAS) {
    let text = '';
    try { text = readFileSync(join(root, syscalls_s_path(isa)), 'utf8'); } catch { /* reported below */ }
    if (text !== generate_syscalls_s(SYSENT_ROWS, isa)) problems.push(`${syscalls_s_path(isa)} is out of date (run npm run userland)`);
  }
  let n = 0;
  for (const isa of isas) {
    const progs = user_programs(root, isa);
    n += progs.length;
    problems.push(...compare_rebuild(root, join(root, elf_dir(isa)), progs, isa));
  }
  for (const p of problems) console.error(`userland check: ${p}`);
  if (problems.length === 0) console.log(`userland check: ${n} programs (${isas.join(', ')}) match their sources`);
  return problems.length === 0 ? 0 : 1;
}

/** main(): exit status 0 ok, 1 build/check failure, 2 missing compiler or bad usage. */
export function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  let isas: UserIsa[] = [...USER_ISAS];
  for (const a of args) {
    if (a === '--check') continue;
    if (a.startsWith('--arch=') && (USER_ISAS as readonly string[]).includes(a.slice(7))) { isas = [a.slice(7) as UserIsa]; continue; }
    console.error('usage: build_userland.ts [--check] [--arch=sparc|x86]');
    return 2;
  }
  for (const isa of isas) {
    if (!have_cross_compiler(isa)) {
      console.error(`build_userland: ${TOOLCHAINS[isa].missing}`);
      return 2;
    }
  }
  try {
    return args.includes('--check') ? check(REPO_ROOT, isas) : build(REPO_ROOT, isas);
  } catch (e) {
    if (e instanceof MissingCompilerError) {
      console.error(`build_userland: ${e.message}`);
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
