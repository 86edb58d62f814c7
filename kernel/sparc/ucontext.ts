/*
 * kernel/sparc/ucontext.ts — the 32-bit SPARC ucontext_t (uts/common/sys/ucontext.h with
 * uts/sparc/sys/regset.h, ILP32) as the kernel sees it: byte offsets, big-endian read/write of a
 * whole context with no CPU involved, and the moves between gregs[] and a CPU (savecontext /
 * restorecontext's register half). userland/include/sys/ucontext.h is the C view of the same bytes.
 * Leaves out gwins (always NULL: windows are flushed to the stack first) and FPU contents (no FPU).
 */

import type { SparcCpu } from '../../hw/sparc/cpu.ts';
import type { SparcPcb } from './lwp_regs.ts';

/** sizeof (ucontext_t) and its fields' offsets (as GCC lays out sys/ucontext.h for -m32). */
export const UC_SIZE = 448;
export const UC_FLAGS_OFF = 0;
export const UC_LINK_OFF = 4;
export const UC_SIGMASK_OFF = 8;
export const UC_STACK_OFF = 24;          // ss_sp, ss_size, ss_flags
export const UC_MCONTEXT_OFF = 40;       // 8-aligned: fpregset_t holds doubles
export const UC_GREGS_OFF = 40;          // gregs[NGREG]
export const UC_GWINS_OFF = 116;
export const UC_FPREGS_OFF = 120;
export const UC_FPREGS_SIZE = 144;
export const UC_XRS_OFF = 264;
export const UC_FILLER_OFF = 352;        // uc_filler[23]

/** gregs[] indices (regset.h): %psr, pc, npc, %y, %g1..%g7, %o0..%o7. */
export const REG_PSR = 0, REG_PC = 1, REG_nPC = 2, REG_Y = 3, REG_G1 = 4, REG_G7 = 10,
  REG_O0 = 11, REG_O1 = 12, REG_O2 = 13, REG_O6 = 17, REG_SP = 17, REG_O7 = 18;
export const NGREG = 19;

/** uc_flags bits. */
export const UC_SIGMASK = 0x01, UC_STACK = 0x02, UC_CPU = 0x04, UC_MAU = 0x08, UC_FPU = 0x08,
  UC_INTR = 0x10, UC_ASR = 0x20;
export const UC_MCONTEXT = UC_CPU | UC_FPU | UC_ASR;
export const UC_ALL = UC_SIGMASK | UC_STACK | UC_MCONTEXT;

/** The user-settable PSR bits (the integer condition codes); setcontext keeps the rest. */
export const PSR_ICC = 0x00f00000;

/** stack_t: base, size and SS_* flags. */
export interface UStack { sp: number; size: number; flags: number }

/**
 * UContext — a decoded ucontext_t. gregs are 19 unsigned 32-bit values indexed by REG_*;
 * sigmask is the 128-bit sigset_t as a bigint (signal n is bit n-1, as the kernel's t_hold);
 * fpregs are the 144 opaque bytes of fpregset_t (carried through, never interpreted).
 */
export interface UContext {
  flags: number;
  link: number;
  sigmask: bigint;
  stack: UStack;
  gregs: number[];
  fpregs?: Uint8Array;
}

/** sigset_read — the 4-word big-endian sigset_t at `off` of `dv` as a bigint (word i → bits 32i..). */
export function sigset_read(dv: DataView, off: number): bigint {
  let s = 0n;
  for (let i = 3; i >= 0; i--) s = (s << 32n) | BigInt(dv.getUint32(off + 4 * i));
  return s;
}

/** sigset_write — store `set` as a 4-word big-endian sigset_t at `off` of `dv`. */
export function sigset_write(dv: DataView, off: number, set: bigint): void {
  for (let i = 0; i < 4; i++) dv.setUint32(off + 4 * i, Number((set >> BigInt(32 * i)) & 0xffffffffn));
}

/**
 * ucontext_read — decode UC_SIZE bytes (a ucontext_t copied in from user memory). Needs no CPU.
 * Throws a RangeError (a caller bug, not a user error) when `bytes` is shorter than UC_SIZE.
 */
export function ucontext_read(bytes: Uint8Array): UContext {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, UC_SIZE);
  const gregs: number[] = [];
  for (let i = 0; i < NGREG; i++) gregs.push(dv.getUint32(UC_GREGS_OFF + 4 * i));
  return {
    flags: dv.getUint32(UC_FLAGS_OFF),
    link: dv.getUint32(UC_LINK_OFF),
    sigmask: sigset_read(dv, UC_SIGMASK_OFF),
    stack: { sp: dv.getUint32(UC_STACK_OFF), size: dv.getUint32(UC_STACK_OFF + 4), flags: dv.getInt32(UC_STACK_OFF + 8) },
    gregs,
    fpregs: bytes.slice(UC_FPREGS_OFF, UC_FPREGS_OFF + UC_FPREGS_SIZE),
  };
}

/**
 * ucontext_write — encode `uc` as UC_SIZE bytes ready for copyout (a fresh array, or into `out`
 * at offset 0). Missing gregs are 0; gwins, xrs and the fillers are 0. Needs no CPU.
 */
export function ucontext_write(uc: UContext, out?: Uint8Array): Uint8Array {
  const bytes = out ?? new Uint8Array(UC_SIZE);
  bytes.fill(0, 0, UC_SIZE);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, UC_SIZE);
  dv.setUint32(UC_FLAGS_OFF, uc.flags >>> 0);
  dv.setUint32(UC_LINK_OFF, uc.link >>> 0);
  sigset_write(dv, UC_SIGMASK_OFF, uc.sigmask);
  dv.setUint32(UC_STACK_OFF, uc.stack.sp >>> 0);
  dv.setUint32(UC_STACK_OFF + 4, uc.stack.size >>> 0);
  dv.setInt32(UC_STACK_OFF + 8, uc.stack.flags | 0);
  for (let i = 0; i < NGREG; i++) dv.setUint32(UC_GREGS_OFF + 4 * i, (uc.gregs[i] ?? 0) >>> 0);
  if (uc.fpregs) bytes.set(uc.fpregs.subarray(0, UC_FPREGS_SIZE), UC_FPREGS_OFF);
  return bytes;
}

/** cpu_getgregs — gregs[] of the user context now in `cpu` (getgregs): psr, pc, npc, y, %g1-7, %o0-7. */
export function cpu_getgregs(cpu: SparcCpu): number[] {
  const g = new Array<number>(NGREG);
  g[REG_PSR] = cpu.psr >>> 0;
  g[REG_PC] = cpu.pc >>> 0;
  g[REG_nPC] = cpu.npc >>> 0;
  g[REG_Y] = cpu.y >>> 0;
  for (let i = 1; i < 8; i++) g[REG_G1 + i - 1] = cpu.getReg(i) >>> 0;
  for (let i = 0; i < 8; i++) g[REG_O0 + i] = cpu.getReg(8 + i) >>> 0;
  return g;
}

/**
 * cpu_setgregs — load gregs[] into `cpu` (setgregs): pc, npc, y, %g1-7, %o0-7, and only the icc
 * bits of the psr (a user context cannot change CWP, S, ET or PIL). The locals and ins of the
 * current window are not touched; the caller refills them from the new %sp.
 */
export function cpu_setgregs(cpu: SparcCpu, g: readonly number[]): void {
  cpu.psr = ((cpu.psr & ~PSR_ICC) | (g[REG_PSR] & PSR_ICC)) >>> 0;
  cpu.pc = g[REG_PC] | 0;
  cpu.npc = g[REG_nPC] | 0;
  cpu.y = g[REG_Y] | 0;
  for (let i = 1; i < 8; i++) cpu.setReg(i, g[REG_G1 + i - 1] | 0);
  for (let i = 0; i < 8; i++) cpu.setReg(8 + i, g[REG_O0 + i] | 0);
}

/** pcb_getgregs — gregs[] of an LWP that is off the CPU (its SparcPcb). */
export function pcb_getgregs(pcb: SparcPcb): number[] {
  const g = new Array<number>(NGREG);
  g[REG_PSR] = pcb.psr >>> 0;
  g[REG_PC] = pcb.pc >>> 0;
  g[REG_nPC] = pcb.npc >>> 0;
  g[REG_Y] = pcb.y >>> 0;
  for (let i = 1; i < 8; i++) g[REG_G1 + i - 1] = pcb.g[i] >>> 0;
  for (let i = 0; i < 8; i++) g[REG_O0 + i] = pcb.o[i] >>> 0;
  return g;
}

/**
 * pcb_setgregs — set an off-CPU LWP's pcb from gregs[] (lwp_create's start context): pc, npc, y,
 * globals, outs, icc (other psr bits kept). pcb.fillOnLoad is left alone: a fresh LWP needs no
 * locals or ins (its first instruction is normally a `save`), and its %sp may be the very top of
 * its stack.
 */
export function pcb_setgregs(pcb: SparcPcb, g: readonly number[]): void {
  pcb.psr = ((pcb.psr & ~PSR_ICC) | (g[REG_PSR] & PSR_ICC)) >>> 0;
  pcb.pc = g[REG_PC] | 0;
  pcb.npc = g[REG_nPC] | 0;
  pcb.y = g[REG_Y] | 0;
  pcb.g[0] = 0;
  for (let i = 1; i < 8; i++) pcb.g[i] = g[REG_G1 + i - 1] | 0;
  for (let i = 0; i < 8; i++) pcb.o[i] = g[REG_O0 + i] | 0;
}
