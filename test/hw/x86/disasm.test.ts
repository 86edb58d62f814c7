/*
 * test/hw/x86/disasm.test.ts — checks hw/x86/disasm.ts against GNU objdump: every line of
 * test/golden/disasm/x86.txt (regenerate with `npx tsx scripts/gen_x86_disasm_golden.ts`) must give
 * the same length and text; plus a few hand-picked encodings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { disasm_bytes } from '../../../hw/x86/disasm.ts';

const GOLDEN = fileURLToPath(new URL('../../golden/disasm/x86.txt', import.meta.url));

describe('hw/x86/disasm', () => {
  it('matches every objdump line of the golden corpus', () => {
    expect(existsSync(GOLDEN), GOLDEN).to.equal(true);
    const lines = readFileSync(GOLDEN, 'utf8').split('\n').filter((l) => l !== '' && l[0] !== '#');
    expect(lines.length).to.be.greaterThan(5000);
    const bad: string[] = [];
    for (const line of lines) {
      const a = line.indexOf(' '), b = line.indexOf(' ', a + 1);
      const pc = parseInt(line.slice(0, a), 16);
      const bytes = Buffer.from(line.slice(a + 1, b), 'hex');
      const want = line.slice(b + 1);
      const got = disasm_bytes(bytes, 0, pc);
      if (got.text !== want || got.len !== bytes.length) bad.push(`${line.slice(0, b)}: want '${want}', got '${got.text}' (len ${got.len})`);
    }
    expect(bad, `${bad.length} of ${lines.length} lines differ:\n${bad.slice(0, 150).join('\n')}`).to.deep.equal([]);
  });
  it('prints common GCC forms', () => {
    const cases: [number[], string][] = [
      [[0x55], 'push   %ebp'],
      [[0x89, 0xe5], 'mov    %esp,%ebp'],
      [[0x83, 0xec, 0x18], 'sub    $0x18,%esp'],
      [[0xc7, 0x45, 0xfc, 0, 0, 0, 0], 'movl   $0x0,-0x4(%ebp)'],
      [[0x65, 0xa1, 0x14, 0, 0, 0], 'mov    %gs:0x14,%eax'],
      [[0xcd, 0x91], 'int    $0x91'],
      [[0xc3], 'ret'],
      [[0xdd, 0x45, 0x08], '(bad)'],
    ];
    for (const [b, want] of cases) expect(disasm_bytes(Uint8Array.from(b), 0, 0x1000).text, b.join(',')).to.equal(want);
  });
});
