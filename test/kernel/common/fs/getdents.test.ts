/*
 * test/kernel/common/fs/getdents.test.ts — directory cookies for getdents
 * (kernel/common/fs/getdents.ts): `.` and `..` first, entries in creation order, a cookie that
 * survives the removal of entries before it, nothing in a removed directory, record lengths.
 */

import { expect } from 'chai';
import { RamFs, RamDir } from '../../../../kernel/common/fs/ramfs.ts';
import { dir_entries, dirent32_reclen } from '../../../../kernel/common/fs/getdents.ts';
import { ramfs_rename } from '../../../../kernel/common/fs/ramfs_link.ts';

describe('kernel/common/fs/getdents', () => {
  it('lists . and .. then the entries; a cookie resumes after removals behind it', () => {
    const fs = new RamFs();
    fs.mkdir('/d');
    for (const n of ['a', 'b', 'c', 'd']) fs.create(`/d/${n}`, false);
    const d = fs.lookup('/d') as RamDir;
    const all = dir_entries(d, 0);
    expect(all.map((e) => e[1])).to.deep.equal(['.', '..', 'a', 'b', 'c', 'd']);
    expect(all[0][2]).to.equal(d.v_ino);
    expect(all[1][2]).to.equal(fs.root.v_ino);
    const afterB = all[3][0] + 1;
    fs.unlink('/d/a'); fs.unlink('/d/b');
    expect(dir_entries(d, afterB).map((e) => e[1])).to.deep.equal(['c', 'd']);
    // A renamed entry gets a new cookie (it is a new entry of the directory).
    ramfs_rename(fs, '/d/c', '/d/z', null);
    expect(dir_entries(d, 0).map((e) => e[1])).to.deep.equal(['.', '..', 'd', 'z']);
    fs.unlink('/d/d'); fs.unlink('/d/z');
    fs.rmdir('/d');
    expect(dir_entries(d, 0)).to.deep.equal([]);
  });

  it('pads records to 4 bytes after the NUL', () => {
    expect(dirent32_reclen(1)).to.equal(12);
    expect(dirent32_reclen(2)).to.equal(16);
    expect(dirent32_reclen(5)).to.equal(16);
    expect(dirent32_reclen(6)).to.equal(20);
  });
});
