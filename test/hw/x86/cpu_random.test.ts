/*
 * test/hw/x86/cpu_random.test.ts — the fixed-seed random straight-line blocks of
 * scripts/gen_x86_cpu_golden.ts, run on X86Cpu and compared register-, EFLAGS- and memory-exact
 * with the native run recorded in test/golden/x86/cpu_random.{elf,out,txt} (regenerate with
 * `npx tsx scripts/gen_x86_cpu_golden.ts`; needs gcc-i686-linux-gnu). Every ALU form, shift
 * counts 0..33, mul/div, bit ops, BCD, string ops, lock forms. A missing golden fails.
 */

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { runElf } from './harness.ts';

const G = (f: string): string => fileURLToPath(new URL(`../../golden/x86/${f}`, import.meta.url));
const SNAP = 52;
const NAMES = ['edi', 'esi', 'ebp', 'esp', 'ebx', 'edx', 'ecx', 'eax', 'eflags'];

describe('hw/x86/cpu random blocks vs. native i686 execution', () => {
  it('golden files are present', () => {
    for (const f of ['cpu_random.elf', 'cpu_random.out', 'cpu_random.txt']) expect(existsSync(G(f)), f).to.equal(true);
  });
  it('every snapshot matches (registers, EFLAGS as pushf shows them, 16 bytes of memory)', () => {
    const want = readFileSync(G('cpu_random.out'));
    const listing = readFileSync(G('cpu_random.txt'), 'utf8').split('\n').filter((l) => l !== '' && l[0] !== '#');
    expect(want.length).to.equal(listing.length * SNAP);
    expect(listing.length).to.be.greaterThan(7000);
    const r = runElf(G('cpu_random.elf'));
    expect(r.status, `stopped with trap ${r.stop.trap} at 0x${r.stop.pc.toString(16)}`).to.equal(0);
    expect(r.out.length).to.equal(want.length);
    const bad: string[] = [];
    let prevBad = -2;
    for (let k = 0; k < listing.length; k++) {
      const diffs: string[] = [];
      for (let w = 0; w < 9; w++) {
        const a = r.out.readUInt32LE(k * SNAP + 4 * w), b = want.readUInt32LE(k * SNAP + 4 * w);
        if (a !== b) diffs.push(`${NAMES[w]} got ${a.toString(16)} want ${b.toString(16)}${w === 8 ? ` (xor ${(a ^ b).toString(16)})` : ''}`);
      }
      const ma = r.out.subarray(k * SNAP + 36, k * SNAP + 52), mb = want.subarray(k * SNAP + 36, k * SNAP + 52);
      if (!ma.equals(mb)) diffs.push(`buf got ${ma.toString('hex')} want ${mb.toString('hex')}`);
      // Report only the first snapshot of a run of mismatches (later ones inherit the state).
      if (diffs.length && prevBad !== k - 1) bad.push(`#${k} ${listing[k]}: ${diffs.join(', ')}`);
      if (diffs.length) prevBad = k;
    }
    expect(bad, `${bad.length} mismatches:\n${bad.slice(0, 60).join('\n')}`).to.deep.equal([]);
  });
});
