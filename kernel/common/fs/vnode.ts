/*
 * kernel/common/fs/vnode.ts — vnodes (uts/common/sys/vnode.h), reduced to what the RAM file system,
 * the console and pipes need: a type, a size, and the VOP_OPEN/VOP_CLOSE/VOP_READ/VOP_WRITE entry
 * points. Reads and writes are generators because a pipe or the console may sleep; uio is reduced
 * to an offset, a length and a sink that copies out. Leaves out attributes, permissions beyond a
 * read-only bit, links, VOP_LOOKUP (ramfs.ts walks its own tree) and paging.
 */

import type { KGen } from '../sys/thread.ts';

/** Vnode types (enum vtype in vnode.h): VNON 0, VREG 1, VDIR 2, VBLK 3, VCHR 4, VLNK 5, VFIFO 6. */
export const VNON = 0, VREG = 1, VDIR = 2, VBLK = 3, VCHR = 4, VLNK = 5, VFIFO = 6;

/** What VOP_READ / VOP_WRITE return: errno (0 = ok) and the bytes moved. */
export interface VopRet { error: number; n: number }

/**
 * UioSink — where VOP_READ puts the bytes it read (uiomove to user space): called with each chunk
 * before the vnode consumes it (a pipe keeps the data when the copy fails); returns 0 or errno.
 */
export type UioSink = (data: Uint8Array) => number;

/**
 * Vnode — vnode_t with its vnodeops folded in as methods.
 * Contracts shared by every implementation:
 *  - vop_read(off, len, fflag, out) delivers at most `len` bytes through `out` and returns their count
 *    (0 = end of file); it may sleep (pipes, console) and then returns EINTR when a signal ends the
 *    sleep and nothing was read yet. `fflag` is the file's f_flag (FNONBLOCK/FNDELAY).
 *  - vop_write(off, data, fflag) returns the count written or an errno; it may sleep (pipes).
 *  - vop_open(fflag) / vop_close(fflag) are called once per open file (falloc / last closef);
 *    they never sleep, so closef can run from exit() and exec() without blocking.
 */
export interface Vnode {
  v_type: number;
  /**
   * The object the open files of this vnode are counted against (file.ts file_count); absent:
   * the running kernel. Lets boot code open the console before any kernel thread runs.
   */
  v_owner?: object;
  /** Size in bytes (regular files; 0 for devices and pipes, entries for directories). */
  size(): number;
  vop_read(off: number, len: number, fflag: number, out: UioSink): KGen<VopRet>;
  vop_write(off: number, data: Uint8Array, fflag: number): KGen<VopRet>;
  vop_open?(fflag: number): void;
  vop_close?(fflag: number): void;
}
