/*
 * boot/boot.ts — builds a machine and its kernel for the chosen ISA at run time: the Machine
 * (CPUs, memory, console, clock), the page allocator and HAT, the boot archive (userland/bin/<isa>/
 * plus any --fs DIR), process 0, and init (pid 1). `forkvm run` makes PROGRAM the init process.
 */

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine, DEFAULT_MEM, type IsaName, type Cpu } from '../hw/machine.ts';
import { SparcCpu } from '../hw/sparc/cpu.ts';
import type { JitTier } from '../hw/sparc/code_cache.ts';
import { X86Cpu } from '../hw/x86/cpu.ts';
import { disasm } from '../hw/x86/disasm.ts';
import type { ConsoleSink, ConsoleSource } from '../hw/dev/console.ts';
import { trace_record } from '../hw/sparc/trace.ts';
import { type KernelOptions, Kernel, halt_exit_status, type HaltInfo } from '../kernel/common/os/main.ts';
import { sparc_machdep, srmmu_init } from '../kernel/sparc/machdep.ts';
import { x86_machdep, i86_init } from '../kernel/x86/machdep.ts';
import type { MachDep } from '../kernel/common/sys/machdep.ts';
import type { HatSys } from '../kernel/common/vm/hat.ts';
import type { PagePool } from '../kernel/common/vm/vm_page.ts';
import { page_init } from '../kernel/common/vm/vm_page.ts';
import { vm_init } from '../kernel/common/vm/vm_as.ts';
import { elf_check } from '../kernel/common/exec/elf.ts';
import { RamFile } from '../kernel/common/fs/ramfs.ts';
import { errno_name } from '../kernel/common/sys/errno.ts';
import { fault_init, inject_arm } from '../kernel/common/os/fault_inject.ts';
import { probe_enable } from '../kernel/common/os/probes.ts';
import { leak_snapshot, leak_compare, type LeakSnapshot } from '../kernel/common/os/leak_check.ts';
import { proc_check } from '../kernel/common/os/proc_check.ts';
import { strict_enable } from '../kernel/common/os/strict_check.ts';
import { sig_name, SIGPIPE, SIGINT } from '../kernel/common/sys/signal.ts';
import { SI_USER } from '../kernel/common/os/sig.ts';
import { BadInput, fs_add_tree, BOOT_ARCHIVE_MAX } from './fs_load.ts';

export { BadInput };

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BootOptions {
  arch: IsaName;
  cpus: number;
  memBytes: number;
  /** Size limit of what is written to the guest file system in bytes (--tmp-size); default a quarter of memBytes. */
  tmpSize?: number;
  /** Extra host directories whose files are added to the guest root. */
  fsDirs: string[];
  /** Console output sink (default: none); answering false means its reader has gone (EPIPE). */
  sink?: ConsoleSink;
  /** Sink of the console's error port, the guest's fd 2 (default: `sink`). */
  errSink?: ConsoleSink;
  /** Console input pulled on demand (the CLI's stdin); without it, `stdin` or nothing. */
  stdinSource?: ConsoleSource;
  /** Keep console output for Machine.console.output() (tests). */
  capture?: boolean;
  /** Console input (closed after it). */
  stdin?: Uint8Array;
  maxCycles?: number;
  /** Trace each user instruction to this sink. */
  trace?: (line: string) => void;
  /** Kernel messages (stderr). */
  log?: (line: string) => void;
  slice?: number;
  /** Scheduling seed (0 = plain round robin). */
  seed?: number;
  /** Realtime at boot, seconds since 1970 (--date); the kernel's BOOT_EPOCH when absent. */
  date?: number;
  /** Fault-injection arms (--inject SITE[:N]). */
  inject?: { site: string; n: number }[];
  /** proc provider probes (--trace proc) and truss-style syscall lines (--trace syscalls). */
  traceProc?: (line: string) => void;
  traceSyscalls?: (line: string) => void;
  /** Leak check at halt (--check): RunResult.leaks lists what did not return to its boot value. */
  check?: boolean;
  /** --check=strict: also check the kernel's invariants at every return to user (strict_check.ts). */
  strict?: boolean;
  /** Run the image itself as init (pid 1) instead of through /sbin/init -c (forkvm boot does). */
  direct?: boolean;
  /** TEST ONLY: disable the window flush in cfork (see KernelOptions.noForkFlush). */
  noForkFlush?: boolean;
  /** TEST ONLY: lock sites whose enter/exit pairs are dropped (see KernelOptions.nolock). */
  nolock?: string[];
  /** BENCH ONLY: preemption points never yield (see KernelOptions.nokpreempt). */
  nokpreempt?: boolean;
  /** Gather lock statistics (--lockstat); the report is Kernel.lockstat. */
  lockstat?: boolean;
  /** The SPARC CPUs' execution tier (--jit; default: FORKVM_JIT or the built-in default, code_cache.ts). */
  jit?: JitTier;
  /** TEST ONLY: block entries before compiling (the code cache's hot threshold). */
  jitHot?: number;
  /** Tunables (process table size, per-user limit). */
  v?: KernelOptions['v'];
}

export const DEFAULT_BOOT: BootOptions = { arch: 'sparc', cpus: 2, memBytes: DEFAULT_MEM, fsDirs: [] };

export interface RunResult {
  /** Host exit status: the program's exit status, 128 + signal when killed. */
  status: number;
  halt: HaltInfo;
  instructions: number;
  cycles: number;
  seconds: number;
  /** With `check`: what leaked (empty = clean); undefined when the check was skipped. */
  leaks?: string[];
  /** With `check` on a machine that did not shut down (init did not exit): why it was skipped. */
  checkSkipped?: string;
  machine: Machine;
  kernel: Kernel;
}

/**
 * x86_trace_record — one --trace line for the i386 instruction at the CPU's eip: eip, the
 * disassembly (hw/x86/disasm.ts, read through the supervisor view of the user's page tables; an
 * instruction on a page not mapped yet, which its fetch will fault in, shows as `(not mapped)`),
 * and the eight registers and EFLAGS before it runs.
 */
export function x86_trace_record(cpu: X86Cpu): string {
  const pc = cpu.eip >>> 0;
  let unmapped = false;
  const insn = disasm((a) => { const b = cpu.peek8(a >>> 0); if (b < 0) unmapped = true; return b < 0 ? 0 : b; }, pc);
  const r = Array.from(cpu.regs, (v) => (v >>> 0).toString(16).padStart(8, '0')).join(' ');
  return `${pc.toString(16).padStart(8, '0')}  ${(unmapped ? '(not mapped)' : insn.text).padEnd(32)} ${r} efl=${(cpu.eflags >>> 0).toString(16)}\n`;
}

/** The per-ISA pieces boot_machine assembles: CPU factory, MachDep, HAT provider, trace line. */
interface IsaBoot {
  cpu: (mem: Machine['mem'], id: number) => Cpu;
  md: MachDep;
  hat: (machine: Machine, pool: PagePool) => HatSys;
  trace: (cpu: Cpu) => string;
}
const ISA_BOOT: Record<IsaName, IsaBoot> = {
  sparc: { cpu: (mem, id) => new SparcCpu(mem, id), md: sparc_machdep, hat: srmmu_init, trace: (c) => trace_record(c as SparcCpu) },
  x86: { cpu: (mem, id) => new X86Cpu(mem, id), md: x86_machdep, hat: i86_init, trace: (c) => x86_trace_record(c as X86Cpu) },
};

/** Build the machine and kernel (no process yet besides process 0). */
export function boot_machine(o: BootOptions): { machine: Machine; kernel: Kernel } {
  const isa = ISA_BOOT[o.arch];
  if (!isa) throw new Error(`architecture ${o.arch} is not supported`);
  const machine = new Machine<Cpu>({ isa: o.arch, cpus: o.cpus, memBytes: o.memBytes },
    // --jit picks the SPARC CPU's execution tier; the i386 CPU has its interpreter only.
    o.arch === 'sparc' ? (mem, id) => {
      const c = new SparcCpu(mem, id);
      if (o.jit !== undefined) c.jit = o.jit;
      if (o.jitHot !== undefined) c.cc.hot = o.jitHot;
      return c;
    } : isa.cpu,
    o.sink ?? null, o.capture ?? false);
  if (o.errSink) machine.console.errSink = o.errSink;
  if (o.stdinSource) machine.console.source = o.stdinSource;
  else if (o.stdin) machine.console.feed(o.stdin, true);
  else machine.console.closeInput();
  const trace = o.trace;
  // --check=strict keeps the last system calls for its panic message (bound once the kernel exists).
  let ring: ((line: string) => void) | null = null;
  const tsys = o.traceSyscalls;
  const syscallTrace = o.strict ? (line: string) => { ring?.(line); tsys?.(line); } : tsys;
  const kernel = new Kernel(machine, isa.md, {
    maxCycles: o.maxCycles, log: o.log, slice: o.slice, seed: o.seed, date: o.date, syscallTrace, noForkFlush: o.noForkFlush,
    nolock: o.nolock, lockstat: o.lockstat, v: o.v, check: o.check, nokpreempt: o.nokpreempt,
    trace: trace ? (cpu) => trace(isa.trace(cpu)) : undefined,
  });
  if (o.strict) ring = strict_enable(kernel);
  const pool = page_init(machine.mem, 64 * 1024);
  const hs = isa.hat(machine, pool);
  vm_init(kernel, pool, hs);
  fault_init(kernel, pool);
  if (o.traceProc) {
    const sink = o.traceProc;
    probe_enable(kernel, (e) => sink(`proc:::${e.name} ${Object.entries(e.args).map(([k, v]) => `${k}=${v}`).join(' ')}`));
  }
  kernel.boot();
  const bindir = join(ROOT, 'userland', 'bin', o.arch);
  if (existsSync(bindir)) {
    for (const name of readdirSync(bindir).sort()) {
      const data = new Uint8Array(readFileSync(join(bindir, name)));
      kernel.fs.addFile(name === 'init' ? '/sbin/init' : '/bin/' + name, data);
    }
  }
  kernel.fs.mkdirp('/tmp');
  kernel.fs.space.limit = o.tmpSize ?? Math.floor(o.memBytes / 4);
  const budget = { left: BOOT_ARCHIVE_MAX };
  for (const d of o.fsDirs) fs_add_tree(kernel.fs, d, budget);
  return { machine, kernel };
}

/**
 * report_killed — when the program (pid `pid`, or the first process to exec `path` when pid is
 * -1) dies of a signal, log one line as a shell or qemu-user would:
 * `forkvm: pid 2 (/bin/x) killed by SIGSEGV at pc 0x10234, addr 0x0` (the address for faults,
 * `sent by pid N` for a signal sent with kill); nothing for SIGPIPE and SIGINT. Built from the
 * proc:::exec-success, signal-handle and exit probes.
 */
function report_killed(k: Kernel, log: (line: string) => void, pid: number, path: string): void {
  let last: Record<string, unknown> | null = null;
  const hex = (v: unknown) => '0x' + (Number(v) >>> 0).toString(16);
  probe_enable(k, (e) => {
    const a = e.args;
    if (e.name === 'exec-success' && (pid === -1 ? a.path === path : a.pid === pid)) { pid = a.pid as number; path = String(a.path); }
    if (a.pid !== pid) return;
    if (e.name === 'signal-handle') last = a;
    if (e.name === 'exit' && a.why !== 'exited') {
      const sig = Number(a.what);
      // As shells do: a reader that went away (SIGPIPE) or an interrupt (SIGINT) needs no words.
      if (sig === SIGPIPE || sig === SIGINT) return;
      let line = `forkvm: pid ${pid} (${path}) killed by ${sig_name(sig)}`;
      const h = last !== null && last.sig === sig ? last : null;
      if (h?.pc !== undefined) line += ` at pc ${hex(h.pc)}`;
      if (h?.addr !== undefined) line += `${h.pc !== undefined ? ',' : ' at'} addr ${hex(h.addr)}`;
      else if (h?.code === SI_USER && h.sender !== undefined) line += `, sent by pid ${h.sender}`;
      log(line);
    }
  });
}

/**
 * Boot and run `image` with argv; returns when the machine halts. The program runs the way
 * `forkvm run` runs it: /sbin/init starts (`init -c /bin/NAME ARGS...`), forks, and execs the
 * program, which is added to the guest as /bin/NAME (NAME = basename of argv[0]); init reaps
 * orphans and exits with the program's status. With `direct` (or no /sbin/init in the boot
 * archive) the image itself is init, pid 1. Fault injection (`inject`) is armed when the program
 * starts, so SITE:N counts the program's own hits.
 */
export function run_image(o: BootOptions, image: Uint8Array, argv: string[], envp: string[] = []): RunResult {
  const st = start_image(o, image, argv, envp);
  const t0 = process.hrtime.bigint();
  const halt = st.kernel.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return finish_image(st, halt, seconds);
}

/** A machine booted with init started, not yet run (start_image). */
export interface Started { machine: Machine<Cpu>; kernel: Kernel; before: LeakSnapshot | null }

/**
 * start_image — everything run_image does before running the machine: boot, add the program,
 * start init (or the program itself, with `direct`), arm fault injection. `forkvm debug` starts
 * this way and runs the machine under its own control. Throws BadInput as run_image does.
 */
export function start_image(o: BootOptions, image: Uint8Array, argv: string[], envp: string[] = []): Started {
  const why = elf_check(image, o.arch);
  if (why) throw new BadInput(why);
  const { machine, kernel } = boot_machine(o);
  const before = o.check ? leak_snapshot(kernel) : null;
  const initFile = kernel.fs.lookup('/sbin/init');
  const direct = o.direct || !(initFile instanceof RamFile);
  const arm = () => {
    for (const a of o.inject ?? []) {
      const e = inject_arm(kernel, a.site, a.n);
      if (e) throw new BadInput(e);
    }
  };
  if (o.log) report_killed(kernel, o.log, direct ? 1 : -1, direct ? (argv[0] ?? 'a.out') : '/bin/' + ((argv[0] ?? 'a.out').split('/').pop() || 'a.out'));
  let err: number;
  if (direct) {
    err = kernel.start_init(image, argv, envp);
    if (!err) arm();
  } else {
    const name = (argv[0] ?? 'a.out').split('/').pop() || 'a.out';
    const path = '/bin/' + name;
    kernel.fs.addFile(path, image);
    if (o.inject?.length) {
      let armed = false;
      probe_enable(kernel, (e) => {
        if (!armed && e.name === 'exec-success' && e.args.path === path) { armed = true; arm(); }
      });
    }
    err = kernel.start_init((initFile as RamFile).data, ['/sbin/init', '-c', path, ...argv.slice(1)], envp);
  }
  if (err) throw new BadInput(`cannot start ${argv[0]}: ${errno_name(err)}`);
  return { machine, kernel, before };
}

/** finish_image — the RunResult of a started machine that halted (leak check included). */
export function finish_image(st: Started, halt: HaltInfo, seconds: number): RunResult {
  const { machine, kernel, before } = st;
  // The leak check compares a shut-down machine with its boot state; a machine stopped by
  // --max-cycles, a panic or a deadlock still holds what its processes hold, so it is skipped.
  const shutdown = halt.why === 'exit';
  const leaks = before && shutdown ? [...leak_compare(before, leak_snapshot(kernel)), ...proc_check(kernel).map((v) => `invariant: ${v}`)] : undefined;
  return {
    leaks,
    checkSkipped: before && !shutdown ? `the machine did not shut down (${halt.why === 'maxcycles' ? 'stopped by --max-cycles' : halt.why})` : undefined,
    status: halt_exit_status(halt), halt, instructions: machine.instructions, cycles: kernel.cycles(),
    seconds, machine, kernel,
  };
}


