/*
 * test/kernel/common/exec/elf.test.ts — elf_check on good, foreign, malformed and truncated files,
 * and elf_load's memory image: text/data/bss mappings (bss zeroed including the tail of the last
 * file page), the heap base, the SVR4 SPARC initial stack (save area, argc, argv, envp, auxv,
 * strings, alignment), text shared between two loads, and the committed userland hello if built.
 * The test ELF is laid out like GCC's static SPARC output (data in the text's last file page).
 */

import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENOEXEC } from '../../../../kernel/common/sys/errno.ts';
import { elf_check, elf_load } from '../../../../kernel/common/exec/elf.ts';
import { copyin, copyinstr, fuword32 } from '../../../../kernel/common/os/copy.ts';
import { FC_PROT, PROT_EXEC, PROT_READ, PROT_WRITE } from '../../../../kernel/common/vm/seg.ts';
import { type As, as_alloc, as_free } from '../../../../kernel/common/vm/vm_as.ts';
import { type TestVm, anon_baseline, expect_no_leaks, make_vm, pfn_of, user_rw } from '../vm/vm_fixture.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

interface PH { type: number; offset: number; vaddr: number; filesz: number; memsz: number; flags: number }
interface ElfOpts { machine?: number; cls?: number; data?: number; type?: number; entry?: number; phs?: PH[]; size?: number }

const TEXT: PH = { type: 1, offset: 0, vaddr: 0x10000, filesz: 0x124, memsz: 0x124, flags: 5 };
const DATA: PH = { type: 1, offset: 0x124, vaddr: 0x20124, filesz: 0x10, memsz: 0xfb4, flags: 6 };

/** mkelf — an ELF32 file: header, program headers at 52, text words, data words, junk after. */
function mkelf(o: ElfOpts = {}): Uint8Array {
  const phs = o.phs ?? [TEXT, DATA];
  const b = new Uint8Array(o.size ?? 0x300);
  const le = (o.data ?? 2) === 1;
  const dv = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, o.cls ?? 1, o.data ?? 2, 1]);
  dv.setUint16(16, o.type ?? 2, le);
  dv.setUint16(18, o.machine ?? 2, le);
  dv.setUint32(20, 1, le);
  dv.setUint32(24, o.entry ?? 0x10110, le);
  dv.setUint32(28, 52, le);
  dv.setUint16(40, 52, le);
  dv.setUint16(42, 32, le);
  dv.setUint16(44, phs.length, le);
  phs.forEach((p, i) => {
    const q = 52 + i * 32;
    [p.type, p.offset, p.vaddr, p.vaddr, p.filesz, p.memsz, p.flags, 0x10000].forEach((v, k) => dv.setUint32(q + 4 * k, v, le));
  });
  for (let a = 0x100; a < 0x124; a += 4) dv.setUint32(a, 0x01000000 + a, le);   // "text": nops-ish words
  for (let a = 0x124; a < 0x134; a += 4) dv.setUint32(a, 0xda7a0000 + a, le);   // initialized data
  b.fill(0xee, 0x134);                                                           // section junk after data
  return b;
}

describe('elf', () => {
  describe('elf_check', () => {
    it('accepts a static SPARC executable', () => {
      expect(elf_check(mkelf(), 'sparc')).to.equal(null);
    });

    it('rejects non-ELF input and foreign ELF files with a one-line reason', () => {
      expect(elf_check(new Uint8Array(0), 'sparc')).to.equal('not an ELF file');
      expect(elf_check(new TextEncoder().encode('#!/bin/sh\necho hi\n'), 'sparc')).to.equal('not an ELF file');
      expect(elf_check(mkelf({ machine: 3, data: 1 }), 'sparc')).to.equal('ELF for x86, not sparc');
      expect(elf_check(mkelf({ machine: 43 }), 'sparc')).to.equal('ELF for sparcv9, not sparc');
      expect(elf_check(mkelf({ machine: 62, data: 1 }), 'sparc')).to.equal('ELF for x86-64, not sparc');
      expect(elf_check(mkelf(), 'x86')).to.equal('ELF for sparc, not x86');
      expect(elf_check(mkelf({ cls: 2 }), 'sparc')).to.match(/^64-bit ELF/);
      expect(elf_check(mkelf({ data: 1 }), 'sparc')).to.match(/big-endian/);
    });

    it('names the byte order when only EI_DATA is wrong (e_machine then reads as machine 512)', () => {
      const b = mkelf();
      b[5] = 1;
      expect(elf_check(b, 'sparc')).to.equal('bad ELF: the header says little-endian (EI_DATA 1), but e_machine reads as sparc only in the other byte order');
      const x = mkelf({ machine: 3 });
      x[5] = 1;
      expect(elf_check(x, 'sparc')).to.equal('bad ELF: the header says little-endian (EI_DATA 1), but e_machine reads as x86 only in the other byte order');
      expect(elf_check(mkelf({ machine: 0x1234 }), 'sparc')).to.equal('ELF for machine 4660 (big-endian (EI_DATA 2)), not sparc');
    });

    it('rejects dynamic, relocatable and malformed executables', () => {
      expect(elf_check(mkelf({ type: 3 }), 'sparc')).to.match(/^not a static executable \(ET_DYN/);
      expect(elf_check(mkelf({ type: 1 }), 'sparc')).to.match(/^not an executable \(ET_REL/);
      const interp: PH = { type: 3, offset: 0x200, vaddr: 0x10200, filesz: 0x10, memsz: 0x10, flags: 4 };
      expect(elf_check(mkelf({ phs: [TEXT, DATA, interp] }), 'sparc')).to.match(/^not a static executable \(has PT_INTERP/);
      expect(elf_check(mkelf({ entry: 0x20130 }), 'sparc')).to.match(/entry point 0x20130/);
      expect(elf_check(mkelf({ phs: [] }), 'sparc')).to.equal('bad ELF: no program headers');
      expect(elf_check(mkelf({ phs: [TEXT, { ...DATA, vaddr: 0x20128 }] }), 'sparc')).to.match(/not page-congruent/);
      expect(elf_check(mkelf({ phs: [TEXT, { ...DATA, filesz: 0x2000, memsz: 0x2000 }] }), 'sparc')).to.match(/^truncated ELF: segment 1/);
      expect(elf_check(mkelf({ phs: [TEXT, { ...DATA, memsz: 8 }] }), 'sparc')).to.match(/p_filesz > p_memsz/);
      expect(elf_check(mkelf({ phs: [TEXT, { ...DATA, vaddr: 0xeffff124, memsz: 0x1000 }] }), 'sparc')).to.match(/outside user space/);
      // Sharing a page: fine when it is the same file page (-N style), not otherwise.
      expect(elf_check(mkelf({ phs: [TEXT, { ...DATA, vaddr: 0x10124 }] }), 'sparc')).to.equal(null);
      expect(elf_check(mkelf({ phs: [TEXT, { ...DATA, vaddr: 0x10224, offset: 0x224, filesz: 0 }] }), 'sparc')).to.equal(null);
      expect(elf_check(mkelf({ phs: [TEXT, { ...DATA, vaddr: 0x11124 }] }), 'sparc')).to.equal(null);  // next page
      expect(elf_check(mkelf({ size: 0x1300, phs: [TEXT, { ...DATA, vaddr: 0x10200, offset: 0x1200 }] }), 'sparc'))
        .to.match(/shares a page/);
      expect(elf_check(mkelf({ phs: [{ ...TEXT, memsz: 0x1200 }, { ...DATA, vaddr: 0x11300, offset: 0x300, filesz: 0 }] }), 'sparc'))
        .to.match(/shares a page/);
    });

    it('reports truncation of the header, the program headers and a segment', () => {
      const good = mkelf();
      expect(elf_check(good.slice(0, 40), 'sparc')).to.equal('truncated ELF: 40 bytes, the ELF header needs 52');
      expect(elf_check(good.slice(0, 100), 'sparc')).to.equal('truncated ELF: program headers end at 116, file is 100 bytes');
      expect(elf_check(good.slice(0, 0x120), 'sparc')).to.equal('truncated ELF: segment 0 needs bytes up to 292, file is 288 bytes');
    });
  });

  describe('elf_load', () => {
    let t: TestVm;
    let base0: number;
    beforeEach(() => { t = make_vm(); base0 = anon_baseline(); });

    const load = (file: Uint8Array, argv: string[], envp: string[]): [As, ReturnType<typeof elf_load>] => {
      const as = as_alloc(t.vm);
      return [as, elf_load(as, file, argv, envp, 'sparc')];
    };

    it('maps text r-x, data rw- and zeroed bss, and puts the heap after bss', () => {
      const file = mkelf();
      const [as, r] = load(file, ['prog'], []);
      expect(r.error).to.equal(0);
      expect(r.entry).to.equal(0x10110);
      expect(r.brkbase).to.equal(0x20124 + 0xfb4);
      const segs = as.a_segs.map((s) => [s.s_base, s.s_size]);
      expect(segs.slice(0, 3)).to.deep.equal([[0x10000, 0x1000], [0x20000, 0x1000], [0x21000, 0x1000]]);
      // Text: the file's bytes, read/execute only.
      expect(fuword32(as, 0x10110).value).to.equal(0x01000110);
      expect(as.a_hat.getattr(0x10000)!.prot).to.equal(PROT_READ | PROT_EXEC);
      expect(user_rw(t, as, 0x10100, 'w', 0)).to.equal(`fc ${FC_PROT}`);
      // Data, then bss: zero from p_filesz to the end of the file page (the junk is gone) and beyond.
      expect(fuword32(as, 0x20124).value).to.equal(0xda7a0124);
      expect(fuword32(as, 0x20130).value).to.equal(0xda7a0130);
      const bss = copyin(as, 0x20134, 0x210d8 - 0x20134);
      expect(bss.error).to.equal(0);
      expect(bss.data.every((x) => x === 0)).to.equal(true);
      expect(copyin(as, 0x20000, 4).data[0]).to.equal(0x7f);       // bytes before p_vaddr: the file page
      expect(as.a_hat.getattr(0x20000)!.prot).to.equal(PROT_READ | PROT_WRITE);
      expect(user_rw(t, as, 0x21ffc, 'w', 3)).to.equal(3);
      as_free(as);
      expect_no_leaks(t, base0);
    });

    it('builds the SVR4 SPARC initial stack: save area, argc, argv, envp, auxv, strings', () => {
      const [as, r] = load(mkelf(), ['prog', 'a b', ''], ['HOME=/', 'X=1']);
      expect(r.error).to.equal(0);
      const sp = r.sp;
      expect(sp % 16).to.equal(0);
      expect(r.usrstack).to.equal(0xf0000000);
      expect(r.stksize % 4096).to.equal(0);
      expect(r.stksize).to.be.at.least(0xf0000000 - sp);
      const word = (a: number): number => { const w = fuword32(as, a); expect(w.error).to.equal(0); return w.value; };
      const str = (a: number): string => copyinstr(as, a, 256).str;
      expect(word(sp + 64)).to.equal(3);                           // argc
      expect([0, 1, 2].map((i) => str(word(sp + 68 + 4 * i)))).to.deep.equal(['prog', 'a b', '']);
      expect(word(sp + 68 + 12)).to.equal(0);
      const envp = sp + 68 + 16;
      expect([0, 1].map((i) => str(word(envp + 4 * i)))).to.deep.equal(['HOME=/', 'X=1']);
      expect(word(envp + 8)).to.equal(0);
      const aux: number[][] = [];
      for (let a = envp + 12; ; a += 8) { aux.push([word(a), word(a + 4)]); if (aux[aux.length - 1][0] === 0) break; }
      expect(aux).to.deep.equal([[3, 0x10000 + 52], [4, 32], [5, 2], [6, 4096], [9, 0x10110], [0, 0]]);
      // The strings sit above the vectors and below the top of the stack.
      for (let i = 0; i < 3; i++) expect(word(sp + 68 + 4 * i)).to.be.within(envp + 12 + 48, 0xf0000000 - 1);
      // One page of headroom below %sp is mapped (the first save does not fault).
      expect(user_rw(t, as, (sp - 96) >>> 0, 'w', 1)).to.equal(1);
      as_free(as);
      expect_no_leaks(t, base0);
    });

    it('shares text between two loads of the same file; data becomes private on write', () => {
      const file = mkelf();
      const [a] = load(file, ['a'], []);
      const [b] = load(file, ['b'], []);
      expect(fuword32(a, 0x10100).value).to.equal(fuword32(b, 0x10100).value);
      expect(pfn_of(a, 0x10000)).to.equal(pfn_of(b, 0x10000));
      expect(pfn_of(a, 0x20000)).to.not.equal(pfn_of(b, 0x20000));   // bss zeroing made them private
      user_rw(t, a, 0x20124, 'w', 42);
      expect(fuword32(b, 0x20124).value).to.equal(0xda7a0124);
      as_free(a);
      expect(fuword32(b, 0x10110).value).to.equal(0x01000110);
      as_free(b);
      expect_no_leaks(t, base0);
    });

    it('loads segments that share a file page (text rwx there, data and bss kept apart)', () => {
      const [as, r] = load(mkelf({ phs: [TEXT, { ...DATA, vaddr: 0x10124 }] }), ['x'], []);
      expect(r.error).to.equal(0);
      expect(as.a_segs.slice(0, 2).map((s) => [s.s_base, s.s_size])).to.deep.equal([[0x10000, 0x1000], [0x11000, 0x1000]]);
      expect(fuword32(as, 0x10110).value).to.equal(0x01000110);      // text bytes intact
      expect(fuword32(as, 0x10124).value).to.equal(0xda7a0124);      // data
      expect(copyin(as, 0x10134, 0x10000 + 0x1000 - 0x10134).data.every((x) => x === 0)).to.equal(true);
      expect(user_rw(t, as, 0x10130, 'w', 1)).to.equal(1);
      expect(as.a_hat.getattr(0x10000)!.prot).to.equal(PROT_READ | PROT_WRITE | PROT_EXEC);
      as_free(as);
      expect_no_leaks(t, base0);
    });

    it('refuses a bad file with ENOEXEC and the reason', () => {
      const as = as_alloc(t.vm);
      const r = elf_load(as, mkelf({ type: 3 }), ['x'], []);
      expect(r.error).to.equal(ENOEXEC);
      expect(r.reason).to.match(/not a static executable/);
      expect(elf_load(as, new Uint8Array(10), [], []).error).to.equal(ENOEXEC);
      expect(as.a_segs).to.have.length(0);
      as_free(as);
    });

    it('loads the committed userland hello (when built)', function () {
      const path = join(ROOT, 'userland', 'bin', 'sparc', 'hello');
      if (!existsSync(path)) this.skip();
      const bytes = new Uint8Array(readFileSync(path));
      expect(elf_check(bytes, 'sparc')).to.equal(null);
      const [as, r] = load(bytes, ['hello'], []);
      expect(r.error).to.equal(0);
      const dv = new DataView(bytes.buffer, bytes.byteOffset);
      expect(r.entry).to.equal(dv.getUint32(24));
      // The instruction at the entry point is the file's word at the matching offset (text at offset 0).
      expect(fuword32(as, r.entry).value).to.equal(dv.getUint32(r.entry - 0x10000));
      expect(fuword32(as, r.sp + 64).value).to.equal(1);
      as_free(as);
      expect_no_leaks(t, base0);
    });
  });
});
