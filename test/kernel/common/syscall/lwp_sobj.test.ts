/*
 * test/kernel/common/syscall/lwp_sobj.test.ts — lwpchans: a sync object in MAP_SHARED memory
 * (anonymous or a file) has one key in a parent and its as_dup copy, and in two separate
 * mappings of one file; private memory is keyed by (as, address), so a fork child's copy is its
 * own object. On a booted machine, posix_sem_fork's waiters sleep on lwp_sema_timedwait and
 * every sleep queue is gone at halt.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { as_alloc, as_dup, as_free } from '../../../../kernel/common/vm/vm_as.ts';
import { MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from '../../../../kernel/common/vm/seg.ts';
import { _MAP_NEW, type MmProc, smmap } from '../../../../kernel/common/vm/mm_syscalls.ts';
import { MAP_ANON } from '../../../../kernel/common/vm/seg.ts';
import { falloc, FREAD, FWRITE } from '../../../../kernel/common/fs/file.ts';
import { RamFile } from '../../../../kernel/common/fs/ramfs.ts';
import { lwpchan_get_mapping } from '../../../../kernel/common/syscall/lwp_sobj.ts';
import { type TestVm, make_vm } from '../vm/vm_fixture.ts';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../../boot/boot.ts';

const P = 4096;
const RW = PROT_READ | PROT_WRITE;

function proc(t: TestVm, fds: ReturnType<typeof falloc>[] = []): MmProc {
  return { p_as: as_alloc(t.vm), p_brkbase: 0x20000, p_brksize: 0x3000, p_usrstack: 0x80000000, p_stksize: 0,
    p_stk_ctl: 0x800000, p_fds: fds };
}

describe('kernel/common/syscall/lwp_sobj (lwpchans and lwp_sema_*)', () => {
  it('keys shared memory by its memory object and private memory by (as, address)', () => {
    const t = make_vm(8);
    const owner = {};
    const file = new RamFile(new Uint8Array(2 * P), true);
    const p = proc(t, [falloc(file, FREAD | FWRITE, owner)]);
    const sh = smmap(p, 0, 2 * P, RW, _MAP_NEW | MAP_SHARED | MAP_ANON, -1, 0).addr;
    const pr = smmap(p, 0, P, RW, _MAP_NEW | MAP_PRIVATE | MAP_ANON, -1, 0).addr;
    const f1 = smmap(p, 0, 2 * P, RW, _MAP_NEW | MAP_SHARED, 0, 0).addr;
    const f2 = smmap(p, 0, P, RW, _MAP_NEW | MAP_SHARED, 0, P).addr;
    const child = as_dup(p.p_as).as!;
    const a = lwpchan_get_mapping(p.p_as, sh + P + 16)!;
    const b = lwpchan_get_mapping(child, sh + P + 16)!;
    expect(a.lc_obj, 'parent and child: one anon map').to.equal(b.lc_obj);
    expect(a.lc_off).to.equal(P + 16);
    expect(lwpchan_get_mapping(p.p_as, sh + 16)!.lc_off).to.not.equal(a.lc_off);
    const pa = lwpchan_get_mapping(p.p_as, pr + 8)!, pc = lwpchan_get_mapping(child, pr + 8)!;
    expect(pa.lc_obj, 'private: keyed by the as').to.equal(p.p_as);
    expect(pc.lc_obj).to.equal(child);
    expect(pa.lc_off).to.equal(pr + 8);
    const x = lwpchan_get_mapping(p.p_as, f1 + P + 4)!, y = lwpchan_get_mapping(p.p_as, f2 + 4)!;
    expect(x.lc_obj, 'two mappings of one file page: one key').to.equal(y.lc_obj);
    expect(x.lc_off).to.equal(y.lc_off);
    expect(lwpchan_get_mapping(p.p_as, 0x1000), 'unmapped').to.equal(null);
    as_free(child);
    as_free(p.p_as);
  });

  it('semaphore waiters sleep in lwp_sema_timedwait and leave no sleep queue behind (posix_sem_fork)', () => {
    const lines: string[] = [];
    const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'posix_sem_fork')));
    const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, check: true, maxCycles: 2_000_000_000,
      traceSyscalls: (l: string) => lines.push(l) }, image, ['posix_sem_fork']);
    expect(r.status).to.equal(0);
    expect(r.machine.console.output()).to.not.match(/FAIL/);
    expect(r.leaks, 'no sleep queue, sem id or file left').to.deep.equal([]);
    expect(lines.some((l) => /^\d+\/1:\tlwp_sema_timedwait\(0x[0-9a-f]+, 0, 0\)\t= 0$/.test(l)), 'a blocking wait').to.equal(true);
    expect(lines.some((l) => /lwp_sema_timedwait\(0x[0-9a-f]+, 0x[0-9a-f]+, 0\)\t= Err#62 ETIME$/.test(l)), 'a timeout').to.equal(true);
    expect(lines.some((l) => /lwp_sema_post\(0x[0-9a-f]+\)\t= Err#79 EOVERFLOW$/.test(l)), 'EOVERFLOW').to.equal(true);
    expect(lines.some((l) => /lwp_sema_trywait\(0x[0-9a-f]+\)\t= Err#16 EBUSY$/.test(l)), 'EBUSY').to.equal(true);
  });
});
