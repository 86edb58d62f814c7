/*
 * kernel/common/fs/file.ts — open files (file_t, uts/common/sys/file.h): a vnode, an offset shared
 * by every descriptor that refers to it, open flags and a reference count. Descriptor tables hold
 * UFile references; dup and fork share them (f_count), as Solaris does.
 */

import type { Vnode } from './vnode.ts';

/** Open flags (Solaris fcntl.h). */
export const FREAD = 1, FWRITE = 2, FAPPEND = 8;
export const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_APPEND = 8, O_CREAT = 0x100, O_TRUNC = 0x200, O_EXCL = 0x400;

export class UFile {
  f_vnode: Vnode;
  f_offset = 0;
  f_flag: number;
  f_count = 1;
  constructor(v: Vnode, flag: number) { this.f_vnode = v; this.f_flag = flag; }
}

/** Open files system-wide (the leak check reads it). */
export let files_open = 0;
/** Create a file object. */
export function falloc(v: Vnode, flag: number): UFile { files_open++; return new UFile(v, flag); }
/** Drop one reference (closef); the file goes away at zero. */
export function closef(f: UFile): void { if (--f.f_count === 0) files_open--; }
