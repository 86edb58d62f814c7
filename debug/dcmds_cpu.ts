/*
 * debug/dcmds_cpu.ts — CPUs, registers and memory: ::cpuinfo (mdb's layout: ID ADDR FLG NRUN BSPL
 * PRI RNRN KRNRN SWITCH THREAD PROC), $r / ::regs, $c (the user stack of the current thread, its
 * register windows read as if flushed), addr::dis, addr/fmt (X x D d U B c s i K) and addr=fmt
 * on the current process's memory (read through its page tables, never faulting anything in),
 * ::msgbuf, ::kstat, ::events; and, past mdb, ::windows (CWP, WIM, the live windows and the ones
 * spilled to the stack or waiting in the window buffer, and where each frame lives). On the i386
 * machine $r / ::regs print the i386 registers (debug/gdb_i386.ts reads them), $c walks the
 * %ebp chain, ::dis and /i use the i386 disassembler; ::windows is SPARC only.
 */

import { dcmd, MdbError, getopts, num_arg, sparc_only, type Mdb } from './mdb.ts';
import { hex8, CpuRef, all_threads } from './kaddr.ts';
import { thread_at, tstate } from './dcmds_proc.ts';
import { event_text, elf_symbols } from './target.ts';
import { KThread, TS_ONPROC } from '../kernel/common/sys/thread.ts';
import { Lwp } from '../kernel/common/sys/klwp.ts';
import type { SparcCpu } from '../hw/sparc/cpu.ts';
import { NWINDOWS } from '../hw/sparc/isa.ts';
import { disasm } from '../hw/sparc/disasm.ts';
import { disasm as disasm_x86 } from '../hw/x86/disasm.ts';
import { i386_read_regs, i386_live_cpu, I386_REG_NAMES, I386_EIP, I386_EFLAGS, I386_CS } from './gdb_i386.ts';
import { lwptopcb } from '../kernel/sparc/lwp_regs.ts';
import { vm_of } from '../kernel/common/vm/vm_as.ts';

/** Read a 32-bit word of the current process's user memory, or null if not mapped. */
export function uread32(mdb: Mdb, va: number): number | null {
  const p = mdb.tgt.cur_t?.t_procp;
  const as = p?.p_as;
  if (!as) return null;
  const at = as.a_hat.getattr(va >>> 0);
  if (!at) {
    // Not mapped yet: the anon or file page may exist all the same; read only what is resident.
    return null;
  }
  return mdb.tgt.m.mem.read32(at.pfn * 4096 + ((va >>> 0) & 0xfff)) >>> 0;
}

/** Read a byte of the current process's user memory, or null if not mapped (either byte order). */
function uread8(mdb: Mdb, va: number): number | null {
  const as = mdb.tgt.cur_t?.t_procp.p_as;
  const at = as ? as.a_hat.getattr(va >>> 0) : null;
  return at ? mdb.tgt.m.mem.bytes[at.pfn * 4096 + ((va >>> 0) & 0xfff)] : null;
}

/** True on the i386 machine. */
function is_x86(mdb: Mdb): boolean { return mdb.tgt.m.config.isa === 'x86'; }

/** One i386 instruction of the current process at a: its text and length (null: not mapped). */
function dis_x86(mdb: Mdb, a: number): { text: string; len: number } | null {
  let unmapped = false;
  const insn = disasm_x86((x) => { const b = uread8(mdb, x); if (b === null) unmapped = true; return b ?? 0; }, a >>> 0);
  return unmapped ? null : insn;
}

/** The CPU a thread is loaded on, or null when it is off CPU (its registers are in its pcb). */
function live_cpu(mdb: Mdb, t: KThread): SparcCpu | null {
  const c = mdb.tgt.k.cpu_loaded.findIndex((l) => l === t.t_lwp);
  return c >= 0 && t.t_lwp ? mdb.tgt.m.cpus[c] as SparcCpu : null;
}

/** A thread's user registers: r[0..31] of its current window, pc, npc, psr, wim, y; null without an lwp. */
function uregs(mdb: Mdb, t: KThread): { r: number[]; pc: number; npc: number; psr: number; wim: number; y: number; cwp: number; live: boolean } | null {
  if (!t.t_lwp) return null;
  const cpu = live_cpu(mdb, t);
  if (cpu) {
    const r: number[] = [];
    for (let i = 0; i < 32; i++) r.push(cpu.getReg(i));
    return { r, pc: cpu.pc >>> 0, npc: cpu.npc >>> 0, psr: cpu.psr >>> 0, wim: cpu.wim >>> 0, y: cpu.y >>> 0, cwp: cpu.CWP, live: true };
  }
  const pcb = lwptopcb(t.t_lwp);
  const r: number[] = [...pcb.g].map((v) => v >>> 0).concat([...pcb.o].map((v) => v >>> 0));
  const sp = r[14];
  for (let i = 0; i < 16; i++) r.push(uread32(mdb, sp + i * 4) ?? 0);
  return { r, pc: pcb.pc >>> 0, npc: pcb.npc >>> 0, psr: pcb.psr >>> 0, wim: 0, y: pcb.y >>> 0, cwp: pcb.psr & 31, live: false };
}

dcmd('cpuinfo', '[-v]', 'the CPUs: what each runs, whether it is being asked to switch', (c) => {
  const mdb = c.mdb;
  const k = mdb.tgt.k;
  mdb.out(' ID ADDR     FLG NRUN BSPL PRI RNRN KRNRN SWITCH   THREAD   PROC');
  for (const cpu of mdb.tgt.m.cpus) {
    const t = k.cpu_thread[cpu.id];
    const flg = t ? '1b' : '1f';
    mdb.out(`${String(cpu.id).padStart(3)} ${hex8(mdb.ka.of(new CpuRef(cpu.id)))} ${flg.padStart(3)} ${String(k.disp.runq.length).padStart(4)}    0  ${t ? ' 59' : ' -1'} ${t?.t_preempt ? ' yes' : '  no'}    no ${('t-' + Math.floor((k.machine.now) / 100000)).padEnd(8)} ${t ? hex8(mdb.ka.of(t)) : '       -'} ${t ? t.t_procp.u_comm : '(idle)'}`);
  }
  if (getopts(c.args, '').flags.has('v')) {
    for (const cpu of mdb.tgt.m.cpus) mdb.out(`cpu ${cpu.id}: ${cpu.instructions} instructions, ${cpu.cycles} cycles`);
  }
});

const RNAMES = ['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'sp', 'o7',
  'l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'fp', 'i7'];

/** The i386 registers of t: general, eip, eflags, selectors (gdb's names). */
function print_regs_x86(mdb: Mdb, t: KThread): void {
  if (!t.t_lwp) throw new MdbError(`thread ${hex8(mdb.ka.of(t))} has no user registers (a kernel thread)`);
  const r = i386_read_regs(mdb.tgt.k, mdb.tgt.m, t).map((v) => v ?? 0);
  for (let row = 0; row < 4; row++) {
    mdb.out([0, 4].map((b) => `%${I386_REG_NAMES[b + row].padEnd(3)}= 0x${hex8(r[b + row])}`).join('  '));
  }
  mdb.out(`%eip = 0x${hex8(r[I386_EIP])} ${mdb.tgt.usym(t.t_procp.p_pid, r[I386_EIP])}`);
  const segs = [0, 1, 2, 3, 4, 5].map((i) => `%${I386_REG_NAMES[I386_CS + i]} = 0x${(r[I386_CS + i] & 0xffff).toString(16).padStart(4, '0')}`).join('  ');
  mdb.out(`%eflags = 0x${hex8(r[I386_EFLAGS])}  ${segs}${i386_live_cpu(mdb.tgt.k, mdb.tgt.m, t) ? '' : '  (saved in the pcb: the thread is off CPU)'}`);
}

function print_regs(mdb: Mdb, t: KThread): void {
  if (is_x86(mdb)) { print_regs_x86(mdb, t); return; }
  const u = uregs(mdb, t);
  if (!u) throw new MdbError(`thread ${hex8(mdb.ka.of(t))} has no user registers (a kernel thread)`);
  for (let row = 0; row < 8; row++) {
    mdb.out([0, 8, 16, 24].map((b) => `%${RNAMES[b + row].padEnd(3)}= 0x${hex8(u.r[b + row])}`).join('  '));
  }
  mdb.out(`%pc = 0x${hex8(u.pc)} ${mdb.tgt.usym(t.t_procp.p_pid, u.pc)}`);
  mdb.out(`%npc= 0x${hex8(u.npc)}  %psr = 0x${hex8(u.psr)}  %wim = 0x${hex8(u.wim)}  %y = 0x${hex8(u.y)}${u.live ? '' : '  (saved in the pcb: the thread is off CPU)'}`);
}

dcmd('$r', '', 'the registers of the current thread (addr$r: of that thread)', (c) => print_regs(c.mdb, thread_at(c.mdb, c.addr)));
dcmd('regs', '', 'the registers of the current thread (addr::regs: of that thread)', (c) => print_regs(c.mdb, thread_at(c.mdb, c.addr)));

/** user_frames — the user frames of t, innermost first: pc, sp and where the frame's registers live. */
export function user_frames(mdb: Mdb, t: KThread, max = 32): { pc: number; sp: number; where: string }[] {
  if (is_x86(mdb)) return user_frames_x86(mdb, t, max);
  const u = uregs(mdb, t);
  if (!u) return [];
  const out: { pc: number; sp: number; where: string }[] = [{ pc: u.pc, sp: u.r[14], where: u.live ? 'registers' : 'pcb' }];
  const cpu = live_cpu(mdb, t);
  let sp = u.r[14];
  if (cpu) {
    // Live windows: the current one and the callers' up to the invalid window (WIM).
    let w = cpu.CWP;
    for (let i = 0; i < NWINDOWS - 1 && out.length < max; i++) {
      const fp = cpu.getWinReg(w, 30), i7 = cpu.getWinReg(w, 31);
      const nw = (w + 1) % NWINDOWS;
      if (fp === 0) return out;
      out.push({ pc: (i7 + 8) >>> 0, sp: fp, where: 'registers' });
      sp = fp;
      if ((cpu.wim >>> nw) & 1) break;
      w = nw;
    }
  }
  while (out.length < max) {
    const fp = uread32(mdb, sp + 56), i7 = uread32(mdb, sp + 60);
    if (fp === null || i7 === null || fp === 0 || fp <= sp) break;
    out.push({ pc: (i7 + 8) >>> 0, sp: fp, where: 'stack' });
    sp = fp;
  }
  return out;
}

/**
 * The i386 user frames of t: eip and %esp, then the %ebp chain (saved %ebp at [%ebp], the return
 * address above it) while it climbs the stack. Code built without a frame pointer is skipped or
 * ends the walk; sp is each frame's %ebp.
 */
function user_frames_x86(mdb: Mdb, t: KThread, max: number): { pc: number; sp: number; where: string }[] {
  if (!t.t_lwp) return [];
  const r = i386_read_regs(mdb.tgt.k, mdb.tgt.m, t).map((v) => v ?? 0);
  const live = i386_live_cpu(mdb.tgt.k, mdb.tgt.m, t) !== null;
  const out = [{ pc: r[I386_EIP], sp: r[4], where: live ? 'registers' : 'pcb' }];
  // At a function's first instruction (push %ebp) or the one after it, %ebp is still the caller's:
  // the return address is on top of the stack, above the pushed %ebp in the second case.
  const img = mdb.tgt.images.get(t.t_procp.p_pid);
  const at = img ? elf_symbols(img.bytes).lookup(r[I386_EIP]) : null;
  if (at && (at.off === 0 || at.off === 1)) {
    const ret = uread32(mdb, r[4] + at.off * 4);
    if (ret !== null && ret !== 0) out.push({ pc: ret, sp: r[4], where: 'stack' });
  }
  let bp = r[5];
  while (out.length < max && bp !== 0 && bp >= r[4]) {
    const next = uread32(mdb, bp), ret = uread32(mdb, bp + 4);
    if (next === null || ret === null || ret === 0) break;
    out.push({ pc: ret, sp: bp, where: 'stack' });
    if (next <= bp) break;
    bp = next;
  }
  return out;
}

dcmd('$c', '', 'the user stack of the current thread (register windows read as if flushed)', (c) => {
  const mdb = c.mdb;
  const t = thread_at(mdb, c.addr);
  const fr = user_frames(mdb, t);
  if (fr.length === 0) throw new MdbError('no user stack (a kernel thread)');
  for (const f of fr) mdb.out(`${mdb.tgt.usym(t.t_procp.p_pid, f.pc)}  [sp ${hex8(f.sp)}, ${f.where}]`);
});

dcmd('windows', '', "addr::windows (a thread or lwp): CWP, WIM, the live register windows and the frames spilled to the stack or the window buffer", (c) => {
  const mdb = c.mdb;
  sparc_only(mdb, '::windows', 'the i386 machine has no register windows');
  let t: KThread;
  if (c.addr !== null && mdb.ka.at(c.addr) instanceof Lwp) t = (mdb.ka.at(c.addr) as Lwp).lwp_thread!;
  else t = thread_at(mdb, c.addr);
  if (!t.t_lwp) throw new MdbError('not an lwp');
  const cpu = live_cpu(mdb, t);
  const pcb = lwptopcb(t.t_lwp);
  const pid = t.t_procp.p_pid;
  if (cpu) {
    const inval = [...Array(NWINDOWS).keys()].filter((w) => (cpu.wim >>> w) & 1);
    mdb.out(`lwp ${hex8(mdb.ka.of(t.t_lwp))} (${t.t_name}) on cpu ${cpu.id}: CWP ${cpu.CWP}, WIM 0x${cpu.wim.toString(16).padStart(2, '0')} (invalid: ${inval.join(', ') || 'none'})`);
    mdb.out(' WIN STATE          %sp      %fp      %i7 FRAME');
    let w = cpu.CWP;
    for (let i = 0; i < NWINDOWS; i++) {
      const invalid = (cpu.wim >>> w) & 1;
      const state = i === 0 ? 'current' : invalid ? 'invalid' : 'live (unspilled)';
      if (invalid && i > 0) { mdb.out(`${String(w).padStart(4)} ${state}`); break; }
      mdb.out(`${String(w).padStart(4)} ${state.padEnd(14)} ${hex8(cpu.getWinReg(w, 14))} ${hex8(cpu.getWinReg(w, 30))} ${hex8(cpu.getWinReg(w, 31))} ${mdb.tgt.usym(pid, i === 0 ? cpu.pc >>> 0 : (cpu.getWinReg((w + NWINDOWS - 1) % NWINDOWS, 31) + 8) >>> 0)}`);
      w = (w + 1) % NWINDOWS;
    }
  } else {
    mdb.out(`lwp ${hex8(mdb.ka.of(t.t_lwp))} (${t.t_name}) off CPU (${tstate(t)}): every window was flushed at the switch; the current window is refilled from %sp ${hex8(pcb.o[6] >>> 0)} when it runs`);
  }
  const fr = user_frames(mdb, t).filter((f) => f.where === 'stack');
  mdb.out(`frames on the stack: ${fr.length}${fr.length ? ` (outermost ${mdb.tgt.usym(pid, fr[fr.length - 1].pc)})` : ''}`);
  mdb.out(`window buffer (pcb_wbuf): ${pcb.wbuf.length} window${pcb.wbuf.length === 1 ? '' : 's'}${pcb.wbuf.map((e) => ` [sp ${hex8(e.sp)}]`).join('')}`);
});

dcmd('dis', '[-n count]', 'addr::dis: disassemble the current process\'s code (default: at the current thread\'s pc)', (c) => {
  const mdb = c.mdb;
  const { vals } = getopts(c.args, 'n');
  const n = vals.has('n') ? num_arg(vals.get('n')!, true) : 8;
  const t = mdb.tgt.cur_t;
  if (is_x86(mdb)) {
    const pc = t?.t_lwp ? (i386_read_regs(mdb.tgt.k, mdb.tgt.m, t)[I386_EIP] ?? -1) : -1;
    let a = c.addr !== null ? c.addr >>> 0 : pc;
    if (a < 0) throw new MdbError('command requires an address');
    const pid = t?.t_procp.p_pid ?? -1;
    for (let i = 0; i < n; i++) {
      const d = dis_x86(mdb, a);
      mdb.out(`${a === pc ? '>' : ' '}${mdb.tgt.usym(pid, a).padEnd(24)} ${d === null ? '(not mapped)' : d.text}`);
      a = (a + (d?.len ?? 1)) >>> 0;
    }
    return;
  }
  const u = t ? uregs(mdb, t) : null;
  const pc = u?.pc ?? -1;
  let a = c.addr !== null ? c.addr >>> 0 : pc;
  if (a < 0) throw new MdbError('command requires an address');
  a -= a % 4;
  const pid = t?.t_procp.p_pid ?? -1;
  for (let i = 0; i < n; i++, a += 4) {
    const w = uread32(mdb, a);
    const mark = a === pc ? '>' : ' ';
    mdb.out(`${mark}${mdb.tgt.usym(pid, a).padEnd(24)} ${w === null ? '(not mapped)' : disasm(w, a)}`);
  }
});

/** addr/fmt — print `count` items of the current process's memory in format fmt. */
dcmd('/', '', 'addr/fmt: memory in a format (X x D d U B c s i K)', (c) => {
  const mdb = c.mdb;
  const fmt = c.args[0];
  let a = c.addr! >>> 0;
  const pid = mdb.tgt.cur_t?.t_procp.p_pid ?? -1;
  const label = () => `${mdb.tgt.usym(pid, a)}:`;
  const bad = () => { throw new MdbError(`failed to read data from target: no mapping for address 0x${a.toString(16)}`); };
  for (let i = 0; i < c.count; i++) {
    switch (fmt) {
      case 'X': case 'K': case 'D': case 'U': { const w = uread32(mdb, a); if (w === null) bad(); mdb.out(`${label()}\t\t${fmt === 'D' ? String(w! | 0) : fmt === 'U' ? String(w) : (fmt === 'K' ? hex8(w!) : w!.toString(16))}`); a += 4; break; }
      case 'x': case 'd': { const h = uread8(mdb, a), l = uread8(mdb, a + 1); if (h === null || l === null) bad(); const v = is_x86(mdb) ? (l! << 8) | h! : (h! << 8) | l!; mdb.out(`${label()}\t\t${fmt === 'd' ? String((v << 16) >> 16) : v.toString(16)}`); a += 2; break; }
      case 'B': case 'c': { const b = uread8(mdb, a); if (b === null) bad(); mdb.out(`${label()}\t\t${fmt === 'c' ? String.fromCharCode(b!) : b!.toString(16)}`); a += 1; break; }
      case 's': {
        let s = '', b: number | null;
        const start = a;
        while ((b = uread8(mdb, a)) !== null && b !== 0 && s.length < 1024) { s += String.fromCharCode(b); a++; }
        if (b === null && s === '') { a = start; bad(); }
        a++;
        mdb.out(`${mdb.tgt.usym(pid, start)}:\t\t${s}`);
        break;
      }
      case 'i': {
        if (is_x86(mdb)) { const d = dis_x86(mdb, a); if (d === null) bad(); mdb.out(`${label()}\t\t${d!.text}`); a += d!.len; break; }
        const w = uread32(mdb, a); if (w === null) bad(); mdb.out(`${label()}\t\t${disasm(w!, a)}`); a += 4; break;
      }
      default: throw new MdbError(`unknown format: ${fmt}`);
    }
  }
  mdb.dot = a;
});

/** addr=fmt — print the value of an expression. */
dcmd('=', '', 'value=fmt: a value in a format (X x D U K c)', (c) => {
  const v = c.addr! >>> 0;
  const f = c.args[0];
  let s: string;
  switch (f) {
    case 'X': case 'x': s = v.toString(16); break;
    case 'K': s = hex8(v); break;
    case 'D': s = String(v | 0); break;
    case 'U': case 'd': s = String(v); break;
    case 'c': s = String.fromCharCode(v & 0xff); break;
    default: throw new MdbError(`unknown format: ${f}`);
  }
  c.mdb.out(`\t\t${s}`);
});

dcmd('msgbuf', '', 'the kernel message buffer (boot, warnings, panics)', (c) => {
  const mb = c.mdb.tgt.k.msgbuf;
  if (mb.length === 0) c.mdb.out('(no kernel messages)');
  for (const l of mb) c.mdb.out(l);
});

dcmd('kstat', '', 'kernel statistics: cpu_stat sys counters (sysfork, sysvfork, syscall, procovf) and VM counters', (c) => {
  const mdb = c.mdb;
  const k = mdb.tgt.k;
  const pl = vm_of(k).pages;
  const rows: [string, number][] = [
    ['cpu_stat:sys:sysfork', k.cpu_stats.sysfork], ['cpu_stat:sys:sysvfork', k.cpu_stats.sysvfork],
    ['cpu_stat:sys:syscall', k.cpu_stats.syscall], ['cpu_stat:sys:procovf', k.cpu_stats.procovf],
    ['unix:system_misc:nproc', k.nproc], ['unix:system_misc:lbolt', k.lbolt],
    ['vm:anon:ani_inuse', pl.p_anonstats.ani_inuse], ['vm:anon:cow_copies', pl.p_anonstats.cow_copies],
    ['vm:pages:freemem', pl.freemem], ['vm:pages:zeroed', pl.p_zeroed],
    ['machine:instructions', mdb.tgt.m.instructions], ['machine:cycles', k.cycles()],
  ];
  for (const [n, v] of rows) mdb.out(`${n.padEnd(28)} ${v}`);
});

dcmd('events', '[N]', 'the last N events (default 20): probes, system calls, traps, copy-on-write breaks', (c) => {
  const mdb = c.mdb;
  const n = c.args[0] !== undefined ? num_arg(c.args[0], true) : c.addr ?? 20;
  const ev = mdb.tgt.events.slice(-n);
  mdb.out('   CYCLE CPU EVENT');
  for (const e of ev) mdb.out(`${String(e.cycle).padStart(8)} ${String(e.cpu).padStart(3)} ${event_text(e)}`);
});

void all_threads; void TS_ONPROC;
