/*
 * debug/gdb_server.ts — `forkvm run --gdb [HOST:]PORT`: stop the program at its ELF entry point
 * once init has exec'd it (as qemu-sparc -g does), then serve gdb over TCP (loopback by default),
 * one connection at a time: a dropped connection leaves the machine stopped for the next one.
 * GdbConnection moves packets between a socket and a GdbStub and runs the machine in slices
 * from the event loop while gdb waits, so gdb's interrupt (0x03) gets through.
 */

import net from 'node:net';
import type { DebugTarget } from './target.ts';
import { probe_enable } from '../kernel/common/os/probes.ts';
import { RspDecoder, rsp_frame } from './gdb_rsp.ts';
import { GdbStub, type StubState } from './gdb_stub.ts';

/** The ELF entry point of an image (e_entry), or -1 when it is not an ELF32. */
export function elf_entry(b: Uint8Array): number {
  if (b.length < 28 || b[0] !== 0x7f || b[1] !== 0x45 || b[4] !== 1) return -1;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return dv.getUint32(24, b[5] !== 2) >>> 0;
}

/**
 * gdb_stop_at_entry — run the target until the process that execs `path` is about to run the
 * first instruction of `image` (a breakpoint at its entry point for that pid only). Returns the
 * pid, or an error line when the machine halted first.
 */
export function gdb_stop_at_entry(tgt: DebugTarget, path: string, image: Uint8Array): { pid: number } | { error: string } {
  const entry = elf_entry(image);
  if (entry < 0) return { error: `${path}: not an ELF32 image` };
  let pid = -1;
  probe_enable(tgt.k, (e) => {
    if (pid < 0 && e.name === 'exec-success' && e.args.path === path) {
      pid = e.args.pid as number;
      tgt.add_bp('addr', '_start', entry, { pids: [pid], temp: true });
    }
  });
  for (;;) {
    const r = tgt.go();
    if (tgt.halted) return { error: `${path} did not start: ${r}` };
    if (pid >= 0 && tgt.cur_t?.t_procp.p_pid === pid && tgt.k.kdi_stopped?.kind === 'addr') return { pid };
  }
}

/**
 * GdbConnection — one gdb on one socket: acks (until QStartNoAckMode), the stub's replies, the
 * machine's slices while it runs. `done` resolves with the stub's state when the socket closes.
 */
export class GdbConnection {
  private readonly dec = new RspDecoder();
  private last_sent = '';
  private closed = false;
  readonly done: Promise<StubState>;

  constructor(readonly sock: net.Socket, readonly stub: GdbStub, readonly log: (line: string) => void = () => {}) {
    let resolve!: (s: StubState) => void;
    this.done = new Promise((r) => { resolve = r; });
    sock.setNoDelay(true);
    sock.on('data', (d: Buffer) => this.input(d.toString('latin1')));
    sock.on('error', () => { /* the close event follows */ });
    sock.on('close', () => {
      this.closed = true;
      // gdb went away while the machine ran: stop it where it is for the next connection.
      if (stub.state === 'running') { stub.interrupt(); while (stub.state === 'running') stub.run_slice(); }
      stub.noack = false;
      resolve(stub.state);
    });
  }

  private send(payload: string): void {
    if (this.closed) return;
    this.last_sent = rsp_frame(payload);
    this.sock.write(Buffer.from(this.last_sent, 'latin1'));
  }

  private input(bytes: string): void {
    for (const e of this.dec.feed(bytes)) {
      if (e.kind === 'interrupt') { this.stub.interrupt(); continue; }
      if (e.kind === 'nak') { if (!this.stub.noack && this.last_sent) this.sock.write(Buffer.from(this.last_sent, 'latin1')); continue; }
      if (e.kind === 'ack') continue;
      if (!e.ok && !this.stub.noack) { this.sock.write('-'); continue; }
      if (!this.stub.noack) this.sock.write('+');
      const was = this.stub.state;
      const r = this.stub.handle(e.data);
      if (r !== null) this.send(r);
      if (this.stub.state === 'killed' || this.stub.state === 'detached') { this.sock.end(); return; }
      if (this.stub.state === 'running' && was !== 'running') this.run();
    }
  }

  /** Run slices from the event loop until the stub reports a stop. */
  private run(): void {
    const tick = () => {
      if (this.closed || this.stub.state !== 'running') return;
      const r = this.stub.run_slice();
      if (r !== null) this.send(r);
      else setImmediate(tick);
    };
    setImmediate(tick);
  }
}

/** Parse `[HOST:]PORT`; host defaults to loopback. Null when malformed. */
export function parse_gdb_addr(s: string): { host: string; port: number } | null {
  const m = /^(?:(.*):)?(\d{1,5})$/.exec(s);
  if (!m) return null;
  const port = Number(m[2]);
  if (port > 65535) return null;
  return { host: m[1] === undefined || m[1] === '' ? '127.0.0.1' : m[1], port };
}

/**
 * gdb_serve — listen on host:port and serve gdb connections one at a time until one kills or
 * detaches (resolves with that state; a connection that closes after the program's end counts as
 * a detach); `ready` gets the bound port (port 0 picks one).
 */
export function gdb_serve(stub: GdbStub, host: string, port: number, log: (line: string) => void, ready?: (port: number) => void): Promise<StubState> {
  return new Promise((resolve, reject) => {
    let busy = false;
    const srv = net.createServer((sock) => {
      if (busy) { sock.destroy(); return; }
      busy = true;
      log(`forkvm: gdb connected from ${sock.remoteAddress}:${sock.remotePort}`);
      const c = new GdbConnection(sock, stub, log);
      void c.done.then((st) => {
        busy = false;
        // After the program's end there is nothing left to attach to: finish as a detach.
        if (st === 'killed' || st === 'detached' || stub.exited) { srv.close(); resolve(st === 'killed' ? st : 'detached'); }
        else log('forkvm: gdb disconnected; the machine stays stopped for the next connection');
      });
    });
    srv.on('error', reject);
    srv.listen(port, host, () => {
      const a = srv.address();
      ready?.(typeof a === 'object' && a ? a.port : port);
    });
  });
}
