/*
 * debug/gdb_arch.ts — the ISA switch of the gdb stub: what differs between the sparc32 target
 * (gdb_sparc.ts) and the i386 one (gdb_i386.ts) as the stub sees it — the register file, its
 * sizes and byte order in g/G/p/P packets, the save areas memory reads must see (register
 * windows; none on i386), the target description, setting the pc for `c ADDR`, the alignment
 * a breakpoint address needs, and whether the CPU has a watch unit for Z2-Z4.
 */

import type { Kernel } from '../kernel/common/os/main.ts';
import type { Machine, Cpu, IsaName } from '../hw/machine.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import { SPARC_NREGS, R_PC, R_NPC, sparc_read_regs, sparc_write_reg, sparc_save_areas, sparc_target_xml, type SaveArea, type WordReader } from './gdb_sparc.ts';
import { I386_NREGS, I386_EIP, i386_reg_size, i386_read_regs, i386_write_reg, i386_target_xml } from './gdb_i386.ts';

/** GdbArch — one ISA's registers and limits for the stub. */
export interface GdbArch {
  readonly nregs: number;
  /** Register values in `g` packets are little-endian (i386) or big-endian (sparc). */
  readonly little: boolean;
  /** Bytes of register n in a `g` packet. */
  size(n: number): number;
  /** The registers of lwp t (null: unavailable); `read` reads a user word of its process. */
  read_regs(k: Kernel, m: Machine<Cpu>, t: KThread, read: WordReader): (number | null)[];
  /** Set register n of lwp t; false when it cannot be written. */
  write_reg(k: Kernel, m: Machine<Cpu>, t: KThread, n: number, v: number, write: (va: number, v: number) => boolean): boolean;
  /** Registers of t that stand for memory not written yet (sparc windows). */
  save_areas(k: Kernel, m: Machine<Cpu>, t: KThread): SaveArea[];
  target_xml(): string;
  /** Resume lwp t at pc (`c ADDR`, `s ADDR`). */
  set_pc(k: Kernel, m: Machine<Cpu>, t: KThread, pc: number): void;
  /** A breakpoint address must be a multiple of this. */
  readonly bp_align: number;
  /** The CPU has a watch unit: Z2-Z4 are served (else gdb is told they are unsupported). */
  readonly watch: boolean;
}

const SPARC: GdbArch = {
  nregs: SPARC_NREGS, little: false, size: () => 4,
  read_regs: sparc_read_regs, write_reg: sparc_write_reg, save_areas: sparc_save_areas, target_xml: sparc_target_xml,
  set_pc(k, m, t, pc) {
    sparc_write_reg(k, m, t, R_PC, pc, () => false);
    sparc_write_reg(k, m, t, R_NPC, (pc + 4) >>> 0, () => false);
  },
  bp_align: 4, watch: true,
};

const I386: GdbArch = {
  nregs: I386_NREGS, little: true, size: i386_reg_size,
  read_regs: (k, m, t) => i386_read_regs(k, m, t),
  write_reg: (k, m, t, n, v) => i386_write_reg(k, m, t, n, v),
  save_areas: () => [], target_xml: i386_target_xml,
  set_pc(k, m, t, pc) { i386_write_reg(k, m, t, I386_EIP, pc); },
  bp_align: 1, watch: false,
};

/** gdb_arch — the stub's view of ISA `isa`. */
export function gdb_arch(isa: IsaName): GdbArch {
  return isa === 'x86' ? I386 : SPARC;
}

/** reg_hex — register value v (null: unavailable) as `size` bytes of hex in the target's byte order. */
export function reg_hex(v: number | null, size: number, little: boolean): string {
  if (v === null) return 'xx'.repeat(size);
  const b: string[] = [];
  for (let i = 0; i < size; i++) b.push(i < 4 ? ((v >>> (i * 8)) & 0xff).toString(16).padStart(2, '0') : '00');
  return (little ? b : b.reverse()).join('');
}

/** reg_of_hex — the low 32 bits of a register's hex in the target's byte order (null: malformed). */
export function reg_of_hex(h: string, little: boolean): number | null {
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(h)) return null;
  const bytes = (h.match(/../g) ?? []).map((x) => parseInt(x, 16));
  const le = little ? bytes : bytes.reverse();
  let v = 0;
  for (let i = 0; i < Math.min(4, le.length); i++) v |= le[i] << (i * 8);
  return v >>> 0;
}
