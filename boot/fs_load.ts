/*
 * boot/fs_load.ts — reading host files into the boot archive: PROGRAM and the trees of `--fs DIR`.
 * The tree is sealed: a symlink is followed only when it resolves inside DIR (the guest gets a copy
 * of what it names); one that leads out of DIR, dangles or loops is refused, as are special files,
 * files over BOOT_FILE_MAX, trees over BOOT_ARCHIVE_MAX, and a file at /sbin/init (init is the
 * boot archive's own). Every refusal is a BadInput: one line, exit status 2.
 */

import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, constants, type Stats } from 'node:fs';
import { RamDir, RamFs } from '../kernel/common/fs/ramfs.ts';

/** The largest single host file (PROGRAM or a file under --fs DIR) the boot archive takes. */
export const BOOT_FILE_MAX = 256 << 20;
/** The most bytes all --fs trees together may add. */
export const BOOT_ARCHIVE_MAX = 1 << 30;

/** An input problem the CLI reports in one line with exit status 2. */
export class BadInput extends Error {}

function mib(n: number): string { return `${Math.floor(n / (1 << 20))} MiB`; }

function errcode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? 'error';
}

/**
 * read_host_file — the bytes of regular host file `path`, read without following a symlink in its
 * last component. `what` names the file in messages. BadInput when it is missing, not a regular
 * file, unreadable, or over `limit` bytes (checked before anything is read).
 */
export function read_host_file(path: string | Buffer, what: string, limit = BOOT_FILE_MAX): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const c = errcode(e);
    if (c === 'ENOENT') throw new BadInput(`${what}: no such file`);
    if (c === 'ELOOP') throw new BadInput(`${what}: is a symbolic link`);
    if (c === 'EACCES' || c === 'EPERM') throw new BadInput(`${what}: permission denied`);
    throw new BadInput(`${what}: cannot open (${c})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new BadInput(`${what}: not a regular file`);
    if (st.size > limit) throw new BadInput(`${what}: ${st.size} bytes is over the ${mib(limit)} limit for a file`);
    const buf = new Uint8Array(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === buf.length ? buf : buf.slice(0, off);
  } catch (e) {
    if (e instanceof BadInput) throw e;
    throw new BadInput(`${what}: cannot read (${errcode(e)})`);
  } finally {
    closeSync(fd);
  }
}

/** Is `p` (a real path) `root` or inside it? Both are byte strings (latin1). */
function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith('/') ? root : root + '/');
}

/** A host path as bytes (fs calls take a Buffer path) from its byte string, and back. */
const hb = (s: string): Buffer => Buffer.from(s, 'latin1');
const bs = (b: Buffer | string): string => (typeof b === 'string' ? Buffer.from(b, 'utf8').toString('latin1') : b.toString('latin1'));

/** realpath of a byte-string path, as a byte string. */
function real(p: string): string { return bs(realpathSync(hb(p), { encoding: 'buffer' })); }

/**
 * fs_add_tree — add every file under host directory `dir` to `fs` at the same guest path
 * (DIR/a/b → /a/b), replacing boot-archive files of that name. Names are bytes end to end: a
 * host name that is not UTF-8 reaches the guest as the same bytes. `budget` carries the bytes
 * left of BOOT_ARCHIVE_MAX across calls. Throws BadInput for: a symlink that leaves DIR, dangles
 * or loops (a link to a directory that contains it is a loop), a special file (fifo, socket,
 * device), an unreadable entry, a file over BOOT_FILE_MAX, the budget running out, a name that
 * collides with a directory (or a directory with a file), and anything that would become
 * /sbin/init.
 */
export function fs_add_tree(fs: RamFs, dir: string, budget: { left: number } = { left: BOOT_ARCHIVE_MAX }): void {
  let root: string;
  try { root = real(bs(dir)); } catch (e) { throw new BadInput(`--fs ${dir}: ${errcode(e) === 'ENOENT' ? 'no such directory' : 'cannot resolve (' + errcode(e) + ')'}`); }
  // Messages are host text: show a name's bytes as UTF-8 where they are.
  const show = (rel: string) => Buffer.from(rel, 'latin1').toString('utf8');
  const bad = (rel: string, why: string) => new BadInput(`--fs ${dir}: ${show(rel)}: ${why}`);

  const add_file = (host: string, guest: string[]) => {
    const rel = guest.join('/');
    if (rel === 'sbin/init') throw bad(rel, 'would replace /sbin/init, which forkvm does not allow (init is the boot archive\'s)');
    const data = read_host_file(hb(host), `--fs ${dir}: ${show(rel)}`);
    if (data.length > budget.left) throw bad(rel, `the --fs trees are over the ${mib(BOOT_ARCHIVE_MAX)} limit`);
    budget.left -= data.length;
    let d: RamDir = fs.root;
    for (let i = 0; i < guest.length - 1; i++) {
      const n = d.entries.get(guest[i]);
      if (n === undefined) { d = fs.mkdirp('/' + guest.slice(0, i + 1).join('/')); continue; }
      if (!(n instanceof RamDir)) throw bad(rel, `/${show(guest.slice(0, i + 1).join('/'))} is a file in the guest, not a directory`);
      d = n;
    }
    const last = guest[guest.length - 1];
    if (d.entries.get(last) instanceof RamDir) throw bad(rel, `/${show(rel)} is a directory in the guest`);
    fs.addFile('/' + rel, data);
  };

  // Paths are byte strings; `stack`: the real paths of the directories being walked, to catch a
  // link back into one.
  const walk = (hostDir: string, guest: string[], stack: string[]) => {
    let names: string[];
    try { names = readdirSync(hb(hostDir), { encoding: 'buffer' }).map(bs).sort(); } catch (e) { throw bad(guest.join('/') || '.', `cannot read directory (${errcode(e)})`); }
    for (const name of names) {
      const host = hostDir + '/' + name;
      const g = [...guest, name];
      const rel = g.join('/');
      let st: Stats;
      try { st = lstatSync(hb(host)); } catch (e) { throw bad(rel, `cannot stat (${errcode(e)})`); }
      let target = host;
      if (st.isSymbolicLink()) {
        try { target = real(host); } catch (e) {
          const c = errcode(e);
          throw bad(rel, c === 'ELOOP' ? 'symbolic link loop' : c === 'ENOENT' ? 'dangling symbolic link' : `cannot resolve symbolic link (${c})`);
        }
        if (!inside(root, target)) throw bad(rel, `symbolic link leads outside the directory (to ${show(target)})`);
        try { st = lstatSync(hb(target)); } catch (e) { throw bad(rel, `cannot stat link target (${errcode(e)})`); }
      }
      if (st.isDirectory()) {
        const rp = target === host ? safe_real(host) : target;
        if (stack.includes(rp)) throw bad(rel, 'symbolic link loop (a link to a directory that contains it)');
        walk(target, g, [...stack, rp]);
      } else if (st.isFile()) {
        add_file(target, g);
      } else {
        throw bad(rel, 'not a regular file, directory or symbolic link');
      }
    }
  };
  walk(root, [], [root]);
}

function safe_real(p: string): string {
  try { return real(p); } catch { return p; }
}
