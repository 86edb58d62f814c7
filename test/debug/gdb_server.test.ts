/*
 * test/debug/gdb_server.test.ts — the gdb stub over TCP (debug/gdb_server.ts): acks until
 * QStartNoAckMode, a bad checksum answered with `-`, an interrupt while the machine runs, a
 * dropped connection re-attached; and `forkvm run|boot|debug --gdb` driven by a real
 * `gdb-multiarch -batch`: break main, continue, bt, info registers pc; following a fork into the
 * child and a 15-frame bt with every frame's locals (userland/tests/gdb/forks.c); catch fork with
 * detach-on-fork off and info inferiors; a watchpoint on a copy-on-write page; catch vfork and
 * catch exec; signal SIGUSR1 and a signal stop; boot --gdb through forkvm gdbinit; debug --gdb handing over to mdb;
 * --gdb-wait; on the i386 machine (run --arch x86 --gdb): following a fork into the child, a 15-frame
 * bt with the arguments, info registers eip, stepi, a software watchpoint, continue to the exit,
 * and gdbinit --arch x86. Skipped when gdb-multiarch is missing, except under CI (process.env.CI), where a
 * missing gdb is a failure.
 */

import { expect } from 'chai';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { start_image, DEFAULT_BOOT, ROOT } from '../../boot/boot.ts';
import { DebugTarget } from '../../debug/target.ts';
import { GdbStub } from '../../debug/gdb_stub.ts';
import { gdb_stop_at_entry, gdb_serve, parse_gdb_addr } from '../../debug/gdb_server.ts';
import { RspDecoder, rsp_frame } from '../../debug/gdb_rsp.ts';
import { find_gdb } from './gdb_harness.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const CLI = join(ROOT, 'bin', 'forkvm.js');

/** A client socket that collects replies. */
class Client {
  readonly dec = new RspDecoder();
  readonly raw: string[] = [];
  private waiters: (() => void)[] = [];
  private packets: string[] = [];
  constructor(readonly sock: net.Socket) {
    sock.on('data', (d) => {
      const s = d.toString('latin1');
      this.raw.push(s);
      for (const e of this.dec.feed(s)) if (e.kind === 'packet') this.packets.push(e.data);
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static connect(port: number): Promise<Client> {
    return new Promise((res, rej) => { const s = net.connect(port, '127.0.0.1', () => res(new Client(s))); s.on('error', rej); });
  }
  send(bytes: string): void { this.sock.write(Buffer.from(bytes, 'latin1')); }
  async reply(): Promise<string> {
    while (this.packets.length === 0) await new Promise<void>((r) => this.waiters.push(r));
    return this.packets.shift()!;
  }
  async ask(p: string): Promise<string> { this.send(rsp_frame(p)); return this.reply(); }
}

describe('debug/gdb_server: TCP', function () {
  this.timeout(120_000);

  it('parses [HOST:]PORT', () => {
    expect(parse_gdb_addr('1234')).to.deep.equal({ host: '127.0.0.1', port: 1234 });
    expect(parse_gdb_addr(':1234')).to.deep.equal({ host: '127.0.0.1', port: 1234 });
    expect(parse_gdb_addr('0.0.0.0:9')).to.deep.equal({ host: '0.0.0.0', port: 9 });
    expect(parse_gdb_addr('x')).to.equal(null);
    expect(parse_gdb_addr('99999')).to.equal(null);
  });

  it('acks, naks a bad checksum, interrupts a running machine, and takes a second connection', async () => {
    const image = new Uint8Array(readFileSync(join(BIN, 'bench_cpu')));
    const st = start_image({ ...DEFAULT_BOOT, fsDirs: [] }, image, ['bench_cpu']);
    const tgt = new DebugTarget(st.kernel, st.machine);
    const at = gdb_stop_at_entry(tgt, '/bin/bench_cpu', image);
    if ('error' in at) throw new Error(at.error);
    const stub = new GdbStub(tgt, at.pid);
    let port = 0;
    const ready = new Promise<void>((r) => { void gdb_serve(stub, '127.0.0.1', 0, () => {}, (p) => { port = p; r(); }).then((s) => { done = s; }); });
    let done: string | null = null;
    await ready;

    const c1 = await Client.connect(port);
    expect(await c1.ask('?')).to.equal('T05thread:1;');
    expect(c1.raw.join('')[0]).to.equal('+');                         // acked
    c1.send('$g#00');                                                  // bad checksum
    await new Promise((r) => setTimeout(r, 50));
    expect(c1.raw.join('')).to.include('-');
    // A continue, then an interrupt: bench_cpu runs ~300M instructions, so only the interrupt stops it.
    c1.send(rsp_frame('c'));
    await new Promise((r) => setTimeout(r, 200));
    c1.send('\x03');
    expect(await c1.reply()).to.match(/^T02thread:1;$/);
    // Drop the connection without detaching; a new one finds the machine stopped.
    c1.sock.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(stub.state).to.equal('stopped');
    const c2 = await Client.connect(port);
    expect(await c2.ask('QStartNoAckMode')).to.equal('OK');
    expect(await c2.ask('?')).to.match(/^T02thread:1;$/);
    expect(c2.raw.join('').replace(/\$[^#]*#../g, '').replace(/^\+/, '')).to.equal('');  // no acks after OK
    expect((await c2.ask('g')).length).to.equal(72 * 8);
    c2.send(rsp_frame('k'));
    await new Promise((r) => c2.sock.on('close', r));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).to.equal('killed');
    expect(stub.internal_errors).to.equal(0);
  });
});

describe('forkvm run --gdb: bad input', function () {
  this.timeout(60_000);
  it('one line on stderr and status 2 for a bad address, a busy port, bad --gdb-wait and gdbinit arguments', async () => {
    const run = (...a: string[]) => spawnSync(process.execPath, [CLI, ...a], { encoding: 'utf8' });
    for (const [args, msg] of [
      [['run', '--gdb', 'x', join(BIN, 'hello')], "forkvm: --gdb x: use [HOST:]PORT\n"],
      [['run', '--gdb', '70000', join(BIN, 'hello')], "forkvm: --gdb 70000: use [HOST:]PORT\n"],
      [['run', '--gdb'], 'forkvm: --gdb needs a value\n'],
      [['boot', '--gdb-wait'], 'forkvm: --gdb-wait needs --gdb [HOST:]PORT\n'],
      [['boot', '--gdb', '1', '--gdb-wait=1'], "forkvm: --gdb-wait takes no value (got '--gdb-wait=1')\n"],
      [['boot', '--gdb', '1', '--debug-on', 'panic'], 'forkvm: --gdb and --debug-on cannot be used together\n'],
      [['debug', '--gdb', '1', '--gdb-wait'], "forkvm: unknown flag '--gdb-wait' for debug (debug --gdb always stops before init's first instruction)\n"],
      [['gdbinit', '99999'], 'forkvm: gdbinit: 99999: use [HOST:]PORT\n'],
      [['gdbinit', '1', '/no/such'], 'forkvm: gdbinit: /no/such: no such file\n'],
      [['gdbinit', '1', 'a', 'b'], "forkvm: gdbinit: unexpected argument 'b'\n"],
    ] as [string[], string][]) {
      const r = run(...args);
      expect(r.stderr, args.join(' ')).to.equal(msg);
      expect(r.status).to.equal(2);
    }
    const busy = net.createServer();
    const port = await new Promise<number>((res) => busy.listen(0, '127.0.0.1', () => res((busy.address() as net.AddressInfo).port)));
    const r = await new Promise<{ status: number | null; stderr: string }>((res) => {
      const c = spawn(process.execPath, [CLI, 'run', '--gdb', String(port), join(BIN, 'hello')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let e = '';
      c.stderr.on('data', (d) => { e += d; });
      c.on('exit', (status) => res({ status, stderr: e }));
    });
    busy.close();
    expect(r.stderr).to.equal(`forkvm: --gdb 127.0.0.1:${port}: cannot listen (EADDRINUSE)\n`);
    expect(r.status).to.equal(2);
  });
});


/**
 * Run `forkvm CMD --gdb 127.0.0.1:0 ...` (CMD run with prog, or boot / debug) and gdb-multiarch -batch
 * with `cmds` against it: after `file prog` and `target remote`, or, with `init` set, the commands
 * `forkvm gdbinit` prints (extended-remote).
 */
async function gdb_session(gdb: string, prog: string, cmds: string[], o: { fv?: string[]; init?: boolean; stdin?: string; x86?: boolean } = {}): Promise<{ text: string; status: number | null; out: string; err: string }> {
  const fvargs = o.fv ?? ['run', ...(o.x86 ? ['--arch', 'x86'] : []), '--gdb', '127.0.0.1:0', prog];
  const fv = spawn(process.execPath, [CLI, ...fvargs], { stdio: [o.stdin !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  if (o.stdin !== undefined) fv.stdin!.end(o.stdin);
  let err = '', out = '';
  fv.stdout!.on('data', (d) => { out += d; });
  const port = await new Promise<number>((res, rej) => {
    fv.stderr!.on('data', (d) => {
      err += d;
      const m = /target (?:extended-)?remote 127\.0\.0\.1:(\d+)/.exec(err);
      if (m) res(Number(m[1]));
    });
    fv.on('exit', () => rej(new Error('forkvm exited: ' + err)));
  });
  let args: string[];
  if (o.init) {
    const init = spawnSync(process.execPath, [CLI, 'gdbinit', ...(o.x86 ? ['--arch', 'x86'] : []), `127.0.0.1:${port}`, prog], { encoding: 'utf8' });
    expect(init.status, init.stderr).to.equal(0);
    args = ['-nx', '-batch'];
    for (const l of init.stdout.split('\n')) if (l !== '' && !l.startsWith('#')) args.push('-ex', l);
  } else args = ['-nx', '-batch', '-ex', `set architecture ${o.x86 ? 'i386' : 'sparc'}`, '-ex', `file ${prog}`, '-ex', `target remote 127.0.0.1:${port}`];
  for (const c of cmds) args.push('-ex', c);
  const r = spawnSync(gdb, args, { encoding: 'utf8', timeout: 120_000 });
  const status = await new Promise<number | null>((res) => { if (fv.exitCode !== null) res(fv.exitCode); else fv.on('exit', (c) => res(c)); });
  const text = r.stdout + r.stderr;
  if (process.env.GDB_TEST_LOG) console.log(text);
  return { text, status, out, err };
}

/** gdb-multiarch, or skip the test (fail under CI). */
function need_gdb(ctx: Mocha.Context): string {
  const gdb = find_gdb();
  if (!gdb) {
    if (process.env.CI) throw new Error('gdb-multiarch is not installed (required under CI: apt-get install gdb-multiarch)');
    ctx.skip();
  }
  return gdb!;
}

describe('forkvm run --gdb with gdb-multiarch', function () {
  this.timeout(180_000);

  it('break main, continue, bt, info registers pc, stepi, continue to the exit', async function () {
    const gdb = find_gdb();
    if (!gdb) {
      if (process.env.CI) throw new Error('gdb-multiarch is not installed (required under CI: apt-get install gdb-multiarch)');
      this.skip();
    }
    const prog = join(BIN, 'diff_recurse');
    const { text, status, out } = await gdb_session(gdb!, prog, ['info registers pc', 'break main', 'continue', 'bt', 'info registers pc',
      'stepi', 'info registers pc', 'break fib', 'ignore 2 3', 'continue', 'bt', 'delete', 'continue']);
    expect(text).to.match(/pc\s+0x10[0-9a-f]+\s+0x10[0-9a-f]+ <_start>/);
    expect(text).to.match(/Breakpoint 1, 0x[0-9a-f]+ in main \(\)/);
    expect(text).to.match(/#0 +0x[0-9a-f]+ in main \(\)/);
    expect(text).to.match(/pc\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <main\+4>/);
    expect(text).to.match(/pc\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <main\+8>/);          // stepi
    // The fourth call of fib is three deep: the callers' frames come from live windows, then main.
    expect(text).to.match(/#0 +0x[0-9a-f]+ in fib \(\)\n#1 +0x[0-9a-f]+ in fib \(\)\n#2 +0x[0-9a-f]+ in fib \(\)\n#3 +0x[0-9a-f]+ in main \(\)/);
    expect(text).to.include('[Inferior 1 (process 2) exited normally]');
    expect(text).to.not.match(/Remote 'g' packet|Cannot access memory|Backtrace stopped/);
    expect(status).to.equal(0);
    expect(out).to.include('recurse: done');
  });

  it('bt through frames spilled to the stack and live windows alike (bench_cpu fib), then kill', async function () {
    const gdb = find_gdb();
    if (!gdb) {
      if (process.env.CI) throw new Error('gdb-multiarch is not installed (required under CI: apt-get install gdb-multiarch)');
      this.skip();
    }
    const { text, status } = await gdb_session(gdb!, join(BIN, 'bench_cpu'), ['break fib', 'continue', 'ignore 1 30', 'continue', 'bt', 'kill']);
    const frames = text.split('\n').filter((l) => /^#\d+ /.test(l));
    // More fib frames than the 8 register windows hold: the outer ones come from the stack.
    expect(frames.length).to.be.greaterThan(10);
    expect(frames.slice(0, -1).every((l) => / in fib \(\)$/.test(l)), frames.join('\n')).to.equal(true);
    expect(frames[frames.length - 1]).to.match(/ in main \(\)$/);
    expect(text).to.not.match(/Backtrace stopped|Cannot access memory/);
    expect(text).to.include('[Inferior 1 (process 2) killed]');
    expect(status).to.equal(137);
  });
});

describe('forkvm --gdb with gdb-multiarch: processes as inferiors, fork/vfork/exec events, watchpoints, signals', function () {
  this.timeout(180_000);
  const FORKS = join(BIN, 'gdb_forks');

  it('follows a fork into the child, breaks in its 13-deep recursion, and bt shows every frame with its locals', async function () {
    const gdb = need_gdb(this);
    const { text, status, out } = await gdb_session(gdb, FORKS, ['set follow-fork-mode child', 'break leaf', 'continue', 'bt', 'info frame',
      'p twice', 'frame 5', 'p local', 'p depth', 'p acc', 'info frame', 'frame 14', 'p sum', 'info inferiors', 'continue']);
    expect(text).to.match(/\[Attaching after Thread 2\.1 fork to child Thread 3\.1\]\n\[New inferior 2 \(process 3\)\]\n\[Detaching after fork from parent process 2\]/);
    expect(text).to.match(/hit Breakpoint 1, leaf \(acc=793\) at userland\/tests\/gdb\/forks\.c:\d+/);
    const frames = text.split('\n').filter((l) => /^#\d+ /.test(l));
    // leaf, depth_sum for depth 0..12 (acc the running sum), main: 15 frames, each with its arguments.
    const bt = frames.slice(0, 15);
    expect(bt[0]).to.match(/^#0 +leaf \(acc=793\)/);
    let acc = 0;
    const want: string[] = [];
    for (let d = 12; d >= 0; d--) { want.unshift(`depth_sum (depth=${d}, acc=${acc})`); acc += d * 10 + 1; }
    for (let i = 0; i < 13; i++) expect(bt[1 + i], bt.join('\n')).to.include(want[i]);
    expect(bt[14]).to.match(/^#14 +0x[0-9a-f]+ in main \(\) at userland\/tests\/gdb\/forks\.c:\d+/);
    expect(text).to.match(/Stack level 0, frame at 0x[0-9a-f]+:\n pc = 0x[0-9a-f]+ in leaf \(userland\/tests\/gdb\/forks\.c:\d+\); saved pc = 0x[0-9a-f]+\n called by frame at 0x[0-9a-f]+/);
    expect(text).to.match(/\n#5 +0x[0-9a-f]+ in depth_sum \(depth=4, acc=688\)[^\n]*\n[^\n]*\n\$2 = 41\n\$3 = 4\n\$4 = 688\n/);
    expect(text).to.match(/Stack level 5, frame at 0x[0-9a-f]+:\n pc = 0x[0-9a-f]+ in depth_sum [^\n]*; saved pc = 0x[0-9a-f]+\n called by frame at 0x[0-9a-f]+, caller of frame at 0x[0-9a-f]+/);
    expect(text).to.match(/\n\* 2 +process 3 /);
    expect(text).to.include('[Inferior 2 (process 3) exited normally]');
    expect(text).to.not.match(/Backtrace stopped|Cannot access memory|error reading variable/);
    expect(out).to.include('child: sum 794 word 2').and.include('parent: child status 0 word 3').and.include('got signals 0 17');
    expect(status).to.equal(0);
  });

  it('catch fork stops at the fork; with follow-fork-mode child and detach-on-fork off info inferiors shows both', async function () {
    const gdb = need_gdb(this);
    const { text, status } = await gdb_session(gdb, FORKS, ['catch fork', 'set follow-fork-mode child', 'set detach-on-fork off', 'continue',
      'info inferiors', 'bt', 'break leaf', 'continue', 'info inferiors', 'info threads', 'kill inferiors 1 2']);
    expect(text).to.match(/Catchpoint 1 \(forked process 3\), 0x[0-9a-f]+ in __fork1 \(\)/);
    // At the catchpoint only the parent is an inferior yet (as on Linux: the child is added on resume).
    expect(text).to.match(/\* 1 +process 2 [^\n]*\n#0 +0x[0-9a-f]+ in __fork1 \(\)\n#1 +0x[0-9a-f]+ in fork1 \(\)\n#2 +0x[0-9a-f]+ in main \(\) at userland\/tests\/gdb\/forks\.c:\d+/);
    expect(text).to.match(/\[New inferior 2 \(process 3\)\]\n\nThread 2\.1 "gdb_forks" hit Breakpoint 2(\.2)?, leaf \(acc=793\)/);
    expect(text).to.match(/ 1 +process 2 [^\n]*\n\* 2 +process 3 /);
    expect(text).to.match(/ 1\.1 +Thread 2\.1 "gdb_forks"[^\n]*\n\* 2\.1 +Thread 3\.1 "gdb_forks"/);
    expect(text).to.not.match(/Detaching after fork/);
    expect(status).to.equal(137);
  });

  it('a watchpoint on a copy-on-write page fires in the writer only', async function () {
    const gdb = need_gdb(this);
    const { text, out, status } = await gdb_session(gdb, FORKS, ['handle SIGUSR2 nostop noprint nopass', 'watch shared_word', 'continue', 'bt 1', 'p shared_word', 'delete', 'continue']);
    // The child's store (its own copy: word 2) does not stop the parent's watchpoint; the parent's does.
    expect(text).to.match(/Hardware watchpoint 1: shared_word\n\nOld value = 1\nNew value = 3\nmain \(\) at userland\/tests\/gdb\/forks\.c:\d+/);
    expect(text).to.match(/\$1 = 3\n/);
    expect(out.indexOf('child: sum 794 word 2')).to.be.greaterThan(-1);
    expect(out).to.include('got signals 0 0');                        // SIGUSR2 stopped for gdb, not passed
    expect(text).to.include('[Inferior 1 (process 2) exited normally]');
    expect(status).to.equal(0);
  });

  it('catch vfork, then catch exec in the vfork child: gdb reads the guest /bin/echo through vFile', async function () {
    const gdb = need_gdb(this);
    const { text, status, out } = await gdb_session(gdb, FORKS, ['catch vfork', 'catch exec', 'continue', 'info inferiors', 'set follow-fork-mode child',
      'continue', 'bt 1', 'info inferiors', 'continue']);
    expect(text).to.match(/Catchpoint 1 \(vforked process 4\), 0x[0-9a-f]+ in vfork \(\)/);
    expect(text).to.match(/\[Attaching after Thread 2\.1 vfork to child Thread 4\.1\]/);
    expect(text).to.match(/process 4 is executing new program: \/bin\/echo/);
    expect(text).to.match(/hit Catchpoint 2 \(exec'd \/bin\/echo\), 0x[0-9a-f]+ in _start \(\)/);
    expect(text).to.match(/\* 2 +process 4 +[^\n]*target:\/bin\/echo/);
    expect(text).to.include('[Inferior 2 (process 4) exited normally]');
    expect(out).to.include("vfork child exec'd echo").and.include('got signals 0 17');
    expect(status).to.equal(0);
  });

  it('signal SIGUSR1 delivers a signal (C packet); a signal the program sends itself stops it first (ptrace-like), handle decides', async function () {
    const gdb = need_gdb(this);
    const { text, status, out } = await gdb_session(gdb, FORKS, ['handle SIGUSR1 nostop noprint pass', 'info signals SIGUSR1', 'break signal_point', 'continue',
      'signal SIGUSR1', 'bt 2', 'continue']);
    expect(text).to.match(/SIGUSR1 +No\tNo\tYes\t\tUser defined signal 1/);
    expect(text).to.match(/Breakpoint 1, signal_point \(\) at userland\/tests\/gdb\/forks\.c:\d+/);
    // kill(getpid(), SIGUSR2): gdb hears of it before the handler runs, then passes it on.
    expect(text).to.match(/Program received signal SIGUSR2, User defined signal 2\.\n0x[0-9a-f]+ in kill \(\)\n#0 +0x[0-9a-f]+ in kill \(\)\n#1 +0x[0-9a-f]+ in main \(\) at userland\/tests\/gdb\/forks\.c:\d+/);
    expect(text).to.include('[Inferior 1 (process 2) exited normally]');
    expect(out).to.include('got signals 16 17');                      // Solaris SIGUSR1, SIGUSR2
    expect(status).to.equal(0);
  });

  it('boot --gdb with forkvm gdbinit (extended-remote): init is the first inferior, catch fork, detach lets the boot finish', async function () {
    const gdb = need_gdb(this);
    const { text, status, out, err } = await gdb_session(gdb, join(BIN, 'init'), ['info registers pc', 'catch fork', 'continue', 'info inferiors', 'bt', 'detach'],
      { fv: ['boot', '--gdb', '127.0.0.1:0'], init: true });
    expect(err).to.match(/pid 1 \(init\) stopped before its first instruction; gdb: target extended-remote 127\.0\.0\.1:\d+/);
    expect(text).to.match(/pc +0x[0-9a-f]+ +0x[0-9a-f]+ <_start>/);
    expect(text).to.match(/Catchpoint 1 \(forked process 2\), 0x[0-9a-f]+ in __fork1 \(\)/);
    expect(text).to.match(/\* 1 +process 1 +1 \(extended-remote 127\.0\.0\.1:\d+\)/);
    expect(text).to.include('[Inferior 1 (process 1) detached]');
    expect(out).to.include('forkvm init: done');
    expect(status).to.equal(0);
  });

  it('debug --gdb: gdb first, then the mdb session goes on where gdb detached', async function () {
    const gdb = need_gdb(this);
    const { text, status, out } = await gdb_session(gdb, join(BIN, 'init'), ['catch fork', 'continue', 'monitor ::ps', 'detach'],
      { fv: ['debug', '--gdb', '127.0.0.1:0'], init: true, stdin: '::status\n:c\n' });
    expect(text).to.match(/Catchpoint 1 \(forked process 2\)/);
    expect(text).to.match(/S +2 +1 +1 +1 +0 0x[0-9a-f]+ [0-9a-f]+ init/);
    expect(out).to.match(/forkvm debug: gdb detached; stopped where gdb detached: pid 1 forked pid 2\n> ::status\n[\s\S]*stopped: pid 1 forked pid 2\n/);
    expect(out).to.match(/forkvm init: done\ntarget exited: init exited \(status 0\)/);
    expect(status).to.equal(0);
  });

  it('run --gdb-wait: init is the first inferior; following forks and the exec reaches the program', async function () {
    const gdb = need_gdb(this);
    const { text, status, err } = await gdb_session(gdb, FORKS, ['set follow-fork-mode child', 'catch exec', 'continue', 'bt 1', 'info inferiors', 'break leaf', 'continue', 'bt 3', 'kill'],
      { fv: ['run', '--gdb', '127.0.0.1:0', '--gdb-wait', FORKS], init: true });
    expect(err).to.match(/pid 1 \(init\) stopped before its first instruction/);
    expect(text).to.match(/process 2 is executing new program: \/bin\/gdb_forks/);
    expect(text).to.match(/hit Catchpoint 1 \(exec'd \/bin\/gdb_forks\), 0x[0-9a-f]+ in _start \(\)/);
    expect(text).to.match(/#0 +leaf \(acc=793\)[^\n]*\n#1 +0x[0-9a-f]+ in depth_sum \(depth=0, acc=792\)/);
    expect(status).to.equal(137);
  });
});

describe('forkvm run --arch x86 --gdb with gdb-multiarch (the i386 target)', function () {
  this.timeout(180_000);
  const FORKS = join(ROOT, 'userland', 'bin', 'x86', 'gdb_forks');

  it('follows a fork into the child, breaks in leaf, bt through 15 frames with their arguments, info registers eip, stepi, continue to the exit', async function () {
    const gdb = need_gdb(this);
    const { text, status, out } = await gdb_session(gdb, FORKS, ['info registers eip', 'set follow-fork-mode child', 'break leaf', 'continue', 'bt',
      'info registers eip', 'stepi', 'info registers eip', 'p acc', 'frame 5', 'p local', 'p depth', 'info registers esp', 'continue'], { x86: true });
    expect(text).to.match(/eip +0x8049[0-9a-f]+ +0x8049[0-9a-f]+ <_start>/);
    expect(text).to.match(/\[Attaching after Thread 2\.1 fork to child Thread 3\.1\]\n\[New inferior 2 \(process 3\)\]\n\[Detaching after fork from parent process 2\]/);
    expect(text).to.match(/hit Breakpoint 1, leaf \(acc=793\) at userland\/tests\/gdb\/forks\.c:\d+/);
    const bt = text.split('\n').filter((l) => /^#\d+ /.test(l)).slice(0, 15);
    expect(bt[0]).to.match(/^#0 +leaf \(acc=793\)/);
    let acc = 0;
    const want: string[] = [];
    for (let d = 12; d >= 0; d--) { want.unshift(`depth_sum (depth=${d}, acc=${acc})`); acc += d * 10 + 1; }
    for (let i = 0; i < 13; i++) expect(bt[1 + i], bt.join('\n')).to.include(want[i]);
    expect(bt[14]).to.match(/^#14 +0x[0-9a-f]+ in main \(\) at userland\/tests\/gdb\/forks\.c:\d+/);
    // The breakpoint is after leaf's prologue; stepi moves %eip to the next instruction.
    const eips = [...text.matchAll(/^eip +0x([0-9a-f]+) +0x[0-9a-f]+ <leaf\+(\d+)>/gm)].map((m) => [parseInt(m[1], 16), Number(m[2])]);
    expect(eips, text).to.have.length(2);
    expect(eips[1][0]).to.be.greaterThan(eips[0][0]);
    expect(eips[1][0] - eips[0][0]).to.equal(eips[1][1] - eips[0][1]);
    expect(text).to.match(/\$1 = 793\n#5 +0x[0-9a-f]+ in depth_sum \(depth=4, acc=688\)[^\n]*\n[^\n]*\n\$2 = 41\n\$3 = 4\n/);
    expect(text).to.match(/esp +0x804[0-9a-f]+ +0x804[0-9a-f]+\n/);
    expect(text).to.include('[Inferior 2 (process 3) exited normally]');
    expect(text).to.not.match(/Backtrace stopped|Cannot access memory|error reading variable|Remote failure/);
    expect(out).to.include('child: sum 794 word 2').and.include('parent: child status 0 word 3').and.include('got signals 0 17');
    expect(status).to.equal(0);
  });

  it('through forkvm gdbinit --arch x86 (extended-remote): a software watchpoint (no watch unit) fires on the parent\'s store after waitpid', async function () {
    const gdb = need_gdb(this);
    const { text, out, status } = await gdb_session(gdb, FORKS, ['handle SIGUSR2 nostop noprint nopass', 'break 66', 'continue', 'watch shared_word',
      'continue', 'bt 1', 'p shared_word', 'delete', 'continue'], { x86: true, init: true });
    expect(text).to.match(/\nWatchpoint 2: shared_word\n/).and.not.match(/Hardware watchpoint|Could not insert/);
    expect(text).to.match(/Watchpoint 2: shared_word\n\nOld value = 1\nNew value = 3\nmain \(\) at userland\/tests\/gdb\/forks\.c:\d+/);
    expect(text).to.match(/\$1 = 3\n/);
    expect(text).to.include('[Inferior 1 (process 2) exited normally]');
    expect(out).to.include('child: sum 794 word 2').and.include('got signals 0 0');
    expect(status).to.equal(0);
  });
});
