/*
 * kernel/common/fs/path_syscalls.ts — the system calls that take a path or name a directory:
 * chdir (12) and fchdir (120) with getcwd (229) over the process's u_cdir (uts/common/syscall/
 * chdir.c, getcwd.c), mkdir (80), rmdir (79), unlink (10) (mkdir.c, rmdir.c, unlink.c), access
 * (33) and stat (18) / fstat (28) / lstat (88) with the 32-bit Solaris struct stat (stat.c).
 * Relative paths start at u_cdir; lstat does not follow a final symbolic link. Bound into sysent
 * through SYSCALLS_FS (fs_syscalls.ts). Leaves out permission checks (modes are recorded only),
 * timestamps (all zero) and the *at() forms.
 */

import type { SysRet } from '../syscall/syscall_table.ts';
import { EACCES, EBADF, EFAULT, EINVAL, ENOTDIR, ERANGE } from '../sys/errno.ts';
import { copyinstr, copyout } from '../os/copy.ts';
import { curkernel, curproc } from '../os/kglobals.ts';
import type { Proc } from '../sys/proc.ts';
import { getf } from './fio.ts';
import { RamDir, RamFile, RamSymlink } from './ramfs.ts';
import { VDIR, VREG, VCHR, VFIFO, type Vnode } from './vnode.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** Longest path, NUL included (MAXPATHLEN). */
const MAXPATHLEN = 1024;

/** File type bits of st_mode (sys/stat.h). */
export const S_IFIFO = 0o010000, S_IFCHR = 0o020000, S_IFDIR = 0o040000, S_IFREG = 0o100000, S_IFLNK = 0o120000;

/** access() modes (sys/unistd.h): F_OK 0, X_OK 1, W_OK 2, R_OK 4. */
export const F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;

/** sizeof (struct stat) for a 32-bit Solaris process. */
export const STAT32_SIZE = 136;


/** Copy in a user path (EFAULT, ENAMETOOLONG); the process must have an address space. */
function upath(p: Proc, uva: number): { error: number; str: string } {
  if (!p.p_as) return { error: EFAULT, str: '' };
  return copyinstr(p.p_as, uva >>> 0, MAXPATHLEN);
}

/** Make `d` the current directory of p: hold the new one, release the old (VN_RELE). */
function setcdir(p: Proc, d: RamDir): void {
  d.v_count++;
  if (p.u_cdir) p.u_cdir.v_count--;
  p.u_cdir = d;
}

/** chdir(path) — EFAULT, ENAMETOOLONG, ENOENT, ENOTDIR (not a directory). */
export function chdir(args: number[]): SysRet {
  const p = curproc();
  const s = upath(p, args[0]);
  if (s.error) return fail(s.error);
  const lr = curkernel().fs.lookuppn(s.str, p.u_cdir);
  if (lr.error) return fail(lr.error);
  if (!(lr.vp instanceof RamDir)) return fail(ENOTDIR);
  setcdir(p, lr.vp);
  return ok(0);
}

/** fchdir(fd) — EBADF for a closed fd, ENOTDIR unless it is open on a directory. */
export function fchdir(args: number[]): SysRet {
  const p = curproc();
  const f = getf(args[0] | 0, p);
  if (!f) return fail(EBADF);
  if (!(f.f_vnode instanceof RamDir)) return fail(ENOTDIR);
  setcdir(p, f.f_vnode);
  return ok(0);
}

/**
 * getcwd(buf, size) — the absolute path of the current directory, NUL-terminated, in buf; returns
 * 0 (libc's getcwd(3C) returns buf, or NULL on failure). EINVAL for size 0, ERANGE
 * when the path and its NUL do not fit, EFAULT for a bad buffer, ENOENT when the directory was
 * removed.
 */
export function getcwd(args: number[]): SysRet {
  const p = curproc();
  const buf = args[0] >>> 0, size = args[1] >>> 0;
  if (size === 0) return fail(EINVAL);
  const k = curkernel();
  const r = k.fs.dirpath(p.u_cdir ?? k.fs.root);
  if (r.error) return fail(r.error);
  const bytes = new TextEncoder().encode(r.path + '\0');
  if (bytes.length > size) return fail(ERANGE);
  if (!p.p_as) return fail(EFAULT);
  const e = copyout(p.p_as, buf, bytes);
  return e ? fail(EFAULT) : ok(0);
}

/** Run a directory operation of the RAM fs on the user path in args[0], relative to the cwd. */
function path_op(args: number[], op: (path: string, cdir: Proc['u_cdir']) => number): SysRet {
  const p = curproc();
  const s = upath(p, args[0]);
  if (s.error) return fail(s.error);
  const e = op(s.str, p.u_cdir);
  return e ? fail(e) : ok(0);
}

/** mkdir(path, mode) — EEXIST, ENOENT, ENOTDIR, EACCES (read-only directory), ENAMETOOLONG, ELOOP, EFAULT. Records mode & ~umask. */
export function mkdir(args: number[]): SysRet {
  const mode = (args[1] & 0o7777) & ~curproc().u_cmask;
  return path_op(args, (path, cdir) => curkernel().fs.mkdir(path, cdir, mode));
}

/** rmdir(path) — ENOENT, ENOTDIR, ENOTEMPTY, EINVAL (.), EEXIST (..), EBUSY (/), EACCES, ENAMETOOLONG, EFAULT. */
export function rmdir(args: number[]): SysRet {
  return path_op(args, (path, cdir) => curkernel().fs.rmdir(path, cdir));
}

/** unlink(path) — ENOENT, ENOTDIR, EPERM (a directory), EACCES, ENAMETOOLONG, EFAULT. Open files stay readable. */
export function unlink(args: number[]): SysRet {
  return path_op(args, (path, cdir) => curkernel().fs.unlink(path, cdir));
}

/** Is `v` writable (a /tmp file or directory)? */
function writable(v: Vnode): boolean {
  return (v instanceof RamFile || v instanceof RamDir) ? v.writable : true;
}

/**
 * access(path, amode) — F_OK, or any of R_OK|W_OK|X_OK: EINVAL for other bits, EACCES for W_OK on
 * the read-only boot archive, plus the lookup errors. Everything is readable and searchable.
 */
export function access(args: number[]): SysRet {
  const p = curproc();
  const amode = args[1] | 0;
  if (amode & ~(R_OK | W_OK | X_OK)) return fail(EINVAL);
  const s = upath(p, args[0]);
  if (s.error) return fail(s.error);
  const lr = curkernel().fs.lookuppn(s.str, p.u_cdir);
  if (lr.error) return fail(lr.error);
  if ((amode & W_OK) && !writable(lr.vp!)) return fail(EACCES);
  return ok(0);
}

/**
 * stat32 — the 32-bit struct stat of v (sys/stat.h, _ILP32): st_dev 0, st_pad1[3] 4, st_ino 16,
 * st_mode 20, st_nlink 24, st_uid 28, st_gid 32, st_rdev 36, st_pad2[2] 40, st_size 48, st_pad3
 * 52, st_atim 56, st_mtim 64, st_ctim 72, st_blksize 80, st_blocks 84, st_fstype[16] 88,
 * st_pad4[8] 104; 136 bytes, in the ISA's byte order.
 */
export function stat32(v: Vnode, bigEndian: boolean): Uint8Array {
  const b = new Uint8Array(STAT32_SIZE);
  const dv = new DataView(b.buffer);
  const put = (off: number, x: number) => dv.setUint32(off, x >>> 0, !bigEndian);
  let mode = 0, nlink = 1, blocks = 0, fstype = 'tmpfs';
  const ino = (v as { v_ino?: number }).v_ino ?? 0;
  if (v instanceof RamDir) {
    mode = S_IFDIR | v.v_mode;
    nlink = 2;
    for (const e of v.entries.values()) if (e.v_type === VDIR) nlink++;
    if (!v.v_linked) nlink = 0;
  } else if (v instanceof RamFile) {
    mode = S_IFREG | v.v_mode;
    nlink = v.v_nlink;
    blocks = Math.ceil(v.allocated() / 512);
  } else if (v instanceof RamSymlink) {
    mode = S_IFLNK | v.v_mode;
    nlink = v.v_nlink;
  } else if (v.v_type === VFIFO) {
    mode = S_IFIFO | 0o600; fstype = 'fifofs';
  } else if (v.v_type === VCHR) {
    mode = S_IFCHR | 0o620; fstype = 'specfs';
  } else if (v.v_type === VREG) {
    mode = S_IFREG | 0o444;
  }
  put(0, 1);            // st_dev
  put(16, ino);         // st_ino
  put(20, mode);
  put(24, nlink);
  put(48, v.v_type === VDIR ? 512 : v.size());
  put(80, 4096);        // st_blksize
  put(84, blocks);
  b.set(new TextEncoder().encode(fstype), 88);
  return b;
}

/** Copy v's struct stat out to uva (EFAULT). */
function copyout_stat(p: Proc, v: Vnode, uva: number): SysRet {
  if (!p.p_as) return fail(EFAULT);
  const e = copyout(p.p_as, uva >>> 0, stat32(v, curkernel().md.elf.bigEndian));
  return e ? fail(EFAULT) : ok(0);
}

/** stat of args[0] into args[1], following a final symbolic link or not. */
function stat_path(args: number[], follow: boolean): SysRet {
  const p = curproc();
  const s = upath(p, args[0]);
  if (s.error) return fail(s.error);
  const lr = curkernel().fs.lookuppn(s.str, p.u_cdir, follow);
  if (lr.error) return fail(lr.error);
  return copyout_stat(p, lr.vp!, args[1]);
}

/** stat(path, buf) — EFAULT, ENAMETOOLONG, ENOENT, ENOTDIR, ELOOP; a symbolic link is followed. */
export function stat(args: number[]): SysRet { return stat_path(args, true); }

/** lstat(path, buf) — stat, but a final symbolic link is described itself (S_IFLNK, st_size = its length). */
export function lstat(args: number[]): SysRet { return stat_path(args, false); }

/** fstat(fd, buf) — EBADF, EFAULT. */
export function fstat(args: number[]): SysRet {
  const p = curproc();
  const f = getf(args[0] | 0, p);
  if (!f) return fail(EBADF);
  return copyout_stat(p, f.f_vnode, args[1]);
}

/** Handlers by sysent name. */
export const SYSCALLS_PATH = { chdir, fchdir, getcwd, mkdir, rmdir, unlink, access, stat, fstat, lstat };
