/*
 * boot/cc.ts — `forkvm cc`: compiles C programs into static SPARC V8 or i386 (i686) ELF executables
 * for forkvm, against the project's libc (userland/include, userland/libc with its
 * userland/libc/<isa>/ machine-dependent part) with Debian's cross gcc, never linking libgcc.
 * Also the one compile/link/archive recipe that scripts/build_userland.ts uses, so `npm run
 * userland` and `forkvm cc` produce identical binaries from identical sources.
 * Leaves out incremental libc rebuilds per object.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, rmSync, renameSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ISAs userland is built for (the name of userland/bin/<isa>/ and userland/libc/<isa>/). */
export type UserIsa = 'sparc' | 'x86';
export const USER_ISAS: readonly UserIsa[] = ['sparc', 'x86'];
/** The libc machine-dependent directory of each ISA (Solaris's libc/sparc, libc/i386). */
export const LIBC_MD_DIR: Readonly<Record<UserIsa, string>> = { sparc: 'sparc', x86: 'i386' };

/** One ISA's cross tools: compiler, archiver, their Debian packages, and the code generation flags. */
export interface Toolchain { cc: string; ar: string; packages: string; target: readonly string[]; missing: string }

/** Code generation shared by every ISA: static, no PIC/PIE, no stack protector, no unwind tables. */
const COMMON_FLAGS: readonly string[] = [
  '-O2', '-fno-pic', '-fno-pie', '-fno-stack-protector',
  '-fno-asynchronous-unwind-tables', '-fno-unwind-tables', '-ffunction-sections', '-fdata-sections',
];

/**
 * TOOLCHAINS — SPARC: 32-bit V8 (sparc64-linux-gnu-gcc -m32 -mcpu=v8). i386: i686-linux-gnu-gcc
 * -m32 -march=i686 without CET (-fcf-protection=none: no endbr32) and with the SysV i386 stack
 * alignment GCC assumes by default. Neither avoids floating point: a program that uses doubles
 * gets the FPU-disabled trap on SPARC and #NM on i386, both SIGILL (there is no FPU).
 */
export const TOOLCHAINS: Readonly<Record<UserIsa, Toolchain>> = {
  sparc: {
    cc: 'sparc64-linux-gnu-gcc', ar: 'sparc64-linux-gnu-ar',
    packages: 'gcc-sparc64-linux-gnu gcc-12-multilib-sparc64-linux-gnu',
    target: ['-m32', '-mcpu=v8', ...COMMON_FLAGS],
    missing: '',
  },
  x86: {
    cc: 'i686-linux-gnu-gcc', ar: 'i686-linux-gnu-ar',
    packages: 'gcc-i686-linux-gnu binutils-i686-linux-gnu',
    target: ['-m32', '-march=i686', '-fcf-protection=none', ...COMMON_FLAGS],
    missing: '',
  },
};
for (const isa of USER_ISAS) {
  const t = TOOLCHAINS[isa] as Toolchain;
  t.missing = `${t.cc} not found: install it with: apt-get install ${t.packages}`;
}

/** The SPARC cross compiler and archiver (kept for callers that predate --arch). */
export const CROSS_CC = TOOLCHAINS.sparc.cc;
export const CROSS_AR = TOOLCHAINS.sparc.ar;
/** The Debian packages that provide CROSS_CC with 32-bit (-m32) support. */
export const CROSS_PACKAGES = TOOLCHAINS.sparc.packages;
/** The one-line message printed when the SPARC compiler is missing. */
export const MISSING_COMPILER = TOOLCHAINS.sparc.missing;

/** Repository root (this file lives in boot/). */
export const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** Where the libc objects, crt0.o and libc.a of an ISA are built, relative to the root (not committed). */
export function libc_build_dir(isa: UserIsa = 'sparc'): string { return `userland/build/${isa}`; }
export const LIBC_BUILD_DIR = libc_build_dir('sparc');

/** Code generation of the SPARC build (TOOLCHAINS.sparc.target). */
export const TARGET_FLAGS: readonly string[] = TOOLCHAINS.sparc.target;

/** Link: static, our crt0 and libc only, unused sections dropped, no build-id (reproducible bytes). */
export const LINK_FLAGS: readonly string[] = [
  '-static', '-nostdlib', '-no-pie', '-Wl,--build-id=none', '-Wl,--gc-sections', '-Wl,-z,noexecstack',
];

/** Thrown when the cross compiler cannot be run at all. */
export class MissingCompilerError extends Error {
  constructor(msg: string = MISSING_COMPILER) { super(msg); }
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
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      const tc = USER_ISAS.map((i) => TOOLCHAINS[i]).find((t) => t.cc === cmd || t.ar === cmd);
      throw new MissingCompilerError(tc?.missing ?? `${cmd} not found`);
    }
    throw r.error;
  }
  return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** have_cross_compiler(): true when the ISA's cross compiler runs. */
export function have_cross_compiler(isa: UserIsa = 'sparc'): boolean {
  try { return run_tool(TOOLCHAINS[isa].cc, ['--version'], REPO_ROOT).status === 0; } catch { return false; }
}

const gccIncludeCache = new Map<UserIsa, string>();
/** gcc's own header directory (stdarg.h, stddef.h), found through -print-file-name. */
export function gcc_include_dir(isa: UserIsa = 'sparc'): string {
  let d = gccIncludeCache.get(isa);
  if (d === undefined) {
    d = run_tool(TOOLCHAINS[isa].cc, ['-m32', '-print-file-name=include'], REPO_ROOT).stdout.trim();
    gccIncludeCache.set(isa, d);
  }
  return d;
}

/**
 * Header search path: our headers first, then only gcc's freestanding ones (no host or Debian target
 * headers). Ours are system headers for these programs, so -isystem (warnings inside them are not
 * the user's, e.g. Solaris's `long` pid_t against gcc's built-in fork()).
 */
export function include_flags(root: string = REPO_ROOT, isa: UserIsa = 'sparc'): string[] {
  return ['-nostdinc', '-isystem', join(root, 'userland/include'), '-isystem', gcc_include_dir(isa)];
}

/**
 * Flags for libc's own sources: freestanding (no assumptions about the library being built) and no
 * loop-to-memcpy/memset rewriting, which would make memcpy call itself.
 */
export function libc_cflags(root: string = REPO_ROOT, isa: UserIsa = 'sparc'): string[] {
  return [...TOOLCHAINS[isa].target, '-ffreestanding', '-fno-builtin', '-fno-tree-loop-distribute-patterns',
    '-Wall', ...include_flags(root, isa)];
}

/** Flags for user programs: hosted C against our headers. */
export function user_cflags(root: string = REPO_ROOT, isa: UserIsa = 'sparc'): string[] {
  return [...TOOLCHAINS[isa].target, ...include_flags(root, isa)];
}

/** The crt0 source of an ISA, repository-relative. */
export function crt0_source(isa: UserIsa = 'sparc'): string { return `userland/libc/${LIBC_MD_DIR[isa]}/crt0.S`; }

/**
 * Every libc source (C and assembly) of an ISA except crt0.S, repository-relative, in a fixed
 * order: the machine-independent directories and the ISA's own machine-dependent one.
 */
export function libc_sources(root: string = REPO_ROOT, isa: UserIsa = 'sparc'): string[] {
  const out: string[] = [];
  const others = USER_ISAS.filter((i) => i !== isa).map((i) => `userland/libc/${LIBC_MD_DIR[i]}`);
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (others.includes(rel)) continue;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (/\.(c|S)$/.test(name) && rel !== crt0_source(isa)) out.push(rel);
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
  // (Inputs of every ISA count: a change to another ISA's directory only costs a rebuild.)
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
export function build_libc(root: string = REPO_ROOT, libdir: string = join(root, LIBC_BUILD_DIR), isa: UserIsa = 'sparc'): void {
  const objdir = join(libdir, 'obj');
  rmSync(objdir, { recursive: true, force: true });
  mkdirSync(objdir, { recursive: true });
  const flags = libc_cflags(root, isa);
  const tc = TOOLCHAINS[isa];
  const compile = (src: string, obj: string): void => {
    const r = run_tool(tc.cc, [...flags, '-c', '-o', obj, src], root);
    if (r.status !== 0) throw new BuildError(`compiling ${src} failed`, r.stderr + r.stdout);
  };
  const { crt0, archive } = libc_paths(libdir);
  const objs: string[] = [];
  for (const src of libc_sources(root, isa)) {
    const name = src.slice('userland/libc/'.length).replace(/\.(c|S)$/, '.o').split('/').join('_');
    const obj = join(objdir, name);
    compile(src, obj);
    objs.push(obj);
  }
  compile(crt0_source(isa), join(objdir, 'crt0.o'));
  const tmpArchive = join(libdir, 'libc.a.tmp');
  rmSync(tmpArchive, { force: true });
  const ar = run_tool(tc.ar, ['rcsD', tmpArchive, ...objs], root);
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
  /** Extra link flags (-Wl,...), after LINK_FLAGS. */
  ldflags?: readonly string[];
  root?: string;
  /** The ISA (default sparc). */
  isa?: UserIsa;
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
  const isa = spec.isa ?? 'sparc';
  const args = [
    ...user_cflags(root, isa), ...(spec.extra ?? []), ...LINK_FLAGS, ...(spec.ldflags ?? []),
    '-o', spec.out, crt0, ...spec.sources, archive,
  ];
  return run_tool(TOOLCHAINS[isa].cc, args, spec.cwd);
}

const USAGE = 'usage: forkvm cc [--arch sparc|x86] [-c] [-o OUT] [-Dname[=value]] [-Idir] [-Ldir] [-lname] [-Wl,...] [gcc options] FILE.c|.S|.s|.o|.a...';

/**
 * Libraries a Makefile names that this libc already is (Solaris folds threads, rt/posix4 and the
 * rest into libc; libm's few functions are in libc here): -l of these links nothing more, unless
 * a -L directory holds a libNAME.a of the user's own.
 */
export const FOLDED_LIBS: ReadonlySet<string> = new Set(['c', 'pthread', 'rt', 'posix4', 'm', 'thread', 'dl', 'aio', 'nsl', 'socket', 'gen']);

/**
 * gcc options passed through to every compile: warnings, -f and optimisation, debug, language and
 * preprocessor options. The ones that take the next word as their value are listed in CC_ARG_OPTS.
 */
const CC_PASS = /^(-W(?!l,|a,|p,).*|-w|-f[a-z].*|-O[0-3sgz]?|-Ofast|-g.*|-std=.*|-ansi|-pedantic(-errors)?|-[DUI].+|-M[MDGP]?|-MMD|-MF.+|-MT.+|-MQ.+|-x.+|-C|-P|-H|-v|-pipe|-save-temps|-Wp,.*|-Wa,.*|-include.+|-isystem.+|-iquote.+|-idirafter.+|-pthreads?|-m32|-mcpu=v8|-march=i686|-static)$/;
/** The -m options each ISA's build already has (accepted and dropped). */
const ISA_MFLAGS: Readonly<Record<UserIsa, readonly string[]>> = { sparc: ['-m32', '-mcpu=v8'], x86: ['-m32', '-march=i686'] };
/** Options whose value is the next word (`-I dir`, `-include file`...). */
const CC_ARG_OPTS: ReadonlySet<string> = new Set(['-D', '-U', '-I', '-include', '-isystem', '-iquote', '-idirafter', '-MF', '-MT', '-MQ', '-x']);

/** What forkvm_cc's command line asks for. */
export interface CcArgs {
  /** -c: compile (or assemble) each source to an object, no link. -E: preprocess only. -S: assembly only. */
  mode: 'link' | 'c' | 'E' | 'S';
  out?: string;
  /** Sources (.c .S .s) and link inputs (.o .a, resolved -l archives), in command-line order. */
  inputs: string[];
  /** Flags for the compiler, in order. */
  cflags: string[];
  /** Flags for the link only (-Wl,..., -L dirs are resolved here, not passed). */
  ldflags: string[];
  /** --arch (default sparc; i386 is another name for x86). */
  isa: UserIsa;
}

/** parse_cc_args — the command line of `forkvm cc` (argv without "cc"), or a one-line reason. */
export function parse_cc_args(argv: readonly string[], exists: (p: string) => boolean = existsSync): CcArgs | string {
  const a: CcArgs = { mode: 'link', inputs: [], cflags: [], ldflags: [], isa: 'sparc' };
  const libs: { name: string; at: number }[] = [];
  const ldirs: string[] = [];
  const mflags: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--arch' || x.startsWith('--arch=')) {
      const v = x === '--arch' ? argv[++i] : x.slice('--arch='.length);
      if (v === undefined) return `--arch needs a value; ${USAGE}`;
      if (v !== 'sparc' && v !== 'x86' && v !== 'i386') return `unsupported architecture '${v}' (sparc or x86)`;
      a.isa = v === 'sparc' ? 'sparc' : 'x86';
    } else if (x === '-o' || (x.startsWith('-o') && x.length > 2)) {
      const v = x === '-o' ? argv[++i] : x.slice(2);
      if (v === undefined) return `-o needs a file name; ${USAGE}`;
      if (a.out !== undefined) return `more than one -o; ${USAGE}`;
      a.out = v;
    } else if (x === '-c' || x === '-E' || x === '-S') {
      a.mode = x.slice(1) as CcArgs['mode'];
    } else if (x === '-l' || (x.startsWith('-l') && x.length > 2)) {
      const v = x === '-l' ? argv[++i] : x.slice(2);
      if (v === undefined) return `-l needs a library name; ${USAGE}`;
      libs.push({ name: v, at: a.inputs.length });
      a.inputs.push(`-l${v}`);
    } else if (x === '-L' || (x.startsWith('-L') && x.length > 2)) {
      const v = x === '-L' ? argv[++i] : x.slice(2);
      if (v === undefined) return `-L needs a directory; ${USAGE}`;
      ldirs.push(v);
    } else if (x.startsWith('-Wl,')) {
      a.ldflags.push(x);
    } else if (x === '-Xlinker') {
      const v = argv[++i];
      if (v === undefined) return `-Xlinker needs a value; ${USAGE}`;
      a.ldflags.push('-Xlinker', v);
    } else if (CC_ARG_OPTS.has(x)) {
      const v = argv[++i];
      if (v === undefined) return `${x} needs a value; ${USAGE}`;
      a.cflags.push(x, v);
    } else if (x === '-h' || x === '--help') {
      return 'help';
    } else if (x === '-shared' || x === '-fpic' || x === '-fPIC' || x === '-pie' || x === '-fpie' || x === '-fPIE' || x === '-dynamic') {
      return `'${x}': forkvm programs are static and position-dependent`;
    } else if (x.startsWith('-m') && x !== '-m32' && x !== '-mcpu=v8' && x !== '-march=i686') {
      return `'${x}': forkvm builds for SPARC V8 (-m32 -mcpu=v8) and i686 (-m32 -march=i686) only`;
    } else if (CC_PASS.test(x)) {
      if (x === '-pthread' || x === '-pthreads') a.cflags.push('-D_REENTRANT');
      else if (x.startsWith('-m')) mflags.push(x);
      else if (x !== '-static') a.cflags.push(x);
    } else if (x.startsWith('-')) {
      return `unknown option '${x}'; ${USAGE}`;
    } else if (/\.(c|S|s|o|a)$/.test(x)) {
      if (!exists(x)) return `${x}: no such file`;
      a.inputs.push(x);
    } else {
      return `'${x}' is not a .c, .S, .s, .o or .a file; ${USAGE}`;
    }
  }
  const wrong = mflags.find((m) => !ISA_MFLAGS[a.isa].includes(m));
  if (wrong) return `'${wrong}' is not an option of the ${a.isa} build (${ISA_MFLAGS[a.isa].join(' ')})`;
  if (a.inputs.filter((f) => !f.startsWith('-l')).length === 0) return `no input files; ${USAGE}`;
  // -lNAME: the user's libNAME.a from a -L directory, else nothing for a library libc already is.
  for (const { name, at } of libs) {
    const found = ldirs.map((d) => join(d, `lib${name}.a`)).find((p) => exists(p));
    if (found) a.inputs[at] = found;
    else if (FOLDED_LIBS.has(name)) a.inputs[at] = '';
    else return `cannot find -l${name} (no lib${name}.a in ${ldirs.length ? ldirs.join(', ') : 'any -L directory'})`;
  }
  a.inputs = a.inputs.filter((f) => f !== '');
  if (a.mode !== 'link' && a.out !== undefined && a.inputs.filter((f) => /\.(c|S|s)$/.test(f)).length > 1) {
    return `-o with -${a.mode} and more than one source; ${USAGE}`;
  }
  return a;
}

/**
 * forkvm_cc(): the `forkvm cc` command, a gcc driver for forkvm programs. argv excludes "cc".
 * Links (default a.out) or, with -c/-S/-E, compiles only, as gcc does. Returns the exit status: 0 on
 * success, the compiler's status when compiling fails (its diagnostics go to stderr), 2 for bad
 * usage or a missing compiler (one line on stderr). Builds libc into userland/build/<isa> first
 * when it is missing or older than its sources.
 */
export async function forkvm_cc(argv: string[]): Promise<number> {
  const fail = (msg: string): number => {
    process.stderr.write(`forkvm cc: ${msg}\n`);
    return 2;
  };
  const a = parse_cc_args(argv);
  if (a === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof a === 'string') return fail(a);
  const tc = TOOLCHAINS[a.isa];
  if (!have_cross_compiler(a.isa)) return fail(tc.missing);
  const libdir = join(REPO_ROOT, libc_build_dir(a.isa));
  try {
    if (a.mode !== 'link') {
      // Compile only: gcc names the outputs (x.o in the current directory) unless -o says.
      const r = run_tool(tc.cc, [...user_cflags(REPO_ROOT, a.isa), ...a.cflags, `-${a.mode}`,
        ...(a.out !== undefined ? ['-o', a.out] : []), ...a.inputs.filter((f) => /\.(c|S|s)$/.test(f))], process.cwd());
      process.stderr.write(r.stderr);
      if (a.mode === 'E' && a.out === undefined) process.stdout.write(r.stdout);
      return r.status;
    }
    if (!libc_is_current(REPO_ROOT, libdir)) build_libc(REPO_ROOT, libdir, a.isa);
    const r = cc_link({ sources: a.inputs, out: a.out ?? 'a.out', libdir, cwd: process.cwd(), extra: a.cflags, ldflags: a.ldflags, isa: a.isa });
    process.stderr.write(r.stderr);
    return r.status;
  } catch (e) {
    if (e instanceof MissingCompilerError) return fail(e.message);
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
