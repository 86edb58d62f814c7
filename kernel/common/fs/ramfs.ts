/*
 * kernel/common/fs/ramfs.ts — the root file system, in host memory (loosely tmpfs,
 * uts/common/fs/tmpfs): writable everywhere, with the boot archive (userland/bin/<isa>/ and any
 * --fs DIR) underneath: a boot file keeps the host's bytes until its first write copies them into
 * blocks (copy-on-write; the host's files are never written). Relative paths start at u_cdir; `..`
 * follows the parent; symbolic links are followed in lookups (ELOOP past MAXSYMLINKS). An unlinked
 * file lives on while open. Every written block counts against one size limit (RamSpace, --tmp-size:
 * ENOSPC). Regular files are in ramfs_file.ts, rename/link/symlink in ramfs_link.ts. Leaves out permission checks (modes are
 * recorded only) and timestamps.
 */

import { EACCES, EBUSY, EPERM, EEXIST, EISDIR, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, ENOTEMPTY, EINVAL } from '../sys/errno.ts';
import type { KGen } from '../sys/thread.ts';
import { VDIR, VLNK, type Vnode, type VopRet } from './vnode.ts';
import { RamFile, RamSpace } from './ramfs_file.ts';

export { RamFile, RamSpace, MAXOFF32, RAMFS_DATA_MAX, RAMFS_BLOCK } from './ramfs_file.ts';

/** Longest path component (MAXNAMELEN - 1). */
export const MAXNAMELEN = 256;

/** Longest path, NUL included (MAXPATHLEN): also the limit of a path with its links expanded. */
export const MAXPATHLEN = 1024;

/** Symbolic links one lookup may follow before it fails with ELOOP (param.h MAXSYMLINKS). */
export const MAXSYMLINKS = 20;

/**
 * RamDir — a directory: names → vnodes, and its parent (`..`; the root is its own parent, and a
 * removed directory keeps the parent it had). Only writable directories accept new entries.
 * v_count counts the holds on it: processes whose current directory it is (VN_HOLD/VN_RELE of
 * u_cdir). Every entry has a cookie (d_seq) that only grows, so a directory stream (getdents)
 * can resume after entries before it were removed; `entries` iterates in cookie order as long as
 * names go in through enter().
 */
export class RamDir implements Vnode {
  v_type = VDIR;
  entries = new Map<string, Vnode>();
  /** Name → its getdents cookie (2 and up: 0 and 1 are `.` and `..`). */
  d_seq = new Map<string, number>();
  private d_next = 2;
  writable: boolean;
  parent: RamDir;
  /** Holds (u_cdir of processes). */
  v_count = 0;
  /** False once rmdir removed it: lookups and creation in it fail with ENOENT. */
  v_linked = true;
  v_ino = 0;
  /** Permission bits of st_mode (recorded only). */
  v_mode = 0o755;
  constructor(writable = true, parent: RamDir | null = null) { this.writable = writable; this.parent = parent ?? this; }
  size(): number { return this.entries.size; }
  /** enter — add (or replace) `name` → v with a new cookie past every other. */
  enter(name: string, v: Vnode): void {
    this.entries.delete(name);
    this.entries.set(name, v);
    this.d_seq.set(name, this.d_next++);
  }
  /** remove — drop `name` (its cookie goes with it). */
  remove(name: string): void {
    this.entries.delete(name);
    this.d_seq.delete(name);
  }
  /** The cookie of `name` (one is made for an entry put into `entries` directly). */
  seq(name: string): number {
    let s = this.d_seq.get(name);
    if (s === undefined) { s = this.d_next++; this.d_seq.set(name, s); }
    return s;
  }
  *vop_read(): KGen<VopRet> { return { error: EISDIR, n: 0 }; }
  *vop_write(): KGen<VopRet> { return { error: EISDIR, n: 0 }; }
}

/**
 * RamSymlink — a symbolic link (tmpfs's VLNK tmpnode): the target text, resolved at lookup time
 * relative to the directory holding the link. size() is the target's length (st_size).
 */
export class RamSymlink implements Vnode {
  v_type = VLNK;
  v_ino = 0;
  v_mode = 0o777;
  /** Directory entries naming this link. */
  v_nlink = 1;
  constructor(public readonly target: string) {}
  /** The target is a byte string (copyinstr), one char per byte. */
  size(): number { return this.target.length; }
  *vop_read(): KGen<VopRet> { return { error: EINVAL, n: 0 }; }
  *vop_write(): KGen<VopRet> { return { error: EINVAL, n: 0 }; }
}

/** LookupResult — errno and, on success, the vnode. */
export interface LookupResult { error: number; vp: Vnode | null }

/**
 * Walked — what walk() found: the directory, the last component (null: the path names `dir`),
 * a trailing slash, a final . or .. (for rmdir's errors).
 */
export interface Walked { error: number; dir: RamDir; last: string | null; slash: boolean; dot: '.' | '..' | null }

/** RamFs — the root file system: / and everything under it writable; /tmp exists from the start. */
export class RamFs {
  readonly root = new RamDir();
  /** The space of every written block; boot sets its limit (--tmp-size). */
  readonly space = new RamSpace();
  /** The next inode number (st_ino); the root is 2, as on UFS and tmpfs. */
  private nextino = 2;

  constructor() {
    this.root.v_ino = this.nextino++;
    const tmp = new RamDir(true, this.root);
    tmp.v_mode = 0o1777;
    this.link(this.root, 'tmp', tmp);
  }

  /** Split and normalise an absolute path; null if it is not absolute. */
  static components(path: string): string[] | null {
    if (!path.startsWith('/')) return null;
    const out: string[] = [];
    for (const c of path.split('/')) {
      if (c === '' || c === '.') continue;
      if (c === '..') out.pop(); else out.push(c);
    }
    return out;
  }

  /** link — enter `v` in `d` as `name`, giving it an inode number if it has none (no checks). */
  link(d: RamDir, name: string, v: Vnode): void {
    const n = v as { v_ino?: number };
    if (!n.v_ino) n.v_ino = this.nextino++;
    d.enter(name, v);
  }

  /**
   * resolve — the vnode `path` names from `cdir`, following a final symbolic link when `follow`
   * (or when the path ends in a slash), with the parent directory and last name it was found
   * under. ENOENT for an empty path or a missing name, ENOTDIR when a non-final component (or a
   * name written with a trailing slash) is not a directory, ENAMETOOLONG for a component longer
   * than MAXNAMELEN - 1, ELOOP past MAXSYMLINKS links.
   */
  resolve(path: string, cdir: RamDir | null, follow: boolean): LookupResult & { w: Walked } {
    const cnt = { n: 0 };
    let r = this.walk(path, cdir, cnt);
    for (;;) {
      if (r.error) return { error: r.error, vp: null, w: r };
      if (r.last === null) return { error: 0, vp: r.dir, w: r };
      const v = r.dir.v_linked ? r.dir.entries.get(r.last) : undefined;
      if (!v) return { error: ENOENT, vp: null, w: r };
      if (v instanceof RamSymlink && (follow || r.slash)) {
        if (++cnt.n > MAXSYMLINKS) return { error: ELOOP, vp: null, w: r };
        r = this.walk(v.target + (r.slash ? '/' : ''), r.dir, cnt);
        continue;
      }
      if (r.slash && v.v_type !== VDIR) return { error: ENOTDIR, vp: null, w: r };
      return { error: 0, vp: v, w: r };
    }
  }

  /** lookuppn — resolve `path` from `cdir` (absolute paths and a missing cdir start at /), following links; see resolve. */
  lookuppn(path: string, cdir: RamDir | null = null, follow = true): LookupResult {
    const r = this.resolve(path, cdir, follow);
    return { error: r.error, vp: r.vp };
  }

  /**
   * create — open-time lookup with O_CREAT: the existing vnode (EEXIST if `excl`, even for a
   * symbolic link; otherwise a link is followed and its missing target created), or a new empty
   * file with permission bits `mode` in a writable directory (EACCES in a read-only one, EISDIR
   * for a name written with a trailing slash or for / itself, ENOENT in a removed directory).
   */
  create(path: string, excl: boolean, cdir: RamDir | null = null, mode = 0o644): LookupResult & { created: boolean } {
    const cnt = { n: 0 };
    let r = this.walk(path, cdir, cnt);
    for (;;) {
      if (r.error) return { error: r.error, vp: null, created: false };
      if (r.last === null) return { error: excl ? EEXIST : 0, vp: excl ? null : r.dir, created: false };
      const v = r.dir.v_linked ? r.dir.entries.get(r.last) : undefined;
      if (v) {
        if (excl) return { error: EEXIST, vp: null, created: false };
        if (v instanceof RamSymlink) {
          if (++cnt.n > MAXSYMLINKS) return { error: ELOOP, vp: null, created: false };
          r = this.walk(v.target + (r.slash ? '/' : ''), r.dir, cnt);
          continue;
        }
        if (r.slash && v.v_type !== VDIR) return { error: ENOTDIR, vp: null, created: false };
        return { error: 0, vp: v, created: false };
      }
      if (r.slash) return { error: EISDIR, vp: null, created: false };
      if (!r.dir.v_linked) return { error: ENOENT, vp: null, created: false };
      if (!r.dir.writable) return { error: EACCES, vp: null, created: false };
      const f = new RamFile(new Uint8Array(0), true, this.space);
      f.v_mode = mode & 0o7777;
      this.link(r.dir, r.last, f);
      return { error: 0, vp: f, created: true };
    }
  }

  /**
   * mkdir — a new empty writable directory with permission bits `mode` (VOP_MKDIR). EEXIST when
   * the name exists (a symbolic link too, or / or . or ..), EACCES in a read-only directory,
   * ENOENT in a removed one, plus the lookup errors.
   */
  mkdir(path: string, cdir: RamDir | null = null, mode = 0o755): number {
    const r = this.walk(path, cdir);
    if (r.error) return r.error;
    if (r.last === null || r.dir.entries.has(r.last)) return EEXIST;
    if (!r.dir.v_linked) return ENOENT;
    if (!r.dir.writable) return EACCES;
    const d = new RamDir(true, r.dir);
    d.v_mode = mode & 0o7777;
    this.link(r.dir, r.last, d);
    return 0;
  }

  /**
   * rmdir — remove an empty directory (VOP_RMDIR). EINVAL for a last component `.`, EEXIST for
   * `..` (Solaris), EBUSY for /, ENOTDIR for a file, ENOTEMPTY when it has entries, EACCES in a
   * read-only directory. A process whose cwd it was keeps it (getcwd then fails, ENOENT).
   */
  rmdir(path: string, cdir: RamDir | null = null): number {
    const r = this.walk(path, cdir);
    if (r.error) return r.error;
    if (r.dot === '.') return EINVAL;
    if (r.dot === '..') return EEXIST;
    if (r.last === null) return EBUSY;
    const v = r.dir.entries.get(r.last);
    if (!v) return ENOENT;
    if (!(v instanceof RamDir)) return ENOTDIR;
    if (!r.dir.writable) return EACCES;
    if (v.entries.size > 0) return ENOTEMPTY;
    r.dir.remove(r.last);
    v.v_linked = false;
    return 0;
  }

  /**
   * unlink — remove a name (VOP_REMOVE); a symbolic link itself, not its target. EPERM for a
   * directory (Solaris: unlinking a directory needs privilege, and tmpfs refuses it), ENOENT,
   * ENOTDIR, EACCES in a read-only directory. A file with no name left lives until its last
   * close (RamFile.vop_close); otherwise its blocks go back now.
   */
  unlink(path: string, cdir: RamDir | null = null): number {
    const r = this.walk(path, cdir);
    if (r.error) return r.error;
    if (r.last === null) return EPERM;
    const v = r.dir.entries.get(r.last);
    if (!v) return ENOENT;
    if (r.slash && v.v_type !== VDIR) return ENOTDIR;
    if (v instanceof RamDir) return EPERM;
    if (!r.dir.writable) return EACCES;
    r.dir.remove(r.last);
    this.drop_name(v);
    return 0;
  }

  /** drop_name — one directory entry naming `v` is gone: at no names and no opens, free its blocks. */
  drop_name(v: Vnode): void {
    if (v instanceof RamFile) {
      v.v_nlink--;
      if (v.v_nlink === 0 && v.v_opencnt === 0) v.release();
    } else if (v instanceof RamSymlink) {
      v.v_nlink--;
    } else if (v instanceof RamDir) {
      v.v_linked = false;
    }
  }

  /**
   * dirpath — the absolute path of directory `d` (getcwd: walk `..` and find each name in its
   * parent). ENOENT once `d` or a directory above it was removed.
   */
  dirpath(d: RamDir): { error: number; path: string } {
    const names: string[] = [];
    for (let c = d; c !== this.root; c = c.parent) {
      if (!c.v_linked) return { error: ENOENT, path: '' };
      let name: string | null = null;
      for (const [n, v] of c.parent.entries) if (v === c) { name = n; break; }
      if (name === null) return { error: ENOENT, path: '' };
      names.unshift(name);
    }
    return { error: 0, path: '/' + names.join('/') };
  }

  /**
   * walk — to the directory holding the last component, from / or `cdir`; `..` follows parents
   * and symbolic links met before the last component are followed (`cnt` counts them across one
   * lookup: ELOOP past MAXSYMLINKS). last = null: the path names that directory (/ or a path of
   * only `.`/`..`); otherwise the last component, which may be `.` or `..` only when the path
   * ends in it (mkdir/rmdir check).
   */
  walk(path: string, cdir: RamDir | null = null, cnt: { n: number } = { n: 0 }): Walked {
    const fail = (error: number): Walked => ({ error, dir: this.root, last: null, slash: false, dot: null });
    if (path === '') return fail(ENOENT);
    let comps = path.split('/').filter((c) => c !== '');
    for (const c of comps) if (c.length >= MAXNAMELEN) return fail(ENAMETOOLONG);
    let d = path.startsWith('/') || !cdir ? this.root : cdir;
    let i = 0;
    while (i < comps.length - 1) {
      const c = comps[i];
      if (c === '.') { i++; continue; }
      if (c === '..') { d = d.parent; i++; continue; }
      const n = d.v_linked ? d.entries.get(c) : undefined;
      if (!n) return fail(ENOENT);
      if (n instanceof RamSymlink) {
        if (++cnt.n > MAXSYMLINKS) return fail(ELOOP);
        if (n.target === '') return fail(ENOENT);
        const tc = n.target.split('/').filter((x) => x !== '');
        for (const x of tc) if (x.length >= MAXNAMELEN) return fail(ENAMETOOLONG);
        if (n.target.startsWith('/')) d = this.root;
        // The expanded path may not grow past MAXPATHLEN (lookuppn's pn_insert).
        if (n.target.length + comps.slice(i + 1).join('/').length + 1 >= MAXPATHLEN) return fail(ENAMETOOLONG);
        // The link's target takes its place; a target of only slashes names /.
        comps = tc.length > 0 ? tc.concat(comps.slice(i + 1)) : ['.'].concat(comps.slice(i + 1));
        i = 0;
        continue;
      }
      if (!(n instanceof RamDir)) return fail(ENOTDIR);
      d = n;
      i++;
    }
    if (comps.length === 0) return { error: 0, dir: d, last: null, slash: false, dot: null };
    const last = comps[comps.length - 1];
    // A path ending in . or .. names that directory (`dot` says which, for rmdir's errors).
    if (last === '.') return { error: 0, dir: d, last: null, slash: false, dot: '.' };
    if (last === '..') return { error: 0, dir: d.parent, last: null, slash: false, dot: '..' };
    return { error: 0, dir: d, last, slash: path.endsWith('/'), dot: null };
  }

  /**
   * census — for the leak check: the holds on reachable directories (u_cdir of live processes),
   * the bytes charged but held by no reachable file (blocks of unlinked files still open, or
   * lost), and the files with no name that are still open. All are 0 at halt once every process
   * is gone.
   */
  census(): { cdir_holds: number; unowned: number } {
    let holds = 0, owned = 0;
    const seen = new Set<Vnode>();
    const visit = (d: RamDir): void => {
      holds += d.v_count;
      for (const v of d.entries.values()) {
        if (seen.has(v)) continue;
        seen.add(v);
        if (v instanceof RamDir) visit(v);
        else if (v instanceof RamFile) owned += v.allocated();
      }
    };
    visit(this.root);
    return { cdir_holds: holds, unowned: this.space.used - owned };
  }

  /** Look up a path; undefined if it does not exist (boot and exec use this). */
  lookup(path: string, cdir: RamDir | null = null): Vnode | undefined {
    return this.lookuppn(path, cdir).vp ?? undefined;
  }

  /** Create directories along `path` (like mkdir -p) and return the last one (boot time). */
  mkdirp(path: string): RamDir {
    const comps = RamFs.components(path) ?? [];
    let d = this.root;
    for (const c of comps) {
      let n = d.entries.get(c);
      if (!n) { n = new RamDir(true, d); this.link(d, c, n); }
      if (!(n instanceof RamDir)) throw new Error(`ramfs: ${c} is not a directory in ${path}`);
      d = n;
    }
    return d;
  }

  /**
   * addFile — add (or replace) a boot-archive file at `path`, creating parent directories. It is
   * copy-on-write over `data` (which is never written), or writable with its own blocks when
   * `writable`.
   */
  addFile(path: string, data: Uint8Array, writable = false): RamFile {
    const comps = RamFs.components(path);
    if (!comps || comps.length === 0) throw new Error(`ramfs: bad path ${path}`);
    const dir = this.mkdirp('/' + comps.slice(0, -1).join('/'));
    const f = new RamFile(data, true, this.space, !writable);
    f.v_mode = 0o755;
    const old = dir.entries.get(comps[comps.length - 1]);
    if (old) this.drop_name(old);
    this.link(dir, comps[comps.length - 1], f);
    return f;
  }
}
