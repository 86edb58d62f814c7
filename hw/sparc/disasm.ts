/*
 * hw/sparc/disasm.ts — SPARC V8 disassembler whose text is exactly what GNU objdump -d prints for an
 * elf32-sparc object (binutils 2.40, default sparc/LEON arch mask), synthetic forms included
 * (nop, mov, clr, cmp, tst, btst, neg, inc/dec, ret/retl, jmp, call reg, rd/wr state registers, t<cond>).
 * Decoding goes through isa.ts; the operand rules were learned from objdump (test/golden/disasm/).
 * Leaves out objdump's context comments ("! 0x..." after a sethi) and its " <symbol+off>" suffixes.
 */
import { OPS, OPTAB, opIndex, ICOND, FCOND, Form } from './isa.ts';

const REGS = [
  '%g0', '%g1', '%g2', '%g3', '%g4', '%g5', '%g6', '%g7',
  '%o0', '%o1', '%o2', '%o3', '%o4', '%o5', '%sp', '%o7',
  '%l0', '%l1', '%l2', '%l3', '%l4', '%l5', '%l6', '%l7',
  '%i0', '%i1', '%i2', '%i3', '%i4', '%i5', '%fp', '%i7',
];

/** The objdump name of integer register r (0..31): %g0..%g7, %o0..%o5, %sp, %o7, %l0..%l7, %i0..%i5, %fp, %i7. */
export function regName(r: number): string {
  return REGS[r & 31];
}

const FREGS: string[] = [];
const DREGS: string[] = [];
const CREGS: string[] = [];
const ASRS: string[] = [];
for (let r = 0; r < 32; r++) {
  FREGS.push('%f' + r);
  // objdump decodes double/quad fields with V9 numbering: bit 0 of the field is bit 5 of the register.
  DREGS.push('%f' + ((r & 0x1e) | ((r & 1) << 5)));
  CREGS.push('%c' + r);
  ASRS.push('%asr' + r);
}

/* Per-form dispatch codes, copied out of isa.ts's Form once so the hot path compares local numbers. */
const F_CALL = Form.Call, F_SETHI = Form.Sethi, F_BRANCH = Form.Branch, F_UNIMP = Form.Unimp;
const F_ARITH = Form.Arith, F_SHIFT = Form.Shift, F_RD = Form.RdState, F_WR = Form.WrState;
const F_JMPL = Form.Jmpl, F_RETT = Form.Rett, F_TICC = Form.Ticc, F_FLUSH = Form.Flush;
const F_LOAD = Form.Load, F_STORE = Form.Store, F_LOADA = Form.LoadA, F_STOREA = Form.StoreA;
const F_ATOMIC = Form.Atomic, F_ATOMICA = Form.AtomicA, F_FPLOAD = Form.FpLoad, F_FPSTORE = Form.FpStore;
const F_CPLOAD = Form.CpLoad, F_CPSTORE = Form.CpStore, F_FPOP = Form.FpOp, F_CPOP = Form.CpOp;

/** FORM[opIndex(word)] and NAME[opIndex(word)]: the isa.ts row of each decode-table slot. */
const FORM = new Int8Array(256);
const NAME: string[] = [];
for (let i = 0; i < 256; i++) {
  const row = OPS[OPTAB[i]];
  FORM[i] = row.form;
  NAME.push(row.name);
}

const BNAMES: string[][] = [
  ICOND.map((c) => (c === 'a' ? 'b' : 'b' + c)),
  FCOND.map((c) => (c === 'a' ? 'fb' : 'fb' + c)),
  // Coprocessor conditions are named by the ccc values they accept; 'a' and 'n' as usual.
  ['n', '123', '12', '13', '1', '23', '2', '3', '', '0', '03', '02', '023', '01', '013', '012'].map((c) => 'cb' + c),
];

/* FPop opf values objdump knows for V8: name and operand kinds (s/d/q per rs1, rs2, rd; '' = absent). */
interface FpDef { name: string; rs1: string; rs2: string; rd: string }
const FPOP1 = new Map<number, FpDef>();
const FPOP2 = new Map<number, FpDef>();
function fp(map: Map<number, FpDef>, opf: number, name: string, kinds: string): void {
  map.set(opf, { name, rs1: kinds[0] === '-' ? '' : kinds[0], rs2: kinds[1], rd: kinds[2] === '-' ? '' : kinds[2] });
}
fp(FPOP1, 0x01, 'fmovs', '-ss'); fp(FPOP1, 0x05, 'fnegs', '-ss'); fp(FPOP1, 0x09, 'fabss', '-ss');
fp(FPOP1, 0x29, 'fsqrts', '-ss'); fp(FPOP1, 0x2a, 'fsqrtd', '-dd'); fp(FPOP1, 0x2b, 'fsqrtq', '-qq');
fp(FPOP1, 0x41, 'fadds', 'sss'); fp(FPOP1, 0x42, 'faddd', 'ddd'); fp(FPOP1, 0x43, 'faddq', 'qqq');
fp(FPOP1, 0x45, 'fsubs', 'sss'); fp(FPOP1, 0x46, 'fsubd', 'ddd'); fp(FPOP1, 0x47, 'fsubq', 'qqq');
fp(FPOP1, 0x49, 'fmuls', 'sss'); fp(FPOP1, 0x4a, 'fmuld', 'ddd'); fp(FPOP1, 0x4b, 'fmulq', 'qqq');
fp(FPOP1, 0x4d, 'fdivs', 'sss'); fp(FPOP1, 0x4e, 'fdivd', 'ddd'); fp(FPOP1, 0x4f, 'fdivq', 'qqq');
fp(FPOP1, 0x69, 'fsmuld', 'ssd'); fp(FPOP1, 0x6e, 'fdmulq', 'ddq');
fp(FPOP1, 0xc4, 'fitos', '-ss'); fp(FPOP1, 0xc6, 'fdtos', '-ds'); fp(FPOP1, 0xc7, 'fqtos', '-qs');
fp(FPOP1, 0xc8, 'fitod', '-sd'); fp(FPOP1, 0xc9, 'fstod', '-sd'); fp(FPOP1, 0xcb, 'fqtod', '-qd');
fp(FPOP1, 0xcc, 'fitoq', '-sq'); fp(FPOP1, 0xcd, 'fstoq', '-sq'); fp(FPOP1, 0xce, 'fdtoq', '-dq');
fp(FPOP1, 0xd1, 'fstoi', '-ss'); fp(FPOP1, 0xd2, 'fdtoi', '-ds'); fp(FPOP1, 0xd3, 'fqtoi', '-qs');
fp(FPOP2, 0x51, 'fcmps', 'ss-'); fp(FPOP2, 0x52, 'fcmpd', 'dd-'); fp(FPOP2, 0x53, 'fcmpq', 'qq-');
fp(FPOP2, 0x55, 'fcmpes', 'ss-'); fp(FPOP2, 0x56, 'fcmped', 'dd-'); fp(FPOP2, 0x57, 'fcmpeq', 'qq-');

function fpreg(kind: string, r: number): string {
  return kind === 's' ? FREGS[r] : DREGS[r];
}

/* objdump's names for ASI values (it prints V9/UltraSPARC names even for V8 objects); others are "(n)". */
const ASI_NAMES: { [asi: number]: string } = {
  0x04: 'N', 0x0c: 'N_L', 0x10: 'AIUP', 0x11: 'AIUS', 0x12: 'MAIUP', 0x13: 'MAIUS',
  0x14: 'PHYS_USE_EC', 0x15: 'PHYS_BYPASS_EC_E', 0x16: 'BLK_AIUP_4V', 0x17: 'BLK_AIUS_4V',
  0x18: 'AIUP_L', 0x19: 'AIUS_L', 0x1c: 'PHYS_USE_EC_L', 0x1d: 'PHYS_BYPASS_EC_E_L',
  0x1e: 'BLK_AIUP_L_4V', 0x1f: 'BLK_AIUS_L_4V', 0x20: 'SCRATCHPAD', 0x21: 'MMU', 0x22: 'TWINX_AIUP',
  0x23: 'BLK_INIT_QUAD_LDD_AIUS', 0x24: 'NUCLEUS_QUAD_LDD', 0x25: 'QUEUE', 0x26: 'QUAD_LDD_PHYS_4V',
  0x27: 'TWINX_N', 0x2a: 'TWINX_AIUP_L', 0x2b: 'TWINX_AIUS_L', 0x2c: 'NUCLEUS_QUAD_LDD_L',
  0x2e: 'TWINX_REAL_L', 0x2f: 'TWINX_NL', 0x30: 'PCACHE_DATA_STATUS', 0x31: 'PCACHE_DATA',
  0x32: 'PCACHE_TAG', 0x33: 'PCACHE_SNOOP_TAG', 0x34: 'QUAD_LDD_PHYS', 0x36: 'AIPN',
  0x38: 'WCACHE_VALID_BITS', 0x39: 'WCACHE_DATA', 0x3a: 'WCACHE_TAG', 0x3b: 'WCACHE_SNOOP_TAG',
  0x3c: 'QUAD_LDD_PHYS_L', 0x3e: 'AIPN_L', 0x40: 'SRAM_FAST_INIT', 0x41: 'CORE_AVAILABLE',
  0x42: 'INST_MASK_REG', 0x43: 'ERROR_INJECT_REG', 0x45: 'LSU_CONTROL_REG', 0x46: 'DCACHE_DATA',
  0x47: 'DCACHE_TAG', 0x48: 'INTR_DISPATCH_STAT', 0x49: 'INTR_RECEIVE', 0x4b: 'ESTATE_ERROR_EN',
  0x4c: 'AFSR', 0x4d: 'AFAR', 0x4e: 'EC_TAG_DATA', 0x4f: 'HYP_SCRATCHPAD', 0x50: 'IMMU',
  0x51: 'IMMU_TSB_8KB_PTR', 0x52: 'IMMU_TSB_64KB_PTR', 0x53: 'ITLB_PROBE', 0x54: 'ITLB_DATA_IN',
  0x55: 'ITLB_DATA_ACCESS', 0x56: 'ITLB_TAG_READ', 0x57: 'IMMU_DEMAP', 0x58: 'DMMU',
  0x59: 'DMMU_TSB_8KB_PTR', 0x5a: 'DMMU_TSB_64KB_PTR', 0x5b: 'DMMU_TSB_DIRECT_PTR',
  0x5c: 'DTLB_DATA_IN', 0x5d: 'DTLB_DATA_ACCESS', 0x5e: 'DTLB_TAG_READ', 0x5f: 'DMMU_DEMAP',
  0x60: 'IIU_INST_TRAP', 0x63: 'INTR_ID', 0x64: 'CORE_SELECT_COMMIT_NHT', 0x66: 'IC_INSTR',
  0x67: 'IC_TAG', 0x68: 'IC_STAG', 0x6f: 'BRPRED_ARRAY', 0x70: 'BLK_AIUP', 0x71: 'BLK_AIUS',
  0x72: 'MCU_CTRL_REG', 0x74: 'EC_DATA', 0x75: 'EC_CTRL', 0x76: 'EC_W', 0x77: 'INTR_W',
  0x78: 'BLK_AIUPL', 0x79: 'BLK_AIUSL', 0x7e: 'EC_R', 0x7f: 'INTR_R', 0x80: 'P', 0x81: 'S',
  0x82: 'PNF', 0x83: 'SNF', 0x88: 'P_L', 0x89: 'S_L', 0x8a: 'PNF_L', 0x8b: 'SNF_L', 0xb0: 'PIC',
  0xc0: 'PST8_P', 0xc1: 'PST8_S', 0xc2: 'PST16_P', 0xc3: 'PST16_S', 0xc4: 'PST32_P', 0xc5: 'PST32_S',
  0xc8: 'PST8_PL', 0xc9: 'PST8_SL', 0xca: 'PST16_PL', 0xcb: 'PST16_SL', 0xcc: 'PST32_PL',
  0xcd: 'PST32_SL', 0xd0: 'FL8_P', 0xd1: 'FL8_S', 0xd2: 'FL16_P', 0xd3: 'FL16_S', 0xd8: 'FL8_PL',
  0xd9: 'FL8_SL', 0xda: 'FL16_PL', 0xdb: 'FL16_SL', 0xe0: 'BLK_COMMIT_P', 0xe1: 'BLK_COMMIT_S',
  0xe2: 'BLK_INIT_QUAD_LDD_P', 0xe3: 'TWINX_S', 0xea: 'TWINX_PL', 0xeb: 'TWINX_SL', 0xf0: 'BLK_P',
  0xf1: 'BLK_S', 0xf2: 'STBI_PM', 0xf3: 'STBI_SM', 0xf8: 'BLK_PL', 0xf9: 'BLK_SL', 0xfa: 'STBI_PLM',
  0xfb: 'STBI_SLM',
};
const ASIS: string[] = [];
for (let a = 0; a < 256; a++) ASIS.push(ASI_NAMES[a] !== undefined ? '#ASI_' + ASI_NAMES[a] : '(' + a + ')');

/** objdump's immediate style: decimal up to 9 (negatives included), else 0x-hex. */
function imm(v: number): string {
  return v <= 9 ? '' + v : '0x' + v.toString(16);
}

/** C's "%#x" of a 32-bit value: "0" for zero, else 0x-hex. */
function hexu(v: number): string {
  return v === 0 ? '0' : '0x' + (v >>> 0).toString(16);
}

/** A code address (branch/call target) the way objdump's print_address prints it. */
function target(v: number): string {
  return '0x' + (v >>> 0).toString(16);
}

/** The rs1+rs2 / rs1+simm13 operand: bare rs1 when the other part is zero, bare simm when rs1 is %g0. */
function address(w: number): string {
  const rs1 = (w >>> 14) & 31;
  if (w & 0x2000) {
    const simm = (w << 19) >> 19;
    if (simm === 0) return REGS[rs1];
    if (rs1 === 0) return imm(simm);
    return REGS[rs1] + ' + ' + imm(simm);
  }
  const rs2 = w & 31;
  return rs2 === 0 ? REGS[rs1] : REGS[rs1] + ' + ' + REGS[rs2];
}

/** The second source operand of an arithmetic instruction: rs2 or simm13. */
function src2(w: number): string {
  return w & 0x2000 ? imm((w << 19) >> 19) : REGS[w & 31];
}

/**
 * Disassemble one instruction word fetched from address `pc` (used for branch and call targets, which
 * wrap at 2^32). Returns the text objdump -d prints after the hex bytes, e.g. 'save  %sp, -96, %sp',
 * 'be,a   0x10040', 'unknown' for words objdump cannot decode. Pure; never throws.
 */
export function disasm(word: number, pc: number): string {
  const w = word | 0;
  const idx = opIndex(w >>> 0);
  const form = FORM[idx];
  const rd = (w >>> 25) & 31;
  const rs1 = (w >>> 14) & 31;
  const rs2 = w & 31;
  const i = (w >>> 13) & 1;
  const asiBits = (w >>> 5) & 0xff;
  // Register forms of format 3 must have the unused asi field zero, except where noted below.
  const regFormBad = i === 0 && asiBits !== 0;

  switch (form) {
    case F_CALL:
      return 'call  ' + target(pc + (w << 2));

    case F_SETHI: {
      const v = (w & 0x3fffff) << 10;
      if (v === 0 && rd === 0) return 'nop';
      return 'sethi  %hi(' + hexu(v) + '), ' + REGS[rd];
    }

    case F_BRANCH: {
      const op2 = (w >>> 22) & 7;
      const names = BNAMES[op2 === 2 ? 0 : op2 - 5];
      const t = target(pc + (((w << 10) >> 10) << 2));
      const name = names[rd & 15];
      return w & 0x20000000 ? name + ',a   ' + t : name + '  ' + t;
    }

    case F_UNIMP:
      if (rd !== 0) return 'unknown';
      return 'unimp  ' + hexu((w << 10) >> 10);

    case F_ARITH:
      if (regFormBad) return 'unknown';
      return arith(w, (w >>> 19) & 63, rd, rs1, rs2, i, NAME[idx]);

    case F_SHIFT:
      if (asiBits !== 0) return 'unknown';
      return NAME[idx] + '  ' + REGS[rs1] + ', ' + (i ? imm(rs2) : REGS[rs2]) + ', ' + REGS[rd];

    case F_RD: {
      if ((w & 0x3fff) !== 0) return 'unknown';
      const op3 = (w >>> 19) & 63;
      if (op3 === 0x28) {
        if (rs1 === 0) return 'rd  %y, ' + REGS[rd];
        if (rs1 === 15 && rd === 0) return 'stbar';
        return 'rd  ' + ASRS[rs1] + ', ' + REGS[rd];
      }
      if (rs1 !== 0) return 'unknown';
      return 'rd  ' + (op3 === 0x29 ? '%psr' : op3 === 0x2a ? '%wim' : '%tbr') + ', ' + REGS[rd];
    }

    case F_WR: {
      if (regFormBad) return 'unknown';
      const op3 = (w >>> 19) & 63;
      let name = 'wr  ', sreg: string;
      if (op3 === 0x30) sreg = rd === 0 ? '%y' : ASRS[rd];
      else if (op3 === 0x31) {
        if (rd > 1) return 'unknown';
        if (rd === 1) name = 'pwr  ';
        sreg = '%psr';
      } else {
        if (rd !== 0) return 'unknown';
        sreg = op3 === 0x32 ? '%wim' : '%tbr';
      }
      let ops: string;
      if (i) {
        const simm = (w << 19) >> 19;
        ops = simm === 0 ? REGS[rs1] : rs1 === 0 ? imm(simm) : REGS[rs1] + ', ' + imm(simm);
      } else {
        ops = rs2 === 0 ? REGS[rs1] : rs1 === 0 ? REGS[rs2] : REGS[rs1] + ', ' + REGS[rs2];
      }
      return name + ops + ', ' + sreg;
    }

    case F_JMPL:
      if (regFormBad) return 'unknown';
      // objdump's ret/retl entries do not look at rd.
      if (i && (w & 0x1fff) === 8) {
        if (rs1 === 31) return 'ret';
        if (rs1 === 15) return 'retl';
      }
      if (rd === 0) return 'jmp  ' + address(w);
      if (rd === 15) return 'call  ' + address(w);
      return 'jmpl  ' + address(w) + ', ' + REGS[rd];

    case F_RETT:
      if (regFormBad || rd !== 0) return 'unknown';
      return 'rett  ' + address(w);

    case F_TICC: {
      const name = 't' + ICOND[rd & 15] + '  ';
      if (i) {
        const simm = (w << 19) >> 19;
        return name + (rs1 === 0 ? imm(simm) : REGS[rs1] + ' + ' + imm(simm));
      }
      return name + (rs2 === 0 ? REGS[rs1] : REGS[rs1] + ' + ' + REGS[rs2]);
    }

    case F_FLUSH:
      if (regFormBad) return 'unknown';
      return 'flush  ' + address(w);

    case F_LOAD:
    case F_ATOMIC:
      // objdump accepts a nonzero asi field on a plain ld (op3 0), as it does on the FP/CP ld below.
      if (regFormBad && idx !== 0xc0) return 'unknown';
      return NAME[idx] + '  [ ' + address(w) + ' ], ' + REGS[rd];

    case F_STORE: {
      if (regFormBad) return 'unknown';
      const op3 = (w >>> 19) & 63;
      if (rd === 0 && op3 !== 7) return (op3 === 4 ? 'clr' : op3 === 5 ? 'clrb' : 'clrh') + '  [ ' + address(w) + ' ]';
      return NAME[idx] + '  ' + REGS[rd] + ', [ ' + address(w) + ' ]';
    }

    case F_LOADA:
    case F_ATOMICA:
      if (i) return 'unknown';
      return NAME[idx] + '  [ ' + address(w) + ' ] ' + ASIS[asiBits] + ', ' + REGS[rd];

    case F_STOREA:
      if (i) return 'unknown';
      return NAME[idx] + '  ' + REGS[rd] + ', [ ' + address(w) + ' ] ' + ASIS[asiBits];

    case F_FPLOAD: {
      const op3 = (w >>> 19) & 63;
      if (op3 === 0x21) {
        if (rd !== 0) return 'unknown';
        return 'ld  [ ' + address(w) + ' ], %fsr';
      }
      if (regFormBad && op3 !== 0x20) return 'unknown';
      return NAME[idx] + '  [ ' + address(w) + ' ], ' + (op3 === 0x23 ? DREGS[rd] : FREGS[rd]);
    }

    case F_FPSTORE: {
      if (regFormBad) return 'unknown';
      const op3 = (w >>> 19) & 63;
      let r: string;
      if (op3 === 0x25) {
        if (rd !== 0) return 'unknown';
        r = '%fsr';
      } else if (op3 === 0x26) r = '%fq';
      else r = op3 === 0x27 ? DREGS[rd] : FREGS[rd];
      return NAME[idx] + '  ' + r + ', [ ' + address(w) + ' ]';
    }

    case F_CPLOAD: {
      const op3 = (w >>> 19) & 63;
      if (regFormBad && op3 === 0x33) return 'unknown';
      return NAME[idx] + '  [ ' + address(w) + ' ], ' + (op3 === 0x31 ? '%csr' : CREGS[rd]);
    }

    case F_CPSTORE: {
      if (regFormBad) return 'unknown';
      const op3 = (w >>> 19) & 63;
      const r = op3 === 0x35 ? '%csr' : op3 === 0x36 ? '%cq' : CREGS[rd];
      return NAME[idx] + '  ' + r + ', [ ' + address(w) + ' ]';
    }

    case F_FPOP: {
      const def = (((w >>> 19) & 63) === 0x34 ? FPOP1 : FPOP2).get((w >>> 5) & 0x1ff);
      if (def === undefined) return 'unknown';
      // Unused register fields must be zero: rs1 of the one-source ops, rd of the compares.
      if ((def.rs1 === '' && rs1 !== 0) || (def.rd === '' && rd !== 0)) return 'unknown';
      let s = def.name + '  ';
      if (def.rs1 !== '') s += fpreg(def.rs1, rs1) + ', ';
      s += fpreg(def.rs2, rs2);
      if (def.rd !== '') s += ', ' + fpreg(def.rd, rd);
      return s;
    }

    case F_CPOP:
      return NAME[idx] + '  [ ' + REGS[rs1] + ' + ' + REGS[rs2] + ' ], ' + REGS[rd];

    default:
      return leon(w, rd, rs1, rs2, i, asiBits);
  }
}

/** Arithmetic/logical rows with objdump's synthetic forms. */
function arith(w: number, op3: number, rd: number, rs1: number, rs2: number, i: number, name: string): string {
  const simm = (w << 19) >> 19;
  const zero2 = i ? simm === 0 : rs2 === 0;
  switch (op3) {
    case 0x00: // add
    case 0x10: // addcc
      if (i && simm === 1 && rs1 === rd) return (op3 & 0x10 ? 'inccc  ' : 'inc  ') + REGS[rd];
      break;
    case 0x04: // sub
    case 0x14: // subcc
      if (i && simm === 1 && rs1 === rd) return (op3 & 0x10 ? 'deccc  ' : 'dec  ') + REGS[rd];
      if (op3 === 0x14 && rd === 0) return 'cmp  ' + REGS[rs1] + ', ' + src2(w);
      if (op3 === 0x04 && rs1 === 0 && !i) return rs2 === rd ? 'neg  ' + REGS[rd] : 'neg  ' + REGS[rs2] + ', ' + REGS[rd];
      break;
    case 0x02: // or
      if (rs1 === 0) {
        // objdump's register-form clr only matches when rd is %g0 as well.
        if (i ? simm === 0 : rs2 === 0 && rd === 0) return 'clr  ' + REGS[rd];
        return 'mov  ' + src2(w) + ', ' + REGS[rd];
      }
      if (zero2) return 'mov  ' + REGS[rs1] + ', ' + REGS[rd];
      break;
    case 0x12: // orcc
      if (rd === 0) {
        if (!i && rs1 === 0) return 'tst  ' + REGS[rs2];
        if (zero2) return 'tst  ' + REGS[rs1];
      }
      break;
    case 0x11: // andcc
      if (rd === 0) return i ? 'btst  ' + imm(simm) + ', ' + REGS[rs1] : 'btst  ' + REGS[rs1] + ', ' + REGS[rs2];
      break;
    case 0x3c: // save
    case 0x3d: // restore
      if (rd === 0 && rs1 === 0 && (op3 === 0x3d ? zero2 : !i && rs2 === 0)) return name;
      break;
  }
  return name + '  ' + REGS[rs1] + ', ' + src2(w) + ', ' + REGS[rd];
}

/** Encodings isa.ts leaves illegal but objdump's LEON-enabled V8 table decodes: casa, umac, smac. */
function leon(w: number, rd: number, rs1: number, rs2: number, i: number, asiBits: number): string {
  const op = w >>> 30;
  const op3 = (w >>> 19) & 63;
  if (op === 3 && op3 === 0x3c) {
    return 'casa  [ ' + REGS[rs1] + ' ] ' + (i ? '%asi' : ASIS[asiBits]) + ', ' + REGS[rs2] + ', ' + REGS[rd];
  }
  if (op === 2 && (op3 === 0x3e || op3 === 0x3f)) {
    if (i === 0 && asiBits !== 0) return 'unknown';
    return (op3 === 0x3e ? 'umac  ' : 'smac  ') + REGS[rs1] + ', ' + src2(w) + ', ' + REGS[rd];
  }
  return 'unknown';
}
