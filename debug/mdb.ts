/*
 * debug/mdb.ts — the command executor of `forkvm debug`: dcmd and walker registries, expression
 * evaluation (numbers, `.`, kernel symbols such as pidlock and practive, per-process user symbols
 * from the ELF symtab), pipelines (`::walk proc | ::print proc_t p_pid`: a stage's addresses feed
 * the next, once each), and mdb's error style (one `mdb: ...` line; the session goes on). The
 * dcmds themselves live in debug/dcmds_*.ts and register here.
 */

import { parse_line, MdbSyntaxError, type Command, type Expr } from './mdb_parse.ts';
import type { DebugTarget } from './target.ts';
import { elf_symbols } from './target.ts';
import { KAddr, SYM_PIDLOCK, SYM_PRACTIVE } from './kaddr.ts';

/** An error a dcmd reports: printed as `mdb: <message>`. */
export class MdbError extends Error {}

/** sparc_only — refuse dcmd `what` on the i386 machine: it reads SPARC state (`why`: what i386 lacks). */
export function sparc_only(mdb: Mdb, what: string, why: string): void {
  if (mdb.tgt.m.config.isa !== 'sparc') throw new MdbError(`${what}: SPARC only (${why})`);
}

/** What a dcmd is given: the session, its address (if any), its count and words, and whether it feeds a pipe. */
export interface DcmdCall {
  mdb: Mdb;
  addr: number | null;
  count: number;
  args: string[];
  /** True when the output goes to the next pipeline stage: return addresses instead of printing them. */
  piped: boolean;
  /** False for the second and later addresses a pipeline feeds this stage (print headers once). */
  first: boolean;
}

/** A dcmd: prints with call.mdb.out and returns the addresses it passes on (pipelines), if any. */
export type Dcmd = (call: DcmdCall) => number[] | void;

interface DcmdDef { name: string; usage: string; help: string; fn: Dcmd }
interface WalkerDef { name: string; help: string; fn: (mdb: Mdb, addr: number | null) => number[] }

const DCMDS = new Map<string, DcmdDef>();
const WALKERS = new Map<string, WalkerDef>();

/** dcmd — register a dcmd (`usage` is its argument synopsis, `help` one line). */
export function dcmd(name: string, usage: string, help: string, fn: Dcmd): void {
  DCMDS.set(name, { name, usage, help, fn });
}

/** walker — register a walker: from `addr` (or globally) the addresses it visits. */
export function walker(name: string, help: string, fn: (mdb: Mdb, addr: number | null) => number[]): void {
  WALKERS.set(name, { name, help, fn });
}

/** Mdb — one debugging session's command interpreter. */
export class Mdb {
  private ka_k: unknown = null;
  private ka_book!: KAddr;
  /** The address book of the kernel the target debugs now (a new one after time travel re-boots it). */
  get ka(): KAddr {
    if (this.ka_k !== this.tgt.k) { this.ka_book = new KAddr(this.tgt.k); this.ka_k = this.tgt.k; }
    return this.ka_book;
  }
  /** The last address used (mdb's dot). */
  dot = 0;
  /** Set by $q. */
  quit = false;
  private lines: string[] = [];

  constructor(readonly tgt: DebugTarget) {}

  /** Print one line of debugger output. */
  out(line = ''): void { this.lines.push(line); }

  /** exec — run one command line; returns its output lines (errors as `mdb: ...`). */
  exec(line: string): string[] {
    this.lines = [];
    try {
      const stages = parse_line(line);
      if (stages.length > 0) this.run_pipeline(stages);
    } catch (e) {
      if (e instanceof MdbSyntaxError || e instanceof MdbError) this.lines.push(`mdb: ${e.message}`);
      else throw e;
    }
    const r = this.lines;
    this.lines = [];
    return r;
  }

  private run_pipeline(stages: Command[]): void {
    let input: number[] | null = null;
    for (let i = 0; i < stages.length; i++) {
      const c = stages[i];
      const piped = i < stages.length - 1;
      if (input === null) {
        input = this.run_one(c, c.addr ? this.eval(c.addr) : null, piped, true) ?? [];
      } else {
        const next: number[] = [];
        let first = true;
        for (const a of input) { next.push(...(this.run_one(c, a, piped, first) ?? [])); first = false; }
        input = next;
      }
      if (!piped) return;
    }
  }

  private run_one(c: Command, addr: number | null, piped: boolean, first: boolean): number[] | void {
    if (addr !== null) this.dot = addr >>> 0;
    const count = c.count ? this.eval(c.count) : 1;
    switch (c.kind) {
      case 'none': return addr === null ? [] : [addr];
      case 'dcmd': {
        const d = DCMDS.get(c.name);
        if (!d) throw new MdbError(`dcmd not found: ${c.name}`);
        return d.fn({ mdb: this, addr, count, args: c.args, piped, first });
      }
      case 'colon': {
        const d = DCMDS.get(':' + c.name);
        if (!d) throw new MdbError(`unknown command: :${c.name}`);
        return d.fn({ mdb: this, addr, count, args: c.args, piped, first });
      }
      case 'dollar': {
        const d = DCMDS.get('$' + c.name);
        if (!d) throw new MdbError(`unknown command: $${c.name}`);
        return d.fn({ mdb: this, addr, count, args: c.args, piped, first });
      }
      case 'fmt': case 'eq': {
        const d = DCMDS.get(c.kind === 'fmt' ? '/' : '=');
        return d!.fn({ mdb: this, addr: addr ?? this.dot, count, args: [c.name], piped, first });
      }
    }
  }

  /** Evaluate an expression (symbols: kernel globals, then the current process's user symbols). */
  eval(e: Expr): number {
    switch (e.k) {
      case 'num': return e.v >>> 0;
      case 'dot': return this.dot;
      case 'bin': {
        const a = this.eval(e.a), b = this.eval(e.b);
        switch (e.op) {
          case '+': return (a + b) >>> 0;
          case '-': return (a - b) >>> 0;
          case '*': return Math.imul(a, b) >>> 0;
          case '%': if (b === 0) throw new MdbError('division by zero'); return Math.floor(a / b) >>> 0;
        }
      }
      // falls through (unreachable)
      case 'sym': {
        const v = this.symbol((e as { name: string }).name);
        if (v !== null) return v;
        const name = (e as { name: string }).name;
        if (/^[0-9a-fA-F]+$/.test(name)) return parseInt(name, 16) >>> 0;
        throw new MdbError(`failed to dereference symbol: unknown symbol name '${name}'`);
      }
    }
  }

  /** The value of a symbol, or null: kernel globals, then the current process's ELF symbols. */
  symbol(name: string): number | null {
    const n = name.startsWith('kernel`') ? name.slice(7) : name;
    if (n === 'pidlock') return SYM_PIDLOCK;
    if (n === 'practive') return SYM_PRACTIVE;
    if (n === 'p0' || n === 'proc0') return this.ka.of(this.tgt.k.proc0);
    if (n === 'curthread' && this.tgt.cur_t) return this.ka.of(this.tgt.cur_t);
    if (n === 'curproc' && this.tgt.cur_t) return this.ka.of(this.tgt.cur_t.t_procp);
    if (name.startsWith('kernel`')) return null;
    // IMAGE`sym: a symbol of a program in the guest's file system (before any process runs it).
    const q = /^([\w.$-]+)`(.+)$/.exec(name);
    if (q) {
      for (const dir of ['/bin/', '/sbin/']) {
        const f = this.tgt.k.fs.lookup(dir + q[1]) as { data?: Uint8Array } | null;
        if (f && f.data instanceof Uint8Array) return elf_symbols(f.data).byName.get(q[2]) ?? null;
      }
      return null;
    }
    const p = this.tgt.cur_t?.t_procp;
    const img = p ? this.tgt.images.get(p.p_pid) : undefined;
    if (img) {
      const v = elf_symbols(img.bytes).byName.get(n);
      if (v !== undefined) return v;
    }
    return null;
  }

  /** Completion candidates for a partial word: dcmds, walkers, symbols. */
  complete(word: string): string[] {
    if (word.startsWith('::')) return [...DCMDS.keys()].filter((n) => /^\w/.test(n)).map((n) => '::' + n).filter((n) => n.startsWith(word)).sort();
    const syms = ['pidlock', 'practive', 'p0', 'curthread', 'curproc', ...WALKERS.keys()];
    const p = this.tgt.cur_t?.t_procp;
    const img = p ? this.tgt.images.get(p.p_pid) : undefined;
    if (img) syms.push(...elf_symbols(img.bytes).names());
    return [...new Set(syms)].filter((s) => s.startsWith(word)).sort();
  }

  /** The registries, for ::help, ::dcmds and ::walkers. */
  static dcmds(): DcmdDef[] { return [...DCMDS.values()].sort((a, b) => (a.name < b.name ? -1 : 1)); }
  static walkers(): WalkerDef[] { return [...WALKERS.values()].sort((a, b) => (a.name < b.name ? -1 : 1)); }
  static walker(name: string): WalkerDef | undefined { return WALKERS.get(name); }
  static dcmd(name: string): DcmdDef | undefined { return DCMDS.get(name); }
}

/** Parse dcmd options: flags (`-f`) and options with a value (`-p PID`); the rest positional. */
export function getopts(args: string[], withValue: string): { flags: Set<string>; vals: Map<string, string>; rest: string[] } {
  const flags = new Set<string>(), vals = new Map<string, string>(), rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^-[A-Za-z]+$/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (withValue.includes(f)) {
          const v = j < a.length - 1 ? a.slice(j + 1) : args[++i];
          if (v === undefined) throw new MdbError(`option -${f} requires an argument`);
          vals.set(f, v);
          break;
        }
        flags.add(f);
      }
    } else rest.push(a);
  }
  return { flags, vals, rest };
}

/** A number argument: mdb's syntax (hex by default, 0t decimal) or a plain decimal for counts. */
export function num_arg(s: string, decimalDefault = false): number {
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[tT]\d+$/.test(s)) return parseInt(s.slice(2), 10);
  if (decimalDefault && /^\d+$/.test(s)) return parseInt(s, 10);
  if (/^[0-9a-fA-F]+$/.test(s)) return parseInt(s, 16);
  throw new MdbError(`invalid number: ${s}`);
}
