/*
 * debug/kaddr.ts — addresses for kernel objects. The kernel is TypeScript objects, so the debugger
 * gives each one the address mdb would print: stable ones derived from identity (a proc_t from
 * its pid, a kthread_t and klwp_t from the thread id, a page_t from its frame number, a cpu_t from
 * its id, p_lock at its offset in the proc_t, pidlock and practive at fixed symbols), the rest
 * (struct as, seg, anon_map, anon, other mutexes) numbered in the order the session first meets
 * them, which a scripted session makes deterministic. Also the reverse: address → object.
 */

import type { Kernel } from '../kernel/common/os/main.ts';
import { Proc } from '../kernel/common/sys/proc.ts';
import { KThread } from '../kernel/common/sys/thread.ts';
import { Lwp } from '../kernel/common/sys/klwp.ts';
import { KMutex } from '../kernel/common/sys/mutex.ts';
import { Page } from '../kernel/common/vm/vm_page.ts';
import { vm_of } from '../kernel/common/vm/vm_as.ts';

/** Fixed symbols of kernel globals. */
export const SYM_PIDLOCK = 0xf0801000, SYM_PRACTIVE = 0xf0801040, SYM_CPU0 = 0xf0900000;
const PROC_BASE = 0xf5000000, PROC_SIZE = 0x400, P_LOCK_OFF = 0x10;
const THREAD_BASE = 0xf8000000, THREAD_SIZE = 0x200, LWP_BASE = 0xfa000000, LWP_SIZE = 0x100;
const PAGE_BASE = 0xfc000000, PAGE_SIZE_T = 0x40, CPU_SIZE = 0x400;
const HEAP_BASE = 0xe0000000;

/** A cpu_t stands for CPU number `id` (there is no kernel object per CPU). */
export class CpuRef { constructor(readonly id: number) {} }

/** KAddr — the address book of one debugging session. */
export class KAddr {
  private readonly byObj = new WeakMap<object, number>();
  private readonly byAddr = new Map<number, object>();
  private next = HEAP_BASE;
  constructor(readonly k: Kernel) {}

  /** The address of kernel object `o`. */
  of(o: object): number {
    if (o instanceof Proc) return (PROC_BASE + Math.max(0, o.p_pid) * PROC_SIZE) >>> 0;
    if (o instanceof KThread) return (THREAD_BASE + o.t_did * THREAD_SIZE) >>> 0;
    if (o instanceof Lwp) return o.lwp_thread ? (LWP_BASE + o.lwp_thread.t_did * LWP_SIZE) >>> 0 : this.heap(o);
    if (o instanceof Page) return (PAGE_BASE + o.p_pagenum * PAGE_SIZE_T) >>> 0;
    if (o instanceof CpuRef) return (SYM_CPU0 + o.id * CPU_SIZE) >>> 0;
    if (o instanceof KMutex) {
      if (o === this.k.pidlock) return SYM_PIDLOCK;
      for (const p of this.k.pids.all()) if (p.p_lock === o) return (this.of(p) + P_LOCK_OFF) >>> 0;
    }
    return this.heap(o);
  }

  private heap(o: object): number {
    let a = this.byObj.get(o);
    if (a === undefined) {
      a = this.next;
      this.next += 0x80;
      this.byObj.set(o, a);
      this.byAddr.set(a, o);
    }
    return a;
  }

  /** The kernel object at address `a`, or null. */
  at(a: number): object | null {
    a >>>= 0;
    if (a === SYM_PIDLOCK) return this.k.pidlock;
    if (a >= PROC_BASE && a < THREAD_BASE) {
      const off = (a - PROC_BASE) % PROC_SIZE;
      const p = this.k.pids.all().find((x) => x.p_pid === Math.floor((a - PROC_BASE) / PROC_SIZE)) ?? null;
      if (p === null) return null;
      if (off === 0) return p;
      if (off === P_LOCK_OFF) return p.p_lock;
      return null;
    }
    if (a >= THREAD_BASE && a < LWP_BASE && (a - THREAD_BASE) % THREAD_SIZE === 0) {
      const did = (a - THREAD_BASE) / THREAD_SIZE;
      return all_threads(this.k).find((t) => t.t_did === did) ?? null;
    }
    if (a >= LWP_BASE && a < PAGE_BASE && (a - LWP_BASE) % LWP_SIZE === 0) {
      const did = (a - LWP_BASE) / LWP_SIZE;
      return all_threads(this.k).find((t) => t.t_did === did)?.t_lwp ?? null;
    }
    if (a >= PAGE_BASE && (a - PAGE_BASE) % PAGE_SIZE_T === 0) {
      const pfn = (a - PAGE_BASE) / PAGE_SIZE_T;
      return vm_of(this.k).pages.p_pages[pfn] ?? null;
    }
    if (a >= SYM_CPU0 && a < SYM_CPU0 + 64 * CPU_SIZE && (a - SYM_CPU0) % CPU_SIZE === 0) {
      const id = (a - SYM_CPU0) / CPU_SIZE;
      return id < this.k.machine.cpus.length ? new CpuRef(id) : null;
    }
    return this.byAddr.get(a) ?? null;
  }
}

/** Every kernel thread: those of live and zombie processes, in pid then creation order. */
export function all_threads(k: Kernel): KThread[] {
  const out: KThread[] = [];
  for (const p of k.pids.all()) for (const t of p.p_threads) out.push(t);
  return out;
}

/** An address as mdb prints a pointer on a 32-bit kernel: 8 hex digits. */
export function hex8(a: number): string { return (a >>> 0).toString(16).padStart(8, '0'); }
