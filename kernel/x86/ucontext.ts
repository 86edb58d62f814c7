/*
 * kernel/x86/ucontext.ts — the 32-bit i386 ucontext_t (uts/common/sys/ucontext.h with
 * uts/intel/sys/regset.h, ILP32) as the kernel sees it: byte offsets, little-endian read/write of
 * a whole context with no CPU involved, and the moves between gregs[] and a CPU or pcb
 * (savecontext / restorecontext's register half). userland/include/sys/ucontext.h (its __i386__
 * half) is the C view of the same bytes. FPU contents are carried through opaque (no FPU here).
 */

import type { X86Cpu } from '../../hw/x86/cpu.ts';
import { FS, GS } from '../../hw/x86/cpu.ts';
import type { X86Pcb } from './lwp_regs.ts';
import { PSL_USERMASK, PSL_USER, seg_load } from './lwp_regs.ts';
import { UCS_SEL, UDS_SEL, LWPFS_SEL, LWPGS_SEL } from './gdt.ts';

/**
 * sizeof (ucontext_t) and its fields' offsets for i386: uc_flags, uc_link, uc_sigmask (4 words),
 * uc_stack (ss_sp, ss_size, ss_flags), uc_mcontext = gregs[19] + fpregset_t (380 bytes: the
 * fpchip_state of 27 state words, status, mxcsr, xstatus, 2 pad words, 8 xmm registers), then
 * uc_filler[5]. All members are 4-aligned on i386, so there is no padding.
 */
export const UC_SIZE = 512;
export const UC_FLAGS_OFF = 0;
export const UC_LINK_OFF = 4;
export const UC_SIGMASK_OFF = 8;
export const UC_STACK_OFF = 24;
export const UC_MCONTEXT_OFF = 36;
export const UC_GREGS_OFF = 36;
export const UC_FPREGS_OFF = 112;
export const UC_FPREGS_SIZE = 380;
export const UC_FILLER_OFF = 492;

/** gregs[] indices (intel/sys/regset.h, 32-bit). */
export const GS_ = 0, FS_ = 1, ES_ = 2, DS_ = 3, EDI = 4, ESI = 5, EBP = 6, ESP = 7, EBX = 8, EDX = 9,
  ECX = 10, EAX = 11, TRAPNO = 12, ERR = 13, EIP = 14, CS_ = 15, EFL = 16, UESP = 17, SS_ = 18;
export const NGREG = 19;

/** uc_flags bits (same on every ISA). */
export const UC_SIGMASK = 0x01, UC_STACK = 0x02, UC_CPU = 0x04, UC_FPU = 0x08;
export const UC_MCONTEXT = UC_CPU | UC_FPU;
export const UC_ALL = UC_SIGMASK | UC_STACK | UC_MCONTEXT;

/** stack_t: base, size and SS_* flags. */
export interface UStack { sp: number; size: number; flags: number }

/** UContext — a decoded i386 ucontext_t (gregs indexed by the constants above, unsigned). */
export interface UContext {
  flags: number;
  link: number;
  sigmask: bigint;
  stack: UStack;
  gregs: number[];
  fpregs?: Uint8Array;
}

/** The gregs[] slot of each hardware register number (ModRM order EAX..EDI). */
const REGSLOT = [EAX, ECX, EDX, EBX, UESP, EBP, ESI, EDI];

/** sigset_read — the 4 little-endian words of a sigset_t at `off` as a bigint (word i → bits 32i..). */
export function sigset_read(dv: DataView, off: number): bigint {
  let s = 0n;
  for (let i = 3; i >= 0; i--) s = (s << 32n) | BigInt(dv.getUint32(off + 4 * i, true));
  return s;
}

/** sigset_write — store `set` as 4 little-endian words at `off`. */
export function sigset_write(dv: DataView, off: number, set: bigint): void {
  for (let i = 0; i < 4; i++) dv.setUint32(off + 4 * i, Number((set >> BigInt(32 * i)) & 0xffffffffn), true);
}

/** ucontext_read — decode UC_SIZE bytes; needs no CPU. A shorter array is a caller bug (RangeError). */
export function ucontext_read(bytes: Uint8Array): UContext {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, UC_SIZE);
  const gregs: number[] = [];
  for (let i = 0; i < NGREG; i++) gregs.push(dv.getUint32(UC_GREGS_OFF + 4 * i, true));
  return {
    flags: dv.getUint32(UC_FLAGS_OFF, true),
    link: dv.getUint32(UC_LINK_OFF, true),
    sigmask: sigset_read(dv, UC_SIGMASK_OFF),
    stack: { sp: dv.getUint32(UC_STACK_OFF, true), size: dv.getUint32(UC_STACK_OFF + 4, true), flags: dv.getInt32(UC_STACK_OFF + 8, true) },
    gregs,
    fpregs: bytes.slice(UC_FPREGS_OFF, UC_FPREGS_OFF + UC_FPREGS_SIZE),
  };
}

/** ucontext_write — encode `uc` as UC_SIZE bytes (fresh, or into `out`); missing gregs are 0. */
export function ucontext_write(uc: UContext, out?: Uint8Array): Uint8Array {
  const bytes = out ?? new Uint8Array(UC_SIZE);
  bytes.fill(0, 0, UC_SIZE);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, UC_SIZE);
  dv.setUint32(UC_FLAGS_OFF, uc.flags >>> 0, true);
  dv.setUint32(UC_LINK_OFF, uc.link >>> 0, true);
  sigset_write(dv, UC_SIGMASK_OFF, uc.sigmask);
  dv.setUint32(UC_STACK_OFF, uc.stack.sp >>> 0, true);
  dv.setUint32(UC_STACK_OFF + 4, uc.stack.size >>> 0, true);
  dv.setInt32(UC_STACK_OFF + 8, uc.stack.flags | 0, true);
  for (let i = 0; i < NGREG; i++) dv.setUint32(UC_GREGS_OFF + 4 * i, (uc.gregs[i] ?? 0) >>> 0, true);
  if (uc.fpregs) bytes.set(uc.fpregs.subarray(0, UC_FPREGS_SIZE), UC_FPREGS_OFF);
  return bytes;
}

/** cpu_getgregs — gregs[] of the user context now in `cpu` (getgregs). */
export function cpu_getgregs(cpu: X86Cpu): number[] {
  const g = new Array<number>(NGREG).fill(0);
  for (let r = 0; r < 8; r++) g[REGSLOT[r]] = cpu.regs[r] >>> 0;
  g[ESP] = cpu.regs[4] >>> 0;
  g[EIP] = cpu.eip >>> 0;
  g[EFL] = cpu.eflags >>> 0;
  g[CS_] = UCS_SEL; g[DS_] = UDS_SEL; g[ES_] = UDS_SEL; g[SS_] = UDS_SEL;
  g[FS_] = cpu.sel[FS] & 0xffff;
  g[GS_] = cpu.sel[GS] & 0xffff;
  return g;
}

/** pcb_getgregs — gregs[] of an LWP that is off the CPU. */
export function pcb_getgregs(pcb: X86Pcb): number[] {
  const g = new Array<number>(NGREG).fill(0);
  for (let r = 0; r < 8; r++) g[REGSLOT[r]] = pcb.regs[r] >>> 0;
  g[ESP] = pcb.regs[4] >>> 0;
  g[EIP] = pcb.eip >>> 0;
  g[EFL] = pcb.eflags >>> 0;
  g[CS_] = UCS_SEL; g[DS_] = UDS_SEL; g[ES_] = UDS_SEL; g[SS_] = UDS_SEL;
  g[FS_] = pcb.fs.sel; g[GS_] = pcb.gs.sel;
  return g;
}

/**
 * gregs_valid_sel — a %fs/%gs selector a user context may hold: null or the lwp's own
 * LWPFS/LWPGS descriptor (restorecontext's fixing of selectors, reduced: anything else is EINVAL).
 */
export function gregs_valid_sel(sel: number, which: 'fs' | 'gs'): boolean {
  return (sel & 0xfffc) === 0 || sel === (which === 'fs' ? LWPFS_SEL : LWPGS_SEL);
}

/**
 * cpu_setgregs — load gregs[] into `cpu` (setgregs): the eight registers (%esp from UESP), eip, the
 * user-settable EFLAGS bits; %cs/%ds/%es/%ss stay the flat user selectors. %fs/%gs keep their
 * bases (the lwp's, set by lwp_private) and take the selector from the context; the caller has
 * checked them with gregs_valid_sel.
 */
export function cpu_setgregs(cpu: X86Cpu, g: readonly number[]): void {
  for (let r = 0; r < 8; r++) cpu.regs[r] = g[REGSLOT[r]] | 0;
  cpu.eip = g[EIP] | 0;
  cpu.eflags = ((g[EFL] & PSL_USERMASK) | PSL_USER) >>> 0;
  const fsb = cpu.segNull[FS] ? 0 : cpu.segBase[FS] >>> 0, gsb = cpu.segNull[GS] ? 0 : cpu.segBase[GS] >>> 0;
  seg_load(cpu, FS, { sel: g[FS_] & 0xffff, base: fsb });
  seg_load(cpu, GS, { sel: g[GS_] & 0xffff, base: gsb });
}

/** pcb_setgregs — set an off-CPU LWP's pcb from gregs[] (lwp_create's start context). */
export function pcb_setgregs(pcb: X86Pcb, g: readonly number[]): void {
  for (let r = 0; r < 8; r++) pcb.regs[r] = g[REGSLOT[r]] | 0;
  pcb.eip = g[EIP] | 0;
  pcb.eflags = ((g[EFL] & PSL_USERMASK) | PSL_USER) | 0;
  pcb.fs = { sel: g[FS_] & 0xffff, base: pcb.fs.base };
  pcb.gs = { sel: g[GS_] & 0xffff, base: pcb.gs.base };
}
