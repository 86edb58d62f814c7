/*
 * test/kernel/common/vm/pagefault.test.ts — stack growth (grow/grow_internal within p_stk_ctl),
 * the brk heap (brk_internal growing and shrinking), and pagefault()'s zero fill of holes in the
 * heap and stack areas.
 */

import { expect } from 'chai';
import { EINVAL, ENOMEM } from '../../../../kernel/common/sys/errno.ts';
import { FC_NOMAP, F_INVAL, S_READ, S_WRITE } from '../../../../kernel/common/vm/seg.ts';
import { SEGVN_ZFOD_ARGS, segvn_create } from '../../../../kernel/common/vm/seg_vn.ts';
import { as_alloc, as_free, as_map, as_unmap } from '../../../../kernel/common/vm/vm_as.ts';
import {
  DFLSSIZ, type VmProc, brk_internal, grow, grow_internal, pagefault,
} from '../../../../kernel/common/vm/pagefault.ts';
import { anon_baseline, expect_no_leaks, make_vm, user_rw } from './vm_fixture.ts';

const P = 4096;
const TOP = 0xf0000000;

describe('pagefault, grow, brk', () => {
  const setup = () => {
    const t = make_vm();
    const base0 = anon_baseline();
    const as = as_alloc(t.vm);
    // A process with one stack page mapped and a heap starting mid-page at 0x20100.
    as_map(as, TOP - P, P, segvn_create, SEGVN_ZFOD_ARGS(7, 7));
    as_map(as, 0x20000, P, segvn_create, SEGVN_ZFOD_ARGS(3, 7));   // "bss" page holding the break
    const p: VmProc = { p_as: as, p_brkbase: 0x20100, p_brksize: 0, p_usrstack: TOP, p_stksize: P, p_stk_ctl: 16 * P };
    return { t, base0, as, p };
  };

  it('grows the stack down on demand, within p_stk_ctl, as one segment', () => {
    const { t, base0, as, p } = setup();
    const sp = TOP - 3 * P + 8;
    expect(pagefault(p, sp, F_INVAL, S_WRITE)).to.equal(FC_NOMAP);   // below the mapped stack
    expect(grow(p, sp)).to.equal(true);
    expect(p.p_stksize).to.equal(3 * P);
    expect(user_rw(t, as, sp, 'w', 77)).to.equal(77);
    const stack = as.a_segs.filter((s) => s.s_base >= TOP - 16 * P);
    expect(stack.map((s) => [s.s_base, s.s_size])).to.deep.equal([[TOP - 3 * P, 3 * P]]);
    expect(grow_internal(p, TOP - 16 * P)).to.equal(0);
    expect(p.p_stksize).to.equal(16 * P);
    expect(grow_internal(p, TOP - 16 * P - 1)).to.equal(ENOMEM);
    expect(grow(p, TOP - 17 * P)).to.equal(false);
    expect(p.p_stksize).to.equal(16 * P);
    expect(grow_internal(p, TOP - 4)).to.equal(0);                  // already covered
    expect(DFLSSIZ).to.equal(8 * 1024 * 1024);
    as_free(as);
    expect_no_leaks(t, base0);
  });

  it('brk_internal maps and unmaps whole pages past the break', () => {
    const { t, base0, as, p } = setup();
    expect(brk_internal(p, 0x20100 + 0x2000)).to.equal(0);         // break 0x22100: pages 0x21000, 0x22000
    expect(p.p_brksize).to.equal(0x2000);
    expect(user_rw(t, as, 0x22ffc, 'w', 5)).to.equal(5);
    expect(user_rw(t, as, 0x23000, 'r')).to.equal(`fc ${FC_NOMAP}`);
    const pages = t.pool.allocated;
    expect(brk_internal(p, 0x21800)).to.equal(0);                  // shrink: page 0x22000 goes
    expect(t.pool.allocated).to.equal(pages - 1);
    expect(user_rw(t, as, 0x22000, 'r')).to.equal(`fc ${FC_NOMAP}`);
    expect(brk_internal(p, 0x20000)).to.equal(EINVAL);
    // Growing into another mapping fails and leaves the break alone.
    as_map(as, 0x30000, P, segvn_create, SEGVN_ZFOD_ARGS(3, 7));
    expect(brk_internal(p, 0x30004)).to.equal(ENOMEM);
    expect(p.p_brksize).to.equal(0x21800 - 0x20100);
    expect(brk_internal(p, 0x20100)).to.equal(0);
    expect(as.a_segs.map((s) => s.s_base)).to.deep.equal([0x20000, 0x30000, TOP - P]);
    as_free(as);
    expect_no_leaks(t, base0);
  });

  it('pagefault zero-fills a hole inside the heap or the stack area', () => {
    const { t, base0, as, p } = setup();
    brk_internal(p, 0x24000);
    as_unmap(as, 0x22000, P);                                      // punch a hole in the heap
    expect(pagefault(p, 0x22010, F_INVAL, S_READ)).to.equal(0);
    expect(user_rw(t, as, 0x22010, 'r')).to.equal(0);
    expect(pagefault(p, 0x25000, F_INVAL, S_READ)).to.equal(FC_NOMAP);   // past the break
    expect(pagefault(p, 0x22010, F_INVAL, S_READ, true)).to.equal(0);    // mapped now
    as_free(as);
    expect_no_leaks(t, base0);
  });
});
