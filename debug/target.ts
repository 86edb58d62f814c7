/*
 * debug/target.ts — the debugged machine: a booted kernel run under the debugger's control through
 * the kernel/debugger interface (kernel/common/os/kdi.ts). It keeps the breakpoints (user code per
 * process, system call entry and return, proc::: probes, kernel function entries, trap types,
 * copy-on-write breaks, lock contention), instruction and cycle stepping, the event log (::events),
 * how each process was made (for ::forkgraph) and which image it runs (for user symbols), and it
 * runs the machine until the next stop. A stop changes nothing in the simulation: a scripted
 * session gives the same output every run. For time travel (debug/time_travel.ts) it also counts
 * the kernel's event points and each thread's user instructions, says where each stop is (a Place),
 * runs to a Goal, and can be re-attached to a freshly booted machine (attach).
 */

import type { Kernel, HaltInfo } from '../kernel/common/os/main.ts';
import type { Machine, Cpu } from '../hw/machine.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import type { KMutex } from '../kernel/common/sys/mutex.ts';
import type { SigInfo } from '../kernel/common/os/sig.ts';
import { kdi_attach, type KdiHooks, type KdiStop } from '../kernel/common/os/kdi.ts';
import { probe_enable, type ProbeEvent } from '../kernel/common/os/probes.ts';
import { vm_of } from '../kernel/common/vm/vm_as.ts';
import { trap_name, TT_DATA_ACCESS } from '../hw/sparc/trap_types.ts';
import { trap_name as x86_trap_name, VEC_PF } from '../hw/x86/trap_types.ts';
import type { SparcCpu } from '../hw/sparc/cpu.ts';
import type { X86Cpu } from '../hw/x86/cpu.ts';
import { RamFile } from '../kernel/common/fs/ramfs.ts';
import { elf_symbols } from '../kernel/common/exec/elf_sym.ts';
export { elf_symbols, type SymTab } from '../kernel/common/exec/elf_sym.ts';

/** One breakpoint. `what` is its kind's subject: an address, a syscall, probe, function, trap, lock. */
export interface Bp {
  id: number;
  kind: 'addr' | 'syscall' | 'probe' | 'fbt' | 'trap' | 'cow' | 'lock' | 'watch';
  what: string;
  addr: number;
  /** A watchpoint's length in bytes and what it watches: 1 loads, 2 stores, 3 both (0 for the others). */
  len: number;
  rw: number;
  /** Processes it applies to (addr breakpoints with -p), null = all; follows forks with -f. */
  pids: Set<number> | null;
  follow: boolean;
  /** Only on this CPU (-c), or -1. */
  cpu: number;
  enabled: boolean;
  hits: number;
  /** A temporary breakpoint (::step over) is deleted when hit. */
  temp: boolean;
}

/** One logged event (::events): its text, or (traps, the most frequent) the parts to make it from. */
export interface Event { cycle: number; cpu: number; what: string | null; pid: number; tid: number; tt: number; pc: number }

/** The text of an event. */
export function event_text(e: Event): string {
  return e.what ?? `${e.pid}/${e.tid} trap ${trap_name(e.tt)} pc ${hex(e.pc)}`;
}

/** How a process came to be (::forkgraph). */
export interface Birth { how: string; cycle: number; ppid: number }

const EVENTS_KEPT = 1000;

/**
 * Goal — a point of a run, as a recipe for reaching it again in a re-execution from boot:
 * 'boot' before the first instruction; 'insn' right after the instruction that makes the machine's
 * retired-instruction count (all CPUs) reach g; 'event' at the kernel's event point number e (see
 * DebugTarget.ev); 'bpt' at the user breakpoint fetch of pc with counts g and e; 'thread' when the
 * lwp pid/tid has retired n user instructions (n 0: before its first); 'cycle' at the first
 * instruction boundary at which the machine cycle (now()) is at least c; 'end' where it halts.
 */
export type Goal =
  | { kind: 'boot' }
  | { kind: 'insn'; g: number }
  | { kind: 'event'; e: number }
  | { kind: 'bpt'; g: number; e: number; pc: number }
  | { kind: 'thread'; pid: number; tid: number; n: number }
  | { kind: 'cycle'; c: number }
  | { kind: 'end' };

/**
 * Place — where a stop is: its Goal, the machine's retired instructions g and event points e there
 * (both only grow, so (g, e) orders places and checks a re-execution), the cycle, and the stop's text.
 */
export interface Place { goal: Goal; g: number; e: number; cycle: number; detail: string }

/** The step budget of a thread nobody steps while time travel counts instructions (effectively none). */
const COUNTING = 2 ** 48;
/** No SPARC instruction charges more cycles than this (IDXCYC is a Uint8Array): cycle goals never overshoot. */
const MAX_CPI = 255;

/** DebugTarget — one debugging session's machine. */
export class DebugTarget implements KdiHooks {
  readonly bps: Bp[] = [];
  private nextBp = 1;
  readonly events: Event[] = [];
  readonly births = new Map<number, Birth>();
  /** The image each process runs (its ELF bytes, for user symbols and ::dis). */
  readonly images = new Map<number, { path: string; bytes: Uint8Array }>();
  pending: KdiStop | null = null;
  /** Stop when a process is killed by a signal (--debug-on signal). */
  stop_on_signal = false;
  /** The current thread and CPU (set by a stop; ::thread and ::cpu change them). */
  cur_t: KThread | null = null;
  cur_cpu = 0;
  /** Host seconds and guest instructions spent running under the debugger (::status -v: MIPS). */
  run_seconds = 0;
  run_insns = 0;
  /** Set once the machine halted (exit, panic, deadlock, --max-cycles): it cannot go on. */
  halted: HaltInfo | null = null;
  /** Instruction stepping: the CPU and the instructions left; cycle stepping: the target time. */
  private step_cpu = -1;
  private step_thread: KThread | null = null;
  private step_left = 0;
  private cycles_until = -1;
  /** COW bookkeeping between a trap's entry and its end. */
  /**
   * The data fault each thread is in (per thread: traps on other CPUs come in between): the
   * system's copy-on-write count, the faulting page and its frame at trap entry, to report a
   * copy-on-write break at the trap's end.
   */
  private readonly trap_at = new Map<KThread, { cow: number; va: number; pfn: number }>();

  /** Kernel event points passed since boot (syscall entry/return, trap entry/end, fbt, lock contention, round end, probes). */
  ev = 0;
  /** User instructions each thread has retired (counted while a time-travel engine is attached). */
  readonly tcount = new Map<KThread, number>();
  /** Time travel: counting on; the goal to stop at; replaying (breakpoints report to on_hit instead of stopping). */
  counting = false;
  goal: Goal | null = null;
  goal_detail = '';
  goal_reached = false;
  replaying = false;
  on_hit: ((b: Bp, at: Place) => void) | null = null;
  /** Called at every instruction boundary and event point (::whowrote's value watch); `t` ran last. */
  value_watch: ((t: KThread | null, where: 'insns' | 'event' | 'ran') => void) | null = null;
  /** Per-thread budget override (::whowrote's fine pass): instructions t may run in one go, or 0 for no limit. */
  fine: ((t: KThread) => number) | null = null;
  /** Where the last stop is, and the place a hook decided it at. */
  here: Place = { goal: { kind: 'boot' }, g: 0, e: 0, cycle: 0, detail: "before init's first instruction" };
  private stop_place: Goal | null = null;
  /** The time-travel engine, when one is attached (debug/time_travel.ts). */
  travel: unknown = null;
  /** Called with each kernel this target is attached to (probe consumers of the gdb stub). */
  private readonly kernel_hooks: ((k: Kernel) => void)[] = [];

  k!: Kernel;
  m!: Machine<Cpu>;

  constructor(k: Kernel, m: Machine<Cpu>) {
    this.attach(k, m);
  }

  /**
   * attach — debug kernel k on machine m (at boot, or a re-execution's fresh machine): the event
   * log, births, images, counts and stop state start over; breakpoints are kept and loaded.
   */
  attach(k: Kernel, m: Machine<Cpu>): void {
    this.k = k; this.m = m;
    this.events.length = 0; this.births.clear(); this.images.clear(); this.tcount.clear();
    this.pending = null; this.halted = null; this.ev = 0;
    this.step_cpu = -1; this.step_thread = null; this.step_left = 0; this.cycles_until = -1;
    this.trap_at.clear(); this.stop_place = null;
    kdi_attach(k, this);
    probe_enable(k, (e) => this.probe(e));
    const init = k.initproc;
    this.cur_t = null; this.cur_cpu = 0;
    if (init) {
      const f = k.fs.lookup('/sbin/init');
      this.births.set(init.p_pid, { how: 'newproc', cycle: 0, ppid: 0 });
      if (f instanceof RamFile) this.images.set(init.p_pid, { path: '/sbin/init', bytes: f.data });
      this.cur_t = init.p_threads[0] ?? null;
    }
    for (const h of this.kernel_hooks) h(k);
    this.sync_hw();
  }

  /** on_kernel — call h with the kernel now and with every kernel attached later. */
  on_kernel(h: (k: Kernel) => void): void {
    this.kernel_hooks.push(h);
    h(this.k);
  }

  /** count_of — the user instructions thread t has retired (0 when not counting). */
  count_of(t: KThread): number { return this.tcount.get(t) ?? 0; }

  /** One kernel event point: count it, let the watch look, stop when it is the goal. */
  private event_point(t: KThread | null): KdiStop | null {
    this.ev++;
    if (this.value_watch) this.value_watch(t, 'event');
    const g = this.goal;
    if (g && g.kind === 'event' && this.ev === g.e) return this.reach(t);
    return null;
  }

  /** The goal is reached: the stop that says so. */
  private reach(t: KThread | null): KdiStop {
    const g = this.goal!;
    this.goal = null;
    this.goal_reached = true;
    this.stop_place = g;
    return this.stop(t, 'travel', this.goal_detail);
  }

  /** The place of the stop just made (`goal`: how it was decided). */
  private place(goal: Goal, detail: string): Place {
    return { goal, g: this.m.instructions, e: this.ev, cycle: this.now(), detail };
  }

  /** Machine time now: the cycles of the busiest CPU. */
  now(): number {
    let n = 0;
    for (const c of this.m.cpus) if (c.cycles > n) n = c.cycles;
    return n;
  }

  private log(cpu: number, what: string | null, pid = 0, tid = 0, tt = 0, pc = 0): void {
    const e = this.events.length >= EVENTS_KEPT ? this.events.shift()! : ({} as Event);
    e.cycle = this.now(); e.cpu = cpu; e.what = what; e.pid = pid; e.tid = tid; e.tt = tt; e.pc = pc;
    this.events.push(e);
  }

  private stop(t: KThread | null, kind: string, detail: string): KdiStop {
    return { kind, detail, t };
  }

  /** Enabled breakpoints of a kind that apply on thread t. */
  private matching(kind: Bp['kind'], t: KThread | null, test: (b: Bp) => boolean, at: Goal | null = null): Bp | null {
    for (const b of this.bps) {
      if (!b.enabled || b.kind !== kind || !test(b)) continue;
      if (t && b.cpu >= 0 && t.t_cpu !== b.cpu) continue;
      if (t && b.pids && !b.pids.has(t.t_procp.p_pid)) continue;
      if (this.replaying) {
        // A re-execution passes breakpoints without stopping; time travel may want to know where.
        this.on_hit?.(b, this.place(at ?? { kind: 'event', e: this.ev }, ''));
        return null;
      }
      this.stop_place = at ?? { kind: 'event', e: this.ev };
      b.hits++;
      if (b.temp) this.delete(b.id);
      return b;
    }
    return null;
  }

  // ---- KdiHooks --------------------------------------------------------------------------

  fbt(t: KThread, name: string): KdiStop | null {
    const r = this.event_point(t);
    if (r) return r;
    const b = this.matching('fbt', t, (x) => x.what === name);
    return b ? this.stop(t, 'fbt', `stop at ${name} (breakpoint ${b.id}): ${t.t_name} on cpu ${t.t_cpu}`) : null;
  }

  syscall(t: KThread, name: string, phase: 'entry' | 'return', detail: string): KdiStop | null {
    const r = this.event_point(t);
    if (r) return r;
    this.log(t.t_cpu, `${t.t_procp.p_pid}/${t.t_tid} syscall ${phase} ${phase === 'entry' ? detail : `${name} = ${detail}`}`);
    const b = this.matching('syscall', t, (x) => x.what === name);
    return b ? this.stop(t, 'syscall', `stop on ${name} ${phase} (breakpoint ${b.id}): ${t.t_name} ${detail}`) : null;
  }

  trap(t: KThread, tt: number, pc: number): KdiStop | null {
    const r = this.event_point(t);
    if (r) return r;
    // An i386 vector is named here (event_text names SPARC trap types).
    const x86 = this.m.config.isa === 'x86';
    this.log(t.t_cpu, x86 ? `${t.t_procp.p_pid}/${t.t_tid} trap ${x86_trap_name(tt)} pc ${hex(pc)}` : null, t.t_procp.p_pid, t.t_tid, tt, pc);
    // Remember the page a data fault is about, to report a copy-on-write break at the trap's end.
    const fault_va = x86 ? (tt === VEC_PF ? (this.m.cpus[t.t_cpu] as X86Cpu).cr2 : -1)
      : tt === TT_DATA_ACCESS ? (this.m.cpus[t.t_cpu] as SparcCpu).mmu.sfar >>> 0 : -1;
    const as = t.t_procp.p_as;
    if (fault_va >= 0 && as) {
      const va = fault_va - (fault_va % 4096);
      this.trap_at.set(t, { cow: vm_of(this.k).pages.p_anonstats.cow_copies, va, pfn: as.a_hat.getattr(va)?.pfn ?? -1 });
    } else this.trap_at.delete(t);
    const b = this.matching('trap', t, (x) => x.addr === tt);
    return b ? this.stop(t, 'trap', `stop on trap ${x86 ? x86_trap_name(tt) : trap_name(tt)} (breakpoint ${b.id}): ${t.t_name} pc ${hex(pc)}`) : null;
  }

  trap_done(t: KThread): KdiStop | null {
    const r = this.event_point(t);
    if (r) return r;
    const at = this.trap_at.get(t);
    if (!at) return null;
    this.trap_at.delete(t);
    const as = t.t_procp.p_as;
    const pfn = as ? (as.a_hat.getattr(at.va)?.pfn ?? -1) : -1;
    // A copy was made (by some CPU) and this thread's faulting page now has a new frame.
    if (vm_of(this.k).pages.p_anonstats.cow_copies === at.cow || at.pfn < 0 || pfn < 0 || pfn === at.pfn) return null;
    const what = `cow: pid ${t.t_procp.p_pid} va ${hex(at.va)} copied from pfn ${hex(at.pfn)} to pfn ${hex(pfn)}`;
    this.log(t.t_cpu, what);
    const b = this.matching('cow', t, () => true);
    return b ? this.stop(t, 'cow', `stop on copy-on-write break (breakpoint ${b.id}): ${what}`) : null;
  }

  ubpt(t: KThread, pc: number): KdiStop | null {
    const g = this.goal;
    if (g && g.kind === 'bpt' && g.pc === pc && g.g === this.m.instructions && g.e === this.ev) return this.reach(t);
    const b = this.matching('addr', t, (x) => x.addr === pc, { kind: 'bpt', g: this.m.instructions, e: this.ev, pc });
    if (!b) return null;
    const sym = this.usym(t.t_procp.p_pid, pc);
    return this.stop(t, 'addr', `stop at ${sym} (breakpoint ${b.id}): ${t.t_name} on cpu ${t.t_cpu}`);
  }

  /** The last watchpoint hit: the breakpoint and the address the access began at. */
  watch_hit: { bp: Bp; va: number } | null = null;

  watch(t: KThread, va: number, len: number, rw: number): KdiStop | null {
    const b = this.matching('watch', t, (x) => (x.rw & rw) !== 0 && va < x.addr + x.len && va + len > x.addr);
    if (!b) return null;
    this.watch_hit = { bp: b, va };
    return this.stop(t, 'watch', `stop on ${rw === 2 ? 'store to' : 'load from'} ${hex(va)} (watchpoint ${b.id} ${b.what}): ${t.t_name} pc ${this.usym(t.t_procp.p_pid, this.cpu_pc(t.t_cpu))}`);
  }

  /** Who intercepts signals at their delivery (the gdb stub for its inferiors), or null: none. */
  signal_hook: ((t: KThread, sig: number, info: SigInfo) => KdiStop | null) | null = null;

  signal(t: KThread, sig: number, info: SigInfo): KdiStop | null {
    return this.signal_hook ? this.signal_hook(t, sig, info) : null;
  }

  lock(t: KThread, m: KMutex, event: 'contend'): KdiStop | null {
    const r = this.event_point(t);
    if (r) return r;
    const b = this.matching('lock', t, (x) => x.what === m.m_name || x.what === m.m_class);
    if (!b) return null;
    return this.stop(t, 'lock', `stop on ${m.m_name} ${event} (breakpoint ${b.id}): ${t.t_name} wants it, ${m.m_owner?.t_name ?? 'nobody'} holds it`);
  }

  step_budget(t: KThread): number {
    const own = this.step_thread !== null ? (t === this.step_thread ? this.step_left : Infinity)
      : this.step_cpu >= 0 && t.t_cpu === this.step_cpu ? this.step_left : Infinity;
    if (!this.counting) return own;
    return Math.min(own, this.goal_budget(t));
  }

  /** Instructions t may run before it could pass the goal (COUNTING when the goal is elsewhere). */
  private goal_budget(t: KThread): number {
    let b = COUNTING;
    if (this.fine) { const f = this.fine(t); if (f > 0) b = f; }
    const g = this.goal;
    if (!g) return b;
    switch (g.kind) {
      case 'insn': return Math.min(b, Math.max(0, g.g - this.m.instructions));
      case 'thread':
        return t.t_procp.p_pid === g.pid && t.t_tid === g.tid ? Math.min(b, Math.max(0, g.n - this.count_of(t))) : b;
      case 'cycle': {
        const gap = g.c - this.now();
        return gap <= 0 ? 0 : Math.min(b, Math.max(1, Math.floor(gap / MAX_CPI)));
      }
      default: return b;
    }
  }

  /** Has a run of t just reached the goal (an instruction boundary goal)? */
  private goal_at_boundary(t: KThread): boolean {
    const g = this.goal;
    if (!g) return false;
    switch (g.kind) {
      case 'insn': return this.m.instructions >= g.g;
      case 'thread': return t.t_procp.p_pid === g.pid && t.t_tid === g.tid && this.count_of(t) >= g.n;
      case 'cycle': return this.now() >= g.c;
      default: return false;
    }
  }

  stepped(t: KThread, n: number): KdiStop | null {
    if (this.counting) {
      this.tcount.set(t, this.count_of(t) + n);
      if (this.value_watch) this.value_watch(t, 'insns');
      if (this.goal_at_boundary(t)) return this.reach(t);
    }
    if (this.step_thread !== null ? t !== this.step_thread : this.step_cpu < 0 || t.t_cpu !== this.step_cpu) return null;
    this.step_left -= n;
    if (this.step_left > 0) return null;
    this.step_cpu = -1;
    this.step_thread = null;
    this.stop_place = { kind: 'insn', g: this.m.instructions };
    return this.stop(t, 'step', `stepped: ${t.t_name} on cpu ${t.t_cpu} at ${this.usym(t.t_procp.p_pid, this.cpu_pc(t.t_cpu))}`);
  }

  /** The pc of CPU c (%pc on sparc, %eip on i386). */
  cpu_pc(c: number): number {
    const cpu = this.m.cpus[c];
    return (cpu.isa === 'x86' ? (cpu as X86Cpu).eip : (cpu as SparcCpu).pc) >>> 0;
  }

  ran(t: KThread): void {
    if (this.value_watch) this.value_watch(t, 'ran');
  }

  round_end(): KdiStop | null {
    const r = this.event_point(null);
    if (r) return r;
    if (this.cycles_until >= 0 && this.now() >= this.cycles_until) {
      this.cycles_until = -1;
      this.stop_place = { kind: 'event', e: this.ev };
      return this.stop(null, 'cycles', `stopped at cycle ${this.now()}`);
    }
    return null;
  }

  /** The probe consumer: logs, records births and images, and asks for a stop on a probe breakpoint. */
  private probe(e: ProbeEvent): void {
    const a = e.args;
    const reached = this.event_point(null);
    const desc = `${e.provider}:::${e.name} ${Object.entries(a).map(([k, v]) => `${k}=${v}`).join(' ')}`;
    let cpu = -1;
    const who = e.name === 'create' ? a.ppid : a.pid;
    const t = this.k.cpu_thread.find((x) => x !== null && x.t_procp.p_pid === who) ?? null;
    if (t) cpu = t.t_cpu;
    this.log(cpu, desc);
    if (e.name === 'create') {
      const pid = a.pid as number, ppid = a.ppid as number;
      this.births.set(pid, { how: String(a.how), cycle: this.now(), ppid });
      const img = this.images.get(ppid);
      if (img) this.images.set(pid, img);
      for (const b of this.bps) if (b.follow && b.pids?.has(ppid)) b.pids.add(pid);
    } else if (e.name === 'exec-success') {
      const f = this.k.fs.lookup(String(a.path));
      if (f instanceof RamFile) this.images.set(a.pid as number, { path: String(a.path), bytes: f.data });
    }
    const name = `${e.provider}:::${e.name}`;
    if (reached) { reached.t = t; this.pending = reached; return; }
    const b = this.matching('probe', null, (x) => x.what === name || x.what === e.name);
    if (b) this.pending = this.stop(t, 'probe', `stop on ${desc} (breakpoint ${b.id})`);
    else if (this.stop_on_signal && e.name === 'exit' && a.why !== 'exited' && !this.replaying) {
      this.stop_place = { kind: 'event', e: this.ev };
      this.pending = this.stop(t, 'signal', `stop: pid ${a.pid} ${a.why} by signal ${a.what}`);
    }
  }

  // ---- control -----------------------------------------------------------------------------

  /** add_bp — a new breakpoint; returns it. */
  add_bp(kind: Bp['kind'], what: string, addr: number, opts: { pids?: number[]; follow?: boolean; cpu?: number; temp?: boolean; len?: number; rw?: number } = {}): Bp {
    const b: Bp = {
      id: this.nextBp++, kind, what, addr, len: opts.len ?? 0, rw: opts.rw ?? 0, pids: opts.pids && opts.pids.length ? new Set(opts.pids) : null,
      follow: opts.follow ?? false, cpu: opts.cpu ?? -1, enabled: true, hits: 0, temp: opts.temp ?? false,
    };
    this.bps.push(b);
    this.sync_hw();
    return b;
  }

  /** delete — remove breakpoint `id`; false when there is none. */
  delete(id: number): boolean {
    const i = this.bps.findIndex((b) => b.id === id);
    if (i < 0) return false;
    this.bps.splice(i, 1);
    this.sync_hw();
    return true;
  }

  /** enable — turn breakpoint `id` on or off; false when there is none. */
  enable(id: number, on: boolean): boolean {
    const b = this.bps.find((x) => x.id === id);
    if (!b) return false;
    b.enabled = on;
    this.sync_hw();
    return true;
  }

  /** Load the user breakpoint addresses (and a time-travel goal's) and watched ranges into every CPU's breakpoint and watch units. */
  sync_hw(): void {
    const addrs = this.bps.filter((b) => b.enabled && b.kind === 'addr').map((b) => b.addr);
    if (this.goal?.kind === 'bpt') addrs.push(this.goal.pc);
    const w = this.bps.filter((b) => b.enabled && b.kind === 'watch').map((b) => ({ lo: b.addr, hi: b.addr + b.len, rw: b.rw }));
    // The i386 CPU has a breakpoint unit but no watch unit (the gdb stub refuses Z2-Z4 there).
    for (const c of this.m.cpus) {
      if (c.isa === 'x86') (c as X86Cpu).set_breakpoints(addrs);
      else { (c as SparcCpu).set_breakpoints(addrs); (c as SparcCpu).set_watchpoints(w); }
    }
  }

  /** go — run until the next stop or halt; returns the line that says why it stopped. */
  go(): string {
    if (this.halted) return `mdb: target has terminated (${this.halted.message})`;
    const i0 = this.m.instructions, t0 = process.hrtime.bigint();
    this.stop_place = null;
    const h = this.k.run();
    this.run_seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    this.run_insns += this.m.instructions - i0;
    if (h.why === 'debug') {
      const st = this.k.kdi_stopped;
      if (st?.t) { this.cur_t = st.t; this.cur_cpu = Math.max(0, st.t.t_cpu); }
      // A stop asked for by code outside the hooks (the gdb stub's exit probe): at the last event point.
      this.here = this.place(this.stop_place ?? { kind: 'event', e: this.ev }, st?.detail ?? 'stopped');
      return st?.detail ?? 'stopped';
    }
    this.halted = h;
    this.here = this.place({ kind: 'end' }, h.message);
    const pt = this.k.panic_thread;
    if (h.why === 'panic' && pt) { this.cur_t = pt; this.cur_cpu = Math.max(0, pt.t_cpu); }
    return h.why === 'exit' ? `target exited: ${h.message}` : `target stopped: ${h.message}`;
  }

  /** step — run until CPU `cpu` (or, given, thread `t` wherever it runs) has run `n` more user instructions. */
  step(cpu: number, n: number, t: KThread | null = null): string {
    this.step_cpu = t ? -1 : cpu;
    this.step_thread = t;
    this.step_left = n;
    const r = this.go();
    this.step_cpu = -1;
    this.step_thread = null;
    return r;
  }

  /**
   * step_arm — from the next go() on, stop once thread t has run n more user instructions, however
   * many go()s (run_cycles slices) that takes; t null disarms. A completed step disarms itself.
   */
  step_arm(t: KThread | null, n = 1): void {
    this.step_cpu = -1;
    this.step_thread = t;
    this.step_left = t ? n : 0;
  }

  /** run_cycles — run for about `n` more cycles (the stop comes at the end of a round). */
  run_cycles(n: number): string {
    this.cycles_until = this.now() + n;
    const r = this.go();
    this.cycles_until = -1;
    return r;
  }

  /** The user symbol for pc in process pid's image ("main+0x10"), else the hex address. */
  usym(pid: number, pc: number): string {
    const img = this.images.get(pid);
    if (!img) return hex(pc);
    const s = elf_symbols(img.bytes).lookup(pc);
    return s ? (s.off ? `${s.name}+0x${s.off.toString(16)}` : s.name) : hex(pc);
  }
}

/** An address in hex, as mdb prints a number. */
export function hex(v: number): string { return '0x' + (v >>> 0).toString(16); }
