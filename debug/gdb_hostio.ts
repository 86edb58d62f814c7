/*
 * debug/gdb_hostio.ts — the gdb stub's host I/O packets (vFile:setfs/open/pread/fstat/close,
 * gdb manual "Host I/O Packets"), read-only over the guest's file system: so that gdb, on an
 * `exec:` stop or with `set sysroot target:` (its default), reads the guest's /bin/echo rather
 * than the host's. Writes, unlink and readlink are refused (F-1 with gdb's EACCES/ENOSYS).
 */

import type { Kernel } from '../kernel/common/os/main.ts';
import { RamFile } from '../kernel/common/fs/ramfs.ts';
import { bytes_of_hex, rsp_escape } from './gdb_rsp.ts';

/** gdb's File-I/O errno values (not the guest's). */
const FIO_ENOENT = 2, FIO_EBADF = 9, FIO_EACCES = 13, FIO_EINVAL = 22, FIO_EMFILE = 24, FIO_ENOSYS = 88;
/** Open files at once, at most. */
const HOSTIO_MAX_FILES = 16;

/** HostIo — one session's open guest files (fd -> bytes). */
export class HostIo {
  private readonly files = new Map<number, Uint8Array>();

  constructor(readonly k: Kernel, readonly max_reply: number) {}

  /** handle — the reply to one `vFile:` packet (the part after `vFile:`), or '' when unknown. */
  handle(req: string): string {
    const i = req.indexOf(':');
    const op = i < 0 ? req : req.slice(0, i);
    const args = i < 0 ? [] : req.slice(i + 1).split(',');
    const int = (s: string | undefined) => (s !== undefined && /^[0-9a-fA-F]{1,8}$/.test(s) ? parseInt(s, 16) : -1);
    switch (op) {
      case 'setfs': return int(args[0]) >= 0 && args.length === 1 ? 'F0' : `F-1,${FIO_EINVAL.toString(16)}`;
      case 'open': {
        const name = args.length === 3 ? bytes_of_hex(args[0]) : null;
        const flags = int(args[1]);
        if (!name || flags < 0 || int(args[2]) < 0) return `F-1,${FIO_EINVAL.toString(16)}`;
        if ((flags & 3) !== 0) return `F-1,${FIO_EACCES.toString(16)}`;      // read-only
        const v = this.k.fs.lookup(String.fromCharCode(...name));
        if (!(v instanceof RamFile)) return `F-1,${(v ? FIO_EACCES : FIO_ENOENT).toString(16)}`;
        if (this.files.size >= HOSTIO_MAX_FILES) return `F-1,${FIO_EMFILE.toString(16)}`;
        let fd = 3;
        while (this.files.has(fd)) fd++;
        this.files.set(fd, v.data);
        return `F${fd.toString(16)}`;
      }
      case 'pread': {
        const fd = int(args[0]), count = int(args[1]), off = int(args[2]);
        const f = this.files.get(fd);
        if (args.length !== 3 || count < 0 || off < 0) return `F-1,${FIO_EINVAL.toString(16)}`;
        if (!f) return `F-1,${FIO_EBADF.toString(16)}`;
        // Escaping can double the bytes: keep the reply under the packet size.
        const part = f.subarray(Math.min(off, f.length), Math.min(f.length, off + Math.min(count, (this.max_reply >> 1) - 32)));
        return `F${part.length.toString(16)};${rsp_escape(String.fromCharCode(...part))}`;
      }
      case 'fstat': {
        const f = this.files.get(int(args[0]));
        if (!f) return `F-1,${FIO_EBADF.toString(16)}`;
        // struct fio_stat, big-endian: dev ino mode nlink uid gid rdev (4 each), size blksize blocks (8), atime mtime ctime (4).
        const st = new DataView(new ArrayBuffer(64));
        st.setUint32(8, 0o100555); st.setUint32(12, 1);
        st.setUint32(32, f.length); st.setUint32(40, 4096); st.setUint32(48, Math.ceil(f.length / 512));
        const b = new Uint8Array(st.buffer);
        return `F40;${rsp_escape(String.fromCharCode(...b))}`;
      }
      case 'close': {
        const fd = int(args[0]);
        return this.files.delete(fd) ? 'F0' : `F-1,${FIO_EBADF.toString(16)}`;
      }
      case 'pwrite': case 'unlink': return `F-1,${FIO_EACCES.toString(16)}`;
      case 'readlink': return `F-1,${FIO_ENOSYS.toString(16)}`;
      default: return '';
    }
  }
}
