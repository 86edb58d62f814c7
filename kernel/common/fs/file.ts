/*
 * kernel/common/fs/file.ts — open files (file_t, uts/common/sys/file.h; falloc/closef from
 * uts/common/os/fio.c): a vnode, an offset shared by every descriptor that refers to the file, the
 * open flags and a reference count. Descriptor tables (fio.ts) hold UFile references; dup and fork
 * share them (f_count), as Solaris does. The count of open files is kept per kernel instance (one
 * host process runs many kernels). Leaves out f_cred, f_audit_data and the file cache.
 */

import type { Vnode } from './vnode.ts';
import { curkernel } from '../os/kglobals.ts';
import { ASSERT } from '../sys/debug.ts';

/**
 * File flags (f_flag, Solaris sys/file.h). f_flag = oflag - FOPEN, i.e. the O_ACCMODE value plus 1,
 * so FREAD/FWRITE are bits and the other O_* status bits keep their values.
 */
export const FREAD = 0x01, FWRITE = 0x02, FNDELAY = 0x04, FAPPEND = 0x08, FSYNC = 0x10,
  FDSYNC = 0x40, FNONBLOCK = 0x80;
/** The flags F_SETFL may change (fcntl.c: FAPPEND|FNDELAY|FNONBLOCK|FSYNC|FDSYNC). */
export const FSETFL_MASK = FAPPEND | FNDELAY | FNONBLOCK | FSYNC | FDSYNC;

/** Open flags (Solaris fcntl.h). */
export const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_ACCMODE = 3, O_NDELAY = 0x04, O_APPEND = 0x08,
  O_SYNC = 0x10, O_DSYNC = 0x40, O_NONBLOCK = 0x80, O_CREAT = 0x100, O_TRUNC = 0x200, O_EXCL = 0x400,
  O_NOCTTY = 0x800;

/** oflag → f_flag (Solaris: filemode = oflag - FOPEN); 0 in the access bits means EINVAL. */
export function fflag_of_oflag(oflag: number): number {
  return ((oflag & O_ACCMODE) + 1) & 3 | (oflag & FSETFL_MASK);
}

/** f_flag → what F_GETFL returns (f_flag + FOPEN). */
export function oflag_of_fflag(fflag: number): number {
  return ((fflag & 3) - 1) | (fflag & FSETFL_MASK);
}

/** FileTable — the per-kernel counters the leak check reads. */
export interface FileTable {
  /** Files open now (f_count > 0). */
  ft_nopen: number;
  /** Files ever allocated (statistics). */
  ft_nalloc: number;
}

const tables = new WeakMap<object, FileTable>();

/** file_table — the counters kept for `owner` (a Kernel, or a device that opens before boot). */
export function file_table(owner: object): FileTable {
  let t = tables.get(owner);
  if (!t) { t = { ft_nopen: 0, ft_nalloc: 0 }; tables.set(owner, t); }
  return t;
}

/**
 * file_count — open files of kernel `k`: those counted against the kernel itself plus those
 * counted against its console device (boot opens fds 0-2 on it before any thread runs).
 * The leak check compares this at halt with its boot value.
 */
export function file_count(k: { machine: { console: object } }): number {
  return file_table(k).ft_nopen + file_table(k.machine.console).ft_nopen;
}

/** UFile — file_t. f_count is the number of descriptor slots (in any process) that refer to it. */
export class UFile {
  f_vnode: Vnode;
  f_offset = 0;
  f_flag: number;
  f_count = 1;
  /** The counters this file is accounted in (per kernel). */
  readonly f_table: FileTable;
  constructor(v: Vnode, flag: number, table: FileTable) { this.f_vnode = v; this.f_flag = flag; this.f_table = table; }
}

/**
 * falloc — a new open file on v with f_flag `flag` and f_count 1; calls v.vop_open. Counted against
 * `owner` if given, else v.v_owner, else the running kernel (which must then exist).
 */
export function falloc(v: Vnode, flag: number, owner?: object): UFile {
  const t = file_table(owner ?? v.v_owner ?? curkernel());
  t.ft_nopen++;
  t.ft_nalloc++;
  v.vop_open?.(flag);
  return new UFile(v, flag, t);
}

/** fhold — one more descriptor refers to f (dup, fork: fcnt_add). */
export function fhold(f: UFile): void {
  ASSERT(f.f_count > 0, 'fhold: file already closed');
  f.f_count++;
}

/**
 * closef — drop one reference; at zero the vnode is closed (vop_close, which never sleeps) and the
 * file stops counting. Never blocks, so exit() may call it from a plain function.
 */
export function closef(f: UFile): void {
  ASSERT(f.f_count > 0, 'closef: file already closed');
  if (--f.f_count > 0) return;
  f.f_table.ft_nopen--;
  f.f_vnode.vop_close?.(f.f_flag);
}
