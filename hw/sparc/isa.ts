/*
 * hw/sparc/isa.ts — the SPARC V8 instruction table: one row per opcode (op, op2/op3), with its
 * mnemonic, operand form and cycle class. It is the single table that feeds the decoder (cpu.ts),
 * the disassembler (disasm.ts), the cycle model and the instruction tests.
 */

/** Operand forms, used by the disassembler and the test generators. */
export const enum Form {
  Call,      // call disp30
  Sethi,     // sethi %hi(imm22), rd
  Branch,    // b<cond>[,a] disp22  (Bicc, FBfcc, CBccc)
  Unimp,     // unimp const22
  Arith,     // op rs1, reg_or_imm, rd
  Shift,     // sll/srl/sra rs1, reg_or_shcnt, rd
  RdState,   // rd %y/%psr/%wim/%tbr, rd
  WrState,   // wr rs1, reg_or_imm, %y/%psr/%wim/%tbr
  Jmpl,      // jmpl address, rd
  Rett,      // rett address
  Ticc,      // t<cond> software trap number
  Flush,     // flush address
  Load,      // ld [address], rd
  Store,     // st rd, [address]
  LoadA,     // lda [rs1+rs2] asi, rd
  StoreA,    // sta rd, [rs1+rs2] asi
  Atomic,    // ldstub/swap [address], rd
  AtomicA,   // ldstuba/swapa [rs1+rs2] asi, rd
  FpLoad,    // ldf/lddf/ldfsr
  FpStore,   // stf/stdf/stfsr/stdfq
  CpLoad,
  CpStore,
  FpOp,      // FPop1/FPop2
  CpOp,      // CPop1/CPop2
  Illegal,
}

/** Cycle classes (costs in CYCLES below, documented in README "Cycle model"). */
export const enum CClass { Alu, Load, LoadD, Store, StoreD, Atomic, Branch, Mul, Div, Jump, Trap, Other }

/** Cycles charged per class: the costs of a MicroSPARC-like in-order pipeline. */
export const CYCLES: readonly number[] = [
  /* Alu */ 1, /* Load */ 2, /* LoadD */ 3, /* Store */ 3, /* StoreD */ 4, /* Atomic */ 4,
  /* Branch */ 1, /* Mul */ 5, /* Div */ 36, /* Jump */ 2, /* Trap */ 4, /* Other */ 1,
];

export interface OpInfo {
  /** Opcode id: index into OPS. */
  id: number;
  name: string;
  /** Instruction format bits: op (31:30). */
  op: number;
  /** op2 for op = 0, op3 for op = 2/3, 0 for call. */
  sub: number;
  form: Form;
  cclass: CClass;
}

/** Opcode ids, dense from 0. The decoder maps instruction words to these. */
export const enum Op {
  ILLEGAL, CALL, SETHI, BICC, FBFCC, CBCCC, UNIMP,
  ADD, AND, OR, XOR, SUB, ANDN, ORN, XNOR, ADDX, UMUL, SMUL, SUBX, UDIV, SDIV,
  ADDCC, ANDCC, ORCC, XORCC, SUBCC, ANDNCC, ORNCC, XNORCC, ADDXCC, UMULCC, SMULCC, SUBXCC, UDIVCC, SDIVCC,
  TADDCC, TSUBCC, TADDCCTV, TSUBCCTV, MULSCC, SLL, SRL, SRA,
  RDY, RDPSR, RDWIM, RDTBR, WRY, WRPSR, WRWIM, WRTBR,
  FPOP1, FPOP2, CPOP1, CPOP2, JMPL, RETT, TICC, FLUSH, SAVE, RESTORE,
  LD, LDUB, LDUH, LDD, ST, STB, STH, STD, LDSB, LDSH, LDSTUB, SWAP,
  LDA, LDUBA, LDUHA, LDDA, STA, STBA, STHA, STDA, LDSBA, LDSHA, LDSTUBA, SWAPA,
  LDF, LDFSR, LDDF, STF, STFSR, STDFQ, STDF, LDC, LDCSR, LDDC, STC, STCSR, STDCQ, STDC,
  COUNT,
}

type Row = [Op, string, number, number, Form, CClass];

// [id, mnemonic, op, op2/op3, form, cycle class]
const ROWS: Row[] = [
  [Op.CALL, 'call', 1, 0, Form.Call, CClass.Jump],
  [Op.UNIMP, 'unimp', 0, 0, Form.Unimp, CClass.Trap],
  [Op.BICC, 'b', 0, 2, Form.Branch, CClass.Branch],
  [Op.SETHI, 'sethi', 0, 4, Form.Sethi, CClass.Alu],
  [Op.FBFCC, 'fb', 0, 6, Form.Branch, CClass.Branch],
  [Op.CBCCC, 'cb', 0, 7, Form.Branch, CClass.Branch],

  [Op.ADD, 'add', 2, 0x00, Form.Arith, CClass.Alu],
  [Op.AND, 'and', 2, 0x01, Form.Arith, CClass.Alu],
  [Op.OR, 'or', 2, 0x02, Form.Arith, CClass.Alu],
  [Op.XOR, 'xor', 2, 0x03, Form.Arith, CClass.Alu],
  [Op.SUB, 'sub', 2, 0x04, Form.Arith, CClass.Alu],
  [Op.ANDN, 'andn', 2, 0x05, Form.Arith, CClass.Alu],
  [Op.ORN, 'orn', 2, 0x06, Form.Arith, CClass.Alu],
  [Op.XNOR, 'xnor', 2, 0x07, Form.Arith, CClass.Alu],
  [Op.ADDX, 'addx', 2, 0x08, Form.Arith, CClass.Alu],
  [Op.UMUL, 'umul', 2, 0x0a, Form.Arith, CClass.Mul],
  [Op.SMUL, 'smul', 2, 0x0b, Form.Arith, CClass.Mul],
  [Op.SUBX, 'subx', 2, 0x0c, Form.Arith, CClass.Alu],
  [Op.UDIV, 'udiv', 2, 0x0e, Form.Arith, CClass.Div],
  [Op.SDIV, 'sdiv', 2, 0x0f, Form.Arith, CClass.Div],
  [Op.ADDCC, 'addcc', 2, 0x10, Form.Arith, CClass.Alu],
  [Op.ANDCC, 'andcc', 2, 0x11, Form.Arith, CClass.Alu],
  [Op.ORCC, 'orcc', 2, 0x12, Form.Arith, CClass.Alu],
  [Op.XORCC, 'xorcc', 2, 0x13, Form.Arith, CClass.Alu],
  [Op.SUBCC, 'subcc', 2, 0x14, Form.Arith, CClass.Alu],
  [Op.ANDNCC, 'andncc', 2, 0x15, Form.Arith, CClass.Alu],
  [Op.ORNCC, 'orncc', 2, 0x16, Form.Arith, CClass.Alu],
  [Op.XNORCC, 'xnorcc', 2, 0x17, Form.Arith, CClass.Alu],
  [Op.ADDXCC, 'addxcc', 2, 0x18, Form.Arith, CClass.Alu],
  [Op.UMULCC, 'umulcc', 2, 0x1a, Form.Arith, CClass.Mul],
  [Op.SMULCC, 'smulcc', 2, 0x1b, Form.Arith, CClass.Mul],
  [Op.SUBXCC, 'subxcc', 2, 0x1c, Form.Arith, CClass.Alu],
  [Op.UDIVCC, 'udivcc', 2, 0x1e, Form.Arith, CClass.Div],
  [Op.SDIVCC, 'sdivcc', 2, 0x1f, Form.Arith, CClass.Div],
  [Op.TADDCC, 'taddcc', 2, 0x20, Form.Arith, CClass.Alu],
  [Op.TSUBCC, 'tsubcc', 2, 0x21, Form.Arith, CClass.Alu],
  [Op.TADDCCTV, 'taddcctv', 2, 0x22, Form.Arith, CClass.Alu],
  [Op.TSUBCCTV, 'tsubcctv', 2, 0x23, Form.Arith, CClass.Alu],
  [Op.MULSCC, 'mulscc', 2, 0x24, Form.Arith, CClass.Alu],
  [Op.SLL, 'sll', 2, 0x25, Form.Shift, CClass.Alu],
  [Op.SRL, 'srl', 2, 0x26, Form.Shift, CClass.Alu],
  [Op.SRA, 'sra', 2, 0x27, Form.Shift, CClass.Alu],
  [Op.RDY, 'rd', 2, 0x28, Form.RdState, CClass.Alu],
  [Op.RDPSR, 'rd', 2, 0x29, Form.RdState, CClass.Alu],
  [Op.RDWIM, 'rd', 2, 0x2a, Form.RdState, CClass.Alu],
  [Op.RDTBR, 'rd', 2, 0x2b, Form.RdState, CClass.Alu],
  [Op.WRY, 'wr', 2, 0x30, Form.WrState, CClass.Alu],
  [Op.WRPSR, 'wr', 2, 0x31, Form.WrState, CClass.Alu],
  [Op.WRWIM, 'wr', 2, 0x32, Form.WrState, CClass.Alu],
  [Op.WRTBR, 'wr', 2, 0x33, Form.WrState, CClass.Alu],
  [Op.FPOP1, 'fpop1', 2, 0x34, Form.FpOp, CClass.Other],
  [Op.FPOP2, 'fpop2', 2, 0x35, Form.FpOp, CClass.Other],
  [Op.CPOP1, 'cpop1', 2, 0x36, Form.CpOp, CClass.Other],
  [Op.CPOP2, 'cpop2', 2, 0x37, Form.CpOp, CClass.Other],
  [Op.JMPL, 'jmpl', 2, 0x38, Form.Jmpl, CClass.Jump],
  [Op.RETT, 'rett', 2, 0x39, Form.Rett, CClass.Jump],
  [Op.TICC, 't', 2, 0x3a, Form.Ticc, CClass.Trap],
  [Op.FLUSH, 'flush', 2, 0x3b, Form.Flush, CClass.Other],
  [Op.SAVE, 'save', 2, 0x3c, Form.Arith, CClass.Alu],
  [Op.RESTORE, 'restore', 2, 0x3d, Form.Arith, CClass.Alu],

  [Op.LD, 'ld', 3, 0x00, Form.Load, CClass.Load],
  [Op.LDUB, 'ldub', 3, 0x01, Form.Load, CClass.Load],
  [Op.LDUH, 'lduh', 3, 0x02, Form.Load, CClass.Load],
  [Op.LDD, 'ldd', 3, 0x03, Form.Load, CClass.LoadD],
  [Op.ST, 'st', 3, 0x04, Form.Store, CClass.Store],
  [Op.STB, 'stb', 3, 0x05, Form.Store, CClass.Store],
  [Op.STH, 'sth', 3, 0x06, Form.Store, CClass.Store],
  [Op.STD, 'std', 3, 0x07, Form.Store, CClass.StoreD],
  [Op.LDSB, 'ldsb', 3, 0x09, Form.Load, CClass.Load],
  [Op.LDSH, 'ldsh', 3, 0x0a, Form.Load, CClass.Load],
  [Op.LDSTUB, 'ldstub', 3, 0x0d, Form.Atomic, CClass.Atomic],
  [Op.SWAP, 'swap', 3, 0x0f, Form.Atomic, CClass.Atomic],
  [Op.LDA, 'lda', 3, 0x10, Form.LoadA, CClass.Load],
  [Op.LDUBA, 'lduba', 3, 0x11, Form.LoadA, CClass.Load],
  [Op.LDUHA, 'lduha', 3, 0x12, Form.LoadA, CClass.Load],
  [Op.LDDA, 'ldda', 3, 0x13, Form.LoadA, CClass.LoadD],
  [Op.STA, 'sta', 3, 0x14, Form.StoreA, CClass.Store],
  [Op.STBA, 'stba', 3, 0x15, Form.StoreA, CClass.Store],
  [Op.STHA, 'stha', 3, 0x16, Form.StoreA, CClass.Store],
  [Op.STDA, 'stda', 3, 0x17, Form.StoreA, CClass.StoreD],
  [Op.LDSBA, 'ldsba', 3, 0x19, Form.LoadA, CClass.Load],
  [Op.LDSHA, 'ldsha', 3, 0x1a, Form.LoadA, CClass.Load],
  [Op.LDSTUBA, 'ldstuba', 3, 0x1d, Form.AtomicA, CClass.Atomic],
  [Op.SWAPA, 'swapa', 3, 0x1f, Form.AtomicA, CClass.Atomic],
  [Op.LDF, 'ld', 3, 0x20, Form.FpLoad, CClass.Load],
  [Op.LDFSR, 'ld', 3, 0x21, Form.FpLoad, CClass.Load],
  [Op.LDDF, 'ldd', 3, 0x23, Form.FpLoad, CClass.LoadD],
  [Op.STF, 'st', 3, 0x24, Form.FpStore, CClass.Store],
  [Op.STFSR, 'st', 3, 0x25, Form.FpStore, CClass.Store],
  [Op.STDFQ, 'std', 3, 0x26, Form.FpStore, CClass.StoreD],
  [Op.STDF, 'std', 3, 0x27, Form.FpStore, CClass.StoreD],
  [Op.LDC, 'ld', 3, 0x30, Form.CpLoad, CClass.Load],
  [Op.LDCSR, 'ld', 3, 0x31, Form.CpLoad, CClass.Load],
  [Op.LDDC, 'ldd', 3, 0x33, Form.CpLoad, CClass.LoadD],
  [Op.STC, 'st', 3, 0x34, Form.CpStore, CClass.Store],
  [Op.STCSR, 'st', 3, 0x35, Form.CpStore, CClass.Store],
  [Op.STDCQ, 'std', 3, 0x36, Form.CpStore, CClass.StoreD],
  [Op.STDC, 'std', 3, 0x37, Form.CpStore, CClass.StoreD],
];

/** OPS[id] — the row for each opcode id (ILLEGAL for gaps). */
export const OPS: OpInfo[] = [];
OPS[Op.ILLEGAL] = { id: Op.ILLEGAL, name: 'illegal', op: -1, sub: -1, form: Form.Illegal, cclass: CClass.Trap };
for (const [id, name, op, sub, form, cclass] of ROWS) OPS[id] = { id, name, op, sub, form, cclass };

/**
 * OPTAB — 256-entry decode table indexed by `opIndex(word)`: (op << 6) | (op2 or op3).
 * Unlisted encodings decode to Op.ILLEGAL.
 */
export const OPTAB = new Uint8Array(256);
for (const [id, , op, sub] of ROWS) {
  if (op === 1) for (let i = 0; i < 64; i++) OPTAB[(1 << 6) | i] = id;
  else OPTAB[(op << 6) | sub] = id;
}

/** Cycle cost per opcode id. */
export const OPCYCLES = new Uint8Array(Op.COUNT);
for (let i = 0; i < Op.COUNT; i++) OPCYCLES[i] = CYCLES[OPS[i].cclass];

/** Cycle cost per decode-table index. */
export const IDXCYC = new Uint8Array(256);
for (let i = 0; i < 256; i++) IDXCYC[i] = OPCYCLES[OPTAB[i]];

/**
 * DECIDX[w >>> 19] — the decode-table index of instruction word w (opIndex in isa.ts) in one
 * load: bits 31:19 hold op, op2 (bits 24:22) and op3 (bits 24:19).
 */
export const DECIDX = new Uint8Array(8192);
for (let h = 0; h < 8192; h++) {
  const op = h >>> 11;
  DECIDX[h] = op === 0 ? (h >>> 3) & 7 : op === 1 ? 64 : (op << 6) | (h & 63);
}

/** The decode-table index of an instruction word. */
export function opIndex(w: number): number {
  const op = w >>> 30;
  return op === 0 ? ((w >>> 22) & 7) : op === 1 ? 64 : (op << 6) | ((w >>> 19) & 0x3f);
}

/** Decode an instruction word to its opcode id. */
export function decodeOp(w: number): Op {
  return OPTAB[opIndex(w)] as Op;
}

/** Integer condition names for Bicc/Ticc, indexed by the 4-bit cond field. */
export const ICOND = ['n', 'e', 'le', 'l', 'leu', 'cs', 'neg', 'vs', 'a', 'ne', 'g', 'ge', 'gu', 'cc', 'pos', 'vc'];
/** FBfcc condition names. */
export const FCOND = ['n', 'ne', 'lg', 'ul', 'l', 'ug', 'g', 'u', 'a', 'e', 'ue', 'ge', 'uge', 'le', 'ule', 'o'];

/**
 * CONDTAB[cond << 4 | icc] = 1 when integer condition `cond` holds for icc = N<<3|Z<<2|V<<1|C.
 */
export const CONDTAB = new Uint8Array(256);
for (let cond = 0; cond < 16; cond++) {
  for (let icc = 0; icc < 16; icc++) {
    const n = (icc >> 3) & 1, z = (icc >> 2) & 1, v = (icc >> 1) & 1, c = icc & 1;
    let t: number;
    switch (cond & 7) {
      case 0: t = 0; break;               // n / a
      case 1: t = z; break;               // e / ne
      case 2: t = z | (n ^ v); break;     // le / g
      case 3: t = n ^ v; break;           // l / ge
      case 4: t = c | z; break;           // leu / gu
      case 5: t = c; break;               // cs / cc
      case 6: t = n; break;               // neg / pos
      default: t = v; break;              // vs / vc
    }
    CONDTAB[(cond << 4) | icc] = cond & 8 ? t ^ 1 : t;
  }
}

/** Number of register windows (QEMU sun4m and our machine). */
export const NWINDOWS = 8;
