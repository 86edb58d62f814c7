/*
 * boot/host_io.ts — the host ends of the console for the CLI: output written synchronously to a
 * host file descriptor (a slow reader stalls the machine; a reader that has gone away breaks the
 * port, and the guest then sees EPIPE/SIGPIPE), and input read from host fd 0 on demand, one
 * line (or HOST_CHUNK bytes) at a time, so that what the guest reads depends only on the bytes of
 * the input, not on when they arrive. Memory stays bounded on both sides.
 */

import { readFileSync, readSync, writeSync } from 'node:fs';

/** The most input bytes handed to the console at once (a line longer than this is split). */
export const HOST_CHUNK = 4096;

const nap = new Int32Array(new SharedArrayBuffer(4));
/** Sleep `ms` milliseconds without spinning (a non-blocking descriptor said EAGAIN). */
function sleep_ms(ms: number): void { Atomics.wait(nap, 0, 0, ms); }

function code(e: unknown): string { return (e as NodeJS.ErrnoException)?.code ?? ''; }

/**
 * fd_sink — a ConsoleSink writing to host descriptor `fd` with write(2), to completion. EAGAIN
 * (a non-blocking descriptor whose reader is slow) waits and retries: back-pressure stalls the
 * guest, not the host's memory. EPIPE (or any other write error) answers false, and so does
 * every later call. `before` runs before each write (the CLI flushes its trace buffer there).
 */
export function fd_sink(fd: number, before?: () => void): (b: Uint8Array) => boolean {
  let broken = false;
  return (b) => {
    if (broken) return false;
    before?.();
    let off = 0;
    while (off < b.length) {
      try {
        off += writeSync(fd, b, off, b.length - off);
      } catch (e) {
        if (code(e) === 'EAGAIN') { sleep_ms(1); continue; }
        broken = true;
        return false;
      }
    }
    return true;
  };
}

/**
 * fd_source — a ConsoleSource reading host descriptor `fd` when the guest wants input: it blocks
 * until a whole line (through '\n'), HOST_CHUNK bytes or end of input is there and returns that,
 * keeping any bytes past it for the next call; null at end of input (read(2) returned 0, or an
 * error such as EBADF or EIO). A terminal in its normal (canonical) mode gives a line per read,
 * with the terminal's own editing and ^D for end of input; its settings are never changed.
 */
export function fd_source(fd: number): () => Uint8Array | null {
  let held = new Uint8Array(0);
  let eof = false;
  const tmp = new Uint8Array(HOST_CHUNK);
  return () => {
    for (;;) {
      const nl = held.indexOf(10);
      if (nl >= 0 && nl < HOST_CHUNK) return take(nl + 1);
      if (held.length >= HOST_CHUNK) return take(HOST_CHUNK);
      if (eof) return held.length > 0 ? take(held.length) : null;
      let n: number;
      try {
        n = readSync(fd, tmp, 0, HOST_CHUNK, null);
      } catch (e) {
        if (code(e) === 'EAGAIN') { sleep_ms(5); continue; }
        n = 0;
      }
      if (n === 0) { eof = true; continue; }
      const nb = new Uint8Array(held.length + n);
      nb.set(held);
      nb.set(tmp.subarray(0, n), held.length);
      held = nb;
    }
  };
  function take(n: number): Uint8Array {
    const out = held.slice(0, n);
    held = held.slice(n);
    return out;
  }
}

/**
 * host_arg_bytes — the guest's view of the trailing command-line arguments `args`: each as a
 * byte string (one char per byte, as the kernel keeps guest strings), taken from the raw bytes in
 * /proc/self/cmdline, since Node has already decoded argv as UTF-8 and replaced bytes such as
 * ff fe. Without /proc (or when it does not match), the UTF-8 bytes of each argument.
 */
export function host_arg_bytes(args: string[]): string[] {
  const utf8 = args.map((a) => Buffer.from(a, 'utf8').toString('latin1'));
  let raw: Buffer[];
  try {
    const b = readFileSync('/proc/self/cmdline');
    raw = [];
    let s = 0;
    for (let i = 0; i < b.length; i++) if (b[i] === 0) { raw.push(b.subarray(s, i)); s = i + 1; }
  } catch { return utf8; }
  if (raw.length < args.length) return utf8;
  const tail = raw.slice(raw.length - args.length);
  if (!tail.every((r, i) => r.toString('utf8') === args[i])) return utf8;
  return tail.map((r) => r.toString('latin1'));
}
