/*
 * test/kernel/common/fs/flist.test.ts — open files and descriptor tables (kernel/common/fs/file.ts,
 * fio.ts, flist.ts): per-kernel open-file counts, flist_fork sharing files (one offset) with
 * f_count + 1, flist_free/closeall and close_exec dropping exactly the right references, and
 * ufalloc/closeandsetf bookkeeping.
 */

import { expect } from 'chai';
import { falloc, closef, file_count, file_table, fflag_of_oflag, oflag_of_fflag, FREAD, FWRITE, FAPPEND,
  O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_NONBLOCK, FNONBLOCK } from '../../../../kernel/common/fs/file.ts';
import { getf, ufalloc, setf, closeandsetf, fd_close, NOFILE, FD_CLOEXEC } from '../../../../kernel/common/fs/fio.ts';
import { flist_fork, flist_free, closeall, close_exec, fd_count } from '../../../../kernel/common/fs/flist.ts';
import { RamFile } from '../../../../kernel/common/fs/ramfs.ts';
import { makepipe } from '../../../../kernel/common/fs/pipe.ts';
import { console_vnode } from '../../../../kernel/common/fs/console_vn.ts';
import { EBADF } from '../../../../kernel/common/sys/errno.ts';
import { Sim } from './fs_harness.ts';

/** A thread context to run table operations in (closef of a pipe takes its lock). */
function ctx() {
  const sim = new Sim();
  const p = sim.proc();
  const { t } = sim.spawn(p, function* () { /* context only */ });
  return { sim, p, t, as: <R>(fn: () => R) => sim.as(t, fn) };
}

describe('kernel/common/fs/file + fio + flist', () => {
  it('converts between open flags and file flags as Solaris does (FOPEN)', () => {
    expect(fflag_of_oflag(O_RDONLY)).to.equal(FREAD);
    expect(fflag_of_oflag(O_WRONLY)).to.equal(FWRITE);
    expect(fflag_of_oflag(O_RDWR)).to.equal(FREAD | FWRITE);
    expect(fflag_of_oflag(3) & (FREAD | FWRITE)).to.equal(0);         // O_ACCMODE 3: invalid
    expect(fflag_of_oflag(O_WRONLY | O_APPEND | O_NONBLOCK)).to.equal(FWRITE | FAPPEND | FNONBLOCK);
    for (const o of [O_RDONLY, O_WRONLY, O_RDWR, O_RDWR | O_APPEND, O_RDONLY | O_NONBLOCK]) {
      expect(oflag_of_fflag(fflag_of_oflag(o))).to.equal(o);
    }
  });

  it('counts open files per kernel, not per host process', () => {
    const a = new Sim(), b = new Sim();
    const v = new RamFile(new Uint8Array(0), true);
    const f1 = falloc(v, FREAD, a.k), f2 = falloc(v, FREAD, a.k);
    const g = falloc(v, FREAD, b.k);
    expect(file_count(a.k)).to.equal(2);
    expect(file_count(b.k)).to.equal(1);
    closef(f1);
    expect(file_count(a.k)).to.equal(1);
    expect(file_table(a.k).ft_nalloc).to.equal(2);
    closef(f2); closef(g);
    expect(file_count(a.k)).to.equal(0);
    expect(file_count(b.k)).to.equal(0);
  });

  it('counts files on an owner-tagged vnode (the console) against that owner', () => {
    const s = new Sim();
    const dev = Object.assign(s.machine.console, { write: () => {}, writeErr: () => {}, read: () => null });
    const v = console_vnode(dev);
    expect(v.v_owner).to.equal(dev);
    const f = falloc(v, FREAD);                  // no running kernel needed
    expect(file_table(dev).ft_nopen).to.equal(1);
    expect(file_count(s.k)).to.equal(1);
    closef(f);
    expect(file_count(s.k)).to.equal(0);
  });

  it('allocates the lowest free descriptor and reports a full table', () => {
    const { p, sim } = ctx();
    const v = new RamFile(new Uint8Array(0), true);
    for (let i = 0; i < 5; i++) setf(p, ufalloc(p), falloc(v, FREAD, sim.k));
    expect(fd_count(p)).to.equal(5);
    closeandsetf(p, 2, null);
    expect(ufalloc(p)).to.equal(2);
    expect(ufalloc(p, 3)).to.equal(5);
    for (let fd = ufalloc(p); fd >= 0; fd = ufalloc(p)) setf(p, fd, falloc(v, FREAD, sim.k));
    expect(fd_count(p)).to.equal(NOFILE);
    expect(ufalloc(p)).to.equal(-1);
    expect(getf(NOFILE, p)).to.equal(null);
    expect(getf(-1, p)).to.equal(null);
    flist_free(p);
    expect(file_count(sim.k)).to.equal(0);
  });

  it('fd_close closes once and then says EBADF', () => {
    const { p, sim } = ctx();
    setf(p, 0, falloc(new RamFile(new Uint8Array(0)), FREAD, sim.k));
    expect(fd_close(p, 0)).to.equal(0);
    expect(fd_close(p, 0)).to.equal(EBADF);
    expect(fd_close(p, 77)).to.equal(EBADF);
    expect(file_count(sim.k)).to.equal(0);
  });

  it('flist_fork shares every open file (f_count + 1) and copies the close-on-exec flags', () => {
    const { sim, p, as } = ctx();
    const v = new RamFile(new Uint8Array(10), true);
    const f0 = falloc(v, FREAD | FWRITE, sim.k);
    const f3 = falloc(v, FREAD, sim.k);
    setf(p, 0, f0, 0);
    setf(p, 3, f3, FD_CLOEXEC);
    const before = file_count(sim.k);
    const cp = sim.proc();
    flist_fork(p, cp);
    expect(file_count(sim.k)).to.equal(before);       // shared, not new
    expect(cp.p_fds[0]).to.equal(f0);
    expect(cp.p_fds[3]).to.equal(f3);
    expect(cp.p_fds[1] ?? null).to.equal(null);
    expect(f0.f_count).to.equal(2);
    expect(f3.f_count).to.equal(2);
    expect(cp.p_fdflags[3]).to.equal(FD_CLOEXEC);
    expect(cp.p_fdflags[0]).to.equal(0);
    // One offset: moving it through the child's descriptor moves the parent's.
    getf(0, cp)!.f_offset = 7;
    expect(getf(0, p)!.f_offset).to.equal(7);
    // The child's exit drops only its references.
    as(() => closeall(cp));
    expect(fd_count(cp)).to.equal(0);
    expect(f0.f_count).to.equal(1);
    expect(file_count(sim.k)).to.equal(before);
    as(() => flist_free(p));
    expect(file_count(sim.k)).to.equal(0);
  });

  it('close_exec closes exactly the FD_CLOEXEC descriptors', () => {
    const { sim, p, as } = ctx();
    const v = new RamFile(new Uint8Array(0), true);
    setf(p, 0, falloc(v, FREAD, sim.k), 0);
    setf(p, 1, falloc(v, FREAD, sim.k), FD_CLOEXEC);
    const shared = falloc(v, FREAD, sim.k);
    setf(p, 2, shared, FD_CLOEXEC);
    shared.f_count++;
    setf(p, 4, shared, 0);                          // a dup without the flag keeps the file open
    as(() => close_exec(p));
    expect([0, 1, 2, 3, 4].map((fd) => getf(fd, p) !== null)).to.deep.equal([true, false, false, false, true]);
    expect(shared.f_count).to.equal(1);
    expect(file_count(sim.k)).to.equal(2);
    as(() => flist_free(p));
    expect(file_count(sim.k)).to.equal(0);
  });

  it('closing the last descriptor of a pipe end closes that end (fork child included)', () => {
    const { sim, p, as } = ctx();
    const [a, b] = makepipe();
    setf(p, 0, falloc(a, FREAD | FWRITE, sim.k));
    setf(p, 1, falloc(b, FREAD | FWRITE, sim.k));
    const cp = sim.proc();
    flist_fork(p, cp);
    as(() => closeandsetf(p, 1, null));
    expect(b.fn_open).to.equal(1);                   // the child still has it
    as(() => closeall(cp));
    expect([a.fn_open, b.fn_open]).to.deep.equal([1, 0]);
    as(() => closeall(p));
    expect(a.fn_open).to.equal(0);
    expect(file_count(sim.k)).to.equal(0);
  });
});
