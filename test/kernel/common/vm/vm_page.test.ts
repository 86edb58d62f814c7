/*
 * test/kernel/common/vm/vm_page.test.ts — the page allocator: accounting of page_create/page_free,
 * zeroing, the kernel carve area, exhaustion and the fault-injection hook.
 */

import { expect } from 'chai';
import { PhysMem } from '../../../../hw/mem/phys_mem.ts';
import { KernelPanic } from '../../../../kernel/common/sys/debug.ts';
import {
  PAGESIZE, type Page, btop, btopr, page_counts, page_create, page_free, page_init, page_kcarve, page_mem_avail,
  page_roundup, page_trunc, ppcopy,
} from '../../../../kernel/common/vm/vm_page.ts';

describe('vm_page', () => {
  const MB = 1024 * 1024;

  it('counts usable frames, free and allocated', () => {
    const pool = page_init(new PhysMem(MB), 64 * 1024);
    expect(page_counts(pool)).to.deep.equal({ total: 256 - 16, free: 240, allocated: 0 });
    const a = page_create(pool, true)!, b = page_create(pool, false)!;
    expect(page_counts(pool)).to.deep.equal({ total: 240, free: 238, allocated: 2 });
    expect(a.p_pagenum).to.not.equal(b.p_pagenum);
    page_free(pool, a);
    page_free(pool, b);
    expect(page_counts(pool)).to.deep.equal({ total: 240, free: 240, allocated: 0 });
  });

  it('rounds the kernel reserve up to a page and never hands it out', () => {
    const pool = page_init(new PhysMem(MB), 5000);
    expect(pool.p_kend).to.equal(8192);
    const got: Page[] = [];
    for (;;) { const pp = page_create(pool, false); if (!pp) break; got.push(pp); }
    expect(got.length).to.equal(254);
    expect(got.every((pp) => pp.p_pagenum >= 2)).to.equal(true);
    expect(new Set(got.map((pp) => pp.p_pagenum)).size).to.equal(254);
    expect(page_mem_avail(pool, 1)).to.equal(false);
    page_free(pool, got.pop()!);
    expect(page_mem_avail(pool, 1)).to.equal(true);
    expect(page_mem_avail(pool, 2)).to.equal(false);
  });

  it('zeroes a page on request; ppcopy copies a whole frame', () => {
    const mem = new PhysMem(MB);
    const pool = page_init(mem, 0);
    const a = page_create(pool, false)!;
    mem.bytes.fill(0xab, a.p_pagenum * PAGESIZE, (a.p_pagenum + 1) * PAGESIZE);
    page_free(pool, a);
    const again = page_create(pool, true)!;
    expect(again.p_pagenum).to.equal(a.p_pagenum); // LIFO free list
    expect(mem.bytes.subarray(again.p_pagenum * PAGESIZE, (again.p_pagenum + 1) * PAGESIZE).every((x) => x === 0)).to.equal(true);
    mem.write32(again.p_pagenum * PAGESIZE + 4092, 0x11223344);
    const c = page_create(pool, false)!;
    ppcopy(pool, again, c);
    expect(mem.read32(c.p_pagenum * PAGESIZE + 4092)).to.equal(0x11223344);
  });

  it('panics on a double free', () => {
    const pool = page_init(new PhysMem(MB), 0);
    const a = page_create(pool, false)!;
    page_free(pool, a);
    expect(() => page_free(pool, a)).to.throw(KernelPanic, /already free/);
  });

  it('the fault injector can fail exactly one allocation', () => {
    const pool = page_init(new PhysMem(MB), 0);
    let n = 0;
    pool.p_inject = (site) => site === 'page_create' && n++ === 1;
    expect(page_create(pool, false)).to.not.equal(null);
    expect(page_create(pool, false)).to.equal(null);
    expect(page_create(pool, false)).to.not.equal(null);
    expect(pool.allocated).to.equal(2);
  });

  it('page_kcarve hands out aligned, zeroed, never-freed kernel memory', () => {
    const mem = new PhysMem(MB);
    mem.bytes.fill(0xff, 0, 8192);
    const pool = page_init(mem, 8192);
    expect(page_kcarve(pool, 100, 64)).to.equal(0);
    const b = page_kcarve(pool, 1024, 1024);
    expect(b).to.equal(1024);
    expect(mem.bytes.subarray(b, b + 1024).every((x) => x === 0)).to.equal(true);
    expect(page_kcarve(pool, 8192, 4)).to.equal(-1);
    expect(pool.p_total).to.equal(254);
  });

  it('page arithmetic', () => {
    expect(btop(8191)).to.equal(1);
    expect(btopr(8193)).to.equal(3);
    expect(page_trunc(0xefffffff)).to.equal(0xeffff000);
    expect(page_roundup(0xeffff001)).to.equal(0xf0000000);
    expect(page_roundup(0xfffff001)).to.equal(0x100000000);
  });
});
