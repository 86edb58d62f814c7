/*
 * kernel/common/vm/mm_syscalls.ts — the memory system calls: mmap (Solaris smmap32/smmap_common
 * and zmap of uts/common/os/grow.c), munmap, and shmsys (the SysV shm trap, subcodes shmat 0,
 * shmctl 1, shmdt 2, shmget 3, shmids 4, handled by os/shm.ts). Bound into sysent by name by
 * syscall/syscall_table.ts. File mappings cover regular ramfs files, private or shared (shared
 * writable only for /tmp files, written back at the last unmap); leaves out mprotect/msync/memcntl, MAP_RENAME, ASLR and /dev/zero.
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import { curkernel, curproc } from '../os/kglobals.ts';
import { copyin, copyout, suword32 } from '../os/copy.ts';
import { ipc_ids } from '../os/ipc.ts';
import { EACCES, EBADF, EFAULT, EINVAL, ENODEV, ENOMEM, ENOTSUP, ENXIO } from '../sys/errno.ts';
import type { Proc } from '../sys/proc.ts';
import { FREAD, FWRITE, type UFile } from '../fs/file.ts';
import { RamFile } from '../fs/ramfs.ts';
import {
  MAP_ANON, MAP_FIXED, MAP_NORESERVE, MAP_PRIVATE, MAP_SHARED, MAP_TYPE, PROT_ALL, PROT_EXEC, PROT_USER,
  PROT_WRITE,
} from './seg.ts';
import { segvn_create, vmfile_lookup } from './seg_vn.ts';
import { type As, AH_HI, as_gap, as_map, as_unmap } from './vm_as.ts';
import { PAGEOFFSET, PAGESIZE, page_roundup } from './vm_page.ts';
import { map_addr, map_top, type VmProc } from './pagefault.ts';
import { type ShmProc, shm_table, shmat, shmctl, shmdt, shmget } from '../os/shm.ts';

/** mman.h flags beyond seg.ts's: new-style call marker, low-32 (kernel only), alignment, hints. */
export const _MAP_NEW = 0x80000000, _MAP_LOW32 = 0x80, MAP_RENAME = 0x20, MAP_ALIGN = 0x200,
  MAP_TEXT = 0x400, MAP_INITDATA = 0x800;

/** Every flag smmap_common accepts (others are EINVAL). */
const MAP_VALID = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | _MAP_NEW | _MAP_LOW32 | MAP_NORESERVE | MAP_ANON |
  MAP_ALIGN | MAP_TEXT | MAP_INITDATA;

/** The proc_t fields mmap/munmap use (a VmProc with its descriptor table). */
export type MmProc = VmProc & Pick<Proc, 'p_fds'>;

/** valid_usr_range — [addr, addr+len) lies inside user space and does not wrap. */
function valid_usr_range(as: As, addr: number, len: number): boolean {
  const end = addr + len;
  return addr >= 0 && len > 0 && end > addr && end <= as.a_userlimit;
}

/**
 * choose_addr — the address of a new mapping of len bytes (grow.c choose_addr): with MAP_FIXED,
 * `addr` after unmapping whatever was there; otherwise `addr` rounded down to a page when that
 * range is free (a hint), else map_addr's choice (with MAP_ALIGN, `addr` is the alignment
 * instead). -1 when nothing fits.
 */
export function choose_addr(p: VmProc, addr: number, len: number, flags: number): number {
  const as = p.p_as;
  if (flags & MAP_FIXED) {
    as_unmap(as, addr, len);
    return addr;
  }
  if (flags & MAP_ALIGN) {
    const align = Math.max(addr, PAGESIZE);
    const need = page_roundup(len) + align - PAGESIZE;
    const top = map_top(p);
    const lo = Math.max(PAGESIZE, page_roundup(p.p_brkbase + p.p_brksize));
    const g = as_gap(as, need, lo, top, AH_HI);
    if (g < 0) return -1;
    return Math.floor((g + need - page_roundup(len)) / align) * align;
  }
  const base = addr - (addr % PAGESIZE);
  if (base !== 0 && valid_usr_range(as, base, len) && as_gap(as, len, base, base + page_roundup(len)) === base) {
    return base;
  }
  return map_addr(p, len);
}

/** MmapResult — smmap's errno and, on success, the address mapped. */
export interface MmapResult { error: number; addr: number }

/** zmap — anonymous memory: a segvn with no vnode and no anon map yet (demand zero). */
function zmap(p: VmProc, addr: number, len: number, uprot: number, flags: number): MmapResult {
  const as = p.p_as;
  if ((uprot & ~(PROT_ALL | PROT_USER)) !== 0) return { error: EACCES, addr: 0 };
  if (flags & MAP_FIXED) {
    if (addr & PAGEOFFSET) return { error: EINVAL, addr: 0 };
    if (!valid_usr_range(as, addr, len)) return { error: ENOMEM, addr: 0 };
  }
  const a = choose_addr(p, addr, len, flags);
  if (a < 0) return { error: ENOMEM, addr: 0 };
  const error = as_map(as, a, len, segvn_create, {
    type: flags & MAP_TYPE, prot: uprot & PROT_ALL, maxprot: PROT_ALL, vp: null, offset: 0,
    flags: flags & MAP_NORESERVE,
  });
  return error === 0 ? { error: 0, addr: a } : { error, addr: 0 };
}

/**
 * Map a regular ramfs file (the VOP_MAP of a file system whose pages come from host memory). A
 * writable file is mapped live (its pages follow writes and truncation); a boot-archive file by
 * its buffer, sharing the page cache with exec.
 */
function fmap(p: VmProc, fp: UFile, addr: number, len: number, uprot: number, flags: number, pos: number): MmapResult {
  const as = p.p_as;
  const vp = fp.f_vnode;
  if (!(vp instanceof RamFile)) return { error: ENODEV, addr: 0 };
  if (pos < 0) return { error: ENXIO, addr: 0 };
  const type = flags & MAP_TYPE;
  let maxprot = PROT_ALL;
  if (type === MAP_SHARED && (fp.f_flag & FWRITE) === 0) maxprot &= ~PROT_WRITE;
  const prot = uprot & PROT_ALL;
  if ((maxprot & prot) !== prot || (fp.f_flag & FREAD) === 0) return { error: EACCES, addr: 0 };
  // Stores through a shared mapping reach the file only when it is written back (seg_vn VN_RELE):
  // a writable ramfs file can do that, a boot-archive file cannot.
  if (type === MAP_SHARED && (prot & PROT_WRITE) && !vp.writable) return { error: ENOTSUP, addr: 0 };
  if (flags & MAP_FIXED) {
    if (addr & PAGEOFFSET) return { error: EINVAL, addr: 0 };
    if (!valid_usr_range(as, addr, len)) return { error: ENOMEM, addr: 0 };
  }
  const a = choose_addr(p, addr, len, flags);
  if (a < 0) return { error: ENOMEM, addr: 0 };
  const error = as_map(as, a, len, segvn_create, {
    type, prot, maxprot, vp: vmfile_lookup(as.a_vm.pages, vp.writable ? vp : vp.data), offset: pos, flags: flags & MAP_NORESERVE,
  });
  return error === 0 ? { error: 0, addr: a } : { error, addr: 0 };
}

/**
 * smmap — mmap(addr, len, prot, flags, fd, pos) for process p (smmap32 + smmap_common). A call
 * without _MAP_NEW is an old-style mmap and gets MAP_FIXED when `oldfixed` (SPARC). fd -1 with
 * MAP_ANON maps anonymous memory; otherwise fd must be open (EBADF), readable, and a regular
 * file (ENODEV). EINVAL: unknown flags, a type other than MAP_PRIVATE/MAP_SHARED, len 0, pos not
 * page aligned, MAP_FIXED at an unaligned address, MAP_ANON with a file. ENOMEM: a MAP_FIXED
 * range outside user space, or no room. EACCES: prot beyond the file's open mode or PROT_ALL.
 */
export function smmap(p: MmProc, addr: number, len: number, prot: number, flags: number, fd: number, pos: number,
  oldfixed = true): MmapResult {
  if (flags & _MAP_LOW32) return { error: EINVAL, addr: 0 };
  let fp: UFile | null = null;
  if (!(fd === -1 && (flags & MAP_ANON))) {
    fp = fd >= 0 && fd < p.p_fds.length ? p.p_fds[fd] ?? null : null;
    if (fp === null) return { error: EBADF, addr: 0 };
  }
  if ((flags & ~MAP_VALID) !== 0) return { error: EINVAL, addr: 0 };
  if ((flags & MAP_TEXT) && !(prot & PROT_EXEC)) return { error: EINVAL, addr: 0 };
  if ((flags & (MAP_TEXT | MAP_INITDATA)) === (MAP_TEXT | MAP_INITDATA)) return { error: EINVAL, addr: 0 };
  if (oldfixed && (flags & _MAP_NEW) === 0) flags |= MAP_FIXED;
  flags &= ~_MAP_NEW;
  const type = flags & MAP_TYPE;
  if (type !== MAP_PRIVATE && type !== MAP_SHARED) return { error: EINVAL, addr: 0 };
  if (flags & MAP_ALIGN) {
    if (flags & MAP_FIXED) return { error: EINVAL, addr: 0 };
    if ((addr !== 0 && addr < PAGESIZE) || (addr & (addr - 1)) !== 0) return { error: EINVAL, addr: 0 };
  }
  if (len === 0 || (pos & PAGEOFFSET) !== 0) return { error: EINVAL, addr: 0 };
  const uprot = prot | PROT_USER;
  if (fp === null) return zmap(p, addr, len, uprot, flags);
  if (flags & MAP_ANON) return { error: EINVAL, addr: 0 };
  return fmap(p, fp, addr, len, uprot, flags, pos);
}

/**
 * smunmap — munmap(addr, len) for process p: EINVAL when addr is not page aligned, len is 0, or
 * the range leaves user space; holes inside the range are fine.
 */
export function smunmap(p: VmProc, addr: number, len: number): number {
  const as = p.p_as;
  if ((addr & PAGEOFFSET) !== 0 || len === 0) return EINVAL;
  if (!valid_usr_range(as, addr, len)) return EINVAL;
  return as_unmap(as, addr, len) === 0 ? 0 : EINVAL;
}

function ret(error: number, rval1 = 0): SysRet { return { error, rval1: error ? 0 : rval1 | 0, rval2: 0 }; }

/** mmap(addr, len, prot, flags, fd, off) → the address. */
function mmap(args: number[]): SysRet {
  const p = curproc();
  if (p.p_as === null) return ret(EFAULT);
  const r = smmap(p as MmProc, args[0] >>> 0, args[1] >>> 0, args[2] | 0, args[3] >>> 0, args[4] | 0, args[5] | 0,
    curkernel().md.isa === 'sparc');
  return ret(r.error, r.addr);
}

/** munmap(addr, len) → 0. */
function munmap(args: number[]): SysRet {
  const p = curproc();
  if (p.p_as === null) return ret(EFAULT);
  return ret(smunmap(p as VmProc, args[0] >>> 0, args[1] >>> 0));
}

/** shmsys(op, a1, a2, a3): shmat 0, shmctl 1, shmdt 2, shmget 3, shmids 4. */
function shmsys(args: number[]): SysRet {
  const k = curkernel();
  const p = curproc();
  if (p.p_as === null) return ret(EFAULT);
  const sp = p as ShmProc;
  const as = p.p_as;
  const tab = shm_table(k);
  const [op, a1, a2, a3] = args;
  switch (op) {
    case 0: {
      const r = shmat(tab, sp, a1 | 0, a2 >>> 0, a3 | 0);
      return ret(r.error, r.addr);
    }
    case 1: {
      const buf = a3 >>> 0;
      return ret(shmctl(tab, sp, a1 | 0, a2 | 0, {
        bigEndian: k.md.elf.bigEndian,
        copyout: (bytes) => copyout(as, buf, bytes),
        copyin: (len) => copyin(as, buf, len),
      }));
    }
    case 2:
      return ret(shmdt(sp, a1 >>> 0));
    case 3: {
      const r = shmget(tab, sp, a1 | 0, a2 >>> 0, a3 | 0);
      return ret(r.error, r.id);
    }
    case 4: {
      // shmids(buf, nids, pnids): the live ids, if they fit, and their count.
      const ids = tab.slots.filter((s) => s !== null).map((s) => s!.shm_id);
      return ret(ipc_ids(as, ids, a1, a2, a3));
    }
    default:
      return ret(EINVAL);
  }
}

/** Handlers by sysent name. */
export const SYSCALLS_MM: Record<string, SysHandler> = { mmap, munmap, shmsys };
