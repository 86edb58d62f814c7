/*
 * test/kernel/common/fs/fcntl_lock.test.ts — the struct flock of a 32-bit process and its byte
 * range (kernel/common/fs/fcntl_lock.ts): field offsets in both byte orders, whence, l_len 0 and
 * negative lengths, and the EINVAL/EOVERFLOW cases.
 */

import { expect } from 'chai';
import { flock32_decode, flock32_encode, flock_range, FLOCK32_SIZE } from '../../../../kernel/common/fs/fcntl_lock.ts';
import { MAXEND } from '../../../../kernel/common/fs/flock.ts';
import { UFile } from '../../../../kernel/common/fs/file.ts';
import { RamFile } from '../../../../kernel/common/fs/ramfs.ts';
import { EINVAL, EOVERFLOW } from '../../../../kernel/common/sys/errno.ts';

describe('kernel/common/fs/fcntl_lock', () => {
  it('lays struct flock out as Solaris does (36 bytes; shorts then words)', () => {
    const b = new Uint8Array(FLOCK32_SIZE);
    const fl = { l_type: 2, l_whence: 1, l_start: -5, l_len: 7, l_sysid: 0, l_pid: 42 };
    flock32_encode(fl, b, true);
    expect(Array.from(b.subarray(0, 12))).to.deep.equal([0, 2, 0, 1, 0xff, 0xff, 0xff, 0xfb, 0, 0, 0, 7]);
    expect(b[19]).to.equal(42);
    expect(flock32_decode(b, true)).to.deep.equal(fl);
    flock32_encode(fl, b, false);
    expect(b[0]).to.equal(2);
    expect(flock32_decode(b, false)).to.deep.equal(fl);
  });

  it('turns whence/start/len into an inclusive range', () => {
    const f = new UFile(new RamFile(new Uint8Array(100)), 1, { ft_nopen: 0, ft_nalloc: 0 });
    f.f_offset = 30;
    const r = (l_whence: number, l_start: number, l_len: number) => flock_range({ l_type: 1, l_whence, l_start, l_len, l_sysid: 0, l_pid: 0 }, f);
    expect(r(0, 10, 5)).to.deep.equal({ error: 0, start: 10, end: 14 });
    expect(r(1, 0, 1)).to.deep.equal({ error: 0, start: 30, end: 30 });
    expect(r(2, -10, 0)).to.deep.equal({ error: 0, start: 90, end: MAXEND });
    expect(r(0, 10, -4)).to.deep.equal({ error: 0, start: 6, end: 9 });
    expect(r(0, 2, -4).error).to.equal(EINVAL);
    expect(r(3, 0, 0).error).to.equal(EINVAL);
    expect(r(1, -31, 1).error).to.equal(EINVAL);
    expect(r(0, 0x7fffffff, 2).error).to.equal(EOVERFLOW);
  });
});
