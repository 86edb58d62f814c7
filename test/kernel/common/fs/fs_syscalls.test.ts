/*
 * test/kernel/common/fs/fs_syscalls.test.ts — the pipe, dup and fcntl system calls
 * (kernel/common/fs/fs_syscalls.ts) on a process's descriptor table: the two return values of
 * pipe, lowest-free allocation, shared files, F_DUP2FD closing its target, FD_CLOEXEC, status
 * flags, and the errno of every bad argument. (read/write/open/lseek need user memory: the C
 * programs in userland/tests/fs cover them.)
 */

import { expect } from 'chai';
import { pipe, dup, fcntl, F_DUPFD, F_DUP2FD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, SYSCALLS_FS } from '../../../../kernel/common/fs/fs_syscalls.ts';
import { falloc, file_count, FREAD, FWRITE, O_APPEND, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY, FAPPEND } from '../../../../kernel/common/fs/file.ts';
import { getf, setf, NOFILE, FD_CLOEXEC } from '../../../../kernel/common/fs/fio.ts';
import { flist_free } from '../../../../kernel/common/fs/flist.ts';
import { FifoNode } from '../../../../kernel/common/fs/pipe.ts';
import { RamFile } from '../../../../kernel/common/fs/ramfs.ts';
import { EBADF, EINVAL, EMFILE } from '../../../../kernel/common/sys/errno.ts';
import type { SysRet } from '../../../../kernel/common/syscall/syscall_table.ts';
import type { KGen } from '../../../../kernel/common/sys/thread.ts';
import { Sim } from './fs_harness.ts';

const U = (n: number) => n >>> 0;     // handlers get raw uint32 argument words

function setup() {
  const sim = new Sim();
  const p = sim.proc();
  const { t } = sim.spawn(p, function* () { /* context only */ });
  // fcntl may return a generator (F_SETLKW); every command used here finishes at once.
  const call = (fn: (a: number[]) => SysRet | KGen<SysRet>, ...args: number[]): SysRet => sim.as(t, () => {
    const r = fn(args.map(U));
    if (!('next' in r)) return r;
    const n = r.next();
    if (!n.done) throw new Error('call: the handler slept');
    return n.value;
  });
  const file = (flag = FREAD | FWRITE) => falloc(new RamFile(new Uint8Array(0), true), flag, sim.k);
  return { sim, p, t, call, file };
}

describe('kernel/common/fs/fs_syscalls', () => {
  it('binds pipe, dup, fcntl and the path calls by their sysent names', () => {
    expect(Object.keys(SYSCALLS_FS).sort()).to.deep.equal(['access', 'chdir', 'dup', 'fchdir', 'fcntl', 'fstat', 'getcwd',
      'lstat', 'mkdir', 'pipe', 'rmdir', 'stat', 'unlink', 'link', 'symlink', 'readlink', 'rename', 'chmod', 'fchmod', 'getdents'].sort());
  });

  it('pipe returns two connected descriptors as rval1/rval2, both read/write', () => {
    const { sim, p, call, file } = setup();
    setf(p, 0, file()); setf(p, 1, file()); setf(p, 2, file());
    const r = call(pipe);
    expect(r).to.deep.equal({ error: 0, rval1: 3, rval2: 4 });
    const a = getf(3, p)!, b = getf(4, p)!;
    expect(a.f_vnode).to.be.instanceOf(FifoNode);
    expect((a.f_vnode as FifoNode).fn_dest).to.equal(b.f_vnode);
    expect(a.f_flag & (FREAD | FWRITE)).to.equal(FREAD | FWRITE);
    expect(call(fcntl, 3, F_GETFL).rval1).to.equal(O_RDWR);
    expect(call(fcntl, 4, F_GETFD).rval1).to.equal(0);
    sim.as(sim.spawn(p, function* () {}).t, () => flist_free(p));
    expect(file_count(sim.k)).to.equal(0);
  });

  it('pipe fails with EMFILE, allocating nothing, when two descriptors are not free', () => {
    const { sim, p, call, file } = setup();
    for (let fd = 0; fd < NOFILE - 1; fd++) setf(p, fd, file());
    const before = file_count(sim.k);
    expect(call(pipe).error).to.equal(EMFILE);
    expect(file_count(sim.k)).to.equal(before);
    expect(getf(NOFILE - 1, p)).to.equal(null);
  });

  it('dup shares the open file at the lowest free descriptor, close-on-exec clear', () => {
    const { p, call, file } = setup();
    const f = file();
    setf(p, 0, f, FD_CLOEXEC);
    setf(p, 2, file());
    expect(call(dup, 0)).to.deep.include({ error: 0, rval1: 1 });
    expect(getf(1, p)).to.equal(f);
    expect(f.f_count).to.equal(2);
    expect(call(fcntl, 1, F_GETFD).rval1).to.equal(0);
    expect(call(dup, 0).rval1).to.equal(3);
    expect(call(dup, 9).error).to.equal(EBADF);
    expect(call(dup, -1).error).to.equal(EBADF);
  });

  it('F_DUPFD honours its minimum and rejects bad ones', () => {
    const { p, call, file } = setup();
    setf(p, 0, file());
    expect(call(fcntl, 0, F_DUPFD, 10).rval1).to.equal(10);
    expect(call(fcntl, 0, F_DUPFD, 10).rval1).to.equal(11);
    expect(call(fcntl, 0, F_DUPFD, -1).error).to.equal(EINVAL);
    expect(call(fcntl, 0, F_DUPFD, NOFILE).error).to.equal(EINVAL);
    expect(call(fcntl, 0, F_DUPFD, NOFILE - 1).rval1).to.equal(NOFILE - 1);
    expect(call(fcntl, 0, F_DUPFD, NOFILE - 1).error).to.equal(EMFILE);
  });

  it('F_DUP2FD closes its target first, and dup2(fd, fd) is a no-op', () => {
    const { sim, p, call, file } = setup();
    const f = file(), g = file();
    setf(p, 0, f);
    setf(p, 5, g, FD_CLOEXEC);
    const before = file_count(sim.k);
    expect(call(fcntl, 0, F_DUP2FD, 5)).to.deep.include({ error: 0, rval1: 5 });
    expect(getf(5, p)).to.equal(f);
    expect(g.f_count).to.equal(0);                        // the old file was closed
    expect(file_count(sim.k)).to.equal(before - 1);
    expect(call(fcntl, 5, F_GETFD).rval1).to.equal(0);
    expect(call(fcntl, 0, F_DUP2FD, 0)).to.deep.include({ error: 0, rval1: 0 });
    expect(f.f_count).to.equal(2);
    expect(call(fcntl, 0, F_DUP2FD, -1).error).to.equal(EBADF);
    expect(call(fcntl, 0, F_DUP2FD, NOFILE).error).to.equal(EBADF);
    expect(call(fcntl, 7, F_DUP2FD, 8).error).to.equal(EBADF);
  });

  it('F_GETFD/F_SETFD keep only FD_CLOEXEC; F_GETFL/F_SETFL keep the access mode', () => {
    const { p, call, file } = setup();
    setf(p, 0, file(FWRITE));
    setf(p, 1, file(FREAD));
    expect(call(fcntl, 0, F_SETFD, 0xff).error).to.equal(0);
    expect(call(fcntl, 0, F_GETFD).rval1).to.equal(FD_CLOEXEC);
    expect(call(fcntl, 0, F_GETFL).rval1).to.equal(O_WRONLY);
    expect(call(fcntl, 1, F_GETFL).rval1).to.equal(O_RDONLY);
    expect(call(fcntl, 0, F_SETFL, O_APPEND | O_NONBLOCK | O_RDWR).error).to.equal(0);
    expect(call(fcntl, 0, F_GETFL).rval1).to.equal(O_WRONLY | O_APPEND | O_NONBLOCK);
    expect(getf(0, p)!.f_flag & FAPPEND).to.equal(FAPPEND);
    expect(call(fcntl, 0, F_SETFL, 0).error).to.equal(0);
    expect(call(fcntl, 0, F_GETFL).rval1).to.equal(O_WRONLY);
    expect(call(fcntl, 0, 12345).error).to.equal(EINVAL);
    expect(call(fcntl, 3, F_GETFD).error).to.equal(EBADF);
    expect(call(fcntl, -1, F_GETFL).error).to.equal(EBADF);
  });
});
