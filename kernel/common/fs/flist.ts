/*
 * kernel/common/fs/flist.ts — whole-table operations on a process's descriptors (from
 * uts/common/os/fio.c): flist_fork for getproc (the child shares every open file, f_count + 1, so
 * offsets are shared), flist_free/closeall for exit and fork_fail, close_exec for exec.
 * None of them blocks (closef never sleeps). Leaves out flist_grow (the table is a JS array).
 */

import type { Proc } from '../sys/proc.ts';
import { fhold } from './file.ts';
import { closeandsetf, FD_CLOEXEC } from './fio.ts';

/**
 * flist_fork — give child cp a copy of pp's descriptor table: the same open files, each with one
 * more reference (fcnt_add), and the same close-on-exec flags. cp's old table is discarded
 * (it must hold no files).
 */
export function flist_fork(pp: Proc, cp: Proc): void {
  cp.p_fds = [];
  cp.p_fdflags = [];
  for (let fd = 0; fd < pp.p_fds.length; fd++) {
    const f = pp.p_fds[fd];
    if (f) fhold(f);
    cp.p_fds[fd] = f ?? null;
    cp.p_fdflags[fd] = f ? (pp.p_fdflags[fd] ?? 0) & FD_CLOEXEC : 0;
  }
}

/** flist_free — close every descriptor of p and empty its table (exit, fork_fail). */
export function flist_free(p: Proc): void {
  for (let fd = 0; fd < p.p_fds.length; fd++) if (p.p_fds[fd]) closeandsetf(p, fd, null);
  p.p_fds = [];
  p.p_fdflags = [];
}

/** closeall — exit's name for flist_free. */
export const closeall = flist_free;

/** close_exec — close the descriptors of p marked FD_CLOEXEC (exec, past its point of no return). */
export function close_exec(p: Proc): void {
  for (let fd = 0; fd < p.p_fds.length; fd++) {
    if (p.p_fds[fd] && ((p.p_fdflags[fd] ?? 0) & FD_CLOEXEC)) closeandsetf(p, fd, null);
  }
}

/** fd_count — descriptors open in p (tests, debuggers). */
export function fd_count(p: Proc): number {
  let n = 0;
  for (const f of p.p_fds) if (f) n++;
  return n;
}
