/*
 * hw/dev/console.ts — the console: a byte-stream output port and an input queue.
 * Output bytes go to a sink (the CLI passes process.stdout); input is queued by the host.
 * It mirrors a serial console without modelling baud rate or interrupts.
 */

import type { Device, HwState } from '../machine.ts';

export class Console implements Device {
  readonly name = 'console';
  /** Everything written so far is also kept when `capture` is on (tests). */
  private captured: number[] = [];
  private input: number[] = [];
  private inputClosed = false;
  bytesOut = 0;

  /**
   * Where the error port's bytes go (the guest's fd 2; the CLI passes process.stderr). When null
   * they go to `sink` like the rest, as on a terminal.
   */
  errSink: ((b: Uint8Array) => void) | null = null;

  /** `sink` receives output bytes as they are written; `capture` keeps a copy for output(). */
  constructor(private sink: ((b: Uint8Array) => void) | null = null, private capture = false) {}

  /** Write bytes to the console. */
  write(b: Uint8Array): void {
    this.bytesOut += b.length;
    if (this.capture) for (const x of b) this.captured.push(x);
    if (this.sink) this.sink(b);
  }

  /** Write bytes to the error port: errSink, else the output sink. output() has both, interleaved. */
  writeErr(b: Uint8Array): void {
    if (!this.errSink) { this.write(b); return; }
    this.bytesOut += b.length;
    if (this.capture) for (const x of b) this.captured.push(x);
    this.errSink(b);
  }

  /** The captured output as a string (latin1, byte for byte). */
  output(): string { return Buffer.from(this.captured).toString('latin1'); }

  /** Queue input bytes; `close` marks end of input (reads then return 0). */
  feed(b: Uint8Array | string, close = false): void {
    const bytes = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    for (const x of bytes) this.input.push(x);
    if (close) this.inputClosed = true;
  }

  /** Take up to n queued input bytes; returns null when none are queued and input is open. */
  read(n: number): Uint8Array | null {
    if (this.input.length === 0) return this.inputClosed ? new Uint8Array(0) : null;
    return Uint8Array.from(this.input.splice(0, n));
  }

  /** Close input (EOF once drained). */
  closeInput(): void { this.inputClosed = true; }

  get_state(): HwState {
    return { captured: [...this.captured], input: [...this.input], inputClosed: this.inputClosed, bytesOut: this.bytesOut };
  }
  set_state(s: HwState): void {
    this.captured = [...(s.captured as number[])]; this.input = [...(s.input as number[])];
    this.inputClosed = s.inputClosed as boolean; this.bytesOut = s.bytesOut as number;
  }
}
