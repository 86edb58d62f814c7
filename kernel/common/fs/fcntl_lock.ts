/*
 * kernel/common/fs/fcntl_lock.ts — fcntl's record-lock commands F_GETLK (14), F_SETLK (6) and
 * F_SETLKW (7) (the flock half of uts/common/syscall/fcntl.c): the 32-bit struct flock in and out,
 * l_whence/l_start/l_len to a byte range, the open mode check, then fs/flock.ts does the work.
 */

import type { SysRet } from '../syscall/syscall_table.ts';
import { EBADF, EFAULT, EINVAL, EOVERFLOW } from '../sys/errno.ts';
import type { KGen } from '../sys/thread.ts';
import type { Proc } from '../sys/proc.ts';
import { copyin, copyout } from '../os/copy.ts';
import { curkernel } from '../os/kglobals.ts';
import { FREAD, FWRITE, type UFile } from './file.ts';
import { F_RDLCK, F_UNLCK, F_WRLCK, MAXEND, flk_getlk, reclock, type LockDesc } from './flock.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** fcntl commands for record locks (Solaris sys/fcntl.h). */
export const F_SETLK = 6, F_SETLKW = 7, F_GETLK = 14;
/** sizeof (struct flock) for a 32-bit process: l_type, l_whence (shorts), l_start, l_len, l_sysid, l_pid, l_pad[4]. */
export const FLOCK32_SIZE = 36;
/** The largest offset of a 32-bit process (MAXOFF32_T). */
const MAXOFF32 = 0x7fffffff;


/** Flock32 — struct flock as a 32-bit process lays it out. */
export interface Flock32 { l_type: number; l_whence: number; l_start: number; l_len: number; l_sysid: number; l_pid: number }

/** flock32_decode — a struct flock from its 36 bytes in the ISA's byte order. */
export function flock32_decode(b: Uint8Array, bigEndian: boolean): Flock32 {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = !bigEndian;
  return { l_type: dv.getInt16(0, le), l_whence: dv.getInt16(2, le), l_start: dv.getInt32(4, le), l_len: dv.getInt32(8, le),
    l_sysid: dv.getInt32(12, le), l_pid: dv.getInt32(16, le) };
}

/** flock32_encode — the first 20 bytes of a struct flock (the padding is left as it was). */
export function flock32_encode(fl: Flock32, b: Uint8Array, bigEndian: boolean): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = !bigEndian;
  dv.setInt16(0, fl.l_type, le); dv.setInt16(2, fl.l_whence, le);
  dv.setInt32(4, fl.l_start, le); dv.setInt32(8, fl.l_len, le);
  dv.setInt32(12, fl.l_sysid, le); dv.setInt32(16, fl.l_pid, le);
}

/**
 * flock_range — [start, end] of a struct flock on file f (flk_convert_lock_data): l_whence
 * SEEK_SET/CUR/END, l_len 0 = to end of file and beyond, a negative l_len = the bytes before
 * l_start. EINVAL for a bad whence or a range starting before 0, EOVERFLOW past MAXOFF32.
 */
export function flock_range(fl: Flock32, f: UFile): { error: number; start: number; end: number } {
  const base = fl.l_whence === 0 ? 0 : fl.l_whence === 1 ? f.f_offset : fl.l_whence === 2 ? f.f_vnode.size() : -1;
  if (base < 0) return { error: EINVAL, start: 0, end: 0 };
  let start = base + fl.l_start;
  let end: number;
  if (fl.l_len > 0) end = start + fl.l_len - 1;
  else if (fl.l_len === 0) end = MAXEND;
  else { end = start - 1; start += fl.l_len; }
  if (start < 0 || end < start - 1) return { error: EINVAL, start: 0, end: 0 };
  if (start > MAXOFF32 || (end !== MAXEND && end > MAXOFF32)) return { error: EOVERFLOW, start: 0, end: 0 };
  return { error: 0, start, end };
}

/**
 * fcntl_lock — F_GETLK, F_SETLK or F_SETLKW for p on open file f with the struct flock at uva.
 * EFAULT for a bad pointer; EINVAL for a bad l_type (F_UNLCK too, for F_GETLK) or range; EBADF
 * for F_RDLCK on a file not open for reading or F_WRLCK on one not open for writing; then
 * reclock's EAGAIN, EDEADLK, EINTR. F_GETLK writes back the first conflicting lock (l_whence
 * SEEK_SET, l_len 0 for one to EOF, its owner's pid) or just l_type = F_UNLCK.
 */
export function* fcntl_lock(p: Proc, f: UFile, cmd: number, uva: number): KGen<SysRet> {
  const as = p.p_as;
  if (!as) return fail(EFAULT);
  const be = curkernel().md.elf.bigEndian;
  const r = copyin(as, uva >>> 0, FLOCK32_SIZE);
  if (r.error) return fail(EFAULT);
  const fl = flock32_decode(r.data, be);
  if (fl.l_type !== F_RDLCK && fl.l_type !== F_WRLCK && fl.l_type !== F_UNLCK) return fail(EINVAL);
  const rg = flock_range(fl, f);
  if (rg.error) return fail(rg.error);
  const req: LockDesc = { l_type: fl.l_type, l_start: rg.start, l_end: rg.end, l_owner: p };
  if (cmd === F_GETLK) {
    if (fl.l_type === F_UNLCK) return fail(EINVAL);
    const c = yield* flk_getlk(f.f_vnode, req);
    const out = r.data.slice();
    if (c === null) flock32_encode({ ...fl, l_type: F_UNLCK }, out, be);
    else {
      flock32_encode({ l_type: c.l_type, l_whence: 0, l_start: c.l_start, l_len: c.l_end === MAXEND ? 0 : c.l_end - c.l_start + 1,
        l_sysid: 0, l_pid: c.l_owner.p_pid }, out, be);
    }
    return copyout(as, uva >>> 0, out) ? fail(EFAULT) : ok(0);
  }
  if (fl.l_type === F_RDLCK && !(f.f_flag & FREAD)) return fail(EBADF);
  if (fl.l_type === F_WRLCK && !(f.f_flag & FWRITE)) return fail(EBADF);
  const e = yield* reclock(f.f_vnode, req, cmd === F_SETLKW);
  return e ? fail(e) : ok(0);
}
