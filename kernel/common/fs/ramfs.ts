/*
 * kernel/common/fs/ramfs.ts — the boot archive: an in-memory file system of regular files and
 * directories, built at boot from userland/bin/<isa>/ and any --fs DIR. Paths are absolute and
 * normalised; there are no links or permissions yet.
 */

import { VDIR, VREG, type Vnode } from './vnode.ts';

/** A regular file held in host memory. */
export class RamFile implements Vnode {
  v_type = VREG;
  data: Uint8Array;
  constructor(data: Uint8Array) { this.data = data; }
  size(): number { return this.data.length; }
  read(off: number, len: number): Uint8Array {
    if (off >= this.data.length) return new Uint8Array(0);
    return this.data.slice(off, Math.min(this.data.length, off + len));
  }
  write(off: number, bytes: Uint8Array): number {
    const end = off + bytes.length;
    if (end > this.data.length) {
      const n = new Uint8Array(end);
      n.set(this.data);
      this.data = n;
    }
    this.data.set(bytes, off);
    return bytes.length;
  }
}

/** A directory: names → vnodes. */
export class RamDir implements Vnode {
  v_type = VDIR;
  entries = new Map<string, Vnode>();
  size(): number { return this.entries.size; }
  read(): Uint8Array { return new Uint8Array(0); }
  write(): number { return -21; /* EISDIR */ }
}

/** RamFs — the root file system. */
export class RamFs {
  readonly root = new RamDir();

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

  /** Look up a path; undefined if it does not exist. */
  lookup(path: string): Vnode | undefined {
    const comps = RamFs.components(path);
    if (!comps) return undefined;
    let v: Vnode = this.root;
    for (const c of comps) {
      if (!(v instanceof RamDir)) return undefined;
      const n = v.entries.get(c);
      if (!n) return undefined;
      v = n;
    }
    return v;
  }

  /** Create directories along `path` (like mkdir -p) and return the last one. */
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

  /** Add (or replace) a regular file at `path`, creating parent directories. */
  addFile(path: string, data: Uint8Array): RamFile {
    const comps = RamFs.components(path);
    if (!comps || comps.length === 0) throw new Error(`ramfs: bad path ${path}`);
    const dir = this.mkdirp('/' + comps.slice(0, -1).join('/'));
    const f = new RamFile(data);
    dir.entries.set(comps[comps.length - 1], f);
    return f;
  }
}
