/*
 * test/hw/x86/harness.ts — builds a PhysMem + X86Cpu for the i386 tests: places code (bytes) in
 * memory, sets registers and flags, runs to a Stop; loads a static i386 ELF flat at its own
 * addresses and runs it with a two-call Linux ABI (int $0x80: write to fd 1, exit) handled here,
 * which is all the native-reference programs use. No paging unless a test builds its own tables.
 */

import { readFileSync } from 'node:fs';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { X86Cpu } from '../../../hw/x86/cpu.ts';
import type { Stop } from '../../../hw/machine.ts';

export const CODE = 0x1000;
export const DATA = 0x8000;
export const STACK_TOP = 0xf000;
export const MEM_SIZE = 0x10000;
export const BUDGET = 0, TRAP = 1, HALT = 2;

/** A fresh CPU at CPL 3 (flat segments), EFLAGS = IF | 2 as a user process sees them. */
export function newCpu(memSize = MEM_SIZE, cpl = 3): X86Cpu {
  const cpu = new X86Cpu(new PhysMem(memSize, true));
  cpu.set_flat(cpl);
  cpu.eflags = 0x202;
  return cpu;
}

export interface Setup { regs?: Partial<Record<number, number>>; eflags?: number; at?: number; budget?: number; esp?: number }

/** Load `code` at s.at (default CODE), set registers (ESP = STACK_TOP unless given) and EFLAGS. */
export function prepare(cpu: X86Cpu, code: readonly number[], s: Setup = {}): void {
  const at = s.at ?? CODE;
  cpu.mem.bytes.set(code, at);
  cpu.regs[4] = s.esp ?? STACK_TOP;
  for (const [r, v] of Object.entries(s.regs ?? {})) cpu.regs[Number(r)] = v as number;
  if (s.eflags !== undefined) cpu.eflags = s.eflags;
  cpu.eip = at;
}

/** Prepare and run; programs normally end with int3 (0xcc), which stops with vector 3. */
export function run(cpu: X86Cpu, code: readonly number[], s: Setup = {}): Stop {
  prepare(cpu, code, s);
  return cpu.run(s.budget ?? 10000);
}

/** Result of running an ELF: what it wrote to fd 1, its exit status, and the final Stop. */
export interface ElfRun { out: Buffer; status: number; stop: Stop; executed: number }

/**
 * Load a static ELF32 (PT_LOAD segments, physical = virtual) and run it to exit, with argv on the
 * stack as the Linux i386 ABI lays it out (argc, argv[], NULL, envp NULL, strings).
 */
export function runElf(path: string, memSize = 4 << 20, budget = 50_000_000, argv: string[] = [path]): ElfRun {
  const f = readFileSync(path);
  if (f.readUInt32BE(0) !== 0x7f454c46 || f[4] !== 1 || f.readUInt16LE(18) !== 3) throw new Error(`${path}: not an i386 ELF32`);
  const cpu = newCpu(memSize);
  const phoff = f.readUInt32LE(28), phent = f.readUInt16LE(42), phnum = f.readUInt16LE(44);
  for (let k = 0; k < phnum; k++) {
    const p = phoff + k * phent;
    if (f.readUInt32LE(p) !== 1) continue;
    const off = f.readUInt32LE(p + 4), va = f.readUInt32LE(p + 8), fsz = f.readUInt32LE(p + 16), msz = f.readUInt32LE(p + 20);
    if (va + msz > memSize) throw new Error(`${path}: segment at 0x${va.toString(16)} does not fit`);
    cpu.mem.bytes.set(f.subarray(off, off + fsz), va);
    cpu.mem.zero(va + fsz, msz - fsz);
  }
  cpu.eip = f.readUInt32LE(24);
  let sp = memSize - 16;
  const ptrs: number[] = [];
  for (const a of argv) { const b = Buffer.from(a + '\0'); sp -= b.length; cpu.mem.bytes.set(b, sp); ptrs.push(sp); }
  sp &= ~15;
  const words = [argv.length, ...ptrs, 0, 0];
  sp -= 4 * words.length;
  words.forEach((w, k) => cpu.mem.write32(sp + 4 * k, w));
  cpu.regs[4] = sp;
  const chunks: Buffer[] = [];
  let executed = 0;
  for (;;) {
    const stop = cpu.run(budget - executed);
    executed += stop.executed;
    if (stop.reason === TRAP && stop.trap === 0x80) {
      const nr = cpu.regs[0];
      if (nr === 1) return { out: Buffer.concat(chunks), status: cpu.regs[3], stop, executed };
      if (nr === 4) {
        const a = cpu.regs[1] >>> 0, n = cpu.regs[2] >>> 0;
        chunks.push(Buffer.from(cpu.mem.bytes.subarray(a, a + n)));
        cpu.regs[0] = n;
        continue;
      }
      cpu.regs[0] = -38;
      continue;
    }
    return { out: Buffer.concat(chunks), status: -1, stop, executed };
  }
}
