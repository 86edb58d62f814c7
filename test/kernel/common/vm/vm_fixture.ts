/*
 * test/kernel/common/vm/vm_fixture.ts — builds a small VM for tests (not a test file): physical
 * memory, the page pool, the SRMMU HAT with a fake TLB that logs every demap, and a VmSys; plus
 * helpers to read/write user memory through the kernel's copy routines and a leak check.
 */

import { expect } from 'chai';
import { PhysMem } from '../../../../hw/mem/phys_mem.ts';
import type { TlbOps } from '../../../../kernel/common/vm/hat.ts';
import { type PagePool, page_init } from '../../../../kernel/common/vm/vm_page.ts';
import { type As, type VmSys, as_fault, vm_sys_create } from '../../../../kernel/common/vm/vm_as.ts';
import { F_INVAL, F_PROT, S_READ, S_WRITE } from '../../../../kernel/common/vm/seg.ts';
import { anon_stats } from '../../../../kernel/common/vm/vm_anon.ts';
import { type SrmmuHat, SrmmuHatSys } from '../../../../kernel/sparc/hat_srmmu.ts';
import { access } from '../../sparc/srmmu_walk.ts';

/** FakeTlb — records demaps and context loads as strings ("page 1 0x10000", "ctx 1", "load 0 1"). */
export class FakeTlb implements TlbOps {
  log: string[] = [];
  demap_page(ctx: number, va: number): void { this.log.push(`page ${ctx} 0x${va.toString(16)}`); }
  demap_context(ctx: number): void { this.log.push(`ctx ${ctx}`); }
  set_context(cpu: number, ctx: number): void { this.log.push(`load ${cpu} ${ctx}`); }
}

export interface TestVm { mem: PhysMem; pool: PagePool; tlb: FakeTlb; hs: SrmmuHatSys; vm: VmSys }

/** make_vm — a machine with `mb` MiB of big-endian memory and a 64 KiB kernel reserve. */
export function make_vm(mb = 4, nctx = 256): TestVm {
  const mem = new PhysMem(mb * 1024 * 1024);
  const pool = page_init(mem, 64 * 1024);
  const tlb = new FakeTlb();
  const hs = new SrmmuHatSys(pool, tlb, nctx);
  return { mem, pool, tlb, hs, vm: vm_sys_create(pool, hs) };
}

/** Baseline of the global anon counters, to compare after a test frees everything. */
export function anon_baseline(): number { return anon_stats.ani_inuse; }

/** expect_no_leaks — every page back on the free list, no page tables, no reservations. */
export function expect_no_leaks(t: TestVm, anonBase: number): void {
  expect(t.pool.allocated, 'pages still allocated').to.equal(0);
  expect(t.hs.sh_ptpages, 'page-table pages').to.equal(0);
  expect(t.pool.p_anon_resv, 'anon reservation').to.equal(0);
  expect(anon_stats.ani_inuse, 'anon slots').to.equal(anonBase);
}

/**
 * user_rw — a user-mode 32-bit load ('r') or store ('w') as the CPU + trap path would do it: the
 * as is switched onto CPU 0, the independent SRMMU walker translates (setting R/M), and a miss or
 * protection fault goes to as_fault with F_INVAL/F_PROT and the access is retried. Returns the
 * value read (or written), or the fault code as a string 'fc N' when as_fault fails.
 */
export function user_rw(t: TestVm, as: As, va: number, kind: 'r' | 'w', value = 0): number | string {
  as.a_hat.switch_to(0);
  const ctx = (as.a_hat as SrmmuHat).h_ctx;
  for (let tries = 0; tries < 3; tries++) {
    const r = access(t.mem, t.hs.ctp, ctx, va, kind);
    if (typeof r === 'number') {
      if (kind === 'w') t.mem.write32(r, value);
      return kind === 'w' ? value : t.mem.read32(r);
    }
    const fc = as_fault(as, va, r === 'invalid' ? F_INVAL : F_PROT, kind === 'w' ? S_WRITE : S_READ);
    if (fc !== 0) return `fc ${fc}`;
  }
  throw new Error('user_rw: fault loop');
}

/** pfn_of — the frame the as's hat maps va to (-1 when unmapped). */
export function pfn_of(as: As, va: number): number {
  return as.a_hat.getattr(va)?.pfn ?? -1;
}
