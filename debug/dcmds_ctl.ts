/*
 * debug/dcmds_ctl.ts — execution control and the session's own commands: :c, ::step [N | over]
 * [-c CPU], ::cycles N, ::bp (user code per process with -p PID and -f to follow forks; -s SYSCALL;
 * proc:::PROBE; a kernel function such as getproc or kernel`cfork; -t TRAPTYPE; cow; lock NAME
 * contend; -c CPU on any), addr::wp (watchpoints), $b (the breakpoints), ::delete / ::disable / ::enable, ::status, $q,
 * $<file, ::walk, ::help, ::dcmds, ::walkers. On the i386 machine ::step over steps over a call
 * instruction; ::wp (no watch unit) and -t (SPARC trap types) are SPARC only.
 */

import { readFileSync } from 'node:fs';
import { dcmd, Mdb, MdbError, getopts, num_arg, sparc_only } from './mdb.ts';
import { hex } from './target.ts';
import { hex8 } from './kaddr.ts';
import type { SparcCpu } from '../hw/sparc/cpu.ts';
import * as TT from '../hw/sparc/trap_types.ts';
import { disasm as disasm_x86 } from '../hw/x86/disasm.ts';
import { sysent } from '../kernel/common/syscall/syscall_table.ts';
import { KThread } from '../kernel/common/sys/thread.ts';
import { Lwp } from '../kernel/common/sys/klwp.ts';

/** Kernel functions with an fbt entry point (kdi_fbt), the ones ::bp FUNC accepts. */
export const FBT_FUNCS = ['cfork', 'getproc', 'forklwp', 'as_dup', 'fork_fail', 'relvm', 'vfwait', 'holdlwps',
  'lwp_create', 'lwp_exit', 'proc_exit', 'exitlwps', 'waitid'];
const PROBES = ['create', 'exec', 'exec-success', 'exec-failure', 'exit', 'lwp-create'];

dcmd(':c', '', 'continue until the next breakpoint, or the end', (c) => { c.mdb.out(c.mdb.tgt.go()); });

dcmd('cont', '', 'continue (the same as :c)', (c) => { c.mdb.out(c.mdb.tgt.go()); });

dcmd('step', '[N | over] [-c CPU | -l THREAD]', 'run N user instructions (default 1) on the current CPU, or -c CPU, or of one lwp wherever it runs (-l: a kthread_t or klwp_t address); "over" steps over a call', (c) => {
  const mdb = c.mdb;
  const { vals, rest } = getopts(c.args, 'cl');
  if (vals.has('l')) {
    const o = mdb.ka.at(num_arg(vals.get('l')!));
    const t = o instanceof KThread ? o : o instanceof Lwp ? o.lwp_thread : null;
    if (!t || !t.t_lwp) throw new MdbError(`${vals.get('l')}: not an lwp's thread`);
    const n = rest[0] !== undefined ? num_arg(rest[0], true) : 1;
    if (n < 1) throw new MdbError('step count must be at least 1');
    mdb.out(mdb.tgt.step(-1, n, t));
    return;
  }
  const cpu = vals.has('c') ? num_arg(vals.get('c')!, true) : mdb.tgt.cur_cpu;
  if (cpu < 0 || cpu >= mdb.tgt.m.cpus.length) throw new MdbError(`no cpu ${cpu}`);
  if (rest[0] === 'over' && mdb.tgt.m.config.isa === 'x86') {
    const t = mdb.tgt.k.cpu_thread[cpu];
    const pc = mdb.tgt.cpu_pc(cpu);
    const as = t?.t_procp.p_as;
    // A call (any form): stop at the instruction after it, in this process.
    const insn = as ? disasm_x86((a) => { const at = as.a_hat.getattr(a >>> 0); return at ? mdb.tgt.m.mem.bytes[at.pfn * 4096 + (a & 0xfff)] : 0; }, pc) : null;
    if (t && insn && /^call/.test(insn.text)) {
      const ret = (pc + insn.len) >>> 0;
      mdb.tgt.add_bp('addr', hex(ret), ret, { pids: [t.t_procp.p_pid], temp: true });
      mdb.out(mdb.tgt.go());
      return;
    }
    mdb.out(mdb.tgt.step(cpu, 1));
    return;
  }
  if (rest[0] === 'over') {
    const cp = mdb.tgt.m.cpus[cpu] as SparcCpu;
    const t = mdb.tgt.k.cpu_thread[cpu];
    const pc = cp.pc >>> 0;
    const w = t?.t_procp.p_as ? word_at(mdb, t.t_procp.p_as, pc) : null;
    // call, or jmpl with rd = %o7: stop at the return point (pc + 8) in this process.
    if (t && w !== null && ((w >>> 30) === 1 || ((w >>> 30) === 2 && ((w >>> 19) & 63) === 0x38 && ((w >>> 25) & 31) === 15))) {
      mdb.tgt.add_bp('addr', hex(pc + 8), pc + 8, { pids: [t.t_procp.p_pid], temp: true });
      mdb.out(mdb.tgt.go());
      return;
    }
    mdb.out(mdb.tgt.step(cpu, 1));
    return;
  }
  const n = rest[0] !== undefined ? num_arg(rest[0], true) : 1;
  if (n < 1) throw new MdbError('step count must be at least 1');
  mdb.out(mdb.tgt.step(cpu, n));
});

function word_at(mdb: Mdb, as: { a_hat: { getattr(va: number): { pfn: number } | null } }, va: number): number | null {
  const at = as.a_hat.getattr(va);
  return at ? mdb.tgt.m.mem.read32(at.pfn * 4096 + (va & 0xfff)) >>> 0 : null;
}

dcmd('cycles', 'N', 'run for about N more cycles (the machine stops at the end of a round of CPU slices)', (c) => {
  const n = c.args[0] !== undefined ? num_arg(c.args[0], true) : c.addr;
  if (n === null || !(n > 0)) throw new MdbError('usage: ::cycles N');
  c.mdb.out(c.mdb.tgt.run_cycles(n));
});

/** A trap type by number or name (window_overflow, data_access_exception ...). */
function trap_arg(s: string): number {
  if (/^(0x)?[0-9a-fA-F]+$/.test(s)) return num_arg(s.startsWith('0x') ? s : '0x' + s);
  for (let tt = 0; tt <= 0x100; tt++) if (TT.trap_name(tt) === s) return tt;
  throw new MdbError(`unknown trap type: ${s}`);
}

dcmd('bp', '[-f] [-p PID] [-c CPU] [-s SYSCALL | -t TRAP | proc:::PROBE | FUNC | cow | lock NAME contend]', 'set a breakpoint', (c) => {
  const mdb = c.mdb;
  const tgt = mdb.tgt;
  const { flags, vals, rest } = getopts(c.args, 'pcst');
  const pids = vals.has('p') ? [num_arg(vals.get('p')!, true)] : undefined;
  const cpu = vals.has('c') ? num_arg(vals.get('c')!, true) : -1;
  const o = { pids, follow: flags.has('f'), cpu };
  let b;
  if (c.addr !== null) {
    if (!pids && tgt.cur_t && rest.length === 0 && !flags.has('a')) o.pids = undefined;
    b = tgt.add_bp('addr', tgt.usym(pids?.[0] ?? tgt.cur_t?.t_procp.p_pid ?? -1, c.addr), c.addr >>> 0, o);
  } else if (vals.has('s')) {
    const name = vals.get('s')!;
    if (![...sysent.values()].some((e) => e.row.name === name)) throw new MdbError(`unknown system call: ${name}`);
    b = tgt.add_bp('syscall', name, 0, o);
  } else if (vals.has('t')) {
    sparc_only(mdb, '::bp -t', 'the trap types are SPARC V8 ones');
    const tt = trap_arg(vals.get('t')!);
    b = tgt.add_bp('trap', TT.trap_name(tt), tt, o);
  } else if (rest[0] === 'cow') {
    b = tgt.add_bp('cow', 'cow', 0, o);
  } else if (rest[0] === 'lock') {
    if (!rest[1] || (rest[2] ?? 'contend') !== 'contend') throw new MdbError('usage: ::bp lock NAME contend');
    b = tgt.add_bp('lock', rest[1], 0, o);
  } else if (rest[0] !== undefined && /^proc:::/.test(rest[0])) {
    const p = rest[0].slice(7);
    if (!PROBES.includes(p)) throw new MdbError(`unknown probe: ${rest[0]} (known: ${PROBES.map((x) => 'proc:::' + x).join(', ')})`);
    b = tgt.add_bp('probe', rest[0], 0, o);
  } else if (rest[0] !== undefined) {
    const f = rest[0].startsWith('kernel`') ? rest[0].slice(7) : rest[0];
    if (FBT_FUNCS.includes(f)) b = tgt.add_bp('fbt', f, 0, o);
    else {
      const v = mdb.symbol(rest[0]);
      if (v === null) throw new MdbError(`failed to set breakpoint: unknown symbol '${rest[0]}' (kernel functions: ${FBT_FUNCS.join(', ')})`);
      b = tgt.add_bp('addr', rest[0], v, o);
    }
  } else throw new MdbError('usage: addr::bp or ::bp [-s SYSCALL | -t TRAP | proc:::PROBE | FUNC | cow | lock NAME contend]');
  mdb.out(`breakpoint ${b.id} set: ${describe(b)}`);
});

dcmd('wp', '[-rw] [-L SIZE] [-p PID]', 'addr::wp: stop after a user store to (-w, the default) or load from (-r) the SIZE bytes at addr (default 4), in pid PID or any process; each address space is its own, so a copy-on-write page watched in one process fires only for that process', (c) => {
  const mdb = c.mdb;
  sparc_only(mdb, '::wp', 'the i386 CPU has no watch unit');
  if (c.addr === null) throw new MdbError('usage: addr::wp [-rw] [-L SIZE] [-p PID]');
  const { flags, vals } = getopts(c.args, 'Lp');
  const len = vals.has('L') ? num_arg(vals.get('L')!, true) : 4;
  if (!(len >= 1 && len <= 4096)) throw new MdbError('watchpoint size must be 1..4096 bytes');
  const rw = (flags.has('r') ? 1 : 0) | (flags.has('w') || !flags.has('r') ? 2 : 0);
  const pids = vals.has('p') ? [num_arg(vals.get('p')!, true)] : undefined;
  const b = mdb.tgt.add_bp('watch', `${rw === 3 ? 'rw' : rw === 1 ? 'r' : 'w'} ${hex8(c.addr)},${len}`, c.addr >>> 0, { pids, len, rw });
  mdb.out(`watchpoint ${b.id} set: ${describe(b)}`);
});

function describe(b: { kind: string; what: string; addr: number; pids: Set<number> | null; follow: boolean; cpu: number }): string {
  let s = b.kind === 'watch' ? `watch ${b.what}` : b.kind === 'addr' ? `${b.what} (${hex8(b.addr)})` : b.kind === 'syscall' ? `syscall ${b.what} entry and return`
    : b.kind === 'fbt' ? `kernel\`${b.what} entry` : b.kind === 'trap' ? `trap ${b.what}` : b.kind === 'lock' ? `lock ${b.what} contend` : b.what;
  if (b.pids) s += ` in pid ${[...b.pids].join(',')}${b.follow ? ' and its children' : ''}`;
  if (b.cpu >= 0) s += ` on cpu ${b.cpu}`;
  return s;
}

dcmd('$b', '', 'list the breakpoints', (c) => {
  const mdb = c.mdb;
  if (mdb.tgt.bps.length === 0) { mdb.out('no breakpoints'); return; }
  mdb.out('   ID S HITS BREAKPOINT');
  for (const b of mdb.tgt.bps) mdb.out(`${String(b.id).padStart(5)} ${b.enabled ? '+' : '-'} ${String(b.hits).padStart(4)} ${describe(b)}`);
});

function ids(c: { args: string[]; addr: number | null }, mdb: Mdb, all: boolean): number[] {
  if (c.args[0] === 'all' && all) return mdb.tgt.bps.map((b) => b.id);
  const v = c.addr !== null ? [c.addr] : c.args.map((a) => num_arg(a, true));
  if (v.length === 0) throw new MdbError('usage: ::delete ID | all');
  return v;
}

dcmd('delete', 'ID | all', 'delete breakpoints', (c) => {
  for (const id of ids(c, c.mdb, true)) if (!c.mdb.tgt.delete(id)) throw new MdbError(`no breakpoint ${id}`);
});
dcmd('disable', 'ID | all', 'disable breakpoints', (c) => {
  for (const id of ids(c, c.mdb, true)) if (!c.mdb.tgt.enable(id, false)) throw new MdbError(`no breakpoint ${id}`);
});
dcmd('enable', 'ID | all', 'enable breakpoints', (c) => {
  for (const id of ids(c, c.mdb, true)) if (!c.mdb.tgt.enable(id, true)) throw new MdbError(`no breakpoint ${id}`);
});

dcmd('status', '[-v]', 'where the machine is: why it stopped, the current thread and CPU, the cycle (-v: host speed)', (c) => {
  const mdb = c.mdb;
  const tgt = mdb.tgt;
  if (getopts(c.args, '').flags.has('v')) {
    mdb.out(`ran ${tgt.run_insns} instructions in ${tgt.run_seconds.toFixed(3)} host seconds: ${(tgt.run_seconds > 0 ? tgt.run_insns / tgt.run_seconds / 1e6 : 0).toFixed(1)} MIPS`);
  }
  mdb.out(`machine: ${tgt.m.cpus.length} cpu(s), cycle ${tgt.now()}, ${tgt.m.instructions} instructions`);
  mdb.out(tgt.halted ? `target has terminated: ${tgt.halted.message}` : `stopped: ${tgt.k.kdi_stopped?.detail ?? 'before init\'s first instruction'}`);
  if (tgt.cur_t) mdb.out(`current thread ${hex8(mdb.ka.of(tgt.cur_t))} ${tgt.cur_t.t_name}, cpu ${tgt.cur_cpu}`);
});

dcmd('$q', '', 'quit', (c) => { c.mdb.quit = true; });

dcmd('$<', 'FILE', 'run the commands in FILE', (c) => {
  const f = c.args[0];
  if (!f) throw new MdbError('usage: $<FILE');
  let text: string;
  try { text = readFileSync(f, 'utf8'); } catch { throw new MdbError(`failed to open ${f}`); }
  for (const line of text.split('\n')) {
    if (c.mdb.quit) break;
    for (const l of c.mdb.exec(line)) c.mdb.out(l);
  }
});

dcmd('walk', 'NAME', 'walk NAME (addr::walk NAME: from addr), passing each address on', (c) => {
  const mdb = c.mdb;
  const name = c.args[0];
  if (!name) throw new MdbError('usage: ::walk NAME');
  const w = Mdb.walker(name);
  if (!w) throw new MdbError(`no such walker: ${name}`);
  const addrs = w.fn(mdb, c.addr);
  if (c.piped) return addrs;
  for (const a of addrs) mdb.out(hex8(a));
  return undefined;
});

dcmd('help', '[dcmd]', 'help on a dcmd, or how to get more', (c) => {
  const mdb = c.mdb;
  const n = c.args[0]?.replace(/^::/, '');
  if (!n) {
    mdb.out('Each debugger command is a dcmd: [addr[,count]]::name [args] [| ::name ...]');
    mdb.out('Use ::dcmds for the list of dcmds, ::walkers for the walkers, ::help NAME for one dcmd.');
    mdb.out('Also: $c stack, $r registers, $b breakpoints, $q quit, $<FILE, addr/fmt, value=fmt, :c continue.');
    return;
  }
  const d = Mdb.dcmd(n) ?? Mdb.dcmd('$' + n) ?? Mdb.dcmd(':' + n);
  if (!d) throw new MdbError(`unknown dcmd: ${n}`);
  mdb.out(`NAME\n  ${d.name} - ${d.help}\nSYNOPSIS\n  [addr]::${d.name} ${d.usage}`);
});

dcmd('dcmds', '', 'list the dcmds', (c) => {
  for (const d of Mdb.dcmds()) c.mdb.out(`${(/^\w/.test(d.name) ? '::' + d.name : d.name).padEnd(14)} - ${d.help}`);
});

dcmd('walkers', '', 'list the walkers', (c) => {
  for (const w of Mdb.walkers()) c.mdb.out(`${w.name.padEnd(14)} - ${w.help}`);
});
