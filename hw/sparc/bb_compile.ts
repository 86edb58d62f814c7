/*
 * hw/sparc/bb_compile.ts — the basic-block compiler: turns the SPARC instructions from one
 * physical address up to the next control transfer (Bicc, call, jmpl, with its delay slot) into
 * a JS function made with `new Function`, mirroring the interpreter (cpu.ts) instruction by
 * instruction. The generated source embeds only numbers taken from the instruction words; pc
 * values are offsets from the entry pc, so one compiled page serves every virtual mapping of it.
 *
 * A conditional branch whose fall-through stays on the page does not end the block (up to
 * BB_FALL of them): its taken edge leaves the function, so a block is one entry and several exits.
 *
 * Exactness: counts are static per exit. Every instruction that can trap has an exit that leaves
 * pc/npc, the counts and all state as they were before it (delay-slot exits carry the branch's
 * npc); save/restore test WIM at run time. A block that branches back to its own start loops
 * inside the function while its longest pass fits in the budget. A store that reaches a code page
 * (the slow path) ends the block after it. Instructions the compiler leaves out (privileged, ASI,
 * Ticc, FP/CP, illegal, a control transfer in a delay slot, a slot on the next page) end the block
 * before them; the interpreter runs them.
 */

import { DECIDX, IDXCYC, NWINDOWS } from './isa.ts';
import { TLB_MASK } from './srmmu.ts';
import { umulhi, sparc_div, divv } from './alu.ts';
import type { Block, BlockFn, CodeCache } from './code_cache.ts';

/** Most instructions in one block (keeps functions small enough for V8 to optimise). */
export const BB_MAX = 128;

if (NWINDOWS !== 8) throw new Error('bb_compile: generated code assumes 8 register windows');

const HELPERS = { umulhi, sparc_div, divv };

/**
 * The blocks made so far, by the instruction words they were made from (see block_key): a block
 * compiled again (another machine, or a page written again with the same words) reuses the
 * function and whatever V8 already optimised of it. The generated code is a function of those
 * words alone, so equal words mean equal behaviour.
 */
const BLOCKS = new Map<string, Block | null>();
/** Entries in BLOCKS before it is emptied (a bound on the host memory generated code may take). */
const BLOCKS_MAX = 8192;

/**
 * block_key — the words that determine the block at word `off` of a page: as bb_generate reads
 * them, up to the control transfer (and its delay slot) that ends it, or BB_MAX words, or the
 * page's end; a key may hold words the block did not use, never fewer. Keys from different places
 * differ whenever their blocks do: a scan cut short by the page's end is shorter than the scan of
 * the same words elsewhere.
 */
function block_key(word: (k: number) => number, off: number): string {
  let key = '';
  let falls = 0;
  for (let k = 0; k < BB_MAX && off + k < 1024; k++) {
    const w = word(k), idx = DECIDX[w >>> 19];
    key += w + ',';
    if (!is_cti(idx)) continue;
    if (off + k + 1 >= 1024) break;
    const sw = word(k + 1), sidx = DECIDX[sw >>> 19];
    key += sw + ';';
    const cond = (w >>> 25) & 15;
    const fall = idx === 2 && cond !== 0 && cond !== 8 && !is_cti(sidx) && !is_store(sidx) && falls < BB_FALL &&
      off + k + 2 < 1024 && k + 2 < BB_MAX;
    if (!fall) break;
    falls++;
    k++;
  }
  return key;
}

/** True for the stores and atomics (whose slow path can end a block after them). */
function is_store(idx: number): boolean {
  return idx === 0xc4 || idx === 0xc5 || idx === 0xc6 || idx === 0xc7 || idx === 0xcd || idx === 0xcf;
}

/** A register read in generated code (o: this window's %o0 index, i: its %i0 index). */
function rr(r: number): string {
  return r === 0 ? '0' : r < 8 ? `R[${r}]` : r < 24 ? `R[o+${r - 8}]` : `R[i+${r - 24}]`;
}
/** A register write (none for %g0). */
function wr(r: number, e: string): string {
  return r === 0 ? '' : `${rr(r)}=${e};`;
}
/** pc + 4k as generated code. */
function P(k: number): string { return k === 0 ? 'pc0' : `((pc0+${4 * k})|0)`; }
/** The second operand: simm13 or rs2. */
function op2(w: number): string { return w & 0x2000 ? `(${(w << 19) >> 19})` : rr(w & 31); }

/** The JS truth of integer condition `cond` on local icc (as CONDTAB in isa.ts). */
function cond_expr(cond: number): string {
  const t = ['0', '(icc&4)', '((icc&4)|(((icc>>3)^(icc>>1))&1))', '(((icc>>3)^(icc>>1))&1)', '(icc&5)', '(icc&1)',
    '(icc&8)', '(icc&2)'][cond & 7];
  return cond & 8 ? `(${t}===0)` : `(${t}!==0)`;
}

/**
 * Where one instruction sits: word j of the block, the instructions executed and cycles charged
 * before it on its path (n, cyc: annulled slots make n < j), its npc, whether it ends the block.
 */
interface Pos { j: number; n: number; cyc: number; npc: string; slot: boolean }

function trap(p: Pos, tt: number): string {
  return `{xpc=${P(p.j)};xnpc=${p.npc};xn=${p.n};xc=${p.cyc};xt=${tt};break x;}`;
}

/** The code of one non-control-transfer instruction, or null when the compiler leaves it out. */
function emit(w: number, idx: number, p: Pos): string | null {
  const rd = (w >>> 25) & 31, rs1 = (w >>> 14) & 31;
  const A = rr(rs1), B = op2(w);
  const after = p.slot ? '' : `if(c.cc.dirty!==0){c.cc.dirty=0;xpc=${P(p.j + 1)};xnpc=${P(p.j + 2)};xn=${p.n + 1};xc=${p.cyc + IDXCYC[idx]};break x;}`;
  const addr = (sz: number) => `va=(${A}+${B})|0;` + (sz ? `if(va&${sz})${trap(p, 7)}` : '') +
    `v=va>>>12;e=v&${TLB_MASK};`;
  const load = (sz: number, get: string[]) =>
    addr(sz) + `if(tagR[e]===v+1)pa=base[e]+(va&4095);else{pa=c.jit_tr(va);if(pa<0)${trap(p, 9)}}` +
    get.map((g, k) => wr(rd + k, g)).join('');
  const store = (sz: number, put: string, both = false) => addr(sz) +
    `if(tagW[e]===v+1${both ? '&&tagR[e]===v+1' : ''}){pa=base[e]+(va&4095);${put}}` +
    `else{${both ? 'pa=c.jit_tr(va);if(pa>=0)' : ''}pa=c.jit_tw(va);if(pa<0)${trap(p, 9)}${put}${after}}`;
  const ccNZ = (r: string) => `((${r}>>>28)&8)|(${r}===0?4:0)`;
  switch (idx) {
    case 4: return wr(rd, String(w << 10));
    case 0x80: return wr(rd, `${A}+${B}`);
    case 0x81: return wr(rd, `${A}&${B}`);
    case 0x82: return wr(rd, `${A}|${B}`);
    case 0x83: return wr(rd, `${A}^${B}`);
    case 0x84: return wr(rd, `${A}-${B}`);
    case 0x85: return wr(rd, `${A}&~${B}`);
    case 0x86: return wr(rd, `${A}|~${B}`);
    case 0x87: return wr(rd, `~(${A}^${B})`);
    case 0x88: return wr(rd, `${A}+${B}+(icc&1)`);
    case 0x8c: return wr(rd, `${A}-${B}-(icc&1)`);
    case 0x8a: case 0x8b: case 0x9a: case 0x9b:
      return `{const a=${A},b=${B},lo=Math.imul(a,b);let hi=H.umulhi(a>>>0,b>>>0);` +
        (idx & 1 ? 'hi=(hi-(a<0?b:0)-(b<0?a:0))|0;' : '') + `y=hi;${wr(rd, 'lo')}` +
        (idx & 0x10 ? `icc=${ccNZ('lo')};` : '') + '}';
    case 0x8e: case 0x8f: case 0x9e: case 0x9f:
      return `{const a=${A},b=${B};if(b===0)${trap(p, 0x2a)}const q=H.sparc_div(a,b,y,${(idx & 1) !== 0});${wr(rd, 'q')}` +
        (idx & 0x10 ? `icc=${ccNZ('q')}|(H.divv.v<<1);` : '') + '}';
    case 0x90:
      return `{const a=${A},b=${B},r=(a+b)|0;${wr(rd, 'r')}icc=${ccNZ('r')}|(((~(a^b)&(a^r))>>>31)<<1)|((a>>>0)+(b>>>0)>0xffffffff?1:0);}`;
    case 0x98:
      return `{const a=${A},b=${B},k=icc&1,r=(a+b+k)|0;${wr(rd, 'r')}icc=${ccNZ('r')}|(((~(a^b)&(a^r))>>>31)<<1)|((a>>>0)+(b>>>0)+k>0xffffffff?1:0);}`;
    case 0x94:
      return `{const a=${A},b=${B},r=(a-b)|0;${wr(rd, 'r')}icc=${ccNZ('r')}|((((a^b)&(a^r))>>>31)<<1)|((a>>>0)<(b>>>0)?1:0);}`;
    case 0x9c:
      return `{const a=${A},b=${B},k=icc&1,r=(a-b-k)|0;${wr(rd, 'r')}icc=${ccNZ('r')}|((((a^b)&(a^r))>>>31)<<1)|((a>>>0)<(b>>>0)+k?1:0);}`;
    case 0x91: case 0x92: case 0x93: case 0x95: case 0x96: case 0x97: {
      const e = { 0x91: 'a&b', 0x92: 'a|b', 0x93: 'a^b', 0x95: 'a&~b', 0x96: 'a|~b', 0x97: '~(a^b)' }[idx]!;
      return `{const a=${A},b=${B},r=${e};${wr(rd, 'r')}icc=${ccNZ('r')};}`;
    }
    case 0xa0: case 0xa1: case 0xa2: case 0xa3: {
      const sub = idx & 1;
      return `{const a=${A},b=${B},r=(a${sub ? '-' : '+'}b)|0;` +
        `const vv=(${sub ? '((a^b)&(a^r))' : '(~(a^b)&(a^r))'}>>>31)|((a|b)&3?1:0);` +
        (idx & 2 ? `if(vv)${trap(p, 0x0a)}` : '') +
        `${wr(rd, 'r')}icc=${ccNZ('r')}|(vv<<1)|(${sub ? '(a>>>0)<(b>>>0)' : '(a>>>0)+(b>>>0)>0xffffffff'}?1:0);}`;
    }
    case 0xa4:
      return `{const a=${A},b=y&1?${B}:0,nv=((icc>>>3)^(icc>>>1))&1,o1=(nv<<31)|(a>>>1),r=(o1+b)|0;` +
        `y=(y>>>1)|(a<<31);${wr(rd, 'r')}icc=${ccNZ('r')}|(((~(o1^b)&(o1^r))>>>31)<<1)|((o1>>>0)+(b>>>0)>0xffffffff?1:0);}`;
    case 0xa5: case 0xa6: case 0xa7: {
      const sh = w & 0x2000 ? String(w & 31) : rr(w & 31);
      return wr(rd, `${A}${idx === 0xa5 ? '<<' : idx === 0xa6 ? '>>>' : '>>'}${sh}`);
    }
    case 0xa8:
      if (rs1 === 0) return wr(rd, 'y');
      if (rs1 === 15 && rd === 0) return '';
      return null;
    case 0xb0: return rd === 0 ? `y=${A}^${B};` : null;
    case 0xbb: return '';
    case 0xbc: case 0xbd: {
      const nc = idx === 0xbc ? '(cwp+7)&7' : '(cwp+1)&7';
      return `nc=${nc};if((c.wim>>>nc)&1)${trap(p, idx === 0xbc ? 5 : 6)}sv=${A}+${B};` +
        `cwp=nc;o=8+nc*16;i=8+((nc+1)&7)*16;${wr(rd, 'sv')}`;
    }
    case 0xc0: return load(3, ['dv.getInt32(pa)']);
    case 0xc1: return load(0, ['u8[pa]']);
    case 0xc2: return load(1, ['dv.getUint16(pa)']);
    case 0xc9: return load(0, ['dv.getInt8(pa)']);
    case 0xca: return load(1, ['dv.getInt16(pa)']);
    case 0xc3: return rd & 1 ? null : load(7, ['dv.getInt32(pa)', 'dv.getInt32(pa+4)']);
    case 0xc4: return store(3, `dv.setInt32(pa,${rr(rd)});`);
    case 0xc5: return store(0, `u8[pa]=${rr(rd)};`);
    case 0xc6: return store(1, `dv.setInt16(pa,${rr(rd)});`);
    case 0xc7: return rd & 1 ? null : store(7, `dv.setInt32(pa,${rr(rd)});dv.setInt32(pa+4,${rr(rd + 1)});`);
    case 0xcd: return store(0, `sv=u8[pa];u8[pa]=255;${wr(rd, 'sv')}`, true);
    case 0xcf: return store(3, `sv=dv.getInt32(pa);dv.setInt32(pa,${rr(rd)});${wr(rd, 'sv')}`, true);
    default: return null;
  }
}

/** True for the control transfers that end a block (Bicc, call, jmpl) and those it leaves to the interpreter. */
function is_cti(idx: number): boolean {
  return idx === 2 || idx === 64 || idx === 0xb8 || idx === 0xb9 || idx === 6 || idx === 7;
}

/**
 * bb_compile — compile the block whose first instruction is word `off` of the physical page at
 * `pagePa` in cc's memory. Null when not even its first instruction can be compiled.
 */
export function bb_compile(cc: CodeCache, pagePa: number, off: number): Block | null {
  const dv = cc.mem.dv;
  const word = (k: number) => dv.getInt32(pagePa + (off + k) * 4);
  const key = block_key(word, off);
  const known = BLOCKS.get(key);
  if (known !== undefined) return known;
  const b = bb_generate(word, off);
  if (BLOCKS.size >= BLOCKS_MAX) BLOCKS.clear();
  BLOCKS.set(key, b);
  return b;
}

/** Conditional branches a block may run past (their fall-through continues the same function). */
export const BB_FALL = 8;

/** bb_generate — make the block (see bb_compile) from its words. */
function bb_generate(word: (k: number) => number, off: number): Block | null {
  const body: string[] = [];
  // pos: words compiled so far; cnt, cyc: instructions executed and cycles charged on the way here.
  let pos = 0, cnt = 0, cyc = 0, len = 0, falls = 0;
  let tail: string | null = null;
  const count = (n: number) => { if (n > len) len = n; };
  const next = (t: string, n: number, cy: number) => { count(n); return `xpc=${t};xnpc=(${t}+4)|0;xn=${n};xc=${cy};break x;`; };
  while (pos < BB_MAX && off + pos < 1024) {
    const w = word(pos), idx = DECIDX[w >>> 19];
    if (!is_cti(idx)) {
      const code = emit(w, idx, { j: pos, n: cnt, cyc, npc: P(pos + 1), slot: false });
      if (code === null) break;
      body.push(code);
      pos++; cnt++; cyc += IDXCYC[idx];
      continue;
    }
    const m = pos;
    const hasSlot = off + m + 1 < 1024;
    const sw = hasSlot ? word(m + 1) : 0, sidx = DECIDX[sw >>> 19];
    const slotOk = hasSlot && !is_cti(sidx);
    const slotIsStore = slotOk && is_store(sidx);
    const ccti = cyc + IDXCYC[idx];
    const c2 = ccti + IDXCYC[sidx];
    const slot = (npc: string, last: boolean) => (slotOk ? emit(sw, sidx, { j: m + 1, n: cnt + 1, cyc: ccti, npc, slot: last }) : null);
    if (idx === 2) {
      const cond = (w >>> 25) & 15, annul = (w >>> 29) & 1;
      const toff = 4 * m + ((w << 10) >> 8);
      const T = toff === 0 ? 'pc0' : `((pc0+${toff})|0)`, F = P(m + 2);
      // The branch back to the block's start: loop while the next pass fits in the budget.
      const back = (n: number, cy: number) => {
        if (toff !== 0) return next(T, n, cy);
        count(n);
        return `tn+=${n};tc+=${cy};${slotIsStore ? 'if(c.cc.dirty!==0)c.cc.dirty=0;else ' : ''}` +
          'if(tn+LEN<=left)continue x;xpc=pc0;xnpc=(pc0+4)|0;xn=0;xc=0;break x;';
      };
      if (cond === 8 && annul) { tail = back(cnt + 1, ccti); break; }
      if (cond === 0 && annul) { tail = next(F, cnt + 1, ccti); break; }
      const conditional = cond !== 8 && cond !== 0;
      // A conditional branch whose fall-through is on this page: its taken edge leaves (or loops),
      // the fall-through goes on in the same function.
      if (conditional && falls < BB_FALL && !slotIsStore && off + m + 2 < 1024 && m + 2 < BB_MAX) {
        const s8 = slot(annul ? T : `(s?${T}:${F})`, false);
        if (s8 === null) break;
        if (!annul) { body.push(`s=${cond_expr(cond)};${s8}if(s){${back(cnt + 2, c2)}}`); cnt += 2; cyc = c2; }
        else { body.push(`s=${cond_expr(cond)};if(s){${s8}${back(cnt + 2, c2)}}`); cnt += 1; cyc = ccti; }
        pos += 2; falls++;
        continue;
      }
      const s8 = slot(cond === 8 ? T : cond === 0 ? F : `(s?${T}:${F})`, true);
      if (s8 === null) break;
      if (cond === 8) tail = s8 + back(cnt + 2, c2);
      else if (cond === 0) tail = s8 + next(F, cnt + 2, c2);
      else if (!annul) tail = `s=${cond_expr(cond)};${s8}if(s){${back(cnt + 2, c2)}}${next(F, cnt + 2, c2)}`;
      else tail = `s=${cond_expr(cond)};if(s){${s8}${back(cnt + 2, c2)}}${next(F, cnt + 1, ccti)}`;
    } else if (idx === 64) {
      const T = `((pc0+${4 * m + (w << 2)})|0)`;
      const s8 = slot(T, true);
      if (s8 !== null) tail = wr(15, P(m)) + s8 + next(T, cnt + 2, c2);
    } else if (idx === 0xb8) {
      const s8 = slot('jt', true);
      if (s8 !== null) {
        tail = `jt=(${rr((w >>> 14) & 31)}+${op2(w)})|0;if(jt&3){xpc=${P(m)};xnpc=${P(m + 1)};xn=${cnt};xc=${cyc};xt=7;break x;}` +
          wr((w >>> 25) & 31, P(m)) + s8 + next('jt', cnt + 2, c2);
      }
    }
    break;
  }
  if (tail === null) {
    if (body.length === 0) return null;
    tail = `xpc=${P(pos)};xnpc=${P(pos + 1)};xn=${cnt};xc=${cyc};break x;`;
    count(cnt);
  }
  const src =
    'const R=c.regs,mm=c.mmu,tagR=mm.tagR,tagW=mm.tagW,base=mm.base,dv=c.mem.dv,u8=c.mem.bytes;' +
    'let icc=c.icc,y=c.y,cwp=c.cwp,o=8+cwp*16,i=8+((cwp+1)&7)*16;' +
    'let tn=0,tc=0,xpc=0,xnpc=0,xn=0,xc=0,xt=-1,va=0,v=0,e=0,pa=0,s=false,jt=0,sv=0,nc=0;' +
    `const LEN=${len};` +
    `x:for(;;){${body.join('')}${tail}}` +
    'c.pc=xpc;c.npc=xnpc;c.icc=icc;c.cwp=cwp;c.y=y;c.jtt=xt;c.jcyc=tc+xc;return tn+xn;';
  const f = (new Function('H', `return function bb(c,pc0,left){${src}}`) as (h: typeof HELPERS) => BlockFn)(HELPERS);
  return { f, len };
}
