/*
 * hw/dev/clock.ts — the clock device: raises its interrupt line every `interval` cycles of the
 * machine's one cycle clock (level 10, as the sun4m counter/timer does) until acknowledged.
 */

import type { Device, HwState } from '../machine.ts';

/** Interrupt level of the clock (sun4m level-10 counter). */
export const CLOCK_LEVEL = 10;

export class Clock implements Device {
  readonly name = 'clock';
  /** Next machine cycle at which the clock fires. */
  next: number;
  /** Number of ticks raised so far (lbolt). */
  ticks = 0;
  pending = false;

  constructor(public interval: number) {
    if (!(interval > 0)) throw new Error(`Clock: bad interval ${interval}`);
    this.next = interval;
  }

  /** Advance to machine time `now`; returns true if a tick was raised. */
  advance(now: number): boolean {
    if (now < this.next) return false;
    while (this.next <= now) { this.next += this.interval; this.ticks++; }
    this.pending = true;
    return true;
  }

  /** Acknowledge the interrupt. */
  ack(): void { this.pending = false; }

  get_state(): HwState { return { interval: this.interval, next: this.next, ticks: this.ticks, pending: this.pending }; }
  set_state(s: HwState): void {
    this.interval = s.interval as number; this.next = s.next as number; this.ticks = s.ticks as number;
    this.pending = s.pending as boolean;
  }
}
