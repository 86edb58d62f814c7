/*
 * kernel/common/fs/getdents.ts — getdents (81, uts/common/syscall/getdents.c over tmpfs's
 * tmp_readdir): directory entries as 32-bit Solaris struct dirent records (d_ino 0, d_off 4,
 * d_reclen 8, d_name 10, NUL-terminated, each record padded to 4 bytes). The file offset is a
 * cookie: 0 is `.`, 1 is `..`, then each entry's RamDir cookie; a record's d_off is the cookie
 * to resume after it (what telldir returns). Entries removed behind the reader do not move
 * those ahead of it.
 */

import type { SysRet } from '../syscall/syscall_table.ts';
import { EBADF, EFAULT, EINVAL, ENOTDIR } from '../sys/errno.ts';
import { bstr_encode, copyout } from '../os/copy.ts';
import { curkernel, curproc } from '../os/kglobals.ts';
import { getf } from './fio.ts';
import { RamDir } from './ramfs.ts';

/** Offset of d_name in a 32-bit struct dirent. */
export const DIRENT32_NAME = 10;

/** dirent32_reclen — the record length for a name of `namlen` bytes (header, name, NUL, padded to 4). */
export function dirent32_reclen(namlen: number): number {
  return (DIRENT32_NAME + namlen + 1 + 3) & ~3;
}

/**
 * dir_entries — the entries of d from cookie `off` on: [cookie, name, inode]; `.` and `..` first
 * (a removed directory has neither, nor anything else).
 */
export function dir_entries(d: RamDir, off: number): [number, string, number][] {
  const out: [number, string, number][] = [];
  if (!d.v_linked) return out;
  if (off <= 0) out.push([0, '.', d.v_ino]);
  if (off <= 1) out.push([1, '..', d.parent.v_ino]);
  for (const [name, v] of d.entries) {
    const c = d.seq(name);
    if (c >= off) out.push([c, name, (v as { v_ino?: number }).v_ino ?? 0]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * getdents(fd, buf, nbytes) — as many whole records as fit in nbytes from the file offset on;
 * returns the bytes filled (0 at the end) and moves the offset past the last record. EBADF for a
 * closed fd or one not open for reading, ENOTDIR for a non-directory, EINVAL when nbytes cannot
 * hold the next record, EFAULT for a bad buffer.
 */
export function getdents(args: number[]): SysRet {
  const p = curproc();
  const f = getf(args[0] | 0, p);
  if (!f || !(f.f_flag & 1)) return { error: EBADF, rval1: 0, rval2: 0 };
  const d = f.f_vnode;
  if (!(d instanceof RamDir)) return { error: ENOTDIR, rval1: 0, rval2: 0 };
  const nbytes = Math.min(args[2] >>> 0, 1 << 20);
  const be = curkernel().md.elf.bigEndian;
  const out = new Uint8Array(nbytes);
  const dv = new DataView(out.buffer);
  let n = 0, next = f.f_offset;
  for (const [cookie, name, ino] of dir_entries(d, f.f_offset)) {
    const nb = bstr_encode(name);
    const rl = dirent32_reclen(nb.length);
    if (n + rl > nbytes) {
      if (n === 0) return { error: EINVAL, rval1: 0, rval2: 0 };
      break;
    }
    dv.setUint32(n, ino >>> 0, !be);
    dv.setInt32(n + 4, cookie + 1, !be);
    dv.setUint16(n + 8, rl, !be);
    out.set(nb, n + DIRENT32_NAME);
    n += rl;
    next = cookie + 1;
  }
  if (n > 0) {
    if (!p.p_as || copyout(p.p_as, args[1] >>> 0, out.subarray(0, n))) return { error: EFAULT, rval1: 0, rval2: 0 };
  }
  f.f_offset = next;
  return { error: 0, rval1: n, rval2: 0 };
}
