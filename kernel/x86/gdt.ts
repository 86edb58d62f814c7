/*
 * kernel/x86/gdt.ts — the global descriptor tables (uts/intel/sys/segments.h, reduced to what a
 * flat 32-bit user process needs): one GDT per CPU in kernel physical memory, mapped in every
 * address space at GDT_VA (supervisor only, hat_i86's kernel page table), with kernel and user
 * code/data descriptors and the two per-lwp thread-pointer descriptors whose bases change on every
 * switch (gdt_set_lwpbase, as illumos's lwp_segregs_restore writes GDT_LWPFS/GDT_LWPGS).
 * The selectors are forkvm's own (illumos's GDT has more entries: TSS, LDT, call gates, amd64
 * kernel segments); the kernel never takes interrupts through an IDT, so there is no IDT or TSS.
 */

import type { X86Cpu } from '../../hw/x86/cpu.ts';
import { panic } from '../common/sys/debug.ts';
import { type PagePool, PAGESIZE, page_kcarve } from '../common/vm/vm_page.ts';

/** GDT slots and selectors (index << 3 | RPL). */
export const GDT_KCODE = 1, GDT_KDATA = 2, GDT_UCODE = 3, GDT_UDATA = 4, GDT_LWPFS = 5, GDT_LWPGS = 6;
export const NGDT = 8;
export const KCS_SEL = GDT_KCODE << 3, KDS_SEL = GDT_KDATA << 3;
export const UCS_SEL = (GDT_UCODE << 3) | 3, UDS_SEL = (GDT_UDATA << 3) | 3;
export const LWPFS_SEL = (GDT_LWPFS << 3) | 3, LWPGS_SEL = (GDT_LWPGS << 3) | 3;

/** Kernel virtual address of CPU 0's GDT (the page above the user limit, 0xE0000000). */
export const GDT_VA = 0xE0000000;

/** Physical address of each CPU's GDT (set by gdt_init). */
const gdt_pa = new WeakMap<X86Cpu, number>();

/** mkdesc — a 4 GiB-limit (G = 1, D = 1) code or data descriptor as [low word, high word]. */
export function mkdesc(base: number, code: boolean, dpl: number): [number, number] {
  const type = code ? 0xb : 0x3;            // execute/read or read/write, accessed
  const lo = (0xffff | ((base & 0xffff) << 16)) >>> 0;
  const hi = (((base >>> 16) & 0xff) | (type << 8) | (1 << 12) | (dpl << 13) | (1 << 15) | 0xf0000 |
    (1 << 22) | (1 << 23) | (base & 0xff000000)) >>> 0;
  return [lo, hi];
}

function put(cpu: X86Cpu, slot: number, d: [number, number]): void {
  const pa = gdt_pa.get(cpu);
  if (pa === undefined) panic('gdt_put', 'cpu %d has no GDT (gdt_init not run)', cpu.id);
  cpu.mem.write32(pa + slot * 8, d[0]);
  cpu.mem.write32(pa + slot * 8 + 4, d[1]);
}

/**
 * gdt_init — carve one page of the kernel reserve for the GDTs of `cpus` (64 bytes each, at most
 * 64 CPUs), fill each, and point every CPU's GDTR at its table's GDT_VA address. Returns the
 * page's physical address, which hat_i86 maps at GDT_VA in every address space.
 */
export function gdt_init(cpus: readonly X86Cpu[], pool: PagePool): number {
  const pa = page_kcarve(pool, PAGESIZE, PAGESIZE);
  if (pa < 0) panic('gdt_init', 'no room for the GDT page in the kernel reserve');
  if (cpus.length * NGDT * 8 > PAGESIZE) panic('gdt_init', 'too many CPUs for one GDT page: %d', cpus.length);
  pool.p_mem.zero(pa, PAGESIZE);
  for (const cpu of cpus) {
    gdt_pa.set(cpu, pa + cpu.id * NGDT * 8);
    put(cpu, GDT_KCODE, mkdesc(0, true, 0));
    put(cpu, GDT_KDATA, mkdesc(0, false, 0));
    put(cpu, GDT_UCODE, mkdesc(0, true, 3));
    put(cpu, GDT_UDATA, mkdesc(0, false, 3));
    put(cpu, GDT_LWPFS, mkdesc(0, false, 3));
    put(cpu, GDT_LWPGS, mkdesc(0, false, 3));
    cpu.gdtBase = GDT_VA + cpu.id * NGDT * 8;
    cpu.gdtLimit = NGDT * 8 - 1;
  }
  return pa;
}

/** gdt_set_lwpbase — set the base of this CPU's LWPFS or LWPGS descriptor (selector `sel`). */
export function gdt_set_lwpbase(cpu: X86Cpu, sel: number, base: number): void {
  put(cpu, sel >>> 3, mkdesc(base >>> 0, false, 3));
}
