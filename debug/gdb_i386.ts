/*
 * debug/gdb_i386.ts — the i386 side of the gdb stub: the register file of gdb's i386 core
 * feature (eax ecx edx ebx esp ebp esi edi, eip, eflags, cs ss ds es fs gs, then the x87 stack
 * st0-st7 and its eight control registers) of one lwp, read from the CPU it is loaded on or from
 * its pcb (kernel/x86/lwp_regs.ts) when it is off CPU, little-endian in `g` packets; and the
 * target description served by qXfer:features:read. The CPU has no x87 (every x87 opcode is #NM,
 * hw/x86/cpu.ts): its registers read as zeros and writes to them are ignored. There are no
 * register windows: memory is memory, nothing is saved elsewhere.
 */

import type { Kernel } from '../kernel/common/os/main.ts';
import type { Machine, Cpu } from '../hw/machine.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import type { X86Cpu } from '../hw/x86/cpu.ts';
import { ES, CS, SS, DS, FS, GS } from '../hw/x86/cpu.ts';
import { lwptopcb, PSL_USERMASK, PSL_USER } from '../kernel/x86/lwp_regs.ts';
import { UCS_SEL, UDS_SEL } from '../kernel/x86/gdt.ts';

/** Register numbers of gdb's i386 layout (eax..edi are 0-7, in ModRM order like the CPU's). */
export const I386_EIP = 8, I386_EFLAGS = 9, I386_CS = 10, I386_GS = 15, I386_ST0 = 16, I386_FCTRL = 24;
export const I386_NREGS = 32;

/** gdb's names for the 32 registers, in `g` packet order. */
export const I386_REG_NAMES: string[] = [
  'eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'eip', 'eflags', 'cs', 'ss', 'ds', 'es', 'fs', 'gs',
  ...Array.from({ length: 8 }, (_, i) => `st${i}`),
  'fctrl', 'fstat', 'ftag', 'fiseg', 'fioff', 'foseg', 'fooff', 'fop',
];

/** Bytes of register n in a `g` packet: 10 for st0-st7 (80-bit extended), else 4. */
export function i386_reg_size(n: number): number {
  return n >= I386_ST0 && n < I386_FCTRL ? 10 : 4;
}

/** gdb's segment register order (cs ss ds es fs gs) as the CPU's segment indices. */
const SEG_ORDER = [CS, SS, DS, ES, FS, GS];

/** The CPU lwp t is loaded on, or null when it is off CPU (its registers are in its pcb). */
export function i386_live_cpu(k: Kernel, m: Machine<Cpu>, t: KThread): X86Cpu | null {
  if (!t.t_lwp) return null;
  const c = k.cpu_loaded.findIndex((l) => l === t.t_lwp);
  return c >= 0 ? m.cpus[c] as X86Cpu : null;
}

/**
 * i386_read_regs — the 32 registers of lwp t (uint32 each; null = unavailable; the x87 ones 0).
 * On CPU: its registers, eip, eflags and selectors. Off CPU: the pcb, with the flat user
 * selectors pcb_to_cpu will load and the lwp's own %fs/%gs.
 */
export function i386_read_regs(k: Kernel, m: Machine<Cpu>, t: KThread): (number | null)[] {
  const r: (number | null)[] = new Array(I386_NREGS).fill(null);
  if (!t.t_lwp) return r;
  for (let i = I386_ST0; i < I386_NREGS; i++) r[i] = 0;
  const cpu = i386_live_cpu(k, m, t);
  if (cpu) {
    for (let i = 0; i < 8; i++) r[i] = cpu.regs[i] >>> 0;
    r[I386_EIP] = cpu.eip >>> 0; r[I386_EFLAGS] = cpu.eflags >>> 0;
    for (let i = 0; i < 6; i++) r[I386_CS + i] = cpu.sel[SEG_ORDER[i]] & 0xffff;
    return r;
  }
  const pcb = lwptopcb(t.t_lwp);
  for (let i = 0; i < 8; i++) r[i] = pcb.regs[i] >>> 0;
  r[I386_EIP] = pcb.eip >>> 0;
  r[I386_EFLAGS] = ((pcb.eflags & PSL_USERMASK) | PSL_USER) >>> 0;
  r[I386_CS] = UCS_SEL; r[I386_CS + 1] = UDS_SEL; r[I386_CS + 2] = UDS_SEL; r[I386_CS + 3] = UDS_SEL;
  r[I386_CS + 4] = pcb.fs.sel & 0xffff; r[I386_CS + 5] = pcb.gs.sel & 0xffff;
  return r;
}

/**
 * i386_write_reg — set register n of lwp t; false when it cannot be written (the selectors,
 * which belong to the kernel). Of EFLAGS only the user bits change (PSL_USERMASK); the x87
 * registers take any value and keep none.
 */
export function i386_write_reg(k: Kernel, m: Machine<Cpu>, t: KThread, n: number, v: number): boolean {
  if (!t.t_lwp || !(n >= 0 && n < I386_NREGS)) return false;
  if (n >= I386_ST0) return true;
  if (n >= I386_CS) return false;
  v >>>= 0;
  const cpu = i386_live_cpu(k, m, t);
  if (cpu) {
    if (n < 8) cpu.regs[n] = v | 0;
    else if (n === I386_EIP) cpu.eip = v | 0;
    else cpu.eflags = ((cpu.eflags & ~PSL_USERMASK) | (v & PSL_USERMASK)) >>> 0;
    return true;
  }
  const pcb = lwptopcb(t.t_lwp);
  if (n < 8) pcb.regs[n] = v | 0;
  else if (n === I386_EIP) pcb.eip = v | 0;
  else pcb.eflags = ((pcb.eflags & ~PSL_USERMASK) | (v & PSL_USERMASK)) | 0;
  return true;
}

/** The type gdb's i386 core feature gives register r (null: the default, int). */
function reg_type(r: string): string | null {
  if (r === 'esp' || r === 'ebp') return 'data_ptr';
  if (r === 'eip') return 'code_ptr';
  if (r === 'eflags') return 'i386_eflags';
  if (r.startsWith('st')) return 'i387_ext';
  return 'int32';
}

/** The EFLAGS bits gdb names (its i386_eflags flags type). */
const EFLAGS_BITS: [string, number][] = [
  ['CF', 0], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['TF', 8], ['IF', 9], ['DF', 10], ['OF', 11],
  ['NT', 14], ['RF', 16], ['VM', 17], ['AC', 18], ['VIF', 19], ['VIP', 20], ['ID', 21],
];

/** i386_target_xml — target.xml: architecture i386, the core feature (general, segment and x87 registers). */
export function i386_target_xml(): string {
  const flags = `<flags id="i386_eflags" size="4">\n${EFLAGS_BITS.map(([n, b]) => `<field name="${n}" start="${b}" end="${b}"/>`).join('\n')}\n</flags>`;
  const regs = I386_REG_NAMES.map((r, i) => {
    const ty = reg_type(r);
    const group = i >= I386_FCTRL ? ' group="float"' : '';
    return `<reg name="${r}" bitsize="${i386_reg_size(i) * 8}" type="${ty}"${group}${i === 0 ? ' regnum="0"' : ''}/>`;
  });
  return '<?xml version="1.0"?>\n<!DOCTYPE target SYSTEM "gdb-target.dtd">\n<target version="1.0">\n<architecture>i386</architecture>\n'
    + `<feature name="org.gnu.gdb.i386.core">\n${flags}\n${regs.join('\n')}\n</feature>\n</target>\n`;
}
