/*
 * kernel/common/os/lockstat.ts — lock statistics (the kernel half of illumos lockstat: the
 * adaptive-mutex spin and block probes of uts/common/os/mutex.c, aggregated as lockstat(1M) does),
 * and the report `--lockstat` prints at halt in lockstat's default layout. Times are in simulated
 * cycles (the machine has no nanoseconds). Leaves out rwlocks, spin locks and hold-time events;
 * every lock here is an adaptive kmutex_t.
 */

/** Counts of one lock class (pidlock, p_lock, pipe_lock ...) or one (lock, caller) pair. */
export interface LockCounts { count: number; cycles: number }

/** Per-class totals: acquisitions, contended acquisitions, spin and block events and cycles. */
export interface LockClassStats {
  acquired: number;
  contended: number;
  spins: number;
  spin_cycles: number;
  blocks: number;
  block_cycles: number;
}

/** Lockstat — what the probes gathered; the kernel has one when --lockstat is on. */
export class Lockstat {
  /** (lock name, caller) → spin events and cycles; the same for blocks. */
  readonly spin = new Map<string, LockCounts>();
  readonly block = new Map<string, LockCounts>();
  readonly classes = new Map<string, LockClassStats>();

  private cls(c: string): LockClassStats {
    let s = this.classes.get(c);
    if (!s) { s = { acquired: 0, contended: 0, spins: 0, spin_cycles: 0, blocks: 0, block_cycles: 0 }; this.classes.set(c, s); }
    return s;
  }

  /** lockstat_acquire — one acquisition of a lock of class `c`. */
  acquire(c: string): void { this.cls(c).acquired++; }

  /**
   * lockstat_contended — one contended acquisition of lock `name` (class `c`) by `caller`, after
   * `spin` cycles spinning and `block` cycles blocked (either may be 0).
   */
  contended(c: string, name: string, caller: string, spin: number, block: number): void {
    const s = this.cls(c);
    s.contended++;
    const key = `${name}\u0000${caller}`;
    if (spin > 0) {
      s.spins++; s.spin_cycles += spin;
      const e = this.spin.get(key) ?? { count: 0, cycles: 0 };
      e.count++; e.cycles += spin;
      this.spin.set(key, e);
    }
    if (block > 0) {
      s.blocks++; s.block_cycles += block;
      const e = this.block.get(key) ?? { count: 0, cycles: 0 };
      e.count++; e.cycles += block;
      this.block.set(key, e);
    }
  }
}

function pad(s: string, n: number): string { return s.length >= n ? s : s + ' '.repeat(n - s.length); }
function lpad(s: string, n: number): string { return s.length >= n ? s : ' '.repeat(n - s.length) + s; }

/** One event table ("Adaptive mutex spin: ..."), rows by count then name, as lockstat sorts. */
function table(title: string, events: Map<string, LockCounts>, elapsed: number, top: number): string[] {
  const rows = [...events.entries()].map(([k, v]) => { const [lock, caller] = k.split('\u0000'); return { lock, caller, ...v }; });
  rows.sort((a, b) => b.count - a.count || b.cycles - a.cycles || (a.lock + a.caller < b.lock + b.caller ? -1 : 1));
  const total = rows.reduce((a, r) => a + r.count, 0);
  const out: string[] = [];
  out.push(`${title}: ${total} events in ${elapsed} cycles`);
  out.push('');
  out.push('Count indv cuml rcnt   cycles Lock                   Caller');
  out.push('-'.repeat(79));
  let cuml = 0;
  for (const r of rows.slice(0, top)) {
    cuml += r.count;
    const indv = Math.round((r.count / total) * 100);
    const cum = Math.round((cuml / total) * 100);
    out.push(`${lpad(String(r.count), 5)} ${lpad(indv + '%', 4)} ${lpad(cum + '%', 4)} 1.00 ${lpad(String(Math.round(r.cycles / r.count)), 8)} ${pad(r.lock, 22)} ${r.caller}`);
  }
  if (rows.length > top) out.push(`(${rows.length - top} more rows)`);
  return out;
}

/**
 * lockstat_report — the text `--lockstat` prints: lockstat(1M)'s default contention report (spin
 * and block tables, Count indv cuml rcnt time Lock Caller, time = average cycles per event),
 * followed by the per-class totals (acquisitions, contended ones, spin and block cycles).
 */
export function lockstat_report(ls: Lockstat, elapsed: number, top = 20): string[] {
  const out: string[] = [];
  out.push('', ...table('Adaptive mutex spin', ls.spin, elapsed, top));
  out.push('', ...table('Adaptive mutex block', ls.block, elapsed, top));
  out.push('');
  out.push('Lock class         Acquired  Contended    Spins  Spin cycles   Blocks Block cycles');
  out.push('-'.repeat(79));
  const names = [...ls.classes.keys()].sort((a, b) => ls.classes.get(b)!.acquired - ls.classes.get(a)!.acquired || (a < b ? -1 : 1));
  for (const n of names) {
    const s = ls.classes.get(n)!;
    out.push(`${pad(n, 16)} ${lpad(String(s.acquired), 10)} ${lpad(String(s.contended), 10)} ${lpad(String(s.spins), 8)} ${lpad(String(s.spin_cycles), 12)} ${lpad(String(s.blocks), 8)} ${lpad(String(s.block_cycles), 12)}`);
  }
  return out;
}

/**
 * lockstat_caller — the kernel function that called mutex_enter (the first stack frame outside
 * the lock code), the "Caller" column. Only computed for contended acquisitions with --lockstat.
 */
export function lockstat_caller(): string {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /^\s*at (?:Generator\.next \(|)(?:\w+\.)?([\w$]+)/.exec(line);
    if (!m) continue;
    const fn = m[1];
    if (/^(lockstat_caller|mutex_enter|cv_wait|cv_wait_sig|cv_timedwait_sig|next|Generator|Object|new|anonymous|at)$/.test(fn)) continue;
    if (/mutex\.ts|condvar\.ts|lockstat\.ts/.test(line)) continue;
    return fn;
  }
  return '?';
}
