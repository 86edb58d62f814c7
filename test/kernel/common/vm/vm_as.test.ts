/*
 * test/kernel/common/vm/vm_as.test.ts — address spaces with segvn underneath: as_map/as_unmap
 * splitting, demand-zero faults, fork's as_dup with copy-on-write isolation both ways and the
 * page-copy counter, the refcount-1 write that only restores write, shared mappings, file-backed
 * private pages, setprot, concatenation, as_gap, failure paths and leak checks. User accesses go
 * through an independent SRMMU walker and as_fault, as the CPU and trap handler would.
 */

import { expect } from 'chai';
import { EACCES, ENOMEM } from '../../../../kernel/common/sys/errno.ts';
import {
  FC_NOMAP, FC_PROT, F_INVAL, MAP_PRIVATE, MAP_SHARED, PROT_EXEC, PROT_READ, PROT_WRITE, S_READ, S_WRITE,
} from '../../../../kernel/common/vm/seg.ts';
import {
  AH_HI, AH_LO, type As, as_alloc, as_checkprot, as_dup, as_fault, as_free, as_gap, as_map, as_setprot, as_unmap,
} from '../../../../kernel/common/vm/vm_as.ts';
import { SEGVN_ZFOD_ARGS, type SegvnData, VmFile, segvn_create } from '../../../../kernel/common/vm/seg_vn.ts';
import { anon_stats } from '../../../../kernel/common/vm/vm_anon.ts';
import { type TestVm, anon_baseline, expect_no_leaks, make_vm, pfn_of, user_rw } from './vm_fixture.ts';

const RW = PROT_READ | PROT_WRITE, RWX = RW | PROT_EXEC, RX = PROT_READ | PROT_EXEC;
const P = 4096;

function zfod(as: As, addr: number, len: number, prot = RW): number {
  return as_map(as, addr, len, segvn_create, SEGVN_ZFOD_ARGS(prot, RWX));
}
const segs = (as: As) => as.a_segs.map((s) => [s.s_base, s.s_size]);

describe('vm_as + seg_vn', () => {
  let t: TestVm;
  let base0: number;
  beforeEach(() => { t = make_vm(); base0 = anon_baseline(); });

  it('as_map / as_unmap split segments at the unmapped range', () => {
    const as = as_alloc(t.vm);
    expect(zfod(as, 0x10000, 8 * P)).to.equal(0);
    expect(segs(as)).to.deep.equal([[0x10000, 8 * P]]);
    for (let i = 0; i < 8; i++) expect(user_rw(t, as, 0x10000 + i * P, 'w', 100 + i)).to.equal(100 + i);
    expect(t.pool.allocated).to.equal(8 + 1);     // 8 pages + 1 page-table page
    expect(as_unmap(as, 0x12000, 2 * P)).to.equal(0);
    expect(segs(as)).to.deep.equal([[0x10000, 2 * P], [0x14000, 4 * P]]);
    expect(as.a_size).to.equal(6 * P);
    expect(t.pool.allocated).to.equal(6 + 1);
    expect(user_rw(t, as, 0x12000, 'r')).to.equal(`fc ${FC_NOMAP}`);
    expect(user_rw(t, as, 0x11000, 'r')).to.equal(101);
    expect(user_rw(t, as, 0x14000, 'r')).to.equal(104);
    expect(user_rw(t, as, 0x17000, 'r')).to.equal(107);
    // Head, tail, and a range spanning a hole and two segments.
    expect(as_unmap(as, 0x10000, P)).to.equal(0);
    expect(as_unmap(as, 0x17000, P)).to.equal(0);
    expect(segs(as)).to.deep.equal([[0x11000, P], [0x14000, 3 * P]]);
    expect(as_unmap(as, 0x11000, 0x4000)).to.equal(0);
    expect(segs(as)).to.deep.equal([[0x15000, 2 * P]]);
    expect(user_rw(t, as, 0x16000, 'r')).to.equal(106);
    // Overlap and out-of-range maps fail.
    expect(zfod(as, 0x16000, 2 * P)).to.equal(ENOMEM);
    expect(zfod(as, 0xeffff000, 2 * P)).to.equal(ENOMEM);
    as_free(as);
    expect_no_leaks(t, base0);
  });

  it('as_fault fills demand-zero pages and refuses unmapped or forbidden accesses', () => {
    const as = as_alloc(t.vm);
    zfod(as, 0x20000, 2 * P);
    zfod(as, 0x30000, P, PROT_READ);
    const mem = t.mem;
    mem.bytes.fill(0x5a, 0x100000, 0x180000);    // dirty memory: new pages must still read zero
    expect(as_fault(as, 0x20123, F_INVAL, S_READ)).to.equal(0);
    const a = as.a_hat.getattr(0x20000)!;
    expect(a.prot).to.equal(RW);
    expect(mem.bytes.subarray(a.pfn * P, a.pfn * P + P).every((x) => x === 0)).to.equal(true);
    expect(as_fault(as, 0x25000, F_INVAL, S_READ)).to.equal(FC_NOMAP);
    expect(as_fault(as, 0xf0000000, F_INVAL, S_READ)).to.equal(FC_NOMAP);
    expect(as_fault(as, 0x30000, F_INVAL, S_WRITE)).to.equal(FC_PROT);
    expect(user_rw(t, as, 0x30000, 'r')).to.equal(0);
    expect(user_rw(t, as, 0x30000, 'w', 1)).to.equal(`fc ${FC_PROT}`);
    expect(user_rw(t, as, 0x21ffc, 'r')).to.equal(0);
    as_free(as);
    expect_no_leaks(t, base0);
  });

  it('as_dup: copy-on-write isolates parent and child, copying each shared page once', () => {
    const parent = as_alloc(t.vm);
    zfod(parent, 0x40000, 2 * P);
    user_rw(t, parent, 0x40000, 'w', 0x1111);
    user_rw(t, parent, 0x41000, 'w', 0x2222);
    expect(parent.a_hat.getattr(0x40000)!.prot).to.equal(RW);
    const r = as_dup(parent);
    expect(r.error).to.equal(0);
    const child = r.as!;
    // The parent lost write on its private pages; the child has no translations at all.
    expect(parent.a_hat.getattr(0x40000)!.prot).to.equal(PROT_READ);
    expect(child.a_hat.getattr(0x40000)).to.equal(null);
    expect(segs(child)).to.deep.equal(segs(parent));
    const cow0 = anon_stats.cow_copies;
    // Child reads share the parent's frame, read-only.
    expect(user_rw(t, child, 0x40000, 'r')).to.equal(0x1111);
    expect(pfn_of(child, 0x40000)).to.equal(pfn_of(parent, 0x40000));
    expect(child.a_hat.getattr(0x40000)!.prot).to.equal(PROT_READ);
    // Child writes: one copy, parent unaffected.
    expect(user_rw(t, child, 0x40000, 'w', 0xc0c0)).to.equal(0xc0c0);
    expect(anon_stats.cow_copies - cow0).to.equal(1);
    expect(pfn_of(child, 0x40000)).to.not.equal(pfn_of(parent, 0x40000));
    expect(user_rw(t, parent, 0x40000, 'r')).to.equal(0x1111);
    // The parent's slot is back to refcount 1: its write only restores write, no copy.
    const ppfn = pfn_of(parent, 0x40000);
    expect(user_rw(t, parent, 0x40000, 'w', 0x9999)).to.equal(0x9999);
    expect(anon_stats.cow_copies - cow0).to.equal(1);
    expect(pfn_of(parent, 0x40000)).to.equal(ppfn);
    expect(user_rw(t, child, 0x40000, 'r')).to.equal(0xc0c0);
    // Other direction on the second page: parent writes first (copy), then the child (no copy).
    expect(user_rw(t, parent, 0x41000, 'w', 0x3333)).to.equal(0x3333);
    expect(anon_stats.cow_copies - cow0).to.equal(2);
    expect(user_rw(t, child, 0x41000, 'r')).to.equal(0x2222);
    const cpfn = pfn_of(child, 0x41000);
    expect(user_rw(t, child, 0x41000, 'w', 0x4444)).to.equal(0x4444);
    expect(anon_stats.cow_copies - cow0).to.equal(2);
    expect(pfn_of(child, 0x41000)).to.equal(cpfn);
    expect(user_rw(t, parent, 0x41000, 'r')).to.equal(0x3333);
    as_free(child);
    as_free(parent);
    expect_no_leaks(t, base0);
  });

  it('after the child exits, the parent write-faults without copying (refcount 1)', () => {
    const parent = as_alloc(t.vm);
    zfod(parent, 0x40000, 4 * P);
    for (let i = 0; i < 4; i++) user_rw(t, parent, 0x40000 + i * P, 'w', i);
    const child = as_dup(parent).as!;
    expect(user_rw(t, child, 0x42000, 'r')).to.equal(2);
    const before = t.pool.allocated;
    as_free(child);
    expect(t.pool.allocated).to.equal(before - 1);   // only the child's page-table page
    const cow0 = anon_stats.cow_copies;
    const pfns = [0, 1, 2, 3].map((i) => pfn_of(parent, 0x40000 + i * P));
    for (let i = 0; i < 4; i++) expect(user_rw(t, parent, 0x40000 + i * P, 'w', 10 + i)).to.equal(10 + i);
    expect(anon_stats.cow_copies).to.equal(cow0);
    expect([0, 1, 2, 3].map((i) => pfn_of(parent, 0x40000 + i * P))).to.deep.equal(pfns);
    as_free(parent);
    expect_no_leaks(t, base0);
  });

  it('grandchildren: a page shared three ways is copied only by the first two writers', () => {
    const a = as_alloc(t.vm);
    zfod(a, 0x50000, P);
    user_rw(t, a, 0x50000, 'w', 7);
    const b = as_dup(a).as!;
    const c = as_dup(b).as!;
    const cow0 = anon_stats.cow_copies;
    user_rw(t, b, 0x50000, 'w', 8);
    user_rw(t, c, 0x50000, 'w', 9);
    user_rw(t, a, 0x50000, 'w', 10);
    expect(anon_stats.cow_copies - cow0).to.equal(2);
    expect([a, b, c].map((x) => user_rw(t, x, 0x50000, 'r'))).to.deep.equal([10, 8, 9]);
    [a, b, c].forEach(as_free);
    expect_no_leaks(t, base0);
  });

  it('MAP_SHARED anonymous memory stays shared across as_dup', () => {
    const parent = as_alloc(t.vm);
    expect(as_map(parent, 0x60000, 2 * P, segvn_create,
      { type: MAP_SHARED, prot: RW, maxprot: RWX, vp: null, offset: 0 })).to.equal(0);
    user_rw(t, parent, 0x60000, 'w', 1);
    const child = as_dup(parent).as!;
    expect(parent.a_hat.getattr(0x60000)!.prot).to.equal(RW);   // shared: no write-protect
    const cow0 = anon_stats.cow_copies;
    user_rw(t, child, 0x60000, 'w', 2);
    expect(user_rw(t, parent, 0x60000, 'r')).to.equal(2);
    user_rw(t, parent, 0x61000, 'w', 3);                       // filled after the fork
    expect(user_rw(t, child, 0x61000, 'r')).to.equal(3);
    expect(anon_stats.cow_copies).to.equal(cow0);
    as_free(parent);
    expect(user_rw(t, child, 0x61000, 'r')).to.equal(3);
    as_free(child);
    expect_no_leaks(t, base0);
  });

  it('file-backed private pages are shared read-only and copied on write', () => {
    const bytes = new Uint8Array(3 * P);
    const dv = new DataView(bytes.buffer);
    dv.setUint32(0, 0xaabbccdd);
    dv.setUint32(P + 4, 0x01020304);
    const vp = new VmFile(bytes);
    const args = { type: MAP_PRIVATE, prot: RWX, maxprot: RWX, vp, offset: 0 };
    const a = as_alloc(t.vm), b = as_alloc(t.vm);
    as_map(a, 0x10000, 2 * P, segvn_create, args);
    as_map(b, 0x80000, 2 * P, segvn_create, { ...args, offset: P });
    expect(vp.v_count).to.equal(2);
    expect(user_rw(t, a, 0x10000, 'r')).to.equal(0xaabbccdd);
    expect(user_rw(t, a, 0x11004, 'r')).to.equal(0x01020304);
    expect(user_rw(t, b, 0x80004, 'r')).to.equal(0x01020304);
    expect(pfn_of(a, 0x11000)).to.equal(pfn_of(b, 0x80000));   // one cached file page
    expect(a.a_hat.getattr(0x11000)!.prot).to.equal(RX);        // read-only until written
    const f0 = anon_stats.file_copies;
    user_rw(t, a, 0x11004, 'w', 0x55);
    expect(anon_stats.file_copies - f0).to.equal(1);
    expect(user_rw(t, b, 0x80004, 'r')).to.equal(0x01020304);
    expect(dv.getUint32(P + 4)).to.equal(0x01020304);          // the file is never written
    expect(user_rw(t, b, 0x81000, 'r')).to.equal(0);           // past the file's bytes: zero
    // fork of a file mapping: the child shares the file page and the private copy (COW).
    const c = as_dup(a).as!;
    expect(vp.v_count).to.equal(3);
    expect(user_rw(t, c, 0x11004, 'r')).to.equal(0x55);
    expect(pfn_of(c, 0x11000)).to.equal(pfn_of(a, 0x11000));
    [a, b, c].forEach(as_free);
    expect(vp.v_count).to.equal(0);
    expect(vp.v_pages.size).to.equal(0);
    expect_no_leaks(t, base0);
  });

  it('as_setprot splits segments and changes translations; as_checkprot reports', () => {
    const as = as_alloc(t.vm);
    zfod(as, 0x10000, 4 * P);
    for (let i = 0; i < 4; i++) user_rw(t, as, 0x10000 + i * P, 'w', i);
    expect(as_setprot(as, 0x11000, 2 * P, PROT_READ)).to.equal(0);
    expect(segs(as)).to.deep.equal([[0x10000, P], [0x11000, 2 * P], [0x13000, P]]);
    expect(as.a_hat.getattr(0x11000)!.prot).to.equal(PROT_READ);
    expect(user_rw(t, as, 0x12000, 'w', 9)).to.equal(`fc ${FC_PROT}`);
    expect(user_rw(t, as, 0x12000, 'r')).to.equal(2);            // data kept across the split
    expect(as_checkprot(as, 0x10000, 4 * P, PROT_READ)).to.equal(0);
    expect(as_checkprot(as, 0x10000, 4 * P, RW)).to.equal(EACCES);
    expect(as_checkprot(as, 0x10000, 5 * P, PROT_READ)).to.equal(ENOMEM);
    expect(as_setprot(as, 0x10000, 5 * P, PROT_READ)).to.equal(ENOMEM);
    expect(as_setprot(as, 0x11000, 2 * P, RW)).to.equal(0);
    expect(user_rw(t, as, 0x12000, 'w', 5)).to.equal(5);
    const ro = as_alloc(t.vm);
    as_map(ro, 0x10000, P, segvn_create, { ...SEGVN_ZFOD_ARGS(PROT_READ, PROT_READ) });
    expect(as_setprot(ro, 0x10000, P, RW)).to.equal(EACCES);
    as_free(ro);
    as_free(as);
    expect_no_leaks(t, base0);
  });

  it('adjacent anonymous private maps concatenate into one segment, keeping their pages', () => {
    const as = as_alloc(t.vm);
    zfod(as, 0x20000, 2 * P);
    user_rw(t, as, 0x21000, 'w', 21);
    zfod(as, 0x22000, 2 * P);         // grows up (heap)
    zfod(as, 0x1f000, P);             // grows down (stack)
    expect(segs(as)).to.deep.equal([[0x1f000, 5 * P]]);
    const d = as.a_segs[0].s_data as SegvnData;
    expect(d.swresv).to.equal(5 * P);
    expect(user_rw(t, as, 0x21000, 'r')).to.equal(21);
    user_rw(t, as, 0x1f000, 'w', 31);
    user_rw(t, as, 0x23000, 'w', 23);
    expect([0x1f000, 0x21000, 0x23000].map((va) => user_rw(t, as, va, 'r'))).to.deep.equal([31, 21, 23]);
    zfod(as, 0x24000, P, RWX);        // different prot: separate segment
    expect(as.a_segs).to.have.length(2);
    as_free(as);
    expect_no_leaks(t, base0);
  });

  it('as_dup fails with ENOMEM when swap cannot be reserved, leaving the parent intact', () => {
    const parent = as_alloc(t.vm);
    zfod(parent, 0x10000, P);
    zfod(parent, 0x30000, P, RWX);
    user_rw(t, parent, 0x10000, 'w', 1);
    const allocated = t.pool.allocated, resv = t.pool.p_anon_resv;
    let n = 0;
    t.pool.p_inject = (site) => site === 'anon_resv' && ++n === 2;   // the second segment fails
    const r = as_dup(parent);
    t.pool.p_inject = null;
    expect(r).to.deep.equal({ error: ENOMEM, as: null });
    expect(t.pool.allocated).to.equal(allocated);
    expect(t.pool.p_anon_resv).to.equal(resv);
    expect(user_rw(t, parent, 0x10000, 'w', 2)).to.equal(2);
    expect(user_rw(t, parent, 0x10000, 'r')).to.equal(2);
    as_free(parent);
    expect_no_leaks(t, base0);
  });

  it('a write fault that cannot get a page returns FC_MAKE_ERR(ENOMEM) and changes nothing', () => {
    const parent = as_alloc(t.vm);
    zfod(parent, 0x10000, P);
    user_rw(t, parent, 0x10000, 'w', 1);
    const child = as_dup(parent).as!;
    user_rw(t, child, 0x10000, 'r');
    t.pool.p_inject = (site) => site === 'page_create';
    expect(user_rw(t, child, 0x10000, 'w', 5)).to.equal(`fc ${(ENOMEM << 8) | 3}`);
    t.pool.p_inject = null;
    expect(user_rw(t, parent, 0x10000, 'r')).to.equal(1);
    expect(user_rw(t, child, 0x10000, 'w', 5)).to.equal(5);
    expect(user_rw(t, parent, 0x10000, 'r')).to.equal(1);
    as_free(parent);
    as_free(child);
    expect_no_leaks(t, base0);
  });

  it('as_gap finds holes from the top or the bottom', () => {
    const as = as_alloc(t.vm);
    zfod(as, 0x10000, 2 * P);
    zfod(as, 0x20000, P);
    expect(as_gap(as, P, 0x10000, 0x30000, AH_LO)).to.equal(0x12000);
    expect(as_gap(as, P, 0x10000, 0x30000, AH_HI)).to.equal(0x2f000);
    expect(as_gap(as, 0xe000, 0x10000, 0x21000, AH_HI)).to.equal(0x12000);
    expect(as_gap(as, 0xf000, 0x10000, 0x21000, AH_HI)).to.equal(-1);
    as_free(as);
  });
});
