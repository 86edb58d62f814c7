/*
 * test/kernel/common/fs/pipe.test.ts — pipes (kernel/common/fs/pipe.ts) at the vnode level, on the
 * harness kernel: blocking reads woken by writes, end of file, writers blocked at FIFOHIWAT,
 * PIPE_BUF atomicity under contention, EPIPE + SIGPIPE, EINTR when a signal ends a sleep, full
 * duplex, FNONBLOCK/FNDELAY, and that a failed copy-out leaves the bytes queued.
 */

import { expect } from 'chai';
import { makepipe, FIFOHIWAT, PIPE_BUF, type FifoNode } from '../../../../kernel/common/fs/pipe.ts';
import { falloc, closef, FREAD, FWRITE, FNONBLOCK, FNDELAY, file_count, type UFile } from '../../../../kernel/common/fs/file.ts';
import { TS_SLEEP, type KGen } from '../../../../kernel/common/sys/thread.ts';
import { EAGAIN, EFAULT, EINTR, EPIPE } from '../../../../kernel/common/sys/errno.ts';
import { SIGPIPE, SIGUSR1 } from '../../../../kernel/common/sys/signal.ts';
import { sigismember, tsignal } from '../../../../kernel/common/os/sig.ts';
import type { VopRet } from '../../../../kernel/common/fs/vnode.ts';
import { Sim, yield_once } from './fs_harness.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** A pipe with both ends open (one file each), as pipe(2) makes it. */
function open_pipe(sim: Sim): { a: FifoNode; b: FifoNode; fa: UFile; fb: UFile } {
  const [a, b] = makepipe();
  const fa = falloc(a, FREAD | FWRITE, sim.k);
  const fb = falloc(b, FREAD | FWRITE, sim.k);
  return { a, b, fa, fb };
}

/** Read up to len bytes from v into an array (the UioSink collects). */
function* rd(v: FifoNode, len: number, fflag = FREAD | FWRITE): KGen<VopRet & { data: Uint8Array }> {
  let data = new Uint8Array(0);
  const r = yield* v.vop_read(0, len, fflag, (d) => { data = d.slice(); return 0; });
  return { ...r, data };
}

describe('kernel/common/fs/pipe', () => {
  it('a reader sleeps until a writer puts data in, then gets it', () => {
    const sim = new Sim();
    const { a, b } = open_pipe(sim);
    const p = sim.proc();
    const r = sim.spawn(p, () => rd(a, 100));
    sim.run();
    expect(r.out.done).to.equal(false);
    expect(r.t.t_state).to.equal(TS_SLEEP);
    expect(sim.disp.runq).to.have.length(0);        // asleep, not spinning
    const w = sim.spawn(p, () => b.vop_write(0, enc('hello'), FREAD | FWRITE));
    sim.run();
    expect(w.out.value).to.deep.equal({ error: 0, n: 5 });
    expect(r.out.done).to.equal(true);
    expect(r.out.value!.n).to.equal(5);
    expect(dec(r.out.value!.data)).to.equal('hello');
  });

  it('is full duplex: each end reads what the other end wrote', () => {
    const sim = new Sim();
    const { a, b } = open_pipe(sim);
    const p = sim.proc();
    const w1 = sim.spawn(p, () => a.vop_write(0, enc('to-b'), 0));
    const w2 = sim.spawn(p, () => b.vop_write(0, enc('to-a'), 0));
    sim.run();
    expect(w1.out.value!.n).to.equal(4);
    expect(w2.out.value!.n).to.equal(4);
    const ra = sim.spawn(p, () => rd(a, 10));
    const rb = sim.spawn(p, () => rd(b, 10));
    sim.run();
    expect(dec(ra.out.value!.data)).to.equal('to-a');
    expect(dec(rb.out.value!.data)).to.equal('to-b');
  });

  it('gives end of file once the other end is closed and the data is drained', () => {
    const sim = new Sim();
    const { a, b, fb } = open_pipe(sim);
    const p = sim.proc();
    sim.spawn(p, () => b.vop_write(0, enc('xy'), 0));
    sim.run();
    const r1 = sim.spawn(p, () => rd(a, 10));
    sim.run();
    expect(dec(r1.out.value!.data)).to.equal('xy');
    const r2 = sim.spawn(p, () => rd(a, 10));
    sim.run();
    expect(r2.out.done).to.equal(false);                // b still open: sleeps
    sim.as(r2.t, () => closef(fb));
    sim.run();
    expect(r2.out.value).to.deep.include({ error: 0, n: 0 });
  });

  it('blocks a writer at FIFOHIWAT and lets it finish as the reader drains', () => {
    const sim = new Sim();
    const { a, b } = open_pipe(sim);
    const p = sim.proc();
    const big = new Uint8Array(FIFOHIWAT * 3 + 123).map((_, i) => i * 7);
    const w = sim.spawn(p, () => b.vop_write(0, big, 0));
    sim.run();
    expect(w.out.done).to.equal(false);
    expect(a.fn_count).to.equal(FIFOHIWAT);
    const got: number[] = [];
    const r = sim.spawn(p, function* () {
      while (got.length < big.length) {
        const x = yield* rd(a, 1000);
        if (x.n === 0) break;
        got.push(...x.data);
      }
    });
    sim.run();
    expect(r.out.done && w.out.done).to.equal(true);
    expect(w.out.value).to.deep.equal({ error: 0, n: big.length });
    expect(Uint8Array.from(got)).to.deep.equal(big);
  });

  it('puts nothing of a PIPE_BUF-sized write in until all of it fits', () => {
    const sim = new Sim();
    const { a, b } = open_pipe(sim);
    const p = sim.proc();
    sim.spawn(p, () => b.vop_write(0, new Uint8Array(FIFOHIWAT - 100), 0));
    sim.run();
    const w = sim.spawn(p, () => b.vop_write(0, new Uint8Array(PIPE_BUF).fill(1), 0));
    sim.run();
    expect(w.out.done).to.equal(false);
    expect(a.fn_count).to.equal(FIFOHIWAT - 100);        // not a byte of it yet
    const r = sim.spawn(p, () => rd(a, PIPE_BUF - 200));   // room 5000 + 100: still short
    sim.run();
    expect(r.out.value!.n).to.equal(PIPE_BUF - 200);
    expect(w.out.done).to.equal(false);
    expect(a.fn_count).to.equal(FIFOHIWAT - PIPE_BUF + 100);
    sim.spawn(p, () => rd(a, 100));
    sim.run();
    expect(w.out.value).to.deep.equal({ error: 0, n: PIPE_BUF });
    expect(a.fn_count).to.equal(FIFOHIWAT);
  });

  it('keeps writes of PIPE_BUF bytes whole when writers compete for room', () => {
    const sim = new Sim();
    const { a, b } = open_pipe(sim);
    const p = sim.proc();
    // Leave less room than PIPE_BUF so each writer must wait for a whole record's worth.
    sim.spawn(p, () => b.vop_write(0, new Uint8Array(FIFOHIWAT - PIPE_BUF + 1).fill(0x2e), 0));
    sim.run();
    const writers = [0x41, 0x42, 0x43].map((c) =>
      sim.spawn(p, function* () {
        for (let i = 0; i < 4; i++) {
          const rec = new Uint8Array(PIPE_BUF).fill(c);
          const x = yield* b.vop_write(0, rec, 0);
          if (x.n !== PIPE_BUF) return false;
        }
        return true;
      }));
    const stream: number[] = [];
    sim.spawn(p, function* () {
      // Read in odd-sized pieces so records are split by the reads, not by the writes.
      while (stream.length < FIFOHIWAT - PIPE_BUF + 1 + 12 * PIPE_BUF) {
        const x = yield* rd(a, 777);
        stream.push(...x.data);
        yield* yield_once();                       // let the writers at the little room made
      }
    });
    sim.run();
    for (const w of writers) expect(w.out.value).to.equal(true);
    const recs = Uint8Array.from(stream).subarray(FIFOHIWAT - PIPE_BUF + 1);
    expect(recs.length).to.equal(12 * PIPE_BUF);
    for (let i = 0; i < 12; i++) {
      const rec = recs.subarray(i * PIPE_BUF, (i + 1) * PIPE_BUF);
      expect(rec.every((x) => x === rec[0]), `record ${i} is interleaved`).to.equal(true);
    }
  });

  it('fails a write with no reader left with EPIPE and posts SIGPIPE to the writer', () => {
    const sim = new Sim();
    const { b, fa } = open_pipe(sim);
    const p = sim.proc();
    const w = sim.spawn(p, function* () {
      closef(fa);
      return yield* b.vop_write(0, enc('x'), 0);
    });
    sim.run();
    expect(w.out.value).to.deep.equal({ error: EPIPE, n: 0 });
    expect(sigismember(w.t.t_sig, SIGPIPE)).to.equal(true);
  });

  it('wakes a writer blocked on a full pipe with EPIPE when the reader closes', () => {
    const sim = new Sim();
    const { a, b, fa } = open_pipe(sim);
    const p = sim.proc();
    const w = sim.spawn(p, () => b.vop_write(0, new Uint8Array(FIFOHIWAT + 10), 0));
    sim.run();
    expect(w.out.done).to.equal(false);
    expect(a.fn_count).to.equal(FIFOHIWAT);
    sim.as(w.t, () => closef(fa));
    sim.run();
    // Some bytes went in before the reader vanished: the count, then SIGPIPE.
    expect(w.out.value).to.deep.equal({ error: 0, n: FIFOHIWAT });
    expect(sigismember(w.t.t_sig, SIGPIPE)).to.equal(true);
  });

  it('ends a sleeping read with EINTR when a signal is posted to the reader', () => {
    const sim = new Sim();
    const { a } = open_pipe(sim);
    const p = sim.proc();
    const r = sim.spawn(p, () => rd(a, 10));
    sim.run();
    expect(r.t.t_state).to.equal(TS_SLEEP);
    sim.as(r.t, () => tsignal(r.t, SIGUSR1));
    sim.run();
    expect(r.out.value).to.deep.include({ error: EINTR, n: 0 });
  });

  it('does not sleep at all when a signal is already pending', () => {
    const sim = new Sim();
    const { a } = open_pipe(sim);
    const p = sim.proc();
    const r = sim.spawn(p, function* () {
      tsignal(r.t, SIGUSR1);
      return yield* rd(a, 10);
    });
    sim.run();
    expect(r.out.value).to.deep.include({ error: EINTR, n: 0 });
  });

  it('honours FNONBLOCK and FNDELAY on empty and full pipes', () => {
    const sim = new Sim();
    const { a, b } = open_pipe(sim);
    const p = sim.proc();
    const r1 = sim.spawn(p, () => rd(a, 10, FNONBLOCK));
    const r2 = sim.spawn(p, () => rd(a, 10, FNDELAY));
    sim.run();
    expect(r1.out.value).to.deep.include({ error: EAGAIN, n: 0 });
    expect(r2.out.value).to.deep.include({ error: 0, n: 0 });
    const fill = sim.spawn(p, () => b.vop_write(0, new Uint8Array(FIFOHIWAT - 10), FNONBLOCK));
    sim.run();
    expect(fill.out.value).to.deep.equal({ error: 0, n: FIFOHIWAT - 10 });
    const atomic = sim.spawn(p, () => b.vop_write(0, new Uint8Array(20), FNONBLOCK));
    const partial = sim.spawn(p, () => b.vop_write(0, new Uint8Array(PIPE_BUF + 1), FNONBLOCK));
    const full = sim.spawn(p, () => b.vop_write(0, new Uint8Array(PIPE_BUF + 1), FNONBLOCK));
    const ndelay = sim.spawn(p, () => b.vop_write(0, new Uint8Array(1), FNDELAY));
    sim.run();
    expect(atomic.out.value).to.deep.equal({ error: EAGAIN, n: 0 });   // <= PIPE_BUF: all or nothing
    expect(partial.out.value).to.deep.equal({ error: 0, n: 10 });       // > PIPE_BUF: what fits
    expect(full.out.value).to.deep.equal({ error: EAGAIN, n: 0 });
    expect(ndelay.out.value).to.deep.equal({ error: 0, n: 0 });
  });

  it('leaves the bytes queued when the copy-out fails', () => {
    const sim = new Sim();
    const { a, b } = open_pipe(sim);
    const p = sim.proc();
    sim.spawn(p, () => b.vop_write(0, enc('keep'), 0));
    const bad = sim.spawn(p, () => a.vop_read(0, 10, 0, () => EFAULT));
    sim.run();
    expect(bad.out.value).to.deep.equal({ error: EFAULT, n: 0 });
    const r = sim.spawn(p, () => rd(a, 10));
    sim.run();
    expect(dec(r.out.value!.data)).to.equal('keep');
  });

  it('counts its open files and closes each end on the last reference', () => {
    const sim = new Sim();
    const before = file_count(sim.k);
    const { a, b, fa, fb } = open_pipe(sim);
    expect(file_count(sim.k)).to.equal(before + 2);
    expect([a.fn_open, b.fn_open]).to.deep.equal([1, 1]);
    const p = sim.proc();
    const t = sim.spawn(p, function* () { /* context for closef */ }).t;
    fa.f_count++;                                  // a second descriptor (dup)
    sim.as(t, () => closef(fa));
    expect(a.fn_open).to.equal(1);
    sim.as(t, () => { closef(fa); closef(fb); });
    expect([a.fn_open, b.fn_open]).to.deep.equal([0, 0]);
    expect(file_count(sim.k)).to.equal(before);
  });
});
