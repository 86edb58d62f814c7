/*
 * hw/sparc/code_cache.ts — the machine's cache of compiled SPARC basic blocks, keyed by the
 * physical address of their first instruction: one cache per physical memory (so per Machine),
 * shared by all its CPUs and every process that maps the same page. It counts block entries,
 * compiles a block (bb_compile.ts) once it is hot, and drops a page's blocks when the page is
 * written: PhysMem calls on_code_write for every write to a page marked in PhysMem.code, and the
 * MMUs never give such a page a fast write entry, so CPU stores reach that check too.
 */

import type { PhysMem } from '../mem/phys_mem.ts';
import type { Srmmu } from './srmmu.ts';
import type { SparcCpu } from './cpu.ts';
import { bb_compile } from './bb_compile.ts';

/**
 * JitTier — how a SPARC CPU executes: 'off' interprets, 'bb' compiles hot basic blocks. 'region'
 * (multi-block regions) is reserved for a later tier and not accepted yet.
 */
export type JitTier = 'off' | 'bb' | 'region';
/** The tiers that exist now, in the order of the --jit flag's help. */
export const JIT_TIERS: readonly JitTier[] = ['off', 'bb'];
/** The tier CPUs get without --jit or FORKVM_JIT. */
export const JIT_DEFAULT: JitTier = 'bb';
/** Block entries before a block is compiled (FORKVM_JIT_HOT overrides, for tests). */
export const JIT_HOT = 64;
/** A page whose blocks were dropped this often is not compiled again (code and data sharing a page). */
export const JIT_DROPS_MAX = 32;

/** parse_jit — a tier name to the tier; a one-line error for anything else. */
export function parse_jit(s: string): JitTier {
  if ((JIT_TIERS as readonly string[]).includes(s)) return s as JitTier;
  if (s === 'region') throw new Error(`jit tier 'region' is not implemented yet (use ${JIT_TIERS.join(' or ')})`);
  throw new Error(`unknown jit tier '${s}' (use ${JIT_TIERS.join(' or ')})`);
}

/** jit_default — the tier new CPUs start with: FORKVM_JIT when set (tests force a tier with it), else JIT_DEFAULT. */
export function jit_default(): JitTier {
  const e = process.env.FORKVM_JIT;
  return e === undefined || e === '' ? JIT_DEFAULT : parse_jit(e);
}

function hot_default(): number {
  const e = process.env.FORKVM_JIT_HOT;
  if (e === undefined || e === '') return JIT_HOT;
  const n = Number(e);
  if (!/^\d+$/.test(e) || n > 60000) throw new Error(`FORKVM_JIT_HOT=${e}: must be 0..60000`);
  return n;
}

/** jit_env_error — the one-line complaint about FORKVM_JIT / FORKVM_JIT_HOT, or null when both are good (or unset). */
export function jit_env_error(): string | null {
  try { jit_default(); } catch (err) { return `FORKVM_JIT=${process.env.FORKVM_JIT}: ${(err as Error).message}`; }
  try { hot_default(); } catch (err) { return (err as Error).message; }
  return null;
}

/**
 * BlockFn — a compiled block: runs from virtual pc0 (npc = pc0 + 4) on CPU c with `left`
 * instructions of budget (at least the block's len); returns the instructions executed and leaves
 * pc/npc/icc/CWP/Y in c, the cycles in c.jcyc and the trap type (or -1) in c.jtt.
 */
export type BlockFn = (c: SparcCpu, pc0: number, left: number) => number;

/** Block — one compiled block: its function and the most instructions one pass of it executes. */
export interface Block { readonly f: BlockFn; readonly len: number }

/** CodePage — the blocks (null: nothing compilable there) and entry counts of one physical page, per word. */
export class CodePage {
  readonly pfn: number;
  readonly blocks: (Block | null | undefined)[] = new Array(1024);
  readonly hits = new Uint16Array(1024);
  /** Times this page's blocks were dropped. */
  drops = 0;
  constructor(pfn: number) { this.pfn = pfn; }
}

/** CodeCache — see the file header. */
export class CodeCache {
  readonly mem: PhysMem;
  /** The MMUs of the CPUs on this memory (each CPU adds its own). */
  readonly mmus: Srmmu[] = [];
  /** Entries before compiling. */
  hot: number;
  /** Set when compiled code was dropped; a compiled store that sees it ends its block. */
  dirty = 0;
  /** Blocks compiled and pages dropped since boot (statistics for tests and the bench). */
  compiled = 0;
  dropped = 0;
  private readonly pages: (CodePage | undefined)[];

  constructor(mem: PhysMem) {
    this.mem = mem;
    this.hot = hot_default();
    this.pages = new Array(mem.size >>> 12);
    mem.on_code_write = (pfn) => this.invalidate(pfn);
  }

  /** The page record of physical page pfn (created on first use). */
  page(pfn: number): CodePage {
    let p = this.pages[pfn];
    if (p === undefined) { p = new CodePage(pfn); this.pages[pfn] = p; }
    return p;
  }

  /**
   * compile — compile the block at word `off` of page p; records it (or null when its first
   * instruction cannot be compiled, or the page was dropped JIT_DROPS_MAX times) and returns it.
   */
  compile(p: CodePage, off: number): Block | null {
    const b = p.drops < JIT_DROPS_MAX ? bb_compile(this, p.pfn * 4096, off) : null;
    p.blocks[off] = b;
    if (b === null) return null;
    this.compiled++;
    if (this.mem.code[p.pfn] === 0) {
      this.mem.code[p.pfn] = 1;
      for (const m of this.mmus) m.drop_writable(p.pfn);
    }
    return b;
  }

  /** invalidate — physical page pfn was written: drop its blocks and entry counts. */
  invalidate(pfn: number): void {
    const p = this.pages[pfn];
    if (p !== undefined) { p.blocks.fill(undefined); p.hits.fill(0); p.drops++; }
    this.mem.code[pfn] = 0;
    this.dirty = 1;
    this.dropped++;
  }
}

const caches = new WeakMap<PhysMem, CodeCache>();

/** code_cache_of — the code cache of a physical memory (created on first use). */
export function code_cache_of(mem: PhysMem): CodeCache {
  let c = caches.get(mem);
  if (c === undefined) { c = new CodeCache(mem); caches.set(mem, c); }
  return c;
}
