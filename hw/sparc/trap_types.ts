/*
 * hw/sparc/trap_types.ts — SPARC V8 trap types (tt) and how forkvm delivers them.
 * forkvm has no guest trap table for user programs: when an instruction traps, Cpu.run() stops
 * with the CPU state exactly as before that instruction and reports tt in Stop.trap; the kernel
 * (kernel/sparc/trap.ts) handles it and resumes. SparcCpu.enterTrap() performs the real V8 trap
 * entry for guest-supervisor code (tests of rett and the trap-entry sequence).
 */

export const TT_INST_ACCESS = 0x01;      // instruction_access_exception
export const TT_ILLEGAL = 0x02;          // illegal_instruction
export const TT_PRIVILEGED = 0x03;       // privileged_instruction
export const TT_FP_DISABLED = 0x04;      // fp_disabled
export const TT_WIN_OVERFLOW = 0x05;     // window_overflow
export const TT_WIN_UNDERFLOW = 0x06;    // window_underflow
export const TT_ALIGNMENT = 0x07;        // mem_address_not_aligned
export const TT_FP_EXCEPTION = 0x08;     // fp_exception
export const TT_DATA_ACCESS = 0x09;      // data_access_exception
export const TT_TAG_OVERFLOW = 0x0a;     // tag_overflow
export const TT_INTERRUPT_BASE = 0x10;   // interrupt_level_n = 0x10 + n (n = 1..15)
export const TT_CP_DISABLED = 0x24;      // cp_disabled
export const TT_DATA_ERROR = 0x29;       // data_access_error (bus error)
export const TT_DIV_ZERO = 0x2a;         // division_by_zero
export const TT_TICC_BASE = 0x80;        // trap_instruction: ta n → 0x80 + (n & 0x7f)

/** Solaris software trap numbers (ta N). */
export const ST_SYSCALL = 8;             // 32-bit system call
export const ST_FLUSH_WINDOWS = 3;       // flush register windows to the stack

/** A readable name for a trap type. */
/**
 * TT_DEBUG_BPT — not a V8 trap type: the debugger's instruction breakpoint unit (SparcCpu.bpt) stops
 * run() with this value, before the instruction at pc runs and without touching any state.
 */
export const TT_DEBUG_BPT = 0x100;
/**
 * TT_DEBUG_WATCH — not a V8 trap type: the debugger's watch unit (SparcCpu.wpt) stops run() with
 * this value after a watched load or store completed (pc, npc past it; SparcCpu.watch_va says where).
 */
export const TT_DEBUG_WATCH = 0x101;

export function trap_name(tt: number): string {
  switch (tt) {
    case TT_DEBUG_BPT: return 'debugger_breakpoint';
    case TT_DEBUG_WATCH: return 'debugger_watchpoint';
    case TT_INST_ACCESS: return 'instruction_access_exception';
    case TT_ILLEGAL: return 'illegal_instruction';
    case TT_PRIVILEGED: return 'privileged_instruction';
    case TT_FP_DISABLED: return 'fp_disabled';
    case TT_WIN_OVERFLOW: return 'window_overflow';
    case TT_WIN_UNDERFLOW: return 'window_underflow';
    case TT_ALIGNMENT: return 'mem_address_not_aligned';
    case TT_FP_EXCEPTION: return 'fp_exception';
    case TT_DATA_ACCESS: return 'data_access_exception';
    case TT_TAG_OVERFLOW: return 'tag_overflow';
    case TT_CP_DISABLED: return 'cp_disabled';
    case TT_DATA_ERROR: return 'data_access_error';
    case TT_DIV_ZERO: return 'division_by_zero';
  }
  if (tt > TT_INTERRUPT_BASE && tt < TT_INTERRUPT_BASE + 16) return `interrupt_level_${tt - TT_INTERRUPT_BASE}`;
  if (tt >= TT_TICC_BASE && tt <= 0xff) return `trap_instruction ${tt - TT_TICC_BASE}`;
  return `trap 0x${tt.toString(16)}`;
}
