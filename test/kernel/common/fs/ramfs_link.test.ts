/*
 * test/kernel/common/fs/ramfs_link.test.ts — rename, link, symlink and readlink of the RAM file
 * system (kernel/common/fs/ramfs_link.ts) and symbolic links in lookups (ramfs.ts resolve/walk):
 * relative and absolute targets, ELOOP, lstat's no-follow, O_CREAT through a dangling link, the
 * errors of each call and that a failed call changes nothing.
 */

import { expect } from 'chai';
import { RamFs, RamDir, RamFile, RamSymlink, MAXSYMLINKS, RAMFS_BLOCK } from '../../../../kernel/common/fs/ramfs.ts';
import { ramfs_link, ramfs_readlink, ramfs_rename, ramfs_symlink } from '../../../../kernel/common/fs/ramfs_link.ts';
import { EBUSY, EEXIST, EINVAL, EISDIR, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, EPERM } from '../../../../kernel/common/sys/errno.ts';

/** A tree: /d/f (a file), /d/e (an empty directory), /d/s/g (a directory with a file). */
function tree(): RamFs {
  const fs = new RamFs();
  fs.mkdir('/d'); fs.mkdir('/d/e'); fs.mkdir('/d/s');
  fs.create('/d/f', false); fs.create('/d/s/g', false);
  return fs;
}

/** The names under a directory, sorted. */
function names(fs: RamFs, path: string): string[] {
  return [...(fs.lookup(path) as RamDir).entries.keys()].sort();
}

describe('kernel/common/fs/ramfs_link', () => {
  it('rename moves files and directories, replaces files and empty directories', () => {
    const fs = tree();
    const f = fs.lookup('/d/f');
    expect(ramfs_rename(fs, '/d/f', '/d/h', null)).to.equal(0);
    expect(fs.lookup('/d/h')).to.equal(f);
    expect(fs.lookup('/d/f')).to.equal(undefined);
    fs.create('/d/f', false);
    expect(ramfs_rename(fs, '/d/h', '/d/f', null)).to.equal(0);          // replaces
    expect(fs.lookup('/d/f')).to.equal(f);
    const s = fs.lookup('/d/s') as RamDir;
    expect(ramfs_rename(fs, '/d/s', '/d/e/t', null)).to.equal(0);
    expect(s.parent).to.equal(fs.lookup('/d/e'));
    expect(fs.dirpath(s).path).to.equal('/d/e/t');
    fs.mkdir('/d/x');
    expect(ramfs_rename(fs, '/d/e/t', '/d/x', null)).to.equal(0);       // onto an empty directory
    expect(fs.lookup('/d/x')).to.equal(s);
    expect(ramfs_rename(fs, 'f', 'f', fs.lookup('/d') as RamDir)).to.equal(0);
  });

  it('rename errors leave the tree unchanged', () => {
    const fs = tree();
    const before = JSON.stringify([names(fs, '/d'), names(fs, '/d/s'), names(fs, '/d/e')]);
    expect(ramfs_rename(fs, '/d/none', '/d/y', null)).to.equal(ENOENT);
    expect(ramfs_rename(fs, '/d/f', '/d/e', null)).to.equal(EISDIR);
    expect(ramfs_rename(fs, '/d/e', '/d/f', null)).to.equal(ENOTDIR);
    expect(ramfs_rename(fs, '/d/e', '/d/s', null)).to.equal(EEXIST);    // s has g
    expect(ramfs_rename(fs, '/d', '/d/e/in', null)).to.equal(EINVAL);
    expect(ramfs_rename(fs, '/d/s', '/d/s/in', null)).to.equal(EINVAL);
    expect(ramfs_rename(fs, '/d/.', '/d/y', null)).to.equal(EINVAL);
    expect(ramfs_rename(fs, '/d/f', '/d/..', null)).to.equal(EINVAL);
    expect(ramfs_rename(fs, '/', '/d/y', null)).to.equal(EBUSY);
    expect(ramfs_rename(fs, '/d/f/', '/d/y', null)).to.equal(ENOTDIR);
    expect(ramfs_rename(fs, '/d/f', '/d/nodir/y', null)).to.equal(ENOENT);
    expect(ramfs_rename(fs, '/d/f', '/d/f/y', null)).to.equal(ENOTDIR);
    expect(JSON.stringify([names(fs, '/d'), names(fs, '/d/s'), names(fs, '/d/e')])).to.equal(before);
  });

  it('rename over the last name of a file frees its blocks (or at its last close)', () => {
    const fs = tree();
    const g = fs.create('/d/big', false).vp as RamFile;
    g.vop_write(0, new Uint8Array(2 * RAMFS_BLOCK), 0).next();
    expect(fs.space.used).to.equal(2 * RAMFS_BLOCK);
    expect(ramfs_rename(fs, '/d/f', '/d/big', null)).to.equal(0);
    expect(g.v_nlink).to.equal(0);
    expect(fs.space.used).to.equal(0);
    expect(fs.census().unowned).to.equal(0);
  });

  it('link adds names (st_nlink), refuses directories and existing names', () => {
    const fs = tree();
    const f = fs.lookup('/d/f') as RamFile;
    expect(ramfs_link(fs, '/d/f', '/d/e/f2', null)).to.equal(0);
    expect(fs.lookup('/d/e/f2')).to.equal(f);
    expect(f.v_nlink).to.equal(2);
    expect(fs.unlink('/d/f')).to.equal(0);
    expect(f.v_nlink).to.equal(1);
    expect(ramfs_link(fs, '/d/e', '/d/e2', null)).to.equal(EPERM);
    expect(ramfs_link(fs, '/d/e/f2', '/d/s/g', null)).to.equal(EEXIST);
    expect(ramfs_link(fs, '/d/none', '/d/z', null)).to.equal(ENOENT);
    expect(ramfs_link(fs, '/d/e/f2', '/d/none/z', null)).to.equal(ENOENT);
    // A symbolic link is linked itself, not followed.
    ramfs_symlink(fs, 'nowhere', '/d/sl', null);
    expect(ramfs_link(fs, '/d/sl', '/d/sl2', null)).to.equal(0);
    expect(fs.lookuppn('/d/sl2', null, false).vp).to.equal(fs.lookuppn('/d/sl', null, false).vp);
  });

  it('symbolic links: followed in the middle and at the end, relative to their directory, lstat sees them', () => {
    const fs = tree();
    expect(ramfs_symlink(fs, 's', '/d/ls', null)).to.equal(0);
    expect(ramfs_symlink(fs, '/d/s/g', '/d/e/abs', null)).to.equal(0);
    expect(fs.lookup('/d/ls/g')).to.equal(fs.lookup('/d/s/g'));
    expect(fs.lookup('/d/e/abs')).to.equal(fs.lookup('/d/s/g'));
    expect(fs.lookuppn('/d/ls', null, false).vp).to.be.instanceOf(RamSymlink);
    expect(fs.lookuppn('/d/ls/', null, false).vp).to.be.instanceOf(RamDir);   // a trailing slash follows
    expect(fs.lookuppn('/d/e/abs/', null).error).to.equal(ENOTDIR);
    expect(ramfs_readlink(fs, '/d/ls', null)).to.deep.equal({ error: 0, target: 's' });
    expect(ramfs_readlink(fs, '/d/f', null).error).to.equal(EINVAL);
    expect(ramfs_symlink(fs, 'x', '/d/ls', null)).to.equal(EEXIST);
    expect(ramfs_symlink(fs, '', '/d/empty', null)).to.equal(ENOENT);
    expect(ramfs_symlink(fs, 'x', '/d/none/l', null)).to.equal(ENOENT);
    // O_CREAT through a dangling link creates its target; O_EXCL refuses the link.
    expect(ramfs_symlink(fs, 'made', '/d/dang', null)).to.equal(0);
    expect(fs.lookuppn('/d/dang').error).to.equal(ENOENT);
    expect(fs.create('/d/dang', true).error).to.equal(EEXIST);
    const c = fs.create('/d/dang', false);
    expect(c.created).to.equal(true);
    expect(fs.lookup('/d/made')).to.equal(c.vp);
    expect(fs.mkdir('/d/dang')).to.equal(EEXIST);
    expect(fs.rmdir('/d/ls')).to.equal(ENOTDIR);
    expect(fs.unlink('/d/ls')).to.equal(0);
    expect(fs.lookup('/d/s')).to.be.instanceOf(RamDir);
  });

  it(`ELOOP past MAXSYMLINKS (${MAXSYMLINKS}) links in one lookup; a chain of exactly that many resolves`, () => {
    const fs = tree();
    ramfs_symlink(fs, 'b', '/d/a', null);
    ramfs_symlink(fs, 'a', '/d/b', null);
    expect(fs.lookuppn('/d/a').error).to.equal(ELOOP);
    expect(fs.lookuppn('/d/a/x').error).to.equal(ELOOP);
    expect(fs.create('/d/a', false).error).to.equal(ELOOP);
    expect(fs.lookuppn('/d/a', null, false).error).to.equal(0);
    for (let i = 0; i < MAXSYMLINKS; i++) ramfs_symlink(fs, i === 0 ? 'f' : `c${i - 1}`, `/d/c${i}`, null);
    expect(fs.lookup(`/d/c${MAXSYMLINKS - 1}`)).to.equal(fs.lookup('/d/f'));
    ramfs_symlink(fs, `c${MAXSYMLINKS - 1}`, `/d/c${MAXSYMLINKS}`, null);
    expect(fs.lookuppn(`/d/c${MAXSYMLINKS}`).error).to.equal(ELOOP);
  });

  it('ENAMETOOLONG when a link\'s expansion makes the path longer than MAXPATHLEN', () => {
    const fs = tree();
    ramfs_symlink(fs, 'x/'.repeat(480), '/d/long', null);
    expect(fs.lookuppn('/d/long/' + 'y'.repeat(100)).error).to.equal(ENAMETOOLONG);
    expect(fs.lookuppn('/d/long/y').error).to.equal(ENOENT);
  });
});
