/*
 * hw/x86/trap_types.ts — i386 exception and interrupt vectors (Intel SDM vol. 3, table 6-1) and how
 * forkvm reports them. There is no guest IDT dispatch: X86Cpu.run() stops and puts the vector in
 * Stop.trap. For a fault (#DE, #UD, #GP, #PF, ...) the CPU state is as before the faulting
 * instruction and Stop.pc = EIP of it; for a trap (int n, int3, into) EIP is already past the
 * instruction, Stop.pc = that next EIP (what the CPU would push) and Stop.npc = the instruction's own EIP.
 * Stop.faultStatus = the error code (0 when the vector has none), Stop.faultAddr = CR2 for #PF.
 * With no IDT, int n at CPL 3 is reported whatever the gate's DPL: the kernel decides (#GP or not).
 */

export const VEC_DE = 0;    // divide error (fault)
export const VEC_DB = 1;    // debug
export const VEC_NMI = 2;
export const VEC_BP = 3;    // int3 (trap)
export const VEC_OF = 4;    // into with OF = 1 (trap)
export const VEC_BR = 5;    // bound range
export const VEC_UD = 6;    // invalid opcode (fault)
export const VEC_NM = 7;    // device not available: every x87/MMX/SSE opcode here (no FPU, as CR0.EM = 1)
export const VEC_DF = 8;
export const VEC_TS = 10;   // invalid TSS
export const VEC_NP = 11;   // segment not present (error code = selector)
export const VEC_SS = 12;   // stack-segment fault
export const VEC_GP = 13;   // general protection (error code)
export const VEC_PF = 14;   // page fault (error code P|W|U, CR2 = linear address)
export const VEC_MF = 16;
export const VEC_AC = 17;
export const VEC_MC = 18;   // forkvm: a physical address outside memory (faultAddr = physical address)
/** External interrupts: irl n (1..15) is delivered as vector IRQ_BASE + n when EFLAGS.IF = 1. */
export const IRQ_BASE = 0x20;
/** The Solaris i386 system call gate (int $0x91). */
export const VEC_SYSCALL = 0x91;
/** Not a vector: hlt executed (Stop.reason = Halt). Not a vector: debugger breakpoint. */
export const VEC_DEBUG_BPT = 0x100;

/** Which vectors push an error code (Stop.faultStatus holds it; otherwise faultStatus = 0). */
export function has_error_code(v: number): boolean {
  return v === VEC_DF || v === VEC_TS || v === VEC_NP || v === VEC_SS || v === VEC_GP || v === VEC_PF || v === VEC_AC;
}

/** Page-fault error code bits. */
export const PFEC_P = 1, PFEC_W = 2, PFEC_U = 4;

/** A readable name for a vector. */
export function trap_name(v: number): string {
  const names: Record<number, string> = {
    0: '#DE divide error', 1: '#DB debug', 2: 'NMI', 3: '#BP breakpoint', 4: '#OF overflow', 5: '#BR bound range',
    6: '#UD invalid opcode', 7: '#NM device not available', 8: '#DF double fault', 10: '#TS invalid TSS',
    11: '#NP segment not present', 12: '#SS stack fault', 13: '#GP general protection', 14: '#PF page fault',
    16: '#MF x87 error', 17: '#AC alignment check', 18: '#MC machine check (bus error)', 0x100: 'debugger_breakpoint',
  };
  if (names[v] !== undefined) return names[v];
  if (v > IRQ_BASE && v < IRQ_BASE + 16) return `irq ${v - IRQ_BASE}`;
  return `int 0x${v.toString(16)}`;
}
