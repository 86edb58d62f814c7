/*
 * test/kernel/common/vm/vm_anon.test.ts — anon slots: reference counts through anon_dup and
 * anon_decref, anon_private copies and their counters, anon_free, and swap reservation.
 */

import { expect } from 'chai';
import { PhysMem } from '../../../../hw/mem/phys_mem.ts';
import { KernelPanic } from '../../../../kernel/common/sys/debug.ts';
import { PAGESIZE, page_create, page_init } from '../../../../kernel/common/vm/vm_page.ts';
import {
  anon_decref, anon_dup, anon_free, anon_private, anon_resv, anon_stats, anon_unresv, anon_zero, anonmap_alloc,
} from '../../../../kernel/common/vm/vm_anon.ts';

describe('vm_anon', () => {
  const fresh = () => {
    const mem = new PhysMem(1024 * 1024);
    return { mem, pool: page_init(mem, 0) };
  };

  it('anon_dup shares slots and anon_decref frees the page at zero', () => {
    const { pool } = fresh();
    const inuse0 = anon_stats.ani_inuse;
    const amp = anonmap_alloc(4 * PAGESIZE);
    amp.ahp[0] = anon_zero(pool);
    amp.ahp[2] = anon_zero(pool);
    expect(anon_stats.ani_inuse - inuse0).to.equal(2);
    expect(pool.allocated).to.equal(2);

    const child = anonmap_alloc(4 * PAGESIZE);
    anon_dup(amp, 0, child, 0, 4);
    expect(child.ahp[0]).to.equal(amp.ahp[0]);
    expect(child.ahp[1]).to.equal(null);
    expect(amp.ahp[0]!.an_refcnt).to.equal(2);
    expect(amp.ahp[2]!.an_refcnt).to.equal(2);

    const ap = amp.ahp[0]!;
    anon_free(pool, amp, 0, 4);               // parent's map lets go
    expect(amp.ahp.every((x) => x === null)).to.equal(true);
    expect(ap.an_refcnt).to.equal(1);
    expect(pool.allocated).to.equal(2);       // child still holds both pages
    anon_free(pool, child, 0, 1);             // child lets go of slot 0: last reference
    expect(ap.an_refcnt).to.equal(0);
    expect(ap.an_page.p_free).to.equal(true);
    expect(pool.allocated).to.equal(1);
    expect(anon_stats.ani_inuse - inuse0).to.equal(1);
    expect(() => anon_decref(pool, ap)).to.throw(KernelPanic, /refcnt 0/);
    anon_free(pool, child, 0, 4);
    expect(pool.allocated).to.equal(0);
    expect(anon_stats.ani_inuse).to.equal(inuse0);
  });

  it('anon_private copies the page into a new slot and counts the copy', () => {
    const { mem, pool } = fresh();
    const ap = anon_zero(pool)!;
    mem.write32(ap.an_page.p_pagenum * PAGESIZE + 8, 0xdeadbeef);
    ap.an_refcnt = 2;
    const cow0 = anon_stats.cow_copies, file0 = anon_stats.file_copies;
    const nap = anon_private(pool, ap)!;
    expect(nap.an_refcnt).to.equal(1);
    expect(nap.an_page.p_pagenum).to.not.equal(ap.an_page.p_pagenum);
    expect(mem.read32(nap.an_page.p_pagenum * PAGESIZE + 8)).to.equal(0xdeadbeef);
    expect(anon_stats.cow_copies - cow0).to.equal(1);
    expect(ap.an_refcnt).to.equal(2);         // the caller decrefs the old slot
    const fpp = page_create(pool, true)!;
    const fap = anon_private(pool, fpp)!;
    expect(anon_stats.file_copies - file0).to.equal(1);
    expect(anon_stats.cow_copies - cow0).to.equal(1);
    expect(fap.an_page).to.not.equal(fpp);
  });

  it('anon_private fails cleanly when memory is exhausted', () => {
    const { pool } = fresh();
    const ap = anon_zero(pool)!;
    const before = pool.allocated;
    pool.p_inject = (s) => s === 'page_create';
    expect(anon_private(pool, ap)).to.equal(null);
    expect(anon_zero(pool)).to.equal(null);
    expect(pool.allocated).to.equal(before);
  });

  it('anon_resv reserves against memory and can be failed by the injector', () => {
    const { pool } = fresh();
    const limit = pool.p_total - pool.p_minfree;
    expect(anon_resv(pool, limit)).to.equal(true);
    expect(anon_resv(pool, 1)).to.equal(false);
    anon_unresv(pool, limit);
    expect(pool.p_anon_resv).to.equal(0);
    pool.p_inject = (s) => s === 'anon_resv';
    expect(anon_resv(pool, 1)).to.equal(false);
  });
});
