/*
 * debug/mdb_parse.ts — the command language of mdb (illumos usr/src/cmd/mdb/common/mdb/mdb_lex.l
 * and mdb_grammar.y, in effect): `[addr][,count]::dcmd [args] [| ::dcmd ...]`, `::walk NAME`,
 * `$c $r $q $b $<file`, `:c`, `addr/fmt`, `addr=fmt`, and expressions over numbers (hex by
 * default, 0x, 0t decimal, 0o octal), symbols (`pidlock`, `kernel\`cfork`, `main+0x10`), `.` (dot),
 * `+ - * %` and parentheses. Pure: it parses text; evaluation is debug/mdb.ts's.
 */

/** An expression tree. */
export type Expr =
  | { k: 'num'; v: number }
  | { k: 'sym'; name: string }
  | { k: 'dot' }
  | { k: 'bin'; op: '+' | '-' | '*' | '%'; a: Expr; b: Expr };

/** One command of a pipeline: what to run, on which address (and count), with which words. */
export interface Command {
  addr: Expr | null;
  count: Expr | null;
  /** 'dcmd' (::name), 'colon' (:c), 'dollar' ($c), 'fmt' (/fmt), 'eq' (=fmt), 'none' (bare expression). */
  kind: 'dcmd' | 'colon' | 'dollar' | 'fmt' | 'eq' | 'none';
  name: string;
  args: string[];
}

/** A parse error, reported as one `mdb: ...` line. */
export class MdbSyntaxError extends Error {}

/** Split a line into pipeline stages at `|` outside quotes. */
function split_pipes(line: string): string[] {
  const out: string[] = [];
  let cur = '', q = '';
  for (const ch of line) {
    if (q) { cur += ch; if (ch === q) q = ''; continue; }
    if (ch === '"' || ch === "'") { q = ch; cur += ch; continue; }
    if (ch === '|') { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  if (q) throw new MdbSyntaxError('syntax error: unterminated string');
  out.push(cur);
  return out;
}

/** Words of an argument string (quotes group, and are removed). */
export function split_words(s: string): string[] {
  const out: string[] = [];
  let cur = '', q = '', any = false;
  for (const ch of s) {
    if (q) { if (ch === q) q = ''; else cur += ch; continue; }
    if (ch === '"' || ch === "'") { q = ch; any = true; continue; }
    if (/\s/.test(ch)) { if (cur || any) out.push(cur); cur = ''; any = false; continue; }
    cur += ch;
  }
  if (cur || any) out.push(cur);
  return out;
}

/** Expression parser over a string, from position 0; returns the tree and where it stopped. */
class ExprParser {
  i = 0;
  constructor(readonly s: string) {}
  private ws(): void { while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++; }
  private peek(): string { this.ws(); return this.s[this.i] ?? ''; }

  /** Does an expression start here? */
  starts(): boolean {
    const c = this.peek();
    return /[0-9A-Za-z_.(`*]/.test(c) && !(c === '.' && false);
  }

  expr(): Expr {
    let a = this.term();
    for (;;) {
      const c = this.peek();
      if (c === '+' || c === '-' || c === '*' || c === '%') {
        // "*" and "%" only as binary operators after a term.
        this.i++;
        const b = this.term();
        a = { k: 'bin', op: c, a, b };
      } else return a;
    }
  }

  private term(): Expr {
    const c = this.peek();
    if (c === '(') {
      this.i++;
      const e = this.expr();
      if (this.peek() !== ')') throw new MdbSyntaxError('syntax error: missing )');
      this.i++;
      return e;
    }
    if (c === '.') {
      // "." alone is dot; ".5" is not a number in mdb.
      this.i++;
      return { k: 'dot' };
    }
    const rest = this.s.slice(this.i);
    let m = /^0[xX]([0-9a-fA-F]+)/.exec(rest);
    if (m) { this.i += m[0].length; return { k: 'num', v: parseInt(m[1], 16) }; }
    m = /^0[tT]([0-9]+)/.exec(rest);
    if (m) { this.i += m[0].length; return { k: 'num', v: parseInt(m[1], 10) }; }
    m = /^0[oO]([0-7]+)/.exec(rest);
    if (m) { this.i += m[0].length; return { k: 'num', v: parseInt(m[1], 8) }; }
    // A symbol: letters, digits, _, and one module qualifier (kernel`cfork); a word of digits is a
    // hex number (mdb's default radix is 16), and a word of hex letters and digits is a number
    // unless a symbol has that name (resolved when evaluated).
    m = /^[A-Za-z_][\w$]*(?:`[A-Za-z_][\w$]*)?|^[0-9][0-9a-fA-F]*\b/.exec(rest);
    if (m) {
      this.i += m[0].length;
      if (/^[0-9a-fA-F]+$/.test(m[0]) && /^[0-9]/.test(m[0])) return { k: 'num', v: parseInt(m[0], 16) };
      if (/^[0-9]/.test(m[0])) throw new MdbSyntaxError(`syntax error near "${m[0]}"`);
      return { k: 'sym', name: m[0] };
    }
    throw new MdbSyntaxError(`syntax error near "${rest.trim().split(/\s+/)[0] ?? ''}"`);
  }
}

/** Parse one pipeline stage. */
function parse_stage(src: string): Command {
  const s = src.trim();
  if (s === '') throw new MdbSyntaxError('syntax error: empty command in pipeline');
  let addr: Expr | null = null, count: Expr | null = null;
  const p = new ExprParser(s);
  const c0 = s[0];
  if (!(c0 === ':' || c0 === '$' || c0 === '/' || c0 === '=' || c0 === ',')) {
    addr = p.expr();
  }
  let rest = s.slice(p.i).trimStart();
  if (rest.startsWith(',')) {
    const q = new ExprParser(rest.slice(1));
    count = q.expr();
    rest = rest.slice(1 + q.i).trimStart();
  }
  if (rest === '') return { addr, count, kind: 'none', name: '', args: [] };
  if (rest.startsWith('::')) {
    const m = /^::([A-Za-z_][\w$]*)(.*)$/s.exec(rest);
    if (!m) throw new MdbSyntaxError(`syntax error near "${rest}"`);
    return { addr, count, kind: 'dcmd', name: m[1], args: split_words(m[2]) };
  }
  if (rest.startsWith(':')) {
    const m = /^:([A-Za-z])(.*)$/s.exec(rest);
    if (!m) throw new MdbSyntaxError(`syntax error near "${rest}"`);
    return { addr, count, kind: 'colon', name: m[1], args: split_words(m[2]) };
  }
  if (rest.startsWith('$')) {
    const m = /^\$([A-Za-z<])(.*)$/s.exec(rest);
    if (!m) throw new MdbSyntaxError(`syntax error near "${rest}"`);
    return { addr, count, kind: 'dollar', name: m[1], args: split_words(m[2]) };
  }
  if (rest.startsWith('/') || rest.startsWith('=')) {
    const m = /^([/=])\s*(\d*)\s*([A-Za-z]+)\s*$/.exec(rest);
    if (!m) throw new MdbSyntaxError(`syntax error near "${rest}"`);
    if (m[2]) count = { k: 'num', v: parseInt(m[2], 10) };
    return { addr, count, kind: m[1] === '/' ? 'fmt' : 'eq', name: m[3], args: [] };
  }
  throw new MdbSyntaxError(`syntax error near "${rest.split(/\s+/)[0]}"`);
}

/** parse_line — a command line into its pipeline (empty for a blank or comment line). */
export function parse_line(line: string): Command[] {
  const s = line.replace(/^\s+/, '');
  if (s === '' || s.startsWith('//')) return [];
  return split_pipes(s).map(parse_stage);
}
