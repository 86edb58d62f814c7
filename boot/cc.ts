/*
 * boot/cc.ts — `forkvm cc`: compiles C programs into static SPARC V8 ELF executables for forkvm,
 * against the project's libc (userland/include, userland/libc) with Debian's cross gcc, never
 * linking libgcc. Also the one compile/link/archive recipe that scripts/build_userland.ts uses, so
 * `npm run userland` and `forkvm cc` produce identical binaries from identical sources.
 * Leaves out other ISAs (i386 comes later) and incremental libc rebuilds per object.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, rmSync, renameSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cross compiler and archiver (Debian: gcc-sparc64-linux-gnu, gcc-12-multilib-sparc64-linux-gnu). */
export const CROSS_CC = 'sparc64-linux-gnu-gcc';
export const CROSS_AR = 'sparc64-linux-gnu-ar';
/** The Debian packages that provide CROSS_CC with 32-bit (-m32) support. */
export const CROSS_PACKAGES = 'gcc-sparc64-linux-gnu gcc-12-multilib-sparc64-linux-gnu';
/** The one-line message printed when the compiler is missing. */
export const MISSING_COMPILER = `${CROSS_CC} not found: install the Debian packages ${CROSS_PACKAGES}`;

/** Repository root (this file lives in boot/). */
export const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** Where the libc objects, crt0.o and libc.a are built, relative to the root (not committed). */
export const LIBC_BUILD_DIR = 'userland/build/sparc';

/** Code generation shared by libc and programs: 32-bit V8, static, no PIC/PIE, no stack protector. */
export const TARGET_FLAGS: readonly string[] = [
  '-m32', '-mcpu=v8', '-O2', '-fno-pic', '-fno-pie', '-fno-stack-protector',
  '-fno-asynchronous-unwind-tables', '-fno-unwind-tables', '-ffunction-sections', '-fdata-sections',
];

/** Link: static, our crt0 and libc only, unused sections dropped, no build-id (reproducible bytes). */
export const LINK_FLAGS: readonly string[] = [
  '-static', '-nostdlib', '-no-pie', '-Wl,--build-id=none', '-Wl,--gc-sections', '-Wl,-z,noexecstack',
];

/** Thrown when the cross compiler cannot be run at all. */
export class MissingCompilerError extends Error {
  constructor() { super(MISSING_COMPILER); }
}

/** Result of one tool run: exit status and captured output. */
export interface ToolResult { status: number; stdout: string; stderr: string }

/**
 * run_tool(): runs a cross tool synchronously in `cwd`. Throws MissingCompilerError when the binary
 * does not exist; otherwise returns its status and output (never throws on a failing compile).
 */
export function run_tool(cmd: string, args: readonly string[], cwd: string): ToolResult {
  const r = spawnSync(cmd, args as string[], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingCompilerError();
    throw r.error;
  }
  return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** have_cross_compiler(): true when CROSS_CC runs. */
export function have_cross_compiler(): boolean {
  try { return run_tool(CROSS_CC, ['--version'], REPO_ROOT).status === 0; } catch { return false; }
}

let gccIncludeCache: string | undefined;
/** gcc's own header directory (stdarg.h, stddef.h), found through -print-file-name. */
export function gcc_include_dir(): string {
  if (gccIncludeCache === undefined) {
    const r = run_tool(CROSS_CC, ['-m32', '-print-file-name=include'], REPO_ROOT);
    gccIncludeCache = r.stdout.trim();
  }
  return gccIncludeCache;
}

/**
 * Header search path: our headers first, then only gcc's freestanding ones (no host or Debian target
 * headers). Ours are system headers for these programs, so -isystem (warnings inside them are not
 * the user's, e.g. Solaris's `long` pid_t against gcc's built-in fork()).
 */
export function include_flags(root: string = REPO_ROOT): string[] {
  return ['-nostdinc', '-isystem', join(root, 'userland/include'), '-isystem', gcc_include_dir()];
}

/**
 * Flags for libc's own sources: freestanding (no assumptions about the library being built) and no
 * loop-to-memcpy/memset rewriting, which would make memcpy call itself.
 */
export function libc_cflags(root: string = REPO_ROOT): string[] {
  return [...TARGET_FLAGS, '-ffreestanding', '-fno-builtin', '-fno-tree-loop-distribute-patterns',
    '-Wall', ...include_flags(root)];
}

/** Flags for user programs: hosted C against our headers. */
export function user_cflags(root: string = REPO_ROOT): string[] {
  return [...TARGET_FLAGS, ...include_flags(root)];
}

/** Every libc source (C and assembly) except crt0.S, repository-relative, in a fixed order. */
export function libc_sources(root: string = REPO_ROOT): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (/\.(c|S)$/.test(name) && rel !== 'userland/libc/sparc/crt0.S') out.push(rel);
    }
  };
  walk('userland/libc');
  return out;
}

/** Files whose change makes a built libc stale: sources, crt0, headers. */
function libc_inputs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (/\.(c|S|h)$/.test(name)) out.push(rel);
    }
  };
  walk('userland/libc');
  walk('userland/include');
  return out;
}

/** Paths of a built libc in `libdir`. */
export function libc_paths(libdir: string): { crt0: string; archive: string } {
  return { crt0: join(libdir, 'crt0.o'), archive: join(libdir, 'libc.a') };
}

/** libc_is_current(): libc.a and crt0.o exist and are newer than every libc source and header. */
export function libc_is_current(root: string = REPO_ROOT, libdir: string = join(root, LIBC_BUILD_DIR)): boolean {
  const { crt0, archive } = libc_paths(libdir);
  if (!existsSync(crt0) || !existsSync(archive)) return false;
  const built = Math.min(statSync(crt0).mtimeMs, statSync(archive).mtimeMs);
  return libc_inputs(root).every((f) => statSync(join(root, f)).mtimeMs <= built);
}

/** Error from a failed build step; `output` holds the tool's diagnostics. */
export class BuildError extends Error {
  constructor(message: string, readonly output: string) { super(message); }
}

/**
 * build_libc(): compiles crt0.S and every libc source into `libdir` (created if needed) and archives
 * them into libc.a with deterministic member order and headers (ar D). Runs from `root` with relative
 * source paths so nothing machine-specific reaches the objects. Throws BuildError or
 * MissingCompilerError; on failure the previous libc.a is left alone.
 */
export function build_libc(root: string = REPO_ROOT, libdir: string = join(root, LIBC_BUILD_DIR)): void {
  const objdir = join(libdir, 'obj');
  rmSync(objdir, { recursive: true, force: true });
  mkdirSync(objdir, { recursive: true });
  const flags = libc_cflags(root);
  const compile = (src: string, obj: string): void => {
    const r = run_tool(CROSS_CC, [...flags, '-c', '-o', obj, src], root);
    if (r.status !== 0) throw new BuildError(`compiling ${src} failed`, r.stderr + r.stdout);
  };
  const { crt0, archive } = libc_paths(libdir);
  const objs: string[] = [];
  for (const src of libc_sources(root)) {
    const name = src.slice('userland/libc/'.length).replace(/\.(c|S)$/, '.o').split('/').join('_');
    const obj = join(objdir, name);
    compile(src, obj);
    objs.push(obj);
  }
  compile('userland/libc/sparc/crt0.S', join(objdir, 'crt0.o'));
  const tmpArchive = join(libdir, 'libc.a.tmp');
  rmSync(tmpArchive, { force: true });
  const ar = run_tool(CROSS_AR, ['rcsD', tmpArchive, ...objs], root);
  if (ar.status !== 0) throw new BuildError('creating libc.a failed', ar.stderr + ar.stdout);
  renameSync(tmpArchive, archive);
  renameSync(join(objdir, 'crt0.o'), crt0);
}

/** What to compile and link into one program. */
export interface ProgramSpec {
  /** Source files (.c, .S, .s) or objects, as paths relative to `cwd` (or absolute). */
  sources: readonly string[];
  /** Output ELF path. */
  out: string;
  /** Directory holding crt0.o and libc.a. */
  libdir: string;
  /** Working directory for the compiler (source paths are passed as given). */
  cwd: string;
  /** Extra compiler flags (-D, -I, -O ...), placed after the defaults so they win. */
  extra?: readonly string[];
  root?: string;
}

/**
 * cc_link(): compiles and links one static program: crt0.o first, the user sources, then libc.a,
 * never libgcc. Returns the compiler's status and diagnostics (status 0 = `out` written).
 * Throws MissingCompilerError when the compiler is absent.
 */
export function cc_link(spec: ProgramSpec): ToolResult {
  const root = spec.root ?? REPO_ROOT;
  const { crt0, archive } = libc_paths(spec.libdir);
  mkdirSync(dirname(resolve(spec.cwd, spec.out)), { recursive: true });
  const args = [
    ...user_cflags(root), ...(spec.extra ?? []), ...LINK_FLAGS,
    '-o', spec.out, crt0, ...spec.sources, archive,
  ];
  return run_tool(CROSS_CC, args, spec.cwd);
}

const USAGE = 'usage: forkvm cc [--arch sparc] [-Dname[=value]] [-Idir] [-Olevel] -o OUT FILE.c...';

/**
 * forkvm_cc(): the `forkvm cc` command. argv excludes "cc". Returns the exit status: 0 on success,
 * the compiler's status when compiling fails (its diagnostics go to stderr), 2 for bad usage or a
 * missing compiler (one line on stderr). Builds libc into userland/build/sparc first when it is
 * missing or older than its sources.
 */
export async function forkvm_cc(argv: string[]): Promise<number> {
  const fail = (msg: string): number => {
    process.stderr.write(`forkvm cc: ${msg}\n`);
    return 2;
  };
  let out: string | undefined;
  const sources: string[] = [];
  const extra: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--arch' || a.startsWith('--arch=')) {
      const v = a === '--arch' ? argv[++i] : a.slice('--arch='.length);
      if (v === undefined) return fail(`--arch needs a value; ${USAGE}`);
      if (v !== 'sparc') return fail(`unsupported architecture '${v}' (only sparc is available)`);
    } else if (a === '-o') {
      const v = argv[++i];
      if (v === undefined) return fail(`-o needs a file name; ${USAGE}`);
      if (out !== undefined) return fail(`more than one -o; ${USAGE}`);
      out = v;
    } else if (/^-[DUI]./.test(a) || /^-O[0-3sg]?$/.test(a) || a === '-g' || /^-W[a-z]/.test(a) || /^-std=/.test(a)) {
      extra.push(a);
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('-')) {
      return fail(`unknown option '${a}'; ${USAGE}`);
    } else if (/\.(c|S|s|o)$/.test(a)) {
      sources.push(a);
    } else {
      return fail(`'${a}' is not a .c, .S, .s or .o file; ${USAGE}`);
    }
  }
  if (out === undefined) return fail(`no output file (-o OUT); ${USAGE}`);
  if (sources.length === 0) return fail(`no input files; ${USAGE}`);
  for (const s of sources) if (!existsSync(s)) return fail(`${s}: no such file`);
  if (!have_cross_compiler()) return fail(MISSING_COMPILER);
  const libdir = join(REPO_ROOT, LIBC_BUILD_DIR);
  try {
    if (!libc_is_current(REPO_ROOT, libdir)) build_libc(REPO_ROOT, libdir);
    const r = cc_link({ sources, out, libdir, cwd: process.cwd(), extra });
    process.stderr.write(r.stderr);
    return r.status;
  } catch (e) {
    if (e instanceof MissingCompilerError) return fail(MISSING_COMPILER);
    if (e instanceof BuildError) {
      process.stderr.write(e.output);
      return fail(`building libc: ${e.message}`);
    }
    throw e;
  }
}

/** Repository-relative form of a path (for messages). */
export function rel_to_root(p: string): string {
  const r = relative(REPO_ROOT, resolve(p));
  return r.startsWith('..') ? p : r.split(sep).join('/');
}
