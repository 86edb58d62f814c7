/*
 * test/kernel/common/os/leak_check.test.ts — the halt-time leak check: identical snapshots compare
 * clean; each kind of leak (process, nproc, upcount, task/project/zone lwps, pages, page tables,
 * anon slots, swap, shm ids, sem ids and undo records, lwpchan sleep queues, open files, record
 * locks) is named with its boot and halt values; releasing it
 * makes the check clean again; a zombie init is not a leak; and on a booted machine a real program
 * run leaves nothing behind while a segment left in the shm table is reported.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Proc, SZOMB } from '../../../../kernel/common/sys/proc.ts';
import { PidTable, default_var } from '../../../../kernel/common/os/pid.ts';
import { TaskSys, task_lwps } from '../../../../kernel/common/os/task.ts';
import { type LeakKernel, leak_compare, leak_snapshot } from '../../../../kernel/common/os/leak_check.ts';
import { ShmTable, shm_table, shmctl, shmget, IPC_CREAT, IPC_RMID, type ShmProc } from '../../../../kernel/common/os/shm.ts';
import { falloc, closef, FREAD } from '../../../../kernel/common/fs/file.ts';
import { KSemId, sem_table } from '../../../../kernel/common/os/sem.ts';
import { lwpchan_table } from '../../../../kernel/common/syscall/lwp_sobj.ts';
import { KCondvar } from '../../../../kernel/common/sys/condvar.ts';
import { RamFile } from '../../../../kernel/common/fs/ramfs.ts';
import { F_WRLCK, VLocks, flock_table } from '../../../../kernel/common/fs/flock.ts';
import { as_alloc, as_free, as_map, vm_init, vm_of } from '../../../../kernel/common/vm/vm_as.ts';
import { SEGVN_ZFOD_ARGS, segvn_create } from '../../../../kernel/common/vm/seg_vn.ts';
import { PROT_READ, PROT_WRITE } from '../../../../kernel/common/vm/seg.ts';
import { boot_machine, DEFAULT_BOOT, ROOT } from '../../../../boot/boot.ts';
import { make_vm, user_rw } from '../vm/vm_fixture.ts';

const RW = PROT_READ | PROT_WRITE;
const noio = { bigEndian: true, copyout: () => 0, copyin: () => ({ error: 0, data: new Uint8Array(112) }) };

function fake_kernel(): LeakKernel & { tasks: TaskSys; pids: PidTable } {
  return { pids: new PidTable(default_var()), nproc: 0, upcount: new Map(), initproc: null, tasks: new TaskSys(),
    machine: { console: {} } };
}

describe('leak_check', () => {
  it('names a record lock still held at halt (fs/flock.ts), and is clean once it is gone', () => {
    const k = fake_kernel();
    const before = leak_snapshot(k);
    const owner = new Proc(7);
    const vl = new VLocks(new RamFile(new Uint8Array(0), true));
    vl.vl_active.push({ l_type: F_WRLCK, l_start: 0, l_end: 9, l_owner: owner });
    flock_table(k).fl_vnodes.set(vl.vl_vp, vl);
    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal(['record locks: 0 at boot, 1 at halt (new: write lock [0, 9] of pid 7)']);
    vl.vl_active.length = 0;
    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal([]);
  });

  it('names every counter that did not return to its boot value, and is clean once all is released', () => {
    const t = make_vm(4);
    const k = fake_kernel();
    vm_init(k, t.pool, t.hs);
    const before = leak_snapshot(k);
    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal([]);

    const p = new Proc(-1);
    p.u_comm = 'leaker';
    k.pids.pid_assign(p);
    p.p_lwpcnt = 1;
    k.nproc++;
    k.upcount.set(100, 1);
    task_lwps(k.tasks.task0, 1);
    const as = as_alloc(t.vm);
    as_map(as, 0x10000, 4096, segvn_create, SEGVN_ZFOD_ARGS(RW, RW));
    user_rw(t, as, 0x10000, 'w', 1);
    const sp = { p_pid: 2, p_uid: 0, p_segacct: [], p_as: as, p_brkbase: 0, p_brksize: 0, p_usrstack: 0, p_stksize: 0,
      p_stk_ctl: 0 } as ShmProc;
    const id = shmget(shm_table(k), sp, 0x99, 100, IPC_CREAT | 0o600).id;
    const f = falloc(new RamFile(new Uint8Array(1)), FREAD, k);

    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal([
      `pids in use: 0 at boot, 1 at halt (new: pid ${p.p_pid} (leaker, 1 lwp))`,
      'nproc: 0 at boot, 1 at halt',
      'task lwps (tk_nlwps): 0 at boot, 1 at halt',
      'project lwps (kpj_nlwps): 0 at boot, 1 at halt',
      'zone lwps (zone_nlwps): 0 at boot, 1 at halt',
      'physical pages in use: 0 at boot, 2 at halt',
      'page-table pages: 0 at boot, 1 at halt',
      'anon slots: 0 at boot, 1 at halt',
      'swap reserved (pages): 0 at boot, 2 at halt',
      `shm ids: 0 at boot, 1 at halt (new: shm id ${id} (key 153, 100 bytes, 0 attached))`,
      'open files: 0 at boot, 1 at halt',
      'upcount of uid 100: 0 at boot, 1 at halt',
    ]);

    k.pids.pid_exit(p);
    k.nproc--;
    k.upcount.set(100, 0);
    task_lwps(k.tasks.task0, -1);
    as_free(as);
    expect(shmctl(shm_table(k), sp, id, IPC_RMID, noio)).to.equal(0);
    closef(f);
    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal([]);
  });

  it('names SysV semaphore sets, their undo records and lwpchan sleep queues left at halt', () => {
    const k = fake_kernel();
    const before = leak_snapshot(k);
    const tab = sem_table(k);
    const set = new KSemId(5, { uid: 0, gid: 0, cuid: 0, cgid: 0, mode: 0o600, seq: 0, key: 0x42 }, 2, 0);
    tab.slots[5] = set;
    const p = new Proc(9);
    tab.undo_procs.set(p, new Set([set]));
    const lw = lwpchan_table(k);
    lw.queues.set(p, new Map([[0x1000, { le_chan: { lc_obj: p, lc_off: 0x1000 }, le_cv: new KCondvar(), le_nwait: 1 }]]));
    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal([
      'sem ids: 0 at boot, 1 at halt (new: sem id 5 (key 66, 2 semaphores))',
      'sem undo records: 0 at boot, 1 at halt',
      'lwpchan sleep queues: 0 at boot, 1 at halt',
    ]);
    tab.slots[5] = null;
    tab.undo_procs.clear();
    lw.queues.clear();
    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal([]);
  });

  it('leaves a zombie init out (its pid, nproc and upcount), but not a live one', () => {
    const k = fake_kernel();
    const before = leak_snapshot(k);
    const init = new Proc(-1);
    k.pids.pid_assign(init);
    k.nproc = 1;
    k.upcount.set(0, 1);
    k.initproc = init;
    init.p_lwpcnt = 1;
    expect(leak_compare(before, leak_snapshot(k))).to.have.length(3);
    init.p_stat = SZOMB;
    init.p_lwpcnt = 0;
    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal([]);
    const child = new Proc(-1);
    k.pids.pid_assign(child);
    child.p_stat = SZOMB;
    expect(leak_compare(before, leak_snapshot(k))).to.deep.equal([`pids in use: 0 at boot, 1 at halt (new: pid ${child.p_pid} (?, zombie))`]);
  });

  it('a counter present in only one snapshot is compared with 0', () => {
    const a = { items: new Map([['x', { value: 2 }]]) };
    const b = { items: new Map([['y', { value: 1 }]]) };
    expect(leak_compare(a, b)).to.deep.equal(['x: 2 at boot, 0 at halt', 'y: 0 at boot, 1 at halt']);
  });

  it('on a booted machine: a program run leaves nothing behind; a segment left in the shm table is reported', () => {
    const { kernel } = boot_machine({ ...DEFAULT_BOOT, capture: true, maxCycles: 200_000_000 });
    const before = leak_snapshot(kernel);
    const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'mm_shm')));
    expect(kernel.start_init(image, ['mm_shm'], [])).to.equal(0);
    const halt = kernel.run();
    expect(halt.why, halt.message).to.equal('exit');
    expect(halt.wdata).to.equal(0);
    expect(leak_compare(before, leak_snapshot(kernel))).to.deep.equal([]);
    const sp = { p_pid: 99, p_uid: 0, p_segacct: [], p_as: as_alloc(vm_of(kernel)), p_brkbase: 0, p_brksize: 0,
      p_usrstack: 0, p_stksize: 0, p_stk_ctl: 0 } as ShmProc;
    const id = shmget(shm_table(kernel), sp, 0, 3 * 4096, IPC_CREAT).id;
    expect(leak_compare(before, leak_snapshot(kernel))).to.deep.equal([
      'swap reserved (pages): 0 at boot, 3 at halt',
      `shm ids: 0 at boot, 1 at halt (new: shm id ${id} (key 0, 12288 bytes, 0 attached))`,
    ]);
    expect(shm_table(kernel)).to.be.instanceOf(ShmTable);
  });
});
