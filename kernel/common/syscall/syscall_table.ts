/*
 * kernel/common/syscall/syscall_table.ts — binds handlers to the rows of sysent.ts and dispatches
 * a system call (the machine-independent half of uts/<isa>/os/syscall.c). A number with no
 * handler is nosys(): ENOSYS and SIGSYS to the caller, as in Solaris.
 */

import { SYSENT_ROWS, type SysentRow } from './sysent.ts';
import type { KGen, KThread } from '../sys/thread.ts';
import { ENOSYS } from '../sys/errno.ts';
import { SIGSYS } from '../sys/signal.ts';
import { curkernel, curthread } from '../os/kglobals.ts';
import { errno_name } from '../sys/errno.ts';
import { tsignal } from '../os/sig.ts';
import { rexit } from '../os/exit.ts';
import { read, write, open, close, lseek } from './rw.ts';
import { brk } from './brk.ts';
import { getpid } from './getpid.ts';
import { vfwait } from '../os/fork.ts';
import { SYSCALLS_SIG } from '../os/sig_syscalls.ts';
import { SYSCALLS_FS } from '../fs/fs_syscalls.ts';
import { SYSCALLS_MM } from '../vm/mm_syscalls.ts';
import { SYSCALLS_PROC } from '../os/proc_syscalls.ts';
import { SYSCALLS_TIME } from '../os/timers.ts';
import { SYSCALLS_TIMER } from '../os/timer.ts';
import { SYSCALLS_MEMCNTL } from './memcntl.ts';
import { SYSCALLS_UMASK } from './umask.ts';
import { SYSCALLS_SYSCONFIG } from './sysconfig.ts';
import { SYSCALLS_PRIOCNTL } from '../disp/priocntl.ts';
import { SYSCALLS_LWP_KILL } from './lwp_kill.ts';
import { SYSCALLS_SIGTIMEDWAIT } from './sigtimedwait.ts';
import { SYSCALLS_SEM } from './semsys.ts';
import { SYSCALLS_LWP_SOBJ } from './lwp_sobj.ts';
import { decode_args, fmt_arg } from './syscall_decode.ts';
import { copyin, copyinstr } from '../os/copy.ts';
import { kdi_on, kdi_stop } from '../os/kdi.ts';
import { TS_ZOMB } from '../sys/thread.ts';

/** What a handler returns: errno, or the values. */
/** justreturn: the handler loaded every user register itself (setcontext): write nothing back. */
export interface SysRet { error: number; rval1: number; rval2: number; justreturn?: boolean }
/** A syscall handler: plain or a generator when it can block. */
export type SysHandler = (args: number[]) => SysRet | KGen<SysRet>;

/** The vfork system call number (post_syscall's vfwait). */
const VFORK = 119;

/** Result of a dispatch, with the row's return-value count. */
export interface SysDone extends SysRet { nrval: 1 | 2 }

/** sysent — number → (row, handler); the handlers are bound by sysent_init. */
export const sysent = new Map<number, { row: SysentRow; handler: SysHandler | null }>();
for (const row of SYSENT_ROWS) sysent.set(row.num, { row, handler: null });
let sysent_bound = false;

/**
 * sysent_init — bind the handlers to the rows (once, at the first system call). Not at load time:
 * handler modules import this one (forkret_trace, through lwp.ts), so a program that imports one
 * of them first would have this module read their tables before they are initialized.
 */
export function sysent_init(): void {
  if (sysent_bound) return;
  sysent_bound = true;
  const HANDLERS: Record<string, SysHandler> = {
    exit: rexit, read, write, open, close, lseek, brk, getpid,
    ...SYSCALLS_FS, ...SYSCALLS_SIG, ...SYSCALLS_MM, ...SYSCALLS_PROC,
    ...SYSCALLS_TIME, ...SYSCALLS_TIMER, ...SYSCALLS_MEMCNTL, ...SYSCALLS_UMASK, ...SYSCALLS_SYSCONFIG,
    ...SYSCALLS_PRIOCNTL, ...SYSCALLS_LWP_KILL, ...SYSCALLS_SIGTIMEDWAIT,
    ...SYSCALLS_SEM, ...SYSCALLS_LWP_SOBJ,
  };
  for (const row of SYSENT_ROWS) sysent.set(row.num, { row, handler: HANDLERS[row.name] ?? null });
}


function isGen(x: unknown): x is KGen<SysRet> {
  return typeof x === 'object' && x !== null && typeof (x as { next?: unknown }).next === 'function';
}

/** A user string for a trace line (null when it cannot be read). */
function trace_str(t: KThread, uva: number): string | null {
  const as = t.t_procp.p_as;
  if (!as) return null;
  const s = copyinstr(as, uva, 1024);
  return s.error ? null : s.str;
}

/** User bytes for a trace line's structures (null when they cannot be read). */
function trace_mem(t: KThread, uva: number, len: number): { dv: DataView; le: boolean } | null {
  const as = t.t_procp.p_as;
  if (!as) return null;
  const r = copyin(as, uva >>> 0, len);
  return r.error ? null : { dv: new DataView(r.data.buffer, r.data.byteOffset, r.data.byteLength), le: !curkernel().md.elf.bigEndian };
}

/** syscall_dispatch — run system call `code` with its argument words. */
export function* syscall_dispatch(code: number, args: number[]): KGen<SysDone> {
  sysent_init();
  const ent = sysent.get(code);
  if (!ent || !ent.handler) {
    tsignal(curthread(), SIGSYS);
    return { error: ENOSYS, rval1: 0, rval2: 0, nrval: 1 };
  }
  const t = curthread();
  const k = curkernel();
  k.cpu_stats.syscall++;
  const trace = k.opts.syscallTrace;
  const call = trace ? `${ent.row.name}(${decode_args(ent.row.name, args.slice(0, ent.row.narg), (uva) => trace_str(t, uva), (uva, len) => trace_mem(t, uva, len)).join(', ')})` : '';
  if (trace && ent.row.name === 'exit') trace(`${t.t_procp.p_pid}/${t.t_tid}:\t${call}`);
  if (kdi_on && k.kdi) {
    const s = k.kdi.syscall(t, ent.row.name, 'entry', `${ent.row.name}(${args.slice(0, ent.row.narg).map(fmt_arg).join(', ')})`);
    if (s) yield* kdi_stop(s);
  }
  const r0 = ent.handler(args.slice(0, ent.row.narg));
  const r = isGen(r0) ? yield* r0 : r0;
  if (kdi_on && k.kdi && t.t_state !== TS_ZOMB) {
    const s = k.kdi.syscall(t, ent.row.name, 'return', r.error ? `Err#${r.error} ${errno_name(r.error)}` : `${r.rval1}`);
    if (s) yield* kdi_stop(s);
  }
  // post_syscall: the parent of a vfork waits here until the child execs or exits.
  if (t.t_post_sys) {
    t.t_post_sys = false;
    if (code === VFORK && r.error === 0 && r.rval2 === 0) yield* vfwait(r.rval1);
  }
  if (trace && ent.row.name !== 'exit') {
    const res = r.error ? `Err#${r.error} ${errno_name(r.error)}` : ent.row.nrval === 2 ? `${r.rval1} [${r.rval2}]` : `${r.rval1}`;
    trace(`${t.t_procp.p_pid}/${t.t_tid}:\t${call}\t= ${res}`);
  }
  return { ...r, nrval: ent.row.nrval };
}


/** The truss line of a fork child's first return to user mode. */
export function forkret_trace(pid: number, lwpid: number, name: string, ppid: number): string {
  return `${pid}/${lwpid}:\t${name}()\t(returning as child ...)\t= ${ppid}`;
}
