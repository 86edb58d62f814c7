/*
 * kernel/common/os/main.ts — the kernel instance: boot (process 0, then init as pid 1, as
 * uts/common/os/main.c does), the process table, and the machine loop that gives each CPU its
 * slice of the one cycle clock in a fixed order. Halts when init exits; init's exit status is
 * the machine's result.
 */

import type { Machine, Cpu } from '../../../hw/machine.ts';
import type { MachDep } from '../sys/machdep.ts';
import { Proc, SRUN, CLD_EXITED, CLD_KILLED, CLD_DUMPED } from '../sys/proc.ts';
import { KThread, TS_ONPROC, TS_ZOMB, T_BLOCK, T_PREEMPT, T_KPREEMPT, T_DEBUG, type KGen } from '../sys/thread.ts';
import { Lwp } from '../sys/klwp.ts';
import { Dispatcher } from '../disp/disp.ts';
import { RamFs } from '../fs/ramfs.ts';
import { set_current, curthread_or_null } from './kglobals.ts';
import { PidTable, default_var, type Var } from './pid.ts';
import { KMutex } from '../sys/mutex.ts';
import { sleep_timeout } from '../sys/condvar.ts';
import { TS_SLEEP } from '../sys/thread.ts';
import { TaskSys, task_attach } from './task.ts';
import { KCondvar, cv_timedwait_sig } from '../sys/condvar.ts';
import { mutex_enter, mutex_exit, mutex_tryenter, MUTEX_HELD } from '../sys/mutex.ts';
import { vm_of } from '../vm/vm_as.ts';
import { page_mem_avail } from '../vm/vm_page.ts';
import type { ProbeConsumer } from './probes.ts';
import { Lockstat } from './lockstat.ts';
import type { KdiHooks, KdiStop } from './kdi.ts';
import { proc_check } from './proc_check.ts';
import { ASSERT, VERIFY, KernelPanic, panic } from '../sys/debug.ts';
import { console_vnode, console_err_vnode } from '../fs/console_vn.ts';
import { falloc, FREAD, FWRITE } from '../fs/file.ts';
import { exec_image } from './exec.ts';
import { newproc } from './fork.ts';
import { lwp_main } from './lwp.ts';
import { sesscreate } from './pgrp.ts';
import { rctl_set_init } from './rctl.ts';
import { callout_expire, callout_next } from './callout.ts';
import { clock_itimers } from './timers.ts';

export interface KernelOptions {
  /** Stop the machine after this many cycles (runaway guard); 0 = no limit. */
  maxCycles?: number;
  /** Instructions per CPU slice. */
  slice?: number;
  /** Kernel messages (boot, panics) go here; default: nowhere. */
  log?: (line: string) => void;
  /** Instruction trace hook: called before each user instruction when set (slow). */
  trace?: (cpu: Cpu) => void;
  /**
   * TEST ONLY: skip cfork's flush_user_windows_to_stack(), to show that a deep call chain across
   * fork breaks without it (test/system/fork_flush.test.ts).
   */
  noForkFlush?: boolean;
  /** truss-style system call trace sink (--trace syscalls). */
  syscallTrace?: (line: string) => void;
  /** Scheduling seed: 0 = plain round robin; others perturb slice lengths and queue order. */
  seed?: number;
  /** Tunables (process table size, per-user limit). */
  v?: Partial<Var>;
  /** Gather lock statistics (--lockstat). */
  lockstat?: boolean;
  /**
   * BENCH ONLY: preemption points charge their cycles but never yield (the CPUs then interleave
   * only at slice ends and sleeps, as before kernel preemption existed); `npm run bench` compares.
   */
  nokpreempt?: boolean;
  /** --check: verify the process-table invariants (proc_check.ts) at every clock tick; panic on a violation. */
  check?: boolean;
  /**
   * TEST ONLY: lock sites whose mutex_enter/mutex_exit pairs are dropped, to show that each lock
   * the seed takes matters (test/system/lock_mutations.test.ts): 'getproc', 'cfork', 'fork_fail',
   * 'relvm', 'vfwait', 'exit', 'waitid'. See nolock() in kernel/common/sys/mutex.ts.
   */
  nolock?: string[];
  /** Realtime at boot, in seconds since 1970 (--date); default BOOT_EPOCH (os/timers.ts). */
  date?: number;
}

/** Lines the kernel message buffer keeps. */
const MSGBUF_LINES = 512;

/** Rounds with busy CPUs and no retired instruction before the kernel declares a livelock. */
const LIVELOCK_ROUNDS = 100_000;

/** How a halted machine ended. */
export interface HaltInfo {
  /**
   * 'exit' when init exited, 'maxcycles', 'panic', 'deadlock' (nothing runnable, nothing to wait
   * for); 'debug' when a debugger stop (kdi.ts) returned control: run() may be called again.
   */
  why: 'exit' | 'maxcycles' | 'panic' | 'deadlock' | 'debug';
  /** For 'exit': the wait code and data of init (CLD_EXITED + status, or CLD_KILLED + signal). */
  wcode: number;
  wdata: number;
  message: string;
}

export class Kernel {
  readonly machine: Machine;
  readonly md: MachDep;
  readonly fs = new RamFs();
  readonly disp = new Dispatcher();
  readonly opts: KernelOptions;
  /** The process table and pid allocator; pidlock protects it and the family links. */
  readonly pids: PidTable;
  readonly pidlock = new KMutex('pidlock');
  /** The active processes, newest first (practive; pidlock). */
  readonly practive: Proc[] = [];
  /** Processes per uid (upcount), total processes (nproc). */
  readonly upcount = new Map<number, number>();
  nproc = 0;
  /** Clock ticks since boot (lbolt) and threads in timed sleeps, by deadline. */
  lbolt = 0;
  private callouts: KThread[] = [];
  /** Tasks, projects and zones (counters). */
  readonly tasks = new TaskSys();
  /** Pool references and threads inside pool_barrier_enter/exit. */
  pool_ref = 0;
  pool_barrier = 0;
  /** CPU_STATS sys counters (summed over CPUs). */
  readonly cpu_stats = { sysfork: 0, sysvfork: 0, procovf: 0, syscall: 0 };
  /** Probe consumers (probes.ts). */
  probes?: ProbeConsumer[];
  /** Lock statistics (--lockstat), or null. */
  lockstat: Lockstat | null = null;
  /** The attached debugger's hooks (kdi.ts), and why the machine last stopped for it. */
  kdi: KdiHooks | null = null;
  kdi_stopped: KdiStop | null = null;
  /** The thread that panicked (for a debugger looking at the remains), or null. */
  panic_thread: KThread | null = null;
  /** Threads inside cfork and inside exit now, and the most seen at once (--stats). */
  readonly inside = { cfork: 0, exit: 0 };
  readonly inside_max = { cfork: 0, exit: 0 };
  /** Minimum free pages for a fork (tune.t_minarmem). */
  t_minarmem = 25;
  /** Deterministic PRNG state for --seed. */
  private rng: number;
  private nextdid = 1;
  /** Thread on each CPU, and the LWP whose context is loaded in each CPU's registers. */
  readonly cpu_thread: (KThread | null)[];
  readonly cpu_loaded: (Lwp | null)[];
  proc0!: Proc;
  initproc: Proc | null = null;
  halted: HaltInfo | null = null;
  /** Per-CPU slice length in instructions. */
  readonly slice: number;

  constructor(machine: Machine, md: MachDep, opts: KernelOptions = {}) {
    this.machine = machine;
    this.md = md;
    this.opts = opts;
    this.slice = opts.slice ?? 10_000;
    this.pids = new PidTable({ ...default_var(), ...(opts.v ?? {}) });
    this.rng = (opts.seed ?? 0) >>> 0;
    if (this.rng !== 0) this.disp.perturb = (n) => this.random(n);
    this.cpu_thread = machine.cpus.map(() => null);
    this.cpu_loaded = machine.cpus.map(() => null);
    if (opts.lockstat) this.lockstat = new Lockstat();
    this.nokpreempt = opts.nokpreempt === true;
  }

  /** Kernel messages, newest last (the console message buffer; ::msgbuf), at most MSGBUF_LINES. */
  readonly msgbuf: string[] = [];
  log(line: string): void {
    this.msgbuf.push(line);
    if (this.msgbuf.length > MSGBUF_LINES) this.msgbuf.shift();
    this.opts.log?.(line);
  }

  /** A deterministic pseudo-random number in [0, n) from the --seed stream (xorshift32). */
  random(n: number): number {
    let x = this.rng || 0x9e3779b9;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng % n;
  }

  /**
   * pidlock_held — ASSERT(MUTEX_HELD(&pidlock)) for the process-table helpers: true when the
   * current thread holds pidlock, or when there is no current thread (boot builds process 0).
   */
  pidlock_held(): boolean {
    return curthread_or_null() === null || MUTEX_HELD(this.pidlock);
  }

  /** Unlink p from practive (freeproc, a failed fork). Caller holds pidlock. */
  practive_remove(p: Proc): void {
    ASSERT(this.pidlock_held(), 'practive_remove: pidlock not held');
    const i = this.practive.indexOf(p);
    if (i >= 0) this.practive.splice(i, 1);
  }

  /** Next kernel thread id. */
  next_did(): number { return this.nextdid++; }

  /** upcount_get/inc/dec — processes per uid (caller holds pidlock). */
  upcount_get(uid: number): number { return this.upcount.get(uid) ?? 0; }
  upcount_inc(uid: number): void {
    ASSERT(this.pidlock_held(), 'upcount_inc: pidlock not held');
    this.upcount.set(uid, this.upcount_get(uid) + 1);
  }
  upcount_dec(uid: number): void {
    ASSERT(this.pidlock_held(), 'upcount_dec: pidlock not held');
    const n = this.upcount_get(uid) - 1;
    if (n <= 0) this.upcount.delete(uid); else this.upcount.set(uid, n);
  }

  /**
   * secpolicy_newproc — may p exceed the per-user process limit? forkvm has no privilege model:
   * only system processes and init may (so every user program meets v_maxup).
   */
  secpolicy_newproc(p: Proc): boolean { return (p.p_flag & 0x1) !== 0 || p === this.initproc; }

  /** page_mem_avail(tune.t_minarmem) — enough free memory for a new process. */
  page_mem_avail(): boolean { return page_mem_avail(vm_of(this).pages, this.t_minarmem); }

  /** pool_barrier_enter/exit — resource pools are not modelled beyond this count. */
  pool_barrier_enter(): void { this.pool_barrier++; }
  pool_barrier_exit(): void { this.pool_barrier--; }

  private delay_cv = new KCondvar('delay');
  /** delay — sleep the current thread for `ticks` clock ticks. */
  *delay(ticks: number): KGen {
    const m = this.pidlock_delay;
    yield* mutex_enter(m);
    yield* cv_timedwait_sig(this.delay_cv, m, this.lbolt + ticks, () => false);
    mutex_exit(m);
  }
  private pidlock_delay = new KMutex('callout_lock', 'delay_lock');

  /** Scheduling perturbation is on when a nonzero --seed was given. */
  get seeded(): boolean { return (this.opts.seed ?? 0) !== 0; }

  /** Register t's timed sleep (t.t_timeout is its deadline in ticks). */
  callout_add(t: KThread): void {
    this.callouts.push(t);
    this.callouts.sort((a, b) => a.t_timeout - b.t_timeout || a.t_did - b.t_did);
  }

  /** clock — one tick: lbolt, expired timed sleeps, time-slice end for running threads. */
  private clock_tick(): void {
    this.lbolt++;
    while (this.callouts.length > 0 && this.callouts[0].t_timeout <= this.lbolt) {
      const t = this.callouts.shift()!;
      if (t.t_state === TS_SLEEP && t.t_timeout > 0) sleep_timeout(t);
    }
    for (const t of this.cpu_thread) if (t) t.t_preempt = true;
    // The callout thread's work (timeout(9F) functions: alarms, interval and POSIX timers) and the
    // per-lwp CPU-time timers, as process 0's thread.
    set_current(this, this.t0);
    try { callout_expire(this); clock_itimers(this); } finally { set_current(this, null); }
    if (this.opts.check) {
      const bad = proc_check(this);
      if (bad.length > 0) panic('proc_check', '%s', bad.join('; '));
    }
  }

  /** Process 0 (sched) and its kernel thread t0: no address space, no user lwp. */
  t0!: KThread;
  boot(): void {
    const p0 = new Proc(0);
    this.proc0 = p0;
    this.pids.pid_assign(p0);
    p0.p_stat = SRUN;
    p0.p_flag |= 0x1; // SSYS
    p0.u_comm = 'sched';
    p0.p_rctls = rctl_set_init();
    task_attach(this.tasks.task0, p0);
    this.nproc = 1;
    this.practive.push(p0);
    this.upcount_inc(p0.p_uid);
    this.t0 = new KThread(this.next_did(), 0, p0, null);
    this.t0.t_state = TS_ONPROC;
    p0.p_threads.push(this.t0);
    sesscreate(p0);
  }

  /**
   * Start init (pid 1): newproc() from process 0, then the image `bytes` exec'd into it with
   * argv/envp and fds 0, 1, 2 on the console. Returns errno (0 = ok).
   */
  start_init(bytes: Uint8Array, argv: string[], envp: string[]): number {
    set_current(this, this.t0);
    try {
      const g = newproc((_p, t) => lwp_main(this, t), 'ts');
      let r = g.next();
      while (!r.done) {
        if (r.value === T_BLOCK) panic('start_init', 'newproc blocked at boot');
        r = g.next();
      }
      if (r.value !== 0) return r.value;
      const p = this.proc0.p_child[0];
      this.initproc = p;
      VERIFY(mutex_tryenter(this.pidlock), 'start_init: pidlock held at boot');
      sesscreate(p);
      mutex_exit(this.pidlock);
      const cons = console_vnode(this.machine.console);
      const f = falloc(cons, FREAD | FWRITE);
      f.f_count = 2;
      // fd 2 on the console's error port: guest stderr can go to host stderr.
      p.p_fds = [f, f, falloc(console_err_vnode(this.machine.console), FREAD | FWRITE)];
      p.p_fdflags = [0, 0, 0];
      const lwp = p.p_threads[0].t_lwp!;
      return exec_image(this, p, lwp, bytes, argv, envp);
    } finally {
      set_current(null, null);
    }
  }

  /**
   * Run the machine until it halts (init exited, a panic, the cycle limit, or nothing can run).
   * Each round gives every CPU one slice (round()), then advances the clock.
   */
  run(): HaltInfo {
    const m = this.machine;
    let idleRounds = 0, lastInsns = -1;
    try {
      while (!this.halted) {
        const busy = this.round();
        if (busy === null) return { why: 'debug', wcode: 0, wdata: 0, message: this.kdi_stopped?.detail ?? 'stopped' };
        // A kernel that keeps CPUs busy without retiring a single user instruction is stuck.
        const insns = m.instructions;
        if (busy && insns === lastInsns) {
          if (++idleRounds >= LIVELOCK_ROUNDS) {
            const on = this.cpu_thread.map((t) => t ? `${t.t_name} (wchan ${describe_wchan(t.t_wchan)})` : 'idle').join(', ');
            panic('run', 'livelock: no instruction retired in %d rounds; on CPU: %s; runnable: %s', LIVELOCK_ROUNDS, on,
              this.disp.runq.map((t) => t.t_name).join(', ') || 'none');
          }
        } else idleRounds = 0;
        lastInsns = insns;
        m.now += this.slice;
        if (m.clock.advance(m.now)) { m.clock.ack(); set_current(this, null); this.clock_tick(); }
        if (this.halted) break;
        if (this.kdi) {
          const st = this.kdi.round_end();
          if (st) { this.kdi_stopped = st; return { why: 'debug', wcode: 0, wdata: 0, message: st.detail }; }
        }
        if (!busy && this.disp.runq.length === 0) {
          const next_callout = callout_next(this);
          if (this.callouts.length > 0 || next_callout !== null) {
            // Idle until the next timed sleep ends or the next callout is due.
            const when = Math.min(this.callouts.length > 0 ? this.callouts[0].t_timeout : Infinity, next_callout ?? Infinity);
            while (this.lbolt < when) { m.now = m.clock.next; m.clock.advance(m.now); m.clock.ack(); set_current(this, null); this.clock_tick(); }
          } else {
            this.halt('deadlock', 0, 0, `deadlock: nothing runnable and init (pid 1) has not exited; sleeping: ${this.sleepers()}`);
          }
        }
      }
    } catch (e) {
      if (e instanceof KernelPanic) {
        if (process.env.FORKVM_DEBUG) console.error(e.stack);
        // The panicking thread's call chain, for a debugger looking at the remains (::findstack).
        const t = curthread_or_null();
        if (t) t.t_stack = e.stack ?? null;
        this.panic_thread = t;
        this.halt("panic", 0, 0, e.message);
      }
      else throw e;
    } finally {
      set_current(null, null);
      this.in_round = false;
    }
    return this.halted!;
  }

  /** BENCH ONLY (KernelOptions.nokpreempt): preemption points charge but never yield. */
  private nokpreempt = false;
  /** Cycles each CPU had when the current round began, and the CPUs that are done with it. */
  private readonly round_base: number[] = [];
  private readonly round_done: boolean[] = [];
  private in_round = false;
  /** A round left at a debugger stop: which CPUs have started, whether any was busy, and the CPU to resume. */
  private round_started: boolean[] = [];
  private round_busy = false;
  private round_resume = -1;

  /**
   * round — one slice for every CPU, interleaved by cycle count: the CPU furthest behind in the
   * round always goes next (ties: the lowest id; under --seed a random one of them). A CPU runs
   * until its slice is used, its thread blocks or exits, or its thread reaches a kernel preemption
   * point while another CPU is behind it (kpreempt: T_KPREEMPT); then it waits, still holding its
   * thread and whatever locks it has, until it is again the one furthest behind. User code runs in
   * whole slices between traps; kernel code between preemption points. Returns whether any CPU had
   * something to run, or null when a debugger stop interrupted the round (the next call goes on
   * with it, resuming the stopped CPU first, exactly where it was).
   */
  private round(): boolean | null {
    const cpus = this.machine.cpus;
    const n = cpus.length;
    const started = this.round_started;
    if (this.round_resume < 0) {
      for (let c = 0; c < n; c++) { this.round_base[c] = cpus[c].cycles; this.round_done[c] = false; started[c] = false; }
      this.round_busy = false;
    }
    this.in_round = true;
    try {
      while (!this.halted) {
        let c = this.round_resume;
        this.round_resume = -1;
        if (c < 0) {
          let best = Infinity, ties = 0;
          for (let d = 0; d < n; d++) {
            if (this.round_done[d]) continue;
            const p = cpus[d].cycles - this.round_base[d];
            if (p < best) { best = p; c = d; ties = 1; }
            else if (p === best && this.seeded && this.random(++ties) === 0) c = d;
          }
        }
        if (c < 0) break;
        const r = this.run_cpu(c, started[c]);
        started[c] = true;
        if (r === 'debug') { this.round_resume = c; this.round_busy = true; return null; }
        if (r !== 'paused') this.round_done[c] = true;
        if (r !== 'idle') this.round_busy = true;
      }
    } finally {
      this.in_round = false;
    }
    return this.round_busy;
  }

  /**
   * cpu_behind — is some other CPU still behind CPU `c` in this round (so that a kernel thread on
   * `c` at a preemption point must let it catch up)? False outside a round and with one CPU.
   */
  cpu_behind(c: number): boolean {
    if (!this.in_round || c < 0 || this.nokpreempt) return false;
    const cpus = this.machine.cpus;
    const mine = cpus[c].cycles - this.round_base[c];
    for (let d = 0; d < cpus.length; d++) {
      if (d !== c && !this.round_done[d] && cpus[d].cycles - this.round_base[d] < mine) return true;
    }
    return false;
  }

  /** Is CPU `c` still taking part in this round (not done with its slice)? */
  cpu_in_round(c: number): boolean { return this.in_round && c >= 0 && !this.round_done[c]; }

  /** cpu_now — machine time as CPU `c` sees it: the round's start plus its cycles in the round. */
  cpu_now(c: number): number {
    if (!this.in_round || c < 0) return this.machine.now;
    return this.machine.now + this.machine.cpus[c].cycles - this.round_base[c];
  }

  /** Threads asleep, for the deadlock message. */
  private sleepers(): string {
    const out: string[] = [];
    for (const p of this.pids.all()) for (const t of p.p_threads) if (t.t_state === TS_SLEEP) out.push(`${t.t_name} on ${describe_wchan(t.t_wchan)}`);
    return out.join(', ') || 'none';
  }

  /** Cycles charged on all CPUs. */
  cycles(): number { return this.machine.cpus.reduce((a, c) => a + c.cycles, 0); }

  /**
   * run_cpu — give CPU `c` its slice (`resume`: go on with the thread paused at a preemption point).
   * Returns 'idle' when it had nothing to run, 'paused' when its thread stopped at a preemption
   * point (it stays on the CPU), else 'done'.
   */
  private run_cpu(c: number, resume: boolean): 'idle' | 'done' | 'paused' | 'debug' {
    const cpu = this.machine.cpus[c];
    let t = this.cpu_thread[c];
    if (!resume) {
      if (t && t.t_state === TS_ZOMB) { this.cpu_thread[c] = null; if (t.t_lwp && this.cpu_loaded[c] === t.t_lwp) this.cpu_loaded[c] = null; t = null; }
      if (!t) {
        t = this.disp.disp(c);
        if (!t) return 'idle';
        this.cpu_thread[c] = t;
      }
      const lwp = t.t_lwp;
      if (lwp && this.cpu_loaded[c] !== lwp) {
        // Still loaded on the CPU it last ran on? Save it there first.
        const c2 = this.cpu_loaded.indexOf(lwp);
        if (c2 >= 0) { set_current(this, t); this.md.lwp_save(this.machine.cpus[c2], lwp); this.cpu_loaded[c2] = null; }
        const prev = this.cpu_loaded[c];
        if (prev) { set_current(this, prev.lwp_thread); this.md.lwp_save(cpu, prev); }
        set_current(this, t);
        this.md.lwp_load(cpu, lwp);
        this.cpu_loaded[c] = lwp;
      }
      const max = this.opts.maxCycles ?? 0;
      let budget = this.seeded ? this.slice / 2 + this.random(this.slice) : this.slice;
      if (max > 0) {
        const left = max - this.cycles();
        if (left <= 0) {
          this.halt('maxcycles', 0, 0, `stopped after ${max} cycles (--max-cycles)`);
          return 'done';
        }
        budget = Math.min(budget, left);
      }
      t.t_budget = budget;
      t.t_cpu = c;
    }
    if (!t) return 'idle';
    const lwp = t.t_lwp;
    set_current(this, t);
    // Microstate accounting: the slice's cycles are the lwp's; those not spent in user mode
    // (counted by user_run) are system time.
    const c0 = cpu.cycles, u0 = lwp ? lwp.lwp_ms_user : 0;
    const r = t.t_gen!.next();
    // The debugger's watch of memory (time travel's ::whowrote) sees each thread's run on its own.
    if (this.kdi) this.kdi.ran?.(t);
    if (lwp) lwp.lwp_ms_sys += (cpu.cycles - c0) - (lwp.lwp_ms_user - u0);
    let out: 'done' | 'paused' | 'debug' = 'done';
    if (!r.done && r.value === T_DEBUG) {
      out = 'debug';
    } else if (r.done || t.t_state === TS_ZOMB) {
      this.cpu_thread[c] = null;
      if (this.cpu_loaded[c] === lwp) this.cpu_loaded[c] = null;
    } else if (r.value === T_KPREEMPT) {
      out = 'paused';
    } else if (r.value === T_BLOCK) {
      // swtch(): the outgoing lwp's windows go to its stack.
      if (lwp) { this.md.lwp_save(cpu, lwp); this.cpu_loaded[c] = null; }
      this.cpu_thread[c] = null;
    } else if (r.value === T_PREEMPT) {
      if (t.t_preempt && this.disp.runq.length > 0) {
        t.t_preempt = false;
        this.disp.setbackdq(t);
        this.cpu_thread[c] = null;
      } else { t.t_preempt = false; t.t_state = TS_ONPROC; }
    }
    set_current(this, null);
    return out;
  }

  /** Record the halt. */
  halt(why: HaltInfo['why'], wcode: number, wdata: number, message: string): void {
    if (!this.halted && why !== 'exit') this.msgbuf.push(message);
    if (!this.halted) this.halted = { why, wcode, wdata, message };
  }

  /** Called by exit when a process becomes a zombie. */
  proc_exited(p: Proc): void {
    if (p === this.initproc) {
      this.halt('exit', p.p_wcode, p.p_wdata, `init exited (${p.p_wcode === CLD_EXITED ? 'status ' + p.p_wdata : 'signal ' + p.p_wdata})`);
    }
  }
}

/** The exit status a host command should return for a halt (128 + signal when killed). */
export function halt_exit_status(h: HaltInfo): number {
  if (h.why !== 'exit') return h.why === 'maxcycles' ? 124 : 70;
  if (h.wcode === CLD_EXITED) return h.wdata & 0xff;
  if (h.wcode === CLD_KILLED || h.wcode === CLD_DUMPED) return 128 + h.wdata;
  return 70;
}

function describe_wchan(w: unknown): string {
  if (w && typeof w === 'object') {
    const o = w as { cv_name?: string; m_name?: string };
    return o.cv_name ?? o.m_name ?? 'object';
  }
  return String(w);
}

