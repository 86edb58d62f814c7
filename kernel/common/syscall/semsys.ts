/*
 * kernel/common/syscall/semsys.ts — the SysV semaphore trap semsys (53) with Solaris's subcodes:
 * semctl 0, semget 1, semop 2, semids 3, semtimedop 4 (the semsys() switch of
 * uts/common/os/sem.c). Copies the caller's arguments in and out; os/sem.ts does the work.
 */

import type { SysHandler, SysRet } from './syscall_table.ts';
import type { KGen } from '../sys/thread.ts';
import { E2BIG, EFAULT, EINVAL } from '../sys/errno.ts';
import { mutex_enter, mutex_exit } from '../sys/mutex.ts';
import { curkernel, curthread } from '../os/kglobals.ts';
import { copyin, copyout, suword32 } from '../os/copy.ts';
import { issig } from '../os/sig.ts';
import { gethrtime, NSEC_PER_TICK } from '../os/timers.ts';
import {
  SEMBUF_SIZE, SEMCTL, SEMGET, SEMIDS, SEMOP, SEMTIMEDOP, sem_table, semctl, semget, semop, semop_decode,
} from '../os/sem.ts';

const ret = (error: number, rval1 = 0): SysRet => ({ error, rval1: error ? 0 : rval1 | 0, rval2: 0 });

/** semsys(op, a1, a2, a3, a4). */
function* semsys(args: number[]): KGen<SysRet> {
  const k = curkernel();
  const t = curthread();
  const p = t.t_procp;
  const as = p.p_as;
  if (as === null) return ret(EFAULT);
  const tab = sem_table(k);
  const be = k.md.elf.bigEndian;
  const [op, a1, a2, a3, a4] = args;
  switch (op) {
    case SEMCTL: {
      // semctl(semid, semnum, cmd, arg): arg is a value (SETVAL) or a buffer address.
      const buf = a4 >>> 0;
      yield* mutex_enter(tab.sem_lock);
      const r = semctl(tab, p, a1 | 0, a2 | 0, a3 | 0, a4 | 0, {
        bigEndian: be,
        copyout: (bytes) => copyout(as, buf, bytes),
        copyin: (len) => copyin(as, buf, len),
      });
      mutex_exit(tab.sem_lock);
      return ret(r.error, r.value);
    }
    case SEMGET: {
      yield* mutex_enter(tab.sem_lock);
      const r = semget(tab, p, a1 | 0, a2 | 0, a3 | 0);
      mutex_exit(tab.sem_lock);
      return ret(r.error, r.id);
    }
    case SEMOP:
    case SEMTIMEDOP: {
      // sem.c's order: the timeout, then no operations (success), the copy, the id, the count.
      const nsops = a3 >>> 0;
      let deadline = -1;
      if (op === SEMTIMEDOP && a4 !== 0) {
        const ts = copyin(as, a4 >>> 0, 8);
        if (ts.error) return ret(EFAULT);
        const dv = new DataView(ts.data.buffer, ts.data.byteOffset, 8);
        const sec = dv.getInt32(0, !be), nsec = dv.getInt32(4, !be);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000) return ret(EINVAL);
        deadline = sec === 0 && nsec === 0 ? k.lbolt
          : Math.max(k.lbolt + 1, Math.ceil((gethrtime(k) + sec * 1e9 + nsec) / NSEC_PER_TICK));
      }
      if (nsops === 0) return ret(0);
      if (nsops > tab.info.semopm) {
        // Too many to copy in: the id decides between EINVAL and E2BIG.
        yield* mutex_enter(tab.sem_lock);
        const known = tab.lookup(a1 | 0) !== null;
        mutex_exit(tab.sem_lock);
        return ret(known ? E2BIG : EINVAL);
      }
      const c = copyin(as, a2 >>> 0, nsops * SEMBUF_SIZE);
      if (c.error) return ret(EFAULT);
      const ops = semop_decode(c.data, nsops, be);
      return ret(yield* semop(tab, p, a1 | 0, ops, deadline, () => issig(t), () => k.lbolt));
    }
    case SEMIDS: {
      // semids(buf, nids, pnids): the live ids, if they fit, and their count.
      const ids = tab.all().map((s) => s.sem_id);
      const buf = a1 >>> 0, nids = a2 >>> 0, pnids = a3 >>> 0;
      if (suword32(as, pnids, ids.length) !== 0) return ret(EFAULT);
      if (ids.length <= nids) {
        for (let i = 0; i < ids.length; i++) if (suword32(as, buf + 4 * i, ids[i]) !== 0) return ret(EFAULT);
      }
      return ret(0);
    }
    default:
      return ret(EINVAL);
  }
}

/** Handlers by sysent name. */
export const SYSCALLS_SEM: Record<string, SysHandler> = { semsys };
