/*
 * test/kernel/common/os/sem.test.ts — SysV semaphores below the trap layer, in kernel threads of
 * a booted machine: semget's id space and errors, semctl's commands and the struct semid_ds
 * layout in both byte orders, semop's all-or-nothing arrays, a blocked semop woken by another
 * thread's semop or by IPC_RMID (EIDRM), and SEM_UNDO: adjust values kept per process, none for
 * a new (forked) process, applied and dropped by semexit (an out-of-range result skipped).
 */

import { expect } from 'chai';
import { run_threads } from '../sys/kthread_harness.ts';
import type { KGen } from '../../../../kernel/common/sys/thread.ts';
import { mutex_enter, mutex_exit } from '../../../../kernel/common/sys/mutex.ts';
import { Proc } from '../../../../kernel/common/sys/proc.ts';
import { EACCES, EAGAIN, EEXIST, EFBIG, EIDRM, EINVAL, ENOENT, ENOSPC, EPERM, ERANGE } from '../../../../kernel/common/sys/errno.ts';
import type { Kernel } from '../../../../kernel/common/os/main.ts';
import { IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_PRIVATE, IPC_RMID, IPC_STAT } from '../../../../kernel/common/os/shm.ts';
import {
  GETALL, GETNCNT, GETPID, GETVAL, SEMID_DS_SIZE, SEM_UNDO, SETALL, SETVAL, type SemBuf, type SemctlIo, SemTable,
  semctl, semexit, semget, semop, semop_decode,
} from '../../../../kernel/common/os/sem.ts';


function io(bigEndian = true, input = new Uint8Array(SEMID_DS_SIZE)): SemctlIo & { out: Uint8Array | null } {
  const r = {
    bigEndian, out: null as Uint8Array | null,
    copyout(b: Uint8Array) { r.out = b; return 0; },
    copyin(len: number) { return { error: 0, data: input.slice(0, len) }; },
  };
  return r;
}

function proc(pid: number, uid = 0): Proc {
  const p = new Proc(pid);
  p.p_uid = uid;
  return p;
}

const op = (sem_num: number, sem_op: number, sem_flg = 0): SemBuf => ({ sem_num, sem_op, sem_flg });

describe('kernel/common/os/sem (SysV semaphores)', () => {
  it('semget and semctl: ids, keys, values, semid_ds, errors', () => {
    const tab = new SemTable({ semmni: 2, semmsl: 4, semopm: 4, semvmx: 100, semaem: 50 });
    const p = proc(10), other = proc(11, 5);
    const seen: Record<string, unknown> = {};
    run_threads([function* (): KGen {
      yield* mutex_enter(tab.sem_lock);
      const a = semget(tab, p, IPC_PRIVATE, 3, IPC_CREAT | 0o600);
      seen.a = a;
      seen.zero = semget(tab, p, IPC_PRIVATE, 0, IPC_CREAT).error;
      seen.toomany = semget(tab, p, IPC_PRIVATE, 5, IPC_CREAT).error;
      seen.nokey = semget(tab, p, 77, 1, 0).error;
      const b = semget(tab, p, 77, 2, IPC_CREAT | 0o600);
      seen.again = semget(tab, p, 77, 1, 0).id === b.id;
      seen.excl = semget(tab, p, 77, 1, IPC_CREAT | IPC_EXCL).error;
      seen.bigger = semget(tab, p, 77, 3, 0).error;
      seen.access = semget(tab, other, 77, 0, 0o600).error;
      seen.full = semget(tab, p, IPC_PRIVATE, 1, IPC_CREAT).error;
      const x = io();
      seen.setval = semctl(tab, p, a.id, 1, SETVAL, 42, x).error;
      seen.getval = semctl(tab, p, a.id, 1, GETVAL, 0, x).value;
      seen.getpid = semctl(tab, p, a.id, 1, GETPID, 0, x).value;
      seen.range = semctl(tab, p, a.id, 1, SETVAL, 101, x).error;
      seen.num = semctl(tab, p, a.id, 3, GETVAL, 0, x).error;
      seen.cmd = semctl(tab, p, a.id, 0, 99, 0, x).error;
      seen.perm = semctl(tab, other, a.id, 0, GETVAL, 0, x).error;
      seen.rmidperm = semctl(tab, other, a.id, 0, IPC_RMID, 0, x).error;
      const all = new Uint8Array([0, 1, 0, 2, 0, 3]);
      seen.setall = semctl(tab, p, a.id, 0, SETALL, 0, io(true, all)).error;
      const g = io(false);
      semctl(tab, p, a.id, 0, GETALL, 0, g);
      seen.getall_le = [...g.out!];
      const st = io(true);
      semctl(tab, p, a.id, 0, IPC_STAT, 0, st);
      seen.stat = st.out;
      seen.rmid = semctl(tab, p, b.id, 0, IPC_RMID, 0, x).error;
      seen.gone = semctl(tab, p, b.id, 0, GETVAL, 0, x).error;
      seen.reuse = semget(tab, p, IPC_PRIVATE, 1, IPC_CREAT).id !== b.id;
      mutex_exit(tab.sem_lock);
    }]);
    const a = seen.a as { error: number; id: number };
    expect(a.error).to.equal(0);
    expect(seen).to.deep.include({
      zero: EINVAL, toomany: EINVAL, nokey: ENOENT, again: true, excl: EEXIST, bigger: EINVAL, access: EACCES,
      full: ENOSPC, setval: 0, getval: 42, getpid: 10, range: ERANGE, num: EINVAL, cmd: EINVAL, perm: EACCES,
      rmidperm: EPERM, setall: 0, getall_le: [1, 0, 2, 0, 3, 0], rmid: 0, gone: EINVAL, reuse: true,
    });
    const dv = new DataView((seen.stat as Uint8Array).buffer);
    expect(dv.getUint32(16) & 0o777, 'mode').to.equal(0o600);
    expect(dv.getUint16(48), 'sem_nsems').to.equal(3);
    expect(dv.getUint32(44), 'no kernel address').to.equal(0);
  });

  it('semop: all or nothing; a sleeper wakes on another semop; IPC_RMID gives EIDRM', () => {
    const tab = new SemTable();
    const p = proc(10);
    let id = -1, id2 = -1;
    const res: Record<string, unknown> = {};
    run_threads([
      function* (): KGen {
        yield* mutex_enter(tab.sem_lock);
        id = semget(tab, p, IPC_PRIVATE, 2, IPC_CREAT | 0o600).id;
        id2 = semget(tab, p, IPC_PRIVATE, 1, IPC_CREAT | 0o600).id;
        mutex_exit(tab.sem_lock);
        res.nowait = yield* semop(tab, p, id, [op(0, 1), op(1, -1, IPC_NOWAIT)], -1, () => false, () => 0);
        res.untouched = tab.lookup(id)!.sem_base[0].semval;
        res.efbig = yield* semop(tab, p, id, [op(2, 1)], -1, () => false, () => 0);
        res.sleep = yield* semop(tab, p, id, [op(1, -2)], -1, () => false, () => 0);
        res.idrm = yield* semop(tab, p, id2, [op(0, -1)], -1, () => false, () => 0);
      },
      function* (k: Kernel): KGen {
        yield* k.delay(5);
        res.ncnt = tab.lookup(id)!.sem_base[1].semncnt;
        res.post1 = yield* semop(tab, p, id, [op(1, 1)], -1, () => false, () => 0);
        yield* k.delay(5);
        res.still = tab.lookup(id)!.sem_base[1].semncnt;
        res.post2 = yield* semop(tab, p, id, [op(1, 1)], -1, () => false, () => 0);
        yield* k.delay(5);
        yield* mutex_enter(tab.sem_lock);
        semctl(tab, p, id2, 0, IPC_RMID, 0, io());
        semctl(tab, p, id, 0, IPC_RMID, 0, io());
        mutex_exit(tab.sem_lock);
      },
    ]);
    expect(res).to.deep.include({ nowait: EAGAIN, untouched: 0, efbig: EFBIG, ncnt: 1, post1: 0, still: 1, post2: 0, sleep: 0, idrm: EIDRM });
    expect(tab.all()).to.have.length(0);
  });

  it('SEM_UNDO: per-process adjust values, none in a new process, applied by semexit (skipped when out of range)', () => {
    const tab = new SemTable();
    const parent = proc(10), child = proc(11);
    const res: Record<string, unknown> = {};
    run_threads([function* (): KGen {
      yield* mutex_enter(tab.sem_lock);
      const id = semget(tab, parent, IPC_PRIVATE, 2, IPC_CREAT | 0o600).id;
      semctl(tab, parent, id, 0, SETVAL, 5, io());
      mutex_exit(tab.sem_lock);
      const s = tab.lookup(id)!;
      yield* semop(tab, parent, id, [op(0, -2, SEM_UNDO), op(1, 3, SEM_UNDO)], -1, () => false, () => 0);
      res.records = tab.undo_count();
      res.adj = [...s.sem_undos.get(parent)!];
      yield* semexit(tab, child);
      res.afterChild = s.sem_base.map((x) => x.semval);
      yield* semop(tab, child, id, [op(0, 1, SEM_UNDO), op(0, -1, SEM_UNDO)], -1, () => false, () => 0);
      res.balanced = s.sem_undos.has(child);
      yield* mutex_enter(tab.sem_lock);
      semctl(tab, parent, id, 1, SETVAL, 1, io());
      mutex_exit(tab.sem_lock);
      res.cleared = [...s.sem_undos.get(parent)!];
      yield* semexit(tab, parent);
      res.afterParent = s.sem_base.map((x) => x.semval);
      res.left = tab.undo_count();
      // An adjustment that would take a value below 0 is skipped at exit.
      const late = proc(12);
      yield* semop(tab, late, id, [op(0, 1, SEM_UNDO)], -1, () => false, () => 0);
      yield* semop(tab, parent, id, [op(0, -6)], -1, () => false, () => 0);
      yield* semexit(tab, late);
      res.skipped = s.sem_base[0].semval;
      res.none = tab.undo_count();
      yield* mutex_enter(tab.sem_lock);
      semctl(tab, parent, id, 0, IPC_RMID, 0, io());
      mutex_exit(tab.sem_lock);
    }]);
    expect(res).to.deep.equal({
      records: 1, adj: [2, -3], afterChild: [3, 3], balanced: false, cleared: [2, 0], afterParent: [5, 1], left: 0,
      skipped: 0, none: 0,
    });
  });

  it('decodes struct sembuf in either byte order', () => {
    const b = new Uint8Array([0, 1, 0xff, 0xfe, 0x10, 0x00, 2, 0, 3, 0, 0, 0x18]);
    expect(semop_decode(b.subarray(0, 6), 1, true)).to.deep.equal([{ sem_num: 1, sem_op: -2, sem_flg: 0x1000 }]);
    expect(semop_decode(b.subarray(6), 1, false)).to.deep.equal([{ sem_num: 2, sem_op: 3, sem_flg: 0x1800 }]);
  });
});
