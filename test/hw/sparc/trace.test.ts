/*
 * test/hw/sparc/trace.test.ts — the `--trace` record (hw/sparc/trace.ts trace_record): the layout
 * of `qemu-sparc -singlestep -d cpu,nochain` (checked against a record qemu-sparc printed), each
 * field taken from the right place of the CPU state, our `=>` instruction line, and the CLI:
 * `forkvm run --trace` writes only records (and --stats) to stderr and leaves stdout unchanged.
 * Also checks the parsing and normalisation helpers of scripts/trace_diff.ts.
 */

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trace_record } from '../../../hw/sparc/trace.ts';
import { disasm } from '../../../hw/sparc/disasm.ts';
import { PSR_S, PSR_PS, PSR_ET } from '../../../hw/sparc/cpu.ts';
import { newCpu } from './harness.ts';
import * as A from './asm.ts';
import { imm, o, l, i as ireg, g, SP } from './asm.ts';
import {
  parse_record, split_records, drop_retries, normalise_value, Definedness,
} from '../../../scripts/trace_diff.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A record printed by qemu-sparc 8.x (`-singlestep -d cpu,nochain`) while running diff_alloca. */
const QEMU_RECORD = [
  'pc: 0001029c  npc: 000102a0',
  '%g0-7: 00000000 40800d56 000000f1 843d0d40 00000003 00000000 00000000 00000000',
  '%o0-7: 401b24d6 40800d80 00000620 00000001 00000000 00022000 40800cb0 00010130 ',
  '%l0-7: 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 ',
  '%i0-7: 00000001 40800f14 40800f1c 00022000 00011e58 00000070 40800e10 00010424 ',
  'psr: 04900006 (icc: N--C SPE: ---) wim: 00000001',
  'fsr: 00000000 y: 00000000',
];

const words = (line: string) => line.trim().split(' ').slice(1).map((x) => parseInt(x, 16));

describe('hw/sparc/trace', () => {
  describe('trace_record', () => {
    it("reproduces qemu-sparc's record for the same state, then adds the instruction", () => {
      const cpu = newCpu(0x20000);
      const rec = QEMU_RECORD;
      cpu.psr = parseInt(rec[5].split(' ')[1], 16);   // user mode, ET = 0, icc N--C, CWP 6
      cpu.wim = 1;
      cpu.pc = 0x1029c; cpu.npc = 0x102a0;
      words(rec[1]).forEach((v, k) => cpu.setReg(g(k), v));
      words(rec[2]).forEach((v, k) => cpu.setReg(o(k), v));
      words(rec[3]).forEach((v, k) => cpu.setReg(l(k), v));
      words(rec[4]).forEach((v, k) => cpu.setReg(ireg(k), v));
      cpu.mem.write32(0x1029c, 0x80a04009);
      const lines = trace_record(cpu).split('\n');
      expect(lines.slice(0, 7)).to.deep.equal(rec.map((x) => x.trimEnd()));
      expect(lines[7]).to.equal(`=> 80a04009  ${disasm(0x80a04009, 0x1029c)}`);
      expect(lines[7]).to.match(/^=> 80a04009 {2}cmp\s+%g1, %o1$/);
      expect(lines).to.have.length(9);
      expect(lines[8], 'newline-terminated').to.equal('');
    });

    it('takes every field from the current window and the right register', () => {
      const cpu = newCpu(0x20000);
      cpu.psr = PSR_S | PSR_PS | (0b1010 << 20) | 5; // S, PS, not ET; icc N-V-; CWP 5
      cpu.wim = 0x20;
      cpu.y = 0xdeadbeef;
      cpu.pc = 0x1000; cpu.npc = 0x2000;
      for (let r = 0; r < 32; r++) cpu.setReg(r, 0x11110000 + r * 0x101);
      cpu.mem.write32(0x1000, A.save(SP, imm(-96), SP));
      const rec = trace_record(cpu);
      const lines = rec.split('\n');
      expect(lines[0]).to.equal('pc: 00001000  npc: 00002000');
      const names = ['%g0-7', '%o0-7', '%l0-7', '%i0-7'];
      for (let b = 0; b < 4; b++) {
        const want = Array.from({ length: 8 }, (_, k) => (b === 0 && k === 0 ? 0 : 0x11110000 + (b * 8 + k) * 0x101));
        expect(lines[1 + b]).to.equal(`${names[b]}: ${want.map((v) => v.toString(16).padStart(8, '0')).join(' ')}`);
      }
      expect(lines[5]).to.equal(`psr: ${(0x04000000 | PSR_S | PSR_PS | (0b1010 << 20) | 5).toString(16).padStart(8, '0')} (icc: N-V- SPE: SP-) wim: 00000020`);
      expect(lines[6]).to.equal('fsr: 00000000 y: deadbeef');
      expect(lines[7]).to.equal(`=> ${A.save(SP, imm(-96), SP).toString(16)}  ${disasm(A.save(SP, imm(-96), SP), 0x1000)}`);
      // Another window shows other registers: %i of window 4 are the %o of window 5.
      cpu.CWP = 4;
      expect(trace_record(cpu).split('\n')[4]).to.equal(lines[2].replace('%o0-7', '%i0-7'));
      // and the record parses back to the same state
      const p = parse_record(lines);
      expect(p).to.not.equal(null);
      expect([p!.pc, p!.npc, p!.psr, p!.wim, p!.y]).to.deep.equal([0x1000, 0x2000, 0x04000000 | PSR_S | PSR_PS | (0b1010 << 20) | 5, 0x20, 0xdeadbeef]);
      expect(p!.r[SP]).to.equal(0x11110000 + SP * 0x101);
    });

    it('prints <not mapped> for an unmapped pc without disturbing the fault registers', () => {
      const cpu = newCpu(0x20000);
      cpu.psr = PSR_ET;
      cpu.mmu.ctp = 0x8000 >>> 4; // zeroed context table: nothing is mapped
      cpu.mmu.control = 1;
      cpu.mmu.flushAll();
      cpu.mmu.sfsr = 0x123; cpu.mmu.sfar = 0x4560;
      cpu.pc = 0x10000; cpu.npc = 0x10004;
      const lines = trace_record(cpu).split('\n');
      expect(lines[7]).to.equal('=> <not mapped>');
      expect([cpu.mmu.sfsr, cpu.mmu.sfar]).to.deep.equal([0x123, 0x4560]);
    });
  });

  describe('scripts/trace_diff.ts helpers', () => {
    it("parses qemu's records (trailing blanks, blank separator) and rejects malformed ones", () => {
      const { records, other, bad } = split_records([...QEMU_RECORD, '', ...QEMU_RECORD, '', 'unrelated'].join('\n'));
      expect(records).to.have.length(2);
      expect([bad, other]).to.deep.equal([0, ['unrelated']]);
      expect(records[0].r.slice(8, 16)).to.deep.equal(words(QEMU_RECORD[2]));
      expect(records[0].psr).to.equal(0x04900006);
      expect(parse_record(QEMU_RECORD.slice(0, 5))).to.equal(null);
      expect(parse_record([QEMU_RECORD[0], '%g0-7: 1 2 3', ...QEMU_RECORD.slice(2)])).to.equal(null);
      expect(drop_retries([records[0], records[1]])).to.have.length(1);
    });

    it('normalises stack addresses relative to the initial %sp', () => {
      expect(normalise_value(0xefffff70, 0xefffff70)).to.equal('sp0');
      expect(normalise_value(0xefffff70 - 0x120, 0xefffff70)).to.equal('sp0-0x120');
      expect(normalise_value(0x40800ed0 - 0x120, 0x40800ed0)).to.equal('sp0-0x120');
      expect(normalise_value(0xefffffb4, 0xefffff70)).to.equal('sp0+args');
      expect(normalise_value(0x22000, 0xefffff70)).to.equal('00022000');
    });

    it('tracks registers made stale by SAVE and restored by RESTORE', () => {
      const d = new Definedness();
      d.step(A.save(SP, imm(-96), SP));
      const bit = (r: number) => (d.mask >>> r) & 1;
      expect([bit(l(0)), bit(o(0)), bit(ireg(0)), bit(SP), bit(g(1))]).to.deep.equal([0, 0, 1, 1, 1]);
      d.step(A.mov(imm(5), l(0)));
      expect(bit(l(0))).to.equal(1);
      d.step(A.restore(0, 0, 0));
      expect([bit(l(0)), bit(l(1)), bit(o(0)), bit(ireg(0))], 'the caller window is back').to.deep.equal([1, 1, 1, 1]);
      d.step(A.ta(8));
      expect([bit(o(0)), bit(o(1))], 'a syscall leaves %o1 ABI-specific').to.deep.equal([1, 0]);
    });

    it('does not compare values that mix a stack address with other bits', () => {
      const d = new Definedness();
      const r = new Array<number>(32).fill(0);
      r[o(0)] = 0x22072; r[o(1)] = 0xeffffe4f; r[ireg(1)] = 0xeffffe4f;
      const isStack = (v: number) => normalise_value(v, 0xefffff70).startsWith('sp0');
      d.step(A.or(o(0), o(1), g(4)), r, isStack);
      expect((d.mask >>> g(4)) & 1, 'or of data and stack address').to.equal(0);
      d.step(A.mov(ireg(1), o(0)), r, isStack);
      expect((d.mask >>> o(0)) & 1, 'mov of a stack address').to.equal(1);
      d.step(A.arith('subcc', o(1), imm(0), 0), r, isStack);
      expect(d.icc, 'icc of a stack address compared with 0').to.equal(false);
      d.step(A.arith('subcc', o(1), ireg(1), 0), r, isStack);
      expect(d.icc, 'icc of two stack addresses compared').to.equal(true);
    });
  });

  describe('forkvm run --trace', function () {
    this.timeout(120_000);
    const HELLO = join(ROOT, 'userland', 'bin', 'sparc', 'hello');
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'forkvm.js'), ...args], { encoding: 'latin1', input: '', maxBuffer: 256 << 20 });

    it('writes records to stderr only; stdout is what the program prints', function () {
      if (!existsSync(HELLO)) this.skip();
      const plain = cli(['run', HELLO, 'x']);
      // One CPU: with two, init's and hello's records interleave and a retried record is no longer
      // next to the one it repeats.
      const traced = cli(['run', '--cpus', '1', '--trace', '--stats', HELLO, 'x']);
      expect(plain.status, plain.stderr).to.equal(0);
      expect(traced.status).to.equal(0);
      expect(traced.stdout).to.equal(plain.stdout);
      expect(traced.stdout).to.match(/^Hello from forkvm!\nargv\[0\] = \S*hello\nargv\[1\] = x\n$/);

      const { records, other, bad } = split_records(traced.stderr);
      expect(bad, 'every record parses').to.equal(0);
      // Nothing but records and the --stats lines (instructions..., then syscalls/forks counters).
      for (const line of other) expect(line).to.match(/^forkvm: (instructions|syscalls) \d+, |^forkvm: most threads at once /);
      const stats = /^forkvm: instructions (\d+), cycles \d+/.exec(other[0] ?? '');
      expect(stats, other.join('\n')).to.not.equal(null);
      // `run` starts the program from /sbin/init (or directly): the trace starts at an ELF entry
      // point, passes hello's, and ends with init's (or hello's) exit trap.
      const entry = (f: string) => readFileSync(join(ROOT, 'userland', 'bin', 'sparc', f)).readUInt32BE(24);
      expect([entry('init'), entry('hello')]).to.include(records[0].pc);
      expect(records.some((r) => r.pc === entry('hello'))).to.equal(true);
      expect(records[records.length - 1].text).to.match(/^ta\s+8$/);
      // One record per executed instruction, plus one per retry after a fault the kernel handled;
      // the CPU does not count the `ta` instructions that the kernel completes.
      const uniq = drop_retries(records);
      const traps = uniq.filter((r) => /^ta\s/.test(r.text)).length;
      expect(uniq.length - traps).to.equal(Number(stats![1]));
    });
  });
});
