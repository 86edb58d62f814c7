/*
 * kernel/common/os/proc_syscalls.ts — the process system calls, bound into sysent by
 * kernel/common/syscall/syscall_table.ts: the fork family (fork.ts), exec, waitsys, the lwp calls,
 * yield, nanosleep, getuid, pgrpsys (uts/common/syscall/pgrpsys.c) and getrlimit/setrlimit
 * (uts/common/syscall/rlimit.c, over the rctls).
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import { forkall, fork1, vfork } from './fork.ts';
import { exece, exec } from './exec.ts';
import { syswaitsys } from './exit.ts';
import { syslwp_create, syslwp_exit, syslwp_wait, syslwp_self, syslwp_private, syslwp_suspend, syslwp_continue } from './lwp.ts';
import { curkernel, curproc, curthread } from './kglobals.ts';
import { copyin, copyout } from './copy.ts';
import { EFAULT, EINTR, EINVAL, EPERM, ESRCH } from '../sys/errno.ts';
import { KCondvar, cv_timedwait_sig } from '../sys/condvar.ts';
import { KMutex, mutex_enter, mutex_exit } from '../sys/mutex.ts';
import type { KGen } from '../sys/thread.ts';
import { issig } from './sig.ts';
import { pgcreate, pgjoin, sesscreate } from './pgrp.ts';
import { Pgrp } from '../sys/proc.ts';
import { RLIM32_INFINITY } from './rctl.ts';
import { gethrtime } from './timers.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** Nanoseconds per clock tick: the clock interrupts at 100 Hz of simulated time (hz = 100). */
export const NSEC_PER_TICK = 10_000_000;


/** yield() — give up the CPU to another runnable thread. */
function sysyield(_args: number[]): SysRet {
  curthread().t_preempt = true;
  return ok();
}

const sleep_cv = new WeakMap<object, { cv: KCondvar; m: KMutex }>();

/** nanosleep(rqtp, rmtp) — sleep in clock ticks; EINTR (with the time left in *rmtp) on a signal. */
function* nanosleep(args: number[]): KGen<SysRet> {
  const [rqtp, rmtp] = args;
  const k = curkernel();
  const t = curthread();
  const p = t.t_procp;
  if (!p.p_as) return fail(EFAULT);
  const r = copyin(p.p_as, rqtp >>> 0, 8);
  if (r.error) return fail(EFAULT);
  const dv = new DataView(r.data.buffer, r.data.byteOffset, 8);
  const le = !k.md.elf.bigEndian;
  const sec = dv.getInt32(0, le), nsec = dv.getInt32(4, le);
  if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000) return fail(EINVAL);
  if (sec === 0 && nsec === 0) return ok();
  // Wake at the first tick at or after now + the request (never early, as Solaris's timespectohz
  // rounds up and adds the partial tick already gone).
  const ticks = Math.max(1, Math.ceil((gethrtime(k) + sec * 1e9 + nsec) / NSEC_PER_TICK) - k.lbolt);
  let s = sleep_cv.get(k);
  if (!s) { s = { cv: new KCondvar('nanosleep'), m: new KMutex('callout_lock', 'nanosleep_lock') }; sleep_cv.set(k, s); }
  const deadline = k.lbolt + ticks;
  yield* mutex_enter(s.m);
  let res = 1;
  while (k.lbolt < deadline && res !== 0) res = yield* cv_timedwait_sig(s.cv, s.m, deadline, () => issig(t));
  mutex_exit(s.m);
  if (res === 0) {
    if (rmtp !== 0) {
      const left = Math.max(0, deadline - k.lbolt) * NSEC_PER_TICK;
      const b = new Uint8Array(8);
      const w = new DataView(b.buffer);
      w.setInt32(0, Math.floor(left / 1e9), le); w.setInt32(4, left % 1e9, le);
      if (copyout(p.p_as!, rmtp >>> 0, b)) return fail(EFAULT);
    }
    return fail(EINTR);
  }
  return ok();
}

/** getuid() → (real uid, effective uid). */
function getuid(_args: number[]): SysRet {
  const p = curproc();
  return ok(p.p_uid, p.p_uid);
}

/** pgrpsys(subcode, pid, pgid): getpgrp 0, setpgrp 1, getsid 2, setsid 3, getpgid 4, setpgid 5. */
function* pgrpsys(args: number[]): KGen<SysRet> {
  const [code, pid0, pgid0] = args;
  const k = curkernel();
  const p = curproc();
  const pid = pid0 | 0, pgid = pgid0 | 0;
  yield* mutex_enter(k.pidlock);
  try {
    switch (code) {
      case 0: return ok(p.p_pgidp?.pg_id ?? 0);
      case 1: if (!p.p_sessp || p.p_sessp.s_sid !== p.p_pid) sesscreate(p); return ok(p.p_pgidp!.pg_id);
      case 3:
        if (p.p_pgidp && p.p_pgidp.pg_id === p.p_pid) return fail(EPERM);
        sesscreate(p);
        return ok(p.p_sessp!.s_sid);
      case 2: case 4: {
        const q = pid === 0 ? p : k.pids.prfind(pid);
        if (!q || q.p_stat === 3) return fail(ESRCH);
        return ok(code === 2 ? (q.p_sessp?.s_sid ?? 0) : (q.p_pgidp?.pg_id ?? 0));
      }
      case 5: {
        const q = pid === 0 ? p : k.pids.prfind(pid);
        if (!q || (q !== p && q.p_parent !== p)) return fail(ESRCH);
        if (pgid < 0) return fail(EINVAL);
        const target = pgid === 0 ? q.p_pid : pgid;
        if (target === q.p_pid) {
          if (q.p_pgidp?.pg_id !== target) pgcreate(q);
          return ok();
        }
        const pg = k.pids.all().map((x) => x.p_pgidp).find((g): g is Pgrp => !!g && g.pg_id === target && g.pg_members.some((m) => m.p_sessp === q.p_sessp));
        if (!pg) return fail(EPERM);
        pgjoin(q, pg);
        return ok();
      }
      default: return fail(EINVAL);
    }
  } finally {
    mutex_exit(k.pidlock);
  }
}

/** Resources of getrlimit/setrlimit (sys/resource.h). */
export const RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4,
  RLIMIT_NOFILE = 5, RLIMIT_VMEM = 6, RLIM_NLIMITS = 7;

/** The rctl behind each resource that has one (rctl.ts); the rest are unlimited. */
const RLIMIT_RCTL: Record<number, string> = {
  [RLIMIT_CPU]: 'process.max-cpu-time', [RLIMIT_FSIZE]: 'process.max-file-size',
  [RLIMIT_DATA]: 'process.max-data-size', [RLIMIT_STACK]: 'process.max-stack-size',
  [RLIMIT_CORE]: 'process.max-core-size', [RLIMIT_NOFILE]: 'process.max-file-descriptor',
  [RLIMIT_VMEM]: 'process.max-address-space',
};

/** An rlimit of p: [cur, max] (32-bit, RLIM32_INFINITY for none). The hard limit is kept as NAME:max. */
function rlimit_get(p: ReturnType<typeof curproc>, res: number): [number, number] {
  const name = RLIMIT_RCTL[res];
  if (!name) return [RLIM32_INFINITY, RLIM32_INFINITY];
  const clip = (v: number) => Math.min(v >>> 0, RLIM32_INFINITY);
  const cur = clip(p.p_rctls.get(name) ?? RLIM32_INFINITY);
  return [cur, clip(p.p_rctls.get(name + ':max') ?? RLIM32_INFINITY)];
}

/**
 * getrlimit(resource, rlp) — the struct rlimit32 {rlim_cur, rlim_max} of a resource, from the
 * process's rctls (unset ones unlimited: RLIM32_INFINITY).
 * EINVAL for an unknown resource, EFAULT for a bad pointer.
 */
function getrlimit(args: number[]): SysRet {
  const res = args[0] | 0;
  const p = curproc();
  if (res < 0 || res >= RLIM_NLIMITS) return fail(EINVAL);
  if (!p.p_as) return fail(EFAULT);
  const [cur, max] = rlimit_get(p, res);
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  const le = !curkernel().md.elf.bigEndian;
  dv.setUint32(0, cur, le);
  dv.setUint32(4, max, le);
  return copyout(p.p_as, args[1] >>> 0, b) ? fail(EFAULT) : ok();
}

/**
 * setrlimit(resource, rlp) — set a resource's soft and hard limits (values at or above
 * RLIM32_INFINITY mean unlimited). Only RLIMIT_FSIZE is enforced (a write past it gets SIGXFSZ
 * and EFBIG); the others are kept and reported. EINVAL for an unknown resource or a soft limit
 * above the hard one. There are no credentials: raising the hard limit is allowed. EFAULT for a
 * bad pointer. Children inherit the limits (fork copies the rctls), and so does exec.
 */
function setrlimit(args: number[]): SysRet {
  const res = args[0] | 0;
  const p = curproc();
  if (res < 0 || res >= RLIM_NLIMITS) return fail(EINVAL);
  if (!p.p_as) return fail(EFAULT);
  const r = copyin(p.p_as, args[1] >>> 0, 8);
  if (r.error) return fail(EFAULT);
  const dv = new DataView(r.data.buffer, r.data.byteOffset, 8);
  const le = !curkernel().md.elf.bigEndian;
  const cur = Math.min(dv.getUint32(0, le), RLIM32_INFINITY), max = Math.min(dv.getUint32(4, le), RLIM32_INFINITY);
  if (cur > max) return fail(EINVAL);
  const name = RLIMIT_RCTL[res];
  p.p_rctls.set(name, cur);
  p.p_rctls.set(name + ':max', max);
  return ok();
}

/** Handlers by sysent name. */
export const SYSCALLS_PROC: Record<string, SysHandler> = {
  forkall, fork1, vfork, exec, execve: exece, waitsys: syswaitsys,
  lwp_create: syslwp_create, lwp_exit: syslwp_exit, lwp_wait: syslwp_wait, lwp_self: syslwp_self, lwp_private: syslwp_private,
  lwp_suspend: syslwp_suspend, lwp_continue: syslwp_continue,
  yield: sysyield, nanosleep, getuid, pgrpsys, getrlimit, setrlimit,
};
