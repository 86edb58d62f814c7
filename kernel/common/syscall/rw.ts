/*
 * kernel/common/syscall/rw.ts — read, write, open, close and lseek (uts/common/syscall/rw.c,
 * open.c, close.c, lseek.c) over the descriptor table of the calling process. A read that finds
 * no console input yet sleeps until input arrives or is closed.
 */

import { EBADF, EFAULT, EINVAL, ENOENT, EISDIR, ESPIPE, EMFILE, ENAMETOOLONG } from '../sys/errno.ts';
import { curkernel, curproc } from '../os/kglobals.ts';
import { copyin, copyout, copyinstr } from '../os/copy.ts';
import { T_PREEMPT, type KGen } from '../sys/thread.ts';
import { falloc, closef, FREAD, FWRITE, FAPPEND, O_APPEND, O_CREAT, O_TRUNC, type UFile } from '../fs/file.ts';
import { VDIR, VREG, VCHR } from '../fs/vnode.ts';
import { RamFile } from '../fs/ramfs.ts';
import type { SysRet } from './syscall_table.ts';

/** Largest single transfer (keeps host copies bounded). */
const MAXIO = 1 << 20;
/** Open-file limit per process (rlimit NOFILE). */
export const NOFILE = 256;

function ok(v: number): SysRet { return { error: 0, rval1: v | 0, rval2: 0 }; }
function fail(e: number): SysRet { return { error: e, rval1: 0, rval2: 0 }; }

/** getf — the file for descriptor fd of the current process, or null. */
export function getf(fd: number): UFile | null {
  const p = curproc();
  if (fd < 0 || fd >= p.p_fds.length) return null;
  return p.p_fds[fd] ?? null;
}

/** read(fd, buf, count) */
export function* read(args: number[]): KGen<SysRet> {
  const [fd, buf, count0] = args;
  const f = getf(fd | 0);
  if (!f || !(f.f_flag & FREAD)) return fail(EBADF);
  const count = Math.min(count0 >>> 0, MAXIO);
  if ((count0 | 0) < 0) return fail(EINVAL);
  if (f.f_vnode.v_type === VDIR) return fail(EISDIR);
  for (;;) {
    const data = f.f_vnode.read(f.f_offset, count);
    if (data === null) { yield T_PREEMPT; continue; }  // console input not there yet
    if (data.length > 0) {
      const as = curproc().p_as;
      if (!as) return fail(EFAULT);
      const e = copyout(as, buf >>> 0, data);
      if (e) return fail(e);
    }
    if (f.f_vnode.v_type === VREG) f.f_offset += data.length;
    return ok(data.length);
  }
}

/** write(fd, buf, count) */
export function write(args: number[]): SysRet {
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
  if (f.f_vnode.v_type === VREG && (f.f_flag & FAPPEND)) f.f_offset = f.f_vnode.size();
  const n = f.f_vnode.write(f.f_offset, r.data);
  if (n < 0) return fail(-n);
  if (f.f_vnode.v_type === VREG) f.f_offset += n;
  return ok(n);
}

/** open(path, oflag, mode) — RAM file system; O_CREAT creates regular files. */
export function open(args: number[]): SysRet {
  const [upath, oflag] = args;
  const p = curproc();
  if (!p.p_as) return fail(EFAULT);
  const s = copyinstr(p.p_as, upath >>> 0, 1024);
  if (s.error) return fail(s.error === ENAMETOOLONG ? ENAMETOOLONG : s.error);
  const path = s.str;
  const k = curkernel();
  let v = k.fs.lookup(path);
  const acc = oflag & 3;
  if (acc === 3) return fail(EINVAL);
  if (!v) {
    if (!(oflag & O_CREAT)) return fail(ENOENT);
    const parent = path.replace(/\/[^/]*$/, '') || '/';
    const pd = k.fs.lookup(parent);
    if (!pd || pd.v_type !== VDIR) return fail(ENOENT);
    v = k.fs.addFile(path, new Uint8Array(0));
  }
  if (v.v_type === VDIR && acc !== 0) return fail(EISDIR);
  if ((oflag & O_TRUNC) && v instanceof RamFile && acc !== 0) v.data = new Uint8Array(0);
  const flag = (acc === 0 ? FREAD : acc === 1 ? FWRITE : FREAD | FWRITE) | (oflag & O_APPEND ? FAPPEND : 0);
  let fd = p.p_fds.findIndex((x) => !x);
  if (fd < 0) fd = p.p_fds.length;
  if (fd >= NOFILE) return fail(EMFILE);
  p.p_fds[fd] = falloc(v, flag);
  return ok(fd);
}

/** close(fd) */
export function close(args: number[]): SysRet {
  const fd = args[0] | 0;
  const f = getf(fd);
  if (!f) return fail(EBADF);
  curproc().p_fds[fd] = null;
  closef(f);
  return ok(0);
}

/** lseek(fd, offset, whence) — SEEK_SET 0, SEEK_CUR 1, SEEK_END 2. */
export function lseek(args: number[]): SysRet {
  const [fd, off0, whence] = args;
  const f = getf(fd | 0);
  if (!f) return fail(EBADF);
  if (f.f_vnode.v_type === VCHR) return fail(ESPIPE);
  const off = off0 | 0;
  const base = whence === 0 ? 0 : whence === 1 ? f.f_offset : whence === 2 ? f.f_vnode.size() : -1;
  if (base < 0) return fail(EINVAL);
  const n = base + off;
  if (n < 0) return fail(EINVAL);
  f.f_offset = n;
  return ok(n);
}
