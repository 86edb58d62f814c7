/*
 * test/kernel/common/vm/mm_syscalls.test.ts — mmap/munmap below the trap layer: smmap and smunmap
 * on a process-like object over a real VM (segvn, anon, SRMMU HAT). Covers address choice (top
 * below the stack limit, hints, MAP_FIXED replacing, the old-style forced MAP_FIXED), anonymous
 * private vs shared across as_dup, file mappings, every error return, that an unmapped page then
 * faults with FC_NOMAP (the trap turns that into SIGSEGV), and that freeing leaks nothing.
 */

import { expect } from 'chai';
import {
  EACCES, EBADF, EINVAL, ENODEV, ENOMEM, ENXIO,
} from '../../../../kernel/common/sys/errno.ts';
import { FC_NOMAP, F_INVAL, MAP_ANON, MAP_FIXED, MAP_NORESERVE, MAP_PRIVATE, MAP_SHARED, PROT_EXEC, PROT_READ,
  PROT_WRITE, S_READ } from '../../../../kernel/common/vm/seg.ts';
import { as_alloc, as_dup, as_fault, as_free } from '../../../../kernel/common/vm/vm_as.ts';
import {
  MAP_ALIGN, MAP_INITDATA, MAP_TEXT, _MAP_LOW32, _MAP_NEW, type MmProc, smmap, smunmap,
} from '../../../../kernel/common/vm/mm_syscalls.ts';
import { map_addr } from '../../../../kernel/common/vm/pagefault.ts';
import { falloc, FREAD, FWRITE, type UFile } from '../../../../kernel/common/fs/file.ts';
import { RamFile } from '../../../../kernel/common/fs/ramfs.ts';
import type { Vnode } from '../../../../kernel/common/fs/vnode.ts';
import { type TestVm, anon_baseline, expect_no_leaks, make_vm, user_rw } from './vm_fixture.ts';

const P = 4096;
const RW = PROT_READ | PROT_WRITE;
const ANON = _MAP_NEW | MAP_PRIVATE | MAP_ANON;
const SHANON = _MAP_NEW | MAP_SHARED | MAP_ANON;
const USRSTACK = 0x80000000, STK_CTL = 0x800000;
/** Where the first kernel-placed mapping of n pages goes: just below the stack's limit. */
const top = (n: number) => USRSTACK - STK_CTL - n * P;

function proc(t: TestVm, fds: (UFile | null)[] = []): MmProc {
  return { p_as: as_alloc(t.vm), p_brkbase: 0x20000, p_brksize: 0x3000, p_usrstack: USRSTACK, p_stksize: 0,
    p_stk_ctl: STK_CTL, p_fds: fds };
}

describe('mm_syscalls: smmap / smunmap', () => {
  let t: TestVm;
  let base0: number;
  const owner = {};
  beforeEach(() => { t = make_vm(8); base0 = anon_baseline(); });

  it('maps anonymous private memory at the top of the free range, zero-filled and writable', () => {
    const p = proc(t);
    const r = smmap(p, 0, 2 * P + 1, RW, ANON, -1, 0);
    expect(r).to.deep.equal({ error: 0, addr: top(3) });
    expect(user_rw(t, p.p_as, r.addr, 'r')).to.equal(0);
    expect(user_rw(t, p.p_as, r.addr + 2 * P, 'w', 0x1234)).to.equal(0x1234);
    expect(t.pool.p_anonstats.ani_inuse, 'the read and the write each filled a page').to.equal(2);
    const r2 = smmap(p, 0, P, RW, ANON, -1, 0);
    expect(r2.addr).to.equal(top(4));
    expect(smunmap(p, r.addr, 3 * P)).to.equal(0);
    expect(t.pool.p_anonstats.ani_inuse).to.equal(0);
    expect(as_fault(p.p_as, r.addr + 2 * P, F_INVAL, S_READ)).to.equal(FC_NOMAP);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('map_addr stays above the heap and below the stack limit, ENOMEM when nothing fits', () => {
    const p = proc(t);
    expect(map_addr(p, P)).to.equal(top(1));
    const space = USRSTACK - STK_CTL - 0x23000;
    expect(map_addr(p, space)).to.equal(0x23000);
    expect(map_addr(p, space + P)).to.equal(-1);
    expect(smmap(p, 0, space + P, RW, ANON, -1, 0).error).to.equal(ENOMEM);
    as_free(p.p_as);
  });

  it('honours a free hint, moves when it is taken, and MAP_FIXED replaces what was there', () => {
    const p = proc(t);
    expect(smmap(p, 0x40000123, P, RW, ANON, -1, 0).addr).to.equal(0x40000000);
    user_rw(t, p.p_as, 0x40000000, 'w', 77);
    const moved = smmap(p, 0x40000000, P, RW, ANON, -1, 0);
    expect(moved.error).to.equal(0);
    expect(moved.addr).to.not.equal(0x40000000);
    expect(user_rw(t, p.p_as, 0x40000000, 'r')).to.equal(77);
    expect(smmap(p, 0x40000000, P, RW, ANON | MAP_FIXED, -1, 0).addr).to.equal(0x40000000);
    expect(user_rw(t, p.p_as, 0x40000000, 'r')).to.equal(0);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('an old-style call (no _MAP_NEW) is MAP_FIXED on SPARC, a hint elsewhere', () => {
    const p = proc(t);
    const old = MAP_PRIVATE | MAP_ANON;
    smmap(p, 0x50000000, P, RW, ANON, -1, 0);
    user_rw(t, p.p_as, 0x50000000, 'w', 5);
    expect(smmap(p, 0x50000000, P, RW, old, -1, 0, true).addr).to.equal(0x50000000);
    expect(user_rw(t, p.p_as, 0x50000000, 'r')).to.equal(0);
    user_rw(t, p.p_as, 0x50000000, 'w', 6);
    const r = smmap(p, 0x50000000, P, RW, old, -1, 0, false);
    expect(r.addr).to.not.equal(0x50000000);
    expect(user_rw(t, p.p_as, 0x50000000, 'r')).to.equal(6);
    expect(smmap(p, 0x50000100, P, RW, old, -1, 0, true).error).to.equal(EINVAL);
    as_free(p.p_as);
  });

  it('MAP_ALIGN places the mapping on the requested power-of-two boundary', () => {
    const p = proc(t);
    const r = smmap(p, 0x100000, P, RW, ANON | MAP_ALIGN, -1, 0);
    expect(r.error).to.equal(0);
    expect(r.addr % 0x100000).to.equal(0);
    expect(smmap(p, 0x3000, P, RW, ANON | MAP_ALIGN, -1, 0).error).to.equal(EINVAL);
    expect(smmap(p, 0x100000, P, RW, ANON | MAP_ALIGN | MAP_FIXED, -1, 0).error).to.equal(EINVAL);
    as_free(p.p_as);
  });

  it('MAP_SHARED stays shared across as_dup while MAP_PRIVATE is copied on write', () => {
    const p = proc(t);
    const sh = smmap(p, 0, P, RW, SHANON, -1, 0).addr;
    const pr = smmap(p, 0, P, RW, ANON, -1, 0).addr;
    user_rw(t, p.p_as, sh, 'w', 1);
    user_rw(t, p.p_as, pr, 'w', 2);
    const child = as_dup(p.p_as).as!;
    user_rw(t, child, sh, 'w', 10);
    user_rw(t, child, pr, 'w', 20);
    expect(user_rw(t, p.p_as, sh, 'r')).to.equal(10);
    expect(user_rw(t, p.p_as, pr, 'r')).to.equal(2);
    user_rw(t, p.p_as, pr, 'w', 3);
    expect(user_rw(t, child, pr, 'r')).to.equal(20);
    expect(t.pool.p_anonstats.cow_copies).to.equal(1);
    as_free(child);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('maps ramfs files privately (copy on write) and read-only shared, from a page offset', () => {
    const data = new Uint8Array(2 * P + 10);
    data.set([0x7f, 0x45, 0x4c, 0x46]);
    data[P] = 0xaa;
    const ro = falloc(new RamFile(data), FREAD, owner);
    const rwf = new RamFile(data, true);
    const rw = falloc(rwf, FREAD | FWRITE, owner);
    const wo = falloc(new RamFile(data, true), FWRITE, owner);
    const dev: Vnode = { v_type: 4, size: () => 0, vop_read: function* () { return { error: 0, n: 0 }; },
      vop_write: function* () { return { error: 0, n: 0 }; } };
    const p = proc(t, [ro, rw, wo, falloc(dev, FREAD, owner)]);
    const m = smmap(p, 0, 3 * P, RW, _MAP_NEW | MAP_PRIVATE, 0, 0).addr;
    expect(user_rw(t, p.p_as, m, 'r')).to.equal(0x7f454c46);
    user_rw(t, p.p_as, m, 'w', 1);
    const s = smmap(p, 0, P, PROT_READ, _MAP_NEW | MAP_SHARED, 0, 0).addr;
    expect(user_rw(t, p.p_as, s, 'r')).to.equal(0x7f454c46);
    expect(user_rw(t, p.p_as, m, 'r')).to.equal(1);
    expect(data[0]).to.equal(0x7f);
    const o = smmap(p, 0, P, PROT_READ, _MAP_NEW | MAP_PRIVATE, 0, P).addr;
    expect((user_rw(t, p.p_as, o, 'r') as number) >>> 24).to.equal(0xaa);
    expect(smmap(p, 0, P, RW, _MAP_NEW | MAP_SHARED, 0, 0).error, 'shared write, read-only fd').to.equal(EACCES);
    // A writable file maps shared writable; its stores reach the file when the last mapping goes.
    const sw = smmap(p, 0, P, RW, _MAP_NEW | MAP_SHARED, 1, 0);
    expect(sw.error, 'shared write of a /tmp file').to.equal(0);
    user_rw(t, p.p_as, sw.addr + 8, 'w', 0x11223344);
    const before = new Uint8Array(4);
    rwf.read_into(8, before);
    expect([...before], 'not yet written back').to.deep.equal([0, 0, 0, 0]);
    expect(smunmap(p, sw.addr, P)).to.equal(0);
    const after = new Uint8Array(4);
    rwf.read_into(8, after);
    expect([...after], 'written back at the last unmap').to.deep.equal([0x11, 0x22, 0x33, 0x44]);
    expect(user_rw(t, p.p_as, smmap(p, 0, P, RW, _MAP_NEW | MAP_SHARED, 1, 0).addr + 8, 'r')).to.equal(0x11223344);
    expect(smmap(p, 0, P, PROT_READ, _MAP_NEW | MAP_PRIVATE, 2, 0).error, 'write-only fd').to.equal(EACCES);
    expect(smmap(p, 0, P, PROT_READ, _MAP_NEW | MAP_PRIVATE, 3, 0).error, 'device').to.equal(ENODEV);
    expect(smmap(p, 0, P, PROT_READ, _MAP_NEW | MAP_PRIVATE, 0, -P).error, 'negative offset').to.equal(ENXIO);
    expect(smmap(p, 0, P, PROT_READ, _MAP_NEW | MAP_PRIVATE | MAP_ANON, 0, 0).error, 'anon + fd').to.equal(EINVAL);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('returns the Solaris errors for bad arguments', () => {
    const p = proc(t);
    const cases: [string, number, number, number, number, number, number][] = [
      // name, addr, len, prot, flags, fd, off → errno (last column)
      ['len 0', 0, 0, RW, ANON, -1, EINVAL],
      ['type 0', 0, P, RW, _MAP_NEW | MAP_ANON, -1, EINVAL],
      ['type 3', 0, P, RW, ANON | MAP_SHARED, -1, EINVAL],
      ['unknown flag', 0, P, RW, ANON | 0x1000, -1, EINVAL],
      ['_MAP_LOW32 from user', 0, P, RW, ANON | _MAP_LOW32, -1, EINVAL],
      ['MAP_TEXT without exec', 0, P, RW, ANON | MAP_TEXT, -1, EINVAL],
      ['MAP_TEXT|MAP_INITDATA', 0, P, RW | PROT_EXEC, ANON | MAP_TEXT | MAP_INITDATA, -1, EINVAL],
      ['fixed unaligned', 0x40000010, P, RW, ANON | MAP_FIXED, -1, EINVAL],
      ['fixed beyond user space', 0xeffff000, 2 * P, RW, ANON | MAP_FIXED, -1, ENOMEM],
      ['fixed wrapping', 0xfffff000, 2 * P, RW, ANON | MAP_FIXED, -1, ENOMEM],
      ['too long', 0, 0xf0000000, RW, ANON, -1, ENOMEM],
      ['fd -1 without MAP_ANON', 0, P, RW, _MAP_NEW | MAP_PRIVATE, -1, EBADF],
      ['closed fd', 0, P, RW, _MAP_NEW | MAP_PRIVATE, 7, EBADF],
      ['negative fd', 0, P, RW, ANON, -2, EBADF],
      ['prot beyond PROT_ALL', 0, P, 0x10, ANON, -1, EACCES],
    ];
    for (const [name, addr, len, prot, flags, fd, want] of cases) {
      expect(smmap(p, addr, len, prot, flags, fd, 0).error, name).to.equal(want);
    }
    expect(smmap(p, 0, P, RW, ANON, -1, 100).error, 'offset not page aligned').to.equal(EINVAL);
    expect(smmap(p, 0, P, RW, ANON | MAP_NORESERVE, -1, 0).error, 'MAP_NORESERVE is fine').to.equal(0);
    expect(p.p_as.a_segs).to.have.length(1);
    expect(smunmap(p, 0x40000001, P)).to.equal(EINVAL);
    expect(smunmap(p, 0x40000000, 0)).to.equal(EINVAL);
    expect(smunmap(p, 0xeffff000, 2 * P)).to.equal(EINVAL);
    expect(smunmap(p, 0x40000000, P), 'unmapping a hole').to.equal(0);
    as_free(p.p_as);
  });
});
