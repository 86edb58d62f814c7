/*
 * scripts/trace_diff.ts — lock-step comparison of forkvm against qemu-sparc, one record per
 * instruction: runs PROGRAM under `qemu-sparc -singlestep -d cpu,nochain` and under forkvm with
 * the `--trace` record (hw/sparc/trace.ts), streams both traces, normalises them (NORMALISATION
 * below) and reports the first divergence with the instructions leading up to it. Needs qemu-user;
 * never run by the tests (test/hw/sparc/trace.test.ts uses only the helpers exported here).
 *
 * NORMALISATION (why the two traces cannot be compared byte for byte):
 *  0. forkvm runs PROGRAM directly as pid 1 (as `forkvm boot` runs init; `forkvm run` would
 *     run it under /sbin/init -c and trace init too), on 1 CPU, argv[0] = the file's base name.
 *  1. forkvm's `=>` line (instruction word + disassembly) is kept for the report but not compared.
 *  2. Retried instructions: both resolve window overflow/underflow outside guest code (qemu's
 *     cpu_loop, forkvm's kernel; forkvm also page faults) and re-execute the instruction, writing a
 *     second record for it. On both sides a record equal to the previous one on pc, npc, registers,
 *     icc and y is dropped (the retry changes only WIM, which is not compared).
 *  3. Compared fields: pc, npc, %g/%o/%l/%i, icc and y. Not compared: the rest of the PSR (qemu
 *     shows user state with S = ET = 0, forkvm S = 0, ET = 1), CWP and WIM (qemu-user starts with
 *     WIM = 1, forkvm with the window above CWP invalid: overflows happen at different depths).
 *  4. Stack addresses: each side's initial %sp (sp0) differs (qemu ~0x40800ec0, forkvm below
 *     0xf0000000). Equal raw values always match; otherwise a value in [sp0 - 8 MiB, sp0] is
 *     rewritten as `sp0-0x…` and a value in (sp0, sp0 + 64 KiB) — argv/envp/auxv, laid out
 *     differently by each loader — as `sp0+args`, and the rewritten forms are compared.
 *     Both run with the same argv[0] (the file's base name, qemu's -0) and an empty environment.
 *  5. Undefined registers: after SAVE, the new window's %l and %o registers hold stale values of
 *     whatever last used that physical window, which differs (point 3, and forkvm's context
 *     switches clear the register file). A window-stack model driven by forkvm's instruction words
 *     tracks which visible %o/%l/%i registers were written since; only those are compared. After
 *     a `ta`, %o1 is undefined too (Solaris returns rval2 there, Linux leaves it). So are results
 *     and icc of logic/shift/mul/div operations on a stack address (e.g. `or %o0, %o1, %g4` in an
 *     alignment test) and icc of comparing a stack address with a non-stack value.
 * Usage: npx tsx scripts/trace_diff.ts [--max N] [--context K] PROGRAM [ARGS...]
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, createReadStream, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Readable } from 'node:stream';
import { disasm } from '../hw/sparc/disasm.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One parsed trace record (qemu's layout; `word`/`text` only on forkvm's side). */
export interface TraceRecord {
  pc: number;
  npc: number;
  /** r[0..31] = %g0-7, %o0-7, %l0-7, %i0-7 of the current window. */
  r: number[];
  psr: number;
  wim: number;
  y: number;
  /** forkvm's `=>` line: the instruction word (null when not mapped) and its disassembly. */
  word: number | null;
  text: string;
  /** Raw text of the record, for the report. */
  raw: string;
}

const ROWS: Record<string, number> = { '%g0-7:': 0, '%o0-7:': 8, '%l0-7:': 16, '%i0-7:': 24 };

/**
 * parse_record — one record from its lines (the `pc:` line first). Returns null when a line does
 * not have the expected layout, so a malformed trace shows up as an error, not as a divergence.
 */
export function parse_record(lines: string[]): TraceRecord | null {
  const rec: TraceRecord = { pc: 0, npc: 0, r: new Array<number>(32).fill(0), psr: 0, wim: 0, y: 0, word: null, text: '', raw: lines.join('\n') };
  const seen = new Set<string>();
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'pc:' && f[2] === 'npc:' && f.length === 4) {
      rec.pc = parseInt(f[1], 16); rec.npc = parseInt(f[3], 16);
    } else if (f[0] in ROWS && f.length === 9) {
      for (let k = 0; k < 8; k++) rec.r[ROWS[f[0]] + k] = parseInt(f[k + 1], 16);
    } else if (f[0] === 'psr:' && f[f.length - 2] === 'wim:') {
      rec.psr = parseInt(f[1], 16); rec.wim = parseInt(f[f.length - 1], 16);
    } else if (f[0] === 'fsr:' && f[2] === 'y:') {
      rec.y = parseInt(f[3], 16);
    } else if (f[0] === '=>') {
      const m = /^=> ([0-9a-f]{8}) {2}(.*)$/.exec(line);
      rec.word = m ? parseInt(m[1], 16) : null;
      rec.text = m ? m[2] : line.slice(3);
      continue;
    } else if (line.trim() === '') {
      continue;
    } else return null;
    seen.add(f[0]);
  }
  const need = ['pc:', '%g0-7:', '%o0-7:', '%l0-7:', '%i0-7:', 'psr:', 'fsr:'];
  if (!need.every((k) => seen.has(k))) return null;
  for (const v of [rec.pc, rec.npc, rec.psr, rec.wim, rec.y, ...rec.r]) if (Number.isNaN(v)) return null;
  return rec;
}

/**
 * split_records — the records of a whole trace text, and the lines that belong to none (forkvm's
 * own messages such as the --stats line). Records start at a `pc:` line.
 */
export function split_records(text: string): { records: TraceRecord[]; other: string[]; bad: number } {
  const records: TraceRecord[] = [];
  const other: string[] = [];
  let cur: string[] | null = null;
  let bad = 0;
  const done = () => {
    if (!cur) return;
    const r = parse_record(cur);
    if (r) records.push(r); else bad++;
    cur = null;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('pc: ')) { done(); cur = [line]; }
    else if (cur && (/^(%[goli]0-7|psr|fsr):/.test(line) || line.startsWith('=> ') || (line === '' && cur.length < 8))) cur.push(line);
    else { done(); if (line !== '') other.push(line); }
  }
  done();
  return { records, other, bad };
}

/** The fields compared for "same state": pc, npc, registers, icc and y (not the other PSR bits, WIM). */
export function same_state(a: TraceRecord, b: TraceRecord): boolean {
  if (a.pc !== b.pc || a.npc !== b.npc || a.y !== b.y || ((a.psr ^ b.psr) & 0x00f00000) !== 0) return false;
  for (let k = 0; k < 32; k++) if (a.r[k] !== b.r[k]) return false;
  return true;
}

/** drop_retries — normalisation step 2: remove each record that repeats the previous one's state. */
export function drop_retries(recs: TraceRecord[]): TraceRecord[] {
  return recs.filter((r, k) => k === 0 || !same_state(r, recs[k - 1]));
}

/** normalise_value — step 4: a register value relative to the side's initial %sp. */
export function normalise_value(v: number, sp0: number): string {
  const d = v - sp0;
  if (d <= 0 && d >= -(8 << 20)) return d === 0 ? 'sp0' : `sp0-0x${(-d).toString(16)}`;
  if (d > 0 && d < 64 * 1024) return 'sp0+args';
  return v.toString(16).padStart(8, '0');
}

/**
 * Definedness — step 5: which of %o/%l/%i (bits 8..31) hold values both machines must agree on,
 * and whether icc does. step() is called with the instruction that executed between two records
 * and forkvm's registers before it. Besides stale windows it tracks address mixing: a logical,
 * shift, multiply or divide result computed from a stack address (e.g. `or %o0, %o1, %g4` in a
 * memcpy alignment test) depends on where each loader put the stack, so it is not compared until
 * the register is written again; likewise icc from such an operation, or from comparing a stack
 * address with anything but another stack address.
 */
export class Definedness {
  /** Bit r set = register r is defined (%g0 always). */
  mask = 0xffffffff >>> 0;
  /** icc is defined. */
  icc = true;
  /** (l, i) bits of the windows below, pushed by SAVE and popped by RESTORE. */
  private stack: number[] = [];

  /**
   * Apply one retired instruction word. `r` (forkvm's registers before it) and `isStack` enable
   * the address-mixing rule; without them only the window rules apply.
   */
  step(w: number, r?: number[], isStack?: (v: number) => boolean): void {
    const op = w >>> 30, rd = (w >>> 25) & 31, op3 = (w >>> 19) & 63;
    if (op === 1) { this.def(15); return; }
    if (op === 0) { if (((w >>> 22) & 7) === 4) this.def(rd); return; }
    if (op === 2) {
      const rs1 = (w >>> 14) & 31, useImm = (w >>> 13) & 1, rs2 = w & 31;
      // A source counts as a known stack address only when it is itself defined.
      const stk = (reg: number) => !!r && !!isStack && ((this.mask >>> reg) & 1) === 1 && isStack(r[reg]);
      const s1 = stk(rs1), s2 = !useImm && stk(rs2);
      const arith = (op3 & 0x0b) === 0 || (op3 & 0x0b) === 8; // add, sub, addx, subx (+cc)
      if (op3 === 0x3c) { // save
        const m = this.mask;
        this.stack.push(m & 0xffff0000);
        this.mask = ((m & 0xff) | ((m & 0xff00) << 16)) >>> 0; // new %i = old %o; %l, %o undefined
        this.def(rd);
      } else if (op3 === 0x3d) { // restore
        const m = this.mask;
        const below = this.stack.length > 0 ? this.stack.pop()! : 0xffff0000;
        this.mask = ((m & 0xff) | ((m >>> 16) & 0xff00) | below) >>> 0; // new %o = old %i
        this.def(rd);
      } else if (op3 === 0x3a) { // ticc: the syscall ABIs differ in %o1
        this.mask = (this.mask & ~(1 << 9)) >>> 0;
      } else if (op3 < 0x20 || (op3 >= 0x24 && op3 < 0x28)) {
        // `mov` is `or %g0, x`: or/xor with a zero operand just copies the stack address.
        const op2v = useImm ? ((w << 19) >> 19) : r ? r[rs2] : 1;
        const copy = ((op3 & 0x0f) === 2 || (op3 & 0x0f) === 3) && ((s1 && op2v === 0) || (s2 && rs1 === 0));
        const opaque = arith ? s1 && s2 && (op3 & 4) === 0 : (s1 || s2) && !copy; // stack + stack is meaningless too
        if (opaque) this.undef(rd); else this.def(rd);
        if (op3 & 0x10) this.icc = arith ? s1 === s2 : !(s1 || s2);
      } else if (op3 < 0x30 || op3 === 0x38) this.def(rd);
      return;
    }
    // op = 3: integer loads (and ldstub/swap) write rd; ldd/ldda write rd and rd + 1.
    const base = op3 & 0x2f;
    if (op3 < 0x20 && (base <= 3 || base === 9 || base === 0xa || base === 0xd || base === 0xf)) {
      this.def(rd);
      if (base === 3) this.def(rd | 1);
    }
  }

  private def(r: number): void { if (r !== 0) this.mask = (this.mask | (1 << r)) >>> 0; }
  private undef(r: number): void { if (r !== 0) this.mask = (this.mask & ~(1 << r)) >>> 0; }
}

const REGNAMES = ['g', 'o', 'l', 'i'].flatMap((b) => [0, 1, 2, 3, 4, 5, 6, 7].map((k) => `%${b}${k}`));

/**
 * compare_records — the differences between a qemu record and a forkvm record after normalisation
 * (empty when they agree). `mask` says which registers are defined.
 */
export function compare_records(q: TraceRecord, f: TraceRecord, qsp0: number, fsp0: number, mask: number, iccDefined = true): string[] {
  const diffs: string[] = [];
  const h = (v: number) => v.toString(16).padStart(8, '0');
  if (q.pc !== f.pc) diffs.push(`pc: qemu ${h(q.pc)} forkvm ${h(f.pc)}`);
  if (q.npc !== f.npc) diffs.push(`npc: qemu ${h(q.npc)} forkvm ${h(f.npc)}`);
  for (let k = 1; k < 32; k++) {
    if (!((mask >>> k) & 1)) continue;
    if (q.r[k] === f.r[k]) continue;
    const a = normalise_value(q.r[k], qsp0), b = normalise_value(f.r[k], fsp0);
    if (a !== b) diffs.push(`${REGNAMES[k]}: qemu ${a} forkvm ${b}`);
  }
  const icc = (p: number) => ['N', 'Z', 'V', 'C'].map((c, k) => ((p >>> (23 - k)) & 1 ? c : '-')).join('');
  if (iccDefined && ((q.psr ^ f.psr) & 0x00f00000) !== 0) diffs.push(`icc: qemu ${icc(q.psr)} forkvm ${icc(f.psr)}`);
  if (q.y !== f.y) diffs.push(`y: qemu ${h(q.y)} forkvm ${h(f.y)}`);
  return diffs;
}

// ---- streaming ------------------------------------------------------------------------------

const HIGH = 20_000, LOW = 5_000;

/** Parses records from a child's stream as they arrive; pauses the stream when far ahead. */
class RecordStream {
  private q: TraceRecord[] = [];
  private head = 0;
  private partial = '';
  private cur: string[] | null = null;
  private ended = false;
  private wake: (() => void) | null = null;
  /** Lines outside records (forkvm's messages, qemu's warnings) and unparsable records. */
  readonly other: string[] = [];
  bad = 0;

  constructor(private s: Readable) {
    s.setEncoding('latin1');
    s.on('data', (chunk: string) => {
      const lines = (this.partial + chunk).split('\n');
      this.partial = lines.pop()!;
      for (const line of lines) this.line(line);
      if (this.q.length - this.head > HIGH) s.pause();
      this.notify();
    });
    s.on('end', () => {
      if (this.partial) this.line(this.partial);
      this.close();
      this.ended = true;
      this.notify();
    });
  }

  private notify(): void { const w = this.wake; this.wake = null; if (w) w(); }

  private close(): void {
    if (!this.cur) return;
    const r = parse_record(this.cur);
    if (r) this.q.push(r); else { this.bad++; this.other.push(...this.cur); }
    this.cur = null;
  }

  private line(line: string): void {
    if (line.startsWith('pc: ')) { this.close(); this.cur = [line]; }
    else if (this.cur && (line.startsWith('%') || line.startsWith('psr:') || line.startsWith('fsr:') || line.startsWith('=> ') || line === '')) this.cur.push(line);
    else { this.close(); if (line !== '') this.other.push(line); }
  }

  /** The next record, or null at the end of the stream. */
  async next(): Promise<TraceRecord | null> {
    while (this.head >= this.q.length && !this.ended) await new Promise<void>((r) => { this.wake = r; });
    if (this.head >= this.q.length) return null;
    const r = this.q[this.head++];
    if (this.head > 50_000) { this.q = this.q.slice(this.head); this.head = 0; }
    if (this.s.isPaused() && this.q.length - this.head < LOW) this.s.resume();
    return r;
  }
}

/** A child's stdout and exit status, collected. */
interface Collected { out: () => string; done: Promise<number> }
function collect(child: ChildProcess): Collected {
  let out = '';
  child.stdout!.setEncoding('latin1');
  child.stdout!.on('data', (c: string) => { out += c; });
  const done = new Promise<number>((res) => {
    child.on('close', (code, sig) => res(code ?? 128 + (sig === 'SIGKILL' ? 9 : sig === 'SIGSEGV' ? 11 : 0)));
    child.on('error', () => res(-1));
  });
  return { out: () => out, done };
}

const hex8 = (v: number) => v.toString(16).padStart(8, '0');

/** One line per record for the context listing: pc and forkvm's instruction. */
function brief(f: TraceRecord): string {
  return `${hex8(f.pc)}  ${f.word === null ? '<not mapped>' : `${hex8(f.word)}  ${f.text || disasm(f.word, f.pc)}`}`;
}

interface DiffOptions { max: number; context: number; program: string; args: string[] }

/** Run both machines and compare; prints the report and returns the exit status (0 = no divergence). */
export async function trace_diff(o: DiffOptions): Promise<number> {
  const name = basename(o.program);
  // qemu's -D needs a path it can open; node's stdio pipes are sockets, so give it a FIFO.
  const tmp = mkdtempSync(join(tmpdir(), 'trace-diff-'));
  const fifo = join(tmp, 'qemu.log');
  if (spawnSync('mkfifo', [fifo]).status !== 0) { console.error('trace_diff: mkfifo failed'); return 2; }
  const qemu = spawn('qemu-sparc', ['-0', name, '-singlestep', '-d', 'cpu,nochain', '-D', fifo, o.program, ...o.args],
    { env: {}, stdio: ['ignore', 'pipe', 'pipe'] });
  const fvm = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, o.program, ...o.args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const qerr: string[] = [];
  qemu.stderr!.setEncoding('latin1');
  qemu.stderr!.on('data', (c: string) => { if (qerr.length < 20) qerr.push(c); });
  const qstream = createReadStream(fifo);
  const qs = new RecordStream(qstream), fs = new RecordStream(fvm.stderr!);
  const qc = collect(qemu), fc = collect(fvm);
  qc.done.then(() => {
    // If qemu died before opening the FIFO, unblock our open by opening it for writing once.
    try { const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK); closeSync(fd); } catch { /* already open or gone */ }
  });
  const kill = () => {
    for (const c of [qemu, fvm]) if (c.exitCode === null && c.signalCode === null && c.pid !== undefined) c.kill('SIGKILL');
    qstream.destroy();
  };
  const cleanup = () => { kill(); rmSync(tmp, { recursive: true, force: true }); };
  // `trace_diff … | head` closes our stdout early: clean up and stop quietly.
  process.stdout.on('error', () => { cleanup(); process.exit(1); });
  try {
    return await compare_streams(o, qs, fs, qc, fc, kill, qerr);
  } finally {
    cleanup();
  }
}

async function compare_streams(o: DiffOptions, qs: RecordStream, fs: RecordStream, qc: Collected, fc: Collected,
  kill: () => void, qerr: string[]): Promise<number> {

  const def = new Definedness();
  const hist: [TraceRecord, TraceRecord][] = [];
  let q = await qs.next(), f = await fs.next();
  if (!q || !f) {
    kill();
    console.error(`trace_diff: no trace from ${!q ? 'qemu-sparc (is qemu-user installed?)' : 'forkvm'}`);
    for (const l of [...qerr.join('').split('\n'), ...qs.other, ...fs.other].filter((x) => x).slice(0, 5)) console.error(`  ${l}`);
    return 2;
  }
  const qsp0 = q.r[14], fsp0 = f.r[14];
  const isStack = (v: number) => normalise_value(v, fsp0).startsWith('sp0');
  let n = 0, retries = 0, qretries = 0, prevF: TraceRecord | null = null;
  let status = 0, early = false;
  for (;;) {
    if (!q || !f) {
      if (q || f) {
        console.log(`DIVERGENCE after ${n} records: ${q ? 'forkvm' : 'qemu'} trace ended first`);
        if (hist.length) console.log(`  last common instruction: ${brief(hist[hist.length - 1][1])}`);
        for (const l of (q ? fs : qs).other.slice(-5)) console.log(`  ${q ? 'forkvm' : 'qemu'}: ${l}`);
        status = 1;
        early = true;
      }
      break;
    }
    const diffs = compare_records(q, f, qsp0, fsp0, def.mask, def.icc);
    if (diffs.length > 0) {
      console.log(`DIVERGENCE at record ${n} (pc ${hex8(f.pc)}), after executing: ${prevF ? brief(prevF) : '(first record)'}`);
      for (const d of diffs) console.log(`  ${d}`);
      console.log(`previous ${Math.min(o.context, hist.length)} instructions (forkvm):`);
      for (const [, hf] of hist.slice(-o.context)) console.log(`  ${brief(hf)}`);
      console.log('qemu record:\n' + q.raw.split('\n').map((l) => '  ' + l).join('\n'));
      console.log('forkvm record:\n' + f.raw.split('\n').map((l) => '  ' + l).join('\n'));
      status = 1;
      early = true;
      break;
    }
    n++;
    if (n >= o.max) { console.log(`no divergence in the first ${n} records (--max)`); early = true; break; }
    let nf = await fs.next();
    while (nf && same_state(nf, f)) {
      // A retry after a kernel-handled fault: the same instruction again (now perhaps mapped).
      retries++;
      if (f.word === null) { f.word = nf.word; f.text = nf.text; }
      nf = await fs.next();
    }
    hist.push([q, f]);
    if (hist.length > o.context) hist.shift();
    if (f.word !== null) def.step(f.word, f.r, isStack);
    prevF = f;
    let nq = await qs.next();
    while (nq && same_state(nq, q)) { qretries++; nq = await qs.next(); }
    q = nq;
    f = nf;
  }
  if (early) kill();
  const [qst, fst] = await Promise.all([qc.done, fc.done]);
  console.log(`compared ${n} records (retry records dropped: qemu ${qretries}, forkvm ${retries}); sp0 qemu ${hex8(qsp0)}, forkvm ${hex8(fsp0)}`);
  if (!early) {
    const same = qc.out() === fc.out();
    console.log(`stdout ${same ? 'identical' : 'DIFFERS'} (${fc.out().length} bytes); exit status qemu ${qst}, forkvm ${fst}`);
    if (!same || qst !== fst) status = 1;
  }
  if (early) return status; // the killed children's last lines are cut off: nothing more to say
  for (const l of fs.other.filter((l) => !l.startsWith('forkvm: instructions'))) console.log(`forkvm stderr: ${l}`);
  if (qs.bad + fs.bad > 0) console.log(`warning: ${qs.bad} qemu and ${fs.bad} forkvm records did not parse`);
  return status;
}

/** Internal: the forkvm side of the comparison runs in a child started with this flag. */
const CHILD_FLAG = '--forkvm-child';

/**
 * forkvm_child — what `forkvm run --trace PROGRAM` does, except that PROGRAM runs directly as
 * pid 1 (run_image's `direct`, as `forkvm boot` runs init) instead of under `/sbin/init -c`, so
 * that the trace holds the program's instructions only, and that the trace is written in 64 KiB
 * blocks (a write per record is three times slower). Program output goes to stdout.
 */
async function forkvm_child(program: string, args: string[]): Promise<number> {
  const { run_image, DEFAULT_BOOT } = await import('../boot/boot.ts');
  const { readFileSync, writeSync: write1 } = await import('node:fs');
  // The parent's pipes are non-blocking sockets and the parent stops reading when it is ahead:
  // wait and retry on EAGAIN, so that backpressure simply slows the machine down.
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const writeSync = (fd: number, data: string | Uint8Array): void => {
    let b = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    while (b.length > 0) {
      try { b = b.subarray(write1(fd, b)); } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(nap, 0, 0, 2);
      }
    }
  };
  let buf: string[] = [], len = 0;
  const flush = () => { if (len) { writeSync(2, buf.join('')); buf = []; len = 0; } };
  const r = run_image({
    ...DEFAULT_BOOT, fsDirs: [], cpus: 1, direct: true, stdin: new Uint8Array(0),
    sink: (b) => { flush(); writeSync(1, b); },
    trace: (rec) => { buf.push(rec); len += rec.length; if (len >= 65536) flush(); },
    log: (line) => { flush(); writeSync(2, `forkvm: ${line}\n`); },
  }, new Uint8Array(readFileSync(program)), [basename(program), ...args]);
  flush();
  if (r.halt.why !== 'exit') writeSync(2, `forkvm: ${r.halt.message}\n`);
  writeSync(2, `forkvm: instructions ${r.instructions}, cycles ${r.cycles}\n`);
  return r.status;
}

function main(argv: string[]): Promise<number> | number {
  if (argv[0] === CHILD_FLAG) return forkvm_child(argv[1], argv.slice(2));
  const o: DiffOptions = { max: Infinity, context: 8, program: '', args: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--max' && /^\d+$/.test(argv[i + 1] ?? '')) o.max = Number(argv[++i]);
    else if (a === '--context' && /^\d+$/.test(argv[i + 1] ?? '')) o.context = Number(argv[++i]);
    else if (a === '--') { i++; break; }
    else if (a.startsWith('-')) { console.error(`trace_diff: bad argument '${a}'\nusage: trace_diff.ts [--max N] [--context K] PROGRAM [ARGS...]`); return 2; }
    else break;
  }
  if (i >= argv.length) { console.error('usage: trace_diff.ts [--max N] [--context K] PROGRAM [ARGS...]'); return 2; }
  let prog = argv[i];
  if (!existsSync(prog) && existsSync(join(ROOT, 'userland', 'bin', 'sparc', prog))) prog = join(ROOT, 'userland', 'bin', 'sparc', prog);
  if (!existsSync(prog)) { console.error(`trace_diff: ${prog}: no such file`); return 2; }
  o.program = resolve(prog);
  o.args = argv.slice(i + 1);
  return trace_diff(o);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
