/*
 * kernel/common/vm/pagefault.ts — user page faults and the two UNIX segments that grow: the brk
 * heap and the stack. Mirrors pagefault() (uts/sun4/vm/vm_dep.c: as_fault, then the zfod fill of
 * holes in the data/stack areas), grow()/grow_internal()/brk_internal() of os/grow.c, and map_addr()
 * (vm_dep.c). Leaves out large-page size codes, rctl accounting, address randomisation and
 * watchpoints; the process fields it needs are passed in as a VmProc (proc_t's names).
 */

import { EINVAL, ENOMEM } from '../sys/errno.ts';
import { FC_NOMAP, PROT_ZFOD } from './seg.ts';
import { SEGVN_ZFOD_ARGS, segvn_create } from './seg_vn.ts';
import { type As, AH_HI, as_fault, as_gap, as_map, as_unmap } from './vm_as.ts';
import { PAGESIZE, page_roundup, page_trunc } from './vm_page.ts';

/** Default stack size limit (RLIMIT_STACK): 8 MiB, Solaris's DFLSSIZ. */
export const DFLSSIZ = 8 * 1024 * 1024;

/**
 * VmProc — the proc_t fields the VM growth code reads and updates: the address space, the heap
 * (p_brkbase, p_brksize: the break is p_brkbase + p_brksize), and the stack (p_usrstack its top,
 * p_stksize bytes mapped below it, p_stk_ctl the most it may grow to).
 */
export interface VmProc {
  p_as: As;
  p_brkbase: number;
  p_brksize: number;
  p_usrstack: number;
  p_stksize: number;
  p_stk_ctl: number;
}

/**
 * pagefault — handle a user fault at addr (type F_INVAL/F_PROT, rw S_READ/S_WRITE/S_EXEC):
 * as_fault, and when nothing is mapped there but addr lies inside the heap [p_brkbase, break)
 * or the mapped stack, fill the hole with a demand-zero page and retry. Returns 0 or a FC_* code.
 * The trap handler grows the stack after FC_NOMAP: `if (res === FC_NOMAP && addr < p_usrstack &&
 * grow(p, addr))` the access is simply retried.
 */
export function pagefault(p: VmProc, addr: number, type: number, rw: number, iskernel = false): number {
  const as = p.p_as;
  const res = as_fault(as, addr, type, rw);
  if (res !== FC_NOMAP || iskernel) return res;
  let base = p.p_brkbase;
  let len = p.p_brksize;
  if (addr < base || addr >= base + len) {
    base = p.p_usrstack - p.p_stksize;
    len = p.p_stksize;
    if (addr < base || addr >= p.p_usrstack) return FC_NOMAP;
  }
  const va = page_trunc(addr);
  if (as_map(as, va, PAGESIZE, segvn_create, SEGVN_ZFOD_ARGS(PROT_ZFOD, PROT_ZFOD)) !== 0) return FC_NOMAP;
  return as_fault(as, addr, type, rw);
}

/**
 * grow_internal — extend the stack down so that it covers sp: maps demand-zero memory between
 * the new and the old bottom and updates p_stksize. 0 when already covered or grown; ENOMEM past
 * p_stk_ctl or when the range is taken by another mapping.
 */
export function grow_internal(p: VmProc, sp: number): number {
  if (sp >= p.p_usrstack) return 0;
  const newsize = p.p_usrstack - page_trunc(sp);
  if (newsize <= p.p_stksize) return 0;
  if (newsize > p.p_stk_ctl) return ENOMEM;
  const error = as_map(p.p_as, p.p_usrstack - newsize, newsize - p.p_stksize, segvn_create,
    SEGVN_ZFOD_ARGS(PROT_ZFOD, PROT_ZFOD));
  if (error !== 0) return error;
  p.p_stksize = newsize;
  return 0;
}

/** grow — Solaris's boolean form: 1 (true) when the stack now covers sp. */
export function grow(p: VmProc, sp: number): boolean {
  return grow_internal(p, sp) === 0 && sp >= p.p_usrstack - p.p_stksize;
}

/**
 * brk_internal — move the break to nva: maps demand-zero pages up to page_roundup(nva) or
 * unmaps those above it, then sets p_brksize = nva - p_brkbase. EINVAL below p_brkbase; ENOMEM
 * when the new heap would overlap another mapping or leave user space (nothing changed then).
 */
export function brk_internal(p: VmProc, nva: number): number {
  if (nva < p.p_brkbase) return EINVAL;
  const ova = page_roundup(p.p_brkbase + p.p_brksize);
  const nvr = page_roundup(nva);
  if (nvr > ova) {
    const error = as_map(p.p_as, ova, nvr - ova, segvn_create, SEGVN_ZFOD_ARGS(PROT_ZFOD, PROT_ZFOD));
    if (error !== 0) return error;
  } else if (nvr < ova) {
    const error = as_unmap(p.p_as, nvr, ova - nvr);
    if (error !== 0) return error;
  }
  p.p_brksize = nva - p.p_brkbase;
  return 0;
}

/**
 * map_top — the end of the range map_addr chooses from: the lowest address the stack may grow to,
 * or the top of user space when the stack is below the program (or there is none).
 */
export function map_top(p: VmProc): number {
  const below = p.p_usrstack > 0 && p.p_usrstack <= p.p_brkbase;
  return p.p_usrstack > 0 && !below ? p.p_usrstack - page_roundup(p.p_stk_ctl) : p.p_as.a_userlimit;
}

/**
 * map_addr — where the kernel puts a new mapping of `len` bytes whose address the user left
 * free (mmap without MAP_FIXED, shmat at 0): the highest page-aligned free range between the end
 * of the heap and the lowest address the stack may grow to (p_usrstack - p_stk_ctl), so that
 * neither brk nor the stack runs into it early. When the stack is below the program (i386: USRSTACK
 * is the text's base, the stack grows down from there) the range ends at the top of user space
 * instead. -1 when nothing fits.
 */
export function map_addr(p: VmProc, len: number): number {
  const as = p.p_as;
  const top = map_top(p);
  const lo = Math.max(PAGESIZE, page_roundup(p.p_brkbase + p.p_brksize));
  return as_gap(as, len, lo, top, AH_HI);
}
