/*
 * test/debug/mdb.test.ts — the debugger (issue 7): the mdb command parser; scripted sessions
 * against golden transcripts (test/golden/debug/*.out, made by scripts/gen_debug_golden.ts) for
 * the fork scenarios (a forkall stopped at proc:::create and inside forklwp, copy-on-write before
 * and after the child writes; getproc on CPU 1 spinning on pidlock held by CPU 0; vfork's shared
 * address space until exec; register windows before and after cfork's flush), every dcmd, and
 * bad input (one `mdb:` line, the session goes on); that a session is deterministic and that the
 * CLI prints the same transcript; that stops do not change the run; --debug-on signal.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse_line, MdbSyntaxError } from '../../debug/mdb_parse.ts';
import { Mdb } from '../../debug/mdb.ts';
import { ROOT } from '../../boot/boot.ts';
import { SCENARIOS, GOLDEN_DIR, run_scenario } from './debug_golden.ts';
import { smp_run } from '../system/smp_harness.ts';

const CLI = join(ROOT, 'bin', 'forkvm.js');

describe('debug/mdb_parse', () => {
  it('parses addr::dcmd args, pipelines, $ and : commands, formats and expressions', () => {
    expect(parse_line('f5000400::print proc_t p_pid')).to.deep.equal([{ addr: { k: 'sym', name: 'f5000400' }, count: null, kind: 'dcmd', name: 'print', args: ['proc_t', 'p_pid'] }]);
    const p = parse_line('::walk proc | ::print proc_t p_pid');
    expect(p.map((c) => [c.kind, c.name, c.args])).to.deep.equal([['dcmd', 'walk', ['proc']], ['dcmd', 'print', ['proc_t', 'p_pid']]]);
    expect(parse_line('$c')[0]).to.include({ kind: 'dollar', name: 'c' });
    expect(parse_line(':c')[0]).to.include({ kind: 'colon', name: 'c' });
    expect(parse_line('main+0x10,4/X')[0]).to.deep.include({ kind: 'fmt', name: 'X', count: { k: 'num', v: 4 } });
    expect(parse_line('0t10=X')[0]).to.deep.include({ kind: 'eq', addr: { k: 'num', v: 10 } });
    expect(parse_line('kernel`cfork::bp')[0].addr).to.deep.equal({ k: 'sym', name: 'kernel`cfork' });
    expect(parse_line('  ')).to.deep.equal([]);
  });

  it('rejects bad syntax with an MdbSyntaxError', () => {
    for (const bad of ['0x10(', '::', '| ::ps', '::ps |', "::print 'x"]) {
      expect(() => parse_line(bad), bad).to.throw(MdbSyntaxError);
    }
  });
});

describe('forkvm debug: scripted sessions (golden transcripts)', function () {
  this.timeout(120_000);
  for (const s of SCENARIOS) {
    it(`${s.name}: the transcript matches test/golden/debug/${s.name}.out`, () => {
      const want = readFileSync(join(GOLDEN_DIR, `${s.name}.out`), 'utf8');
      expect(run_scenario(s)).to.equal(want);
    });
  }

  it('every dcmd is exercised by some golden session', () => {
    const used = new Set<string>();
    for (const s of SCENARIOS) for (const c of s.cmds) for (const st of (() => { try { return parse_line(c); } catch { return []; } })()) {
      used.add(st.kind === 'dcmd' ? st.name : st.kind === 'colon' ? ':' + st.name : st.kind === 'dollar' ? '$' + st.name : st.kind === 'fmt' ? '/' : st.kind === 'eq' ? '=' : '');
    }
    const missing = Mdb.dcmds().map((d) => d.name).filter((n) => !used.has(n));
    expect(missing).to.deep.equal([]);
  });

  it('every bad command is one mdb: line and the session goes on', () => {
    const lines = readFileSync(join(GOLDEN_DIR, 'errors.out'), 'utf8').split('\n');
    const errs = lines.filter((l) => l.startsWith('mdb: '));
    expect(errs.length).to.be.at.least(25);
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('mdb: ')) continue;
      expect(lines[i - 1], `before ${lines[i]}`).to.match(/^> /);
      expect(lines[i + 1] ?? '', `after ${lines[i]}`).to.match(/^> |^$/);
    }
    // The commands after the errors still work.
    expect(lines.join('\n')).to.match(/> ::ps -l\nS +PID/);
  });

  it('the acceptance scenarios show what they must', () => {
    const fa = readFileSync(join(GOLDEN_DIR, 'forkall.out'), 'utf8');
    expect(fa).to.match(/\[ f[0-9a-f]{7} forklwp\(\) \]\n  cfork\(\)/);                 // ::findstack: cfork → forklwp
    expect(fa).to.match(/stop on proc:::create pid=5 ppid=1 how=forkall/);
    expect(fa).to.match(/ +1 .* init\n\tL  0x[0-9a-f]+ ID: 1\n\tL  0x[0-9a-f]+ ID: 2\n. +5 +1 .*init\n\tL  0x[0-9a-f]+ ID: 1\n\tL  0x[0-9a-f]+ ID: 2/);
    expect(fa).to.match(/ +2 5 +copies \(COW\)[\s\S]*stop on copy-on-write break[\s\S]*writes in place/);
    const ct = readFileSync(join(GOLDEN_DIR, 'contention.out'), 'utf8');
    // One CPU spins in getproc while the other holds pidlock (which is which depends on timing).
    expect(ct).to.match(/on cpu [01]\n\[ f[0-9a-f]+ mutex_enter\(\) \]\n  getproc\(\)/);
    expect(ct).to.match(/owner: f[0-9a-f]+ .* \(on cpu (0\)\n    spinning: f[0-9a-f]+ .* \(cpu 1|1\)\n    spinning: f[0-9a-f]+ .* \(cpu 0)\)/);
    const vf = readFileSync(join(GOLDEN_DIR, 'vfork.out'), 'utf8');
    expect(vf).to.match(/\[vfork @ cycle \d+\]  shares: address space \(vfork[^\n]*\n[\s\S]*exec-success pid=4[\s\S]*4 hello  \[vfork @ cycle \d+\]  shares: 3 open files\n/);
    const pa = readFileSync(join(GOLDEN_DIR, 'panic.out'), 'utf8');
    expect(pa).to.match(/target stopped: panic: [^\n]+\n> ::status[\s\S]*\[ f[0-9a-f]+ ASSERT\(\) \]\n  cv_wait_sig\(\)\n  waitid\(\)/);
    const wi = readFileSync(join(GOLDEN_DIR, 'windows.out'), 'utf8');
    // cfork's flush moves the live windows to the stack: more frames there at getproc than at cfork.
    const wm = /live \(unspilled\)[\s\S]*frames on the stack: (\d+)[\s\S]*stop at getproc[\s\S]*invalid\nframes on the stack: (\d+)/.exec(wi);
    expect(wm, wi).to.not.equal(null);
    expect(Number(wm![2])).to.be.greaterThan(Number(wm![1]));
    const wa = readFileSync(join(GOLDEN_DIR, 'watch.out'), 'utf8');
    // The child's store (word 2, its own copy of the page) goes by; the parent's stops, value 3.
    expect(wa).to.match(/child: sum 794 word 2\nstop on store to 0x[0-9a-f]+ \(watchpoint 2 w [0-9a-f]+,4\): gdb_forks\[2\/1\] pc main\+0x[0-9a-f]+\n> shared_word\/D\nshared_word:\s+3\n/);
    expect(wa).to.match(/proc:::exit pid=3 why=exited/);
  });

  it('a session is deterministic, and the CLI prints the same transcript', () => {
    const s = SCENARIOS.find((x) => x.name === 'vfork')!;
    const a = run_scenario(s);
    expect(run_scenario(s)).to.equal(a);
    const r = spawnSync(process.execPath, [CLI, 'debug', '-e', s.cmds.join('; ')], { encoding: 'latin1', timeout: 60_000 });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.equal(a);
  });

  it('stopping at breakpoints does not change the run: same output, instructions and cycles', () => {
    const plain = smp_run('smp_forkers', { cpus: 2, seed: 3 });
    const s = { name: 'x', program: 'smp_forkers', opts: { cpus: 2, seed: 3 }, cmds: ['::bp getproc', ':c', ':c', ':c', '::bp cow', ':c', ':c', '::delete all', ':c'] };
    const t = run_scenario(s);
    expect(t).to.match(/target exited: init exited \(status 0\)/);
    const guest = t.split('\n').filter((l) => /^(PASS|FAIL|forkers:)/.test(l)).join('\n');
    expect(guest).to.equal(plain.out.trimEnd());
  });

  it('watchpoints do not change the run: one that stops and one that never matches give the cycles of none', () => {
    const pre = ['::bp proc:::exec-success', ':c', '::delete all'];
    const end = (t: string) => /machine: .*/.exec(t)?.[0];
    const none = run_scenario({ name: 'x', program: 'gdb_forks', cmds: [...pre, ':c', '::status'] });
    const other = run_scenario({ name: 'x', program: 'gdb_forks', cmds: [...pre, 'shared_word::wp -p 99', ':c', '::status'] });
    const hit = run_scenario({ name: 'x', program: 'gdb_forks', cmds: [...pre, 'shared_word::wp -rw', ':c', ':c', ':c', '::delete all', ':c', '::status'] });
    expect(hit).to.match(/stop on store to 0x[0-9a-f]+ \(watchpoint 2/);
    expect(end(none)).to.match(/^machine: 2 cpu\(s\), cycle \d+/);
    expect(end(other)).to.equal(end(none));
    expect(end(hit)).to.equal(end(none));
  });

  it('--debug-on signal stops when a process dies of a signal and then lets the run finish', () => {
    const r = spawnSync(process.execPath, [CLI, 'run', '--debug-on', 'signal', join(ROOT, 'userland', 'bin', 'sparc', 'sig_die_segv')], { encoding: 'latin1', input: '', timeout: 60_000 });
    expect(r.status).to.equal(139);
    expect(r.stderr).to.match(/forkvm: stop: pid \d+ dumped by signal 11: entering the debugger/);
    expect(r.stdout).to.match(/^stopped: stop: pid \d+ dumped by signal 11; ::stacks/m);
  });

  it('boot and run output stays the same with --debug-on when nothing happens', () => {
    const a = spawnSync(process.execPath, [CLI, 'boot'], { encoding: 'latin1', timeout: 60_000 });
    const b = spawnSync(process.execPath, [CLI, 'boot', '--debug-on', 'panic,deadlock'], { encoding: 'latin1', timeout: 60_000 });
    expect(b.status).to.equal(a.status);
    expect(b.stdout).to.equal(a.stdout);
  });
});

describe('forkvm debug --arch x86: mdb on the i386 machine', function () {
  this.timeout(120_000);
  const prog = join(ROOT, 'userland', 'bin', 'x86', 'gdb_forks');
  const session = (cmds: string) => {
    const r = spawnSync(process.execPath, [CLI, 'debug', '--arch', 'x86', '-e', cmds, prog], { encoding: 'utf8', timeout: 100_000 });
    expect(r.status, r.stderr).to.equal(0);
    return r.stdout;
  };
  const block = (out: string, cmd: string) => out.split(`> ${cmd}\n`)[1].split('\n> ')[0];

  it('::regs shows the i386 registers, $c walks the %ebp chain through 15 frames, ::dis and /i disassemble i386; SPARC-only dcmds refuse in one line', () => {
    const out = session('::bp proc:::exec-success; :c; ::bp -f leaf; :c; ::regs; $c; ::dis -n 3; ::step; ::regs; $c; ::windows; 0x8049000::wp; ::vtop 0x8049000; ::bp -t 9; main/i; ::as');
    expect(out).to.match(/stop at leaf \(breakpoint 2\): gdb_forks\[3\/1\] on cpu \d/);
    // leaf(793): depth_sum passed acc in %eax (0x319) and it is on the stack.
    expect(out).to.match(/%eax= 0x00000319  %esp= 0x0804[0-9a-f]{4}\n%ecx= 0x[0-9a-f]{8}  %ebp= 0x0804[0-9a-f]{4}\n/);
    expect(out).to.match(/%eip = 0x[0-9a-f]{8} leaf\n%eflags = 0x[0-9a-f]{8}  %cs = 0x001b  %ss = 0x0023  %ds = 0x0023  %es = 0x0023  %fs = 0x0000  %gs = 0x0000\n/);
    for (const c of out.split('> $c\n').slice(1).map((b) => b.split('\n> ')[0].split('\n'))) {
      // At leaf's first instruction and after its push %ebp: leaf, depth_sum(0) (its call of leaf), 12 more depth_sum, main.
      expect(c[0]).to.match(/^leaf(\+0x1)?  \[sp [0-9a-f]{8}, registers\]$/);
      const ds = c.slice(1, 14);
      expect(ds.every((l) => /^depth_sum\+0x[0-9a-f]+  \[sp [0-9a-f]{8}, stack\]$/.test(l)), c.join('\n')).to.equal(true);
      expect(new Set(ds.map((l) => l.split(' ')[0])).size, 'leaf\'s call site and the recursive one').to.equal(2);
      expect(c[14]).to.match(/^main\+0x[0-9a-f]+  \[sp [0-9a-f]{8}, stack\]$/);
    }
    expect(out).to.match(/>leaf +push +%ebp\n leaf\+0x1 +mov +%esp,%ebp\n/);
    expect(out).to.match(/stepped: gdb_forks\[3\/1\] on cpu \d at leaf\+0x1\n/);
    expect(out).to.match(/%eip = 0x[0-9a-f]{8} leaf\+0x1\n/);
    expect(out).to.include('mdb: ::windows: SPARC only (the i386 machine has no register windows)');
    expect(out).to.include('mdb: ::wp: SPARC only (the i386 CPU has no watch unit)');
    expect(out).to.include('mdb: ::vtop: SPARC only (it walks SRMMU page tables)');
    expect(out).to.include('mdb: ::bp -t: SPARC only (the trap types are SPARC V8 ones)');
    expect(out).to.match(/main:\t\tpush +%ebp\n/);
    expect(out).to.match(/e0000[0-9a-f]{3} +\d+ +\d+k +- 3 \(gdb_forks\)/);
  });

  it('::step over a call stops after it in the same function (the call found by ::dis)', () => {
    const dis = block(session('::bp proc:::exec-success; :c; ::bp -f leaf; :c; main::dis -n 40'), 'main::dis -n 40');
    const calls = [...dis.matchAll(/^ (main\+0x([0-9a-f]+)) +call +([0-9a-f]+)$/gm)];
    const ds = calls.findIndex((m) => m[3] === '8049072' || /depth_sum/.test(m[3]));
    expect(ds, dis).to.be.greaterThan(-1);
    const after = calls[ds + 1];                                   // the child's printf
    expect(after, dis).to.not.equal(undefined);
    const out = session(`::bp proc:::exec-success; :c; ${after[1]}::bp -f; :c; ::step over; ::regs; ::step over`);
    const ret = `main+0x${(parseInt(after[2], 16) + 5).toString(16)}`;   // call rel32: 5 bytes
    expect(out).to.match(new RegExp(`> ::step over\\nchild: sum 794 word 2\\nstop at ${ret.replace('+', '\\+')} \\(breakpoint \\d+\\): gdb_forks\\[3/1\\]`));
    expect(out).to.match(new RegExp(`%eip = 0x[0-9a-f]{8} ${ret.replace('+', '\\+')}\\n`));
    expect(out).to.match(/> ::step over\nstepped: gdb_forks\[3\/1\] on cpu \d at main\+0x[0-9a-f]+\n/);   // not a call: one instruction
  });
});
