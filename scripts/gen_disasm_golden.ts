/*
 * scripts/gen_disasm_golden.ts — regenerates test/golden/disasm/sparc.txt, the GNU objdump reference
 * that test/hw/sparc/disasm.test.ts checks hw/sparc/disasm.ts against. Builds a deterministic corpus
 * of SPARC instruction words (every isa.ts row, every condition, alias triggers, edge immediates,
 * illegal words, fixed-seed random words), assembles it as `.word`s and records objdump's text.
 * Needs sparc64-linux-gnu-as and -objdump at generation time only. Run: npx tsx scripts/gen_disasm_golden.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPS } from '../hw/sparc/isa.ts';
import { prng } from './prng.ts';

const AS = 'sparc64-linux-gnu-as';
const OBJDUMP = 'sparc64-linux-gnu-objdump';

/* objdump appends "! 0x..." to an or/add after a sethi of the same register (looking one or two words
 * back), so every corpus word is preceded by this neutral filler (and %g0, %g0, %g0: not a sethi, not a
 * delayed branch) and disassembles as it would in isolation. */
const FILLER = 0x80080000;

/* Where the two corpora are placed (objdump --adjust-vma): user-text-like addresses, and the top of the
 * address space so that branch and call targets wrap around 2^32. */
const BASE_MAIN = 0x00010000;
const BASE_HIGH = 0xffff0000;

// Registers from every class objdump names differently: %g0, %g, %o, %sp, %o7, %l, %i, %fp, %i7.
const REGS = [0, 1, 8, 14, 15, 16, 24, 30, 31];
// Edge simm13 values, and both sides of objdump's decimal/hex switch (9 | 10).
const SIMM13 = [0, 1, -1, 4095, -4096, 8, 9, 10, -96];


function f2(op2: number, rd: number, imm22: number): number {
  return ((rd & 31) << 25 | (op2 & 7) << 22 | (imm22 & 0x3fffff)) >>> 0;
}
function br(op2: number, a: number, cond: number, disp22: number): number {
  return ((a & 1) << 29 | (cond & 15) << 25 | (op2 & 7) << 22 | (disp22 & 0x3fffff)) >>> 0;
}
function f3r(op: number, op3: number, rd: number, rs1: number, rs2: number, asi = 0): number {
  return (op << 30 | (rd & 31) << 25 | (op3 & 63) << 19 | (rs1 & 31) << 14 | (asi & 0xff) << 5 | (rs2 & 31)) >>> 0;
}
function f3i(op: number, op3: number, rd: number, rs1: number, simm: number): number {
  return (op << 30 | (rd & 31) << 25 | (op3 & 63) << 19 | (rs1 & 31) << 14 | 1 << 13 | (simm & 0x1fff)) >>> 0;
}
function fpop(op3: number, opf: number, rd: number, rs1: number, rs2: number): number {
  return (2 << 30 | (rd & 31) << 25 | (op3 & 63) << 19 | (rs1 & 31) << 14 | (opf & 0x1ff) << 5 | (rs2 & 31)) >>> 0;
}

/* Rows whose objdump text depends on which registers are %g0 or equal (synthetic forms, omitted operands):
 * these get every register pairing below; the other rows get each register class in each position. */
const ALIASY = new Set([
  0x80, 0x82, 0x84, 0x87, 0x90, 0x91, 0x92, 0x94, 0xa8, 0xa9, 0xaa, 0xab, 0xb0, 0xb1, 0xb2, 0xb3,
  0xb8, 0xb9, 0xbb, 0xbc, 0xbd, 0xc0, 0xc4, 0xc5, 0xc6, 0xc7, 0xe1, 0xe5,
]);

/** Format-3 variants for one (op, op3): register and immediate forms over every register class. */
function format3(out: number[], op: number, op3: number): void {
  const full = ALIASY.has(op << 6 | op3);
  for (const r of REGS) {
    out.push(f3r(op, op3, 10, r, 9), f3r(op, op3, 10, 17, r), f3r(op, op3, r, 17, 9));
    out.push(f3i(op, op3, 10, r, 5), f3i(op, op3, r, 17, 5));
    if (!full) continue;
    out.push(f3r(op, op3, r, 0, 9), f3r(op, op3, r, 17, 0), f3r(op, op3, r, r, 9), f3r(op, op3, 0, r, 9));
    out.push(f3r(op, op3, r, 0, r), f3r(op, op3, 0, 0, r), f3r(op, op3, r, 0, 0), f3r(op, op3, 0, r, 0));
    out.push(f3i(op, op3, r, 0, 5), f3i(op, op3, r, r, 5));
    out.push(f3i(op, op3, 0, r, 5), f3i(op, op3, r, r, 1), f3i(op, op3, r, 0, 0), f3i(op, op3, 0, r, 0));
  }
  out.push(f3r(op, op3, 0, 0, 0), f3r(op, op3, 10, 0, 0), f3r(op, op3, 10, 0, 9), f3r(op, op3, 10, 17, 0));
  out.push(f3r(op, op3, 10, 10, 9), f3r(op, op3, 0, 17, 9), f3r(op, op3, 9, 0, 9), f3i(op, op3, 10, 10, 1));
  for (const s of SIMM13) {
    out.push(f3i(op, op3, 10, 17, s), f3i(op, op3, 10, 0, s));
    if (full) out.push(f3i(op, op3, 0, 17, s), f3i(op, op3, 17, 17, s), f3i(op, op3, 0, 0, s));
  }
  // The same registers with the unused asi/opf bits (12:5) set.
  out.push(f3r(op, op3, 10, 17, 9, 1), f3r(op, op3, 10, 0, 9, 0x80), f3r(op, op3, 0, 17, 0, 0xff));
  out.push(f3r(op, op3, 10, 17, 0, 0x10), f3r(op, op3, 10, 0, 0, 0x20), f3r(op, op3, 0, 0, 0, 4));
  out.push(f3r(op, op3, 10, 17, 9, 0x0b), f3r(op, op3, 10, 17, 9, 0x80));
}

/** The deterministic corpus for the main (low-address) run. */
function mainCorpus(): number[] {
  const out: number[] = [];
  const disps = [0, 1, 2, -1, -2, 100, -100, 0x1fffff, -0x200000, 0x100000];
  // Every isa.ts row (by its op/sub encoding), including op=0 and op=1 rows.
  for (const row of OPS) {
    if (row.op === 2 || row.op === 3) format3(out, row.op, row.sub);
  }
  // Every op3 value, listed or not (illegal encodings too).
  for (let op3 = 0; op3 < 64; op3++) {
    for (const op of [2, 3]) {
      out.push(f3r(op, op3, 10, 17, 9), f3i(op, op3, 10, 17, 5), f3i(op, op3, 10, 0, -1), f3r(op, op3, 0, 0, 0));
      out.push(f3r(op, op3, 10, 17, 9, 0x55), f3i(op, op3, 0, 17, 0));
    }
  }
  // op=0: all op2 values; branches with every cond, with and without annul.
  for (let op2 = 0; op2 < 8; op2++) {
    for (const imm of [0, 1, 0x3fffff, 0x200000, 0x1000, 0x3ff, 0x400, 0x12345]) {
      for (const rd of [0, 1, 8, 14, 16, 30, 31]) out.push(f2(op2, rd, imm));
    }
  }
  for (const op2 of [2, 6, 7]) {
    for (let cond = 0; cond < 16; cond++) {
      for (const a of [0, 1]) for (const d of disps) out.push(br(op2, a, cond, d));
    }
  }
  for (const d of [0, 1, -1, 2, 0x1fffffff, -0x20000000, 0x10000, -0x4000, 0x3fffffff]) {
    out.push((1 << 30 | (d & 0x3fffffff)) >>> 0);
  }
  // Ticc: every cond, register and immediate forms, every trap number 0..127 for ta, high bits set.
  for (let cond = 0; cond < 16; cond++) {
    for (const r of REGS) {
      out.push(f3r(2, 0x3a, cond, r, 9), f3r(2, 0x3a, cond, 17, r), f3r(2, 0x3a, cond, 0, r), f3r(2, 0x3a, cond, r, 0));
      out.push(f3i(2, 0x3a, cond, r, 3), f3i(2, 0x3a, cond, r, 0));
    }
    for (const t of [0, 1, 3, 5, 8, 0x7f, 0x80, 0xff, 0x1fff, 0x1000]) {
      out.push(f3i(2, 0x3a, cond, 0, t), f3i(2, 0x3a, cond | 16, 0, t));
    }
  }
  for (let t = 0; t < 128; t++) out.push(f3i(2, 0x3a, 8, 0, t));
  // rd/wr of every state-register number, register and immediate forms.
  for (let r = 0; r < 32; r++) {
    for (const op3 of [0x28, 0x29, 0x2a, 0x2b]) {
      out.push(f3r(2, op3, 8, r, 0), f3r(2, op3, r, r, 0), f3r(2, op3, 8, r, 5), f3i(2, op3, 8, r, 1));
    }
    for (const op3 of [0x30, 0x31, 0x32, 0x33]) {
      out.push(f3r(2, op3, r, 8, 9), f3r(2, op3, r, 0, 9), f3r(2, op3, r, 8, 0), f3i(2, op3, r, 8, 7));
      out.push(f3i(2, op3, r, 0, 7), f3i(2, op3, r, 0, 0), f3i(2, op3, r, 8, 0));
    }
  }
  // ret/retl ignore rd in objdump; jmpl to %o7 prints as call.
  for (const rd of [0, 1, 8, 15, 16, 31]) {
    for (const rs1 of [15, 31]) out.push(f3i(2, 0x38, rd, rs1, 8), f3i(2, 0x38, rd, rs1, 12), f3r(2, 0x38, rd, rs1, 8));
  }
  // FP compares (rd must be 0) and unary ops (rs1 must be 0) with varied registers.
  for (const opf of [0x51, 0x52, 0x53, 0x55, 0x56, 0x57, 0x01, 0x2a, 0xc7, 0xcb, 0xd2]) {
    for (const [rd, rs1, rs2] of [[0, 3, 5], [0, 30, 1], [1, 3, 5], [0, 0, 31], [2, 0, 31], [2, 1, 31]]) {
      out.push(fpop(opf > 0x50 && opf < 0x58 ? 0x35 : 0x34, opf, rd, rs1, rs2));
    }
  }
  // The alias triggers named in the brief.
  out.push(0x01000000, 0x81c7e008, 0x81c3e008, 0x9de3bfa0, 0x81e80000, 0x81e00000);
  out.push(f3r(2, 0x38, 0, 31, 0), f3r(2, 0x38, 0, 15, 0), f3i(2, 0x38, 0, 31, 12), f3i(2, 0x38, 0, 15, 12));
  out.push(f3r(2, 0x38, 15, 8, 0), f3i(2, 0x38, 15, 8, 0), f3r(2, 0x38, 15, 8, 9), f3i(2, 0x38, 15, 0, 0x100));
  out.push(f3i(2, 0x12, 0, 8, 0), f3r(2, 0x12, 0, 8, 0), f3r(2, 0x12, 0, 0, 8), f3r(2, 0x14, 0, 8, 9));
  out.push(f3i(2, 0x14, 0, 8, 5), f3r(2, 0x11, 0, 8, 9), f3i(2, 0x11, 0, 8, 5), f3r(2, 0x02, 8, 8, 9));
  out.push(f3i(2, 0x02, 8, 8, 16), f3r(2, 0x05, 8, 8, 9), f3r(2, 0x03, 8, 8, 9), f3r(2, 0x04, 8, 0, 8));
  out.push(f3r(2, 0x04, 8, 0, 9), f3r(2, 0x07, 8, 8, 0), f3r(2, 0x07, 8, 9, 0), f3i(2, 0x00, 8, 8, 1));
  out.push(f3i(2, 0x10, 8, 8, 1), f3i(2, 0x04, 8, 8, 1), f3i(2, 0x14, 8, 8, 1), f3i(2, 0x00, 8, 8, 4));
  // Loads/stores with every asi on a fixed address, and the FP/CP state registers.
  for (let asi = 0; asi < 256; asi++) out.push(f3r(3, 0x10, 8, 9, 10, asi), f3r(3, 0x3c, 8, 9, 10, asi));
  for (const op3 of [0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x19, 0x1a, 0x1d, 0x1f]) {
    for (let asi = 0; asi < 256; asi += 17) out.push(f3r(3, op3, 8, 9, 10, asi), f3r(3, op3, 8, 9, 0, asi));
  }
  for (const op3 of [0x21, 0x25, 0x26, 0x31, 0x35, 0x36]) {
    for (const rd of [0, 1, 8, 31]) {
      out.push(f3r(3, op3, rd, 8, 9), f3i(3, op3, rd, 8, 4), f3i(3, op3, rd, 0, 4), f3r(3, op3, rd, 8, 0));
    }
  }
  // FPop1/FPop2 and CPop1/CPop2: every opf with a few register triples (odd and even).
  for (const op3 of [0x34, 0x35, 0x36, 0x37]) {
    for (let opf = 0; opf < 512; opf++) {
      if (op3 < 0x36) out.push(fpop(op3, opf, 3, 0, 1));
      else if (opf % 37 === 0) out.push(fpop(op3, opf, 4, 2, 6));
    }
    for (const [rd, rs1, rs2] of [[0, 0, 0], [31, 31, 31], [1, 2, 3], [8, 16, 24], [4, 2, 6]]) {
      for (const opf of [0x01, 0x05, 0x09, 0x29, 0x2a, 0x41, 0x42, 0x43, 0x45, 0x46, 0x49, 0x4d, 0x51, 0x52, 0x53,
        0x55, 0x56, 0x57, 0x69, 0x6e, 0xc4, 0xc6, 0xc8, 0xc9, 0xcb, 0xcc, 0xcd, 0xce, 0xd1, 0xd2, 0xd3]) {
        out.push(fpop(op3, opf, rd, rs1, rs2));
      }
    }
  }
  // Random words: fully random, then random format-3 words with the op bits forced.
  const rnd = prng(0x5ba2c8);
  for (let i = 0; i < 3000; i++) out.push(rnd());
  for (let i = 0; i < 1000; i++) out.push(((rnd() & 0x3fffffff) | 0x80000000) >>> 0);
  for (let i = 0; i < 1000; i++) out.push(((rnd() & 0x3fffffff) | 0xc0000000) >>> 0);
  for (let i = 0; i < 500; i++) out.push((rnd() & 0x3fffffff) >>> 0);
  return out;
}

/** A smaller corpus placed near 2^32 so relative targets wrap: branches, calls and random words. */
function highCorpus(): number[] {
  const out: number[] = [];
  for (const op2 of [2, 6, 7]) {
    for (const d of [0, 1, -1, 0x1fffff, -0x200000, 0x4000, 0x3c00]) out.push(br(op2, 0, 8, d), br(op2, 1, 1, d));
  }
  for (const d of [0, 1, -1, 0x1fffffff, -0x20000000, 0x4000, 0x3c00, 0x3fffffff]) {
    out.push((1 << 30 | (d & 0x3fffffff)) >>> 0);
  }
  const rnd = prng(0x1badd00d);
  for (let i = 0; i < 300; i++) out.push(rnd());
  return out;
}

/** Append calls and branches whose targets are exactly 0 and 0xfffffffc from where they will be placed. */
function wrapTargets(words: number[], base: number): number[] {
  const out = words.slice();
  for (const t of [0, 0xfffffffc, 4]) {
    let addr = (base + 8 * out.length + 4) >>> 0;
    out.push((1 << 30 | (((t - addr) >>> 2) & 0x3fffffff)) >>> 0);
    addr = (base + 8 * out.length + 4) >>> 0;
    out.push(br(2, 0, 8, ((t - addr) >>> 2) & 0x3fffff));
    addr = (base + 8 * out.length + 4) >>> 0;
    out.push(br(6, 1, 9, ((t - addr) >>> 2) & 0x3fffff));
  }
  return out;
}

function dedupe(words: number[]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const w of words) if (!seen.has(w)) { seen.add(w); out.push(w); }
  return out;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) {
    const e = r.error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') {
      fail(`${cmd} not found on PATH; install the SPARC cross binutils (Debian: binutils-sparc64-linux-gnu)`);
    }
    fail(`${cmd}: ${e.message}`);
  }
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

function fail(msg: string): never {
  process.stderr.write(`gen_disasm_golden: ${msg}\n`);
  process.exit(1);
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** Assemble `words` (each after a filler), disassemble at `base`, return golden lines. */
function disassemble(dir: string, name: string, words: number[], base: number): string[] {
  const src = join(dir, `${name}.s`), obj = join(dir, `${name}.o`);
  const lines = ['\t.text'];
  for (const w of words) lines.push(`\t.word 0x${hex8(FILLER)}`, `\t.word 0x${hex8(w)}`);
  writeFileSync(src, lines.join('\n') + '\n');
  run(AS, ['-32', '-Av8', '-o', obj, src]);
  const header = run(OBJDUMP, ['-f', obj]);
  if (!/file format elf32-sparc\b/.test(header) || !/architecture: sparc,/.test(header)) {
    fail(`unexpected object format from ${AS}:\n${header}`);
  }
  const dump = run(OBJDUMP, ['-d', '-z', `--adjust-vma=0x${hex8(base)}`, obj]);
  const byAddr = new Map<number, { bytes: string; text: string }>();
  for (const line of dump.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} ){4})\t?(.*)$/.exec(line);
    if (!m) continue;
    // Drop objdump's " <symbol+off>" suffix and the trailing blank it leaves after bare mnemonics.
    const text = m[3].replace(/ <[^>]*>$/, '').replace(/\s+$/, '');
    byAddr.set(parseInt(m[1], 16), { bytes: m[2].replace(/ /g, ''), text });
  }
  const out: string[] = [];
  words.forEach((w, i) => {
    const addr = (base + 8 * i + 4) >>> 0;
    const got = byAddr.get(addr);
    if (!got) fail(`objdump printed no line for ${hex8(w)} at ${hex8(addr)}`);
    if (got.bytes !== hex8(w)) fail(`objdump bytes ${got.bytes} at ${hex8(addr)}, expected ${hex8(w)}`);
    if (got.text.includes('\n') || got.text === '') fail(`empty or odd objdump text for ${hex8(w)}`);
    out.push(`${hex8(addr)} ${hex8(w)} ${got.text}`);
  });
  return out;
}

function main(): void {
  const version = run(OBJDUMP, ['--version']).split('\n')[0];
  run(AS, ['--version']);
  const dir = mkdtempSync(join(tmpdir(), 'disasm-golden-'));
  try {
    const main = disassemble(dir, 'main', dedupe(mainCorpus()), BASE_MAIN);
    const high = disassemble(dir, 'high', wrapTargets(dedupe(highCorpus()), BASE_HIGH), BASE_HIGH);
    const here = dirname(fileURLToPath(import.meta.url));
    const outDir = join(here, '..', 'test', 'golden', 'disasm');
    mkdirSync(outDir, { recursive: true });
    const text = [
      '# Generated by scripts/gen_disasm_golden.ts; do not edit.',
      `# Reference: ${version}, elf32-sparc object (as -32 -Av8), objdump -d -z, symbol suffixes dropped.`,
      '# Format: address word objdump-text',
      ...main, ...high,
    ].join('\n') + '\n';
    const file = join(outDir, 'sparc.txt');
    writeFileSync(file, text);
    process.stdout.write(`wrote ${main.length + high.length} lines to ${file}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
