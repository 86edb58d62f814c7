/*
 * scripts/gen_syscalls.ts — generates userland/libc/sparc/syscalls.S and userland/libc/i386/syscalls.S
 * from SYSENT_ROWS: one trap stub `_name` per system call (Solaris SPARC ABI: number in %g1,
 * `ta 8`, carry set → errno in %o0 → __cerror; i386: number in %eax, `int $0x91`, arguments left
 * on the stack where the caller put them, CF set → errno in %eax → __cerror) plus a weak `name`
 * alias. Mirrors the SYSCALL() macros of Solaris libc's sparc/inc/SYS.h and i386/inc/SYS.h.
 * Calls with hand-written wrappers (two return values, argument fix-ups, C wrappers) are left out or
 * get no alias; see HANDWRITTEN and NO_ALIAS.
 */

import { writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { SYSENT_ROWS, type SysentRow } from '../kernel/common/syscall/sysent.ts';

/** Calls with hand-written assembly in userland/libc/sparc/ (they use rval2): no stub at all. */
export const HANDWRITTEN: ReadonlySet<string> = new Set(['fork1', 'forkall', 'vfork', 'getpid', 'pipe']);

/**
 * Calls whose public name is a C wrapper in libc (exit runs atexit handlers, brk tracks the break,
 * mmap ORs in _MAP_NEW, sigpending passes its subcode, sigaction installs libc's __sigacthandler,
 * libc/port/sigaction.c, time stores through its tloc argument, getcwd returns NULL rather than -1,
 * timer_create/timer_delete do SIGEV_THREAD, libc/rt/sigev_thread.c): only the `_name` stub is generated, because a weak alias would satisfy
 * the reference and keep the linker from pulling in the wrapper.
 */
export const NO_ALIAS: ReadonlySet<string> = new Set(['exit', 'brk', 'mmap', 'sigpending', 'sigaction', 'time', 'getcwd', 'timer_create', 'timer_delete']);

/**
 * Cancellation points with a C wrapper in libc/threads/cancel_points.c (it brackets the `_name`
 * stub with __cancel_enter/__cancel_leave): no weak alias either.
 */
export const CANCEL_POINT: ReadonlySet<string> = new Set(['read', 'write', 'nanosleep', 'sigsuspend', 'sigtimedwait', 'fcntl']);

/**
 * Restartable calls (Solaris SYSCALL_RESTART, sparc/inc/SYS.h): the stub keeps its first argument
 * in the caller's %o0 save slot [%sp+68] and re-issues the trap while it fails with ERESTART (91),
 * which the kernel returns instead of EINTR when the interrupting signal's handler has SA_RESTART.
 */
export const RESTARTABLE: ReadonlySet<string> = new Set(['read', 'write', 'waitsys', 'fcntl']);

/** Repository-relative path of the generated SPARC file. */
export const SYSCALLS_S_PATH = 'userland/libc/sparc/syscalls.S';
/** The ISAs stubs are generated for. */
export type StubIsa = 'sparc' | 'x86';
/** Repository-relative path of an ISA's generated file. */
export function syscalls_s_path(isa: StubIsa = 'sparc'): string {
  return isa === 'sparc' ? SYSCALLS_S_PATH : 'userland/libc/i386/syscalls.S';
}

/**
 * One i386 stub. A restartable call re-issues the trap while it fails with ERESTART (91): its
 * arguments are still on the stack, untouched, so nothing needs saving.
 */
function stub_i386(row: SysentRow): string {
  const sym = `_${row.name}`;
  const lines = [
    `/* ${row.name}: syscall ${row.num}, ${row.narg} argument${row.narg === 1 ? '' : 's'} */`,
    `\t.section .text.${sym},"ax",@progbits`,
    `\t.globl ${sym}`,
    `\t.type ${sym},@function`,
  ];
  if (!NO_ALIAS.has(row.name) && !CANCEL_POINT.has(row.name)) {
    lines.push(`\t.weak ${row.name}`, `\t.type ${row.name},@function`, `\t.set ${row.name},${sym}`);
  }
  if (RESTARTABLE.has(row.name)) {
    lines.push(
      `${sym}:`,
      `1:\tmovl $${row.num}, %eax`,
      '\tint $0x91',
      '\tjae 2f',
      '\tcmpl $91, %eax',
      '\tje 1b',
      '\tjmp __cerror',
      '2:\tret',
      `\t.size ${sym},.-${sym}`,
    );
  } else {
    lines.push(
      `${sym}:`,
      `\tmovl $${row.num}, %eax`,
      '\tint $0x91',
      '\tjb __cerror',
      '\tret',
      `\t.size ${sym},.-${sym}`,
    );
  }
  if (!NO_ALIAS.has(row.name)) lines.push(`\t.size ${row.name},.-${sym}`);
  return lines.join('\n') + '\n';
}

/** One stub: its own section so that --gc-sections drops the stubs a program does not call. */
function stub(row: SysentRow): string {
  const sym = `_${row.name}`;
  const lines = [
    `/* ${row.name}: syscall ${row.num}, ${row.narg} argument${row.narg === 1 ? '' : 's'} */`,
    `\t.section ".text.${sym}","ax",@progbits`,
    '\t.align 4',
    `\t.global ${sym}`,
    `\t.type ${sym},#function`,
  ];
  if (!NO_ALIAS.has(row.name) && !CANCEL_POINT.has(row.name)) {
    lines.push(`\t.weak ${row.name}`, `\t.type ${row.name},#function`, `\t.set ${row.name},${sym}`);
  }
  if (RESTARTABLE.has(row.name)) {
    lines.push(
      `${sym}:`,
      '\tst %o0, [%sp + 68]',
      `1:\tmov ${row.num}, %g1`,
      '\tta 8',
      '\tbcc 2f',
      '\tcmp %o0, 91',
      '\tbe,a 1b',
      '\tld [%sp + 68], %o0',
      '\tba __cerror',
      '\tnop',
      '2:\tretl',
      '\tnop',
      `\t.size ${sym},.-${sym}`,
    );
  } else {
    lines.push(
      `${sym}:`,
      `\tmov ${row.num}, %g1`,
      '\tta 8',
      '\tbcs __cerror',
      '\tnop',
      '\tretl',
      '\tnop',
      `\t.size ${sym},.-${sym}`,
    );
  }
  if (!NO_ALIAS.has(row.name)) lines.push(`\t.size ${row.name},.-${sym}`);
  return lines.join('\n') + '\n';
}

/** The complete text of syscalls.S for the given rows (deterministic: rows in table order). */
export function generate_syscalls_s(rows: readonly SysentRow[] = SYSENT_ROWS, isa: StubIsa = 'sparc'): string {
  if (isa === 'x86') {
    const h = [
      '/*',
      ' * userland/libc/i386/syscalls.S — GENERATED by scripts/gen_syscalls.ts from',
      ' * kernel/common/syscall/sysent.ts; do not edit. One trap stub per system call: number in %eax,',
      ' * arguments already on the stack at 4(%esp) above the caller\'s return address, `int $0x91`; CF set',
      ' * means %eax is an errno and the stub jumps to __cerror, which sets errno and returns -1.',
      ' */',
      '',
    ].join('\n');
    return h + '\n' + rows.filter((r) => !HANDWRITTEN.has(r.name)).map(stub_i386).join('\n') + '\n\t.section .note.GNU-stack,"",@progbits\n';
  }
  const head = [
    '/*',
    ' * userland/libc/sparc/syscalls.S — GENERATED by scripts/gen_syscalls.ts from',
    ' * kernel/common/syscall/sysent.ts; do not edit. One trap stub per system call: number in %g1,',
    ' * arguments already in %o0..%o5 (the 7th and later at [%sp+92] of the caller), `ta 8`; carry set',
    ' * means %o0 is an errno and the stub tail-branches to __cerror, which sets errno and returns -1.',
    ' */',
    '',
  ].join('\n');
  const body = rows.filter((r) => !HANDWRITTEN.has(r.name)).map(stub).join('\n');
  return head + '\n' + body + '\n\t.section .note.GNU-stack,"",@progbits\n';
}

/** Repository root (this file lives in scripts/). */
export function repo_root(): string {
  return dirname(dirname(fileURLToPath(import.meta.url)));
}

/** Writes an ISA's syscalls.S under `root`; returns true when the file changed. */
export function write_syscalls_s(root: string = repo_root(), isa: StubIsa = 'sparc'): boolean {
  const path = join(root, syscalls_s_path(isa));
  const text = generate_syscalls_s(SYSENT_ROWS, isa);
  let old = '';
  try { old = readFileSync(path, 'utf8'); } catch { /* first generation */ }
  if (old === text) return false;
  writeFileSync(path, text);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const isa of ['sparc', 'x86'] as const) {
    const changed = write_syscalls_s(repo_root(), isa);
    console.log(`${syscalls_s_path(isa)}: ${changed ? 'written' : 'up to date'}`);
  }
}
