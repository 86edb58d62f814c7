/*
 * hw/machine.ts — the ISA-neutral contract between the simulated hardware and everything above it.
 * A Cpu executes instructions until its budget runs out or a trap occurs, and then returns a Stop;
 * it never calls the kernel. The Machine owns the CPUs, physical memory, devices and the one clock.
 */

import { PhysMem } from './mem/phys_mem.ts';

/** Why Cpu.run() returned. */
export const enum StopReason {
  /** The instruction budget was used up; state is consistent, run() can simply be called again. */
  Budget = 0,
  /** A trap was taken: the CPU state is exactly as before the trapping instruction (PC = it). */
  Trap = 1,
  /** The CPU is halted (error mode, or halted by the machine). */
  Halt = 2,
}

/**
 * Stop — what Cpu.run() returns. For a trap, `pc`/`npc` are those of the trapping instruction
 * (the trap did not modify any architectural state), `trap` is the hardware trap type (tt), and for
 * MMU faults `faultAddr`/`faultStatus` are the values latched into the fault address/status registers.
 */
export interface Stop {
  reason: StopReason;
  trap: number;
  pc: number;
  npc: number;
  faultAddr: number;
  faultStatus: number;
  /** Instructions executed during this run() call. */
  executed: number;
}

/** Serializable state of a component: plain JSON-able object. */
export type HwState = Record<string, unknown>;

/** Every hardware component can be snapshotted and restored exactly. */
export interface Stateful {
  get_state(): HwState;
  set_state(s: HwState): void;
}

/** Cpu — one processor of some ISA. */
export interface Cpu extends Stateful {
  readonly id: number;
  readonly isa: IsaName;
  /** Execute at most `budget` instructions. Never throws for guest behaviour. */
  run(budget: number): Stop;
  /** Instructions retired since reset. */
  instructions: number;
  /** Cycles charged since reset (see the ISA's cycle table). */
  cycles: number;
  /** Interrupt request level driven by the machine's interrupt lines (0 = none). */
  irl: number;
}

export type IsaName = 'sparc' | 'x86';

/** A device attached to the machine. */
export interface Device extends Stateful {
  readonly name: string;
}

/** MachineConfig — sizes and counts chosen on the command line. */
export interface MachineConfig {
  isa: IsaName;
  cpus: number;
  memBytes: number;
  /** Cycles between clock interrupts. */
  clockInterval?: number;
}

/** Default memory size: 64 MiB. */
export const DEFAULT_MEM = 64 * 1024 * 1024;
/** Default clock interrupt interval in cycles (100 Hz at a nominal 10 MHz... documented in README). */
export const DEFAULT_CLOCK_INTERVAL = 100_000;

import { Console, type ConsoleSink } from './dev/console.ts';
import { Clock } from './dev/clock.ts';

/** Creates the CPUs of one ISA on the shared memory. */
export type CpuFactory<C extends Cpu> = (mem: PhysMem, id: number) => C;

/**
 * Machine — N CPUs of one ISA on one physical memory, a console and a clock, on one cycle clock
 * (`now`). The kernel drives it: it runs each CPU in turn for a slice (boot decides the order).
 */
export class Machine<C extends Cpu = Cpu> implements Stateful {
  readonly config: MachineConfig;
  readonly mem: PhysMem;
  readonly cpus: C[];
  readonly console: Console;
  readonly clock: Clock;
  /** Machine time in cycles: advanced by the scheduler of CPU slices. */
  now = 0;

  /** Build a machine. `sink` receives console output bytes. */
  constructor(config: MachineConfig, factory: CpuFactory<C>, sink: ConsoleSink | null, capture = false) {
    if (!(config.cpus >= 1 && config.cpus <= 64)) throw new Error(`Machine: bad CPU count ${config.cpus}`);
    this.config = config;
    this.mem = new PhysMem(config.memBytes, config.isa === 'x86');
    this.cpus = [];
    for (let i = 0; i < config.cpus; i++) this.cpus.push(factory(this.mem, i));
    this.console = new Console(sink, capture);
    this.clock = new Clock(config.clockInterval ?? DEFAULT_CLOCK_INTERVAL);
  }

  /** Instructions retired on all CPUs. */
  get instructions(): number { return this.cpus.reduce((a, c) => a + c.instructions, 0); }

  get_state(): HwState {
    return {
      now: this.now, mem: this.mem.get_state(), cpus: this.cpus.map((c) => c.get_state()),
      console: this.console.get_state(), clock: this.clock.get_state(),
    };
  }
  set_state(s: HwState): void {
    this.now = s.now as number;
    this.mem.set_state(s.mem as HwState);
    (s.cpus as HwState[]).forEach((cs, i) => this.cpus[i].set_state(cs));
    this.console.set_state(s.console as HwState);
    this.clock.set_state(s.clock as HwState);
  }
}
