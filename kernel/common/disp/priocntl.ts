/*
 * kernel/common/disp/priocntl.ts — priocntlsys(2), the scheduling-class interface under libc's
 * sched_*() (mirrors uts/common/disp/priocntl.c and the class parameter checks of ts.c / rt.c):
 * PC_GETCID, PC_GETCLINFO, PC_GETPARMS, PC_SETPARMS and PC_GETPRIRANGE for the classes SYS (0),
 * TS (1, time-sharing: SCHED_OTHER) and RT (2, real-time: SCHED_FIFO with an infinite quantum,
 * SCHED_RR otherwise). forkvm's dispatcher has one round-robin queue, so a class only records
 * what was set; the setting is inherited by fork (getproc) and kept by exec. Process sets name
 * one process (P_PID, or P_MYID); PC_ADMIN, PC_DONICE, PC_DOPRIO and the x-parms are left out.
 */

import type { SysHandler, SysRet } from '../syscall/syscall_table.ts';
import type { Proc } from '../sys/proc.ts';
import { SZOMB } from '../sys/proc.ts';
import { curkernel, curproc } from '../os/kglobals.ts';
import { copyin, copyout } from '../os/copy.ts';
import { EFAULT, EINVAL, EPERM, ESRCH } from '../sys/errno.ts';
import { sigmd } from '../os/sig.ts';
import { ok, fail } from '../syscall/sysret.ts';

/** priocntl commands and constants (sys/priocntl.h, sys/procset.h, sys/ts.h, sys/rt.h). */
export const PC_VERSION = 1, PC_GETCID = 0, PC_GETCLINFO = 1, PC_SETPARMS = 2, PC_GETPARMS = 3, PC_GETPRIRANGE = 5;
export const PC_CLNULL = -1, PC_CLNMSZ = 16;
export const P_PID = 0, P_ALL = 7, P_MYID = -1;
export const SYS_CID = 0, TS_CID = 1, RT_CID = 2;
export const TS_MAXUPRI = 60, TS_NOCHANGE = -32768, RT_MAXPRI = 59, RT_NOCHANGE = -1, RT_TQINF = -2, RT_TQDEF = -3;

/** The configured classes: name, class-specific info word (ts_maxupri / rt_maxpri), global priority range. */
const CLASSES: { name: string; info: number; pmin: number; pmax: number }[] = [
  { name: 'SYS', info: 0, pmin: 60, pmax: 99 },
  { name: 'TS', info: TS_MAXUPRI, pmin: 0, pmax: 59 },
  { name: 'RT', info: RT_MAXPRI, pmin: 100, pmax: 159 },
];


function le(): boolean { return sigmd().littleEndian; }

/** The one process a procset names (P_PID and P_MYID, ANDed with P_ALL), or an errno. */
function procset_proc(psp: number): Proc | number {
  const p = curproc();
  const r = copyin(p.p_as!, psp >>> 0, 20);
  if (r.error) return EFAULT;
  const dv = new DataView(r.data.buffer, r.data.byteOffset, 20);
  const l = le();
  const lidtype = dv.getInt32(4, l), lid = dv.getInt32(8, l), ridtype = dv.getInt32(12, l);
  if (lidtype !== P_PID || ridtype !== P_ALL) return EINVAL;
  if (lid === P_MYID || lid === p.p_pid) return p;
  if (lid < 0) return EINVAL;
  const q = curkernel().pids.prfind(lid);
  return q && q.p_stat !== SZOMB ? q : ESRCH;
}

/**
 * priocntlsys(version, psp, cmd, arg, arg2) — EINVAL for another version, an unknown command or
 * class, or parameters out of the class's range; ESRCH when the process set names no process
 * (or one not in the class asked about); EPERM when a non-root caller asks for RT or raises a TS
 * limit; EFAULT for bad pointers. A failed PC_SETPARMS changes nothing.
 */
function priocntlsys(args: number[]): SysRet {
  const [version, psp, cmd, arg] = args;
  const p = curproc();
  if (version !== PC_VERSION) return fail(EINVAL);
  if (!p.p_as) return fail(EFAULT);
  const l = le();
  switch (cmd) {
    case PC_GETCID: case PC_GETCLINFO: {
      const r = copyin(p.p_as, arg >>> 0, 52);
      if (r.error) return fail(EFAULT);
      const dv = new DataView(r.data.buffer, r.data.byteOffset, 52);
      let cid: number;
      if (cmd === PC_GETCID) {
        const bytes = r.data.subarray(4, 4 + PC_CLNMSZ);
        const name = String.fromCharCode(...bytes.subarray(0, Math.max(0, bytes.indexOf(0) < 0 ? PC_CLNMSZ : bytes.indexOf(0))));
        cid = CLASSES.findIndex((c) => c.name === name);
      } else {
        cid = dv.getInt32(0, l);
        if (cid < 0 || cid >= CLASSES.length) cid = -1;
      }
      if (cid < 0) return fail(EINVAL);
      const out = new Uint8Array(52);
      const ov = new DataView(out.buffer);
      ov.setInt32(0, cid, l);
      for (let i = 0; i < CLASSES[cid].name.length; i++) out[4 + i] = CLASSES[cid].name.charCodeAt(i);
      ov.setInt16(20, CLASSES[cid].info, l);
      if (copyout(p.p_as, arg >>> 0, out)) return fail(EFAULT);
      return ok(CLASSES.length);
    }
    case PC_GETPRIRANGE: {
      const r = copyin(p.p_as, arg >>> 0, 8);
      if (r.error) return fail(EFAULT);
      const cid = new DataView(r.data.buffer, r.data.byteOffset, 8).getInt32(0, l);
      if (cid < 0 || cid >= CLASSES.length) return fail(EINVAL);
      const out = new Uint8Array(8);
      const ov = new DataView(out.buffer);
      ov.setInt32(0, cid, l); ov.setInt16(4, CLASSES[cid].pmax, l); ov.setInt16(6, CLASSES[cid].pmin, l);
      return copyout(p.p_as, arg >>> 0, out) ? fail(EFAULT) : ok();
    }
    case PC_GETPARMS: case PC_SETPARMS: {
      const q = procset_proc(psp);
      if (typeof q === 'number') return fail(q);
      const r = copyin(p.p_as, arg >>> 0, 36);
      if (r.error) return fail(EFAULT);
      const dv = new DataView(r.data.buffer, r.data.byteOffset, 36);
      const cid = dv.getInt32(0, l);
      if (cmd === PC_GETPARMS) {
        if (cid !== PC_CLNULL && (cid < 0 || cid >= CLASSES.length)) return fail(EINVAL);
        if (cid !== PC_CLNULL && cid !== q.p_cid) return fail(ESRCH);
        const out = new Uint8Array(36);
        const ov = new DataView(out.buffer);
        ov.setInt32(0, q.p_cid, l);
        if (q.p_cid === TS_CID) { ov.setInt16(4, q.p_clparms[0], l); ov.setInt16(6, q.p_clparms[1], l); }
        if (q.p_cid === RT_CID) { ov.setInt16(4, q.p_clparms[0], l); ov.setUint32(8, q.p_clparms[1] >>> 0, l); ov.setInt32(12, q.p_clparms[2], l); }
        return copyout(p.p_as, arg >>> 0, out) ? fail(EFAULT) : ok(q.p_pid);
      }
      if (cid === TS_CID) {
        let uprilim = dv.getInt16(4, l), upri = dv.getInt16(6, l);
        const cur = q.p_cid === TS_CID ? q.p_clparms : [0, 0];
        if (uprilim === TS_NOCHANGE) uprilim = cur[0];
        if (upri === TS_NOCHANGE) upri = Math.min(cur[1], uprilim);
        if (uprilim < -TS_MAXUPRI || uprilim > TS_MAXUPRI || upri < -TS_MAXUPRI || upri > TS_MAXUPRI) return fail(EINVAL);
        if (upri > uprilim) upri = uprilim;
        if (uprilim > cur[0] && p.p_uid !== 0) return fail(EPERM);
        q.p_cid = TS_CID;
        q.p_clparms = [uprilim, upri];
        return ok();
      }
      if (cid === RT_CID) {
        let pri = dv.getInt16(4, l);
        let tqsecs = dv.getUint32(8, l), tqnsecs = dv.getInt32(12, l);
        const cur = q.p_cid === RT_CID ? q.p_clparms : [0, 0, RT_TQDEF];
        if (pri === RT_NOCHANGE) pri = cur[0];
        if (pri < 0 || pri > RT_MAXPRI) return fail(EINVAL);
        if (tqnsecs === RT_NOCHANGE) { tqsecs = cur[1]; tqnsecs = cur[2]; }
        else if (tqnsecs !== RT_TQINF && tqnsecs !== RT_TQDEF && (tqnsecs < 0 || tqnsecs >= 1_000_000_000 || (tqsecs === 0 && tqnsecs === 0))) return fail(EINVAL);
        if (p.p_uid !== 0) return fail(EPERM);
        q.p_cid = RT_CID;
        q.p_clparms = [pri, tqsecs, tqnsecs];
        return ok();
      }
      return fail(EINVAL);
    }
    default:
      return fail(EINVAL);
  }
}

/** Handlers by sysent name. */
export const SYSCALLS_PRIOCNTL: Record<string, SysHandler> = { priocntlsys };
