/*
 * test/kernel/common/os/shm.test.ts — SysV shared memory below the trap layer: shmget/shmat/
 * shmdt/shmctl on processes over a real VM, shmfork after as_dup (both see one page, nattch 2),
 * shmexit, IPC_RMID deferring destruction to the last detach, the struct shmid_ds layout in both
 * byte orders, permissions for a non-root uid, the id limit, swap exhaustion, and that destroying
 * a segment gives every page and reservation back.
 */

import { expect } from 'chai';
import {
  EACCES, EEXIST, EFAULT, EINVAL, ENOENT, ENOMEM, ENOSPC, EPERM,
} from '../../../../kernel/common/sys/errno.ts';
import { Proc } from '../../../../kernel/common/sys/proc.ts';
import { as_alloc, as_dup, as_free } from '../../../../kernel/common/vm/vm_as.ts';
import {
  IPC_CREAT, IPC_EXCL, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, SHM_LOCK, SHM_RDONLY, SHM_RND, SHMID_DS_SIZE,
  type SegAcct, type ShmProc, ShmTable, type ShmctlIo, shm_table, shmat, shmctl, shmdt, shmexit, shmfork, shmget,
} from '../../../../kernel/common/os/shm.ts';
import { type TestVm, anon_baseline, expect_no_leaks, make_vm, user_rw } from '../vm/vm_fixture.ts';

const P = 4096;

function mkproc(t: TestVm, pid: number, uid = 0): ShmProc {
  const p = new Proc(pid);
  p.p_uid = uid;
  p.p_as = as_alloc(t.vm);
  p.p_brkbase = 0x20000;
  p.p_usrstack = 0x80000000;
  p.p_stk_ctl = 0x800000;
  return p as ShmProc;
}

/** A ShmctlIo over a plain buffer (what copyin/copyout would move). */
function io(bigEndian = true, input = new Uint8Array(SHMID_DS_SIZE)): ShmctlIo & { out: Uint8Array | null } {
  const r = {
    bigEndian, out: null as Uint8Array | null,
    copyout(b: Uint8Array) { r.out = b; return 0; },
    copyin(len: number) { return { error: 0, data: input.slice(0, len) }; },
  };
  return r;
}

function stat(tab: ShmTable, p: ShmProc, id: number): DataView {
  const x = io();
  expect(shmctl(tab, p, id, IPC_STAT, x)).to.equal(0);
  return new DataView(x.out!.buffer);
}

describe('shm: SysV shared memory', () => {
  let t: TestVm;
  let base0: number;
  let tab: ShmTable;
  beforeEach(() => { t = make_vm(8); base0 = anon_baseline(); tab = new ShmTable(); });

  it('shmget/shmat/shmdt: two attaches alias one zero-filled segment; the last IPC_RMID frees it', () => {
    const p = mkproc(t, 10);
    const g = shmget(tab, p, IPC_PRIVATE, 2 * P + 1, IPC_CREAT | 0o600);
    expect(g.error).to.equal(0);
    expect(t.pool.p_anon_resv, 'swap reserved for the whole segment').to.equal(3);
    const a = shmat(tab, p, g.id, 0, 0);
    const b = shmat(tab, p, g.id, 0, 0);
    expect(a.error).to.equal(0);
    expect(b.error).to.equal(0);
    expect(b.addr).to.not.equal(a.addr);
    expect(user_rw(t, p.p_as, a.addr + 2 * P, 'r')).to.equal(0);
    user_rw(t, p.p_as, a.addr + P, 'w', 0xabcd);
    expect(user_rw(t, p.p_as, b.addr + P, 'r')).to.equal(0xabcd);
    expect(stat(tab, p, g.id).getUint32(64)).to.equal(2);
    expect(shmdt(p, b.addr)).to.equal(0);
    expect(shmdt(p, b.addr)).to.equal(EINVAL);
    expect(shmdt(p, a.addr + P)).to.equal(EINVAL);
    expect(stat(tab, p, g.id).getUint32(64)).to.equal(1);
    expect(shmctl(tab, p, g.id, IPC_RMID, io())).to.equal(0);
    expect(tab.lookup(g.id)).to.equal(null);
    expect(tab.all(), 'removed but attached').to.have.length(1);
    expect(shmat(tab, p, g.id, 0, 0).error).to.equal(EINVAL);
    expect(user_rw(t, p.p_as, a.addr + P, 'r'), 'still mapped after IPC_RMID').to.equal(0xabcd);
    expect(shmdt(p, a.addr)).to.equal(0);
    expect(tab.all()).to.have.length(0);
    expect(t.pool.p_anon_resv).to.equal(0);
    expect(t.pool.p_anonstats.ani_inuse).to.equal(0);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('shmfork shares the attaches with the child (nattch 2); shmexit detaches, and data stays shared', () => {
    const p = mkproc(t, 10);
    const id = shmget(tab, p, 0x77, P, IPC_CREAT | 0o600).id;
    const a = shmat(tab, p, id, 0, 0).addr;
    user_rw(t, p.p_as, a, 'w', 1);
    const c = mkproc(t, 11);
    as_free(c.p_as);
    c.p_as = as_dup(p.p_as).as!;
    shmfork(p as Proc, c as Proc);
    expect((c.p_segacct as SegAcct[]).map((s) => s.sa_addr)).to.deep.equal([a]);
    expect(stat(tab, p, id).getUint32(64)).to.equal(2);
    user_rw(t, c.p_as, a, 'w', 2);
    expect(user_rw(t, p.p_as, a, 'r'), 'no copy-on-write for shm').to.equal(2);
    expect(t.pool.p_anonstats.cow_copies).to.equal(0);
    shmexit(c as Proc);
    expect(c.p_segacct).to.have.length(0);
    expect(c.p_as.a_segs.some((s) => s.s_base === a), 'unmapped from the child').to.equal(false);
    const st = stat(tab, p, id);
    expect(st.getUint32(64)).to.equal(1);
    expect(st.getInt32(56), 'shm_lpid').to.equal(11);
    as_free(c.p_as);
    shmexit(p as Proc);
    expect(tab.all(), 'not removed: the id survives its last detach').to.have.length(1);
    expect(shmctl(tab, p, id, IPC_RMID, io())).to.equal(0);
    expect(tab.all()).to.have.length(0);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('keys: lookup, IPC_CREAT|IPC_EXCL, sizes, ENOENT, ENOSPC, and ENOMEM when swap runs out', () => {
    const p = mkproc(t, 10);
    const id = shmget(tab, p, 42, P, IPC_CREAT | 0o644).id;
    expect(shmget(tab, p, 42, 0, 0)).to.deep.equal({ error: 0, id });
    expect(shmget(tab, p, 42, P, IPC_CREAT)).to.deep.equal({ error: 0, id });
    expect(shmget(tab, p, 42, P, IPC_CREAT | IPC_EXCL).error).to.equal(EEXIST);
    expect(shmget(tab, p, 42, P + 1, 0).error).to.equal(EINVAL);
    expect(shmget(tab, p, 43, P, 0).error).to.equal(ENOENT);
    expect(shmget(tab, p, IPC_PRIVATE, 0, IPC_CREAT).error).to.equal(EINVAL);
    expect(shmget(tab, p, IPC_PRIVATE, tab.info.shmmax + 1, IPC_CREAT).error).to.equal(EINVAL);
    const small = new ShmTable({ shmmax: 1 << 20, shmmni: 2 });
    const i1 = shmget(small, p, IPC_PRIVATE, P, 0).id;
    const i2 = shmget(small, p, IPC_PRIVATE, P, 0).id;
    expect(shmget(small, p, IPC_PRIVATE, P, 0).error).to.equal(ENOSPC);
    expect(shmctl(small, p, i1, IPC_RMID, io())).to.equal(0);
    const i3 = shmget(small, p, IPC_PRIVATE, P, 0).id;
    expect(i3 % 2, 'slot reused').to.equal(i1 % 2);
    expect(i3, 'with a new sequence number').to.not.equal(i1);
    expect(shmctl(small, p, i1, IPC_STAT, io()), 'the old id is dead').to.equal(EINVAL);
    t.pool.p_inject = (site) => site === 'anon_resv';
    expect(shmget(tab, p, IPC_PRIVATE, P, 0).error).to.equal(ENOMEM);
    t.pool.p_inject = null;
    for (const [tb, i] of [[tab, id], [small, i2], [small, i3]] as [ShmTable, number][]) expect(shmctl(tb, p, i, IPC_RMID, io())).to.equal(0);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('shmat addresses: SHM_RND, misaligned, busy; SHM_RDONLY maps read-only', () => {
    const p = mkproc(t, 10);
    const id = shmget(tab, p, IPC_PRIVATE, P, 0o600).id;
    expect(shmat(tab, p, id, 0x40000010, 0).error).to.equal(EINVAL);
    expect(shmat(tab, p, id, 0x40000010, SHM_RND).addr).to.equal(0x40000000);
    expect(shmat(tab, p, id, 0x40000000, 0).error, 'busy').to.equal(EINVAL);
    expect(shmat(tab, p, id, 0xeffff000 + P, 0).error, 'beyond user space').to.equal(EINVAL);
    expect(shmat(tab, p, id, 0, 0x1).error, 'bad flag').to.equal(EINVAL);
    const r = shmat(tab, p, id, 0, SHM_RDONLY).addr;
    user_rw(t, p.p_as, 0x40000000, 'w', 9);
    expect(user_rw(t, p.p_as, r, 'r')).to.equal(9);
    expect(user_rw(t, p.p_as, r, 'w', 1)).to.match(/^fc /);
    shmexit(p as Proc);
    expect(shmctl(tab, p, id, IPC_RMID, io())).to.equal(0);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('IPC_STAT writes the 32-bit struct shmid_ds in the machine byte order; IPC_SET changes the mode', () => {
    let now = 5;
    const tb = new ShmTable(undefined, () => now);
    const p = mkproc(t, 33, 0);
    const id = shmget(tb, p, 0x1234, 3000, IPC_CREAT | 0o640).id;
    now = 7;
    const a = shmat(tb, p, id, 0, 0).addr;
    for (const be of [true, false]) {
      const x = io(be);
      expect(shmctl(tb, p, id, IPC_STAT, x)).to.equal(0);
      expect(x.out!.length).to.equal(112);
      const dv = new DataView(x.out!.buffer);
      const le = !be;
      expect(dv.getUint32(16, le) & 0o777, 'mode').to.equal(0o640);
      expect(dv.getInt32(24, le), 'key').to.equal(0x1234);
      expect(dv.getUint32(44, le), 'segsz').to.equal(3000);
      expect(dv.getUint16(52, le), 'lkcnt').to.equal(0);
      expect(dv.getInt32(56, le), 'lpid').to.equal(33);
      expect(dv.getInt32(60, le), 'cpid').to.equal(33);
      expect(dv.getUint32(64, le), 'nattch').to.equal(1);
      expect(dv.getInt32(72, le), 'atime').to.equal(7);
      expect(dv.getInt32(88, le), 'ctime').to.equal(5);
    }
    const inb = new Uint8Array(SHMID_DS_SIZE);
    new DataView(inb.buffer).setUint32(16, 0o604);
    expect(shmctl(tb, p, id, IPC_SET, io(true, inb))).to.equal(0);
    expect(stat(tb, p, id).getUint32(16) & 0o777).to.equal(0o604);
    const fault: ShmctlIo = { bigEndian: true, copyout: () => EFAULT, copyin: () => ({ error: EFAULT, data: new Uint8Array(0) }) };
    expect(shmctl(tb, p, id, IPC_STAT, fault)).to.equal(EFAULT);
    expect(shmctl(tb, p, id, IPC_SET, fault)).to.equal(EFAULT);
    expect(shmctl(tb, p, id, SHM_LOCK, io())).to.equal(0);
    expect(stat(tb, p, id).getUint16(52)).to.equal(1);
    expect(shmctl(tb, p, id, 99, io())).to.equal(EINVAL);
    expect(shmdt(p, a)).to.equal(0);
    expect(shmctl(tb, p, id, IPC_RMID, io())).to.equal(0);
    as_free(p.p_as);
    expect_no_leaks(t, base0);
  });

  it('a non-root process is held to the mode bits and may not remove or lock what it does not own', () => {
    const owner = mkproc(t, 10, 100);
    const other = mkproc(t, 11, 200);
    const id = shmget(tab, owner, 5, P, IPC_CREAT | 0o604).id;
    expect(shmget(tab, other, 5, 0, 0o600).error, 'asks for owner bits it lacks').to.equal(EACCES);
    expect(shmget(tab, other, 5, 0, 0o004).id).to.equal(id);
    expect(shmat(tab, other, id, 0, 0).error, 'write needs 0002').to.equal(EACCES);
    const r = shmat(tab, other, id, 0, SHM_RDONLY);
    expect(r.error).to.equal(0);
    expect(shmctl(tab, other, id, IPC_STAT, io())).to.equal(0);
    expect(shmctl(tab, other, id, IPC_RMID, io())).to.equal(EPERM);
    expect(shmctl(tab, other, id, IPC_SET, io())).to.equal(EPERM);
    expect(shmctl(tab, owner, id, SHM_LOCK, io()), 'SHM_LOCK is root only').to.equal(EPERM);
    expect(shmctl(tab, owner, id, IPC_RMID, io())).to.equal(0);
    expect(shmdt(other, r.addr)).to.equal(0);
    as_free(owner.p_as);
    as_free(other.p_as);
    expect_no_leaks(t, base0);
  });

  it('shm_table gives each kernel its own id space, timed by its lbolt', () => {
    const k1 = { lbolt: 250 }, k2 = {};
    expect(shm_table(k1)).to.equal(shm_table(k1));
    expect(shm_table(k1)).to.not.equal(shm_table(k2));
    expect(shm_table(k1).now()).to.equal(2);
    expect(shm_table(k2).now()).to.equal(0);
  });
});
