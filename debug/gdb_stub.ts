/*
 * debug/gdb_stub.ts — the packet dispatcher of the gdb remote stub over a DebugTarget: one
 * process (the program `forkvm run --gdb` started) is gdb's inferior and its lwps are gdb's
 * threads (`pPID.TID` once gdb offers multiprocess). Registers come from gdb_sparc.ts, memory
 * from the process's address space (a read never breaks copy-on-write sharing; a write goes
 * through the kernel's fault path with S_WRITE, so it copies a shared page for this process
 * only), breakpoints from the CPU breakpoint unit. The machine runs in slices between packets
 * (run_slice) so that an interrupt from gdb is seen. Leaves out watchpoints (Z2-Z4), fork
 * events, signals to the inferior (C/S resume without one) and writes to read-only text.
 * `monitor CMD` runs an mdb command line (debug/mdb.ts) on the stopped machine.
 */

import type { DebugTarget } from './target.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import { TS_ZOMB } from '../kernel/common/sys/thread.ts';
import type { Proc } from '../kernel/common/sys/proc.ts';
import { SZOMB } from '../kernel/common/sys/proc.ts';
import { as_fault, type As } from '../kernel/common/vm/vm_as.ts';
import { copyout } from '../kernel/common/os/copy.ts';
import { F_INVAL, S_READ } from '../kernel/common/vm/seg.ts';
import { probe_enable } from '../kernel/common/os/probes.ts';
import { hex_of_bytes, bytes_of_hex, rsp_escape, rsp_unescape, rsp_rle_decode } from './gdb_rsp.ts';
import { Mdb } from './mdb.ts';
import './dcmds_proc.ts';
import './dcmds_vm.ts';
import './dcmds_sync.ts';
import './dcmds_cpu.ts';
import './dcmds_ctl.ts';
import './dcmds_print.ts';
import { gdb_reverse, gdb_reverse_features, gdb_record } from './gdb_reverse.ts';
import { SPARC_NREGS, sparc_read_regs, sparc_write_reg, sparc_save_areas, sparc_target_xml } from './gdb_sparc.ts';

/** The largest packet we take and send (qSupported PacketSize, in hex there). */
export const GDB_PACKET_SIZE = 0x4000;
/** Cycles the machine runs per slice while gdb waits for a stop. */
export const GDB_SLICE_CYCLES = 2_000_000;

const EFAULT = 'E0e', EINVAL = 'E16', ESRCH = 'E03';

/** gdb's signal numbers for the Solaris ones a process can die of (1-15 agree). */
function gdb_signo(sig: number): number {
  const map: Record<number, number> = { 16: 30, 17: 31, 18: 20, 19: 141, 20: 28, 21: 23, 22: 29, 23: 17, 24: 18, 25: 19, 26: 21, 27: 22 };
  return sig >= 1 && sig <= 15 ? sig : map[sig] ?? 143;
}

function hex2(n: number): string { return (n & 0xff).toString(16).padStart(2, '0'); }
function be32(v: number | null): string { return v === null ? 'xxxxxxxx' : (v >>> 0).toString(16).padStart(8, '0'); }

/** What the stub does with the session once a packet is handled. */
export type StubState = 'stopped' | 'running' | 'exited' | 'killed' | 'detached';

/**
 * GdbStub — one gdb session on process `pid` of a stopped DebugTarget. handle() answers a packet
 * (a reply payload, or null for none: the machine is running, or the session ended); while
 * `state` is 'running' the caller calls run_slice() until it returns the stop reply. Nothing it
 * is given makes it throw: internal errors become `E7f` and are counted in `internal_errors`.
 */
export class GdbStub {
  state: StubState = 'stopped';
  /** Connection flags: acks off (QStartNoAckMode), gdb's multiprocess+ and swbreak+. */
  noack = false;
  multiprocess = false;
  swbreak = false;
  internal_errors = 0;
  /** Last internal error (for the log). */
  last_error: unknown = null;
  /** The thread g/m/G/M packets act on, the one the last stop was in. */
  private gthread: KThread | null;
  private last_stop: string;
  private interrupted = false;
  /** Breakpoint ids of the DebugTarget by address (Z0/Z1 inserted by gdb). */
  private readonly zbps = new Map<number, number>();
  /** The program's end: exit status, or the signal that killed it. */
  private exit: { why: string; what: number } | null = null;
  private stepping = false;
  private mdb: Mdb | null = null;

  constructor(readonly tgt: DebugTarget, readonly pid: number) {
    const p = this.proc();
    this.gthread = p ? this.threads(p)[0] ?? null : null;
    if (tgt.cur_t && tgt.cur_t.t_procp.p_pid === pid) this.gthread = tgt.cur_t;
    this.last_stop = this.stop_reply(5, this.gthread, false);
    tgt.on_kernel((k) => probe_enable(k, (e) => {
      if (e.name === 'exit' && e.args.pid === this.pid && this.exit === null) {
        this.exit = { why: String(e.args.why), what: Number(e.args.what) };
        // Stop the machine right there (kdi_check follows the probe in exit).
        this.tgt.pending = { kind: 'gdb-exit', detail: `pid ${this.pid} ${this.exit.why} (${this.exit.what})`, t: null };
      }
    }));
  }

  /** The inferior, while it exists. */
  private proc(): Proc | null {
    return this.tgt.k.pids.all().find((p) => p.p_pid === this.pid) ?? null;
  }

  /** Its lwps that can run (gdb's threads), in creation order. */
  private threads(p: Proc): KThread[] {
    return p.p_threads.filter((t) => t.t_lwp !== null && t.t_state !== TS_ZOMB);
  }

  private tid_str(t: KThread): string {
    return this.multiprocess ? `p${this.pid.toString(16)}.${t.t_tid.toString(16)}` : t.t_tid.toString(16);
  }

  /** A thread id of a packet: `p<pid>.<tid>` or `<tid>` (hex; -1 all, 0 any). */
  private parse_tid(s: string): { pid: number; tid: number } | null {
    const m = /^(?:p(-1|[0-9a-fA-F]+)\.)?(-1|[0-9a-fA-F]+)$/.exec(s) ?? /^p(-1|[0-9a-fA-F]+)$/.exec(s);
    if (!m) return null;
    const num = (x: string | undefined) => (x === undefined ? -1 : x === '-1' ? -1 : parseInt(x, 16));
    if (m.length === 2) return { pid: num(m[1]), tid: -1 };
    return { pid: m[1] === undefined ? this.pid : num(m[1]), tid: num(m[2]) };
  }

  /** The thread an id names (0 or -1: the current one); null when it is not ours or gone. */
  private thread_of(id: { pid: number; tid: number }): KThread | null {
    if (id.pid !== -1 && id.pid !== 0 && id.pid !== this.pid) return null;
    const p = this.proc();
    if (!p) return null;
    const ts = this.threads(p);
    if (id.tid === -1 || id.tid === 0) return this.gthread && ts.includes(this.gthread) ? this.gthread : ts[0] ?? null;
    return ts.find((t) => t.t_tid === id.tid) ?? null;
  }

  private cur(): KThread | null { return this.thread_of({ pid: this.pid, tid: 0 }); }

  private stop_reply(sig: number, t: KThread | null, swbreak: boolean): string {
    if (this.exit) {
      const suffix = this.multiprocess ? `;process:${this.pid.toString(16)}` : '';
      return this.exit.why === 'exited' ? `W${hex2(this.exit.what)}${suffix}` : `X${hex2(gdb_signo(this.exit.what))}${suffix}`;
    }
    return `T${hex2(sig)}${t ? `thread:${this.tid_str(t)};` : ''}${swbreak && this.swbreak ? 'swbreak:;' : ''}`;
  }

  // ---- memory --------------------------------------------------------------------------------

  /** The address space g/m packets use: the inferior's (every lwp shares it). */
  private as(): As | null {
    const p = this.proc();
    return p && p.p_stat !== SZOMB ? p.p_as : null;
  }

  /** The physical address of user va for reading, faulting a valid page in (S_READ) if need be. */
  private pa_read(as: As, va: number): number {
    if (!(va >= 0 && va < as.a_userlimit)) return -1;
    let at = as.a_hat.getattr(va);
    if (!at) {
      // A page not touched yet: fault it in as a read would (no copy-on-write break).
      if (as_fault(as, va - (va % 4096), F_INVAL, S_READ) !== 0) return -1;
      at = as.a_hat.getattr(va);
      if (!at) return -1;
    }
    return at.pfn * 4096 + (va & 0xfff);
  }

  /** mem_read — up to len bytes at va (fewer when a page is unreadable), windows as if flushed. */
  mem_read(va: number, len: number): Uint8Array {
    const as = this.as();
    if (!as) return new Uint8Array(0);
    const mem = this.tgt.m.mem;
    const out: number[] = [];
    for (let i = 0; i < len; i++) {
      const a = (va + i) >>> 0;
      if (a < va && i > 0) break;                         // wrapped past 4G
      const pa = this.pa_read(as, a);
      if (pa < 0) break;
      out.push(mem.bytes[pa]);
    }
    const b = Uint8Array.from(out);
    const t = this.cur();
    if (t && b.length > 0) {
      for (const s of sparc_save_areas(this.tgt.k, this.tgt.m, t)) {
        for (let j = 0; j < 64; j++) {
          const off = s.sp + j - va;
          if (off >= 0 && off < b.length) b[off] = (s.get(j >> 2) >>> ((3 - (j & 3)) * 8)) & 0xff;
        }
      }
    }
    return b;
  }

  /** mem_write — write bytes at va: into a live window where one is saved there, else memory. */
  mem_write(va: number, bytes: Uint8Array): boolean {
    const as = this.as();
    if (!as) return false;
    if (bytes.length === 0) return true;
    const t = this.cur();
    const rest = new Uint8Array(bytes);
    const inwin = new Uint8Array(bytes.length);
    if (t) {
      for (const s of sparc_save_areas(this.tgt.k, this.tgt.m, t)) {
        for (let j = 0; j < 64; j++) {
          const off = s.sp + j - va;
          if (off < 0 || off >= bytes.length) continue;
          const sh = (3 - (j & 3)) * 8;
          const w = s.get(j >> 2);
          s.set(j >> 2, ((w & ~(0xff << sh)) | (bytes[off] << sh)) >>> 0);
          inwin[off] = 1;
        }
      }
    }
    // The rest through copyout: S_WRITE faults break copy-on-write for this process only.
    for (let i = 0; i < rest.length;) {
      if (inwin[i]) { i++; continue; }
      let j = i;
      while (j < rest.length && !inwin[j]) j++;
      if (copyout(as, (va + i) >>> 0, rest.subarray(i, j)) !== 0) return false;
      i = j;
    }
    return true;
  }

  private word(va: number): number | null {
    const b = this.mem_read(va, 4);
    return b.length === 4 ? ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0 : null;
  }

  private put_word(va: number, v: number): boolean {
    return this.mem_write(va, Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }

  // ---- packets -------------------------------------------------------------------------------

  /** handle — answer one packet payload (raw, as received); null: no reply now. */
  handle(raw: string): string | null {
    try {
      return this.dispatch(raw);
    } catch (e) {
      this.internal_errors++;
      this.last_error = e;
      return 'E7f';
    }
  }

  private dispatch(raw: string): string | null {
    const pkt = rsp_rle_decode(raw);
    if (this.state === 'killed' || this.state === 'detached') return null;
    if (this.state === 'running') return pkt === '?' ? null : '';
    const c = pkt[0] ?? '';
    const body = pkt.slice(1);
    switch (c) {
      case '?': return this.last_stop;
      case 'g': return this.exit || body !== '' ? (this.exit ? ESRCH : '') : this.read_g();
      case 'G': return this.travel_write(pkt, () => this.write_g(body));
      case 'p': return this.read_p(body);
      case 'P': return this.travel_write(pkt, () => this.write_p(body));
      case 'm': return this.read_m(body);
      case 'M': return this.travel_write(pkt, () => this.write_m(body));
      case 'X': return this.travel_write(pkt, () => this.write_x(body));
      case 'b': return this.reverse(body);
      case 'Z': case 'z': return this.zpacket(c === 'Z', body);
      case 'c': case 's': case 'C': case 'S': return this.resume_simple(c, body);
      case 'v': return this.vpacket(pkt);
      case 'q': case 'Q': return this.query(pkt);
      case 'H': return this.hpacket(body);
      case 'T': {
        const id = this.parse_tid(body);
        return id && this.thread_of(id) && id.tid !== -1 && id.tid !== 0 ? 'OK' : id && (id.tid === 0 || id.tid === -1) && this.cur() ? 'OK' : 'E01';
      }
      case 'D': this.state = 'detached'; this.cleanup(); return 'OK';
      case 'k': this.state = 'killed'; this.cleanup(); return null;
      default: return '';
    }
  }

  /** Remove gdb's breakpoints from the target (detach, kill). */
  /** A write to the guest, made again at the same place by time travel's re-executions (gdb_reverse.ts). */
  private travel_write(pkt: string, f: () => string): string {
    const tid = this.gthread?.t_tid ?? 0;
    return gdb_record(this.tgt, pkt, f, () => { this.gthread = this.thread_of({ pid: this.pid, tid }); f(); });
  }

  /** bs / bc: reverse-step one instruction of the current thread, reverse-continue to a breakpoint. */
  private reverse(body: string): string {
    const r = gdb_reverse(this.tgt, body, this.cur(), [...this.zbps.values()]);
    if ('error' in r) return r.error;
    this.gthread = this.thread_of({ pid: this.pid, tid: r.tid }) ?? this.cur();
    const reply = this.stopped(5, this.gthread, r.bp);
    return r.begin ? reply + 'replaylog:begin;' : reply;
  }

  private cleanup(): void {
    for (const id of this.zbps.values()) this.tgt.delete(id);
    this.zbps.clear();
  }

  private read_g(): string {
    const t = this.cur();
    if (!t) return ESRCH;
    return sparc_read_regs(this.tgt.k, this.tgt.m, t, (va) => this.word(va)).map(be32).join('');
  }

  private write_g(hex: string): string {
    const t = this.cur();
    if (!t || this.exit) return ESRCH;
    if (hex.length % 8 !== 0 || hex.length > SPARC_NREGS * 8 || !/^[0-9a-fA-Fx]*$/.test(hex)) return EINVAL;
    const old = sparc_read_regs(this.tgt.k, this.tgt.m, t, (va) => this.word(va));
    for (let n = 0; n * 8 < hex.length; n++) {
      const h = hex.substr(n * 8, 8);
      if (h.includes('x')) continue;
      const v = parseInt(h, 16) >>> 0;
      if (v === old[n]) continue;   // unchanged, or a register we cannot write
      sparc_write_reg(this.tgt.k, this.tgt.m, t, n, v, (va, w) => this.put_word(va, w));
    }
    return 'OK';
  }

  private read_p(body: string): string {
    if (!/^[0-9a-fA-F]{1,8}$/.test(body)) return EINVAL;
    const n = parseInt(body, 16);
    const t = this.cur();
    if (!t || this.exit) return ESRCH;
    if (n >= SPARC_NREGS) return EINVAL;
    return be32(sparc_read_regs(this.tgt.k, this.tgt.m, t, (va) => this.word(va))[n]);
  }

  private write_p(body: string): string {
    const m = /^([0-9a-fA-F]{1,8})=([0-9a-fA-F]{8})$/.exec(body);
    if (!m) return EINVAL;
    const t = this.cur();
    if (!t || this.exit) return ESRCH;
    return sparc_write_reg(this.tgt.k, this.tgt.m, t, parseInt(m[1], 16), parseInt(m[2], 16), (va, w) => this.put_word(va, w)) ? 'OK' : 'E01';
  }

  private addr_len(s: string): { addr: number; len: number } | null {
    const m = /^([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})$/.exec(s);
    return m ? { addr: parseInt(m[1], 16) >>> 0, len: parseInt(m[2], 16) >>> 0 } : null;
  }

  private read_m(body: string): string {
    const a = this.addr_len(body);
    if (!a) return EINVAL;
    if (a.len === 0) return '';
    const b = this.mem_read(a.addr, Math.min(a.len, (GDB_PACKET_SIZE - 4) >> 1));
    return b.length === 0 ? EFAULT : hex_of_bytes(b);
  }

  private write_m(body: string): string {
    const i = body.indexOf(':');
    const a = i >= 0 ? this.addr_len(body.slice(0, i)) : null;
    const data = i >= 0 ? bytes_of_hex(body.slice(i + 1)) : null;
    if (!a || !data || data.length !== a.len) return EINVAL;
    return this.mem_write(a.addr, data) ? 'OK' : EFAULT;
  }

  private write_x(body: string): string {
    const i = body.indexOf(':');
    const a = i >= 0 ? this.addr_len(body.slice(0, i)) : null;
    if (!a) return EINVAL;
    const data = rsp_unescape(body.slice(i + 1));
    if (data.length !== a.len) return EINVAL;
    const bytes = Uint8Array.from(data, (ch) => ch.charCodeAt(0));
    return this.mem_write(a.addr, bytes) ? 'OK' : EFAULT;
  }

  private zpacket(insert: boolean, body: string): string {
    const m = /^([0-4]),([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})(;.*)?$/.exec(body);
    if (!m) return EINVAL;
    const type = Number(m[1]);
    if (type > 1) return '';                  // watchpoints: not in this stub yet
    const addr = parseInt(m[2], 16) >>> 0;
    if (addr % 4 !== 0) return EINVAL;
    if (insert) {
      if (!this.zbps.has(addr)) {
        const b = this.tgt.add_bp('addr', `gdb Z${type}`, addr, { pids: [this.pid] });
        this.zbps.set(addr, b.id);
      }
    } else {
      const id = this.zbps.get(addr);
      if (id !== undefined) { this.tgt.delete(id); this.zbps.delete(addr); }
    }
    return 'OK';
  }

  private hpacket(body: string): string {
    const op = body[0];
    const id = this.parse_tid(body.slice(1));
    if ((op !== 'g' && op !== 'c') || !id) return EINVAL;
    if (id.pid === 0 && id.tid === 0) return 'OK';
    const t = this.thread_of(id);
    if (!t) return id.tid === -1 ? 'OK' : 'E01';
    if (op === 'g') this.gthread = t;
    return 'OK';
  }

  private resume_simple(c: string, body: string): string | null {
    // c [addr], s [addr], C sig[;addr], S sig[;addr]: the signal is not delivered.
    let addr = body;
    if (c === 'C' || c === 'S') {
      const m = /^[0-9a-fA-F]{1,2}(?:;([0-9a-fA-F]{1,8}))?$/.exec(body);
      if (!m) return EINVAL;
      addr = m[1] ?? '';
    }
    if (addr !== '' && !/^[0-9a-fA-F]{1,8}$/.test(addr)) return EINVAL;
    const t = this.cur();
    if (addr !== '' && t) {
      const pc = parseInt(addr, 16) >>> 0;
      sparc_write_reg(this.tgt.k, this.tgt.m, t, 68, pc, () => false);
      sparc_write_reg(this.tgt.k, this.tgt.m, t, 69, (pc + 4) >>> 0, () => false);
    }
    return this.resume(c === 's' || c === 'S' ? t : null);
  }

  private vpacket(pkt: string): string | null {
    if (pkt === 'vCont?') return 'vCont;c;C;s;S';
    if (pkt.startsWith('vCont;')) {
      let step: KThread | null = null;
      let any = false;
      for (const part of pkt.slice(6).split(';')) {
        const m = /^([cCsSt])([0-9a-fA-F]{2})?(?::(.+))?$/.exec(part);
        if (!m) return EINVAL;
        any = true;
        if (m[1] === 's' || m[1] === 'S') {
          const t = m[3] !== undefined ? this.parse_tid(m[3]) : { pid: this.pid, tid: 0 };
          const th = t ? this.thread_of(t) : null;
          if (!th) return 'E01';
          step ??= th;
        }
      }
      if (!any) return EINVAL;
      return this.resume(step);
    }
    if (pkt.startsWith('vKill')) { this.state = 'killed'; this.cleanup(); return 'OK'; }
    return '';
  }

  private query(pkt: string): string {
    if (pkt.startsWith('qSupported')) {
      const feats = pkt.slice(11).split(';');
      this.multiprocess = feats.includes('multiprocess+');
      this.swbreak = feats.includes('swbreak+');
      this.last_stop = this.exit ? this.stop_reply(0, null, false) : this.last_stop.replace(/thread:[^;]*;/, () => (this.gthread ? `thread:${this.tid_str(this.gthread)};` : ''));
      return `PacketSize=${GDB_PACKET_SIZE.toString(16)};qXfer:features:read+;qXfer:threads:read+;QStartNoAckMode+;vContSupported+;hwbreak+`
        + (this.multiprocess ? ';multiprocess+' : '') + (this.swbreak ? ';swbreak+' : '') + gdb_reverse_features(this.tgt);
    }
    if (pkt === 'QStartNoAckMode') { this.noack = true; return 'OK'; }
    if (pkt.startsWith('qAttached')) return '0';     // we started it: quitting gdb kills it
    if (pkt === 'qOffsets') return 'Text=0;Data=0;Bss=0';
    if (pkt.startsWith('qSymbol')) return 'OK';
    if (pkt === 'qC') { const t = this.cur(); return t ? `QC${this.tid_str(t)}` : ''; }
    if (pkt === 'qfThreadInfo') {
      const p = this.proc();
      const ts = p && !this.exit ? this.threads(p) : [];
      return ts.length ? 'm' + ts.map((t) => this.tid_str(t)).join(',') : 'l';
    }
    if (pkt === 'qsThreadInfo') return 'l';
    if (pkt.startsWith('qThreadExtraInfo,')) {
      const id = this.parse_tid(pkt.slice(17));
      const t = id ? this.thread_of(id) : null;
      return t ? hex_of_bytes(`${t.t_name}${t.t_cpu >= 0 && this.tgt.k.cpu_loaded[t.t_cpu] === t.t_lwp ? ` on cpu ${t.t_cpu}` : ''}`) : 'E01';
    }
    const xf = /^qXfer:(features|threads):read:([^:]*):([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})$/.exec(pkt);
    if (xf) {
      let doc: string;
      if (xf[1] === 'features') {
        if (xf[2] !== 'target.xml') return 'E00';
        doc = sparc_target_xml();
      } else {
        if (xf[2] !== '') return 'E00';
        doc = this.threads_xml();
      }
      const off = parseInt(xf[3], 16), len = parseInt(xf[4], 16);
      if (off > doc.length) return 'E16';
      const part = doc.slice(off, off + Math.min(len, GDB_PACKET_SIZE / 2));
      return (off + part.length >= doc.length ? 'l' : 'm') + rsp_escape(part);
    }
    if (pkt.startsWith('qXfer:')) return '';
    if (pkt.startsWith('qRcmd,')) return this.monitor(pkt.slice(6));
    return '';
  }

  /**
   * `monitor CMD` (qRcmd): an mdb command line on the stopped machine, its output as the reply.
   * Commands that run the machine (:c, ::step, ::cycles) or end the session are refused: gdb
   * would not know the machine moved.
   */
  private monitor(hex: string): string {
    const b = bytes_of_hex(hex);
    if (!b) return EINVAL;
    const line = String.fromCharCode(...b).trim();
    let text: string;
    if (/(^|[|;]\s*)(:c\b|::(cont|step|cycles)\b|\$q\b|\$<)/.test(line)) text = `monitor: '${line}' would run the machine or end the session behind gdb's back; use gdb's own commands\n`;
    else {
      this.mdb ??= new Mdb(this.tgt);
      const t = this.cur();
      if (t) this.tgt.cur_t = t;
      text = this.mdb.exec(line).map((l) => l + '\n').join('');
    }
    return hex_of_bytes(text === '' ? '\n' : text);
  }

  private threads_xml(): string {
    const p = this.proc();
    const ts = p && !this.exit ? this.threads(p) : [];
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    return `<?xml version="1.0"?>\n<threads>\n${ts.map((t) => `<thread id="${this.tid_str(t)}"${t.t_cpu >= 0 ? ` core="${t.t_cpu}"` : ''} name="${esc(t.t_procp.u_comm || 'lwp')}">${esc(t.t_name)}</thread>`).join('\n')}\n</threads>\n`;
  }

  // ---- running -------------------------------------------------------------------------------

  /** Start the machine (stepping thread `step` one instruction, or continuing). */
  private resume(step: KThread | null): string | null {
    if (this.exit) return this.last_stop;
    if (this.tgt.halted) return this.finish_halt();
    this.stepping = step !== null;
    if (step) this.tgt.step_arm(step, 1);
    this.interrupted = false;
    this.state = 'running';
    return null;
  }

  /** interrupt — gdb's 0x03: stop at the end of the running slice. */
  interrupt(): void { if (this.state === 'running') this.interrupted = true; }

  /**
   * run_slice — run the machine for one slice (GDB_SLICE_CYCLES); returns the stop reply when it
   * stopped (breakpoint, step done, interrupt, the program's end), else null: call again.
   */
  run_slice(): string | null {
    if (this.state !== 'running') return null;
    try {
      if (this.interrupted) return this.stopped(2, this.cur(), false);
      this.tgt.run_cycles(GDB_SLICE_CYCLES);
      if (this.exit) return this.stopped(0, null, false);
      if (this.tgt.halted) return this.finish_halt();
      const st = this.tgt.k.kdi_stopped;
      if (!st || st.kind === 'cycles') return this.interrupted ? this.stopped(2, this.cur(), false) : null;
      const t = st.t && st.t.t_procp.p_pid === this.pid ? st.t : this.cur();
      if (t) this.gthread = t;
      return this.stopped(5, t, st.kind === 'addr');
    } catch (e) {
      this.internal_errors++;
      this.last_error = e;
      return this.stopped(5, this.cur(), false);
    }
  }

  private stopped(sig: number, t: KThread | null, bp: boolean): string {
    if (this.stepping) { this.tgt.step_arm(null); this.stepping = false; }
    this.state = 'stopped';
    this.interrupted = false;
    this.last_stop = this.stop_reply(sig, t, bp);
    return this.last_stop;
  }

  /** The machine halted without our program's exit being seen (panic, deadlock, cycle limit). */
  private finish_halt(): string {
    if (!this.exit) this.exit = { why: 'killed', what: 6 };
    return this.stopped(0, null, false);
  }

  /** True once the inferior has exited (a W or X stop reply was sent). */
  get exited(): boolean { return this.exit !== null; }
}
