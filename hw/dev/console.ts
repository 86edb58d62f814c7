/*
 * hw/dev/console.ts — the console: a byte-stream output port, an error port and an input queue.
 * Output bytes go to a sink (the CLI writes them to its stdout synchronously, so a slow reader
 * stalls the machine); a sink that answers false has lost its reader, and the port stays broken.
 * Input is queued by the host, or pulled from a source when a read finds the queue empty.
 * It mirrors a serial console without modelling baud rate or interrupts.
 */

import type { Device, HwState } from '../machine.ts';

/** ConsoleSink — takes output bytes; false when the reader has gone away (a broken pipe). */
export type ConsoleSink = (b: Uint8Array) => boolean | void;

/** ConsoleSource — the next piece of host input, or null at end of input; may block the host. */
export type ConsoleSource = () => Uint8Array | null;

export class Console implements Device {
  readonly name = 'console';
  /** Everything written so far is also kept when `capture` is on (tests). */
  private captured: number[] = [];
  private input: number[] = [];
  private inputClosed = false;
  bytesOut = 0;

  /**
   * Where the error port's bytes go (the guest's fd 2; the CLI passes its stderr). When null
   * they go to `sink` like the rest, as on a terminal.
   */
  errSink: ConsoleSink | null = null;
  /** Pulled for more input when a read finds the queue empty and input is still open. */
  source: ConsoleSource | null = null;
  /** The output (error) port's reader went away: writes fail from then on. */
  outBroken = false;
  errBroken = false;

  /** `sink` receives output bytes as they are written; `capture` keeps a copy for output(). */
  constructor(private sink: ConsoleSink | null = null, private capture = false) {}

  /** Write bytes to the console; false (nothing written) once its reader has gone away. */
  write(b: Uint8Array): boolean {
    if (this.outBroken) return false;
    this.bytesOut += b.length;
    if (this.capture) for (const x of b) this.captured.push(x);
    if (this.sink && this.sink(b) === false) { this.outBroken = true; return false; }
    return true;
  }

  /** Write bytes to the error port: errSink, else the output sink. output() has both, interleaved. */
  writeErr(b: Uint8Array): boolean {
    if (!this.errSink) return this.write(b);
    if (this.errBroken) return false;
    this.bytesOut += b.length;
    if (this.capture) for (const x of b) this.captured.push(x);
    if (this.errSink(b) === false) { this.errBroken = true; return false; }
    return true;
  }

  /** The captured output as a string (latin1, byte for byte). */
  output(): string { return Buffer.from(this.captured).toString('latin1'); }

  /** Queue input bytes; `close` marks end of input (reads then return 0). */
  feed(b: Uint8Array | string, close = false): void {
    const bytes = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    for (const x of bytes) this.input.push(x);
    if (close) this.inputClosed = true;
  }

  /**
   * Take up to n queued input bytes; returns null when none are queued and input is open. With a
   * source, an empty queue is refilled from it first (end of its input closes ours).
   */
  read(n: number): Uint8Array | null {
    if (this.input.length === 0 && !this.inputClosed && this.source) {
      const more = this.source();
      if (more === null) this.inputClosed = true;
      else for (const x of more) this.input.push(x);
    }
    if (this.input.length === 0) return this.inputClosed ? new Uint8Array(0) : null;
    return Uint8Array.from(this.input.splice(0, n));
  }

  /** Close input (EOF once drained). */
  closeInput(): void { this.inputClosed = true; }

  get_state(): HwState {
    return { captured: [...this.captured], input: [...this.input], inputClosed: this.inputClosed, bytesOut: this.bytesOut,
      outBroken: this.outBroken, errBroken: this.errBroken };
  }
  set_state(s: HwState): void {
    this.captured = [...(s.captured as number[])]; this.input = [...(s.input as number[])];
    this.inputClosed = s.inputClosed as boolean; this.bytesOut = s.bytesOut as number;
    this.outBroken = (s.outBroken as boolean | undefined) ?? false; this.errBroken = (s.errBroken as boolean | undefined) ?? false;
  }
}
