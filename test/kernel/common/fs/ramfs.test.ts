/*
 * test/kernel/common/fs/ramfs.test.ts — the RAM file system (kernel/common/fs/ramfs.ts): lookups
 * and their errors, O_CREAT rules (every directory is writable, EEXIST with O_EXCL), copy-on-write of boot
 * archive, and regular-file reads/writes (holes, growth, truncate).
 */

import { expect } from 'chai';
import { RamFs, RamFile, RamDir, RamSpace, MAXNAMELEN, MAXOFF32, RAMFS_BLOCK } from '../../../../kernel/common/fs/ramfs.ts';
import { VDIR, VREG, type Vnode, type VopRet } from '../../../../kernel/common/fs/vnode.ts';
import { EACCES, EEXIST, EFBIG, EISDIR, ENAMETOOLONG, ENOENT, ENOSPC, ENOTDIR } from '../../../../kernel/common/sys/errno.ts';
import type { KGen } from '../../../../kernel/common/sys/thread.ts';

/** Run a generator that must not block (RAM files never sleep). */
function now<R>(g: KGen<R>): R {
  const r = g.next();
  expect(r.done, 'a RAM file operation tried to sleep').to.equal(true);
  return r.value as R;
}

function readall(v: Vnode, off: number, len: number): { r: VopRet; data: Uint8Array } {
  let data = new Uint8Array(0);
  const r = now(v.vop_read(off, len, 0, (d) => { data = d.slice(); return 0; }));
  return { r, data };
}

describe('kernel/common/fs/ramfs', () => {
  it('looks up files and directories, with ENOENT and ENOTDIR where they belong', () => {
    const fs = new RamFs();
    const f = fs.addFile('/bin/prog', new Uint8Array([1, 2, 3]));
    expect(fs.lookuppn('/bin/prog')).to.deep.equal({ error: 0, vp: f });
    expect(fs.lookuppn('bin/prog').vp).to.equal(f);               // no cwd: relative is from /
    expect(fs.lookuppn('/bin/../bin/./prog').vp).to.equal(f);
    expect(fs.lookuppn('/').vp).to.equal(fs.root);
    expect(fs.lookuppn('/tmp').vp!.v_type).to.equal(VDIR);
    expect(fs.lookuppn('/bin/nope').error).to.equal(ENOENT);
    expect(fs.lookuppn('/nodir/x').error).to.equal(ENOENT);
    expect(fs.lookuppn('').error).to.equal(ENOENT);
    expect(fs.lookuppn('/bin/prog/x').error).to.equal(ENOTDIR);
    expect(fs.lookuppn('/bin/prog/').error).to.equal(ENOTDIR);
    expect(fs.lookuppn('/bin/').vp!.v_type).to.equal(VDIR);
    expect(fs.lookuppn('/' + 'n'.repeat(MAXNAMELEN)).error).to.equal(ENAMETOOLONG);
    expect(fs.lookup('/bin/prog')).to.equal(f);
    expect(fs.lookup('/bin/nope')).to.equal(undefined);
  });

  it('creates files anywhere (/ is writable), and honours O_EXCL', () => {
    const fs = new RamFs();
    fs.addFile('/etc/motd', new Uint8Array(0));
    const c = fs.create('/tmp/new', false);
    expect(c.error).to.equal(0);
    expect(c.created).to.equal(true);
    expect(c.vp!.v_type).to.equal(VREG);
    expect((c.vp as RamFile).writable).to.equal(true);
    expect(fs.create('/tmp/new', false)).to.deep.include({ error: 0, vp: c.vp, created: false });
    expect(fs.create('/tmp/new', true).error).to.equal(EEXIST);
    expect(fs.create('/tmp', true).error).to.equal(EEXIST);
    expect(fs.create('/etc/other', false).error).to.equal(0);        // beside a boot-archive file
    expect(fs.create('/newfile', false, null, 0o600).vp).to.deep.include({ v_mode: 0o600 });
    const ro = new RamDir(false, fs.root);
    fs.link(fs.root, 'ro', ro);
    expect(fs.create('/ro/x', false).error).to.equal(EACCES);        // a read-only directory still refuses
    expect(fs.create('/nodir/x', false).error).to.equal(ENOENT);
    expect(fs.create('/tmp/new/x', false).error).to.equal(ENOTDIR);
    expect(fs.create('/tmp/dir/', false).error).to.equal(EISDIR);
    expect(fs.lookup('/tmp/dir')).to.equal(undefined);
  });

  it('copies a boot-archive file on its first write, charging the copy; the host buffer is never written', () => {
    const fs = new RamFs();
    const host = new Uint8Array(RAMFS_BLOCK + 1).fill(9);
    const f = fs.addFile('/bin/x', host);
    expect(f.pristine).to.equal(true);
    expect(f.data).to.equal(host);                     // one object: file mappings key on it
    expect(fs.space.used).to.equal(0);
    expect(now(f.vop_write(1, new Uint8Array([1]), 0))).to.deep.equal({ error: 0, n: 1 });
    expect(f.pristine).to.equal(false);
    expect(host[1]).to.equal(9);
    expect(Array.from(f.data.subarray(0, 3))).to.deep.equal([9, 1, 9]);
    expect(f.data.length).to.equal(RAMFS_BLOCK + 1);
    expect(fs.space.used).to.equal(2 * RAMFS_BLOCK);
    // A copy that does not fit is ENOSPC and leaves the file as it was.
    const g = fs.addFile('/bin/y', new Uint8Array(3 * RAMFS_BLOCK).fill(7));
    fs.space.limit = fs.space.used + RAMFS_BLOCK;
    expect(now(g.vop_write(0, new Uint8Array([1]), 0)).error).to.equal(ENOSPC);
    expect(g.pristine).to.equal(true);
    // Truncation copies only what it keeps.
    expect(g.truncate(RAMFS_BLOCK)).to.equal(0);
    expect(g.size()).to.equal(RAMFS_BLOCK);
    expect(g.data[RAMFS_BLOCK - 1]).to.equal(7);
    expect(fs.census().unowned).to.equal(0);
    const ro = new RamFile(new Uint8Array([5]));
    expect(now(ro.vop_write(0, new Uint8Array([1]), 0)).error).to.equal(EACCES);
    expect(fs.root.writable).to.equal(true);
  });

  it('reads and writes at offsets, zero-fills holes and grows', () => {
    const f = new RamFile(new Uint8Array(0), true);
    expect(now(f.vop_write(0, new TextEncoder().encode('abc'), 0))).to.deep.equal({ error: 0, n: 3 });
    expect(now(f.vop_write(6, new TextEncoder().encode('Z'), 0))).to.deep.equal({ error: 0, n: 1 });
    expect(f.size()).to.equal(7);
    const d1 = f.data;
    expect(f.data).to.equal(d1);
    expect(Array.from(f.data)).to.deep.equal([97, 98, 99, 0, 0, 0, 90]);
    const { r, data } = readall(f, 2, 3);
    expect(r).to.deep.equal({ error: 0, n: 3 });
    expect(Array.from(data)).to.deep.equal([99, 0, 0]);
    expect(readall(f, 7, 10).r).to.deep.equal({ error: 0, n: 0 });
    expect(readall(f, 100, 10).r).to.deep.equal({ error: 0, n: 0 });
    const big = new Uint8Array(100_000).map((_, i) => i);
    now(f.vop_write(f.size(), big, 0));
    expect(f.data).to.not.equal(d1);                   // changed: a new view
    expect(f.size()).to.equal(100_007);
    expect(f.data.subarray(7)).to.deep.equal(big);
  });

  it('truncates, and a regrown file reads zeros where old bytes were', () => {
    const f = new RamFile(new Uint8Array(0), true);
    now(f.vop_write(0, new Uint8Array(50).fill(7), 0));
    f.truncate(10);
    expect(f.size()).to.equal(10);
    now(f.vop_write(20, new Uint8Array([1]), 0));
    expect(Array.from(f.data.subarray(8, 21))).to.deep.equal([7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    f.truncate(0);
    expect(f.size()).to.equal(0);
    expect(f.data.length).to.equal(0);
  });

  it('keeps writable files sparse: a byte near 2 GiB costs one block, and two such files fit', () => {
    const sp = new RamSpace(8 * RAMFS_BLOCK);
    const a = new RamFile(new Uint8Array(0), true, sp), b = new RamFile(new Uint8Array(0), true, sp);
    expect(now(a.vop_write(MAXOFF32 - 1, new Uint8Array([5]), 0))).to.deep.equal({ error: 0, n: 1 });
    expect(now(b.vop_write(MAXOFF32 - 1, new Uint8Array([6]), 0))).to.deep.equal({ error: 0, n: 1 });
    expect(a.size()).to.equal(MAXOFF32);
    expect(a.allocated()).to.equal(RAMFS_BLOCK);
    expect(sp.used).to.equal(2 * RAMFS_BLOCK);
    expect(Array.from(readall(a, 0x40000000, 4).data)).to.deep.equal([0, 0, 0, 0]);
    expect(Array.from(readall(a, MAXOFF32 - 2, 4).data)).to.deep.equal([0, 5]);
  });

  it('EFBIG at MAXOFF32 (a write that would cross it stops there); truncate past it is EFBIG too', () => {
    const f = new RamFile(new Uint8Array(0), true);
    expect(now(f.vop_write(MAXOFF32, new Uint8Array([1]), 0)).error).to.equal(EFBIG);
    expect(now(f.vop_write(MAXOFF32 - 2, new Uint8Array([1, 2, 3, 4]), 0))).to.deep.equal({ error: 0, n: 2 });
    expect(f.truncate(MAXOFF32 + 1)).to.equal(EFBIG);
    expect(new RamFile(new Uint8Array(1)).truncate(0)).to.equal(EACCES);   // a read-only file
  });

  it('ENOSPC when the space is used up (a short count first), and truncation gives blocks back', () => {
    const sp = new RamSpace(2 * RAMFS_BLOCK);
    const f = new RamFile(new Uint8Array(0), true, sp), g = new RamFile(new Uint8Array(0), true, sp);
    expect(now(f.vop_write(0, new Uint8Array(3 * RAMFS_BLOCK), 0))).to.deep.equal({ error: 0, n: 2 * RAMFS_BLOCK });
    expect(now(f.vop_write(2 * RAMFS_BLOCK, new Uint8Array(1), 0)).error).to.equal(ENOSPC);
    expect(now(g.vop_write(0, new Uint8Array(1), 0)).error).to.equal(ENOSPC);
    expect(now(f.vop_write(10, new Uint8Array(100).fill(1), 0)).n).to.equal(100);   // allocated blocks still take writes
    expect(f.truncate(RAMFS_BLOCK + 1)).to.equal(0);
    expect(sp.used).to.equal(2 * RAMFS_BLOCK);
    expect(f.truncate(RAMFS_BLOCK)).to.equal(0);
    expect(sp.used).to.equal(RAMFS_BLOCK);
    expect(now(g.vop_write(0, new Uint8Array(1), 0)).n).to.equal(1);
    expect(sp.used).to.equal(2 * RAMFS_BLOCK);
  });

  it('tells watchers (file mappings) of every change', () => {
    const f = new RamFile(new Uint8Array(0), true);
    const seen: [number, number][] = [];
    f.on_change((off, len) => seen.push([off, len]));
    now(f.vop_write(5, new Uint8Array(3), 0));
    f.truncate(2);
    expect(seen).to.deep.equal([[5, 3], [2, 6]]);
  });

  it('refuses to read or write a directory (EISDIR)', () => {
    const fs = new RamFs();
    const d = fs.lookup('/tmp')!;
    expect(readall(d, 0, 10).r.error).to.equal(EISDIR);
    expect(now(d.vop_write(0, new Uint8Array(1), 0)).error).to.equal(EISDIR);
  });

  it('write_back stores changed bytes only, keeps zero holes, skips a file that is gone; hold/rele keep it alive', () => {
    const space = new RamSpace();
    space.limit = 16 * RAMFS_BLOCK;
    const f = new RamFile(new Uint8Array(0), true, space);
    f.truncate(3 * RAMFS_BLOCK);
    f.write_back(0, new Uint8Array(RAMFS_BLOCK));
    expect(f.allocated(), 'a page of zeros over a hole').to.equal(0);
    const page = new Uint8Array(RAMFS_BLOCK);
    page[5] = 9;
    f.write_back(RAMFS_BLOCK, page);
    expect(f.allocated()).to.equal(RAMFS_BLOCK);
    expect(readall(f, RAMFS_BLOCK + 5, 1).data[0]).to.equal(9);
    f.write_back(2 * RAMFS_BLOCK, new Uint8Array(2 * RAMFS_BLOCK).fill(1));
    expect(f.size(), 'nothing past the end').to.equal(3 * RAMFS_BLOCK);
    f.hold();
    f.v_nlink = 0;
    f.write_back(0, page);
    expect(readall(f, 5, 1).data[0], 'unlinked but held: still written').to.equal(9);
    f.rele();
    expect(space.used, 'the last rele of an unlinked file frees it').to.equal(0);
    f.write_back(0, page);
    expect(space.used, 'a file that is gone takes nothing back').to.equal(0);
  });
});
