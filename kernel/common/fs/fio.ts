/*
 * kernel/common/fs/fio.ts — single descriptors of the per-process table (uf_entry_t of
 * uts/common/os/fio.c): getf, ufalloc, setf, closeandsetf, fd_close. The table is Proc.p_fds (open
 * files) beside Proc.p_fdflags (FD_CLOEXEC); flist.ts has the whole-table operations. Leaves out
 * fi_lock/uf_lock (these functions never give up the CPU, so nothing sees a table half-updated),
 * the in-use/busy handshake with close, and FD_CLOFORK.
 */

import type { Proc } from '../sys/proc.ts';
import { EBADF } from '../sys/errno.ts';
import { curproc } from '../os/kglobals.ts';
import { closef, type UFile } from './file.ts';
import { cleanlocks } from './flock.ts';

/** Descriptors per process (rlimit RLIMIT_NOFILE: Solaris's default rlim_fd_cur, 256). */
export const NOFILE = 256;
/** The close-on-exec descriptor flag (fcntl.h FD_CLOEXEC). */
export const FD_CLOEXEC = 1;

/** getf — the open file of descriptor fd in p (default: the caller's process), or null. */
export function getf(fd: number, p: Proc = curproc()): UFile | null {
  if (!Number.isInteger(fd) || fd < 0 || fd >= p.p_fds.length) return null;
  return p.p_fds[fd] ?? null;
}

/** ufalloc — the lowest free descriptor ≥ start in p, or -1 when none is below NOFILE (EMFILE). */
export function ufalloc(p: Proc, start = 0): number {
  for (let fd = Math.max(0, start); fd < NOFILE; fd++) if (!p.p_fds[fd]) return fd;
  return -1;
}

/** setf — install f at descriptor fd (which must be free) with descriptor flags `flags`. */
export function setf(p: Proc, fd: number, f: UFile, flags = 0): void {
  while (p.p_fds.length < fd) p.p_fds.push(null);
  p.p_fds[fd] = f;
  p.p_fdflags[fd] = flags;
}

/**
 * closeandsetf — close whatever fd refers to and put f there (f may be null: just close).
 * The caller's reference to f moves into the table. Closing a descriptor drops every record
 * lock p holds on that file (POSIX: any descriptor, not only the one the locks were set through).
 */
export function closeandsetf(p: Proc, fd: number, f: UFile | null, flags = 0): void {
  const old = p.p_fds[fd] ?? null;
  if (f) setf(p, fd, f, flags);
  else if (fd < p.p_fds.length) { p.p_fds[fd] = null; p.p_fdflags[fd] = 0; }
  if (old) {
    cleanlocks(old.f_vnode, p);
    closef(old);
  }
}

/** fd_close — close(2) on p's descriptor fd: 0, or EBADF when fd is not open. */
export function fd_close(p: Proc, fd: number): number {
  if (!getf(fd, p)) return EBADF;
  closeandsetf(p, fd, null);
  return 0;
}
