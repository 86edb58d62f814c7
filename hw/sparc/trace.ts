/*
 * hw/sparc/trace.ts — the per-instruction trace of `forkvm run --trace`: the CPU state in the same
 * layout as `qemu-sparc -singlestep -d cpu,nochain` (pc/npc, %g/%o/%l/%i rows, psr with icc, wim,
 * y), followed by the instruction about to execute, disassembled. Diff the two to find the first
 * divergence (compare user-mode records only: forkvm handles window traps outside guest code).
 */

import type { SparcCpu } from './cpu.ts';
import { disasm } from './disasm.ts';
import { TLB_MASK } from './srmmu.ts';

const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

/** The instruction word at the CPU's pc, or null if it is not mapped for fetch. */
export function fetch_word(cpu: SparcCpu): number | null {
  const pc = cpu.pc;
  const v = pc >>> 12, i = v & TLB_MASK;
  let pa: number;
  if (cpu.mmu.tagX[i] === v + 1) pa = cpu.mmu.base[i] + (pc & 0xfff);
  else {
    const sfsr = cpu.mmu.sfsr, sfar = cpu.mmu.sfar;
    pa = cpu.mmu.translate(pc, cpu.supervisor ? 3 : 2);
    cpu.mmu.sfsr = sfsr; cpu.mmu.sfar = sfar;
    if (pa < 0) return null;
  }
  return cpu.mem.read32(pa);
}

/** trace_record — one trace record (several lines, newline-terminated). */
export function trace_record(cpu: SparcCpu): string {
  const row = (name: string, base: number) => {
    const vals: string[] = [];
    for (let r = 0; r < 8; r++) vals.push(hex8(cpu.getReg(base + r)));
    return `${name}: ${vals.join(' ')}\n`;
  };
  const icc = cpu.icc;
  const flags = (icc & 8 ? 'N' : '-') + (icc & 4 ? 'Z' : '-') + (icc & 2 ? 'V' : '-') + (icc & 1 ? 'C' : '-');
  const psr = cpu.psr;
  const spe = (psr & 0x80 ? 'S' : '-') + (psr & 0x40 ? 'P' : '-') + (psr & 0x20 ? 'E' : '-');
  const w = fetch_word(cpu);
  const insn = w === null ? '<not mapped>' : `${hex8(w)}  ${disasm(w, cpu.pc)}`;
  return `pc: ${hex8(cpu.pc)}  npc: ${hex8(cpu.npc)}\n` +
    row('%g0-7', 0) + row('%o0-7', 8) + row('%l0-7', 16) + row('%i0-7', 24) +
    `psr: ${hex8(psr)} (icc: ${flags} SPE: ${spe}) wim: ${hex8(cpu.wim)}\n` +
    `fsr: 00000000 y: ${hex8(cpu.y)}\n` +
    `=> ${insn}\n`;
}
