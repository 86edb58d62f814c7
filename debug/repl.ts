/*
 * debug/repl.ts — `forkvm debug`: boot the machine, stop before init's first instruction, and read
 * mdb commands from a terminal (node:repl: line editing, history in ~/.forkvm_history, completion of
 * dcmds, walkers and symbols) or from a script (-e 'cmds', --script FILE, or a stdin that is not a
 * terminal: each command is echoed after the prompt, so a session reads as a transcript and can be
 * golden-tested). Guest console output goes to stdout between debugger lines, never inside one.
 * Also debug_on(), the `--debug-on panic|deadlock|signal` of boot and run.
 */

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import repl from 'node:repl';
import { Mdb } from './mdb.ts';
import { DebugTarget } from './target.ts';
import type { Started } from '../boot/boot.ts';
import './dcmds_proc.ts';
import './dcmds_vm.ts';
import './dcmds_sync.ts';
import './dcmds_cpu.ts';
import './dcmds_ctl.ts';
import './dcmds_print.ts';
import './dcmds_tt.ts';
import { TimeTravel, type Reboot, type OutputGate } from './time_travel.ts';
import type { ConsoleSource } from '../hw/dev/console.ts';

/** Where the session's text goes; `console` tracks whether guest output left a line open. */
export interface DebugIo {
  write(s: string): void;
  /** True when the last guest console byte written was a newline (or nothing was written). */
  atLineStart(): boolean;
}

/** The first lines of a session. */
function banner(tgt: DebugTarget): string[] {
  const init = tgt.k.initproc;
  return [`forkvm debug: ${tgt.m.cpus.length} cpu(s), ${tgt.m.mem.size >> 20} MiB; stopped before init's first instruction (pid ${init?.p_pid ?? '?'}, ${init ? tgt.images.get(init.p_pid)?.path ?? init.u_comm : '?'})`];
}

/**
 * What a session may be given: --debug-on signal's stop; `travel`, how to boot the same machine
 * again (and the gate its output goes through), which turns time travel on.
 */
export interface SessionOpts { stopOnSignal?: boolean; travel?: { reboot: Reboot; gate: OutputGate }; tgt?: DebugTarget }

/** A session: the target and its interpreter, printing through io. */
export class Session {
  readonly tgt: DebugTarget;
  readonly mdb: Mdb;
  constructor(st: Started, readonly io: DebugIo, opts: SessionOpts = {}) {
    this.tgt = opts.tgt ?? new DebugTarget(st.kernel, st.machine);
    this.tgt.stop_on_signal = opts.stopOnSignal ?? false;
    this.mdb = new Mdb(this.tgt);
    if (opts.travel && st.machine.instructions === 0) {
      const tt = new TimeTravel(this.tgt, opts.travel.reboot, opts.travel.gate, st.machine.console.source);
      st.machine.console.source = tt.source();
    }
  }

  /** Print debugger lines, starting on a fresh line if the guest left one open. */
  print(lines: string[]): void {
    if (lines.length === 0) return;
    if (!this.io.atLineStart()) this.io.write('\n');
    this.io.write(lines.join('\n') + '\n');
  }

  /** Run one command line and print what it says. */
  run(line: string): void {
    this.print(this.mdb.exec(line));
  }
}

/**
 * debug_session — drive a session from `script` lines (echoing each after the prompt) or, with
 * script null, from an interactive terminal (on `tgt`, a machine gdb had, when given). Resolves
 * with the exit status when it ends.
 */
export function debug_session(st: Started, io: DebugIo, script: string[] | null, opts: SessionOpts & { greeting?: string[] } = {}): Promise<number> {
  const s = new Session(st, io, opts);
  s.print(opts.greeting ?? banner(s.tgt));
  if (script !== null) {
    for (const line of script) {
      if (s.mdb.quit) break;
      s.print([`> ${line}`]);
      s.run(line);
    }
    return Promise.resolve(0);
  }
  return new Promise((resolve) => {
    const r = repl.start({
      prompt: '> ',
      terminal: process.stdin.isTTY ?? false,
      ignoreUndefined: true,
      eval: (line, _ctx, _file, cb) => {
        s.run(line.replace(/\n$/, ''));
        if (s.mdb.quit) r.close();
        cb(null, undefined);
      },
      completer: (line: string) => {
        const word = line.split(/\s+|\|/).pop() ?? '';
        return [s.mdb.complete(word), word];
      },
    });
    r.setupHistory(join(homedir(), '.forkvm_history'), () => {});
    r.on('exit', () => resolve(0));
  });
}

/** The commands of -e 'a; b' and --script FILE. */
export function script_lines(e: string[], files: string[]): string[] {
  const out: string[] = [];
  for (const x of e) out.push(...x.split(/;|\n/).map((l) => l.trim()).filter((l) => l !== ''));
  for (const f of files) out.push(...readFileSync(f, 'utf8').split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== ''));
  return out;
}

/**
 * transcript — run a scripted session on a started machine and return everything it prints (the
 * banner, each `> command` and its output, the guest's console output in between): what
 * `forkvm debug -e ...` prints on stdout. For golden tests and the README walk-through.
 */
export function transcript(start: (sink: (b: Uint8Array) => void, input?: ConsoleSource | null) => Started, cmds: string[]): string {
  let text = '';
  let atStart = true;
  const gate: OutputGate = { on: true };
  const sink = (b: Uint8Array) => { if (!gate.on) return; if (b.length) atStart = b[b.length - 1] === 10; text += Buffer.from(b).toString('latin1'); };
  const st = start(sink);
  const io: DebugIo = { write: (s) => { text += s; }, atLineStart: () => atStart };
  void debug_session(st, io, cmds, { travel: { gate, reboot: (_g, input) => start(sink, input) } });
  return text;
}
