/*
 * kernel/sparc/windows.ts — user register windows: the window_overflow and window_underflow
 * handlers (uts/srmmu/ml/overflow.s, underflo.s), `ta 3` (ST_FLUSH_WINDOWS) and
 * flush_user_windows_to_stack (uts/sparc/v9/os/v9dep.c). Windows go to and come from the user
 * stack through the address space, so a fault there is handled like any user fault; a window
 * that cannot be stored waits in the pcb's wbuf (mpcb_wbuf, at most MAXWIN entries) until the
 * return to user, where user_rtt_windows writes it out or the process gets SIGSEGV (as trap()'s
 * T_FLUSH_PCB does in Solaris).
 */

import type { SparcCpu } from '../../hw/sparc/cpu.ts';
import { NWINDOWS } from '../../hw/sparc/isa.ts';
import type { KThread } from '../common/sys/thread.ts';
import { copyin, copyout } from '../common/os/copy.ts';
import { EFAULT, EINVAL } from '../common/sys/errno.ts';
import { lwptopcb } from './lwp_regs.ts';
import { user_fault } from './trap.ts';

/** Bytes in one saved window (16 words: %l0-%l7, %i0-%i7). */
export const WINDOWSIZE32 = 64;

/** Entries in the pcb's window buffer (MAXWIN of machpcb.h: one per register window). */
export const MAXWIN = NWINDOWS;

/** Windows flushed and filled, for statistics. */
export const win_stats = { spills: 0, fills: 0, flushes: 0 };

function window_words(cpu: SparcCpu, w: number): number[] {
  const words: number[] = [];
  for (let r = 16; r < 32; r++) words.push(cpu.getWinReg(w, r));
  return words;
}

function words_to_bytes(words: number[]): Uint8Array {
  const b = new Uint8Array(WINDOWSIZE32);
  const dv = new DataView(b.buffer);
  words.forEach((x, i) => dv.setUint32(i * 4, x >>> 0));
  return b;
}

/** Store 16 words at user address sp; returns errno. */
function store_window(t: KThread, sp: number, words: number[]): number {
  const as = t.t_procp.p_as;
  if (!as) return EFAULT;
  if (sp & 7) return EINVAL;
  const p = t.t_procp;
  return copyout(as, sp >>> 0, words_to_bytes(words), (a, ty, rw) => user_fault(p, a, ty, rw));
}

/**
 * spill_window — store window w's locals and ins at its own %sp. When the stack cannot be written,
 * the window is kept in the pcb's wbuf (as the overflow handler does) and 0 is still returned:
 * the window register is free either way, and the return to user (user_rtt_windows) settles it.
 * Returns EINVAL for a misaligned %sp, EFAULT when the stack cannot be written and the wbuf is
 * already full (MAXWIN entries: the window is lost, so the caller must end the process).
 */
export function spill_window(t: KThread, cpu: SparcCpu, w: number): number {
  const sp = cpu.getWinReg(w, 14);
  const words = window_words(cpu, w);
  win_stats.spills++;
  const err = store_window(t, sp, words);
  if (err === EINVAL) return EINVAL;
  if (err) {
    const pcb = lwptopcb(t.t_lwp!);
    if (pcb.wbuf.length >= MAXWIN) return EFAULT;
    pcb.wbuf.push({ sp, words });
  }
  return 0;
}

/** fill_window — load window w's locals and ins from `sp`. Returns errno (EFAULT). */
export function fill_window(t: KThread, cpu: SparcCpu, w: number, sp: number): number {
  const as = t.t_procp.p_as;
  if (!as) return EFAULT;
  if (sp & 7) return EINVAL;
  const p = t.t_procp;
  const r = copyin(as, sp >>> 0, WINDOWSIZE32, (a, ty, rw) => user_fault(p, a, ty, rw));
  if (r.error) return r.error;
  const dv = new DataView(r.data.buffer, r.data.byteOffset, WINDOWSIZE32);
  for (let i = 0; i < 16; i++) cpu.setWinReg(w, 16 + i, dv.getInt32(i * 4));
  win_stats.fills++;
  return 0;
}

function wim_index(cpu: SparcCpu): number {
  return 31 - Math.clz32(cpu.wim);
}

/**
 * win_overflow — a user `save` hit the invalid window: spill the oldest user window (CWP - 2),
 * rotate WIM right, and let the save re-execute. Returns errno for a bad stack pointer.
 */
export function win_overflow(t: KThread, cpu: SparcCpu): number {
  const w = (cpu.CWP + NWINDOWS - 2) % NWINDOWS;
  const err = spill_window(t, cpu, w);
  if (err) return err;
  cpu.wim = 1 << w;
  return 0;
}

/**
 * win_underflow — a user `restore` hit the invalid window (CWP + 1): fill it from the caller's
 * frame (%fp of the current window), rotate WIM left, and let the restore re-execute.
 */
export function win_underflow(t: KThread, cpu: SparcCpu): number {
  const w = (cpu.CWP + 1) % NWINDOWS;
  const err = fill_window(t, cpu, w, cpu.getReg(30));
  if (err) return err;
  cpu.wim = 1 << ((w + 1) % NWINDOWS);
  return 0;
}

/**
 * flush_user_windows — spill every user window except the current one (ta 3). Afterwards the
 * only valid window is the current one: WIM marks the window above it.
 */
export function flush_user_windows(t: KThread, cpu: SparcCpu, includeCurrent = false): number {
  const cwp = cpu.CWP;
  const inv = wim_index(cpu);
  for (let w = (cwp + 1) % NWINDOWS; w !== inv; w = (w + 1) % NWINDOWS) {
    const err = spill_window(t, cpu, w);
    if (err) return err;
  }
  if (includeCurrent) {
    const err = spill_window(t, cpu, cwp);
    if (err) return err;
  }
  cpu.wim = 1 << ((cwp + 1) % NWINDOWS);
  win_stats.flushes++;
  return 0;
}

/**
 * flush_user_windows_to_stack — flush_user_windows, then write every buffered window (wbuf) to
 * its stack frame. Returns 0 when all user window state is in user memory, else EFAULT (the
 * windows stay buffered).
 */
export function flush_user_windows_to_stack(t: KThread, cpu: SparcCpu, includeCurrent = false): number {
  const err = flush_user_windows(t, cpu, includeCurrent);
  if (err) return err;
  return drain_wbuf(t);
}

/** Write buffered windows to their frames; EFAULT if any still cannot be written. */
export function drain_wbuf(t: KThread): number {
  return wbuf_flush(t) === null ? 0 : EFAULT;
}

/** Write buffered windows to their frames, newest first; the %sp of the first that fails, or null. */
function wbuf_flush(t: KThread): number | null {
  const pcb = lwptopcb(t.t_lwp!);
  while (pcb.wbuf.length > 0) {
    const e = pcb.wbuf[pcb.wbuf.length - 1];
    if (store_window(t, e.sp, e.words)) return e.sp >>> 0;
    pcb.wbuf.pop();
  }
  return null;
}

/**
 * user_rtt_windows — the return to user with windows still in the wbuf (Solaris's T_FLUSH_PCB):
 * write them to the stack. Returns null when none is left, else the %sp that could not be
 * written, for the caller's SIGSEGV (SEGV_MAPERR at that address). The wbuf is emptied either
 * way: a process that gets the signal cannot take these windows back, so they are dropped and
 * the buffer never outgrows MAXWIN however often the program overflows onto a bad stack.
 */
export function user_rtt_windows(t: KThread): number | null {
  const lwp = t.t_lwp;
  if (!lwp) return null;
  const pcb = lwptopcb(lwp);
  if (pcb.wbuf.length === 0) return null;
  const bad = wbuf_flush(t);
  pcb.wbuf.length = 0;
  return bad;
}
