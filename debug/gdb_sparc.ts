/*
 * debug/gdb_sparc.ts — the sparc32 side of the gdb stub: gdb's 72-register file (g0-g7 o0-o7
 * l0-l7 i0-i7 f0-f31 y psr wim tbr pc npc fsr csr, 4 bytes each, big-endian) of one lwp, read
 * from the CPU it is loaded on or from its pcb and stack when it is off CPU; the register-window
 * save areas of a live lwp (so memory reads of callers' frames see the windows as if flushed,
 * debugging.md §1.6); and the target description served by qXfer:features:read. No FPU exists
 * here: f0-f31, fsr and csr are reported unavailable.
 */

import type { Kernel } from '../kernel/common/os/main.ts';
import type { Machine, Cpu } from '../hw/machine.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import type { SparcCpu } from '../hw/sparc/cpu.ts';
import { NWINDOWS } from '../hw/sparc/isa.ts';
import { lwptopcb } from '../kernel/sparc/lwp_regs.ts';

/** Register numbers of gdb's sparc32 layout. */
export const R_Y = 64, R_PSR = 65, R_WIM = 66, R_TBR = 67, R_PC = 68, R_NPC = 69, R_FSR = 70, R_CSR = 71;
export const SPARC_NREGS = 72;

/** gdb's names for the 72 registers, in `g` packet order. */
export const SPARC_REG_NAMES: string[] = [
  'g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'sp', 'o7',
  'l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'fp', 'i7',
  ...Array.from({ length: 32 }, (_, i) => `f${i}`),
  'y', 'psr', 'wim', 'tbr', 'pc', 'npc', 'fsr', 'csr',
];

/** The CPU lwp t is loaded on, or null when it is off CPU (its registers are in its pcb). */
export function sparc_live_cpu(k: Kernel, m: Machine<Cpu>, t: KThread): SparcCpu | null {
  if (!t.t_lwp) return null;
  const c = k.cpu_loaded.findIndex((l) => l === t.t_lwp);
  return c >= 0 ? m.cpus[c] as SparcCpu : null;
}

/** Reads a user word of t's process (through the memory layer of the stub), null if unreadable. */
export type WordReader = (va: number) => number | null;

/**
 * sparc_read_regs — the 72 registers of lwp t (uint32 each; null = unavailable). On CPU: the
 * current window of the live register file. Off CPU: globals, outs, pc, npc, psr, y from the
 * pcb; locals and ins from the window buffer or the stack at %sp, where the switch flushed them.
 */
export function sparc_read_regs(k: Kernel, m: Machine<Cpu>, t: KThread, read: WordReader): (number | null)[] {
  const r: (number | null)[] = new Array(SPARC_NREGS).fill(null);
  if (!t.t_lwp) return r;
  const cpu = sparc_live_cpu(k, m, t);
  if (cpu) {
    for (let i = 0; i < 32; i++) r[i] = cpu.getReg(i);
    r[R_Y] = cpu.y >>> 0; r[R_PSR] = cpu.psr >>> 0; r[R_WIM] = cpu.wim >>> 0; r[R_TBR] = cpu.tbr >>> 0;
    r[R_PC] = cpu.pc >>> 0; r[R_NPC] = cpu.npc >>> 0;
    return r;
  }
  const pcb = lwptopcb(t.t_lwp);
  for (let i = 0; i < 8; i++) { r[i] = pcb.g[i] >>> 0; r[8 + i] = pcb.o[i] >>> 0; }
  r[0] = 0;
  const sp = pcb.o[6] >>> 0;
  const wb = pcb.wbuf.find((e) => (e.sp >>> 0) === sp);
  for (let i = 0; i < 16; i++) {
    r[16 + i] = wb ? wb.words[i] >>> 0 : pcb.fillOnLoad ? read(sp + i * 4) : 0;
  }
  r[R_Y] = pcb.y >>> 0; r[R_PSR] = pcb.psr >>> 0;
  r[R_WIM] = (1 << (((pcb.psr & 31) + 1) % NWINDOWS)) >>> 0;   // what pcb_to_cpu will load
  r[R_TBR] = 0;
  r[R_PC] = pcb.pc >>> 0; r[R_NPC] = pcb.npc >>> 0;
  return r;
}

/**
 * sparc_write_reg — set register n of lwp t; false when it cannot be written (FPU registers,
 * wim, tbr, an off-CPU local or in that is not on the stack). Of the PSR only the condition codes
 * change: CWP, S and ET belong to the kernel. Locals and ins of an off-CPU lwp go to its stack.
 */
export function sparc_write_reg(k: Kernel, m: Machine<Cpu>, t: KThread, n: number, v: number,
  write: (va: number, v: number) => boolean): boolean {
  if (!t.t_lwp || !(n >= 0 && n < SPARC_NREGS)) return false;
  v >>>= 0;
  const cpu = sparc_live_cpu(k, m, t);
  const ICC = 0x00f00000;
  if (cpu) {
    if (n < 32) { cpu.setReg(n, v); return true; }
    switch (n) {
      case R_Y: cpu.y = v | 0; return true;
      case R_PSR: cpu.psr = (cpu.psr & ~ICC) | (v & ICC); return true;
      case R_PC: cpu.pc = v | 0; return true;
      case R_NPC: cpu.npc = v | 0; return true;
      default: return false;
    }
  }
  const pcb = lwptopcb(t.t_lwp);
  if (n === 0) return true;
  if (n < 8) { pcb.g[n] = v | 0; return true; }
  if (n < 16) { pcb.o[n - 8] = v | 0; return true; }
  if (n < 32) {
    const sp = pcb.o[6] >>> 0;
    const wb = pcb.wbuf.find((e) => (e.sp >>> 0) === sp);
    if (wb) { wb.words[n - 16] = v | 0; return true; }
    return pcb.fillOnLoad ? write(sp + (n - 16) * 4, v) : false;
  }
  switch (n) {
    case R_Y: pcb.y = v | 0; return true;
    case R_PSR: pcb.psr = (pcb.psr & ~ICC) | (v & ICC); return true;
    case R_PC: pcb.pc = v | 0; return true;
    case R_NPC: pcb.npc = v | 0; return true;
    default: return false;
  }
}

/** One window's 64-byte save area at `sp`: the 16 words (l0-l7, i0-i7) and where they live. */
export interface SaveArea { sp: number; get(i: number): number; set(i: number, v: number): void }

/**
 * sparc_save_areas — the register windows of lwp t that are not in memory yet: on CPU, the current
 * window and its callers' up to the invalid one (WIM); on or off CPU, the pcb's window buffer.
 * A read of [sp, sp+64) of one of these must be answered from here, a write must go here.
 */
export function sparc_save_areas(k: Kernel, m: Machine<Cpu>, t: KThread): SaveArea[] {
  const out: SaveArea[] = [];
  if (!t.t_lwp) return out;
  const cpu = sparc_live_cpu(k, m, t);
  if (cpu) {
    let w = cpu.CWP;
    for (let i = 0; i < NWINDOWS - 1; i++) {
      const sp = cpu.getWinReg(w, 14);
      const win = w;
      if (sp !== 0 && sp % 8 === 0) {
        out.push({ sp, get: (j) => cpu.getWinReg(win, 16 + j), set: (j, v) => cpu.setWinReg(win, 16 + j, v) });
      }
      const nw = (w + 1) % NWINDOWS;
      if ((cpu.wim >>> nw) & 1) break;
      w = nw;
    }
  }
  for (const e of lwptopcb(t.t_lwp).wbuf) {
    out.push({ sp: e.sp >>> 0, get: (j) => e.words[j] >>> 0, set: (j, v) => { e.words[j] = v | 0; } });
  }
  return out;
}

/** One feature of the target description: its registers from regnum `first` on (type int unless said). */
function feature(name: string, first: number, regs: string[], type: (r: string) => string | null): string {
  const lines = regs.map((r, i) => {
    const ty = type(r);
    return `<reg name="${r}" bitsize="32"${ty ? ` type="${ty}"` : ''}${i === 0 ? ` regnum="${first}"` : ''}/>`;
  });
  return `<feature name="${name}">\n${lines.join('\n')}\n</feature>`;
}

/** sparc_target_xml — target.xml: architecture sparc, the cpu, fpu and cp0 features gdb requires. */
export function sparc_target_xml(): string {
  const n = SPARC_REG_NAMES;
  return '<?xml version="1.0"?>\n<!DOCTYPE target SYSTEM "gdb-target.dtd">\n<target version="1.0">\n<architecture>sparc</architecture>\n'
    + feature('org.gnu.gdb.sparc.cpu', 0, n.slice(0, 32), (r) => (r === 'sp' || r === 'fp' ? 'data_ptr' : null)) + '\n'
    + feature('org.gnu.gdb.sparc.fpu', 32, n.slice(32, 64), () => 'ieee_single') + '\n'
    + feature('org.gnu.gdb.sparc.cp0', 64, n.slice(64), (r) => (r === 'pc' || r === 'npc' ? 'code_ptr' : null)) + '\n'
    + '</target>\n';
}
