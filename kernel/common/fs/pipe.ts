/*
 * kernel/common/fs/pipe.ts — pipes (uts/common/fs/fifofs: makepipe, fifo_read, fifo_write,
 * fifo_close, loosely; the "fast mode" without STREAMS). As in Solaris a pipe is two fifonodes
 * sharing one lock, each the other's fn_dest, and it is full duplex: bytes written on one end are
 * read from the other. Each node queues up to FIFOHIWAT bytes; writes of at most PIPE_BUF bytes are
 * atomic. Leaves out named FIFOs, STREAMS ioctls, poll and connld.
 */

import { EAGAIN, EINTR, EPIPE } from '../sys/errno.ts';
import { SIGPIPE } from '../sys/signal.ts';
import { KMutex, mutex_enter, mutex_exit, mutex_tryenter } from '../sys/mutex.ts';
import { KCondvar, cv_broadcast, cv_wait_sig } from '../sys/condvar.ts';
import { VERIFY } from '../sys/debug.ts';
import type { KGen } from '../sys/thread.ts';
import { curthread } from '../os/kglobals.ts';
import { issig, tsignal } from '../os/sig.ts';
import { VFIFO, type UioSink, type Vnode, type VopRet } from './vnode.ts';
import { FNDELAY, FNONBLOCK } from './file.ts';

/** Bytes a pipe end holds before writers sleep (fifonode.h FIFOHIWAT). */
export const FIFOHIWAT = 16 * 1024;
/** Writes up to this size are atomic (Solaris limits.h PIPE_BUF). */
export const PIPE_BUF = 5120;

/**
 * FifoNode — one end of a pipe (fifonode_t). fn_queue holds the bytes waiting to be read from
 * this end, i.e. written on fn_dest. fn_open counts the open files on this end. Lock map: the
 * shared fn_lock protects fn_queue, fn_count and fn_open of both ends; fn_lock is never held across
 * a sleep (cv_wait_sig drops it) and nothing else is taken under it, so fifo_close can take it
 * without blocking.
 */
export class FifoNode implements Vnode {
  v_type = VFIFO;
  fn_dest!: FifoNode;
  readonly fn_lock: KMutex;
  /** Readers of this end wait here for data (or for the other end to close). */
  readonly fn_rcv: KCondvar;
  /** Writers into this end (on fn_dest) wait here for room (or for this end to close). */
  readonly fn_wcv: KCondvar;
  fn_queue: Uint8Array[] = [];
  fn_count = 0;
  fn_open = 0;
  constructor(lock: KMutex, name: string) {
    this.fn_lock = lock;
    this.fn_rcv = new KCondvar(`${name}.rcv`);
    this.fn_wcv = new KCondvar(`${name}.wcv`);
  }

  size(): number { return 0; }

  vop_open(_fflag: number): void {
    this.fn_open++;
  }

  /**
   * fifo_close — the last reference of an open file on this end is gone. Wakes readers of the
   * other end (they may now see end of file) and writers into this end (EPIPE). Never sleeps.
   */
  vop_close(_fflag: number): void {
    // The lock is only held by code that does not give up the CPU, so it is free here.
    VERIFY(mutex_tryenter(this.fn_lock), 'fifo_close: fn_lock held across a context switch');
    this.fn_open--;
    if (this.fn_open === 0) {
      this.fn_queue = [];   // nobody can read this end any more
      this.fn_count = 0;
      cv_broadcast(this.fn_wcv);
      cv_broadcast(this.fn_dest.fn_rcv);
      cv_broadcast(this.fn_dest.fn_wcv);
    }
    mutex_exit(this.fn_lock);
  }

  /**
   * fifo_read — wait until this end has data, then give up to `len` bytes to `out` (the bytes stay
   * queued if `out` fails). 0 at end of file (no open file on the other end and nothing queued).
   * Empty with a writer: EAGAIN under FNONBLOCK, 0 under FNDELAY, else sleep; EINTR if a signal
   * ends the sleep.
   */
  *vop_read(_off: number, len: number, fflag: number, out: UioSink): KGen<VopRet> {
    if (len <= 0) return { error: 0, n: 0 };
    const t = curthread();
    yield* mutex_enter(this.fn_lock);
    while (this.fn_count === 0) {
      if (this.fn_dest.fn_open === 0) { mutex_exit(this.fn_lock); return { error: 0, n: 0 }; }
      if (fflag & FNONBLOCK) { mutex_exit(this.fn_lock); return { error: EAGAIN, n: 0 }; }
      if (fflag & FNDELAY) { mutex_exit(this.fn_lock); return { error: 0, n: 0 }; }
      if ((yield* cv_wait_sig(this.fn_rcv, this.fn_lock, () => issig(t))) === 0) {
        mutex_exit(this.fn_lock);
        return { error: EINTR, n: 0 };
      }
    }
    const data = this.dequeue(Math.min(len, this.fn_count), true);
    const e = out(data);
    if (e) { mutex_exit(this.fn_lock); return { error: e, n: 0 }; }
    this.dequeue(data.length, false);
    cv_broadcast(this.fn_wcv);
    mutex_exit(this.fn_lock);
    return { error: 0, n: data.length };
  }

  /**
   * fifo_write — queue `data` on the other end. A write of at most PIPE_BUF bytes goes in whole
   * (it waits for room for all of it); a longer one goes in pieces as room appears. No open file
   * on the other end: EPIPE and SIGPIPE to the writing thread (a partial count if some bytes went
   * in). FNONBLOCK/FNDELAY: EAGAIN / 0 when nothing fits; a signal while sleeping: EINTR, or the
   * partial count.
   */
  *vop_write(_off: number, data: Uint8Array, fflag: number): KGen<VopRet> {
    const t = curthread();
    const d = this.fn_dest;
    const total = data.length;
    let done = 0;
    let error = 0;
    if (total === 0) return { error: 0, n: 0 };
    yield* mutex_enter(this.fn_lock);
    while (done < total) {
      if (d.fn_open === 0) { error = EPIPE; break; }
      const room = FIFOHIWAT - d.fn_count;
      const need = total <= PIPE_BUF ? total : 1;
      if (room < need) {
        if (fflag & (FNONBLOCK | FNDELAY)) { if (done === 0 && (fflag & FNONBLOCK)) error = EAGAIN; break; }
        if ((yield* cv_wait_sig(d.fn_wcv, this.fn_lock, () => issig(t))) === 0) {
          if (done === 0) error = EINTR;
          break;
        }
        continue;
      }
      const n = Math.min(room, total - done);
      d.fn_queue.push(data.slice(done, done + n));
      d.fn_count += n;
      done += n;
      cv_broadcast(d.fn_rcv);
    }
    mutex_exit(this.fn_lock);
    if (error === EPIPE) {
      tsignal(t, SIGPIPE);
      if (done > 0) error = 0;
    }
    return error ? { error, n: 0 } : { error: 0, n: done };
  }

  /** Take (or, with peek, copy) the first n queued bytes. */
  private dequeue(n: number, peek: boolean): Uint8Array {
    const r = new Uint8Array(n);
    let o = 0, i = 0;
    while (o < n) {
      const c = this.fn_queue[i];
      const k = Math.min(c.length, n - o);
      r.set(c.subarray(0, k), o);
      o += k;
      if (peek) { i++; continue; }
      if (k === c.length) this.fn_queue.shift(); else this.fn_queue[0] = c.subarray(k);
    }
    if (!peek) this.fn_count -= n;
    return r;
  }
}

/**
 * makepipe — a new pipe: two connected ends sharing one lock, neither open yet (falloc opens
 * them). The caller puts each end in a file.
 */
export function makepipe(): [FifoNode, FifoNode] {
  const lock = new KMutex('pipe_lock', 'fifo_lock');
  const a = new FifoNode(lock, 'pipe0');
  const b = new FifoNode(lock, 'pipe1');
  a.fn_dest = b;
  b.fn_dest = a;
  return [a, b];
}
