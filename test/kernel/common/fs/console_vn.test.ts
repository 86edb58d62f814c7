/*
 * test/kernel/common/fs/console_vn.test.ts — the console vnode (kernel/common/fs/console_vn.ts):
 * a read with no input queued sleeps (it does not spin on the run queue) until console_wakeup,
 * returns 0 once input is closed, EINTR on a signal, EAGAIN/0 under FNONBLOCK/FNDELAY; writes go
 * straight to the device; one vnode per device.
 */

import { expect } from 'chai';
import { console_vnode, console_err_vnode, console_wakeup, type ConsoleDev } from '../../../../kernel/common/fs/console_vn.ts';
import { FNDELAY, FNONBLOCK } from '../../../../kernel/common/fs/file.ts';
import { TS_SLEEP, type KGen } from '../../../../kernel/common/sys/thread.ts';
import { EAGAIN, EINTR, EPIPE } from '../../../../kernel/common/sys/errno.ts';
import { SIGPIPE, SIGUSR1 } from '../../../../kernel/common/sys/signal.ts';
import { tsignal } from '../../../../kernel/common/os/sig.ts';
import type { VopRet } from '../../../../kernel/common/fs/vnode.ts';
import { Sim } from './fs_harness.ts';

/** A console device: queued input, an open/closed flag, captured output. */
class FakeCons implements ConsoleDev {
  input: number[] = [];
  closed = false;
  out: number[] = [];
  err: number[] = [];
  write(b: Uint8Array): void { this.out.push(...b); }
  writeErr(b: Uint8Array): void { this.err.push(...b); }
  read(n: number): Uint8Array | null {
    if (this.input.length === 0) return this.closed ? new Uint8Array(0) : null;
    return Uint8Array.from(this.input.splice(0, n));
  }
}

function* rd(dev: ConsoleDev, len: number, fflag = 0): KGen<VopRet & { text: string }> {
  let text = '';
  const r = yield* console_vnode(dev).vop_read(0, len, fflag, (d) => { text = new TextDecoder().decode(d); return 0; });
  return { ...r, text };
}

describe('kernel/common/fs/console_vn', () => {
  it('sleeps while no input is queued and wakes on console_wakeup', () => {
    const sim = new Sim();
    const dev = new FakeCons();
    const r = sim.spawn(sim.proc(), () => rd(dev, 10));
    const steps = sim.run();
    expect(steps).to.be.lessThan(5);                  // it went to sleep, it did not poll
    expect(r.t.t_state).to.equal(TS_SLEEP);
    expect(sim.disp.runq).to.have.length(0);
    dev.input.push(...new TextEncoder().encode('typed\n'));
    sim.as(r.t, () => console_wakeup(dev));
    sim.run();
    expect(r.out.value).to.deep.include({ error: 0, n: 6, text: 'typed\n' });
  });

  it('returns queued input at once and 0 (end of file) once input is closed', () => {
    const sim = new Sim();
    const dev = new FakeCons();
    dev.input.push(65, 66, 67);
    const r1 = sim.spawn(sim.proc(), () => rd(dev, 2));
    sim.run();
    expect(r1.out.value).to.deep.include({ n: 2, text: 'AB' });
    const r2 = sim.spawn(sim.proc(), () => rd(dev, 10));
    const r3 = sim.spawn(sim.proc(), () => rd(dev, 10));
    sim.run();
    expect(r2.out.value).to.deep.include({ n: 1, text: 'C' });
    expect(r3.out.done).to.equal(false);
    dev.closed = true;
    sim.as(r3.t, () => console_wakeup(dev));
    sim.run();
    expect(r3.out.value).to.deep.include({ error: 0, n: 0 });
  });

  it('ends the sleep with EINTR when a signal arrives', () => {
    const sim = new Sim();
    const dev = new FakeCons();
    const r = sim.spawn(sim.proc(), () => rd(dev, 10));
    sim.run();
    sim.as(r.t, () => tsignal(r.t, SIGUSR1));
    sim.run();
    expect(r.out.value).to.deep.include({ error: EINTR, n: 0 });
  });

  it('does not sleep under FNONBLOCK (EAGAIN) or FNDELAY (0)', () => {
    const sim = new Sim();
    const dev = new FakeCons();
    const a = sim.spawn(sim.proc(), () => rd(dev, 10, FNONBLOCK));
    const b = sim.spawn(sim.proc(), () => rd(dev, 10, FNDELAY));
    sim.run();
    expect(a.out.value).to.deep.include({ error: EAGAIN, n: 0 });
    expect(b.out.value).to.deep.include({ error: 0, n: 0 });
  });

  it('writes straight to the device and keeps one vnode per device', () => {
    const sim = new Sim();
    const dev = new FakeCons();
    const w = sim.spawn(sim.proc(), () => console_vnode(dev).vop_write(0, new TextEncoder().encode('out'), 0));
    sim.run();
    expect(w.out.value).to.deep.equal({ error: 0, n: 3 });
    expect(String.fromCharCode(...dev.out)).to.equal('out');
    expect(console_vnode(dev)).to.equal(console_vnode(dev));
    expect(console_vnode(new FakeCons())).to.not.equal(console_vnode(dev));
  });

  it('a write after the host reader has gone is EPIPE with SIGPIPE for the writer', () => {
    const sim = new Sim();
    const dev = Object.assign(new FakeCons(), { write: () => false });
    const w = sim.spawn(sim.proc(), () => console_vnode(dev).vop_write(0, new TextEncoder().encode('x'), 0));
    sim.run();
    expect(w.out.value).to.deep.equal({ error: EPIPE, n: 0 });
    expect(w.t.t_sig & (1n << BigInt(SIGPIPE - 1))).to.not.equal(0n);
  });

  it('the error-port vnode (fd 2) writes to writeErr and reads the same input as the console', () => {
    const sim = new Sim();
    const dev = new FakeCons();
    const w = sim.spawn(sim.proc(), () => console_err_vnode(dev).vop_write(0, new TextEncoder().encode('oops'), 0));
    sim.run();
    expect(w.out.value).to.deep.equal({ error: 0, n: 4 });
    expect(String.fromCharCode(...dev.err)).to.equal('oops');
    expect(dev.out).to.deep.equal([]);
    expect(console_err_vnode(dev)).to.equal(console_err_vnode(dev)).and.not.equal(console_vnode(dev));
    dev.input.push(0x41);
    let text = '';
    const r = sim.spawn(sim.proc(), () => console_err_vnode(dev).vop_read(0, 4, 0, (d) => { text = String.fromCharCode(...d); return 0; }));
    sim.run();
    expect(r.out.value).to.deep.equal({ error: 0, n: 1 });
    expect(text).to.equal('A');
  });
});
