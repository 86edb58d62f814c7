/*
 * test/debug/gdb_server.test.ts — the gdb stub over TCP (debug/gdb_server.ts): acks until
 * QStartNoAckMode, a bad checksum answered with `-`, an interrupt while the machine runs, a
 * dropped connection re-attached; and `forkvm run --gdb` driven by a real `gdb-multiarch -batch`
 * (break main, continue, bt, info registers pc), skipped when gdb-multiarch is missing, except
 * under CI (process.env.CI), where a missing gdb is a failure.
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
  it('one line on stderr and status 2 for a bad address, a busy port, --gdb on boot', async () => {
    const run = (...a: string[]) => spawnSync(process.execPath, [CLI, ...a], { encoding: 'utf8' });
    for (const [args, msg] of [
      [['run', '--gdb', 'x', join(BIN, 'hello')], "forkvm: --gdb x: use [HOST:]PORT\n"],
      [['run', '--gdb', '70000', join(BIN, 'hello')], "forkvm: --gdb 70000: use [HOST:]PORT\n"],
      [['run', '--gdb'], 'forkvm: --gdb needs a value\n'],
      [['boot', '--gdb', '1234'], "forkvm: unknown flag '--gdb' for boot\n"],
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

/** Where gdb-multiarch is (GDB_MULTIARCH overrides; empty: as if missing), or null. */
function find_gdb(): string | null {
  if (process.env.GDB_MULTIARCH !== undefined) return process.env.GDB_MULTIARCH || null;
  const r = spawnSync('sh', ['-c', 'command -v gdb-multiarch'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Run `forkvm run --gdb` on prog and gdb-multiarch -batch with `cmds` against it. */
async function gdb_session(gdb: string, prog: string, cmds: string[]): Promise<{ text: string; status: number | null; out: string }> {
  const fv = spawn(process.execPath, [CLI, 'run', '--gdb', '127.0.0.1:0', prog], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '', out = '';
  fv.stdout.on('data', (d) => { out += d; });
  const port = await new Promise<number>((res, rej) => {
    fv.stderr.on('data', (d) => {
      err += d;
      const m = /target remote 127\.0\.0\.1:(\d+)/.exec(err);
      if (m) res(Number(m[1]));
    });
    fv.on('exit', () => rej(new Error('forkvm exited: ' + err)));
  });
  const args = ['-nx', '-batch', '-ex', 'set architecture sparc', '-ex', `file ${prog}`, '-ex', `target remote 127.0.0.1:${port}`];
  for (const c of cmds) args.push('-ex', c);
  const r = spawnSync(gdb, args, { encoding: 'utf8', timeout: 120_000 });
  const status = await new Promise<number | null>((res) => { if (fv.exitCode !== null) res(fv.exitCode); else fv.on('exit', (c) => res(c)); });
  const text = r.stdout + r.stderr;
  if (process.env.GDB_TEST_LOG) console.log(text);
  return { text, status, out };
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
