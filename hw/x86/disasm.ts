/*
 * hw/x86/disasm.ts — i386 disassembler in AT&T syntax, printing exactly what GNU objdump -d
 * prints (binutils 2.40, without the <symbol> suffixes) for the integer instructions cpu.ts
 * implements plus the system ones around them (control registers, descriptor tables, I/O).
 * x87/MMX/SSE and other opcodes print "(bad)" with length 1. Checked against
 * test/golden/disasm/x86.txt (scripts/gen_x86_disasm_golden.ts).
 */

const R32 = ['%eax', '%ecx', '%edx', '%ebx', '%esp', '%ebp', '%esi', '%edi'];
const R16 = ['%ax', '%cx', '%dx', '%bx', '%sp', '%bp', '%si', '%di'];
const R8 = ['%al', '%cl', '%dl', '%bl', '%ah', '%ch', '%dh', '%bh'];
const SREG = ['%es', '%cs', '%ss', '%ds', '%fs', '%gs', '%?', '%?'];
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const ALU = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
const SHIFT = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'];
const EA16 = ['%bx,%si', '%bx,%di', '%bp,%si', '%bp,%di', '%si', '%di', '%bp', '%bx'];

/** One disassembled instruction: its length in bytes and objdump's text. */
export interface Insn { len: number; text: string }

const hex = (v: number): string => '0x' + (v >>> 0).toString(16);
const shex = (v: number): string => (v < 0 ? '-0x' + (-v).toString(16) : '0x' + v.toString(16));

class Decoder {
  private p: number;
  opsz = 4; adsz = 4; seg = -1; rep = 0; lock = false;
  mod = 0; reg = 0; rm = 0;
  memText = '';
  constructor(private readonly fetch: (a: number) => number, readonly pc: number) { this.p = pc; }
  get len(): number { return this.p - this.pc; }
  u8(): number { const v = this.fetch(this.p) & 0xff; this.p++; return v; }
  s8(): number { return (this.u8() << 24) >> 24; }
  u16(): number { const a = this.u8(); return a | (this.u8() << 8); }
  u32(): number { const a = this.u16(); return (a | (this.u16() << 16)) >>> 0; }
  imm(sz: number): number { return sz === 1 ? this.u8() : sz === 2 ? this.u16() : this.u32(); }
  /** Sign-extended imm8 shown at operand size. */
  simm8(sz: number): string { const v = this.s8(); return '$' + hex(sz === 4 ? v : v & (sz === 2 ? 0xffff : 0xff)); }
  segPrefix(): string { return this.seg >= 0 ? SREG[this.seg] + ':' : ''; }

  modrm(): void {
    const m = this.u8();
    this.mod = m >> 6; this.reg = (m >> 3) & 7; this.rm = m & 7;
    if (this.mod === 3) return;
    let defSeg = 3, t = '';
    if (this.adsz === 2) {
      let disp = '';
      if (this.mod === 0 && this.rm === 6) { t = hex(this.u16()); }
      else {
        if (this.mod === 1) disp = shex(this.s8());
        else if (this.mod === 2) { const d = this.u16(); disp = hex(d); }
        t = `${disp}(${EA16[this.rm]})`;
        if (this.rm === 2 || this.rm === 3 || this.rm === 6) defSeg = 2;
      }
    } else if (this.rm === 4) {
      const sib = this.u8();
      const sc = sib >> 6, idx = (sib >> 3) & 7, base = sib & 7;
      let b = '', disp = '';
      if (base === 5 && this.mod === 0) disp = shex(this.u32() | 0);
      else { b = R32[base]; if (base === 4 || base === 5) defSeg = 2; }
      if (this.mod === 1) disp = shex(this.s8());
      else if (this.mod === 2) disp = shex(this.u32() | 0);
      let ix = '';
      if (idx !== 4) ix = `,${R32[idx]},${1 << sc}`;
      else if (base !== 4 || sc !== 0) ix = `,%eiz,${1 << sc}`;
      t = `${disp}(${b}${ix})`;
    } else if (this.rm === 5 && this.mod === 0) {
      t = hex(this.u32());
    } else {
      let disp = '';
      if (this.mod === 1) disp = shex(this.s8());
      else if (this.mod === 2) disp = shex(this.u32() | 0);
      t = `${disp}(${R32[this.rm]})`;
      if (this.rm === 5) defSeg = 2;
    }
    // objdump leaves out an override that names the default segment.
    this.memText = (this.seg >= 0 && this.seg !== defSeg ? SREG[this.seg] + ':' : '') + t;
  }
  get isMem(): boolean { return this.mod !== 3; }
  /** The r/m operand at size sz. */
  E(sz: number): string { return this.mod === 3 ? regName(this.rm, sz) : this.memText; }
  G(sz: number): string { return regName(this.reg, sz); }
}

function regName(r: number, sz: number): string { return sz === 4 ? R32[r] : sz === 2 ? R16[r] : R8[r]; }
const SFX = (sz: number): string => (sz === 1 ? 'b' : sz === 2 ? 'w' : 'l');

/**
 * disasm(): the instruction at `pc`, reading bytes with `fetch(addr)`. Relative branch targets
 * are printed as objdump does (hex, no 0x). Never throws; unknown opcodes give "(bad)".
 */
export function disasm(fetch: (addr: number) => number, pc: number): Insn {
  const d = new Decoder(fetch, pc);
  const prefixes: string[] = [];
  let op = 0;
  let segByte = -1;
  for (let k = 0; k < 15; k++) {
    op = d.u8();
    if (op === 0x66) { d.opsz = 2; continue; }
    if (op === 0x67) { d.adsz = 2; continue; }
    if (op === 0xf0) { d.lock = true; continue; }
    if (op === 0xf2 || op === 0xf3) { d.rep = op; continue; }
    const s = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65].indexOf(op);
    if (s >= 0) { d.seg = s; segByte = op; continue; }
    break;
  }
  void segByte;
  const r = body(d, op);
  if (r === null) return { len: 1, text: '(bad)' };
  let [name, ops] = r;
  if (d.lock) prefixes.push('lock');
  // f3 is "rep" on the string moves, "repz" elsewhere (cmps/scas, and a stray prefix).
  if (d.rep) prefixes.unshift(d.rep === 0xf3 ? (/^(movs|stos|lods|ins|outs)/.test(name) ? 'rep' : 'repz') : 'repnz');
  if (prefixes.length) name = prefixes.join(' ') + ' ' + name;
  return { len: d.len, text: ops === '' ? name : `${name.padEnd(6)} ${ops}` };
}

/** disasm over a byte array (offset = index of the instruction, pc = its address). */
export function disasm_bytes(bytes: Uint8Array, offset: number, pc: number): Insn {
  return disasm((a) => bytes[offset + (a - pc)] ?? 0, pc);
}

type Out = [string, string] | null;

function body(d: Decoder, op: number): Out {
  const sz = d.opsz;
  const target = (disp: number): string => {
    const t = d.pc + d.len + disp;
    return ((d.opsz === 2 ? t & 0xffff : t) >>> 0).toString(16);
  };
  if (op < 0x40 && (op & 7) < 6) {
    const n = ALU[op >> 3], f = op & 7, s = f & 1 ? sz : 1;
    if (f < 4) { d.modrm(); return f < 2 ? [n, `${d.G(s)},${d.E(s)}`] : [n, `${d.E(s)},${d.G(s)}`]; }
    return [n, `$${hex(d.imm(s))},${regName(0, s)}`];
  }
  switch (op) {
    case 0x06: case 0x0e: case 0x16: case 0x1e: return [d.opsz === 2 ? 'pushw' : 'push', SREG[op >> 3]];
    case 0x07: case 0x17: case 0x1f: return [d.opsz === 2 ? 'popw' : 'pop', SREG[op >> 3]];
    case 0x27: return ['daa', ''];
    case 0x2f: return ['das', ''];
    case 0x37: return ['aaa', ''];
    case 0x3f: return ['aas', ''];
    case 0x60: return [sz === 2 ? 'pushaw' : 'pusha', ''];
    case 0x61: return [sz === 2 ? 'popaw' : 'popa', ''];
    case 0x68: return [sz === 2 ? 'pushw' : 'push', `$${hex(d.imm(sz))}`];
    case 0x6a: return [sz === 2 ? 'pushw' : 'push', d.simm8(sz)];
    case 0x69: { d.modrm(); const e = d.E(sz); return ['imul', `$${hex(d.imm(sz))},${e},${d.G(sz)}`]; }
    case 0x6b: { d.modrm(); const e = d.E(sz); return ['imul', `${d.simm8(sz)},${e},${d.G(sz)}`]; }
    case 0x6c: return ['insb', '(%dx),%es:(%edi)'];
    case 0x6d: return [sz === 2 ? 'insw' : 'insl', '(%dx),%es:(%edi)'];
    case 0x6e: return ['outsb', `${d.segPrefix() || '%ds:'}(%esi),(%dx)`];
    case 0x6f: return [sz === 2 ? 'outsw' : 'outsl', `${d.segPrefix() || '%ds:'}(%esi),(%dx)`];
    case 0x84: case 0x85: { const s = op & 1 ? sz : 1; d.modrm(); return ['test', `${d.G(s)},${d.E(s)}`]; }
    case 0x86: case 0x87: { const s = op & 1 ? sz : 1; d.modrm(); return ['xchg', `${d.G(s)},${d.E(s)}`]; }
    case 0x88: case 0x89: { const s = op & 1 ? sz : 1; d.modrm(); return ['mov', `${d.G(s)},${d.E(s)}`]; }
    case 0x8a: case 0x8b: { const s = op & 1 ? sz : 1; d.modrm(); return ['mov', `${d.E(s)},${d.G(s)}`]; }
    case 0x8c: { d.modrm(); return ['mov', `${SREG[d.reg]},${d.isMem ? d.memText : regName(d.rm, sz)}`]; }
    case 0x8d: { d.modrm(); return d.isMem ? ['lea', `${d.memText},${d.G(sz)}`] : null; }
    case 0x8e: { d.modrm(); return ['mov', `${d.isMem ? d.memText : regName(d.rm, 4)},${SREG[d.reg]}`]; }
    case 0x8f: { d.modrm(); if (d.reg !== 0) return null; return [d.isMem && sz === 2 ? 'popw' : 'pop', d.E(sz)]; }
    case 0x90: return d.rep === 0xf3 ? (d.rep = 0, ['pause', '']) : sz === 2 ? ['xchg', '%ax,%ax'] : ['nop', ''];
    case 0x98: return [sz === 2 ? 'cbtw' : 'cwtl', ''];
    case 0x99: return [sz === 2 ? 'cwtd' : 'cltd', ''];
    case 0x9b: return ['fwait', ''];
    case 0x9c: return [sz === 2 ? 'pushfw' : 'pushf', ''];
    case 0x9d: return [sz === 2 ? 'popfw' : 'popf', ''];
    case 0x9e: return ['sahf', ''];
    case 0x9f: return ['lahf', ''];
    case 0xa0: case 0xa1: case 0xa2: case 0xa3: {
      const s = op & 1 ? sz : 1;
      const a = d.adsz === 2 ? d.u16() : d.u32();
      const m = `${d.segPrefix()}${hex(a)}`;
      const name = d.adsz === 2 ? 'addr16 mov' : 'mov';
      return op < 0xa2 ? [name, `${m},${regName(0, s)}`] : [name, `${regName(0, s)},${m}`];
    }
    case 0xa4: case 0xa5: return [`movs${SFX(op & 1 ? sz : 1)}`, `${d.segPrefix() || '%ds:'}(%esi),%es:(%edi)`];
    case 0xa6: case 0xa7: return [`cmps${SFX(op & 1 ? sz : 1)}`, `%es:(%edi),${d.segPrefix() || '%ds:'}(%esi)`];
    case 0xa8: case 0xa9: { const s = op & 1 ? sz : 1; return ['test', `$${hex(d.imm(s))},${regName(0, s)}`]; }
    case 0xaa: case 0xab: return ['stos', `${regName(0, op & 1 ? sz : 1)},%es:(%edi)`];
    case 0xac: case 0xad: return ['lods', `${d.segPrefix() || '%ds:'}(%esi),${regName(0, op & 1 ? sz : 1)}`];
    case 0xae: case 0xaf: return ['scas', `%es:(%edi),${regName(0, op & 1 ? sz : 1)}`];
    case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3: {
      const s = op & 1 ? sz : 1;
      d.modrm();
      const n = SHIFT[d.reg] + (d.isMem ? SFX(s) : '');
      const e = d.E(s);
      if (op < 0xd0) return [n, `$${hex(d.u8())},${e}`];
      return op < 0xd2 ? [n, e] : [n, `%cl,${e}`];
    }
    case 0xc2: return [sz === 2 ? 'retw' : 'ret', `$${hex(d.u16())}`];
    case 0xc3: return [sz === 2 ? 'retw' : 'ret', ''];
    case 0xc6: case 0xc7: {
      const s = op & 1 ? sz : 1;
      d.modrm();
      if (d.reg !== 0) return null;
      const e = d.E(s);
      return [d.isMem ? 'mov' + SFX(s) : 'mov', `$${hex(d.imm(s))},${e}`];
    }
    case 0xc8: { const a = d.u16(); return [sz === 2 ? 'enterw' : 'enter', `$${hex(a)},$${hex(d.u8())}`]; }
    case 0xc9: return [sz === 2 ? 'leavew' : 'leave', ''];
    case 0xca: return [sz === 2 ? 'lretw' : 'lret', `$${hex(d.u16())}`];
    case 0xcb: return [sz === 2 ? 'lretw' : 'lret', ''];
    case 0xcc: return ['int3', ''];
    case 0xcd: return ['int', `$${hex(d.u8())}`];
    case 0xce: return ['into', ''];
    case 0xcf: return [sz === 2 ? 'iretw' : 'iret', ''];
    case 0xd4: return ['aam', `$${hex(d.u8())}`];
    case 0xd5: return ['aad', `$${hex(d.u8())}`];
    case 0xd7: return ['xlat', `${d.segPrefix() || '%ds:'}(%ebx)`];
    case 0xe0: case 0xe1: case 0xe2: { const v = d.s8(); return [['loopne', 'loope', 'loop'][op - 0xe0], target(v)]; }
    case 0xe3: { const v = d.s8(); return [d.adsz === 2 ? 'jcxz' : 'jecxz', target(v)]; }
    case 0xe4: return ['in', `$${hex(d.u8())},%al`];
    case 0xe5: return ['in', `$${hex(d.u8())},${regName(0, sz)}`];
    case 0xe6: return ['out', `%al,$${hex(d.u8())}`];
    case 0xe7: return ['out', `${regName(0, sz)},$${hex(d.u8())}`];
    case 0xe8: { const v = sz === 2 ? (d.u16() << 16) >> 16 : d.u32() | 0; return [sz === 2 ? 'callw' : 'call', target(v)]; }
    case 0xe9: { const v = sz === 2 ? (d.u16() << 16) >> 16 : d.u32() | 0; return [sz === 2 ? 'jmpw' : 'jmp', target(v)]; }
    case 0xeb: { const v = d.s8(); return ['jmp', target(v)]; }
    case 0xec: return ['in', '(%dx),%al'];
    case 0xed: return ['in', `(%dx),${regName(0, sz)}`];
    case 0xee: return ['out', '%al,(%dx)'];
    case 0xef: return ['out', `${regName(0, sz)},(%dx)`];
    case 0xf4: return ['hlt', ''];
    case 0xf5: return ['cmc', ''];
    case 0xf6: case 0xf7: {
      const s = op & 1 ? sz : 1;
      d.modrm();
      const n = ['test', 'test', 'not', 'neg', 'mul', 'imul', 'div', 'idiv'][d.reg] + (d.isMem ? SFX(s) : '');
      const e = d.E(s);
      return d.reg < 2 ? [n, `$${hex(d.imm(s))},${e}`] : [n, e];
    }
    case 0xf8: return ['clc', ''];
    case 0xf9: return ['stc', ''];
    case 0xfa: return ['cli', ''];
    case 0xfb: return ['sti', ''];
    case 0xfc: return ['cld', ''];
    case 0xfd: return ['std', ''];
    case 0xfe: {
      d.modrm();
      if (d.reg > 1) return null;
      return [(d.reg ? 'dec' : 'inc') + (d.isMem ? 'b' : ''), d.E(1)];
    }
    case 0xff: {
      d.modrm();
      const w = d.isMem && sz === 2 ? 'w' : '';
      switch (d.reg) {
        case 0: case 1: return [(d.reg ? 'dec' : 'inc') + (d.isMem ? SFX(sz) : ''), d.E(sz)];
        case 2: return ['call' + w, '*' + d.E(sz)];
        case 4: return ['jmp' + w, '*' + d.E(sz)];
        case 6: return ['push' + w, d.E(sz)];
        default: return null;
      }
    }
    case 0x0f: return body0f(d);
  }
  if (op >= 0x40 && op <= 0x47) return ['inc', regName(op & 7, sz)];
  if (op >= 0x48 && op <= 0x4f) return ['dec', regName(op & 7, sz)];
  if (op >= 0x50 && op <= 0x57) return ['push', regName(op & 7, sz)];
  if (op >= 0x58 && op <= 0x5f) return ['pop', regName(op & 7, sz)];
  if (op >= 0x70 && op <= 0x7f) { const v = d.s8(); return ['j' + CC[op & 15], target(v)]; }
  if (op >= 0x80 && op <= 0x83) {
    const s = op === 0x80 || op === 0x82 ? 1 : sz;
    d.modrm();
    const n = ALU[d.reg] + (d.isMem ? SFX(s) : '');
    const e = d.E(s);
    return [n, `${op === 0x83 ? d.simm8(s) : '$' + hex(d.imm(s))},${e}`];
  }
  if (op >= 0x91 && op <= 0x97) return ['xchg', `${regName(0, sz)},${regName(op & 7, sz)}`];
  if (op >= 0xb0 && op <= 0xb7) return ['mov', `$${hex(d.u8())},${R8[op & 7]}`];
  if (op >= 0xb8 && op <= 0xbf) return ['mov', `$${hex(d.imm(sz))},${regName(op & 7, sz)}`];
  return null;
}

function body0f(d: Decoder): Out {
  const op = d.u8();
  const sz = d.opsz;
  const target = (disp: number): string => {
    const t = d.pc + d.len + disp;
    return ((sz === 2 ? t & 0xffff : t) >>> 0).toString(16);
  };
  if (op >= 0x80 && op <= 0x8f) { const v = sz === 2 ? (d.u16() << 16) >> 16 : d.u32() | 0; return ['j' + CC[op & 15] + (sz === 2 ? 'w' : ''), target(v)]; }
  if (op >= 0x40 && op <= 0x4f) { d.modrm(); return ['cmov' + CC[op & 15], `${d.E(sz)},${d.G(sz)}`]; }
  if (op >= 0x90 && op <= 0x9f) { d.modrm(); return ['set' + CC[op & 15], d.E(1)]; }
  if (op >= 0xc8 && op <= 0xcf) return ['bswap', regName(op & 7, sz)];
  switch (op) {
    case 0x00: {
      d.modrm();
      const n = ['sldt', 'str', 'lldt', 'ltr', 'verr', 'verw'][d.reg];
      if (n === undefined) return null;
      return [n, d.isMem ? d.memText : regName(d.rm, d.reg < 2 ? sz : 2)];
    }
    case 0x01: {
      d.modrm();
      if (!d.isMem) return d.reg === 4 ? ['smsw', regName(d.rm, sz)] : null;
      const n = ['sgdtl', 'sidtl', 'lgdtl', 'lidtl', 'smsw', null, 'lmsw', 'invlpg'][d.reg];
      return n === null ? null : [n, d.memText];
    }
    case 0x0b: return ['ud2', ''];
    case 0x18: {
      d.modrm();
      const n = ['prefetchnta', 'prefetcht0', 'prefetcht1', 'prefetcht2'][d.reg];
      return n && d.isMem ? [n, d.memText] : ['nop' + SFX(sz), d.E(sz)];
    }
    case 0x1f: { d.modrm(); return ['nop' + (d.isMem ? SFX(sz) : ''), d.E(sz)]; }
    case 0x20: { const m = d.u8(); return ['mov', `%cr${(m >> 3) & 7},${R32[m & 7]}`]; }
    case 0x22: { const m = d.u8(); return ['mov', `${R32[m & 7]},%cr${(m >> 3) & 7}`]; }
    case 0x31: return ['rdtsc', ''];
    case 0xa0: return [sz === 2 ? 'pushw' : 'push', '%fs'];
    case 0xa1: return [sz === 2 ? 'popw' : 'pop', '%fs'];
    case 0xa8: return [sz === 2 ? 'pushw' : 'push', '%gs'];
    case 0xa9: return [sz === 2 ? 'popw' : 'pop', '%gs'];
    case 0xa2: return ['cpuid', ''];
    case 0xa3: case 0xab: case 0xb3: case 0xbb: { d.modrm(); return [['bt', 'bts', 'btr', 'btc'][(op >> 3) & 3], `${d.G(sz)},${d.E(sz)}`]; }
    case 0xba: {
      d.modrm();
      if (d.reg < 4) return null;
      const e = d.E(sz);
      return [['bt', 'bts', 'btr', 'btc'][d.reg - 4] + (d.isMem ? SFX(sz) : ''), `$${hex(d.u8())},${e}`];
    }
    case 0xa4: case 0xac: { d.modrm(); const e = d.E(sz); return [op === 0xa4 ? 'shld' : 'shrd', `$${hex(d.u8())},${d.G(sz)},${e}`]; }
    case 0xa5: case 0xad: { d.modrm(); return [op === 0xa5 ? 'shld' : 'shrd', `%cl,${d.G(sz)},${d.E(sz)}`]; }
    case 0xaf: { d.modrm(); return ['imul', `${d.E(sz)},${d.G(sz)}`]; }
    case 0xb0: case 0xb1: { const s = op & 1 ? sz : 1; d.modrm(); return ['cmpxchg', `${d.G(s)},${d.E(s)}`]; }
    case 0xb6: case 0xb7: case 0xbe: case 0xbf: {
      d.modrm();
      const ss = op & 1 ? 2 : 1;
      return [`mov${op < 0xb8 ? 'z' : 's'}${SFX(ss)}${SFX(sz)}`, `${d.E(ss)},${d.G(sz)}`];
    }
    case 0xbc: case 0xbd: { d.modrm(); return [op === 0xbc ? 'bsf' : 'bsr', `${d.E(sz)},${d.G(sz)}`]; }
    case 0xc0: case 0xc1: { const s = op & 1 ? sz : 1; d.modrm(); return ['xadd', `${d.G(s)},${d.E(s)}`]; }
    case 0xc7: { d.modrm(); return d.reg === 1 && d.isMem ? ['cmpxchg8b', d.memText] : null; }
  }
  return null;
}
