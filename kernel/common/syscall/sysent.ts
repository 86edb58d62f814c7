/*
 * kernel/common/syscall/sysent.ts — THE system call table (mirrors uts/common/os/sysent.c, 2006
 * numbering). One row per call: number, name, argument count, one or two return values, and the
 * handler. It feeds the ISA syscall dispatchers and scripts/gen_syscalls.ts (the libc stubs).
 */

/** Result of a syscall handler: errno (> 0) on failure, or the two return values. */
export interface SysResult { error: number; rval1: number; rval2: number }

/** Handler arguments are the raw 32-bit argument words (unsigned). */
export type SysHandler = (args: number[]) => SysResult | Generator<unknown, SysResult, unknown>;

export interface SysentRow {
  num: number;
  name: string;
  narg: number;
  /** 2 when the call returns (rval1, rval2) — SYSENT_2CI in Solaris. */
  nrval: 1 | 2;
}

/** The rows, in number order. Handlers are bound by kernel/common/syscall/syscall_table.ts. */
export const SYSENT_ROWS: readonly SysentRow[] = [
  { num: 1, name: 'exit', narg: 1, nrval: 1 },
  { num: 2, name: 'forkall', narg: 0, nrval: 2 },
  { num: 3, name: 'read', narg: 3, nrval: 1 },
  { num: 4, name: 'write', narg: 3, nrval: 1 },
  { num: 5, name: 'open', narg: 3, nrval: 1 },
  { num: 6, name: 'close', narg: 1, nrval: 1 },
  { num: 9, name: 'link', narg: 2, nrval: 1 },
  { num: 10, name: 'unlink', narg: 1, nrval: 1 },
  { num: 11, name: 'exec', narg: 2, nrval: 1 },
  { num: 12, name: 'chdir', narg: 1, nrval: 1 },
  { num: 13, name: 'time', narg: 0, nrval: 1 },
  { num: 15, name: 'chmod', narg: 2, nrval: 1 },
  { num: 17, name: 'brk', narg: 1, nrval: 1 },
  { num: 18, name: 'stat', narg: 2, nrval: 1 },
  { num: 19, name: 'lseek', narg: 3, nrval: 1 },
  { num: 20, name: 'getpid', narg: 0, nrval: 2 },
  { num: 24, name: 'getuid', narg: 0, nrval: 2 },
  { num: 27, name: 'alarm', narg: 1, nrval: 1 },
  { num: 28, name: 'fstat', narg: 2, nrval: 1 },
  { num: 33, name: 'access', narg: 2, nrval: 1 },
  { num: 37, name: 'kill', narg: 2, nrval: 1 },
  { num: 39, name: 'pgrpsys', narg: 3, nrval: 1 },
  { num: 41, name: 'dup', narg: 1, nrval: 1 },
  { num: 42, name: 'pipe', narg: 0, nrval: 2 },
  { num: 43, name: 'times', narg: 1, nrval: 1 },
  { num: 52, name: 'shmsys', narg: 4, nrval: 1 },
  { num: 53, name: 'semsys', narg: 5, nrval: 1 },
  { num: 59, name: 'execve', narg: 3, nrval: 1 },
  { num: 60, name: 'umask', narg: 1, nrval: 1 },
  { num: 62, name: 'fcntl', narg: 3, nrval: 1 },
  { num: 79, name: 'rmdir', narg: 1, nrval: 1 },
  { num: 80, name: 'mkdir', narg: 2, nrval: 1 },
  { num: 81, name: 'getdents', narg: 3, nrval: 1 },
  { num: 88, name: 'lstat', narg: 2, nrval: 1 },
  { num: 89, name: 'symlink', narg: 2, nrval: 1 },
  { num: 90, name: 'readlink', narg: 3, nrval: 1 },
  { num: 93, name: 'fchmod', narg: 2, nrval: 1 },
  { num: 95, name: 'sigprocmask', narg: 3, nrval: 1 },
  { num: 96, name: 'sigsuspend', narg: 1, nrval: 1 },
  { num: 97, name: 'sigaltstack', narg: 2, nrval: 1 },
  { num: 98, name: 'sigaction', narg: 3, nrval: 1 },
  { num: 99, name: 'sigpending', narg: 2, nrval: 1 },
  { num: 100, name: 'context', narg: 2, nrval: 1 },
  { num: 107, name: 'waitsys', narg: 4, nrval: 1 },
  { num: 112, name: 'priocntlsys', narg: 5, nrval: 1 },
  { num: 115, name: 'mmap', narg: 6, nrval: 1 },
  { num: 117, name: 'munmap', narg: 2, nrval: 1 },
  { num: 119, name: 'vfork', narg: 0, nrval: 2 },
  { num: 120, name: 'fchdir', narg: 1, nrval: 1 },
  { num: 128, name: 'setrlimit', narg: 2, nrval: 1 },
  { num: 129, name: 'getrlimit', narg: 2, nrval: 1 },
  { num: 131, name: 'memcntl', narg: 6, nrval: 1 },
  { num: 134, name: 'rename', narg: 2, nrval: 1 },
  { num: 137, name: 'sysconfig', narg: 1, nrval: 1 },
  { num: 143, name: 'fork1', narg: 0, nrval: 2 },
  { num: 144, name: 'sigtimedwait', narg: 3, nrval: 1 },
  { num: 146, name: 'yield', narg: 0, nrval: 1 },
  { num: 148, name: 'lwp_sema_post', narg: 1, nrval: 1 },
  { num: 149, name: 'lwp_sema_trywait', narg: 1, nrval: 1 },
  { num: 156, name: 'gettimeofday', narg: 1, nrval: 1 },
  { num: 157, name: 'getitimer', narg: 2, nrval: 1 },
  { num: 158, name: 'setitimer', narg: 3, nrval: 1 },
  { num: 159, name: 'lwp_create', narg: 3, nrval: 1 },
  { num: 160, name: 'lwp_exit', narg: 0, nrval: 1 },
  { num: 161, name: 'lwp_suspend', narg: 1, nrval: 1 },
  { num: 162, name: 'lwp_continue', narg: 1, nrval: 1 },
  { num: 163, name: 'lwp_kill', narg: 2, nrval: 1 },
  { num: 164, name: 'lwp_self', narg: 0, nrval: 1 },
  { num: 165, name: 'lwp_sigmask', narg: 3, nrval: 2 },
  { num: 166, name: 'lwp_private', narg: 3, nrval: 1 },
  { num: 167, name: 'lwp_wait', narg: 2, nrval: 1 },
  { num: 191, name: 'clock_gettime', narg: 2, nrval: 1 },
  { num: 192, name: 'clock_settime', narg: 2, nrval: 1 },
  { num: 193, name: 'clock_getres', narg: 2, nrval: 1 },
  { num: 194, name: 'timer_create', narg: 3, nrval: 1 },
  { num: 195, name: 'timer_delete', narg: 1, nrval: 1 },
  { num: 196, name: 'timer_settime', narg: 4, nrval: 1 },
  { num: 197, name: 'timer_gettime', narg: 2, nrval: 1 },
  { num: 198, name: 'timer_getoverrun', narg: 1, nrval: 1 },
  { num: 199, name: 'nanosleep', narg: 2, nrval: 1 },
  { num: 211, name: 'lwp_sema_timedwait', narg: 3, nrval: 1 },
  { num: 229, name: 'getcwd', narg: 2, nrval: 1 },
];

/** Look up a row by number. */
export function sysent_row(num: number): SysentRow | undefined {
  return SYSENT_ROWS.find((r) => r.num === num);
}
