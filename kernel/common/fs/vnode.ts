/*
 * kernel/common/fs/vnode.ts — vnodes (uts/common/sys/vnode.h), reduced to what the RAM file system
 * and the console need: a type, and read/write at an offset. Reads that would block (console
 * input not yet typed) return EAGAIN-free `null` so the caller can sleep.
 */

export const VREG = 1, VDIR = 2, VCHR = 4;

export interface Vnode {
  v_type: number;
  /** Size in bytes (regular files). */
  size(): number;
  /** Read up to len bytes at off; null = no data yet (would block). */
  read(off: number, len: number): Uint8Array | null;
  /** Write bytes at off (or append for character devices); returns bytes written or -errno. */
  write(off: number, data: Uint8Array): number;
}
