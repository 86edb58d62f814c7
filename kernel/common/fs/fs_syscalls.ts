/*
 * kernel/common/fs/fs_syscalls.ts — the system calls for files that are not in syscall/rw.ts:
 * pipe (uts/common/syscall/pipe.c), dup (dup.c) and fcntl (fcntl.c: F_DUPFD, F_DUP2FD, F_GETFD,
 * F_SETFD, F_GETFL, F_SETFL), bound into sysent by kernel/common/syscall/syscall_table.ts (by name:
 * each key is a sysent.ts row name), F_FREESP with l_len 0 (ftruncate), and the record locks
 * F_GETLK/F_SETLK/F_SETLKW (fcntl_lock.ts). Leaves out freeing a range in the middle of a file.
 * The path calls (chdir, mkdir, stat ...) are in path_syscalls.ts and link_syscalls.ts and join
 * SYSCALLS_FS here.
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import { EBADF, EFAULT, EINVAL, EMFILE } from '../sys/errno.ts';
import { fuword32 } from '../os/copy.ts';
import { RamFile } from './ramfs.ts';
import { curkernel, curproc } from '../os/kglobals.ts';
import { falloc, fhold, oflag_of_fflag, FREAD, FWRITE, FSETFL_MASK } from './file.ts';
import { getf, ufalloc, setf, closeandsetf, NOFILE, FD_CLOEXEC } from './fio.ts';
import { makepipe } from './pipe.ts';
import { SYSCALLS_PATH } from './path_syscalls.ts';
import { SYSCALLS_LINK } from './link_syscalls.ts';
import { fcntl_lock, F_GETLK, F_SETLK, F_SETLKW } from './fcntl_lock.ts';
import type { KGen } from '../sys/thread.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** fcntl commands (Solaris fcntl.h). */
export const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUP2FD = 9, F_FREESP = 11;


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
 * F_SETFL (O_APPEND, O_NDELAY, O_NONBLOCK, O_SYNC, O_DSYNC; the access mode stays), F_GETLK,
 * F_SETLK and F_SETLKW (record locks; F_SETLKW may sleep). EBADF for a closed fd, EINVAL for any
 * other command.
 */
export function fcntl(args: number[]): SysRet | KGen<SysRet> {
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
    case F_FREESP:
      return freesp(p, f, args[2] >>> 0);
    case F_GETLK: case F_SETLK: case F_SETLKW:
      return fcntl_lock(p, f, cmd, args[2] >>> 0);
    default:
      return fail(EINVAL);
  }
}

/**
 * F_FREESP — free the file's space from l_start on (struct flock at uva: l_whence at 2, l_start at
 * 4, l_len at 8, in the ISA's byte order): with l_len 0 the file is truncated
 * (or extended, sparsely) to that offset; this is ftruncate(). EBADF unless open for writing,
 * EFAULT for a bad pointer, EINVAL for a non-zero l_len, a bad whence, a negative offset or a file
 * that is not a writable regular file, EFBIG past MAXOFF32.
 */
function freesp(p: ReturnType<typeof curproc>, f: NonNullable<ReturnType<typeof getf>>, uva: number): SysRet {
  if (!(f.f_flag & FWRITE)) return fail(EBADF);
  const as = p.p_as;
  if (!as) return fail(EFAULT);
  const w0 = fuword32(as, uva), st = fuword32(as, uva + 4), ln = fuword32(as, uva + 8);
  if (w0.error || st.error || ln.error) return fail(EFAULT);
  const v = f.f_vnode;
  if (!(v instanceof RamFile) || !v.writable) return fail(EINVAL);
  if ((ln.value | 0) !== 0) return fail(EINVAL);
  // l_type and l_whence are the two halves of the first word, in the ISA's byte order.
  const whence = curkernel().md.elf.bigEndian ? (w0.value << 16) >> 16 : w0.value >> 16;
  const base = whence === 0 ? 0 : whence === 1 ? f.f_offset : whence === 2 ? v.size() : -1;
  if (base < 0) return fail(EINVAL);
  const n = base + (st.value | 0);
  if (n < 0) return fail(EINVAL);
  const e = v.truncate(n);
  return e ? fail(e) : ok(0);
}

/** Handlers by sysent name. */
export const SYSCALLS_FS: Record<string, SysHandler> = { pipe, dup, fcntl, ...SYSCALLS_PATH, ...SYSCALLS_LINK };
