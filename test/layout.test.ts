/*
 * test/layout.test.ts — enforces the import rules of DESIGN.md §2 on every .ts file under hw/,
 * kernel/, boot/ and debug/. It tokenizes each file (comments, strings, template and regex literals
 * are understood, so text that merely looks like an import is not one), resolves relative
 * specifiers, and checks static imports, `export … from` and `import('…')`. Bare package imports
 * (node:fs, tsx) are not layering questions and are ignored.
 */

import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['hw', 'kernel', 'boot', 'debug'];
const ISAS = ['sparc', 'x86'];
/** The only hw/ files kernel/common may import (extensionless); see violation() for why. */
const COMMON_HW_ALLOWED: ReadonlySet<string> = new Set(['hw/machine']);

/** One import edge found in a file. `spec` is the text as written; `target` is repo-relative. */
interface ImportEdge { spec: string; target: string | null; kind: 'static' | 'reexport' | 'dynamic'; line: number }

type Tok = { t: 'id' | 'str' | 'tmpl' | 'num' | 'punct' | 'regex'; v: string; line: number };

// Keywords after which a '/' starts a regular expression rather than a division.
const REGEX_AFTER_KW = new Set(['return', 'typeof', 'case', 'in', 'of', 'delete', 'void', 'throw', 'new',
  'yield', 'await', 'else', 'do', 'instanceof']);

/** Tokenize enough of TypeScript to find imports: drops comments, keeps strings whole. */
function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0, line = 1;
  const n = src.length;
  // Each entry counts open braces inside a template's `${ … }`; a '}' at count 0 resumes the template.
  const tmplStack: number[] = [];

  const regexAllowed = (): boolean => {
    const p = toks[toks.length - 1];
    if (!p) return true;
    if (p.t === 'id') return REGEX_AFTER_KW.has(p.v);
    if (p.t === 'num' || p.t === 'str' || p.t === 'tmpl' || p.t === 'regex') return false;
    return !(p.v === ')' || p.v === ']' || p.v === '}');
  };

  // Scan template text from i (just after ` or the } closing a substitution) to its end or `${`.
  const scanTemplate = (): void => {
    const startLine = line;
    while (i < n) {
      const c = src[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '\n') line++;
      if (c === '`') { i++; toks.push({ t: 'tmpl', v: '', line: startLine }); return; }
      if (c === '$' && src[i + 1] === '{') { i += 2; tmplStack.push(0); toks.push({ t: 'tmpl', v: '', line: startLine }); return; }
      i++;
    }
  };

  while (i < n) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      let v = '';
      const startLine = line;
      i++;
      while (i < n && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') { v += src[i + 1] ?? ''; i += 2; continue; }
        v += src[i++];
      }
      i++;
      toks.push({ t: 'str', v, line: startLine });
      continue;
    }
    if (c === '`') { i++; scanTemplate(); continue; }
    if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$\u0080-\uffff]/.test(src[j])) j++;
      toks.push({ t: 'id', v: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(src[j])) j++;
      toks.push({ t: 'num', v: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let j = i + 1, inClass = false;
      while (j < n && src[j] !== '\n') {
        const d = src[j];
        if (d === '\\') { j += 2; continue; }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      j++;
      while (j < n && /[a-z]/.test(src[j])) j++;
      toks.push({ t: 'regex', v: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (tmplStack.length > 0) {
      if (c === '{') tmplStack[tmplStack.length - 1]++;
      else if (c === '}') {
        if (tmplStack[tmplStack.length - 1] === 0) { tmplStack.pop(); i++; scanTemplate(); continue; }
        tmplStack[tmplStack.length - 1]--;
      }
    }
    toks.push({ t: 'punct', v: c, line });
    i++;
  }
  return toks;
}

/** Find the import edges of one file (`file` is repo-relative, posix separators). */
function findImports(file: string, src: string): ImportEdge[] {
  const toks = tokenize(src);
  const edges: ImportEdge[] = [];
  const add = (spec: string, kind: ImportEdge['kind'], line: number) =>
    edges.push({ spec, target: resolveSpec(file, spec), kind, line });

  // From toks[k], find `from STRING` at brace depth 0 before a ';'; returns the string token.
  const fromClause = (k: number): Tok | null => {
    let depth = 0;
    for (; k < toks.length; k++) {
      const tk = toks[k];
      if (tk.t === 'punct') {
        if (tk.v === '{') depth++;
        else if (tk.v === '}' && --depth < 0) return null; // `import` was an object key
        else if (tk.v === ';' && depth === 0) return null;
      } else if (depth === 0 && tk.t === 'id' && tk.v === 'from' && toks[k + 1]?.t === 'str') {
        return toks[k + 1];
      } else if (depth === 0 && tk.t === 'id' && (tk.v === 'import' || tk.v === 'export')) {
        return null;
      }
    }
    return null;
  };

  for (let k = 0; k < toks.length; k++) {
    const tk = toks[k];
    if (tk.t !== 'id' || (tk.v !== 'import' && tk.v !== 'export')) continue;
    const prev = toks[k - 1];
    if (prev && prev.t === 'punct' && prev.v === '.') continue; // a property named import/export
    const next = toks[k + 1];
    if (!next) continue;
    if (tk.v === 'import') {
      if (next.t === 'punct' && next.v === '(') {
        const arg = toks[k + 2], close = toks[k + 3];
        if (arg?.t === 'str' && close?.t === 'punct' && (close.v === ')' || close.v === ',')) add(arg.v, 'dynamic', tk.line);
        else edges.push({ spec: '<computed>', target: null, kind: 'dynamic', line: tk.line });
        continue;
      }
      if (next.t === 'punct' && next.v === '.') continue; // import.meta
      if (next.t === 'str') { add(next.v, 'static', tk.line); continue; }
      const s = fromClause(k + 1);
      if (s) add(s.v, 'static', tk.line);
    } else {
      let j = k + 1;
      if (toks[j]?.t === 'id' && toks[j].v === 'type') j++;
      const head = toks[j];
      if (!head || head.t !== 'punct') continue;
      if (head.v === '*') {
        j++;
        if (toks[j]?.t === 'id' && toks[j].v === 'as') j += 2;
      } else if (head.v === '{') {
        let depth = 0;
        for (; j < toks.length; j++) {
          if (toks[j].t !== 'punct') continue;
          if (toks[j].v === '{') depth++;
          else if (toks[j].v === '}' && --depth === 0) break;
        }
        j++;
      } else continue;
      if (toks[j]?.t === 'id' && toks[j].v === 'from' && toks[j + 1]?.t === 'str') add(toks[j + 1].v, 'reexport', tk.line);
    }
  }
  return edges;
}

/** Repo-relative target of a specifier, null for a bare package name; '../' past the root stays. */
function resolveSpec(file: string, spec: string): string | null {
  if (spec.startsWith('/')) return spec; // absolute: reported as outside the tree
  if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return null;
  return posix.normalize(posix.join(posix.dirname(file), spec));
}

const under = (p: string, dir: string): boolean => p === dir || p.startsWith(dir + '/');
const stripExt = (p: string): string => p.replace(/\.(ts|mts|cts|js|mjs|cjs)$/, '');

/**
 * The rules, given importer `from` and resolved target `to` (both repo-relative). Returns why the
 * edge is forbidden, or null.
 *
 * kernel/common may import exactly one hw/ file, hw/machine.ts. DESIGN.md §2 says common code "may
 * import only hw/machine.ts types from hw/"; it does not list hw/mem/phys_mem.ts, so common code that
 * needs memory gets it through the MachDep contract or the types machine.ts re-exposes, never by
 * importing hw/mem directly (kernel/common/vm/vm_page.ts's PhysMemory interface is the pattern).
 * Whether an import is type-only is not distinguished: the rule is about knowing the module at all.
 */
function violation(from: string, to: string): string | null {
  if (to.startsWith('/') || to === '..' || to.startsWith('../')) return 'import leaves the repository tree';
  if (under(from, 'hw')) {
    for (const d of ['kernel', 'boot', 'debug']) if (under(to, d)) return `hw/ must not import ${d}/`;
  }
  for (const isa of ISAS) {
    for (const other of ISAS) {
      if (other === isa) continue;
      if (under(from, `hw/${isa}`) && under(to, `hw/${other}`)) return `hw/${isa} must not import hw/${other}`;
      if (under(from, `kernel/${isa}`) && under(to, `kernel/${other}`)) return `kernel/${isa} must not import kernel/${other}`;
    }
  }
  if (under(from, 'kernel/common')) {
    if (under(to, 'hw') && !COMMON_HW_ALLOWED.has(stripExt(to))) return 'kernel/common may import only hw/machine.ts from hw/';
    for (const isa of ISAS) if (under(to, `kernel/${isa}`)) return `kernel/common must not import kernel/${isa}`;
  }
  // debug/ may read everything; nothing but the CLI (and tests) imports it (DESIGN.md §2, issue 7).
  if (under(to, 'debug') && !under(from, 'debug') && stripExt(from) !== 'boot/cli' && !under(from, 'test')) {
    return 'only boot/cli.ts imports debug/';
  }
  for (const isa of ISAS) {
    if (!under(to, `hw/${isa}`)) continue;
    const allowed = under(from, `hw/${isa}`) || under(from, `kernel/${isa}`) ||
      under(from, 'boot') || under(from, 'debug') || under(from, 'test');
    if (!allowed) return `only kernel/${isa}, boot/, debug/ and test/ may import hw/${isa}`;
  }
  return null;
}

/** Check a set of files (repo-relative path → source); returns one line per violation. */
function checkLayout(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, src] of files) {
    for (const e of findImports(file, src)) {
      if (e.kind === 'dynamic' && e.target === null && e.spec === '<computed>') {
        // A computed import('…') cannot be checked; hw/ and kernel/ must not hide edges that way.
        if (under(file, 'hw') || under(file, 'kernel')) out.push(`${file}:${e.line}: computed import() cannot be checked`);
        continue;
      }
      if (e.target === null) continue;
      const why = violation(file, e.target);
      if (why) out.push(`${file}:${e.line}: ${e.kind} import '${e.spec}' → ${e.target}: ${why}`);
    }
  }
  return out;
}

function collect(dir: string, acc: Map<string, string>): void {
  let names: string[];
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) collect(p, acc);
    else if (/\.(ts|mts|cts)$/.test(name)) acc.set(relative(ROOT, p).split('\\').join('/'), readFileSync(p, 'utf8'));
  }
}

describe('layout: DESIGN.md §2 import rules', () => {
  it('the source tree has no forbidden imports', () => {
    const files = new Map<string, string>();
    for (const d of SCANNED) collect(join(ROOT, d), files);
    expect(files.size, 'no .ts files found under hw/ kernel/ boot/ debug/').to.be.greaterThan(0);
    expect(files.has('hw/machine.ts')).to.equal(true);
    expect(checkLayout(files)).to.deep.equal([]);
  });

  describe('self-test on synthetic files', () => {
    const one = (path: string, src: string): string[] => checkLayout(new Map([[path, src]]));

    it('flags each forbidden direction', () => {
      expect(one('hw/sparc/cpu.ts', `import { cfork } from '../../kernel/common/os/fork.ts';`)).to.have.length(1);
      expect(one('hw/dev/console.ts', `import { main } from '../../boot/cli.ts';`)).to.have.length(1);
      expect(one('hw/machine.ts', `import type { X } from './../debug/kmdb.ts';`)).to.have.length(1);
      expect(one('hw/sparc/cpu.ts', `import { X86 } from '../x86/cpu.ts';`)).to.have.length(1);
      expect(one('hw/x86/cpu.ts', `import { ICOND } from '../sparc/isa.ts';`)).to.have.length(1);
      expect(one('hw/dev/clock.ts', `import { OPS } from '../sparc/isa.ts';`)).to.have.length(1);
      expect(one('kernel/common/os/fork.ts', `import { SparcCpu } from '../../../hw/sparc/cpu.ts';`)).to.have.length(1);
      expect(one('kernel/common/vm/vm_page.ts', `import { PhysMem } from '../../../hw/mem/phys_mem.ts';`)).to.have.length(1);
      expect(one('kernel/common/os/fork.ts', `import { lwp_forkregs } from '../../sparc/lwp_regs.ts';`)).to.have.length(1);
      expect(one('kernel/sparc/trap.ts', `import { X } from '../x86/trap.ts';`)).to.have.length(1);
      expect(one('kernel/sparc/trap.ts', `import { X } from '../../hw/x86/cpu.ts';`)).to.have.length(1);
      expect(one('kernel/common/os/exec.ts', `import x from '../../../../elsewhere/x.ts';`)).to.have.length(1);
      expect(one('kernel/common/os/kdi.ts', `import { Mdb } from '../../../debug/mdb.ts';`)).to.have.length(1);
      expect(one('boot/boot.ts', `import { Session } from '../debug/repl.ts';`)).to.have.length(1);
    });

    it('allows the permitted directions', () => {
      expect(one('boot/cli.ts', `const { debug_session } = await import('../debug/repl.ts');`)).to.deep.equal([]);
      expect(one('debug/mdb.ts', `import { KAddr } from './kaddr.ts';`)).to.deep.equal([]);
      expect(one('kernel/common/os/fork.ts', `import type { Cpu } from '../../../hw/machine.ts';`)).to.deep.equal([]);
      expect(one('kernel/sparc/trap.ts', `import { SparcCpu } from '../../hw/sparc/cpu.ts';\nimport { cfork } from '../common/os/fork.ts';`)).to.deep.equal([]);
      expect(one('boot/boot.ts', `import { SparcCpu } from '../hw/sparc/cpu.ts';\nimport { X } from '../hw/x86/cpu.ts';\nimport { trap } from '../kernel/sparc/trap.ts';`)).to.deep.equal([]);
      expect(one('debug/kmdb.ts', `import { disasm } from '../hw/sparc/disasm.ts';`)).to.deep.equal([]);
      expect(one('hw/sparc/cpu.ts', `import { PhysMem } from '../mem/phys_mem.ts';\nimport { OPS } from './isa.ts';\nimport { readFileSync } from 'node:fs';`)).to.deep.equal([]);
    });

    it('sees re-exports, type imports, side-effect and dynamic imports', () => {
      const src = [
        `export * from '../../kernel/common/a.ts';`,
        `export { b } from '../../kernel/common/b.ts';`,
        `export type { C } from "../../kernel/common/c.ts";`,
        `export * as d from '../../kernel/common/d.ts';`,
        `import '../../kernel/common/e.ts';`,
        `import type F from '../../kernel/common/f.ts';`,
        `import G, { h as H } from '../../kernel/common/g.ts';`,
        `import * as I from '../../kernel/common/i.ts';`,
        `const j = await import('../../kernel/common/j.ts');`,
        `import {`,
        `  k,`,
        `} from '../../kernel/common/k.ts'`,
      ].join('\n');
      const v = one('hw/sparc/x.ts', src);
      expect(v).to.have.length(10);
      expect(v.map((l) => l.split(':')[1])).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      expect(v.filter((l) => l.includes('dynamic import'))).to.have.length(1);
      expect(v.filter((l) => l.includes('reexport import'))).to.have.length(4);
    });

    it('ignores import-like text in comments, strings, templates and regexes', () => {
      const src = [
        `// import { x } from '../../kernel/common/x.ts';`,
        `/* export * from '../../kernel/common/y.ts'; import('../../boot/cli.ts') */`,
        `const s = "import z from '../../kernel/common/z.ts'";`,
        'const t = `import(\'../../kernel/q.ts\') ${ { a: 1 }.a } from \'../../kernel/r.ts\'`;',
        `const re = /['"]import('..\\/..\\/kernel')/g;`,
        `const o = { import: 1 }; o.import; export { s, t, re };`,
        `const u = import.meta.url;`,
        `import { PhysMem } from '../mem/phys_mem.ts';`,
      ].join('\n');
      expect(one('hw/sparc/x.ts', src)).to.deep.equal([]);
      // ... while a real import after all of that is still seen.
      expect(one('hw/sparc/x.ts', src + `\nimport '../../kernel/common/late.ts';`)).to.have.length(1);
    });

    it('reports computed dynamic imports in hw/ and kernel/, not in boot/', () => {
      const src = 'const m = await import(`../hw/${isa}/cpu.ts`);';
      expect(one('kernel/common/os/exec.ts', src)).to.have.length(1);
      expect(one('boot/boot.ts', src)).to.deep.equal([]);
    });
  });
});
