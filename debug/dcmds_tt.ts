/*
 * debug/dcmds_tt.ts — time travel in mdb (debug/time_travel.ts): ::rstep [N] (back N user
 * instructions of the current lwp), ::rcontinue (back to the previous breakpoint hit), ::goto
 * cycle N (forwards or backwards) and ::goto start, ::whowrote (the last write that changed a
 * word of user memory of a process, or of a physical address such as a PTE).
 */

import { dcmd, MdbError, getopts, num_arg, type Mdb } from './mdb.ts';
import { hex } from './target.ts';
import { hex8 } from './kaddr.ts';
import { TimeTravel, TravelError } from './time_travel.ts';
import { user_frames } from './dcmds_cpu.ts';
import { KThread } from '../kernel/common/sys/thread.ts';
import { Lwp } from '../kernel/common/sys/klwp.ts';

/** The session's engine, or a clear error when the session has none. */
function engine(mdb: Mdb): TimeTravel {
  const tt = mdb.tgt.travel;
  if (!(tt instanceof TimeTravel)) throw new MdbError('time travel is not available in this session (it needs a machine booted by forkvm debug)');
  tt.frames = (_tgt, t) => user_frames(mdb, t).map((f) => f.pc);
  return tt;
}

/** Run a travel, turning its errors into mdb errors. */
function travel(mdb: Mdb, f: () => string): void {
  try { mdb.out(f()); } catch (e) {
    if (e instanceof TravelError) throw new MdbError(e.message);
    throw e;
  }
}

dcmd('rstep', '[N] [-l THREAD]', 'step back N user instructions (default 1) of the current lwp (-l: a kthread_t or klwp_t address), wherever it ran', (c) => {
  const mdb = c.mdb;
  const tt = engine(mdb);
  const { vals, rest } = getopts(c.args, 'l');
  let t = mdb.tgt.cur_t;
  if (vals.has('l')) {
    const o = mdb.ka.at(num_arg(vals.get('l')!));
    t = o instanceof KThread ? o : o instanceof Lwp ? o.lwp_thread : null;
    if (!t) throw new MdbError(`${vals.get('l')}: not an lwp's thread`);
  }
  if (!t || !t.t_lwp) throw new MdbError('no current lwp (::thread ADDR picks one)');
  if (rest.length > 1) throw new MdbError('usage: ::rstep [N] [-l THREAD]');
  const n = rest[0] !== undefined ? num_arg(rest[0], true) : c.addr ?? 1;
  if (!(n >= 1)) throw new MdbError('step count must be at least 1');
  travel(mdb, () => tt.rstep(t!, n));
});

dcmd('rcontinue', '', 'run backwards to the previous hit of an enabled breakpoint (or to the start of history)', (c) => {
  const tt = engine(c.mdb);
  if (c.args.length > 0) throw new MdbError('usage: ::rcontinue');
  travel(c.mdb, () => tt.rcontinue().line);
});

dcmd('goto', 'cycle N | start', 'go to machine cycle N (the first instruction boundary at or after it), forwards or backwards; start: the start of history', (c) => {
  const mdb = c.mdb;
  const tt = engine(mdb);
  if (c.args[0] === 'start' && c.args.length === 1) { travel(mdb, () => tt.goto(tt.start)); return; }
  if (c.args[0] !== 'cycle' || c.args.length !== 2) throw new MdbError('usage: ::goto cycle N | ::goto start');
  const n = num_arg(c.args[1], true);
  travel(mdb, () => tt.goto_cycle(n));
});

dcmd('whowrote', 'VA [PID] | -P PA [-n LEN]', 'the last write that changed LEN bytes (default 4) at a user address of PID (default: the current process) or a physical address: cycle, cpu, lwp, pc, user stack', (c) => {
  const mdb = c.mdb;
  const tt = engine(mdb);
  const { vals, rest } = getopts(c.args, 'Pn');
  const len = vals.has('n') ? num_arg(vals.get('n')!, true) : 4;
  if (![1, 2, 4, 8].includes(len)) throw new MdbError('-n LEN: use 1, 2, 4 or 8');
  let pa: number, what: string;
  if (vals.has('P')) {
    if (rest.length > 0 || c.addr !== null) throw new MdbError('usage: ::whowrote -P PA [-n LEN]');
    pa = num_arg(vals.get('P')!);
    what = `pa ${hex8(pa)}`;
  } else {
    const va = c.addr ?? (rest[0] !== undefined ? num_arg(rest[0]) : null);
    if (va === null) throw new MdbError('usage: ::whowrote VA [PID] | ::whowrote -P PA [-n LEN]');
    const pidArg = c.addr !== null ? rest[0] : rest[1];
    const pid = pidArg !== undefined ? num_arg(pidArg, true) : mdb.tgt.cur_t?.t_procp.p_pid ?? -1;
    const p = mdb.tgt.k.pids.all().find((x) => x.p_pid === pid);
    if (!p) throw new MdbError(`no process ${pid}`);
    if (!p.p_as) throw new MdbError(`pid ${pid} has no address space`);
    const at = p.p_as.a_hat.getattr(va >>> 0);
    if (!at) throw new MdbError(`va ${hex8(va)} is not mapped in pid ${pid} (no translation: touch it first)`);
    if (((va & 0xfff) + len) > 4096) throw new MdbError(`va ${hex8(va)}: ${len} bytes cross a page`);
    pa = at.pfn * 4096 + (va & 0xfff);
    what = `va ${hex8(va)} of pid ${pid} (pa ${hex8(pa)} now)`;
  }
  if (pa % len !== 0) throw new MdbError(`${hex8(pa)} is not aligned to ${len}`);
  let r;
  try { r = tt.whowrote(pa, len); } catch (e) {
    if (e instanceof TravelError) throw new MdbError(e.message);
    throw e;
  }
  const bytes = (b: Uint8Array) => '0x' + [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  if (!r) { mdb.out(`no write changed ${what} since the start of history`); return; }
  mdb.out(`last write to ${what}: ${bytes(r.before)} -> ${bytes(r.after)}`);
  const who = r.by === 'user' ? `by the user instruction at pc ${hex(r.pc)} ${mdb.tgt.usym(r.pid, r.pc)}`
    : `by the kernel${r.pid >= 0 ? ` for lwp ${r.pid}/${r.tid}` : ''}${r.during ? ` (after event: ${r.during})` : ''}`;
  mdb.out(`  cycle ${r.cycle}, instruction ${r.g}, cpu ${r.cpu}, lwp ${r.pid}/${r.tid}, ${who}`);
  if (r.frames.length > 0) {
    mdb.out('  user stack:');
    for (const f of r.frames) mdb.out(`    ${mdb.tgt.usym(r.pid, f)}`);
  }
});
