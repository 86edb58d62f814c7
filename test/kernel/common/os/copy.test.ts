/*
 * test/kernel/common/os/copy.test.ts — copyin/copyout and friends: page-crossing copies that
 * demand-fault, EFAULT for unmapped, out-of-range and forbidden addresses, copyout breaking COW
 * (the other sharer keeps its data), the M bit set by a kernel write, copyinstr's ENAMETOOLONG and
 * EFAULT, copyoutstr, fuword32/suword32 byte order and alignment, and a custom fault handler.
 */

import { expect } from 'chai';
import { EFAULT, ENAMETOOLONG } from '../../../../kernel/common/sys/errno.ts';
import {
  copyin, copyinstr, copyout, copyoutstr, fuword32, fuword8, suword32, suword8, uzero,
} from '../../../../kernel/common/os/copy.ts';
import { MAP_PRIVATE, PROT_EXEC, PROT_READ, PROT_WRITE } from '../../../../kernel/common/vm/seg.ts';
import { SEGVN_ZFOD_ARGS, segvn_create } from '../../../../kernel/common/vm/seg_vn.ts';
import { type As, as_alloc, as_dup, as_fault, as_free, as_map } from '../../../../kernel/common/vm/vm_as.ts';
import { anon_stats } from '../../../../kernel/common/vm/vm_anon.ts';
import { type TestVm, anon_baseline, expect_no_leaks, make_vm, user_rw } from '../vm/vm_fixture.ts';

const P = 4096;
const RW = PROT_READ | PROT_WRITE;

describe('copy (copyin/copyout)', () => {
  let t: TestVm;
  let as: As;
  let base0: number;
  beforeEach(() => {
    t = make_vm();
    base0 = anon_baseline();
    as = as_alloc(t.vm);
    as_map(as, 0x10000, 3 * P, segvn_create, SEGVN_ZFOD_ARGS(RW, 7));
    as_map(as, 0x20000, P, segvn_create, SEGVN_ZFOD_ARGS(PROT_READ, 7));
    as_map(as, 0x30000, P, segvn_create, SEGVN_ZFOD_ARGS(PROT_EXEC, 7));
  });
  afterEach(() => { as_free(as); expect_no_leaks(t, base0); });

  it('copies across page boundaries, faulting pages in', () => {
    const data = new Uint8Array(4100).map((_, i) => (i * 7 + 3) & 0xff);
    expect(copyout(as, 0x10ff0, data)).to.equal(0);
    expect(as.a_hat.getattr(0x10000)).to.not.equal(null);
    expect(as.a_hat.getattr(0x12000)).to.equal(null);
    const r = copyin(as, 0x10ff0, 4100);
    expect(r.error).to.equal(0);
    expect(Buffer.from(r.data).equals(Buffer.from(data))).to.equal(true);
    // The user sees the same bytes (big-endian word at 0x10ff0 = bytes 0..3).
    expect(user_rw(t, as, 0x10ff0, 'r')).to.equal(((3 << 24) | (10 << 16) | (17 << 8) | 24) >>> 0);
    expect(copyin(as, 0x12000, 0).error).to.equal(0);
  });

  it('sets R and M like a user store, and only R for a load', () => {
    expect(copyin(as, 0x11000, 4).error).to.equal(0);
    expect(as.a_hat.getattr(0x11000)).to.include({ ref: true, mod: false });
    expect(copyout(as, 0x11000, new Uint8Array([1]))).to.equal(0);
    expect(as.a_hat.getattr(0x11000)).to.include({ ref: true, mod: true });
  });

  it('returns EFAULT for unmapped, out-of-range and forbidden addresses', () => {
    const one = new Uint8Array([1, 2, 3, 4]);
    expect(copyin(as, 0x13000, 4)).to.deep.equal({ error: EFAULT, data: new Uint8Array(0) });
    expect(copyin(as, 0x12ffe, 4).error).to.equal(EFAULT);          // runs off the end
    expect(copyout(as, 0x40000, one)).to.equal(EFAULT);
    expect(copyout(as, 0xeffffffe, one)).to.equal(EFAULT);          // past the user limit
    expect(copyin(as, 0xfffffff0, 4).error).to.equal(EFAULT);
    expect(copyin(as, -4, 4).error).to.equal(EFAULT);
    expect(copyout(as, 0x20000, one)).to.equal(EFAULT);             // read-only segment
    expect(copyin(as, 0x20000, 4).error).to.equal(0);
    expect(copyin(as, 0x30000, 4).error).to.equal(EFAULT);          // execute-only segment
    expect(uzero(as, 0x20000, 4)).to.equal(EFAULT);
  });

  it('copyout onto a copy-on-write page copies it; the other sharer keeps its data', () => {
    expect(suword32(as, 0x10000, 0x12345678)).to.equal(0);
    const child = as_dup(as).as!;
    user_rw(t, child, 0x10000, 'r');                                  // child maps the shared frame
    const cow0 = anon_stats.cow_copies;
    expect(suword32(as, 0x10000, 0xcafe)).to.equal(0);               // kernel write for the parent
    expect(anon_stats.cow_copies - cow0).to.equal(1);
    expect(fuword32(child, 0x10000)).to.deep.equal({ error: 0, value: 0x12345678 });
    expect(fuword32(as, 0x10000)).to.deep.equal({ error: 0, value: 0xcafe });
    expect(user_rw(t, child, 0x10000, 'r')).to.equal(0x12345678);
    as_free(child);
  });

  it('copyinstr: strings, page crossing, ENAMETOOLONG and EFAULT', () => {
    copyout(as, 0x10ffa, new TextEncoder().encode('héllo, world\0'));
    const r = copyinstr(as, 0x10ffa, 100);
    // A byte string: one char per byte (the UTF-8 of é is two).
    expect(r).to.include({ error: 0, str: 'h\xc3\xa9llo, world', len: 14 });
    copyout(as, 0x10100, new Uint8Array([0x2f, 0xff, 0, 0x2f, 0xfe, 0]));
    expect(copyinstr(as, 0x10100, 10).str).to.equal('/\xff');
    expect(copyinstr(as, 0x10103, 10).str).to.equal('/\xfe');
    expect(copyinstr(as, 0x10ffa, 14).error).to.equal(0);
    expect(copyinstr(as, 0x10ffa, 13).error).to.equal(ENAMETOOLONG);
    // A string that runs into an unmapped page faults before its NUL.
    copyout(as, 0x12ffc, new Uint8Array([65, 66, 67, 68]));
    expect(copyinstr(as, 0x12ffc, 100).error).to.equal(EFAULT);
    expect(copyinstr(as, 0x12ffc, 4).error).to.equal(ENAMETOOLONG);
    expect(copyinstr(as, 0x50000, 10).error).to.equal(EFAULT);
  });

  it('copyoutstr writes the NUL and respects maxlen', () => {
    expect(copyoutstr(as, 0x11000, 'abc', 4)).to.deep.equal({ error: 0, len: 4 });
    expect(copyin(as, 0x11000, 4).data).to.deep.equal(new Uint8Array([97, 98, 99, 0]));
    expect(copyoutstr(as, 0x11000, 'abcd', 4).error).to.equal(ENAMETOOLONG);
    expect(copyoutstr(as, 0x20000, 'x', 4).error).to.equal(EFAULT);
  });

  it('fuword32/suword32 use the machine byte order and need alignment', () => {
    expect(suword32(as, 0x11004, 0x01020304)).to.equal(0);
    expect(copyin(as, 0x11004, 4).data).to.deep.equal(new Uint8Array([1, 2, 3, 4]));
    expect(fuword32(as, 0x11004).value).to.equal(0x01020304);
    expect(fuword32(as, 0x11006).error).to.equal(EFAULT);
    expect(suword32(as, 0x11002, 1)).to.equal(EFAULT);
    expect(fuword32(as, 0x13000).error).to.equal(EFAULT);
    expect(suword8(as, 0x11007, 0x1ff)).to.equal(0);
    expect(fuword8(as, 0x11007)).to.deep.equal({ error: 0, value: 0xff });
    expect(uzero(as, 0x11004, 4)).to.equal(0);
    expect(fuword32(as, 0x11004).value).to.equal(0);
  });

  it('uses the fault handler it is given (e.g. one that grows the stack)', () => {
    const seen: string[] = [];
    const pf = (addr: number, type: number, rw: number): number => {
      seen.push(`${addr.toString(16)} ${type} ${rw}`);
      if (addr >= 0x60000 && addr < 0x61000) {
        as_map(as, 0x60000, P, segvn_create, { type: MAP_PRIVATE, prot: RW, maxprot: 7, vp: null, offset: 0 });
      }
      return as_fault(as, addr, type, rw);
    };
    expect(copyout(as, 0x60010, new Uint8Array([9]), pf)).to.equal(0);
    expect(seen).to.deep.equal(['60010 0 2']);                       // F_INVAL, S_WRITE
    expect(copyin(as, 0x60010, 1, pf).data[0]).to.equal(9);
    expect(copyout(as, 0x20000, new Uint8Array([9]), pf)).to.equal(EFAULT);
    expect(seen[seen.length - 1]).to.equal('20000 0 2');
  });
});
