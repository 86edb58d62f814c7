/*
 * scripts/gen_x86_cpu_golden.ts — regenerates the native reference for test/hw/x86/cpu_random.test.ts.
 * Builds a fixed-seed program of straight-line blocks (random initial registers, memory and flags,
 * then random integer instructions: every ALU form, shifts with counts 0..33, mul/div, bit ops,
 * BCD, string ops ...), each instruction followed by a snapshot of registers, EFLAGS (pushf) and
 * a 16-byte memory window. It is assembled with i686-linux-gnu-gcc as a static ELF, run natively
 * (or under qemu-i386 when the host cannot run i386 code), and the ELF, its output and a listing
 * are written to test/golden/x86/. Needs gcc-i686-linux-gnu and binutils-i686-linux-gnu.
 * Run: npx tsx scripts/gen_x86_cpu_golden.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.ts';

const GCC = 'i686-linux-gnu-gcc';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test/golden/x86');
/** Load address of the program's text (the test maps the ELF flat at its own addresses). */
export const TEXT_ADDR = 0x100000;
/** Bytes per snapshot: EDI ESI EBP ESP EBX EDX ECX EAX (pushal order), EFLAGS, 16 bytes of buf. */
export const SNAP_BYTES = 52;
const SEED = 0x1386cafe;
const RANDOM_BLOCKS = 500;
const PER_BLOCK = 12;

const rnd = prng(SEED);
const pick = <T>(a: readonly T[]): T => a[rnd() % a.length];
const EDGE = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
  0xfffffffe, 0x80000001, 0x55555555, 0xaaaaaaaa, 0x0f0f0f0f, 0x99, 0x09, 0x0a, 0xfa];
function val(): number {
  switch (rnd() % 5) {
    case 0: case 1: return pick(EDGE);
    case 2: return (pick(EDGE) + (rnd() % 5) - 2) >>> 0;
    case 3: return rnd() % 300;
    default: return rnd() >>> 0;
  }
}
const hex = (v: number): string => '0x' + (v >>> 0).toString(16);
const R32 = ['eax', 'ecx', 'edx', 'ebx', 'ebp', 'esi', 'edi'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'bp', 'si', 'di'];
const R8 = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh'];
const SFX = ['b', 'w', 'l'] as const;
function reg(s: string): string {
  return '%' + (s === 'b' ? pick(R8) : s === 'w' ? pick(R16) : pick(R32));
}
function imm(s: string): string {
  const v = val();
  return '$' + hex(s === 'b' ? v & 0xff : s === 'w' ? v & 0xffff : v);
}
function mem(s: string): string {
  const w = s === 'b' ? 1 : s === 'w' ? 2 : 4;
  return `buf+${rnd() % (17 - w)}`;
}
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const ALU = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
const SHIFTS = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sar', 'sal'];

/** One test item: setup lines (no snapshot), then the instruction under test (text for the listing). */
interface Item { setup: string[]; insn: string }

function aluItem(op: string, s: string): Item {
  switch (rnd() % 6) {
    case 0: return { setup: [], insn: `${op}${s} ${reg(s)}, ${reg(s)}` };
    case 1: return { setup: [], insn: `${op}${s} ${imm(s)}, ${reg(s)}` };
    case 2: return { setup: [], insn: `${op}${s} $${hex(s === 'b' ? rnd() & 0xff : (rnd() % 256) - 128 & (s === 'w' ? 0xffff : 0xffffffff))}, ${reg(s)}` };
    case 3: return { setup: [], insn: `${op}${s} ${reg(s)}, ${mem(s)}` };
    case 4: return { setup: [], insn: `${op}${s} ${mem(s)}, ${reg(s)}` };
    default: return { setup: [], insn: `${op}${s} ${imm(s)}, ${mem(s)}` };
  }
}
function shiftItem(op: string, s: string, count: number): Item {
  const dst = rnd() % 4 === 0 ? mem(s) : reg(s);
  switch (rnd() % 3) {
    case 0: return { setup: [`movb $${count}, %cl`], insn: `${op}${s} %cl, ${dst.replace('%cl', '%dl').replace('%cx', '%dx').replace('%ecx', '%edx')}` };
    case 1: return { setup: [], insn: `${op}${s} $${count}, ${dst}` };
    default: return { setup: [], insn: count === 1 ? `${op}${s} ${dst}` : `${op}${s} $${count}, ${dst}` };
  }
}
function randomItem(): Item {
  const s = pick(SFX);
  switch (rnd() % 37) {
    case 0: case 1: case 2: case 3: case 4: return aluItem(pick(ALU), s);
    case 5: return { setup: [], insn: `${pick(['inc', 'dec', 'neg', 'not'])}${s} ${rnd() % 3 ? reg(s) : mem(s)}` };
    case 6: return { setup: [], insn: `test${s} ${rnd() & 1 ? reg(s) : imm(s)}, ${reg(s)}` };
    case 7: case 8: return shiftItem(pick(SHIFTS), s, rnd() % 34);
    case 9: {
      const w = s === 'b' ? 'l' : s;
      const r = w === 'w' ? R16 : R32;
      const c = rnd() % 34;
      const a = '%' + pick(r), b = '%' + pick(r.filter((x) => x !== 'cx' && x !== 'ecx'));
      const dst = rnd() % 4 === 0 ? mem(w) : b;
      return rnd() & 1 ? { setup: [`movb $${c}, %cl`], insn: `${pick(['shld', 'shrd'])}${w} %cl, ${a}, ${dst}` }
        : { setup: [], insn: `${pick(['shld', 'shrd'])}${w} $${c}, ${a}, ${dst}` };
    }
    case 10: return { setup: [], insn: `${pick(['mul', 'imul'])}${s} ${rnd() % 3 ? reg(s) : mem(s)}` };
    case 11: {
      const w = s === 'b' ? 'l' : s;
      const r = w === 'w' ? R16 : R32;
      if (rnd() & 1) return { setup: [], insn: `imul${w} ${rnd() & 1 ? '%' + pick(r) : mem(w)}, %${pick(r)}` };
      const k = rnd() & 1 ? (rnd() % 256) - 128 : val() | 0;
      return { setup: [], insn: `imul${w} $${k}, ${rnd() & 1 ? '%' + pick(r) : mem(w)}, %${pick(r)}` };
    }
    case 12: { // div/idiv with operands that do not raise #DE
      const d = (val() | 1) >>> 0;
      if (s === 'l') {
        const sign = rnd() & 1;
        if (!sign) return { setup: [`movl $${hex(d)}, %ebx`, `movl $${hex(rnd() % d)}, %edx`, `movl $${hex(val())}, %eax`], insn: 'divl %ebx' };
        const dd = (d === 0xffffffff ? 3 : d);
        return { setup: [`movl $${hex(dd)}, %ebx`, `movl $${hex(val() & 0x7fffffff)}, %eax`, rnd() & 1 ? 'negl %eax' : 'nop', 'cltd'], insn: 'idivl %ebx' };
      }
      if (s === 'w') {
        const dw = (d & 0xffff) || 7;
        return { setup: [`movw $${dw}, %bx`, `movw $${rnd() % dw}, %dx`, `movw $${rnd() & 0xffff}, %ax`], insn: 'divw %bx' };
      }
      const db = (d & 0xff) || 5;
      return rnd() & 1 ? { setup: [`movb $${db}, %bl`, `movw $${(rnd() % db) * 256 + (rnd() & 0xff)}, %ax`], insn: 'divb %bl' }
        : { setup: [`movb $${db === 0xff ? 3 : db}, %bl`, `movb $${rnd() % 128}, %al`, 'cbtw'], insn: 'idivb %bl' };
    }
    case 13: { // bt family
      const w = s === 'b' ? 'l' : s;
      const r = w === 'w' ? R16 : R32;
      const op = pick(['bt', 'bts', 'btr', 'btc']);
      switch (rnd() % 3) {
        case 0: return { setup: [], insn: `${op}${w} %${pick(r)}, %${pick(r)}` };
        case 1: return { setup: [], insn: `${op}${w} $${rnd() % 40}, ${rnd() & 1 ? '%' + pick(r) : mem(w)}` };
        default: return { setup: [`movl $${rnd() % 96}, %edx`], insn: `${op}${w} %${w === 'w' ? 'dx' : 'edx'}, buf` };
      }
    }
    case 14: {
      const w = s === 'b' ? 'l' : s;
      const r = w === 'w' ? R16 : R32;
      return rnd() % 4 === 0 ? { setup: [`mov${w} $0, %${r[1]}`], insn: `${pick(['bsf', 'bsr'])}${w} %${r[1]}, %${pick(r)}` }
        : { setup: [], insn: `${pick(['bsf', 'bsr'])}${w} ${rnd() & 1 ? '%' + pick(r) : mem(w)}, %${pick(r)}` };
    }
    case 15: return { setup: [], insn: `bswap %${pick(R32)}` };
    case 16: return { setup: [], insn: `set${pick(CC)} ${rnd() & 1 ? reg('b') : mem('b')}` };
    case 17: { const w = s === 'b' ? 'l' : s; const r = w === 'w' ? R16 : R32; return { setup: [], insn: `cmov${pick(CC)}${w} ${rnd() & 1 ? '%' + pick(r) : mem(w)}, %${pick(r)}` }; }
    case 18: {
      const f = pick([['movzbl', R8, R32], ['movzbw', R8, R16], ['movzwl', R16, R32], ['movsbl', R8, R32], ['movsbw', R8, R16], ['movswl', R16, R32]] as const);
      return { setup: [], insn: `${f[0]} ${rnd() & 1 ? '%' + pick(f[1]) : mem(f[1] === R8 ? 'b' : 'w')}, %${pick(f[2])}` };
    }
    case 19: {
      const b = pick(R32), i = pick(R32), sc = pick([1, 2, 4, 8]), dsp = (val() | 0);
      return { setup: [], insn: pick([`leal ${dsp}(%${b},%${i},${sc}), %${pick(R32)}`, `leal (%${b}), %${pick(R32)}`, `leal ${dsp & 0x7f}(,%${i},${sc}), %${pick(R32)}`, `leaw ${dsp & 0xff}(%${b}), %${pick(R16)}`]) };
    }
    case 20: return { setup: [], insn: rnd() & 1 ? `xchg${s} ${reg(s)}, ${reg(s)}` : `xchg${s} ${reg(s)}, ${mem(s)}` };
    case 21: return { setup: [], insn: `${rnd() & 1 ? 'lock ' : ''}xadd${s} ${reg(s)}, ${mem(s)}` };
    case 22: return { setup: [], insn: rnd() & 1 ? `xadd${s} ${reg(s)}, ${reg(s)}` : `cmpxchg${s} ${reg(s)}, ${reg(s)}` };
    case 23: {
      const eq = rnd() & 1;
      return { setup: eq ? [`mov${s} ${mem(s).replace(/buf\+\d+/, 'buf+0')}, %${s === 'b' ? 'al' : s === 'w' ? 'ax' : 'eax'}`] : [], insn: `${rnd() & 1 ? 'lock ' : ''}cmpxchg${s} ${reg(s)}, buf+0` };
    }
    case 24: {
      const eq = rnd() & 1;
      return { setup: eq ? ['movl buf+4, %eax', 'movl buf+8, %edx'] : [], insn: `${rnd() & 1 ? 'lock ' : ''}cmpxchg8b buf+4` };
    }
    case 25: case 26: {
      const op = pick(['daa', 'das', 'aaa', 'aas', 'aam', 'aad', `aam $${(rnd() % 20) + 1}`, `aad $${rnd() % 20}`]);
      return { setup: [`movw $${hex(rnd() & 0xffff)}, %ax`, `pushl $${hex(0x202 | (rnd() & 0x8d5))}`, 'popfl'], insn: op };
    }
    case 27: return { setup: [], insn: pick(['cbtw', 'cwtl', 'cwtd', 'cltd', 'lahf', 'sahf', 'clc', 'stc', 'cmc']) };
    case 28: { // string instructions within buf
      const op = pick(['movsb', 'movsw', 'movsl', 'stosb', 'stosl', 'lodsb', 'lodsl', 'cmpsb', 'cmpsl', 'scasb', 'scasw']);
      const repp = op.startsWith('cmps') || op.startsWith('scas') ? pick(['', 'repe ', 'repne ']) : pick(['', 'rep ']);
      const down = rnd() % 4 === 0;
      const n = rnd() % 4;
      return { setup: [down ? `movl $buf+12, %esi` : `movl $buf, %esi`, down ? 'movl $buf+15, %edi' : `movl $buf+${8 - (rnd() % 3)}, %edi`, `movl $${n}, %ecx`, down ? 'std' : 'cld'], insn: `${repp}${op}` };
    }
    case 29: return { setup: [`pushl $${hex((rnd() & 0x200cd5) | 0x202)}`], insn: 'popfl' };
    case 30: return { setup: [`movl $${1 + (rnd() % 4)}, %ecx`], insn: pick(['1: incl %eax; loop 1b', '1: addl $3, %ebx; loopne 1b', '1: decl %edx; loope 1b', 'jecxz 1f; incl %esi; 1:']) };
    case 31: return { setup: [], insn: `j${pick(CC)} 1f; incl %esi; 1:` };
    case 32: return { setup: [], insn: pick(['pushal; xorl %eax, %eax; popal', 'enter $16, $0; leave', 'movl $stack+4096, %ebp; enter $8, $2; leave', 'pushl %ebx; popl %esi', 'call 1f; 1: popl %edi', 'movl $buf, %ebx; movb $5, %al; xlat', 'pushw %ax; popw %dx']) };
    case 34: case 35: { // base + index*scale + displacement addressing, 8/16/32-bit operands
      const w = s === 'b' ? 1 : s === 'w' ? 2 : 4;
      const sc = pick([1, 2, 4, 8]), k = rnd() % Math.max(1, Math.floor((16 - w) / sc / 2) + 1);
      const disp = rnd() % 3;
      const ea = pick([`${disp}(%ebx)`, `${disp}(%ebx,%edi,${sc})`, `buf(,%edi,${sc})`, `-${4 - disp}(%ebp)`]);
      const op = pick([...ALU, 'mov', 'test', 'xchg']);
      const r = s === 'b' ? pick(['%al', '%cl', '%dl', '%ah']) : s === 'w' ? pick(['%ax', '%cx', '%dx', '%si']) : pick(['%eax', '%ecx', '%edx', '%esi']);
      const insn = rnd() & 1 || op === 'test' || op === 'xchg' ? `${op}${s} ${r}, ${ea}` : op === 'mov' ? `mov${s} ${ea}, ${r}` : `${op}${s} ${rnd() & 1 ? imm(s) : r}, ${ea}`;
      return { setup: ['movl $buf, %ebx', `movl $${k}, %edi`, 'movl $buf+4, %ebp'], insn };
    }
    case 36: { // stack forms
      return { setup: ['movl $buf+8, %ebx'], insn: pick(['pushl (%ebx); popl 4(%ebx)', 'pushw 2(%ebx); popw (%ebx)', 'pushl $-5; popl %ecx', 'pushl %esp; popl %eax; subl %esp, %eax',
        'movl %esp, %ecx; pushl (%ebx); popl %edx; subl %esp, %ecx', 'call 1f; 1: addl $4, %esp', 'pushal; popl %eax; popl %eax; addl $24, %esp']) };
    }
    default: return aluItem(pick(ALU), s);
  }
}

/** Every ALU op and shift op in every size, and every shift count 0..33 (reg and %cl forms). */
function systematicItems(): Item[] {
  const items: Item[] = [];
  for (const op of ALU) for (const s of SFX) for (let k = 0; k < 3; k++) items.push(aluItem(op, s));
  for (const op of SHIFTS) for (const s of SFX) for (let c = 0; c <= 33; c++) {
    items.push({ setup: [`movb $${c}, %cl`], insn: `${op}${s} %cl, ${s === 'b' ? '%dl' : s === 'w' ? '%dx' : '%edx'}` });
  }
  for (const op of ['shld', 'shrd']) for (const w of ['w', 'l']) for (let c = 0; c <= 33; c++) {
    items.push({ setup: [`movb $${c}, %cl`], insn: `${op}${w} %cl, ${w === 'w' ? '%bx, %dx' : '%ebx, %edx'}` });
  }
  return items;
}

function initLines(): string[] {
  const lines = R32.map((r) => `movl $${hex(val())}, %${r}`);
  for (let k = 0; k < 16; k += 4) lines.push(`movl $${hex(val())}, buf+${k}`);
  lines.push(`pushl $${hex(0x202 | (rnd() & 0x8d5))}`, 'popfl');
  return lines;
}

/** The whole program as assembler text and the listing of snapshots (one instruction text each). */
export function build_program(): { asm: string; listing: string[] } {
  const body: string[] = [];
  const listing: string[] = [];
  const emit = (items: Item[]): void => {
    body.push(...initLines());
    for (const it of items) {
      body.push(...it.setup, it.insn, 'pushfl', 'pushal', 'call snap', 'popal', 'popfl');
      listing.push(it.setup.length ? `${it.insn}  ; after ${it.setup.join('; ')}` : it.insn);
    }
  };
  const sys = systematicItems();
  for (let k = 0; k < sys.length; k += PER_BLOCK) emit(sys.slice(k, k + PER_BLOCK));
  for (let b = 0; b < RANDOM_BLOCKS; b++) {
    const items: Item[] = [];
    for (let k = 0; k < PER_BLOCK; k++) items.push(randomItem());
    emit(items);
  }
  const asm = `# generated by scripts/gen_x86_cpu_golden.ts
	.text
	.globl _start
_start:
	movl $stack_top, %esp
	movl $outbuf, outp
${body.map((l) => '\t' + l).join('\n')}
	movl $4, %eax
	movl $1, %ebx
	movl $outbuf, %ecx
	movl outp, %edx
	subl %ecx, %edx
	int $0x80
	movl $1, %eax
	xorl %ebx, %ebx
	int $0x80
snap:
	cld
	movl outp, %edi
	leal 4(%esp), %esi
	movl $9, %ecx
	rep movsl
	movl $buf, %esi
	movl $4, %ecx
	rep movsl
	movl %edi, outp
	ret
	.data
	.align 16
buf:	.space 32
outp:	.long 0
	.bss
	.align 16
stack:	.space 8192
stack_top:
outbuf:	.space ${listing.length * SNAP_BYTES}
`;
  return { asm, listing };
}

function sh(cmd: string, args: string[], opts: { cwd?: string } = {}): Buffer {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message} (install gcc-i686-linux-gnu binutils-i686-linux-gnu)`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr.toString()}`);
  return r.stdout;
}

export function main(): number {
  const { asm, listing } = build_program();
  const dir = mkdtempSync(join(tmpdir(), 'x86gold-'));
  try {
    writeFileSync(join(dir, 'p.S'), asm);
    sh(GCC, ['-m32', '-nostdlib', '-static', '-no-pie', `-Wl,-Ttext=${hex(TEXT_ADDR)}`, '-Wl,--build-id=none', '-o', 'p', 'p.S'], { cwd: dir });
    let out: Buffer;
    try { out = sh(join(dir, 'p'), []); } catch { out = sh('qemu-i386', [join(dir, 'p')]); }
    if (out.length !== listing.length * SNAP_BYTES) throw new Error(`native run gave ${out.length} bytes, want ${listing.length * SNAP_BYTES}`);
    mkdirSync(OUT, { recursive: true });
    copyFileSync(join(dir, 'p'), join(OUT, 'cpu_random.elf'));
    writeFileSync(join(OUT, 'cpu_random.out'), out);
    const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown';
    writeFileSync(join(OUT, 'cpu_random.txt'), `# Generated by scripts/gen_x86_cpu_golden.ts; do not edit. Native host: ${cpu}\n# One line per snapshot: the instruction under test.\n${listing.join('\n')}\n`);
    console.log(`test/golden/x86/cpu_random.*: ${listing.length} snapshots, ${out.length} bytes (host ${cpu})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
