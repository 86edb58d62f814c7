/*
 * test/userland/libc_build.test.ts — checks the committed userland without any cross tools: every
 * userland C program has its ELF in userland/bin/sparc/ (ELF32, big-endian, SPARC, static
 * executable, only V8 user-mode integer instructions in .text), no ELF is left without a source,
 * syscalls.S is what gen_syscalls.ts generates from sysent.ts now, the hand-written wrappers trap
 * with sysent's numbers, and every differential test has its qemu golden output and status.
 */

import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../boot/cc.ts';
import { user_programs, ELF_DIR, elf_dir, SPARC_ONLY } from '../../scripts/build_userland.ts';
import { generate_syscalls_s, HANDWRITTEN, NO_ALIAS, CANCEL_POINT, RESTARTABLE, SYSCALLS_S_PATH, syscalls_s_path } from '../../scripts/gen_syscalls.ts';
import { GOLDEN_DIR } from '../../scripts/gen_qemu_golden.ts';
import { SYSENT_ROWS } from '../../kernel/common/syscall/sysent.ts';
import { decodeOp, OPS, Op } from '../../hw/sparc/isa.ts';

interface Phdr { type: number; offset: number; vaddr: number; filesz: number; memsz: number; flags: number }
interface Shdr { name: string; type: number; addr: number; offset: number; size: number; flags: number }
interface Elf { type: number; machine: number; flags: number; entry: number; phdrs: Phdr[]; shdrs: Shdr[]; bytes: Buffer }

const PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PF_X = 1, EM_SPARC = 2, ET_EXEC = 2;

/** A minimal ELF32 big-endian reader: headers, program headers, section headers with names. */
function parse_elf(bytes: Buffer): Elf {
  expect(bytes.length).to.be.greaterThan(52);
  expect([...bytes.subarray(0, 4)]).to.deep.equal([0x7f, 0x45, 0x4c, 0x46]);
  expect(bytes[4], 'EI_CLASS (1 = ELF32)').to.equal(1);
  expect(bytes[5], 'EI_DATA (2 = big-endian)').to.equal(2);
  const u16 = (o: number): number => bytes.readUInt16BE(o);
  const u32 = (o: number): number => bytes.readUInt32BE(o);
  const phoff = u32(28), shoff = u32(32), phentsize = u16(42), phnum = u16(44);
  const shentsize = u16(46), shnum = u16(48), shstrndx = u16(50);
  const phdrs: Phdr[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    phdrs.push({ type: u32(o), offset: u32(o + 4), vaddr: u32(o + 8), filesz: u32(o + 16), memsz: u32(o + 20), flags: u32(o + 24) });
  }
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    raw.push({ nameoff: u32(o), type: u32(o + 4), flags: u32(o + 8), addr: u32(o + 12), offset: u32(o + 16), size: u32(o + 20) });
  }
  const strtab = raw[shstrndx];
  const name_at = (off: number): string => {
    const start = strtab.offset + off;
    const end = bytes.indexOf(0, start);
    return bytes.toString('latin1', start, end);
  };
  const shdrs = raw.map((s) => ({ name: name_at(s.nameoff), type: s.type, addr: s.addr, offset: s.offset, size: s.size, flags: s.flags }));
  return { type: u16(16), machine: u16(18), entry: u32(24), flags: u32(36), phdrs, shdrs, bytes };
}

/** Instructions a user-mode program for an FPU-less V8 must not contain. */
const FORBIDDEN = new Set<number>([
  Op.ILLEGAL, Op.FBFCC, Op.CBCCC, Op.FPOP1, Op.FPOP2, Op.CPOP1, Op.CPOP2,
  Op.RDPSR, Op.RDWIM, Op.RDTBR, Op.WRPSR, Op.WRWIM, Op.WRTBR, Op.RETT,
  Op.LDA, Op.LDUBA, Op.LDUHA, Op.LDDA, Op.STA, Op.STBA, Op.STHA, Op.STDA, Op.LDSBA, Op.LDSHA, Op.LDSTUBA, Op.SWAPA,
  Op.LDF, Op.LDFSR, Op.LDDF, Op.STF, Op.STFSR, Op.STDFQ, Op.STDF, Op.LDC, Op.LDCSR, Op.LDDC, Op.STC, Op.STCSR, Op.STDCQ, Op.STDC,
]);

describe('userland build (committed artifacts)', () => {
  const programs = user_programs(REPO_ROOT);

  it('finds the expected programs and names them after their place in the tree', () => {
    const names = programs.map((p) => p.name);
    expect(names).to.include.members(['hello', 'init', 'diff_arith', 'diff_ll64', 'diff_recurse', 'libc_selftest']);
    const diff = programs.find((p) => p.name === 'diff_setjmp');
    expect(diff?.src).to.equal('userland/tests/diff/setjmp.c');
    expect(programs.find((p) => p.name === 'init')?.src).to.equal('userland/sbin/init.c');
  });

  for (const prog of user_programs(REPO_ROOT)) {
    it(`${prog.src} has a static SPARC V8 executable at ${ELF_DIR}/${prog.name}`, () => {
      const path = join(REPO_ROOT, ELF_DIR, prog.name);
      expect(existsSync(path), `${path} missing: run npm run userland`).to.equal(true);
      const elf = parse_elf(readFileSync(path));
      expect(elf.type, 'e_type ET_EXEC').to.equal(ET_EXEC);
      expect(elf.machine, 'e_machine EM_SPARC (not V8+ EM_SPARC32PLUS)').to.equal(EM_SPARC);
      expect(elf.flags, 'e_flags').to.equal(0);
      expect(elf.phdrs.some((p) => p.type === PT_INTERP), 'PT_INTERP').to.equal(false);
      expect(elf.phdrs.some((p) => p.type === PT_DYNAMIC), 'PT_DYNAMIC').to.equal(false);
      const loads = elf.phdrs.filter((p) => p.type === PT_LOAD);
      expect(loads.length).to.be.greaterThan(0);
      for (const l of loads) {
        expect(l.memsz).to.be.at.least(l.filesz);
        expect(l.offset + l.filesz).to.be.at.most(elf.bytes.length);
      }
      const text = loads.find((l) => (l.flags & PF_X) !== 0 && elf.entry >= l.vaddr && elf.entry < l.vaddr + l.filesz);
      expect(text, 'entry point inside an executable PT_LOAD').to.not.equal(undefined);

      const textSec = elf.shdrs.find((s) => s.name === '.text');
      expect(textSec, '.text section').to.not.equal(undefined);
      const bad: string[] = [];
      for (let o = 0; o < textSec!.size; o += 4) {
        const w = elf.bytes.readUInt32BE(textSec!.offset + o);
        const op = decodeOp(w);
        if (FORBIDDEN.has(op)) bad.push(`${(textSec!.addr + o).toString(16)}: ${w.toString(16).padStart(8, '0')} (${OPS[op]?.name ?? 'illegal'})`);
      }
      expect(bad, 'non-user or FPU instructions in .text').to.deep.equal([]);
    });
  }

  it(`has no ELF in ${ELF_DIR} without a source`, () => {
    const names = new Set(programs.map((p) => p.name));
    const stale = readdirSync(join(REPO_ROOT, ELF_DIR)).filter((f) => !f.startsWith('.') && !names.has(f));
    expect(stale).to.deep.equal([]);
  });
});

describe('syscall stubs', () => {
  it(`${SYSCALLS_S_PATH} is what gen_syscalls.ts generates from sysent.ts`, () => {
    const committed = readFileSync(join(REPO_ROOT, SYSCALLS_S_PATH), 'utf8');
    expect(committed === generate_syscalls_s(), 'syscalls.S is stale: run npx tsx scripts/gen_syscalls.ts').to.equal(true);
  });

  it('generates one stub per sysent row with its number, and aliases only where no wrapper exists', () => {
    const text = generate_syscalls_s();
    for (const row of SYSENT_ROWS) {
      // restartable stubs keep %o0 in the caller's save slot and trap again on ERESTART (91)
      const stub = RESTARTABLE.has(row.name)
        ? new RegExp(`^_${row.name}:\\n\\tst %o0, \\[%sp \\+ 68\\]\\n1:\\tmov ${row.num}, %g1\\n\\tta 8\\n\\tbcc 2f\\n\\tcmp %o0, 91\\n\\tbe,a 1b\\n\\tld \\[%sp \\+ 68\\], %o0\\n\\tba __cerror\\n`, 'm')
        : new RegExp(`^_${row.name}:\\n\\tmov ${row.num}, %g1\\n\\tta 8\\n\\tbcs __cerror\\n`, 'm');
      if (HANDWRITTEN.has(row.name)) {
        expect(text).to.not.match(new RegExp(`^_${row.name}:`, 'm'));
        continue;
      }
      expect(text, row.name).to.match(stub);
      const alias = new RegExp(`^\\t\\.set ${row.name},_${row.name}$`, 'm');
      if (NO_ALIAS.has(row.name) || CANCEL_POINT.has(row.name)) expect(text, row.name).to.not.match(alias);
      else expect(text, row.name).to.match(alias);
    }
  });

  it('changes when sysent changes (the generator reads the rows it is given)', () => {
    const text = generate_syscalls_s([{ num: 250, name: 'frobnicate', narg: 2, nrval: 1 }]);
    expect(text).to.match(/^_frobnicate:\n\tmov 250, %g1\n/m);
    expect(text).to.not.match(/_write:/);
  });

  it('hand-written wrappers trap with the numbers in sysent.ts', () => {
    const files: Record<string, string> = {
      fork1: 'fork1.S', forkall: 'forkall.S', vfork: 'vfork.S', getpid: 'getpid.S', pipe: 'pipe.S',
    };
    expect(RESTARTABLE.has('read') && RESTARTABLE.has('waitsys'), 'read and waitid restart, as in Solaris').to.equal(true);
    for (const name of HANDWRITTEN) {
      const row = SYSENT_ROWS.find((r) => r.name === name);
      expect(row, name).to.not.equal(undefined);
      const src = readFileSync(join(REPO_ROOT, 'userland/libc/sparc', files[name]), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(src, name).to.match(new RegExp(`mov ${row!.num}, %g1\\s`));
      expect(src, name).to.match(/ta 8/);
      expect(src, name).to.match(/bcs __cerror/);
      expect(src, `${name} must be pure V8`).to.not.match(/movr|movcc|\bmove\b|flushw/);
    }
  });
});

describe('i386 userland (committed artifacts)', () => {
  const x86 = user_programs(REPO_ROOT, 'x86');

  it('builds every program for x86 but the SPARC-only ones, each a static EM_386 executable', () => {
    const all = user_programs(REPO_ROOT).map((p) => p.src);
    const names = x86.map((p) => p.name);
    expect(names).to.include.members(['hello', 'init', 'sh', 'fork_cow', 'libc_threads', 'sig_frame']);
    expect(names.some((n) => n.startsWith('diff_')), 'the SPARC instruction tests stay SPARC-only').to.equal(false);
    for (const src of all) {
      const onX86 = x86.some((p) => p.src === src);
      expect(onX86 || Object.keys(SPARC_ONLY).some((k) => src === k || src.startsWith(k + '/')), `${src}: built for x86 or listed in SPARC_ONLY`).to.equal(true);
    }
    for (const p of x86) {
      const path = join(REPO_ROOT, elf_dir('x86'), p.name);
      expect(existsSync(path), `${path} missing: run npm run userland`).to.equal(true);
      const b = readFileSync(path);
      expect([b[4], b[5], b.readUInt16LE(16), b.readUInt16LE(18)], p.name).to.deep.equal([1, 1, ET_EXEC, 3]);  // ELF32, LSB, ET_EXEC, EM_386
    }
    const stale = readdirSync(join(REPO_ROOT, elf_dir('x86'))).filter((f) => !f.startsWith('.') && !names.includes(f));
    expect(stale).to.deep.equal([]);
  });

  it(`${syscalls_s_path('x86')} is what gen_syscalls.ts generates, int $0x91 stubs that restart on ERESTART`, () => {
    const text = generate_syscalls_s(SYSENT_ROWS, 'x86');
    expect(readFileSync(join(REPO_ROOT, syscalls_s_path('x86')), 'utf8') === text, 'stale: run npx tsx scripts/gen_syscalls.ts').to.equal(true);
    for (const row of SYSENT_ROWS) {
      if (HANDWRITTEN.has(row.name)) { expect(text).to.not.match(new RegExp(`^_${row.name}:`, 'm')); continue; }
      const stub = RESTARTABLE.has(row.name)
        ? new RegExp(`^_${row.name}:\n1:\tmovl \\$${row.num}, %eax\n\tint \\$0x91\n\tjae 2f\n\tcmpl \\$91, %eax\n\tje 1b\n\tjmp __cerror\n`, 'm')
        : new RegExp(`^_${row.name}:\n\tmovl \\$${row.num}, %eax\n\tint \\$0x91\n\tjb __cerror\n\tret\n`, 'm');
      expect(text, row.name).to.match(stub);
    }
    const files: Record<string, string> = { fork1: 'fork1.S', forkall: 'forkall.S', vfork: 'vfork.S', getpid: 'getpid.S', pipe: 'pipe.S' };
    for (const name of HANDWRITTEN) {
      const row = SYSENT_ROWS.find((r) => r.name === name)!;
      const src = readFileSync(join(REPO_ROOT, 'userland/libc/i386', files[name]), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(src, name).to.match(new RegExp(`movl \\$${row.num}, %eax\\s`));
      expect(src, name).to.match(/int \$0x91/);
    }
    // vfork keeps its return address in a register: the child reuses the stack.
    expect(readFileSync(join(REPO_ROOT, 'userland/libc/i386/vfork.S'), 'utf8')).to.match(/popl %ecx[\s\S]*jmp \*%ecx/);
  });
});

describe('qemu golden outputs', () => {
  it('every differential test has a committed stdout and exit status from qemu-sparc', () => {
    const diffs = user_programs(REPO_ROOT).filter((p) => p.name.startsWith('diff_'));
    expect(diffs.length).to.be.at.least(15);
    for (const p of diffs) {
      const out = join(REPO_ROOT, GOLDEN_DIR, `${p.name}.out`);
      const status = join(REPO_ROOT, GOLDEN_DIR, `${p.name}.status`);
      expect(existsSync(out), out).to.equal(true);
      expect(readFileSync(status, 'utf8'), status).to.match(/^\d+\n$/);
      expect(readFileSync(out).length, out).to.be.greaterThan(0);
    }
  });

  it('includes programs that end with a nonzero status', () => {
    const nonzero = readdirSync(join(REPO_ROOT, GOLDEN_DIR))
      .filter((f) => f.endsWith('.status'))
      .filter((f) => readFileSync(join(REPO_ROOT, GOLDEN_DIR, f), 'utf8').trim() !== '0');
    expect(nonzero.length).to.be.at.least(2);
  });
});
