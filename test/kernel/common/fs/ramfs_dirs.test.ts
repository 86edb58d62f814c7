/*
 * test/kernel/common/fs/ramfs_dirs.test.ts — directory operations of the RAM file system
 * (kernel/common/fs/ramfs.ts): relative lookups from a current directory and `..`, mkdir, rmdir
 * and unlink with their errors, getcwd's dirpath, and the /tmp space given back by unlink (at
 * once, or at the last close of an open file).
 */

import { expect } from 'chai';
import { RamFs, RamDir, RamFile, RAMFS_BLOCK, MAXNAMELEN } from '../../../../kernel/common/fs/ramfs.ts';
import { EACCES, EBUSY, EEXIST, EINVAL, ENAMETOOLONG, ENOENT, ENOTDIR, ENOTEMPTY, EPERM } from '../../../../kernel/common/sys/errno.ts';
import type { KGen } from '../../../../kernel/common/sys/thread.ts';
import type { VopRet } from '../../../../kernel/common/fs/vnode.ts';

function now<R>(g: KGen<R>): R {
  const r = g.next();
  expect(r.done).to.equal(true);
  return r.value as R;
}

describe('kernel/common/fs/ramfs directories', () => {
  it('mkdir makes writable directories anywhere; EEXIST, ENOENT, ENOTDIR, EACCES, ENAMETOOLONG', () => {
    const fs = new RamFs();
    fs.addFile('/bin/prog', new Uint8Array(4));
    expect(fs.mkdir('/tmp/a')).to.equal(0);
    expect(fs.mkdir('/tmp/a/b')).to.equal(0);
    const b = fs.lookup('/tmp/a/b');
    expect(b).to.be.instanceOf(RamDir);
    expect((b as RamDir).writable).to.equal(true);
    expect(fs.mkdir('/tmp/a')).to.equal(EEXIST);
    expect(fs.mkdir('/')).to.equal(EEXIST);
    expect(fs.mkdir('/tmp/a/.')).to.equal(EEXIST);
    expect(fs.mkdir('/tmp/x/y')).to.equal(ENOENT);
    expect(fs.mkdir('/bin/prog/y')).to.equal(ENOTDIR);
    expect(fs.mkdir('/bin/d')).to.equal(0);
    fs.link(fs.root, 'ro', new RamDir(false, fs.root));
    expect(fs.mkdir('/ro/d')).to.equal(EACCES);
    expect(fs.mkdir('/tmp/' + 'n'.repeat(MAXNAMELEN))).to.equal(ENAMETOOLONG);
    expect(fs.mkdir('')).to.equal(ENOENT);
  });

  it('resolves relative paths and .. from a current directory; dirpath walks back up', () => {
    const fs = new RamFs();
    fs.mkdir('/tmp/a');
    const a = fs.lookup('/tmp/a') as RamDir;
    expect(fs.create('f', false, a).error).to.equal(0);
    expect(fs.lookup('/tmp/a/f')).to.be.instanceOf(RamFile);
    expect(fs.lookup('../a/f', a)).to.equal(fs.lookup('/tmp/a/f'));
    expect(fs.lookup('..', a)).to.equal(fs.lookup('/tmp'));
    expect(fs.lookup('../../..', a)).to.equal(fs.root);
    expect(fs.lookup('.', a)).to.equal(a);
    expect(fs.lookup('/tmp', a)).to.equal(fs.lookup('/tmp'));
    expect(fs.dirpath(a)).to.deep.equal({ error: 0, path: '/tmp/a' });
    expect(fs.dirpath(fs.root)).to.deep.equal({ error: 0, path: '/' });
  });

  it('rmdir removes empty directories; ENOTEMPTY, ENOTDIR, EINVAL, EEXIST, EBUSY, EACCES; a removed cwd', () => {
    const fs = new RamFs();
    fs.addFile('/bin/prog', new Uint8Array(4));
    fs.mkdir('/tmp/a');
    fs.create('/tmp/a/f', false);
    expect(fs.rmdir('/tmp/a')).to.equal(ENOTEMPTY);
    expect(fs.rmdir('/tmp/a/f')).to.equal(ENOTDIR);
    expect(fs.rmdir('/tmp/a/.')).to.equal(EINVAL);
    expect(fs.rmdir('/tmp/a/..')).to.equal(EEXIST);
    expect(fs.rmdir('/')).to.equal(EBUSY);
    expect(fs.rmdir('/bin')).to.equal(ENOTEMPTY);
    expect(fs.rmdir('/tmp/none')).to.equal(ENOENT);
    const a = fs.lookup('/tmp/a') as RamDir;
    expect(fs.unlink('/tmp/a/f')).to.equal(0);
    expect(fs.rmdir('/tmp/a')).to.equal(0);
    expect(fs.lookuppn('/tmp/a').error).to.equal(ENOENT);
    expect(fs.dirpath(a).error).to.equal(ENOENT);
    expect(fs.create('g', false, a).error).to.equal(ENOENT);
    expect(fs.mkdir('g', a)).to.equal(ENOENT);
    expect(fs.lookup('..', a)).to.equal(fs.lookup('/tmp'));
  });

  it('unlink: EPERM on a directory, boot files too, ENOENT; blocks go back at once or at the last close', () => {
    const fs = new RamFs();
    fs.addFile('/bin/prog', new Uint8Array(4));
    expect(fs.unlink('/tmp')).to.equal(EPERM);
    expect(fs.unlink('/bin/prog/x')).to.equal(ENOTDIR);
    expect(fs.unlink('/bin/prog')).to.equal(0);
    expect(fs.unlink('/tmp/none')).to.equal(ENOENT);

    const f = fs.create('/tmp/f', false).vp as RamFile;
    now(f.vop_write(0, new Uint8Array(3 * RAMFS_BLOCK), 0));
    expect(fs.space.used).to.equal(3 * RAMFS_BLOCK);
    expect(fs.unlink('/tmp/f')).to.equal(0);
    expect(fs.space.used).to.equal(0);

    const g = fs.create('/tmp/g', false).vp as RamFile;
    g.vop_open();
    now(g.vop_write(0, new Uint8Array([1, 2, 3]), 0));
    expect(fs.unlink('/tmp/g')).to.equal(0);
    expect(fs.lookuppn('/tmp/g').error).to.equal(ENOENT);
    expect(g.v_nlink).to.equal(0);
    expect(fs.space.used).to.equal(RAMFS_BLOCK);
    let got: Uint8Array | null = null;
    const r: VopRet = now(g.vop_read(0, 8, 0, (d) => { got = d.slice(); return 0; }));
    expect(r.n).to.equal(3);
    expect(Array.from(got!)).to.deep.equal([1, 2, 3]);
    g.vop_close();
    expect(fs.space.used).to.equal(0);
  });

  it('census: reachable directory holds and /tmp bytes no reachable file owns (the leak check)', () => {
    const fs = new RamFs();
    fs.mkdir('/tmp/a');
    const a = fs.lookup('/tmp/a') as RamDir;
    a.v_count++;
    const f = fs.create('/tmp/a/f', false).vp as RamFile;
    now(f.vop_write(0, new Uint8Array(10), 0));
    expect(fs.census()).to.deep.equal({ cdir_holds: 1, unowned: 0 });
    f.vop_open();
    fs.unlink('/tmp/a/f');
    expect(fs.census()).to.deep.equal({ cdir_holds: 1, unowned: RAMFS_BLOCK });
    f.vop_close();
    a.v_count--;
    expect(fs.census()).to.deep.equal({ cdir_holds: 0, unowned: 0 });
  });

  it('gives every node its own inode number', () => {
    const fs = new RamFs();
    fs.mkdir('/tmp/a');
    const f = fs.create('/tmp/a/f', false).vp as RamFile;
    const inos = [fs.root.v_ino, (fs.lookup('/tmp') as RamDir).v_ino, (fs.lookup('/tmp/a') as RamDir).v_ino, f.v_ino];
    expect(new Set(inos).size).to.equal(4);
    expect(inos.every((n) => n > 0)).to.equal(true);
  });
});
