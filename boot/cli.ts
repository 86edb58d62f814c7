/*
 * boot/cli.ts — the `forkvm` command line: boot, run, cc. Program output goes to stdout; boot,
 * kernel and statistics messages to stderr. Bad input gets one line on stderr and exit status 2,
 * never a stack trace.
 */

import { readFileSync, existsSync, statSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { start_image, finish_image, BadInput, DEFAULT_BOOT, ROOT, type BootOptions, type RunResult, type Started } from './boot.ts';
import { read_host_file } from './fs_load.ts';
import { fd_sink, fd_source, host_arg_bytes } from './host_io.ts';
import type { DebugIo } from '../debug/repl.ts';
import type { DebugTarget as DebugTargetT } from '../debug/target.ts';
import type { IsaName } from '../hw/machine.ts';
import type { ConsoleSource } from '../hw/dev/console.ts';
import { fault_parse } from '../kernel/common/os/fault_inject.ts';
import { vm_of } from '../kernel/common/vm/vm_as.ts';
import { lockstat_report } from '../kernel/common/os/lockstat.ts';
import { parse_jit, jit_env_error } from '../hw/sparc/code_cache.ts';

const USAGE = `usage: forkvm boot [--arch sparc|x86] [--cpus N] [--mem SIZE] [--tmp-size SIZE] [--seed N] [--jit off|bb] [--date WHEN] [--stats] [--lockstat]
                   [--trace [proc|syscalls|insn]] [--check[=strict]] [--max-cycles N] [--gdb [HOST:]PORT [--gdb-wait]]
       forkvm run [--arch sparc|x86] [--cpus N] [--mem SIZE] [--tmp-size SIZE] [--seed N] [--jit off|bb] [--date WHEN] [--fs DIR] [--stats] [--lockstat]
                  [--trace [proc|syscalls|insn]] [--check[=strict]] [--inject SITE[:N]] [--max-cycles N]
                  [--gdb [HOST:]PORT [--gdb-wait]] PROGRAM [ARGS...]
       forkvm debug [--arch sparc|x86] [--cpus N] [--mem SIZE] [--seed N] [--jit off|bb] [--date WHEN] [--fs DIR] [--lockstat] [--script FILE] [-e CMDS]
                    [--gdb [HOST:]PORT] [PROGRAM [ARGS...]]
       forkvm gdbinit [--arch sparc|x86] [[HOST:]PORT] [PROGRAM]
       forkvm cc [--arch sparc|x86] [-c] [-o OUT] [gcc options] FILE.c|.S|.o|.a...
       (--date: the guest's realtime at boot, UTC: YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS[Z] or @SECONDS; default 2006-01-01)
       (boot and run also take --debug-on panic|deadlock|signal)
       (run --gdb: stop PROGRAM at its entry point and serve one gdb at a time on HOST:PORT, loopback by default;
        --gdb-wait, boot --gdb and debug --gdb: stop before init's first instruction, init the first inferior;
        debug --gdb: the mdb session goes on where gdb detached; gdbinit: print the gdb commands to attach)`;

class Usage extends Error {}

/**
 * Parse a memory size: bytes, or a number with K, M or G (binary units, optional "iB"/"B"), in
 * [min, max] and a multiple of 4K (`flag` names it in messages; --mem by default: 1M..1G).
 */
export function parse_size(s: string, flag = '--mem', min = 1 << 20, max = 1 << 30): number {
  const m = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(s.trim());
  if (!m) throw new Usage(`bad ${flag} size '${s}' (use e.g. 64M)`);
  const mult = { '': 1, k: 1024, m: 1 << 20, g: 1 << 30 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = Number(m[1]) * mult;
  const show = (b: number) => (b >= 1 << 30 ? `${b / (1 << 30)}G` : b >= 1 << 20 ? `${b / (1 << 20)}M` : `${b / 1024}K`);
  if (n < min || n > max || n % 4096 !== 0) throw new Usage(`${flag} ${s}: size must be ${min === 0 ? '0' : show(min)}..${show(max)}, a multiple of 4K`);
  return n;
}

/** The largest boot date a 32-bit time_t can hold (2038-01-19T03:14:07Z). */
const DATE_MAX = 0x7fffffff;

/**
 * parse_date — a --date value: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z] (UTC) or @SECONDS since
 * 1970, from 1970-01-01 to 2038-01-19T03:14:07 (a 32-bit time_t); returns seconds since 1970.
 */
export function parse_date(s: string): number {
  let n: number;
  const at = /^@(\d+)$/.exec(s);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?Z?)?$/.exec(s);
  if (at) n = Number(at[1]);
  else if (m) {
    const [y, mo, d, h = 0, mi = 0, se = 0] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    const ms = Date.UTC(y, mo - 1, d, h, mi, se);
    const back = new Date(ms);
    // Date.UTC rolls 2006-02-30 over into March: refuse a day, hour or minute out of range.
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
      throw new Usage(`--date ${s}: no such date or time`);
    }
    n = ms / 1000;
  } else throw new Usage(`bad --date '${s}' (use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or @SECONDS)`);
  if (n < 0 || n > DATE_MAX) throw new Usage(`--date ${s}: must be 1970-01-01..2038-01-19T03:14:07 (a 32-bit time_t)`);
  return n;
}

function parse_int(flag: string, s: string | undefined, min: number, max: number): number {
  if (s === undefined || !/^\d+$/.test(s)) throw new Usage(`${flag} needs a number`);
  const n = Number(s);
  if (n < min || n > max) throw new Usage(`${flag} ${s}: must be ${min}..${max}`);
  return n;
}

interface Parsed {
  opts: BootOptions; stats: boolean; trace: Set<string>; check: boolean; rest: string[];
  /** debug: -e commands and --script files; boot/run: --debug-on events. */
  e: string[]; scripts: string[]; debugOn: Set<string>;
  /** --gdb [HOST:]PORT, and --gdb-wait (stop before init's first instruction). */
  gdb: { host: string; port: number } | null;
  gdbWait: boolean;
}

/** What --debug-on can stop at. */
const DEBUG_ON = ['panic', 'deadlock', 'signal'];

/** What --trace can show: instructions (the default), proc probes, truss-style system calls. */
const TRACE_KINDS = ['insn', 'proc', 'syscalls'];

/** Parse the flags of boot/run up to the first non-flag argument. */
function parse_flags(cmd: string, args: string[]): Parsed {
  const opts: BootOptions = { ...DEFAULT_BOOT, fsDirs: [] };
  let stats = false, check = false;
  const trace = new Set<string>();
  const e: string[] = [], scripts: string[] = [], debugOn = new Set<string>();
  let gdb: Parsed['gdb'] = null;
  let gdbWait = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--') { i++; break; }
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => { const v = inline ?? args[++i]; if (v === undefined) throw new Usage(`${flag} needs a value`); return v; };
    // A switch takes no value: `--stats=1` or `--check=no` is refused rather than read as on.
    const novalue = () => { if (inline !== undefined) throw new Usage(`${flag} takes no value (got '${flag}=${inline}')`); };
    switch (flag) {
      case '--arch': {
        const v = val();
        if (v !== 'sparc' && v !== 'x86' && v !== 'i386') throw new Usage(`unknown architecture '${v}' (sparc or x86)`);
        opts.arch = (v === 'i386' ? 'x86' : v) as IsaName;
        break;
      }
      case '--cpus': opts.cpus = parse_int('--cpus', val(), 1, 64); break;
      case '--mem': opts.memBytes = parse_size(val()); break;
      case '--tmp-size': opts.tmpSize = parse_size(val(), '--tmp-size', 0, 1 << 30); break;
      case '--max-cycles': opts.maxCycles = parse_int('--max-cycles', val(), 1, Number.MAX_SAFE_INTEGER); break;
      case '--stats': novalue(); stats = true; break;
      case '--lockstat': novalue(); opts.lockstat = true; break;
      case '--trace': {
        const v = inline ?? (TRACE_KINDS.includes(args[i + 1]) ? args[++i] : 'insn');
        for (const kind of v.split(',')) {
          if (!TRACE_KINDS.includes(kind)) throw new Usage(`--trace ${kind}: use one of ${TRACE_KINDS.join(', ')}`);
          trace.add(kind);
        }
        break;
      }
      case '--seed': opts.seed = parse_int('--seed', val(), 0, 0xffffffff); break;
      case '--jit': {
        const v = val();
        try { opts.jit = parse_jit(v); } catch (err) { throw new Usage(`--jit ${v}: ${(err as Error).message}`); }
        break;
      }
      case '--date': opts.date = parse_date(val()); break;
      case '--check':
        // --check=strict adds the invariant checks at every return to user; no other value.
        if (inline === 'strict') { opts.strict = true; check = true; break; }
        novalue(); check = true; break;
      case '--inject': {
        if (cmd !== 'run') throw new Usage(`unknown flag '${flag}' for ${cmd}`);
        const f = fault_parse(val());
        if ('error' in f) throw new Usage(f.error);
        (opts.inject ??= []).push(f);
        break;
      }
      case '-e': if (cmd !== 'debug') throw new Usage(`unknown flag '${flag}'`); e.push(val()); break;
      case '--script': {
        if (cmd !== 'debug') throw new Usage(`unknown flag '${flag}' for ${cmd}`);
        const f = val();
        if (!existsSync(f) || !statSync(f).isFile()) throw new BadInput(`--script ${f}: no such file`);
        scripts.push(f);
        break;
      }
      case '--debug-on': {
        if (cmd === 'debug') throw new Usage(`unknown flag '${flag}' for ${cmd}`);
        for (const w of val().split(',')) {
          if (!DEBUG_ON.includes(w)) throw new Usage(`--debug-on ${w}: use one of ${DEBUG_ON.join(', ')}`);
          debugOn.add(w);
        }
        break;
      }
      case '--gdb-wait':
        if (cmd === 'debug') throw new Usage(`unknown flag '${flag}' for ${cmd} (debug --gdb always stops before init's first instruction)`);
        novalue(); gdbWait = true; break;
      case '--gdb': {
        const v = val();
        const m = /^(?:(.*):)?(\d{1,5})$/.exec(v);
        if (!m || Number(m[2]) > 65535) throw new Usage(`--gdb ${v}: use [HOST:]PORT`);
        gdb = { host: m[1] || '127.0.0.1', port: Number(m[2]) };
        break;
      }
      case '--fs': {
        if (cmd !== 'run' && cmd !== 'debug') throw new Usage(`unknown flag '${flag}' for ${cmd}`);
        const d = val();
        if (!existsSync(d) || !statSync(d).isDirectory()) throw new BadInput(`--fs ${d}: not a directory`);
        opts.fsDirs.push(d);
        break;
      }
      default: throw new Usage(`unknown flag '${flag}'`);
    }
  }
  if (gdbWait && !gdb) throw new Usage('--gdb-wait needs --gdb [HOST:]PORT');
  if (gdb && debugOn.size > 0) throw new Usage('--gdb and --debug-on cannot be used together');
  // The gdb stub and the mdb debugger serve both ISAs (debug/gdb_arch.ts; dcmds that read SPARC
  // state refuse on x86 in one line: debug/mdb.ts sparc_only).
  const envError = jit_env_error();
  if (envError !== null) throw new Usage(envError);
  return { opts, stats, trace, check, rest: args.slice(i), e, scripts, debugOn, gdb, gdbWait };
}

/** Instruction-trace output, written to stderr in 64 KiB blocks (one write per record is slow). */
let trace_buf: string[] = [];
let trace_len = 0;
function trace_out(s: string): void {
  trace_buf.push(s);
  trace_len += s.length;
  if (trace_len >= 65536) trace_flush();
}
/** Trace records go to stderr to completion (a pipe may take a block in parts, or say EAGAIN). */
const trace_sink = fd_sink(2);
function trace_flush(): void {
  if (trace_len === 0) return;
  const b = Buffer.from(trace_buf.join(''), 'latin1');
  trace_buf = [];
  trace_len = 0;
  trace_sink(b);
}

function print_stats(r: RunResult): void {
  trace_flush();
  const mips = r.seconds > 0 ? r.instructions / r.seconds / 1e6 : 0;
  process.stderr.write(`forkvm: instructions ${r.instructions}, cycles ${r.cycles}, host seconds ${r.seconds.toFixed(3)}, MIPS ${mips.toFixed(1)}\n`);
  const st = r.kernel.cpu_stats;
  const an = vm_of(r.kernel).pages.p_anonstats;
  process.stderr.write(`forkvm: syscalls ${st.syscall}, forks ${st.sysfork}, vforks ${st.sysvfork}, COW page copies ${an.cow_copies}\n`);
  const im = r.kernel.inside_max;
  process.stderr.write(`forkvm: most threads at once inside cfork ${im.cfork}, inside exit ${im.exit}\n`);
}

/** --lockstat: lockstat(1M)'s contention report for the run, on stderr. */
function print_lockstat(r: RunResult): void {
  const ls = r.kernel.lockstat;
  if (!ls) return;
  trace_flush();
  process.stderr.write(lockstat_report(ls, r.cycles).join('\n') + '\n');
}

function report_halt(r: RunResult): number {
  trace_flush();
  if (r.halt.why !== 'exit') process.stderr.write(`forkvm: ${r.halt.message}\n`);
  if (r.checkSkipped) process.stderr.write(`forkvm: --check: skipped: ${r.checkSkipped}\n`);
  if (r.leaks) {
    if (r.leaks.length === 0) process.stderr.write('forkvm: --check: no leaks\n');
    else {
      for (const l of r.leaks) process.stderr.write(`forkvm: --check: leaked ${l}\n`);
      return r.status === 0 ? 3 : r.status;
    }
  }
  return r.status;
}

/**
 * Load a host ELF file for `run`, with one-line errors (too large: over BOOT_FILE_MAX). A bare
 * name (no `/`) that is not a file here is looked up in userland/bin/<arch>/, the boot archive of
 * the chosen ISA (`forkvm run --arch x86 hello`).
 */
function load_program(path: string, arch: IsaName): Uint8Array {
  if (!existsSync(path) && !path.includes('/')) {
    const inbin = join(ROOT, 'userland', 'bin', arch, path);
    if (existsSync(inbin)) path = inbin;
  }
  if (!existsSync(path)) throw new BadInput(`${path}: no such file`);
  const st = statSync(path);
  if (!st.isFile()) throw new BadInput(`${path}: not a regular file`);
  return read_host_file(realpathSync(path), path);
}

function common_opts(p: Parsed): BootOptions {
  const o = p.opts;
  // Synchronous writes: back-pressure stalls the guest, and a closed reader is EPIPE for it.
  o.sink = fd_sink(1, trace_flush);
  o.errSink = fd_sink(2, trace_flush);
  o.log = (line) => { process.stderr.write(line + '\n'); };
  if (p.trace.has('insn')) o.trace = (s) => { trace_out(s); };
  if (p.trace.has('proc')) o.traceProc = (line) => { process.stderr.write(line + '\n'); };
  if (p.trace.has('syscalls')) o.traceSyscalls = (line) => { process.stderr.write(line + '\n'); };
  o.check = p.check;
  return o;
}

/**
 * The console sink of a debugger session: stdout, written synchronously for the guest and the
 * debugger alike (so the two never reorder), remembering whether the guest left a line open.
 */
function debug_io(o: BootOptions): DebugIo {
  let atStart = true;
  const out = fd_sink(1, trace_flush);
  o.sink = (b) => { if (b.length) atStart = b[b.length - 1] === 10; return out(b); };
  return { write: (s) => { out(Buffer.from(s, 'utf8')); }, atLineStart: () => atStart };
}

/**
 * Run a started machine; with --debug-on, under a debugger that takes over when one of the named
 * events happens (the output is the same as without it until then).
 */
async function run_started(p: Parsed, o: BootOptions, st: Started, io: DebugIo | null): Promise<RunResult> {
  if (p.debugOn.size === 0 || io === null) {
    const t0 = process.hrtime.bigint();
    const h = st.kernel.run();
    return finish_image(st, h, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const { debug_session } = await import('../debug/repl.ts');
  const { DebugTarget } = await import('../debug/target.ts');
  const t0 = process.hrtime.bigint();
  // A target with no breakpoints watches (stops only on a signal death with --debug-on signal).
  const watch = new DebugTarget(st.kernel, st.machine);
  watch.stop_on_signal = p.debugOn.has('signal');
  let h = st.kernel.run();
  const enter = (h.why === 'panic' && p.debugOn.has('panic')) || (h.why === 'deadlock' && p.debugOn.has('deadlock')) || h.why === 'debug';
  if (enter) {
    process.stderr.write(`forkvm: ${h.message}: entering the debugger\n`);
    await debug_session(st, io, process.stdin.isTTY ? null : [], { stopOnSignal: p.debugOn.has('signal'), greeting: [`stopped: ${h.message}; ::stacks, ::msgbuf and ::findstack show the machine`] });
  }
  // After the session, a machine that can go on runs to its end as without the debugger.
  if (h.why === 'debug' && st.kernel.halted === null) {
    st.kernel.kdi = null;
    h = st.kernel.run();
  } else if (st.kernel.halted) h = st.kernel.halted;
  return finish_image(st, h, Number(process.hrtime.bigint() - t0) / 1e9);
}

/**
 * --gdb: serve gdb on the started machine until it detaches (the machine then runs to its end as
 * without a debugger, or, with `then`, goes to that) or kills (exit status 137). With `path` and
 * `image` (run without --gdb-wait) the program is stopped at its entry point first and is the
 * first inferior; else init is, stopped before its first instruction.
 */
/** How time travel boots the same machine again (its output held back through `gate`). */
interface Travel { gate: { on: boolean }; reboot: (input: ConsoleSource | null) => Started }

async function run_gdb(addr: { host: string; port: number }, st0: Started, prog: { path: string; image: Uint8Array } | null,
  attached: boolean, travel: Travel): Promise<RunResult>;
async function run_gdb(addr: { host: string; port: number }, st0: Started, prog: { path: string; image: Uint8Array } | null,
  attached: boolean, travel: Travel, then: (tgt: DebugTargetT) => Promise<void>): Promise<RunResult | null>;
async function run_gdb(addr: { host: string; port: number }, st0: Started, prog: { path: string; image: Uint8Array } | null,
  attached: boolean, travel: Travel, then?: (tgt: DebugTargetT) => Promise<void>): Promise<RunResult | null> {
  const { DebugTarget } = await import('../debug/target.ts');
  const { GdbStub } = await import('../debug/gdb_stub.ts');
  const { gdb_stop_at_entry, gdb_serve } = await import('../debug/gdb_server.ts');
  const { TimeTravel } = await import('../debug/time_travel.ts');
  const t0 = process.hrtime.bigint();
  const tgt = new DebugTarget(st0.kernel, st0.machine);
  // Reverse execution (bs, bc) re-executes from boot; history starts where gdb first sees the machine.
  const tt = new TimeTravel(tgt, (_g, input) => travel.reboot(input), travel.gate, st0.machine.console.source);
  st0.machine.console.source = tt.source();
  let pid: number, what: string;
  if (prog) {
    const at = gdb_stop_at_entry(tgt, prog.path, prog.image);
    if ('error' in at) throw new BadInput(at.error);
    pid = at.pid;
    what = `pid ${pid} (${prog.path}) stopped at its entry point`;
  } else {
    const init = st0.kernel.initproc;
    if (!init) throw new BadInput('--gdb: the machine has no init process');
    pid = init.p_pid;
    what = `pid ${pid} (init) stopped before its first instruction`;
  }
  tt.start = tgt.here;
  const stub = new GdbStub(tgt, pid, attached);
  const log = (line: string) => { process.stderr.write(line + '\n'); };
  const how = await gdb_serve(stub, addr.host, addr.port, log, (port) => {
    log(`forkvm: ${what}; gdb: target extended-remote ${addr.host}:${port} (forkvm gdbinit ${tgt.m.config.isa === 'x86' ? '--arch x86 ' : ''}${addr.host}:${port} prints the commands)`);
  }).catch((e: NodeJS.ErrnoException) => { throw new BadInput(`--gdb ${addr.host}:${addr.port}: cannot listen (${e.code ?? e.message})`); });
  // The machine gdb leaves: a re-execution's, after reverse execution.
  const st: Started = { machine: tgt.m, kernel: tgt.k, before: st0.before };
  let h;
  if (how === 'killed' && !stub.exited) {
    h = { why: 'debug' as const, wcode: 0, wdata: 0, message: 'killed by gdb' };
    return { ...finish_image(st, h, Number(process.hrtime.bigint() - t0) / 1e9), status: 137 };
  }
  if (then) { await then(tgt); return null; }
  // Detached (or the program already ended): the rest runs as without the debugger.
  st.kernel.kdi = null;
  h = st.kernel.halted ?? st.kernel.run();
  return finish_image(st, h, Number(process.hrtime.bigint() - t0) / 1e9);
}

/**
 * Time travel boots the same machine again with its output held back until the goal: the boot
 * options with every output through `gate`.
 */
function travel_gate(o: BootOptions): { gate: { on: boolean }; og: BootOptions } {
  const gate = { on: true };
  const gated = <A extends unknown[], R>(f: ((...a: A) => R) | undefined, off: R) => (f ? (...a: A) => (gate.on ? f(...a) : off) : undefined);
  return { gate, og: { ...o, sink: gated(o.sink, true), errSink: gated(o.errSink, true), log: gated(o.log, undefined),
    traceProc: gated(o.traceProc, undefined), traceSyscalls: gated(o.traceSyscalls, undefined) } };
}

/** forkvm gdbinit [--arch sparc|x86] [[HOST:]PORT] [PROGRAM]: the gdb commands that attach to a forkvm --gdb. */
function cmd_gdbinit(args: string[]): number {
  let addr = { host: '127.0.0.1', port: 1234 };
  const rest = [...args];
  let arch: IsaName = 'sparc';
  if (rest[0] === '--arch') {
    const v = rest[1];
    if (v !== 'sparc' && v !== 'x86' && v !== 'i386') throw new Usage(`gdbinit: unknown architecture '${v ?? ''}' (sparc or x86)`);
    arch = v === 'i386' ? 'x86' : v;
    rest.splice(0, 2);
  }
  const m = rest.length > 0 ? /^(?:(.*):)?(\d{1,5})$/.exec(rest[0]) : null;
  if (m) {
    if (Number(m[2]) > 65535) throw new Usage(`gdbinit: ${rest[0]}: use [HOST:]PORT`);
    addr = { host: m[1] || '127.0.0.1', port: Number(m[2]) };
    rest.shift();
  }
  if (rest.length > 1) throw new Usage(`gdbinit: unexpected argument '${rest[1]}'`);
  let prog: string | null = null;
  if (rest.length === 1) {
    if (!existsSync(rest[0]) || !statSync(rest[0]).isFile()) throw new BadInput(`gdbinit: ${rest[0]}: no such file`);
    prog = realpathSync(rest[0]);
  }
  const lines = [
    '# forkvm gdbinit: save as a file and run gdb-multiarch -x FILE (or paste into gdb)',
    ...(arch === 'x86'
      ? ['set architecture i386', '# the i386 CPU has no watch unit (Z2-Z4 unsupported): gdb watches by single-stepping', 'set can-use-hw-watchpoints 0']
      : ['set architecture sparc', 'set endian big']),
    ...(prog ? [`file ${prog}`] : []),
    '# every resume runs the whole machine: let gdb resume every inferior as well',
    'set schedule-multiple on',
    '# the guest\'s files (an exec\'d image) are read from the target (vFile)',
    'set sysroot target:',
    `target extended-remote ${addr.host}:${addr.port}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

async function cmd_debug(args: string[]): Promise<number> {
  const p = parse_flags('debug', args);
  const o = common_opts(p);
  const io = debug_io(o);
  const { gate, og } = travel_gate(o);
  let start: (input: ConsoleSource | null) => Started;
  if (p.rest.length > 0) {
    const image = load_program(p.rest[0], o.arch);
    const [gprog, ...gargs] = host_arg_bytes(p.rest);
    start = (input) => start_image({ ...og, stdinSource: input ?? undefined }, image, [gprog.split('/').filter((c) => c !== '').pop() ?? gprog, ...gargs], []);
  } else {
    const init = join(ROOT, 'userland', 'bin', o.arch, 'init');
    if (!existsSync(init)) throw new BadInput(`boot archive has no /sbin/init (${init}): run npm run userland`);
    const image = new Uint8Array(readFileSync(init));
    start = (input) => start_image({ ...og, direct: true, stdinSource: input ?? undefined }, image, ['/sbin/init'], []);
  }
  const st = start(o.stdinSource ?? null);
  const { debug_session, script_lines } = await import('../debug/repl.ts');
  let lines: string[] | null = null;
  if (p.e.length > 0 || p.scripts.length > 0) lines = script_lines(p.e, p.scripts);
  else if (!process.stdin.isTTY) lines = script_lines([readFileSync(0, 'utf8')], []);
  const travel = { gate, reboot: (_g: unknown, input: ConsoleSource | null) => start(input) };
  if (p.gdb) {
    // gdb first; where it detaches, the mdb session (script or terminal) takes over the machine.
    let status = 0;
    const r = await run_gdb(p.gdb, st, null, true, { gate, reboot: start }, async (tgt) => {
      const where = tgt.halted ? `the machine has halted (${tgt.halted.message})` : `stopped where gdb detached: ${tgt.k.kdi_stopped?.detail ?? "before init's first instruction"}`;
      status = await debug_session(st, io, lines, { tgt, greeting: [`forkvm debug: gdb detached; ${where}`] });
    });
    return r ? report_halt(r) : status;
  }
  return debug_session(st, io, lines, { travel });
}

async function cmd_run(args: string[]): Promise<number> {
  const p = parse_flags('run', args);
  if (p.rest.length === 0) throw new Usage('run: missing PROGRAM');
  const [prog] = p.rest;
  const image = load_program(prog, p.opts.arch);
  const o = common_opts(p);
  o.stdinSource = fd_source(0);
  // The guest gets the arguments' bytes, not Node's UTF-8 reading of them.
  const [gprog, ...gargs] = host_arg_bytes(p.rest);
  const io = p.debugOn.size > 0 ? debug_io(o) : null;
  const gname = gprog.split('/').filter((c) => c !== '').pop() ?? gprog;
  if (p.gdb) {
    const { gate, og } = travel_gate(o);
    const start = (input: ConsoleSource | null) => start_image({ ...og, stdinSource: input ?? undefined }, image, [gname, ...gargs], []);
    const r = await run_gdb(p.gdb, start(o.stdinSource ?? null), p.gdbWait ? null : { path: '/bin/' + (gname.split('/').pop() || 'a.out'), image },
      false, { gate, reboot: start });
    if (p.stats) print_stats(r);
    print_lockstat(r);
    return report_halt(r);
  }
  const st = start_image(o, image, [gname, ...gargs], []);
  const r = await run_started(p, o, st, io);
  if (p.stats) print_stats(r);
  print_lockstat(r);
  return report_halt(r);
}

async function cmd_boot(args: string[]): Promise<number> {
  const p = parse_flags('boot', args);
  if (p.rest.length > 0) throw new Usage(`boot: unexpected argument '${p.rest[0]}'`);
  const o = common_opts(p);
  const init = join(ROOT, 'userland', 'bin', o.arch, 'init');
  if (!existsSync(init)) throw new BadInput(`boot archive has no /sbin/init (${init}): run npm run userland`);
  process.stderr.write(`forkvm: booting ${o.arch}, ${o.cpus} CPU(s), ${o.memBytes >> 20} MiB\n`);
  const io = p.debugOn.size > 0 ? debug_io(o) : null;
  const initImage = new Uint8Array(readFileSync(init));
  let r: RunResult;
  if (p.gdb) {
    const { gate, og } = travel_gate(o);
    const start = (input: ConsoleSource | null) => start_image({ ...og, direct: true, stdinSource: input ?? undefined }, initImage, ['/sbin/init'], []);
    r = await run_gdb(p.gdb, start(o.stdinSource ?? null), null, true, { gate, reboot: start });
  } else r = await run_started(p, o, start_image({ ...o, direct: true }, initImage, ['/sbin/init'], []), io);
  if (p.stats) print_stats(r);
  print_lockstat(r);
  return report_halt(r);
}

/** main — run the CLI with `argv` (without node and script); returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [cmd, ...args] = argv;
    switch (cmd) {
      case 'run': return await cmd_run(args);
      case 'boot': return await cmd_boot(args);
      case 'debug': return await cmd_debug(args);
      case 'gdbinit': return cmd_gdbinit(args);
      case 'cc': {
        const { forkvm_cc } = await import('./cc.ts');
        return await forkvm_cc(args);
      }
      case undefined: case '-h': case '--help': case 'help':
        process.stderr.write(USAGE + '\n');
        return cmd === undefined ? 2 : 0;
      default: throw new Usage(`unknown command '${cmd}'`);
    }
  } catch (e) {
    if (e instanceof Usage) { process.stderr.write(`forkvm: ${e.message}\n`); return 2; }
    if (e instanceof BadInput) { process.stderr.write(`forkvm: ${e.message}\n`); return 2; }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`forkvm: internal error: ${msg.split('\n')[0]}\n`);
    if (process.env.FORKVM_DEBUG) console.error(e);
    return 70;
  }
}
