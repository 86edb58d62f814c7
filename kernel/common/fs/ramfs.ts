/*
 * kernel/common/fs/ramfs.ts — the root file system: the boot archive (userland/bin/<isa>/ and any
 * --fs DIR, read-only) plus a writable /tmp, in host memory (loosely tmpfs, uts/common/fs/tmpfs).
 * Paths are normalised lexically; there is no cwd yet, so a relative path starts at /. Leaves out
 * links, unlink/rename/mkdir, permissions (a node is writable or not) and timestamps.
 */

import { EACCES, EEXIST, EISDIR, ENAMETOOLONG, ENOENT, ENOTDIR, EINVAL } from '../sys/errno.ts';
import type { KGen } from '../sys/thread.ts';
import { VDIR, VREG, type UioSink, type Vnode, type VopRet } from './vnode.ts';

/** Longest path component (MAXNAMELEN - 1). */
export const MAXNAMELEN = 256;

/** RamFile — a regular file held in host memory, with spare capacity so appends are cheap. */
export class RamFile implements Vnode {
  v_type = VREG;
  /** False for boot-archive files: opening them for writing gives EACCES. */
  writable: boolean;
  private buf: Uint8Array;
  private len: number;
  private view: Uint8Array | null = null;
  constructor(data: Uint8Array, writable = false) { this.buf = data; this.len = data.length; this.writable = writable; }

  /**
   * The contents: exactly size() bytes. The same object is returned until the file changes (file
   * mappings key their page cache on it, seg_vn.ts vmfile_lookup); a boot-archive file returns
   * the buffer it was created with.
   */
  get data(): Uint8Array {
    if (!this.view) this.view = this.len === this.buf.length ? this.buf : this.buf.subarray(0, this.len);
    return this.view;
  }
  set data(d: Uint8Array) { this.buf = d; this.len = d.length; this.view = null; }

  size(): number { return this.len; }

  /** truncate — set the size to `n` (zero-filling on growth); VOP_SETATTR(AT_SIZE). */
  truncate(n: number): void {
    this.view = null;
    if (n > this.buf.length) this.grow(n);
    else this.buf.fill(0, n, this.len);
    this.len = n;
  }

  private grow(n: number): void {
    const nb = new Uint8Array(Math.max(n, this.buf.length * 2, 64));
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
  }

  *vop_read(off: number, len: number, _fflag: number, out: UioSink): KGen<VopRet> {
    if (off >= this.len || len <= 0) return { error: 0, n: 0 };
    const chunk = this.buf.subarray(off, Math.min(this.len, off + len));
    const e = out(chunk);
    return e ? { error: e, n: 0 } : { error: 0, n: chunk.length };
  }

  *vop_write(off: number, data: Uint8Array, _fflag: number): KGen<VopRet> {
    if (!this.writable) return { error: EACCES, n: 0 };
    if (off < 0) return { error: EINVAL, n: 0 };
    const end = off + data.length;
    this.view = null;
    if (end > this.buf.length) this.grow(end);
    if (off > this.len) this.buf.fill(0, this.len, off);
    this.buf.set(data, off);
    if (end > this.len) this.len = end;
    return { error: 0, n: data.length };
  }
}

/** RamDir — a directory: names → vnodes. Only writable directories accept new files. */
export class RamDir implements Vnode {
  v_type = VDIR;
  entries = new Map<string, Vnode>();
  writable: boolean;
  constructor(writable = false) { this.writable = writable; }
  size(): number { return this.entries.size; }
  *vop_read(): KGen<VopRet> { return { error: EISDIR, n: 0 }; }
  *vop_write(): KGen<VopRet> { return { error: EISDIR, n: 0 }; }
}

/** LookupResult — errno and, on success, the vnode. */
export interface LookupResult { error: number; vp: Vnode | null }

/** RamFs — the root file system; /tmp exists from the start and is the one writable directory. */
export class RamFs {
  readonly root = new RamDir();

  constructor() { this.root.entries.set('tmp', new RamDir(true)); }

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

  /**
   * lookuppn — resolve `path` (relative paths start at /, there being no cwd). ENOENT for an empty
   * path or a missing name, ENOTDIR when a non-final component (or a name written with a trailing
   * slash) is not a directory, ENAMETOOLONG for a component longer than MAXNAMELEN - 1.
   */
  lookuppn(path: string): LookupResult {
    const r = this.walk(path);
    if (r.error) return { error: r.error, vp: null };
    if (r.last === null) return { error: 0, vp: r.dir };
    const v = r.dir.entries.get(r.last);
    if (!v) return { error: ENOENT, vp: null };
    if (r.slash && v.v_type !== VDIR) return { error: ENOTDIR, vp: null };
    return { error: 0, vp: v };
  }

  /**
   * create — open-time lookup with O_CREAT: the existing vnode (EEXIST if `excl`), or a new empty
   * writable file in a writable directory (EACCES in a read-only one, EISDIR for a name written
   * with a trailing slash or for / itself).
   */
  create(path: string, excl: boolean): LookupResult & { created: boolean } {
    const r = this.walk(path);
    if (r.error) return { error: r.error, vp: null, created: false };
    if (r.last === null) return { error: excl ? EEXIST : 0, vp: excl ? null : r.dir, created: false };
    const v = r.dir.entries.get(r.last);
    if (v) {
      if (excl) return { error: EEXIST, vp: null, created: false };
      if (r.slash && v.v_type !== VDIR) return { error: ENOTDIR, vp: null, created: false };
      return { error: 0, vp: v, created: false };
    }
    if (r.slash) return { error: EISDIR, vp: null, created: false };
    if (!r.dir.writable) return { error: EACCES, vp: null, created: false };
    const f = new RamFile(new Uint8Array(0), true);
    r.dir.entries.set(r.last, f);
    return { error: 0, vp: f, created: true };
  }

  /** Walk to the directory holding the last component. last = null: the path names that directory. */
  private walk(path: string): { error: number; dir: RamDir; last: string | null; slash: boolean } {
    const fail = (error: number) => ({ error, dir: this.root, last: null, slash: false });
    if (path === '') return fail(ENOENT);
    const comps = RamFs.components(path.startsWith('/') ? path : '/' + path)!;
    for (const c of comps) if (c.length >= MAXNAMELEN) return fail(ENAMETOOLONG);
    let d = this.root;
    for (let i = 0; i < comps.length - 1; i++) {
      const n = d.entries.get(comps[i]);
      if (!n) return fail(ENOENT);
      if (!(n instanceof RamDir)) return fail(ENOTDIR);
      d = n;
    }
    if (comps.length === 0) return { error: 0, dir: d, last: null, slash: false };
    return { error: 0, dir: d, last: comps[comps.length - 1], slash: /\/\.?$/.test(path) };
  }

  /** Look up a path; undefined if it does not exist (boot and exec use this). */
  lookup(path: string): Vnode | undefined {
    return this.lookuppn(path).vp ?? undefined;
  }

  /** Create directories along `path` (like mkdir -p) and return the last one (boot time). */
  mkdirp(path: string): RamDir {
    const comps = RamFs.components(path) ?? [];
    let d = this.root;
    for (const c of comps) {
      let n = d.entries.get(c);
      if (!n) { n = new RamDir(); d.entries.set(c, n); }
      if (!(n instanceof RamDir)) throw new Error(`ramfs: ${c} is not a directory in ${path}`);
      d = n;
    }
    return d;
  }

  /** Add (or replace) a boot-archive file at `path`, creating parent directories; read-only unless `writable`. */
  addFile(path: string, data: Uint8Array, writable = false): RamFile {
    const comps = RamFs.components(path);
    if (!comps || comps.length === 0) throw new Error(`ramfs: bad path ${path}`);
    const dir = this.mkdirp('/' + comps.slice(0, -1).join('/'));
    const f = new RamFile(data, writable);
    dir.entries.set(comps[comps.length - 1], f);
    return f;
  }
}
