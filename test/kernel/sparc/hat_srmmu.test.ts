/*
 * test/kernel/sparc/hat_srmmu.test.ts — the SRMMU HAT: tables built in physical memory are read
 * back with an independent walker (srmmu_walk.ts): PTD/PTE formats, alignment, ACC per prot, R/M
 * written by a walker and reported by getattr, demaps after every cached-entry change, table
 * freeing and page-table accounting, contexts (allocation, free, stealing), and one check against
 * the real hw/sparc/srmmu.ts TLB.
 */

import { expect } from 'chai';
import { Srmmu } from '../../../hw/sparc/srmmu.ts';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../../../kernel/common/vm/seg.ts';
import { page_create } from '../../../kernel/common/vm/vm_page.ts';
import { SrmmuHatSys, srmmu_acc, srmmu_prot } from '../../../kernel/sparc/hat_srmmu.ts';
import { FakeTlb, make_vm } from '../common/vm/vm_fixture.ts';
import { access, walk } from './srmmu_walk.ts';

const R = PROT_READ, W = PROT_WRITE, X = PROT_EXEC;

describe('hat_srmmu', () => {
  it('builds a context table entry, L1/L2/L3 tables and a PTE in the hardware format', () => {
    const t = make_vm();
    const hat = t.hs.hat_alloc();
    hat.switch_to(0);
    const pp = page_create(t.pool, true)!;
    expect(hat.memload(0x12345000, pp.p_pagenum, R | W)).to.equal(0);
    expect(t.hs.ctp * 16).to.equal(t.hs.sh_ctxtbl);
    expect(t.hs.sh_ctxtbl % (256 * 4)).to.equal(0);
    const w = walk(t.mem, t.hs.ctp, hat.h_ctx, 0x12345678)!;
    expect(w).to.not.equal(null);
    expect(w.level).to.equal(3);
    expect(w.pa).to.equal(pp.p_pagenum * 4096 + 0x678);
    // ctx entry → L1 (1 KiB aligned), L1 entry → L2, L2 entry → L3 (256 B aligned); all PTDs.
    const [ctxe, l1e, l2e] = w.path;
    for (const e of [ctxe, l1e, l2e]) expect(e & 3).to.equal(1);
    expect(((ctxe >>> 2) * 64) % 1024).to.equal(0);
    expect((ctxe >>> 2) * 64).to.equal(hat.h_l1);
    expect(((l1e >>> 2) * 64) % 256).to.equal(0);
    expect(((l2e >>> 2) * 64) % 256).to.equal(0);
    // PTE: PPN | C | ACC=1 | ET=2, R and M clear.
    expect(w.pte).to.equal(((pp.p_pagenum << 8) | 0x80 | (1 << 2) | 2) >>> 0);
    expect(t.tlb.log).to.deep.equal([`load 0 ${hat.h_ctx}`]); // a new PTE needs no demap
    expect(hat.h_ptpages).to.equal(1);
    expect(t.hs.sh_ptpages).to.equal(1);
  });

  it('encodes ACC from prot: R 0, RW 1, RX 2, RWX 3, X 4', () => {
    const cases: [number, number, string][] = [[R, 0, 'r'], [R | W, 1, 'rw'], [R | X, 2, 'rx'], [R | W | X, 3, 'rwx'], [X, 4, 'x']];
    const t = make_vm();
    const hat = t.hs.hat_alloc();
    hat.switch_to(0);
    cases.forEach(([prot, acc], i) => {
      expect(srmmu_acc(prot)).to.equal(acc);
      expect(srmmu_prot(acc)).to.equal(prot);
      hat.memload(0x10000 + i * 4096, 100 + i, prot);
    });
    cases.forEach(([, acc, kinds], i) => {
      const va = 0x10000 + i * 4096;
      expect((walk(t.mem, t.hs.ctp, hat.h_ctx, va)!.pte >>> 2) & 7).to.equal(acc);
      for (const k of ['r', 'w', 'x'] as const) {
        expect(access(t.mem, t.hs.ctp, hat.h_ctx, va, k) === 'protection', `${kinds} ${k}`).to.equal(!kinds.includes(k));
        // Read-only is read-only for the supervisor too (kernel copyout onto COW faults).
        if (acc === 0 && k === 'w') expect(access(t.mem, t.hs.ctp, hat.h_ctx, va, 'w', true)).to.equal('protection');
      }
    });
    expect(srmmu_acc(W)).to.equal(1);
    expect(srmmu_acc(0)).to.equal(-1);
  });

  it('reports the R and M bits the walker sets; a same-frame reload keeps them', () => {
    const t = make_vm();
    const hat = t.hs.hat_alloc();
    hat.switch_to(0);
    hat.memload(0x20000, 300, R | W);
    expect(hat.getattr(0x20000)).to.deep.equal({ prot: R | W, pfn: 300, ref: false, mod: false });
    access(t.mem, t.hs.ctp, hat.h_ctx, 0x20004, 'r');
    expect(hat.getattr(0x20000)).to.include({ ref: true, mod: false });
    access(t.mem, t.hs.ctp, hat.h_ctx, 0x20008, 'w');
    expect(hat.getattr(0x20000)).to.include({ ref: true, mod: true });
    hat.memload(0x20000, 300, R);        // write-protect, same frame: R/M history stays
    expect(hat.getattr(0x20000)).to.deep.equal({ prot: R, pfn: 300, ref: true, mod: true });
    hat.memload(0x20000, 301, R | W);    // new frame: clean
    expect(hat.getattr(0x20000)).to.deep.equal({ prot: R | W, pfn: 301, ref: false, mod: false });
    expect(hat.getattr(0x21000)).to.equal(null);
    expect(hat.getattr(0x7000000)).to.equal(null);
  });

  it('probe_access checks user permissions and sets R/M like the MMU', () => {
    const t = make_vm();
    const hat = t.hs.hat_alloc();
    hat.memload(0x30000, 40, R);
    hat.memload(0x31000, 41, R | W);
    hat.memload(0x32000, 42, X);
    expect(hat.probe_access(0x30010, 1)).to.equal(40 * 4096 + 0x10);   // S_READ
    expect(hat.probe_access(0x30010, 2)).to.equal(-2);                 // S_WRITE on R
    expect(hat.probe_access(0x32000, 1)).to.equal(-2);                 // read of X-only
    expect(hat.probe_access(0x32000, 3)).to.equal(42 * 4096);          // S_EXEC
    expect(hat.probe_access(0x33000, 1)).to.equal(-1);                 // nothing there
    expect(hat.getattr(0x30000)).to.include({ ref: true, mod: false });
    expect(hat.getattr(0x31000)).to.include({ ref: false, mod: false });
    expect(hat.probe_access(0x31ffc, 2)).to.equal(41 * 4096 + 0xffc);
    expect(hat.getattr(0x31000)).to.include({ ref: true, mod: true });
  });

  it('demaps after every change to a valid entry (chgprot, clrattr, reload, unload)', () => {
    const t = make_vm();
    const hat = t.hs.hat_alloc();
    hat.switch_to(1);
    const c = hat.h_ctx;
    hat.memload(0x40000, 50, R | W);
    hat.memload(0x41000, 51, R | W | X);
    hat.memload(0x42000, 52, R);
    t.tlb.log = [];
    hat.clrattr(0x40000, 3 * 4096, W);
    expect(t.tlb.log).to.deep.equal([`page ${c} 0x40000`, `page ${c} 0x41000`]); // the R page had no W
    expect((walk(t.mem, t.hs.ctp, c, 0x40000)!.pte >>> 2) & 7).to.equal(0);
    expect((walk(t.mem, t.hs.ctp, c, 0x41000)!.pte >>> 2) & 7).to.equal(2);
    t.tlb.log = [];
    hat.chgprot(0x40000, 4096, R | X);
    expect(t.tlb.log).to.deep.equal([`page ${c} 0x40000`]);
    hat.chgprot(0x40000, 4096, R | X);            // no change, no demap
    expect(t.tlb.log).to.have.length(1);
    t.tlb.log = [];
    hat.memload(0x42000, 53, R);
    expect(t.tlb.log).to.deep.equal([`page ${c} 0x42000`]);
    t.tlb.log = [];
    hat.unload(0x3f000, 0x10000);                 // holes around the mapped pages are fine
    expect(t.tlb.log).to.deep.equal([`page ${c} 0x40000`, `page ${c} 0x41000`, `page ${c} 0x42000`]);
    expect(walk(t.mem, t.hs.ctp, c, 0x40000)).to.equal(null);
  });

  it('frees emptied L3/L2 tables and counts page-table pages; hat_free releases everything', () => {
    const t = make_vm();
    const hat = t.hs.hat_alloc();
    const vas = [0x10000, 0x10000 + 0x40000, 0x5000000, 0xeffff000, 0xefffe000];
    vas.forEach((va, i) => hat.memload(va, 200 + i, R | W));
    // L1 (4 chunks) + 3 L2 + 4 L3 = 11 chunks of 16 per page.
    expect(hat.h_ptpages).to.equal(1);
    for (let i = 0; i < 10; i++) hat.memload(0x1000000 * (10 + i), 400 + i, R);   // 10 more L2 + 10 L3
    expect(hat.h_ptpages).to.equal(2);            // 31 chunks
    expect(t.pool.allocated).to.equal(2);
    for (let i = 0; i < 10; i++) hat.unload(0x1000000 * (10 + i), 4096);
    expect(hat.h_ptpages).to.equal(1);
    hat.unload(0xefffe000, 4096);
    hat.switch_to(0);
    expect(walk(t.mem, t.hs.ctp, hat.h_ctx, 0xeffff000)!.pa).to.equal(203 * 4096);
    hat.unload(0, 0xf0000000);
    const l1 = hat.h_l1;
    for (let i = 0; i < 256; i++) expect(t.mem.read32(l1 + i * 4), `L1[${i}]`).to.equal(0);
    expect(hat.h_ptpages).to.equal(1);            // the L1 stays until hat_free
    const ctx = hat.h_ctx;
    t.tlb.log = [];
    hat.free_start();
    hat.free_end();
    expect(t.tlb.log).to.deep.equal([`ctx ${ctx}`]);
    expect(t.mem.read32(t.hs.sh_ctxtbl + ctx * 4)).to.equal(0);
    expect(t.hs.sh_ptpages).to.equal(0);
    expect(t.pool.allocated).to.equal(0);
  });

  it('gives each address space its own context and steals one when they run out', () => {
    const t = make_vm(4, 4);                      // contexts 1..3 for users
    const hats = [0, 1, 2, 3].map(() => t.hs.hat_alloc());
    hats.forEach((h, i) => h.memload(0x10000, 500 + i, R));
    hats[0].switch_to(0);
    hats[1].switch_to(1);
    hats[2].switch_to(0);
    expect(hats.slice(0, 3).map((h) => h.h_ctx)).to.deep.equal([1, 2, 3]);
    t.tlb.log = [];
    hats[3].switch_to(1);                         // CPU 0 runs hats[2], CPU 1 now hats[3]: steal ctx 1
    expect(hats[0].h_ctx).to.equal(-1);
    expect(hats[3].h_ctx).to.equal(1);
    expect(t.tlb.log).to.deep.equal(['ctx 1', 'load 1 1']);
    expect(walk(t.mem, t.hs.ctp, 1, 0x10000)!.pa).to.equal(503 * 4096);
    hats[0].switch_to(1);                         // hats[3] left CPU 1, so its context can go
    expect(hats[0].h_ctx).to.not.equal(-1);
    expect(walk(t.mem, t.hs.ctp, hats[0].h_ctx, 0x10000)!.pa).to.equal(500 * 4096);
    // A hat with a context but no tables yet has an invalid context entry until its first load.
    const h5 = new SrmmuHatSys(t.pool, new FakeTlb(), 4).hat_alloc();
    h5.switch_to(0);
    expect(t.mem.read32(h5.h_sys.sh_ctxtbl + h5.h_ctx * 4)).to.equal(0);
    h5.memload(0x10000, 9, R);
    expect(t.mem.read32(h5.h_sys.sh_ctxtbl + h5.h_ctx * 4) & 3).to.equal(1);
  });

  it('the real SRMMU translates through the tables and loses write after clrattr + demap', () => {
    const t = make_vm();
    const mmu = new Srmmu(t.mem);
    const glue = {
      demap_page: (ctx: number, va: number) => { if (mmu.context === ctx) mmu.flushPage(va); },
      demap_context: (ctx: number) => { if (mmu.context === ctx) mmu.flushAll(); },
      set_context: (_cpu: number, ctx: number) => { mmu.context = ctx; },
    };
    const hs = new SrmmuHatSys(t.pool, glue);
    mmu.ctp = hs.ctp;
    mmu.control = 1;
    mmu.setMode(false);
    const hat = hs.hat_alloc();
    const pp = page_create(t.pool, true)!;
    hat.memload(0x50000, pp.p_pagenum, R | W);
    hat.switch_to(0);
    expect(mmu.translate(0x50010, 4)).to.equal(pp.p_pagenum * 4096 + 0x10);   // user store
    expect(hat.getattr(0x50000)).to.include({ ref: true, mod: true });
    hat.clrattr(0x50000, 4096, W);
    expect(mmu.translate(0x50010, 4)).to.equal(-1);
    expect((mmu.sfsr >>> 2) & 7).to.equal(2);                                   // protection
    expect(mmu.translate(0x50010, 0)).to.equal(pp.p_pagenum * 4096 + 0x10);   // user load still fine
  });
});
