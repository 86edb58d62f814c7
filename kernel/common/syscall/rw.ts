/*
 * kernel/common/syscall/rw.ts — read, write, open, close and lseek (uts/common/syscall/rw.c,
 * open.c, close.c, lseek.c) over the calling process's descriptor table (fs/fio.ts). The work is
 * the vnode's (fs/vnode.ts): reads of pipes and the console may sleep, interruptibly. Leaves out
 * readv/writev, pread/pwrite, large-file offsets (EOVERFLOW past 2^31 - 1) and permissions beyond
 * read-only files (none by default: the boot archive is copy-on-write).
 */

import { EBADF, EFAULT, EINVAL, EISDIR, ESPIPE, EMFILE, EACCES, EOVERFLOW, EFBIG } from '../sys/errno.ts';
import { SIGXFSZ } from '../sys/signal.ts';
import { tsignal } from '../os/sig.ts';
import { RLIM32_INFINITY } from '../os/rctl.ts';
import { curkernel, curproc, curthread } from '../os/kglobals.ts';
import { copyin, copyout, copyinstr } from '../os/copy.ts';
import type { KGen } from '../sys/thread.ts';
import { falloc, fflag_of_oflag, FREAD, FWRITE, FAPPEND, O_CREAT, O_EXCL, O_TRUNC } from '../fs/file.ts';
import { getf, ufalloc, setf, fd_close, NOFILE } from '../fs/fio.ts';
import { VDIR, VREG, VFIFO } from '../fs/vnode.ts';
import { RamFile } from '../fs/ramfs.ts';
import type { SysRet } from './syscall_table.ts';
import { ok, fail } from './sysret.ts';

export { getf, NOFILE };

/** Largest single transfer (keeps host copies bounded); longer requests move this much. */
export const MAXIO = 1 << 20;
/** Longest path, NUL included (MAXPATHLEN). */
export const MAXPATHLEN = 1024;
/** Largest offset a 32-bit process can see (MAXOFF32_T). */
const MAXOFF32 = 0x7fffffff;


/**
 * read(fd, buf, count) — EBADF unless fd is open for reading, EINVAL for a negative count, EISDIR
 * on a directory, EFAULT for a bad buffer, EINTR when a signal ends a sleep before any byte came.
 * Regular files advance the shared offset.
 */
export function* read(args: number[]): KGen<SysRet> {
  const [fd, buf, count0] = args;
  const f = getf(fd | 0);
  if (!f || !(f.f_flag & FREAD)) return fail(EBADF);
  if ((count0 | 0) < 0) return fail(EINVAL);
  const v = f.f_vnode;
  if (v.v_type === VDIR) return fail(EISDIR);
  const count = Math.min(count0 >>> 0, MAXIO);
  if (count === 0) return ok(0);
  const as = curproc().p_as;
  if (!as) return fail(EFAULT);
  let uoff = 0;
  const out = (data: Uint8Array): number => {
    const e = copyout(as, (buf >>> 0) + uoff, data);
    if (!e) uoff += data.length;
    return e;
  };
  const off = f.f_offset;
  const r = yield* v.vop_read(off, count, f.f_flag, out);
  if (r.error) return fail(r.error);
  if (v.v_type !== VFIFO) f.f_offset = off + r.n;
  return ok(r.n);
}

/**
 * write(fd, buf, count) — EBADF unless fd is open for writing, EINVAL for a negative count, EFAULT
 * (before anything is written) for a bad buffer, EPIPE (and SIGPIPE) on a pipe nobody can read,
 * EACCES on a read-only file, ENOSPC when the file system is full (a short count if part fit), EFBIG at the
 * largest file offset (MAXOFF32) or, with SIGXFSZ, at RLIMIT_FSIZE. FAPPEND writes at the end of
 * a regular file.
 */
export function* write(args: number[]): KGen<SysRet> {
  const [fd, buf, count0] = args;
  const f = getf(fd | 0);
  if (!f || !(f.f_flag & FWRITE)) return fail(EBADF);
  if ((count0 | 0) < 0) return fail(EINVAL);
  const count = Math.min(count0 >>> 0, MAXIO);
  if (count === 0) return ok(0);
  const as = curproc().p_as;
  if (!as) return fail(EFAULT);
  const r = copyin(as, buf >>> 0, count);
  if (r.error) return fail(r.error);
  const v = f.f_vnode;
  let off = f.f_offset;
  let data = r.data;
  if (v.v_type === VREG) {
    if (f.f_flag & FAPPEND) off = v.size();
    // RLIMIT_FSIZE (process.max-file-size): at or past it, SIGXFSZ and EFBIG; a write that would
    // cross it stops there (wrtmp in tmpfs). MAXOFF32 itself is the file's EFBIG (vop_write).
    const p = curproc();
    const limit = p.p_rctls.get('process.max-file-size') ?? RLIM32_INFINITY;
    if (limit < RLIM32_INFINITY) {
      if (off >= limit) { tsignal(curthread(), SIGXFSZ); return fail(EFBIG); }
      if (off + data.length > limit) data = data.subarray(0, limit - off);
    }
  }
  const w = yield* v.vop_write(off, data, f.f_flag);
  if (w.error) return fail(w.error);
  if (v.v_type !== VFIFO) f.f_offset = off + w.n;
  return ok(w.n);
}

/**
 * open(path, oflag, mode) — on the RAM file system; a relative path starts at the caller's
 * current directory (u_cdir). EINVAL for O_ACCMODE = 3, EFAULT/ENAMETOOLONG
 * for the path, ENOENT/ENOTDIR from the lookup, EEXIST for O_CREAT|O_EXCL on an existing name,
 * EACCES in a read-only directory or file, ELOOP, EISDIR to write a directory, EMFILE when the
 * table is full, ENOSPC when O_TRUNC cannot copy a boot file. O_TRUNC empties a file opened for
 * writing. The new descriptor is the lowest free one, close-on-exec clear. A new file records
 * mode & ~umask (nothing checks it).
 */
export function open(args: number[]): SysRet {
  const [upath, oflag] = args;
  const p = curproc();
  if (!p.p_as) return fail(EFAULT);
  const fflag = fflag_of_oflag(oflag);
  if ((fflag & (FREAD | FWRITE)) === 0) return fail(EINVAL);
  const s = copyinstr(p.p_as, upath >>> 0, MAXPATHLEN);
  if (s.error) return fail(s.error);
  const fd = ufalloc(p);
  if (fd < 0) return fail(EMFILE);
  const fs = curkernel().fs;
  const lr = (oflag & O_CREAT) ? fs.create(s.str, (oflag & O_EXCL) !== 0, p.u_cdir, (args[2] & 0o7777) & ~p.u_cmask) : fs.lookuppn(s.str, p.u_cdir);
  if (lr.error) return fail(lr.error);
  const v = lr.vp!;
  const writing = (fflag & FWRITE) !== 0;
  if (v.v_type === VDIR && (writing || (oflag & O_TRUNC))) return fail(EISDIR);
  if (v instanceof RamFile) {
    if (writing && !v.writable) return fail(EACCES);
    if ((oflag & O_TRUNC) && writing) {
      const e = v.truncate(0);
      if (e) return fail(e);
    }
  }
  setf(p, fd, falloc(v, fflag), 0);
  return ok(fd);
}

/** close(fd) — EBADF when fd is not open. */
export function close(args: number[]): SysRet {
  const e = fd_close(curproc(), args[0] | 0);
  return e ? fail(e) : ok(0);
}

/**
 * lseek(fd, offset, whence) — SEEK_SET 0, SEEK_CUR 1, SEEK_END 2 on the shared offset. EBADF,
 * ESPIPE on a pipe, EINVAL for a bad whence or a negative result, EOVERFLOW past 2^31 - 1.
 */
export function lseek(args: number[]): SysRet {
  const [fd, off0, whence] = args;
  const f = getf(fd | 0);
  if (!f) return fail(EBADF);
  if (f.f_vnode.v_type === VFIFO) return fail(ESPIPE);
  const base = whence === 0 ? 0 : whence === 1 ? f.f_offset : whence === 2 ? f.f_vnode.size() : -1;
  if (base < 0) return fail(EINVAL);
  const n = base + (off0 | 0);
  if (n < 0) return fail(EINVAL);
  if (n > MAXOFF32) return fail(EOVERFLOW);
  f.f_offset = n;
  return ok(n);
}
