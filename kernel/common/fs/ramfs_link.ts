/*
 * kernel/common/fs/ramfs_link.ts — the name operations of the RAM file system beyond create and
 * remove: rename (VOP_RENAME), link (VOP_LINK), symlink (VOP_SYMLINK) and readlink (VOP_READLINK)
 * with Solaris's errors (cf. tmp_rename, tmp_link, tmp_symlink in uts/common/fs/tmpfs/tmp_vnops.c).
 * Every check is made before anything changes, so a failed call leaves the tree as it was.
 * There is one file system, so EXDEV never arises.
 */

import { EBUSY, EEXIST, EINVAL, EISDIR, ENOENT, ENOTDIR, EPERM, EACCES } from '../sys/errno.ts';
import { RamDir, RamFile, RamSymlink, type RamFs } from './ramfs.ts';

/**
 * ramfs_rename — move the name `from` to `to` (both from `cdir`; neither's last link is
 * followed). A file or link replaces a non-directory at `to`; a directory replaces an empty
 * directory. Two names of one file: nothing happens. EINVAL for . or .. as either last
 * component or for a directory moved under itself, EBUSY for /, ENOENT (from missing, or a
 * removed directory), ENOTDIR (a directory onto a non-directory, or a trailing slash on a
 * non-directory), EISDIR (a non-directory onto a directory), EEXIST (onto a directory that has
 * entries: Solaris's rename(2)), EACCES in a read-only directory, plus the lookup errors.
 */
export function ramfs_rename(fs: RamFs, from: string, to: string, cdir: RamDir | null): number {
  const rf = fs.walk(from, cdir);
  if (rf.error) return rf.error;
  if (rf.last === null) return rf.dot ? EINVAL : EBUSY;
  const src = rf.dir.v_linked ? rf.dir.entries.get(rf.last) : undefined;
  if (!src) return ENOENT;
  const rt = fs.walk(to, cdir);
  if (rt.error) return rt.error;
  if (rt.last === null) return rt.dot ? EINVAL : EBUSY;
  if (!rt.dir.v_linked) return ENOENT;
  const isdir = src instanceof RamDir;
  if (!isdir && (rf.slash || rt.slash)) return ENOTDIR;
  const dst = rt.dir.entries.get(rt.last);
  if (dst === src) return 0;
  if (!rf.dir.writable || !rt.dir.writable) return EACCES;
  if (isdir) {
    for (let d = rt.dir; ; d = d.parent) {
      if (d === src) return EINVAL;
      if (d === fs.root) break;
    }
  }
  if (dst) {
    if (isdir && !(dst instanceof RamDir)) return ENOTDIR;
    if (!isdir && dst instanceof RamDir) return EISDIR;
    if (dst instanceof RamDir && dst.entries.size > 0) return EEXIST;
    rt.dir.remove(rt.last);
    fs.drop_name(dst);
  }
  rf.dir.remove(rf.last);
  rt.dir.enter(rt.last, src);
  if (src instanceof RamDir) src.parent = rt.dir;
  return 0;
}

/**
 * ramfs_link — a new name `to` for the file or symbolic link `from` (a link itself is not
 * followed, as Solaris's link(2)). EPERM for a directory, EEXIST when `to` exists (or is / . ..),
 * ENOENT for a missing `from` or a removed directory, EACCES in a read-only directory, plus the
 * lookup errors.
 */
export function ramfs_link(fs: RamFs, from: string, to: string, cdir: RamDir | null): number {
  const rf = fs.resolve(from, cdir, false);
  if (rf.error) return rf.error;
  const src = rf.vp!;
  if (src instanceof RamDir) return EPERM;
  const rt = fs.walk(to, cdir);
  if (rt.error) return rt.error;
  if (rt.last === null || rt.dir.entries.has(rt.last)) return EEXIST;
  if (rt.slash) return ENOENT;
  if (!rt.dir.v_linked) return ENOENT;
  if (!rt.dir.writable) return EACCES;
  if (!(src instanceof RamFile) && !(src instanceof RamSymlink)) return EPERM;
  src.v_nlink++;
  fs.link(rt.dir, rt.last, src);
  return 0;
}

/**
 * ramfs_symlink — a symbolic link `path` whose contents are `target` (not looked at: it may
 * dangle). ENOENT for an empty target, EEXIST when `path` exists (a dangling link too), ENOENT
 * in a removed directory, EACCES in a read-only one, plus the lookup errors.
 */
export function ramfs_symlink(fs: RamFs, target: string, path: string, cdir: RamDir | null): number {
  if (target === '') return ENOENT;
  const r = fs.walk(path, cdir);
  if (r.error) return r.error;
  if (r.last === null || r.dir.entries.has(r.last)) return EEXIST;
  if (!r.dir.v_linked) return ENOENT;
  if (!r.dir.writable) return EACCES;
  fs.link(r.dir, r.last, new RamSymlink(target));
  return 0;
}

/** ramfs_readlink — the contents of the symbolic link `path` (not followed): EINVAL if it is not one, plus the lookup errors. */
export function ramfs_readlink(fs: RamFs, path: string, cdir: RamDir | null): { error: number; target: string } {
  const r = fs.resolve(path, cdir, false);
  if (r.error) return { error: r.error, target: '' };
  if (!(r.vp instanceof RamSymlink)) return { error: EINVAL, target: '' };
  return { error: 0, target: r.vp.target };
}
