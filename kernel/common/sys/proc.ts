/*
 * kernel/common/sys/proc.ts — the process (proc_t, uts/common/sys/proc.h) with the fields the
 * fork layer and its neighbours touch, and the u-area parts (user_t) folded in.
 * Lock map (as in proc.h): pidlock protects p_stat's SZOMB transition, p_parent/p_child/p_sibling/
 * p_orphan links, p_pgidp/p_sessp and the pid table; p_lock protects p_flag, p_tlist/p_lwpcnt/
 * p_lwpdir, signal state (p_sig, p_ignore, p_siginfo) and p_wcode/p_wdata until the zombie is reaped.
 */

import type { As } from '../vm/vm_as.ts';
import type { KThread } from './thread.ts';
import type { UFile } from '../fs/file.ts';
import type { RamDir } from '../fs/ramfs.ts';
import { KMutex } from './mutex.ts';
import { KCondvar } from './condvar.ts';

/** Process states (p_stat). */
export const SSLEEP = 1, SRUN = 2, SZOMB = 3, SSTOP = 4, SIDL = 5, SONPROC = 6;

/** Wait codes (p_wcode): CLD_EXITED 1, CLD_KILLED 2, CLD_DUMPED 3. */
export const CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5, CLD_CONTINUED = 6;

/** p_flag bits (proc.h). */
export const SSYS = 0x00000001, SEXITING = 0x00000002, SITBUSY = 0x00000004, SFORKING = 0x00000008,
  SWATCHOK = 0x00000010, SKILLED = 0x00000100, SSCONT = 0x00000200, SZONETOP = 0x00000400,
  SEXTKILLED = 0x00000800, SUGID = 0x00002000, SEXECED = 0x00004000, SJCTL = 0x00010000,
  SNOWAIT = 0x00020000, SVFORK = 0x00040000, SVFWAIT = 0x00080000, SEXITLWPS = 0x00100000,
  SHOLDFORK = 0x00200000, SHOLDFORK1 = 0x00800000, SCOREDUMP = 0x01000000, SMSACCT = 0x02000000,
  SLWPWRAP = 0x04000000, SAUTOLPG = 0x08000000, SNOCD = 0x10000000, SHOLDWATCH = 0x20000000,
  SMSFORK = 0x40000000, SDOCORE = 0x80000000;

/** Session (sess_t) and process group (struct pid used as a pgrp) — as far as pgjoin and waitpid need. */
export class Sess { s_sid: number; s_ref = 0; constructor(sid: number) { this.s_sid = sid; } }
export class Pgrp { pg_id: number; pg_members: Proc[] = []; constructor(id: number) { this.pg_id = id; } }

/** An lwp directory entry (lwpent_t): an lwp id and, while it is not a zombie, its thread. */
export interface LwpEnt { le_lwpid: number; le_thread: KThread | null; le_start: number }

export class Proc {
  p_pid: number;
  /** Slot in the process table (p_slot; /proc and pid_exit use it). */
  p_slot = -1;
  p_ppid = 0;
  p_ancpid = 0;
  p_parent: Proc | null = null;
  /** Children, newest first (p_child, p_sibling/p_psibling in Solaris). */
  p_child: Proc[] = [];
  /** Children that are not (yet) reaped and whose parent is this process: p_orphan chain. */
  p_orphan: Proc[] = [];
  p_stat = SIDL;
  p_flag = 0;
  p_lock: KMutex;
  /** Broadcast when a child changes state (p_cv in Solaris waits in waitid). */
  p_cv: KCondvar;
  /** holdlwps() waits here for the other lwps to stop (p_holdlwps)... */
  p_holdlwps: KCondvar;
  /** ...and the stopped lwps wait here until continuelwps() (separate, so they don't wake each other). */
  p_resume: KCondvar;
  /** vfork: the parent sleeps on this until the child execs or exits (vfwait). */
  p_vfcv: KCondvar;
  /** The lwp holding the others (holdlwps for fork, exitlwps), while SHOLDFORK/SHOLDFORK1/SEXITLWPS is set. */
  p_holder: KThread | null = null;
  p_as: As | null = null;
  /** Threads (p_tlist) and the lwp directory (p_lwpdir: lwp id → entry, zombies included). */
  p_threads: KThread[] = [];
  p_lwpdir = new Map<number, LwpEnt>();
  p_lwpdir_sz = 0;
  p_tidhash_sz = 0;
  /** Next lwp id (p_lwpid), live lwps, zombie lwps, daemons, lwps in lwp_wait. */
  p_lwpid = 0;
  p_lwpcnt = 0;
  p_zombcnt = 0;
  p_lwpdaemon = 0;
  p_lwpwait = 0;
  p_lwpdwait = 0;
  /** Exit status parts, as wstat() reads them. */
  p_wcode = 0;
  p_wdata = 0;
  /** Heap and stack (VmProc: p_brkbase, p_brksize, p_usrstack, p_stksize, p_stk_ctl). */
  p_brkbase = 0;
  p_brksize = 0;
  p_usrstack = 0;
  p_stksize = 0;
  p_stk_ctl = 0;
  /** Session and process group. */
  p_sessp: Sess | null = null;
  p_pgidp: Pgrp | null = null;
  /** Signals: pending for the process, ignored, and the disposition table (u_signal, u_sigmask). */
  p_sig = 0n;
  p_ignore = 0n;
  u_signal: number[] = [];
  u_sigmask: bigint[] = [];
  u_sigflags: number[] = [];
  /**
   * Job control: the stop signal the process is stopped by (0 = running), a stop or continue not
   * yet reported to waitid(WSTOPPED / WCONTINUED), and where stopped lwps sleep (p_stopcv).
   */
  p_jcstop = 0;
  p_wstop = 0;
  p_wcont = false;
  p_stopcv: KCondvar;
  /** SysV shm segments attached (p_segacct). */
  p_segacct: unknown[] = [];
  /** Resource controls (p_rctls): name → value. */
  p_rctls: Map<string, number> = new Map();
  /** Task, project and zone this process counts against. */
  p_task: unknown = null;
  /** Credentials: real and effective uid (cr_ruid, cr_uid). */
  p_uid = 0;
  /** Name for messages (u_comm) and the arguments (u_psargs). */
  u_comm = '';
  u_psargs = '';
  /** Start time in ticks (u_start), u_acflag (AFORK). */
  u_start = 0;
  u_acflag = 0;
  /** Open files (uf_entry array of the u-area) and their close-on-exec flags. */
  p_fds: (UFile | null)[] = [];
  p_fdflags: number[] = [];
  /**
   * CPU time (microstate accounting reduced to user and system): cycles of the lwps that have
   * exited (p_acct[LMS_USER], p_acct[LMS_SYSTEM]); at exit, the process's own plus its children's
   * times in ticks (p_utime, p_stime); reaped children's (p_cutime, p_cstime). p_lock.
   */
  p_acct_user = 0;
  p_acct_sys = 0;
  p_utime = 0;
  p_stime = 0;
  p_cutime = 0;
  p_cstime = 0;
  /** The alarm(2) callout (p_alarmid), the ITIMER_REAL callout and its value (p_itimerid, p_realitimer). p_lock. */
  p_alarmid = 0;
  p_itimerid = 0;
  p_realitimer: { interval_ns: number; deadline_ns: number } | null = null;
  /** POSIX timers (timer_create), by timer id (p_itimer; os/timer.ts). p_lock. */
  p_itimer: (unknown | null)[] = [];
  /**
   * Current directory (u_cdir), held (v_count) while it is; null means / (a process made before
   * any chdir). Relative paths start here. Inherited by fork (getproc's VN_HOLD), kept by exec.
   */
  u_cdir: RamDir | null = null;
  /** File mode creation mask (u_cmask). */
  u_cmask = 0o022;
  /**
   * Scheduling class and its parameters (t_cid and t_cldata, kept per process: priocntl sets
   * every lwp alike). TS [uprilim, upri]; RT [pri, tqsecs, tqnsecs]. Inherited by fork and exec.
   */
  p_cid = 1;
  p_clparms: number[] = [0, 0];
  /** Memory locked by mlockall/mlock (the as's a_flags AS_LOCKED / locked segment ranges, reduced). */
  p_mlockall = 0;
  p_mlocked: { addr: number; len: number }[] = [];
  /** The ISA-specific per-process data (utrap handlers on SPARC; unused so far). */
  p_md: unknown = null;

  /**
   * p_muststop — must lwp t, just woken from an interruptible sleep, stop in place before it goes
   * on (stop(PR_SUSPENDED) from issig in Solaris)? Yes while another lwp holds the process for
   * fork1, or t is lwp_suspend()ed; never once the process is exiting (SEXITLWPS: t must go on
   * to exit).
   */
  p_muststop(t: KThread): boolean {
    if (this.p_flag & SEXITLWPS) return false;
    return t.t_suspended || ((this.p_flag & SHOLDFORK1) !== 0 && this.p_holder !== t);
  }

  /** Name the process's locks and condition variables after its pid (pid_assign calls it). */
  p_named(pid: number): void {
    this.p_lock.m_name = `p_lock[${pid}]`;
    for (const cv of [this.p_cv, this.p_holdlwps, this.p_resume, this.p_stopcv, this.p_vfcv]) cv.cv_name = cv.cv_name.replace(/\[.*\]$/, `[${pid}]`);
  }

  constructor(pid: number) {
    this.p_pid = pid;
    this.p_lock = new KMutex('p_lock', `p_lock[${pid}]`);
    this.p_cv = new KCondvar(`p_cv[${pid}]`);
    this.p_holdlwps = new KCondvar(`p_holdlwps[${pid}]`);
    this.p_resume = new KCondvar(`p_resume[${pid}]`);
    this.p_stopcv = new KCondvar(`p_stopcv[${pid}]`);
    this.p_vfcv = new KCondvar(`p_vfcv[${pid}]`);
  }
}

/**
 * wstat — the wait status word for (code, data), as uts/common/os/exit.c builds it:
 * exited → (data & 0377) << 8, killed → sig, dumped → sig | 0200.
 */
export function wstat(code: number, data: number): number {
  switch (code) {
    case CLD_EXITED: return (data & 0xff) << 8;
    case CLD_KILLED: return data & 0x7f;
    case CLD_DUMPED: return (data & 0x7f) | 0x80;
    case CLD_STOPPED: case CLD_TRAPPED: return ((data & 0xff) << 8) | 0x7f;
    case CLD_CONTINUED: return 0xffff;
    default: return 0;
  }
}
