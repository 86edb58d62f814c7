/*
 * kernel/common/os/strict_check.ts — `--check=strict` (forkvm's own; cf. illumos's kmem_flags
 * auditing): at every return to user mode, after each system call and trap, the kernel checks
 * that the returning thread holds no lock, the process-table invariants (proc_check, when pidlock
 * is free), the page allocator (free list and freemem agree; every 256th time also the frames
 * marked free), and every anon slot that a live address space or a shm id can reach (a live
 * page, a count that covers every map holding it; equality is the halt-time leak check's, since a
 * fork in progress holds references no live process shows yet; over 4096 slots, every 256th
 * time). The ISA adds its own (SPARC: the window state). A violation is a panic naming it,
 * followed by the last system calls.
 */

import type { Proc } from '../sys/proc.ts';
import type { KThread } from '../sys/thread.ts';
import { SZOMB } from '../sys/proc.ts';
import { proc_check, type CheckKernel } from './proc_check.ts';
import { panic } from '../sys/debug.ts';
import type { PagePool } from '../vm/vm_page.ts';
import type { Anon, AnonMap } from '../vm/vm_anon.ts';
import type { As } from '../vm/vm_as.ts';
import { vm_of } from '../vm/vm_as.ts';
import { shm_table_find } from './shm.ts';

/** Recent system calls kept for the panic message (truss-style lines). */
export const STRICT_TRACE = 50;

interface StrictState { ring: string[]; n: number; slots: number }

/** The frame-by-frame page scan runs at every FULL_EVERY-th check (the counts at each). */
const FULL_EVERY = 256;
/** Anon slots one walk may visit before the walk is thinned out. */
const BIG_WALK = 4096;
const enabled = new WeakMap<object, StrictState>();

/** strict_enable — turn strict checking on for kernel `k`; returns the hook that records a syscall line. */
export function strict_enable(k: object): (line: string) => void {
  const st: StrictState = { ring: [], n: 0, slots: 0 };
  enabled.set(k, st);
  return (line) => { st.ring.push(line); if (st.ring.length > STRICT_TRACE) st.ring.shift(); };
}

/** strict_on — is strict checking on for k? (Read once per user_run: cheap when off.) */
export function strict_on(k: object): boolean { return enabled.has(k); }

/** The anon maps of an address space's segments (segvn's s_data.amp). */
function as_amps(as: As, out: Set<AnonMap>): void {
  for (const seg of as.a_segs) {
    const amp = (seg.s_data as { amp?: AnonMap | null } | null)?.amp;
    if (amp) out.add(amp);
  }
}

/** page accounting of one pool (with `full`, frame by frame); lines for what disagrees. */
function page_check(pl: PagePool, full: boolean): string[] {
  const out: string[] = [];
  const list = (pl as unknown as { p_freelist: number[] }).p_freelist;
  if (list.length !== pl.freemem) out.push(`freemem is ${pl.freemem} but the free list has ${list.length} pages`);
  if (!full) return out;
  let marked = 0;
  for (const pp of pl.p_pages) if (pp.p_free) marked++;
  if (marked !== pl.freemem) out.push(`freemem is ${pl.freemem} but ${marked} pages are marked free`);
  for (const pfn of list) if (!pl.p_pages[pfn]?.p_free) { out.push(`page ${pfn} is on the free list but not marked free`); break; }
  return out;
}

/** Anon slots reachable from live address spaces and shm ids; st.slots gets how many were walked. */
function anon_check(k: CheckKernel, pl: PagePool, st: StrictState): string[] {
  const out: string[] = [];
  const amps = new Set<AnonMap>();
  for (const p of k.practive as Proc[]) if (p.p_stat !== SZOMB && p.p_as) as_amps(p.p_as as As, amps);
  const tab = shm_table_find(k);
  if (tab) {
    for (const sp of tab.slots) if (sp) amps.add(sp.shm_amp);
    for (const sp of tab.zombies) amps.add(sp.shm_amp);
  }
  const refs = new Map<Anon, number>();
  st.slots = 0;
  for (const amp of amps) {
    st.slots += amp.ahp.length;
    for (const ap of amp.ahp) if (ap) refs.set(ap, (refs.get(ap) ?? 0) + 1);
  }
  for (const [ap, n] of refs) {
    if (ap.an_refcnt < n) out.push(`an anon slot has an_refcnt ${ap.an_refcnt} but ${n} maps hold it`);
    if (ap.an_page.p_free) out.push(`an anon slot in use has a free page (frame ${ap.an_page.p_pagenum})`);
    if (out.length > 3) break;
  }
  if (refs.size > pl.p_anonstats.ani_inuse) out.push(`${refs.size} anon slots are reachable but ani_inuse is ${pl.p_anonstats.ani_inuse}`);
  return out;
}

/**
 * strict_check_rtt — the strict checks at t's return to user, plus the ISA's findings `md`; panics
 * (naming the first violations and the last system calls) when any fails.
 */
export function strict_check_rtt(k: CheckKernel, t: KThread, md: string[] = []): void {
  const st = enabled.get(k);
  if (!st) return;
  const bad: string[] = [...md];
  if (t.t_locks.length > 0) bad.push(`pid ${t.t_procp.p_pid} lwp ${t.t_tid} returns to user holding ${t.t_locks.map((m) => m.m_name).join(', ')}`);
  bad.push(...proc_check(k));
  const pl = vm_of(k).pages;
  bad.push(...page_check(pl, st.n++ % FULL_EVERY === 0));
  // The anon walk costs a visit per slot of every live map: above BIG_WALK slots it runs at
  // every FULL_EVERY-th check only, so that strict runs of big address spaces still end.
  if (st.slots <= BIG_WALK || st.n % FULL_EVERY === 1) bad.push(...anon_check(k, pl, st));
  if (bad.length === 0) return;
  panic('strict_check', '%s; the last %d system calls:\n%s', bad.slice(0, 4).join('; '), st.ring.length, st.ring.join('\n'));
}
