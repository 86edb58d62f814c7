/*
 * debug/gdb_stub.ts — the packet dispatcher of the gdb remote stub over a DebugTarget: guest
 * processes are gdb's inferiors and their lwps its threads (`pPID.TID` once gdb offers
 * multiprocess). The first inferior is the program `forkvm run --gdb` started (or init); a fork
 * or vfork of an inferior adds the child as one (fork-events, vfork-events: gdb detaches the
 * children it does not follow with `D;PID`), exec reports `exec:` (exec-events); the inferiors'
 * bookkeeping is in gdb_inferiors.ts. Registers come from gdb_sparc.ts or gdb_i386.ts (the ISA
 * switch is gdb_arch.ts), memory from the address
 * space of the process `Hg` selected (a read never breaks copy-on-write sharing; a write goes
 * through the kernel's fault path with S_WRITE, so it copies a shared page for that process
 * only), breakpoints (Z0/Z1) from the CPU breakpoint unit, watchpoints (Z2-Z4) from its watch
 * unit (none on i386: Z2-Z4 are unsupported there and gdb watches in software), both per process. The machine runs in slices between packets (run_slice) so that an
 * interrupt from gdb is seen; every resume runs the whole machine. A signal about to be acted on
 * in an inferior stops it first (T<sig>, as under ptrace); C/S post theirs as they resume.
 * vFile (gdb_hostio.ts) lets gdb read the guest's files (the image an exec loaded).
 * Leaves out writes to read-only text.
 * `monitor CMD` runs an mdb command line (debug/mdb.ts) on the stopped machine.
 */

import type { DebugTarget } from './target.ts';
import { hex } from './target.ts';
import type { KThread } from '../kernel/common/sys/thread.ts';
import { SZOMB } from '../kernel/common/sys/proc.ts';
import { as_fault, type As } from '../kernel/common/vm/vm_as.ts';
import { copyout } from '../kernel/common/os/copy.ts';
import { F_INVAL, S_READ } from '../kernel/common/vm/seg.ts';
import { psignal, tsignal, sigtoproc, type SigInfo } from '../kernel/common/os/sig.ts';
import type { KdiStop } from '../kernel/common/os/kdi.ts';
import { SIGKILL } from '../kernel/common/sys/signal.ts';
import { Inferiors, GDB_EVENT_STOP } from './gdb_inferiors.ts';
import { HostIo } from './gdb_hostio.ts';
import { hex_of_bytes, bytes_of_hex, rsp_escape, rsp_unescape, rsp_rle_decode } from './gdb_rsp.ts';
import { Mdb } from './mdb.ts';
import './dcmds_proc.ts';
import './dcmds_vm.ts';
import './dcmds_sync.ts';
import './dcmds_cpu.ts';
import './dcmds_ctl.ts';
import './dcmds_print.ts';
import { gdb_reverse, gdb_reverse_features, gdb_record } from './gdb_reverse.ts';
import { gdb_arch, reg_hex, reg_of_hex, type GdbArch } from './gdb_arch.ts';

/** The largest packet we take and send (qSupported PacketSize, in hex there). */
export const GDB_PACKET_SIZE = 0x4000;
/** Cycles the machine runs per slice while gdb waits for a stop. */
export const GDB_SLICE_CYCLES = 2_000_000;

const EFAULT = 'E0e', EINVAL = 'E16', ESRCH = 'E03';
/** The stop kind of a signal intercepted for gdb. */
const GDB_SIGNAL_STOP = 'gdb-signal';

/** gdb's signal numbers for Solaris ones 16.. (1-15 agree). */
const GDB_SIGNO: Record<number, number> = {
  16: 30, 17: 31, 18: 20, 19: 32, 20: 28, 21: 16, 22: 33, 23: 17, 24: 18, 25: 19, 26: 21, 27: 22, 28: 26, 29: 27, 30: 24, 31: 25, 32: 36, 33: 37,
};

/** gdb's signal number for a Solaris one a process can die of. */
function gdb_signo(sig: number): number {
  return sig >= 1 && sig <= 15 ? sig : GDB_SIGNO[sig] ?? 143;
}

/** The Solaris signal for gdb's signal number (C, S, vCont;C), or 0 when there is none. */
export function solaris_signo(gsig: number): number {
  if (gsig >= 1 && gsig <= 15) return gsig;
  for (const [s, g] of Object.entries(GDB_SIGNO)) if (g === gsig) return Number(s);
  return 0;
}

function hex2(n: number): string { return (n & 0xff).toString(16).padStart(2, '0'); }

/** What the stub does with the session once a packet is handled. */
export type StubState = 'stopped' | 'running' | 'exited' | 'killed' | 'detached';

/**
 * GdbStub — one gdb session on a stopped DebugTarget, its first inferior process `pid`
 * (`attached`: gdb's qAttached answer for it — 0 for a program started for gdb, which quitting gdb
 * kills). handle() answers a packet (a reply payload, or null for none: the machine is running,
 * or the session ended); while `state` is 'running' the caller calls run_slice() until it returns
 * the stop reply. Nothing it is given makes it throw: internal errors become `E7f` and are
 * counted in `internal_errors`.
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
  /** The processes debugged and the events for gdb. */
  readonly inf: Inferiors;
  /** The thread g/m/G/M/Z packets act on (Hg), the one the last stop was in. */
  private gthread: KThread | null;
  private last_stop: string;
  private interrupted = false;
  /** Every inferior is gone: the session's end (the last W or X stop reply was sent). */
  private exit: { why: string; what: number; pid: number } | null = null;
  private stepping = false;
  private mdb: Mdb | null = null;
  private hostio: HostIo | null = null;
  /** The signal the last stop intercepted (T<sig>), to be posted again if gdb passes it. */
  private caught: { t: KThread; sig: number; info: SigInfo } | null = null;
  /** Signals gdb posted with C/S/vCont;C: delivered without another stop. */
  private readonly passing: { t: KThread; sig: number }[] = [];

  /** The ISA's registers, target description and limits. */
  readonly arch: GdbArch;

  constructor(readonly tgt: DebugTarget, readonly pid: number, attached = false) {
    this.arch = gdb_arch(tgt.m.config.isa);
    this.inf = new Inferiors(tgt, pid, attached);
    this.gthread = this.inf.threads(pid)[0] ?? null;
    if (tgt.cur_t && tgt.cur_t.t_procp.p_pid === pid) this.gthread = tgt.cur_t;
    this.last_stop = this.stop_reply(5, this.gthread, false);
    tgt.signal_hook = (t, sig, info) => this.on_signal(t, sig, info);
  }

  /** A signal for an inferior's lwp: stop and tell gdb (which posts it again to pass it), unless gdb posted it. */
  private on_signal(t: KThread, sig: number, info: SigInfo): KdiStop | null {
    if (!this.inf.map.has(t.t_procp.p_pid)) return null;
    const i = this.passing.findIndex((x) => x.t === t && x.sig === sig);
    if (i >= 0) { this.passing.splice(i, 1); return null; }
    this.caught = { t, sig, info };
    return { kind: GDB_SIGNAL_STOP, detail: `pid ${t.t_procp.p_pid} lwp ${t.t_tid}: signal ${sig} for gdb`, t };
  }

  private tid_str(t: KThread): string {
    return this.multiprocess ? `p${t.t_procp.p_pid.toString(16)}.${t.t_tid.toString(16)}` : t.t_tid.toString(16);
  }

  /** The process packets without a pid mean: the selected thread's, else the first inferior. */
  private gpid(): number {
    const p = this.gthread?.t_procp.p_pid;
    return p !== undefined && this.inf.map.has(p) ? p : this.inf.pids()[0] ?? this.pid;
  }

  /** A thread id of a packet: `p<pid>.<tid>`, `p<pid>` or `<tid>` (hex; -1 all, 0 any). Null when malformed. */
  private parse_tid(s: string): { pid: number; tid: number } | null {
    const m = /^p(-1|[0-9a-fA-F]{1,8})(?:\.(-1|[0-9a-fA-F]{1,8}))?$/.exec(s) ?? /^()(-1|[0-9a-fA-F]{1,8})$/.exec(s);
    if (!m) return null;
    const num = (x: string | undefined) => (x === undefined || x === '-1' ? -1 : parseInt(x, 16));
    if (m[1] === '') return { pid: this.multiprocess ? 0 : this.gpid(), tid: num(m[2]) };
    return { pid: num(m[1]), tid: num(m[2]) };
  }

  /** The thread an id names (pid or tid 0 / -1: the selected one or the first); null when not ours or gone. */
  private thread_of(id: { pid: number; tid: number }): KThread | null {
    const pid = id.pid === -1 || id.pid === 0 ? (id.tid === -1 || id.tid === 0 ? this.gpid() : null) : id.pid;
    const cands = pid !== null ? [pid] : this.inf.pids();
    for (const p of cands) {
      const ts = this.inf.threads(p);
      if (id.tid === -1 || id.tid === 0) {
        if (this.gthread && ts.includes(this.gthread)) return this.gthread;
        if (ts[0]) return ts[0];
        continue;
      }
      const t = ts.find((x) => x.t_tid === id.tid);
      if (t) return t;
    }
    return null;
  }

  private cur(): KThread | null { return this.thread_of({ pid: 0, tid: 0 }); }

  private stop_reply(sig: number, t: KThread | null, swbreak: boolean, extra = ''): string {
    if (this.exit) return this.exit_reply(this.exit);
    return `T${hex2(sig)}${extra}${t ? `thread:${this.tid_str(t)};` : ''}${swbreak && this.swbreak ? 'swbreak:;' : ''}`;
  }

  private exit_reply(e: { why: string; what: number; pid: number }): string {
    const suffix = this.multiprocess ? `;process:${e.pid.toString(16)}` : '';
    return e.why === 'exited' ? `W${hex2(e.what)}${suffix}` : `X${hex2(gdb_signo(e.what))}${suffix}`;
  }

  // ---- memory --------------------------------------------------------------------------------

  /** The address space g/m packets use: the selected thread's process's (every lwp shares it). */
  private as(): As | null {
    return this.inf.proc(this.gpid())?.p_as ?? null;
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
      for (const s of this.arch.save_areas(this.tgt.k, this.tgt.m, t)) {
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
      for (const s of this.arch.save_areas(this.tgt.k, this.tgt.m, t)) {
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

  /** A big-endian user word (what the sparc register reader and writer need). */
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
      case '!': return 'OK';                 // extended mode: the session outlives its inferiors anyway
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
        return id && this.thread_of(id) ? 'OK' : 'E01';
      }
      case 'D': return this.detach(body);
      case 'k': this.state = 'killed'; this.cleanup(); return null;
      default: return '';
    }
  }

  /** A write to the guest, made again at the same place by time travel's re-executions (gdb_reverse.ts). */
  private travel_write(pkt: string, f: () => string): string {
    const pid = this.gthread?.t_procp.p_pid ?? this.gpid(), tid = this.gthread?.t_tid ?? 0;
    return gdb_record(this.tgt, pkt, f, () => { this.gthread = this.thread_of({ pid, tid }); f(); });
  }

  /**
   * bs / bc: reverse-step one instruction of the current thread, reverse-continue to one of gdb's
   * breakpoints (any inferior's). Events the re-execution passed again are history: dropped.
   */
  private reverse(body: string): string {
    const pid = this.gthread?.t_procp.p_pid ?? this.gpid();
    const bps = this.inf.pids().flatMap((p) => [...(this.inf.map.get(p)?.zbps.values() ?? [])]);
    const r = gdb_reverse(this.tgt, body, this.cur(), bps);
    if ('error' in r) return r.error;
    this.inf.events.length = 0;
    this.gthread = this.thread_of({ pid: this.tgt.cur_t?.t_procp.p_pid ?? pid, tid: r.tid }) ?? this.thread_of({ pid, tid: r.tid }) ?? this.cur();
    const reply = this.stopped(5, this.gthread, r.bp);
    return r.begin ? reply + 'replaylog:begin;' : reply;
  }

  /** D or D;PID: stop debugging one inferior (it runs on, without gdb's breakpoints) or all. */
  private detach(body: string): string {
    if (body === '') { this.state = 'detached'; this.cleanup(); return 'OK'; }
    const m = /^;([0-9a-fA-F]{1,8})$/.exec(body);
    if (!m) return EINVAL;
    const pid = parseInt(m[1], 16);
    if (!this.inf.remove(pid)) return 'E01';
    if (this.inf.map.size === 0) this.state = 'detached';
    else if (this.gthread?.t_procp.p_pid === pid) this.gthread = this.cur();
    return 'OK';
  }

  /** Remove gdb's breakpoints and watchpoints from the target, and its signal interception (detach, kill). */
  private cleanup(): void {
    for (const pid of this.inf.pids()) this.inf.remove(pid);
    if (this.tgt.signal_hook) this.tgt.signal_hook = null;
  }

  private read_g(): string {
    const t = this.cur();
    if (!t) return ESRCH;
    const a = this.arch;
    return a.read_regs(this.tgt.k, this.tgt.m, t, (va) => this.word(va)).map((v, n) => reg_hex(v, a.size(n), a.little)).join('');
  }

  private write_g(hex: string): string {
    const t = this.cur();
    if (!t || this.exit) return ESRCH;
    const a = this.arch;
    const ends: number[] = [];
    for (let n = 0, at = 0; n < a.nregs; n++) { at += a.size(n) * 2; ends.push(at); }
    if (!/^[0-9a-fA-Fx]*$/.test(hex) || hex.length > ends[ends.length - 1] || (hex.length > 0 && !ends.includes(hex.length))) return EINVAL;
    const old = a.read_regs(this.tgt.k, this.tgt.m, t, (va) => this.word(va));
    for (let n = 0, at = 0; at < hex.length; at = ends[n], n++) {
      const h = hex.slice(at, ends[n]);
      if (h.includes('x')) continue;
      const v = reg_of_hex(h, a.little);
      if (v === null || v === old[n]) continue;   // unchanged, or a register we cannot write
      a.write_reg(this.tgt.k, this.tgt.m, t, n, v, (va, w) => this.put_word(va, w));
    }
    return 'OK';
  }

  private read_p(body: string): string {
    if (!/^[0-9a-fA-F]{1,8}$/.test(body)) return EINVAL;
    const n = parseInt(body, 16);
    const t = this.cur();
    if (!t || this.exit) return ESRCH;
    const a = this.arch;
    if (n >= a.nregs) return EINVAL;
    return reg_hex(a.read_regs(this.tgt.k, this.tgt.m, t, (va) => this.word(va))[n], a.size(n), a.little);
  }

  private write_p(body: string): string {
    const m = /^([0-9a-fA-F]{1,8})=([0-9a-fA-F]+)$/.exec(body);
    const a = this.arch;
    const n = m ? parseInt(m[1], 16) : -1;
    if (!m || m[2].length !== (n < a.nregs ? a.size(n) : 4) * 2) return EINVAL;
    const t = this.cur();
    if (!t || this.exit) return ESRCH;
    if (n >= a.nregs) return 'E01';
    return a.write_reg(this.tgt.k, this.tgt.m, t, n, reg_of_hex(m[2], a.little)!, (va, w) => this.put_word(va, w)) ? 'OK' : 'E01';
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

  /** Z/z: breakpoints (0 sw, 1 hw: both the CPU's breakpoint unit) and watchpoints (2 write, 3 read, 4 access), in the selected process. */
  private zpacket(insert: boolean, body: string): string {
    const m = /^([0-4]),([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})(;.*)?$/.exec(body);
    if (!m) return EINVAL;
    const type = Number(m[1]);
    const addr = parseInt(m[2], 16) >>> 0;
    const len = parseInt(m[3], 16) >>> 0;
    const pid = this.gpid();
    const inf = this.inf.map.get(pid);
    if (!inf || !this.inf.proc(pid)) return ESRCH;
    if (type >= 2) {
      if (!this.arch.watch) return '';      // no watch unit: gdb falls back to software watchpoints
      if (!(len >= 1 && len <= 4096) || addr + len > 0x100000000) return EINVAL;
      const key = `${type},${addr},${len}`;
      const id = inf.wps.get(key);
      if (insert && id === undefined) {
        const rw = type === 2 ? 2 : type === 3 ? 1 : 3;
        const b = this.tgt.add_bp('watch', `gdb Z${type} ${hex(addr)},${len}`, addr, { pids: [pid], len, rw });
        inf.wps.set(key, b.id);
      } else if (!insert && id !== undefined) { this.tgt.delete(id); inf.wps.delete(key); }
      return 'OK';
    }
    if (addr % this.arch.bp_align !== 0) return EINVAL;
    if (insert) {
      if (!inf.zbps.has(addr)) {
        const b = this.tgt.add_bp('addr', `gdb Z${type}`, addr, { pids: [pid] });
        inf.zbps.set(addr, b.id);
      }
    } else {
      const id = inf.zbps.get(addr);
      if (id !== undefined) { this.tgt.delete(id); inf.zbps.delete(addr); }
    }
    return 'OK';
  }

  private hpacket(body: string): string {
    const op = body[0];
    const id = this.parse_tid(body.slice(1));
    if ((op !== 'g' && op !== 'c') || !id) return EINVAL;
    if (id.pid === 0 && id.tid === 0) return 'OK';
    const t = this.thread_of(id);
    if (!t) return id.pid <= 0 && id.tid === -1 ? 'OK' : 'E01';
    if (op === 'g') this.gthread = t;
    return 'OK';
  }

  /** Post gdb signal `gsig` (0: none) to thread t before it resumes (C, S, vCont;C). */
  private deliver(t: KThread | null, gsig: number): boolean {
    if (gsig === 0) return true;
    const sig = solaris_signo(gsig);
    if (sig === 0 || !t) return false;
    // The signal the stop intercepted goes back with its siginfo; any other is gdb's own (SI_NOINFO).
    const c = this.caught;
    if (c && c.t === t && c.sig === sig) sigtoproc(t.t_procp, t, sig, c.info);
    else tsignal(t, sig);
    this.caught = null;
    this.passing.push({ t, sig });
    return true;
  }

  private resume_simple(c: string, body: string): string | null {
    // c [addr], s [addr], C sig[;addr], S sig[;addr]
    let addr = body;
    let gsig = 0;
    if (c === 'C' || c === 'S') {
      const m = /^([0-9a-fA-F]{1,2})(?:;([0-9a-fA-F]{1,8}))?$/.exec(body);
      if (!m) return EINVAL;
      gsig = parseInt(m[1], 16);
      addr = m[2] ?? '';
    }
    if (addr !== '' && !/^[0-9a-fA-F]{1,8}$/.test(addr)) return EINVAL;
    const t = this.cur();
    if (gsig !== 0 && !this.deliver(t, gsig)) return EINVAL;
    if (addr !== '' && t) {
      const pc = parseInt(addr, 16) >>> 0;
      this.arch.set_pc(this.tgt.k, this.tgt.m, t, pc);
    }
    return this.resume(c === 's' || c === 'S' ? t : null);
  }

  private vpacket(pkt: string): string | null {
    if (pkt === 'vCont?') return 'vCont;c;C;s;S';
    if (pkt.startsWith('vCont;')) {
      let step: KThread | null = null;
      const sigs: [KThread, number][] = [];
      let any = false;
      for (const part of pkt.slice(6).split(';')) {
        const m = /^([cCsSt])([0-9a-fA-F]{2})?(?::(.+))?$/.exec(part);
        if (!m || ((m[1] === 'C' || m[1] === 'S') !== (m[2] !== undefined))) return EINVAL;
        any = true;
        const id = m[3] !== undefined ? this.parse_tid(m[3]) : { pid: 0, tid: 0 };
        if (!id) return EINVAL;
        const th = this.thread_of(id);
        if (m[1] === 's' || m[1] === 'S') {
          if (!th) return 'E01';
          step ??= th;
        }
        if (m[2] !== undefined && th) sigs.push([th, parseInt(m[2], 16)]);
      }
      if (!any) return EINVAL;
      for (const [th, g] of sigs) if (!this.deliver(th, g)) return EINVAL;
      return this.resume(step);
    }
    if (pkt === 'vKill' || pkt.startsWith('vKill;')) return this.vkill(pkt.slice(6));
    if (pkt.startsWith('vAttach;')) return this.vattach(pkt.slice(8));
    if (pkt.startsWith('vRun;') || pkt === 'vRun') return 'E01';       // processes start from the guest, not from gdb
    if (pkt.startsWith('vFile:')) return (this.hostio ??= new HostIo(this.tgt.k, GDB_PACKET_SIZE)).handle(pkt.slice(6));
    return '';
  }

  /** vKill;PID: SIGKILL one inferior (gdb forgets it); the last one (or a bare vKill) ends the session. */
  private vkill(arg: string): string {
    if (arg !== '' && !/^[0-9a-fA-F]{1,8}$/.test(arg)) return EINVAL;
    const pid = arg === '' ? -1 : parseInt(arg, 16);
    if (pid !== -1 && !this.inf.map.has(pid)) return 'E01';
    if (pid === -1 || this.inf.map.size === 1) { this.state = 'killed'; this.cleanup(); return 'OK'; }
    const p = this.inf.proc(pid);
    this.inf.remove(pid);
    if (p) psignal(p, SIGKILL);
    if (this.gthread?.t_procp.p_pid === pid) this.gthread = this.cur();
    return 'OK';
  }

  /** vAttach;PID: make a guest process an inferior; the reply is its stop (signal 0). */
  private vattach(arg: string): string {
    if (!/^[0-9a-fA-F]{1,8}$/.test(arg)) return EINVAL;
    const pid = parseInt(arg, 16);
    const p = this.tgt.k.pids.all().find((x) => x.p_pid === pid && x.p_stat !== SZOMB);
    if (!p || pid === 0 || !p.p_as) return 'E01';
    this.inf.add(pid, true);
    const t = this.inf.threads(pid)[0] ?? null;
    if (!t) { this.inf.remove(pid); return 'E01'; }
    this.gthread = t;
    this.last_stop = this.stop_reply(0, t, false);
    return this.last_stop;
  }

  private query(pkt: string): string {
    if (pkt.startsWith('qSupported')) {
      const feats = pkt.slice(11).split(';');
      this.multiprocess = feats.includes('multiprocess+');
      this.swbreak = feats.includes('swbreak+');
      this.inf.fork_events = this.multiprocess && feats.includes('fork-events+');
      this.inf.vfork_events = this.multiprocess && feats.includes('vfork-events+');
      this.inf.exec_events = this.multiprocess && feats.includes('exec-events+');
      this.last_stop = this.exit ? this.stop_reply(0, null, false) : this.last_stop.replace(/thread:[^;]*;/, () => (this.gthread ? `thread:${this.tid_str(this.gthread)};` : ''));
      return `PacketSize=${GDB_PACKET_SIZE.toString(16)};qXfer:features:read+;qXfer:threads:read+;QStartNoAckMode+;vContSupported+;hwbreak+`
        + (this.multiprocess ? ';multiprocess+' : '') + (this.swbreak ? ';swbreak+' : '')
        + (this.inf.fork_events ? ';fork-events+' : '') + (this.inf.vfork_events ? ';vfork-events+' : '')
        + (this.inf.exec_events ? ';exec-events+' : '') + gdb_reverse_features(this.tgt);
    }
    if (pkt === 'QStartNoAckMode') { this.noack = true; return 'OK'; }
    if (pkt === 'qAttached' || pkt.startsWith('qAttached:')) {
      const arg = pkt.slice(10);
      if (arg !== '' && !/^[0-9a-fA-F]{1,8}$/.test(arg)) return EINVAL;
      const inf = this.inf.map.get(arg === '' ? this.gpid() : parseInt(arg, 16));
      return inf ? (inf.attached ? '1' : '0') : 'E01';
    }
    if (pkt === 'qOffsets') return 'Text=0;Data=0;Bss=0';
    if (pkt.startsWith('qSymbol')) return 'OK';
    if (pkt === 'qC') { const t = this.cur(); return t ? `QC${this.tid_str(t)}` : ''; }
    if (pkt === 'qfThreadInfo') {
      const ts = this.all_threads();
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
        doc = this.arch.target_xml();
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

  /** Every inferior's threads (none once the session is over; without multiprocess, the selected process's). */
  private all_threads(): KThread[] {
    if (this.exit) return [];
    const pids = this.multiprocess ? this.inf.pids() : [this.gpid()];
    return pids.flatMap((p) => this.inf.threads(p));
  }

  private threads_xml(): string {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    return `<?xml version="1.0"?>\n<threads>\n${this.all_threads().map((t) => `<thread id="${this.tid_str(t)}"${t.t_cpu >= 0 ? ` core="${t.t_cpu}"` : ''} name="${esc(t.t_procp.u_comm || 'lwp')}">${esc(t.t_name)}</thread>`).join('\n')}\n</threads>\n`;
  }

  // ---- running -------------------------------------------------------------------------------

  /** Start the machine (stepping thread `step` one instruction, or continuing). */
  private resume(step: KThread | null): string | null {
    if (this.exit) return this.last_stop;
    if (this.tgt.halted && this.inf.events.length === 0) return this.finish_halt();
    this.caught = null;          // not passed on: the intercepted signal is gone
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
   * stopped (breakpoint, watchpoint, step done, interrupt, a fork/vfork/exec event, an
   * inferior's end), else null: call again.
   */
  run_slice(): string | null {
    if (this.state !== 'running') return null;
    try {
      if (this.inf.events.length > 0) return this.event_stop();
      if (this.interrupted) return this.stopped(2, this.cur(), false);
      this.tgt.run_cycles(GDB_SLICE_CYCLES);
      if (this.inf.events.length > 0) return this.event_stop();
      if (this.tgt.halted) return this.finish_halt();
      const st = this.tgt.k.kdi_stopped;
      if (!st || st.kind === 'cycles' || st.kind === GDB_EVENT_STOP) return this.interrupted ? this.stopped(2, this.cur(), false) : null;
      const t = st.t && this.inf.map.has(st.t.t_procp.p_pid) ? st.t : this.cur();
      if (t) this.gthread = t;
      if (st.kind === GDB_SIGNAL_STOP && this.caught) return this.stopped(gdb_signo(this.caught.sig), t, false);
      if (st.kind === 'watch' && this.tgt.watch_hit) {
        const h = this.tgt.watch_hit;
        this.tgt.watch_hit = null;
        const key = /^gdb Z(\d)/.exec(h.bp.what)?.[1];
        const name = key === '3' ? 'rwatch' : key === '4' ? 'awatch' : 'watch';
        return this.stopped(5, t, false, `${name}:${Math.max(h.va, h.bp.addr).toString(16)};`);
      }
      return this.stopped(5, t, st.kind === 'addr');
    } catch (e) {
      this.internal_errors++;
      this.last_error = e;
      return this.stopped(5, this.cur(), false);
    }
  }

  /** Report the oldest queued event as the stop. */
  private event_stop(): string {
    const e = this.inf.events.shift()!;
    if (e.kind === 'exit') {
      const r = this.exit_reply(e);
      this.inf.remove(e.pid);
      if (this.inf.map.size === 0) this.exit = { why: e.why, what: e.what, pid: e.pid };
      else if (this.gthread?.t_procp.p_pid === e.pid) this.gthread = this.cur();
      this.stopped(0, null, false);
      this.last_stop = r;
      return r;
    }
    this.gthread = e.t;
    const extra = e.kind === 'exec' ? `exec:${hex_of_bytes(e.path)};`
      : e.kind === 'vforkdone' ? 'vforkdone:;'
      : `${e.kind}:${this.multiprocess ? `p${e.child.toString(16)}.` : ''}${(this.inf.threads(e.child)[0]?.t_tid ?? 1).toString(16)};`;
    return this.stopped(5, e.t, false, extra);
  }

  private stopped(sig: number, t: KThread | null, bp: boolean, extra = ''): string {
    if (this.stepping) { this.tgt.step_arm(null); this.stepping = false; }
    this.state = 'stopped';
    this.interrupted = false;
    this.last_stop = this.stop_reply(sig, t, bp, extra);
    return this.last_stop;
  }

  /** The machine halted without every inferior's exit being seen (panic, deadlock, cycle limit). */
  private finish_halt(): string {
    if (!this.exit) this.exit = { why: 'killed', what: 6, pid: this.inf.pids()[0] ?? this.pid };
    return this.stopped(0, null, false);
  }

  /** True once every inferior has exited (the last W or X stop reply was sent). */
  get exited(): boolean { return this.exit !== null; }
}
