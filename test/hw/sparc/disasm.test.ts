/*
 * test/hw/sparc/disasm.test.ts — checks hw/sparc/disasm.ts against GNU objdump: every line of
 * test/golden/disasm/sparc.txt (regenerate with `npx tsx scripts/gen_disasm_golden.ts`) plus a few
 * hand-picked words whose expected text is written out here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { disasm, regName } from '../../../hw/sparc/disasm.ts';

const GOLDEN = fileURLToPath(new URL('../../golden/disasm/sparc.txt', import.meta.url));

describe('hw/sparc/disasm', () => {
  it('matches every objdump line of the golden corpus', () => {
    const lines = readFileSync(GOLDEN, 'utf8').split('\n').filter((l) => l !== '' && l[0] !== '#');
    expect(lines.length).to.be.greaterThan(10000);
    const bad: string[] = [];
    for (const line of lines) {
      const a = line.indexOf(' ');
      const b = line.indexOf(' ', a + 1);
      const pc = parseInt(line.slice(0, a), 16);
      const word = parseInt(line.slice(a + 1, b), 16);
      const want = line.slice(b + 1);
      const got = disasm(word, pc);
      if (got !== want) bad.push(`${line.slice(0, b)}: want '${want}', got '${got}'`);
    }
    expect(bad, `${bad.length} of ${lines.length} lines differ:\n${bad.slice(0, 200).join('\n')}`).to.deep.equal([]);
  });

  it('prints the common synthetic forms with objdump spacing', () => {
    const cases: [number, number, string][] = [
      [0x01000000, 0x10000, 'nop'],
      [0x81c7e008, 0x10000, 'ret'],
      [0x81c3e008, 0x10000, 'retl'],
      [0x9de3bfa0, 0x10000, 'save  %sp, -96, %sp'],
      [0x81e80000, 0x10000, 'restore'],
      [0x90102005, 0x10000, 'mov  5, %o0'],
      [0x90100009, 0x10000, 'mov  %o1, %o0'],
      [0x90102000, 0x10000, 'clr  %o0'],
      [0x80a22005, 0x10000, 'cmp  %o0, 5'],
      [0x80920000, 0x10000, 'tst  %o0'],
      [0x91d02008, 0x10000, 'ta  8'],
      [0x13000040, 0x10000, 'sethi  %hi(0x10000), %o1'],
      [0x92126004, 0x10000, 'or  %o1, 4, %o1'],
      [0xd007bfec, 0x10000, 'ld  [ %fp + -20 ], %o0'],
      [0xc027bfec, 0x10000, 'clr  [ %fp + -20 ]'],
      [0x40000004, 0x10000, 'call  0x10010'],
      [0x7fffffff, 0x10000, 'call  0xfffc'],
      [0x12800003, 0x10000, 'bne  0x1000c'],
      [0x32bfffff, 0x10000, 'bne,a   0xfffc'],
      [0x9fc20000, 0x10000, 'call  %o0'],
      [0x81c06008, 0x10000, 'jmp  %g1 + 8'],
      [0x81480000, 0x10000, 'rd  %psr, %g0'],
      [0x81800000, 0x10000, 'wr  %g0, %y'],
      [0x00000000, 0x10000, 'unimp  0'],
      [0xffffffff, 0x10000, 'unknown'],
    ];
    for (const [word, pc, want] of cases) expect(disasm(word, pc), word.toString(16)).to.equal(want);
  });

  it('wraps branch and call targets at 2^32', () => {
    expect(disasm(0x40000001, 0xfffffffc)).to.equal('call  0x0');
    expect(disasm(0x10800002, 0xfffffffc)).to.equal('b  0x4');
  });

  it('names registers as objdump does', () => {
    expect([0, 7, 8, 14, 15, 16, 24, 30, 31].map(regName)).to.deep.equal(
      ['%g0', '%g7', '%o0', '%sp', '%o7', '%l0', '%i0', '%fp', '%i7']);
  });
});
