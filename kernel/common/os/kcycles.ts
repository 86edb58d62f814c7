/*
 * kernel/common/os/kcycles.ts — the cycle cost of kernel work (the cycle model's kernel half; the
 * instruction costs are in hw/<isa>/isa.ts). The kernel is hosted, so its work is charged to the
 * CPU it runs on by these documented figures: per trap entry/return (kernel/<isa>/trap.ts), per
 * page zeroed or copied (measured from the VM's own counters after each trap), per page and
 * segment of address space duplicated by fork, per lwp cloned, per descriptor, per byte copied in
 * or out. Where the kernel charges, it reaches a preemption point (disp/kpreempt.ts). Figures are those of a ~40 MHz in-order SPARC moving 8 bytes
 * a cycle; they are estimates, fixed so that runs are deterministic.
 */

import type { Cpu } from '../../../hw/machine.ts';
import type { PagePool } from '../vm/vm_page.ts';

/** Cycles to zero one 4 KiB page (page_create with zero). */
export const KC_PAGE_ZERO = 512;
/** Cycles to copy one 4 KiB page (a copy-on-write break or a private file page). */
export const KC_PAGE_COPY = 1024;
/** Cycles per page of the parent's address space that as_dup shares and write-protects. */
export const KC_AS_DUP_PAGE = 16;
/** Cycles for the fixed part of cfork (holding, flushing, the child's return values). */
export const KC_FORK = 2000;
/** Cycles per segment as_dup copies (seg_alloc + the driver's dup), on top of its pages. */
export const KC_AS_DUP_SEG = 200;
/** Cycles for getproc's pid and proc set-up (the pid, the slot, the inherited fields). */
export const KC_GETPROC = 800;
/** Cycles per lwp forklwp clones (the lwp, its thread, its registers). */
export const KC_FORKLWP = 600;
/** Cycles to create an lwp (lwp_create: thread, stack, registers) and to tear one down (lwp_exit). */
export const KC_LWP_CREATE = 600;
export const KC_LWP_EXIT = 300;
/** Cycles per descriptor copied (flist_fork) or closed (flist_free). */
export const KC_FILE = 40;
/** Cycles per child looked at by waitid's scan, or handed to init by exit. */
export const KC_PROC_SCAN = 30;
/** Cycles for exit's fixed teardown (lwps, accounting, the zombie's state). */
export const KC_EXIT = 1500;
/** Cycles per page of address space as_free releases (exit, exec). */
export const KC_AS_FREE_PAGE = 8;
/** Cycles per copyin/copyout call, plus one per 8 bytes moved. */
export const KC_COPY_CALL = 20;

/** Last counter values seen per pool, to charge only what happened since. */
const seen = new WeakMap<PagePool, { zeroed: number; copies: number }>();

/**
 * charge_vm_work — charge `cpu` for the pages zeroed and copied since the last call (called by the
 * trap handler after each trap, so the CPU that did the work pays for it).
 */
export function charge_vm_work(pool: PagePool, cpu: Cpu): void {
  const copies = pool.p_anonstats.cow_copies + pool.p_anonstats.file_copies;
  let s = seen.get(pool);
  if (!s) { s = { zeroed: 0, copies: 0 }; seen.set(pool, s); }
  cpu.cycles += (pool.p_zeroed - s.zeroed) * KC_PAGE_ZERO + (copies - s.copies) * KC_PAGE_COPY;
  s.zeroed = pool.p_zeroed;
  s.copies = copies;
}
