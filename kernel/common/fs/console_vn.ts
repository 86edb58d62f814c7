/*
 * kernel/common/fs/console_vn.ts — /dev/console as a character vnode over the machine's console
 * device (the cons/wc driver reduced to a byte pipe). Writes go straight out; once the host's
 * reader has gone they fail with EPIPE and SIGPIPE. A read takes queued
 * input; with none queued and input still open it sleeps, interruptibly, until console_wakeup()
 * says input arrived; with input closed it returns 0 (end of file). A second vnode on the same
 * device writes to its error port (init's fd 2, the host's stderr). Leaves out termio, line
 * discipline and job control.
 */

import { EAGAIN, EINTR, EPIPE } from '../sys/errno.ts';
import { SIGPIPE } from '../sys/signal.ts';
import { KMutex, mutex_enter, mutex_exit } from '../sys/mutex.ts';
import { KCondvar, cv_broadcast, cv_wait_sig } from '../sys/condvar.ts';
import type { KGen } from '../sys/thread.ts';
import { curthread } from '../os/kglobals.ts';
import { issig, tsignal } from '../os/sig.ts';
import { VCHR, type UioSink, type Vnode, type VopRet } from './vnode.ts';
import { FNDELAY, FNONBLOCK } from './file.ts';

/** The part of the console device the kernel uses (hw/dev/console.ts satisfies it). */
export interface ConsoleDev {
  /** Output; false when the host's reader has gone away (nothing was written). */
  write(b: Uint8Array): boolean | void;
  /** The error port (the guest's fd 2 at boot): kept apart from write() when the host asks. */
  writeErr(b: Uint8Array): boolean | void;
  /** Up to n queued input bytes; empty at end of input; null when none is queued yet. */
  read(n: number): Uint8Array | null;
}

/** ConsVnode — the console's vnode: the device, and readers sleeping for input. */
export class ConsVnode implements Vnode {
  v_type = VCHR;
  /** Files on the console are counted against the device: boot opens them before any thread runs. */
  readonly v_owner: object;
  readonly dev: ConsoleDev;
  /** Protects the sleep/wakeup handshake of readers (the input queue is the device's). */
  readonly c_lock: KMutex = new KMutex('pipe_lock', 'cons_lock');
  readonly c_cv: KCondvar = new KCondvar('cons_input');
  /** Writes go to the device's error port (the stderr vnode) rather than its output. */
  readonly errport: boolean;
  /** Readers of both vnodes of one device share the input, so they share the lock and cv. */
  constructor(dev: ConsoleDev, errport = false, shared?: ConsVnode) {
    this.dev = dev; this.v_owner = dev; this.errport = errport;
    if (shared) { this.c_lock = shared.c_lock; this.c_cv = shared.c_cv; }
  }

  size(): number { return 0; }

  *vop_read(_off: number, len: number, fflag: number, out: UioSink): KGen<VopRet> {
    if (len <= 0) return { error: 0, n: 0 };
    yield* mutex_enter(this.c_lock);
    let data: Uint8Array | null;
    while ((data = this.dev.read(len)) === null) {
      if (fflag & FNONBLOCK) { mutex_exit(this.c_lock); return { error: EAGAIN, n: 0 }; }
      if (fflag & FNDELAY) { mutex_exit(this.c_lock); return { error: 0, n: 0 }; }
      const t = curthread();
      if ((yield* cv_wait_sig(this.c_cv, this.c_lock, () => issig(t))) === 0) {
        mutex_exit(this.c_lock);
        return { error: EINTR, n: 0 };
      }
    }
    mutex_exit(this.c_lock);
    // The device has already given the bytes up; a failed copy loses them, as a tty read does.
    const e = data.length > 0 ? out(data) : 0;
    return e ? { error: e, n: 0 } : { error: 0, n: data.length };
  }

  /**
   * Writes go straight out (the host may stall the machine while its reader catches up). When
   * the host's reader has gone away: EPIPE and SIGPIPE to the writer, as a pipe with no reader.
   */
  *vop_write(_off: number, data: Uint8Array, _fflag: number): KGen<VopRet> {
    const ok = this.errport ? this.dev.writeErr(data) : this.dev.write(data);
    if (ok === false) {
      tsignal(curthread(), SIGPIPE);
      return { error: EPIPE, n: 0 };
    }
    return { error: 0, n: data.length };
  }
}

const vnodes = new WeakMap<ConsoleDev, ConsVnode>();
const errvnodes = new WeakMap<ConsoleDev, ConsVnode>();

/** console_vnode — the (one) vnode of console device `dev`. */
export function console_vnode(dev: ConsoleDev): ConsVnode {
  let v = vnodes.get(dev);
  if (!v) { v = new ConsVnode(dev); vnodes.set(dev, v); }
  return v;
}

/**
 * console_err_vnode — the console's error-port vnode (init's fd 2): reads are the console's,
 * writes go to the device's error port, so the host can keep guest stderr off its stdout.
 */
export function console_err_vnode(dev: ConsoleDev): ConsVnode {
  let v = errvnodes.get(dev);
  if (!v) { v = new ConsVnode(dev, true, console_vnode(dev)); errvnodes.set(dev, v); }
  return v;
}

/**
 * console_wakeup — input was queued on `dev` (or its input closed): wake the sleeping readers.
 * Must run in kernel context (a current kernel), e.g. from the console's receive interrupt or
 * the clock; a no-op when the console has no vnode yet.
 */
export function console_wakeup(dev: ConsoleDev): void {
  const v = vnodes.get(dev);
  if (v) cv_broadcast(v.c_cv);
}
