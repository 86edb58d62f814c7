/*
 * kernel/common/fs/fs_syscalls.ts — the system calls for files that are not in syscall/rw.ts:
 * pipe (uts/common/syscall/pipe.c), dup (dup.c) and fcntl (fcntl.c: F_DUPFD, F_DUP2FD, F_GETFD,
 * F_SETFD, F_GETFL, F_SETFL), bound into sysent by kernel/common/syscall/syscall_table.ts (by name:
 * each key is a sysent.ts row name). Leaves out record locks (F_GETLK/F_SETLK) and F_FREESP.
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import { EBADF, EINVAL, EMFILE } from '../sys/errno.ts';
import { curproc } from '../os/kglobals.ts';
import { falloc, fhold, oflag_of_fflag, FREAD, FWRITE, FSETFL_MASK } from './file.ts';
import { getf, ufalloc, setf, closeandsetf, NOFILE, FD_CLOEXEC } from './fio.ts';
import { makepipe } from './pipe.ts';

/** fcntl commands (Solaris fcntl.h). */
export const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUP2FD = 9;

function ok(v: number, v2 = 0): SysRet { return { error: 0, rval1: v | 0, rval2: v2 | 0 }; }
function fail(e: number): SysRet { return { error: e, rval1: 0, rval2: 0 }; }

/**
 * pipe() — a full-duplex pipe (both ends open for reading and writing, as in Solaris): rval1 = the
 * first descriptor, rval2 = the second, both the lowest free ones, flags clear. EMFILE (and
 * nothing allocated) when two descriptors are not free.
 */
export function pipe(_args: number[]): SysRet {
  const p = curproc();
  const fd0 = ufalloc(p);
  const fd1 = fd0 < 0 ? -1 : ufalloc(p, fd0 + 1);
  if (fd1 < 0) return fail(EMFILE);
  const [a, b] = makepipe();
  setf(p, fd0, falloc(a, FREAD | FWRITE), 0);
  setf(p, fd1, falloc(b, FREAD | FWRITE), 0);
  return ok(fd0, fd1);
}

/** Put another reference to fd's file at the lowest free descriptor ≥ start (FD_CLOEXEC clear). */
function dupfd(fd: number, start: number): SysRet {
  const p = curproc();
  const f = getf(fd, p);
  if (!f) return fail(EBADF);
  const nfd = ufalloc(p, start);
  if (nfd < 0) return fail(EMFILE);
  fhold(f);
  setf(p, nfd, f, 0);
  return ok(nfd);
}

/** dup(fd) — EBADF, EMFILE. */
export function dup(args: number[]): SysRet {
  return dupfd(args[0] | 0, 0);
}

/**
 * fcntl(fd, cmd, arg) — F_DUPFD (lowest free ≥ arg; EINVAL unless 0 ≤ arg < NOFILE), F_DUP2FD
 * (close arg if open, then make it refer to fd's file; EBADF unless 0 ≤ arg < NOFILE; fd == arg
 * just returns it), F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL (access mode and status flags),
 * F_SETFL (O_APPEND, O_NDELAY, O_NONBLOCK, O_SYNC, O_DSYNC; the access mode stays). EBADF for a
 * closed fd, EINVAL for any other command.
 */
export function fcntl(args: number[]): SysRet {
  const fd = args[0] | 0, cmd = args[1] | 0, arg = args[2] | 0;
  const p = curproc();
  const f = getf(fd, p);
  if (!f) return fail(EBADF);
  switch (cmd) {
    case F_DUPFD:
      if (arg < 0 || arg >= NOFILE) return fail(EINVAL);
      return dupfd(fd, arg);
    case F_DUP2FD: {
      if (arg < 0 || arg >= NOFILE) return fail(EBADF);
      if (arg === fd) return ok(fd);
      fhold(f);
      closeandsetf(p, arg, f, 0);
      return ok(arg);
    }
    case F_GETFD:
      return ok((p.p_fdflags[fd] ?? 0) & FD_CLOEXEC);
    case F_SETFD:
      p.p_fdflags[fd] = arg & FD_CLOEXEC;
      return ok(0);
    case F_GETFL:
      return ok(oflag_of_fflag(f.f_flag));
    case F_SETFL:
      f.f_flag = (f.f_flag & ~FSETFL_MASK) | (arg & FSETFL_MASK);
      return ok(0);
    default:
      return fail(EINVAL);
  }
}

/** Handlers by sysent name. */
export const SYSCALLS_FS: Record<string, SysHandler> = { pipe, dup, fcntl };
