/*
 * kernel/common/fs/ramfs.ts — the root file system: the boot archive (userland/bin/<isa>/ and any
 * --fs DIR, read-only) plus a writable /tmp, in host memory (loosely tmpfs, uts/common/fs/tmpfs).
 * A relative path starts at the caller's current directory (u_cdir); `..` follows the directory's
 * parent. mkdir, rmdir and unlink work in writable directories (/tmp and those made under it); an
 * unlinked file lives on while it is open and gives its blocks back at the last close. Writable
 * files are sparse and /tmp has a size limit (RamSpace: ENOSPC when full). Leaves out links,
 * rename, permissions (a node is writable or not) and timestamps.
 */

import { EACCES, EBUSY, EPERM, EEXIST, EISDIR, ENAMETOOLONG, ENOENT, ENOTDIR, ENOTEMPTY, EINVAL, EFBIG, ENOSPC } from '../sys/errno.ts';
import type { KGen } from '../sys/thread.ts';
import { VDIR, VREG, type UioSink, type Vnode, type VopRet } from './vnode.ts';

/** Longest path component (MAXNAMELEN - 1). */
export const MAXNAMELEN = 256;

/** Largest file offset and size a 32-bit process can have (MAXOFF32_T); beyond it, EFBIG. */
export const MAXOFF32 = 0x7fffffff;

/** The largest writable file exec copies out to load (ENOMEM beyond). */
export const RAMFS_DATA_MAX = 64 << 20;

/** Bytes per block of a writable file: the unit of allocation and of the size limit. */
export const RAMFS_BLOCK = 4096;

/**
 * RamSpace — the space accounting of the writable part of the file system (/tmp): blocks in use
 * and the limit (--tmp-size, tmpfs's size=). Writes that need a block past the limit fail with
 * ENOSPC; truncation gives blocks back.
 */
export class RamSpace {
  used = 0;
  constructor(public limit = Number.MAX_SAFE_INTEGER) {}
  get free(): number { return Math.max(0, this.limit - this.used); }
}

/**
 * RamFile — a regular file held in host memory. A boot-archive file is one read-only buffer; a
 * writable file is sparse: a map of RAMFS_BLOCK-byte blocks, only those written allocated (holes
 * read as zeros), each charged to its RamSpace. Mappings (mm_syscalls fmap) read pages through
 * read_into and hear of every change (on_change), so they see writes and truncation.
 */
export class RamFile implements Vnode {
  v_type = VREG;
  /** False for boot-archive files: opening them for writing gives EACCES. */
  writable: boolean;
  /** Boot-archive contents (read-only files). */
  private buf: Uint8Array | null = null;
  /** Writable contents: block index → RAMFS_BLOCK bytes. */
  private blocks: Map<number, Uint8Array> | null = null;
  private len: number;
  private view: Uint8Array | null = null;
  private readonly space: RamSpace;
  /** Called with (offset, length) of every change to the contents (writes, truncation). */
  private watchers: ((off: number, len: number) => void)[] = [];
  /** Open files on this vnode (vop_open/vop_close): an unlinked file lives until this is 0. */
  v_opencnt = 0;
  /** Directory entries naming this file (st_nlink): 1, 0 once unlinked. */
  v_nlink = 1;
  /** Inode number (st_ino), unique per file system. */
  v_ino = 0;

  constructor(data: Uint8Array, writable = false, space: RamSpace = new RamSpace()) {
    this.writable = writable;
    this.space = space;
    this.len = data.length;
    if (!writable) { this.buf = data; return; }
    // A writable file created with contents (tests, boot): copied into blocks, uncharged.
    this.blocks = new Map();
    for (let o = 0; o < data.length; o += RAMFS_BLOCK) {
      const b = new Uint8Array(RAMFS_BLOCK);
      b.set(data.subarray(o, Math.min(data.length, o + RAMFS_BLOCK)));
      this.blocks.set(o / RAMFS_BLOCK, b);
    }
  }

  /**
   * The contents: exactly size() bytes. The same object is returned until the file changes (exec
   * keys its page cache on it, seg_vn.ts vmfile_lookup); a boot-archive file returns the buffer it
   * was created with. For a writable file this builds a copy of size() bytes: callers bound the
   * size first (exec refuses files over RAMFS_DATA_MAX).
   */
  get data(): Uint8Array {
    if (this.buf) return this.buf;
    if (!this.view) {
      const v = new Uint8Array(this.len);
      this.read_into(0, v);
      this.view = v;
    }
    return this.view;
  }

  size(): number { return this.len; }

  /** Blocks this file holds (bytes charged to its RamSpace). */
  allocated(): number { return this.blocks ? this.blocks.size * RAMFS_BLOCK : 0; }

  /** Copy the bytes at [off, off + dst.length) into dst; holes and bytes past the end read as zeros. */
  read_into(off: number, dst: Uint8Array): void {
    dst.fill(0);
    const end = Math.min(this.len, off + dst.length);
    if (off >= end) return;
    if (this.buf) { dst.set(this.buf.subarray(off, end)); return; }
    for (let o = off; o < end;) {
      const bi = Math.floor(o / RAMFS_BLOCK), bo = o % RAMFS_BLOCK;
      const n = Math.min(RAMFS_BLOCK - bo, end - o);
      const b = this.blocks!.get(bi);
      if (b) dst.set(b.subarray(bo, bo + n), o - off);
      o += n;
    }
  }

  vop_open(): void { this.v_opencnt++; }

  /** vop_close — the last close of an unlinked file frees its blocks (tmpnode_free). */
  vop_close(): void {
    if (--this.v_opencnt === 0 && this.v_nlink === 0) this.release();
  }

  /** release — give every block back to the RamSpace (the file has no name and no open file). */
  release(): void {
    if (!this.blocks) return;
    this.space.used -= this.blocks.size * RAMFS_BLOCK;
    this.blocks.clear();
  }

  /**
   * write_back — a page cache's copy of [off, off + bytes.length) comes back (the last shared
   * mapping went, seg_vn.ts VN_RELE): changed bytes are stored, all-zero holes stay holes, and
   * a block that does not fit in the RamSpace is dropped. Nothing for a read-only file or one
   * with no name and no open file (it is gone). Not a change for on_change watchers.
   */
  write_back(off: number, bytes: Uint8Array): void {
    if (!this.blocks || (this.v_nlink === 0 && this.v_opencnt === 0)) return;
    const end = Math.min(this.len, off + bytes.length);
    let changed = false;
    for (let o = off; o < end;) {
      const bi = Math.floor(o / RAMFS_BLOCK), bo = o % RAMFS_BLOCK;
      const n = Math.min(RAMFS_BLOCK - bo, end - o);
      const src = bytes.subarray(o - off, o - off + n);
      let b = this.blocks.get(bi);
      const same = b ? src.every((x, i) => x === b![bo + i]) : src.every((x) => x === 0);
      if (!same && !b && this.space.used + RAMFS_BLOCK <= this.space.limit) {
        b = new Uint8Array(RAMFS_BLOCK);
        this.blocks.set(bi, b);
        this.space.used += RAMFS_BLOCK;
      }
      if (!same && b) { b.set(src, bo); changed = true; }
      o += n;
    }
    if (changed) this.view = null;
  }

  /** hold/rele — a mapping holds the file like an open does (an unlinked, mapped file lives on). */
  hold(): void { this.vop_open(); }
  rele(): void { this.vop_close(); }

  /** on_change — call `fn(off, len)` after every change to the contents (page caches use it). */
  on_change(fn: (off: number, len: number) => void): void { this.watchers.push(fn); }

  private changed(off: number, len: number): void {
    this.view = null;
    for (const fn of this.watchers) fn(off, len);
  }

  /**
   * truncate — set the size to `n` (VOP_SETATTR(AT_SIZE)): blocks wholly past the end are freed
   * and the tail of the last one zeroed; growing allocates nothing (a hole). EFBIG past MAXOFF32,
   * EACCES on a read-only file.
   */
  truncate(n: number): number {
    if (!this.blocks) return EACCES;
    if (n < 0 || n > MAXOFF32) return EFBIG;
    const old = this.len;
    if (n < old) {
      const keep = Math.ceil(n / RAMFS_BLOCK);
      for (const bi of [...this.blocks.keys()]) {
        if (bi >= keep) { this.blocks.delete(bi); this.space.used -= RAMFS_BLOCK; }
      }
      const tail = this.blocks.get(Math.floor(n / RAMFS_BLOCK));
      if (tail && n % RAMFS_BLOCK) tail.fill(0, n % RAMFS_BLOCK);
    }
    this.len = n;
    this.changed(Math.min(n, old), Math.abs(old - n));
    return 0;
  }

  *vop_read(off: number, len: number, _fflag: number, out: UioSink): KGen<VopRet> {
    if (off >= this.len || len <= 0) return { error: 0, n: 0 };
    const chunk = this.buf ? this.buf.subarray(off, Math.min(this.len, off + len)) : new Uint8Array(Math.min(this.len, off + len) - off);
    if (!this.buf) this.read_into(off, chunk);
    const e = out(chunk);
    return e ? { error: e, n: 0 } : { error: 0, n: chunk.length };
  }

  /**
   * vop_write — store `data` at `off`, allocating the blocks it touches. EACCES on a read-only
   * file, EINVAL for a negative offset, EFBIG at or past MAXOFF32 (a write that would cross it
   * stops there). When the RamSpace runs out the write stops at the last block it could
   * allocate: a short count, or ENOSPC when not a byte fit.
   */
  *vop_write(off: number, data: Uint8Array, _fflag: number): KGen<VopRet> {
    if (!this.blocks) return { error: EACCES, n: 0 };
    if (off < 0) return { error: EINVAL, n: 0 };
    if (off >= MAXOFF32) return { error: EFBIG, n: 0 };
    const want = Math.min(data.length, MAXOFF32 - off);
    let n = 0;
    while (n < want) {
      const o = off + n;
      const bi = Math.floor(o / RAMFS_BLOCK), bo = o % RAMFS_BLOCK;
      const k = Math.min(RAMFS_BLOCK - bo, want - n);
      let b = this.blocks.get(bi);
      if (!b) {
        if (this.space.used + RAMFS_BLOCK > this.space.limit) break;
        b = new Uint8Array(RAMFS_BLOCK);
        this.blocks.set(bi, b);
        this.space.used += RAMFS_BLOCK;
      }
      b.set(data.subarray(n, n + k), bo);
      n += k;
    }
    if (n === 0 && want > 0) return { error: ENOSPC, n: 0 };
    if (off + n > this.len) this.len = off + n;
    if (n > 0) this.changed(off, n);
    return { error: 0, n };
  }
}

/**
 * RamDir — a directory: names → vnodes, and its parent (`..`; the root is its own parent, and a
 * removed directory keeps the parent it had). Only writable directories accept new entries.
 * v_count counts the processes whose current directory it is (VN_HOLD/VN_RELE of u_cdir).
 */
export class RamDir implements Vnode {
  v_type = VDIR;
  entries = new Map<string, Vnode>();
  writable: boolean;
  parent: RamDir;
  /** Holds (u_cdir of processes). */
  v_count = 0;
  /** False once rmdir removed it: lookups and creation in it fail with ENOENT. */
  v_linked = true;
  v_ino = 0;
  constructor(writable = false, parent: RamDir | null = null) { this.writable = writable; this.parent = parent ?? this; }
  size(): number { return this.entries.size; }
  *vop_read(): KGen<VopRet> { return { error: EISDIR, n: 0 }; }
  *vop_write(): KGen<VopRet> { return { error: EISDIR, n: 0 }; }
}

/** LookupResult — errno and, on success, the vnode. */
export interface LookupResult { error: number; vp: Vnode | null }

/** RamFs — the root file system; /tmp exists from the start and is the one writable directory. */
export class RamFs {
  readonly root = new RamDir();
  /** The space of the writable files (/tmp); boot sets its limit (--tmp-size). */
  readonly space = new RamSpace();
  /** The next inode number (st_ino); the root is 2, as on UFS and tmpfs. */
  private nextino = 2;

  constructor() {
    this.root.v_ino = this.nextino++;
    this.link(this.root, 'tmp', new RamDir(true, this.root));
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

  /** Enter `v` in `d` as `name`, giving it an inode number if it has none. */
  private link(d: RamDir, name: string, v: Vnode): void {
    const n = v as { v_ino?: number };
    if (!n.v_ino) n.v_ino = this.nextino++;
    d.entries.set(name, v);
  }

  /**
   * lookuppn — resolve `path` from `cdir` (the caller's u_cdir; absolute paths and a missing cdir
   * start at /). ENOENT for an empty path or a missing name, ENOTDIR when a non-final component
   * (or a name written with a trailing slash) is not a directory, ENAMETOOLONG for a component
   * longer than MAXNAMELEN - 1.
   */
  lookuppn(path: string, cdir: RamDir | null = null): LookupResult {
    const r = this.walk(path, cdir);
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
   * with a trailing slash or for / itself, ENOENT in a removed directory).
   */
  create(path: string, excl: boolean, cdir: RamDir | null = null): LookupResult & { created: boolean } {
    const r = this.walk(path, cdir);
    if (r.error) return { error: r.error, vp: null, created: false };
    if (r.last === null) return { error: excl ? EEXIST : 0, vp: excl ? null : r.dir, created: false };
    const v = r.dir.entries.get(r.last);
    if (v) {
      if (excl) return { error: EEXIST, vp: null, created: false };
      if (r.slash && v.v_type !== VDIR) return { error: ENOTDIR, vp: null, created: false };
      return { error: 0, vp: v, created: false };
    }
    if (r.slash) return { error: EISDIR, vp: null, created: false };
    if (!r.dir.v_linked) return { error: ENOENT, vp: null, created: false };
    if (!r.dir.writable) return { error: EACCES, vp: null, created: false };
    const f = new RamFile(new Uint8Array(0), true, this.space);
    this.link(r.dir, r.last, f);
    return { error: 0, vp: f, created: true };
  }

  /**
   * mkdir — a new empty writable directory (VOP_MKDIR). EEXIST when the name exists (or is / or
   * . or ..), EACCES in a read-only directory, ENOENT in a removed one, plus the lookup errors.
   */
  mkdir(path: string, cdir: RamDir | null = null): number {
    const r = this.walk(path, cdir);
    if (r.error) return r.error;
    if (r.last === null || r.dir.entries.has(r.last)) return EEXIST;
    if (!r.dir.v_linked) return ENOENT;
    if (!r.dir.writable) return EACCES;
    this.link(r.dir, r.last, new RamDir(true, r.dir));
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
    r.dir.entries.delete(r.last);
    v.v_linked = false;
    return 0;
  }

  /**
   * unlink — remove a file's name (VOP_REMOVE). EPERM for a directory (Solaris: unlinking a
   * directory needs privilege, and tmpfs refuses it), ENOENT, ENOTDIR, EACCES in a read-only
   * directory. An open file lives until its last close (RamFile.vop_close);
   * otherwise its blocks go back now.
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
    r.dir.entries.delete(r.last);
    if (v instanceof RamFile) {
      v.v_nlink = 0;
      if (v.v_opencnt === 0) v.release();
    }
    return 0;
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
   * Walk to the directory holding the last component, from / or `cdir`; `..` follows parents.
   * last = null: the path names that directory (/ or a path of only `.`/`..`); otherwise the
   * last component, which may be `.` or `..` only when the path ends in it (mkdir/rmdir check).
   */
  private walk(path: string, cdir: RamDir | null = null): Walked {
    const fail = (error: number): Walked => ({ error, dir: this.root, last: null, slash: false, dot: null });
    if (path === '') return fail(ENOENT);
    const comps = path.split('/').filter((c) => c !== '');
    for (const c of comps) if (c.length >= MAXNAMELEN) return fail(ENAMETOOLONG);
    let d = path.startsWith('/') || !cdir ? this.root : cdir;
    for (let i = 0; i < comps.length - 1; i++) {
      const c = comps[i];
      if (c === '.') continue;
      if (c === '..') { d = d.parent; continue; }
      const n = d.v_linked ? d.entries.get(c) : undefined;
      if (!n) return fail(ENOENT);
      if (!(n instanceof RamDir)) return fail(ENOTDIR);
      d = n;
    }
    if (comps.length === 0) return { error: 0, dir: d, last: null, slash: false, dot: null };
    const last = comps[comps.length - 1];
    // A path ending in . or .. names that directory (`dot` says which, for rmdir's errors).
    if (last === '.') return { error: 0, dir: d, last: null, slash: false, dot: '.' };
    if (last === '..') return { error: 0, dir: d.parent, last: null, slash: false, dot: '..' };
    return { error: 0, dir: d, last, slash: path.endsWith('/'), dot: null };
  }

  /**
   * census — for the leak check: the holds on reachable directories (u_cdir of live processes)
   * and the /tmp bytes charged but held by no reachable file (blocks of unlinked files still
   * open, or lost). Both are 0 at halt once every process is gone.
   */
  census(): { cdir_holds: number; unowned: number } {
    let holds = 0, owned = 0;
    const visit = (d: RamDir): void => {
      holds += d.v_count;
      for (const v of d.entries.values()) {
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
      if (!n) { n = new RamDir(false, d); this.link(d, c, n); }
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
    const f = new RamFile(data, writable, this.space);
    this.link(dir, comps[comps.length - 1], f);
    return f;
  }
}

/** What walk() found: the directory, the last component (null: the path names `dir`), a trailing slash, a final . or ... */
interface Walked { error: number; dir: RamDir; last: string | null; slash: boolean; dot: '.' | '..' | null }
