/*
 * kernel/common/os/copy.ts — moving data between the kernel and user address spaces: copyin,
 * copyout, copyinstr, copyoutstr, uzero, fuword/suword. Mirrors the contracts of the assembly in
 * uts/sparc/v9/ml/copy.s and uts/intel/ia32/ml/copy.s: each user address is translated as a user
 * access would be (through the HAT's own tables, ISA-neutral), a missing or forbidding translation
 * goes to the fault handler with the matching rw, and failure is EFAULT. No lofault/on_fault.
 * Each copy charges its cycles (KC_COPY_CALL + a cycle per 8 bytes) to the CPU doing it.
 */

import { EFAULT, ENAMETOOLONG } from '../sys/errno.ts';
import { F_INVAL, F_PROT, S_READ, S_WRITE } from '../vm/seg.ts';
import { type As, as_fault } from '../vm/vm_as.ts';
import { PAGESIZE } from '../vm/vm_page.ts';
import { kcharge } from '../disp/kpreempt.ts';
import { KC_COPY_CALL } from './kcycles.ts';

/**
 * FaultFn — the fault handler copy routines call (addr, F_INVAL/F_PROT, rw) → 0 or FC_*. The
 * default is as_fault on the given as; a caller that wants the stack to grow (signal delivery,
 * window spills) passes a closure over pagefault()/grow().
 */
export type FaultFn = (addr: number, type: number, rw: number) => number;

/** Physical address for a user access, faulting it in once; -1 when it cannot be made. */
function user_pa(as: As, va: number, rw: number, pf: FaultFn | undefined): number {
  let pa = as.a_hat.probe_access(va, rw);
  for (let tries = 0; pa < 0 && tries < 2; tries++) {
    const type = pa === -1 ? F_INVAL : F_PROT;
    const fc = pf !== undefined ? pf(va, type, rw) : as_fault(as, va, type, rw);
    if (fc !== 0) return -1;
    pa = as.a_hat.probe_access(va, rw);
  }
  return pa;
}

/** True when [uva, uva+len) is a range of user space. */
function user_range(as: As, uva: number, len: number): boolean {
  return Number.isInteger(uva) && uva >= 0 && len >= 0 && uva + len <= as.a_userlimit;
}

/** Visit [uva, uva+len) page by page: fn(pa, offset in the copy, bytes); stops with EFAULT. */
function user_walk(as: As, uva: number, len: number, rw: number, pf: FaultFn | undefined,
  fn: (pa: number, off: number, n: number) => void): number {
  if (!user_range(as, uva, len)) return EFAULT;
  kcharge(KC_COPY_CALL + (len >>> 3));
  let off = 0;
  while (off < len) {
    const va = uva + off;
    const n = Math.min(len - off, PAGESIZE - (va % PAGESIZE));
    const pa = user_pa(as, va, rw, pf);
    if (pa < 0) return EFAULT;
    fn(pa, off, n);
    off += n;
  }
  return 0;
}

/** CopyinResult — copyin's errno and the bytes read (empty on error). */
export interface CopyinResult { error: number; data: Uint8Array }

/**
 * copyin — read `len` bytes of user memory at uva. EFAULT (and empty data) when any byte is outside
 * user space or cannot be made readable; pages are faulted in with S_READ.
 */
export function copyin(as: As, uva: number, len: number, pf?: FaultFn): CopyinResult {
  const data = new Uint8Array(len);
  const mem = as.a_vm.pages.p_mem.bytes;
  const error = user_walk(as, uva, len, S_READ, pf, (pa, off, n) => data.set(mem.subarray(pa, pa + n), off));
  return error === 0 ? { error: 0, data } : { error, data: new Uint8Array(0) };
}

/**
 * copyout — write `bytes` to user memory at uva, faulting pages in with S_WRITE (which breaks
 * copy-on-write) and setting the M bit as the MMU would. Returns 0 or EFAULT; on EFAULT a prefix
 * of the bytes may have been written, as with Solaris.
 */
export function copyout(as: As, uva: number, bytes: Uint8Array, pf?: FaultFn): number {
  const mem = as.a_vm.pages.p_mem;
  return user_walk(as, uva, bytes.length, S_WRITE, pf, (pa, off, n) => mem.write_bytes(pa, bytes.subarray(off, off + n)));
}

/** uzero — write `len` zero bytes to user memory at uva (copyout of zeros); 0 or EFAULT. */
export function uzero(as: As, uva: number, len: number, pf?: FaultFn): number {
  const m = as.a_vm.pages.p_mem;
  return user_walk(as, uva, len, S_WRITE, pf, (pa, _off, n) => m.zero(pa, n));
}

/**
 * CopyinstrResult — copyinstr's errno, the string's bytes and text (without its NUL; empty on
 * error) and lencopied (with the NUL).
 */
export interface CopyinstrResult { error: number; data: Uint8Array; str: string; len: number }

/**
 * copyinstr — read a NUL-terminated string of at most `maxlen` bytes including the NUL.
 * ENAMETOOLONG when no NUL occurs within maxlen bytes, EFAULT when a byte before the NUL is
 * unreadable. `str` is `data` as a byte string (bstr_decode: one char per byte, so no two byte
 * strings give one name); `len` counts the NUL.
 */
export function copyinstr(as: As, uva: number, maxlen: number, pf?: FaultFn): CopyinstrResult {
  const mem = as.a_vm.pages.p_mem.bytes;
  const fail = (error: number): CopyinstrResult => ({ error, data: new Uint8Array(0), str: '', len: 0 });
  const out: Uint8Array[] = [];
  let total = 0;
  while (total < maxlen) {
    const va = uva + total;
    if (!user_range(as, va, 1)) return fail(EFAULT);
    const pa = user_pa(as, va, S_READ, pf);
    if (pa < 0) return fail(EFAULT);
    const n = Math.min(maxlen - total, PAGESIZE - (va % PAGESIZE));
    const chunk = mem.subarray(pa, pa + n);
    const z = chunk.indexOf(0);
    if (z >= 0) {
      kcharge(KC_COPY_CALL + ((total + z) >>> 3));
      out.push(chunk.slice(0, z));
      const data = concat(out, total + z);
      return { error: 0, data, str: bstr_decode(data), len: total + z + 1 };
    }
    out.push(chunk.slice());
    total += n;
  }
  return fail(ENAMETOOLONG);
}

/**
 * bstr_decode — bytes as a byte string: char i is byte i (latin1). Guest strings (paths, argv,
 * the environment) are bytes end to end; the kernel keeps them as byte strings.
 */
export function bstr_decode(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/**
 * bstr_encode — a byte string back to its bytes. A string with a char above 0xff is not a byte
 * string (host text given to the kernel as is): it is encoded as UTF-8.
 */
export function bstr_encode(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return new TextEncoder().encode(s);
    b[i] = c;
  }
  return b;
}

function concat(parts: Uint8Array[], len: number): Uint8Array {
  const r = new Uint8Array(len);
  let o = 0;
  for (const p of parts) { r.set(p, o); o += p.length; }
  return r;
}

/** CopyoutstrResult — copyoutstr's errno and lencopied (bytes written including the NUL). */
export interface CopyoutstrResult { error: number; len: number }

/**
 * copyoutstr — write `s` (a byte string, see bstr_encode, or bytes) plus a NUL to uva, at most `maxlen`
 * bytes in all. ENAMETOOLONG (nothing written) when it does not fit, EFAULT as for copyout.
 */
export function copyoutstr(as: As, uva: number, s: string | Uint8Array, maxlen: number, pf?: FaultFn): CopyoutstrResult {
  const b = typeof s === 'string' ? bstr_encode(s) : s;
  if (b.length + 1 > maxlen) return { error: ENAMETOOLONG, len: 0 };
  const buf = new Uint8Array(b.length + 1);
  buf.set(b);
  const error = copyout(as, uva, buf, pf);
  return { error, len: error === 0 ? buf.length : 0 };
}

/** FuwordResult — fuword's errno and the value read (0 on error). */
export interface FuwordResult { error: number; value: number }

/**
 * fuword32 — read the aligned 32-bit word at uva in the machine's byte order (unsigned).
 * EFAULT when misaligned, outside user space or unreadable.
 */
export function fuword32(as: As, uva: number, pf?: FaultFn): FuwordResult {
  if (uva % 4 !== 0 || !user_range(as, uva, 4)) return { error: EFAULT, value: 0 };
  const pa = user_pa(as, uva, S_READ, pf);
  if (pa < 0) return { error: EFAULT, value: 0 };
  return { error: 0, value: as.a_vm.pages.p_mem.read32(pa) >>> 0 };
}

/** suword32 — write the aligned 32-bit word `value` at uva; 0 or EFAULT (as fuword32). */
export function suword32(as: As, uva: number, value: number, pf?: FaultFn): number {
  if (uva % 4 !== 0 || !user_range(as, uva, 4)) return EFAULT;
  const pa = user_pa(as, uva, S_WRITE, pf);
  if (pa < 0) return EFAULT;
  as.a_vm.pages.p_mem.write32(pa, value >>> 0);
  return 0;
}

/** fuword8 — read the byte at uva; EFAULT as fuword32 (no alignment rule). */
export function fuword8(as: As, uva: number, pf?: FaultFn): FuwordResult {
  if (!user_range(as, uva, 1)) return { error: EFAULT, value: 0 };
  const pa = user_pa(as, uva, S_READ, pf);
  if (pa < 0) return { error: EFAULT, value: 0 };
  return { error: 0, value: as.a_vm.pages.p_mem.bytes[pa] };
}

/** suword8 — write the byte `value` at uva; 0 or EFAULT. */
export function suword8(as: As, uva: number, value: number, pf?: FaultFn): number {
  if (!user_range(as, uva, 1)) return EFAULT;
  const pa = user_pa(as, uva, S_WRITE, pf);
  if (pa < 0) return EFAULT;
  as.a_vm.pages.p_mem.write8(pa, value & 0xff);
  return 0;
}
