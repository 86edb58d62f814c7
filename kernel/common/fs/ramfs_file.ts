/*
 * kernel/common/fs/ramfs_file.ts — regular files of the RAM file system (the data half of tmpfs's
 * tmpnode: rdtmp/wrtmp in uts/common/fs/tmpfs/tmp_vnops.c) and the space they are charged to: a
 * boot-archive file reads the host's bytes until its first write copies them (copy-on-write), a
 * written file is sparse blocks under one size limit (RamSpace, --tmp-size: ENOSPC). Directories,
 * symbolic links and lookups are in ramfs.ts.
 */

import { EACCES, EINVAL, EFBIG, ENOSPC } from '../sys/errno.ts';
import type { KGen } from '../sys/thread.ts';
import { VREG, type UioSink, type Vnode, type VopRet } from './vnode.ts';

/** Largest file offset and size a 32-bit process can have (MAXOFF32_T); beyond it, EFBIG. */
export const MAXOFF32 = 0x7fffffff;

/** The largest writable file exec copies out to load (ENOMEM beyond). */
export const RAMFS_DATA_MAX = 64 << 20;

/** Bytes per block of a writable file: the unit of allocation and of the size limit. */
export const RAMFS_BLOCK = 4096;

/**
 * RamSpace — the space accounting of everything written to the file system (new files and the
 * copies of boot files): blocks in use and the limit (--tmp-size, tmpfs's size=). Writes that
 * need a block past the limit fail with ENOSPC; truncation gives blocks back.
 */
export class RamSpace {
  used = 0;
  constructor(public limit = Number.MAX_SAFE_INTEGER) {}
  get free(): number { return Math.max(0, this.limit - this.used); }
}

/**
 * RamFile — a regular file held in host memory. A boot-archive file starts as one buffer (the
 * host's bytes, never written): read-only, or copy-on-write (`cow`), when the first write or
 * truncation copies it into blocks. A written file is sparse: a map of RAMFS_BLOCK-byte blocks,
 * only those written allocated (holes read as zeros), each charged to its RamSpace. Mappings
 * (mm_syscalls fmap) read pages through read_into and hear of every change (on_change).
 */
export class RamFile implements Vnode {
  v_type = VREG;
  /** False for a read-only file (opening it for writing gives EACCES); boot files are copy-on-write. */
  writable: boolean;
  /** Boot-archive contents (until the first write of a copy-on-write file). */
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
  /** Permission bits of st_mode (chmod records them; nothing checks them). */
  v_mode = 0o644;

  /**
   * A file with contents `data`: read-only (writable false), or writable with the bytes copied
   * into blocks now (uncharged), or with `cow` writable over `data` itself until the first write.
   */
  constructor(data: Uint8Array, writable = false, space: RamSpace = new RamSpace(), cow = false) {
    this.writable = writable;
    this.space = space;
    this.len = data.length;
    if (!writable || cow) { this.buf = data; return; }
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

  /** Still the boot archive's bytes (nothing written yet)? */
  get pristine(): boolean { return this.buf !== null; }

  /**
   * cow — copy a copy-on-write file's first `upto` bytes into charged blocks (its first write or
   * truncation): 0, ENOSPC (nothing changed) when they do not fit, EACCES if read-only.
   */
  private cow(upto: number): number {
    if (!this.buf) return 0;
    if (!this.writable) return EACCES;
    const n = Math.min(upto, this.len);
    const nb = Math.ceil(n / RAMFS_BLOCK);
    if (this.space.used + nb * RAMFS_BLOCK > this.space.limit) return ENOSPC;
    const blocks = new Map<number, Uint8Array>();
    for (let i = 0; i < nb; i++) {
      const b = new Uint8Array(RAMFS_BLOCK);
      b.set(this.buf.subarray(i * RAMFS_BLOCK, Math.min(this.len, (i + 1) * RAMFS_BLOCK)));
      blocks.set(i, b);
    }
    this.space.used += nb * RAMFS_BLOCK;
    this.blocks = blocks;
    this.buf = null;
    return 0;
  }

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
   * mapping went, seg_vn.ts VN_RELE): changed bytes are stored (a boot file is copied first, if
   * anything changed), all-zero holes stay holes, and a block that does not fit in the RamSpace
   * is dropped. Nothing for a read-only file or one with no name and no open file (it is gone).
   * Not a change for on_change watchers.
   */
  write_back(off: number, bytes: Uint8Array): void {
    if (!this.writable || (this.v_nlink === 0 && this.v_opencnt === 0)) return;
    const end = Math.min(this.len, off + bytes.length);
    if (this.buf) {
      let diff = false;
      for (let o = off; o < end && !diff; o++) diff = this.buf[o] !== bytes[o - off];
      if (!diff || this.cow(this.len)) return;
    }
    if (!this.blocks) return;
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
   * EACCES on a read-only file, ENOSPC when a boot file's copy does not fit.
   */
  truncate(n: number): number {
    if (!this.writable) return EACCES;
    if (n < 0 || n > MAXOFF32) return EFBIG;
    const ce = this.cow(n);
    if (ce) return ce;
    if (!this.blocks) return EACCES;
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
   * vop_write — store `data` at `off`, allocating the blocks it touches (a boot file is copied
   * first). EACCES on a read-only file, EINVAL for a negative offset, EFBIG at or past MAXOFF32
   * (a write that would cross it stops there). When the RamSpace runs out the write stops at the
   * last block it could allocate: a short count, or ENOSPC when not a byte fit.
   */
  *vop_write(off: number, data: Uint8Array, _fflag: number): KGen<VopRet> {
    if (!this.writable) return { error: EACCES, n: 0 };
    if (off < 0) return { error: EINVAL, n: 0 };
    if (off >= MAXOFF32) return { error: EFBIG, n: 0 };
    const ce = this.cow(this.len);
    if (ce) return { error: ce, n: 0 };
    if (!this.blocks) return { error: EACCES, n: 0 };
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
