/*
 * kernel/common/fs/link_syscalls.ts — the name system calls over ramfs_link.ts: link (9),
 * symlink (89), readlink (90), rename (134) (uts/common/syscall/link.c, symlink.c, readlink.c,
 * rename.c), chmod (15) and fchmod (93) (chmod.c: the mode is recorded, nothing checks it), and
 * getdents (81, getdents.ts). Relative paths start at u_cdir. Leaves out the *at() forms.
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import { EBADF, EFAULT, EINVAL } from '../sys/errno.ts';
import { bstr_encode, copyinstr, copyout } from '../os/copy.ts';
import { curkernel, curproc } from '../os/kglobals.ts';
import type { Proc } from '../sys/proc.ts';
import { getf } from './fio.ts';
import { ramfs_link, ramfs_readlink, ramfs_rename, ramfs_symlink } from './ramfs_link.ts';
import { RamDir, RamFile, RamSymlink } from './ramfs.ts';
import type { Vnode } from './vnode.ts';
import { getdents } from './getdents.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** Longest path, NUL included (MAXPATHLEN). */
const MAXPATHLEN = 1024;


/** Copy in the two user paths args[0] and args[1] (EFAULT, ENAMETOOLONG). */
function paths2(p: Proc, args: number[]): { error: number; a: string; b: string } {
  if (!p.p_as) return { error: EFAULT, a: '', b: '' };
  const a = copyinstr(p.p_as, args[0] >>> 0, MAXPATHLEN);
  if (a.error) return { error: a.error, a: '', b: '' };
  const b = copyinstr(p.p_as, args[1] >>> 0, MAXPATHLEN);
  if (b.error) return { error: b.error, a: '', b: '' };
  return { error: 0, a: a.str, b: b.str };
}

/** Run a two-path name operation relative to the caller's cwd. */
function op2(args: number[], fn: (a: string, b: string, cdir: RamDir | null) => number): SysRet {
  const p = curproc();
  const s = paths2(p, args);
  if (s.error) return fail(s.error);
  const e = fn(s.a, s.b, p.u_cdir);
  return e ? fail(e) : ok(0);
}

/** link(existing, new) — see ramfs_link: EPERM (directory), EEXIST, ENOENT, ENOTDIR, ENAMETOOLONG, ELOOP, EFAULT. */
export function link(args: number[]): SysRet {
  return op2(args, (a, b, cdir) => ramfs_link(curkernel().fs, a, b, cdir));
}

/** symlink(target, path) — see ramfs_symlink: EEXIST, ENOENT, ENOTDIR, ENAMETOOLONG, ELOOP, EFAULT. */
export function symlink(args: number[]): SysRet {
  return op2(args, (a, b, cdir) => ramfs_symlink(curkernel().fs, a, b, cdir));
}

/** rename(from, to) — see ramfs_rename: ENOENT, EEXIST, ENOTDIR, EISDIR, EINVAL, EBUSY, ENAMETOOLONG, ELOOP, EFAULT. */
export function rename(args: number[]): SysRet {
  return op2(args, (a, b, cdir) => ramfs_rename(curkernel().fs, a, b, cdir));
}

/**
 * readlink(path, buf, bufsiz) — the link's contents, not NUL-terminated, cut at bufsiz; returns
 * the count. EINVAL for a non-link or a negative bufsiz, EFAULT, plus the lookup errors.
 */
export function readlink(args: number[]): SysRet {
  const p = curproc();
  if (!p.p_as) return fail(EFAULT);
  const s = copyinstr(p.p_as, args[0] >>> 0, MAXPATHLEN);
  if (s.error) return fail(s.error);
  if ((args[2] | 0) < 0) return fail(EINVAL);
  const r = ramfs_readlink(curkernel().fs, s.str, p.u_cdir);
  if (r.error) return fail(r.error);
  const b = bstr_encode(r.target).subarray(0, args[2] >>> 0);
  if (b.length > 0 && copyout(p.p_as, args[1] >>> 0, b)) return fail(EFAULT);
  return ok(b.length);
}

/** Record permission bits on a vnode that has them. */
function setmode(v: Vnode, mode: number): void {
  if (v instanceof RamFile || v instanceof RamDir || v instanceof RamSymlink) v.v_mode = mode & 0o7777;
}

/** chmod(path, mode) — record mode & 07777 (nothing enforces it); the lookup errors, EFAULT. */
export function chmod(args: number[]): SysRet {
  const p = curproc();
  if (!p.p_as) return fail(EFAULT);
  const s = copyinstr(p.p_as, args[0] >>> 0, MAXPATHLEN);
  if (s.error) return fail(s.error);
  const lr = curkernel().fs.lookuppn(s.str, p.u_cdir);
  if (lr.error) return fail(lr.error);
  setmode(lr.vp!, args[1]);
  return ok(0);
}

/** fchmod(fd, mode) — chmod on an open file; EBADF. */
export function fchmod(args: number[]): SysRet {
  const f = getf(args[0] | 0);
  if (!f) return fail(EBADF);
  setmode(f.f_vnode, args[1]);
  return ok(0);
}

/** Handlers by sysent name. */
export const SYSCALLS_LINK: Record<string, SysHandler> = { link, symlink, readlink, rename, chmod, fchmod, getdents };
