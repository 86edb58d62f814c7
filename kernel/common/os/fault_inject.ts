/*
 * kernel/common/os/fault_inject.ts — named failure points for `--inject SITE[:N]`: a per-kernel
 * registry that makes the Nth pass through one chosen point fail, so that every error path of
 * cfork/getproc runs in tests. No Solaris counterpart (illumos uses DTrace/kmem_flags for this);
 * the names are the seed's steps. The VM's allocation hook (vm_page.ts FaultInject) is connected
 * here for the 'as_dup' site. Leaves out probabilities and repeated failures: one shot per arm.
 */

import { panic } from '../sys/debug.ts';
import type { PagePool } from '../vm/vm_page.ts';
import { vm_find } from '../vm/vm_as.ts';

/**
 * The known sites and what failing each does. A site must be known before it can be armed or hit
 * (a typo in kernel code panics at its first hit instead of silently never firing); code that adds
 * a failure point calls fi_register_site at module load.
 */
const SITES = new Map<string, string>([
  ['as_dup', 'an allocation (page or swap reservation) inside as_dup: fork fails with ENOMEM'],
  ['forklwp', 'creating a child LWP in forklwp: fork fails with EAGAIN'],
  ['lwp_create', 'allocating the child LWP in lwp_create: fork fails with EAGAIN'],
  ['pid_assign', 'getting a pid and a process-table slot in getproc: fork fails with EAGAIN'],
  ['rctl', 'duplicating the resource controls (the contract/rctl step of cfork): EAGAIN'],
  ['contract', 'contract_process_fork at the end of cfork: fork fails with EAGAIN'],
  ['kmem', 'the kmem allocation of the child proc_t in getproc: fork fails with EAGAIN'],
]);

/** fi_register_site — make `name` a known site described by `what` (idempotent). */
export function fi_register_site(name: string, what: string): void {
  if (!SITES.has(name)) SITES.set(name, what);
}

/** fi_unregister_site — forget a site added with fi_register_site (tests clean up with it). */
export function fi_unregister_site(name: string): void {
  SITES.delete(name);
}

/** fi_sites — every known site with its description, sorted by name (for --help and messages). */
export function fi_sites(): { name: string; what: string }[] {
  return [...SITES].map(([name, what]) => ({ name, what })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * FiSite — the state of one armed site: fail on hit number `fi_n` counted from arming; `fi_hits`
 * hits so far; `fi_fired` once it has failed (it never fails again unless re-armed).
 */
export interface FiSite { fi_name: string; fi_n: number; fi_hits: number; fi_fired: boolean }

/**
 * FaultInjector — the failure points of one kernel. Not locked: hits happen in kernel code that
 * does not yield between the hit and its use, and the machine runs one kernel thread at a time.
 */
export class FaultInjector {
  private readonly fi_armed = new Map<string, FiSite>();
  /** Hits of every known site since boot, armed or not (for tests and --stats). */
  private readonly fi_count = new Map<string, number>();

  /**
   * arm — make the `n`th hit (n >= 1, counted from now) of `site` fail once. Returns null, or a
   * one-line message when the site is unknown or n is not a positive integer (nothing armed then).
   */
  arm(site: string, n = 1): string | null {
    if (!SITES.has(site)) return `unknown fault-injection site '${site}' (sites: ${[...SITES.keys()].sort().join(', ')})`;
    if (!Number.isInteger(n) || n < 1) return `bad hit count ${n} for site '${site}' (must be a positive integer)`;
    this.fi_armed.set(site, { fi_name: site, fi_n: n, fi_hits: 0, fi_fired: false });
    return null;
  }

  /** disarm — forget `site`'s arming (a no-op when it is not armed). */
  disarm(site: string): void { this.fi_armed.delete(site); }

  /**
   * hit — one pass through `site`: true exactly when this is the armed Nth hit. Panics when the
   * site is unknown (see fi_register_site).
   */
  hit(site: string): boolean {
    if (!SITES.has(site)) panic('inject', "unknown fault-injection site '%s'", site);
    this.fi_count.set(site, (this.fi_count.get(site) ?? 0) + 1);
    const s = this.fi_armed.get(site);
    if (s === undefined || s.fi_fired) return false;
    if (++s.fi_hits !== s.fi_n) return false;
    s.fi_fired = true;
    return true;
  }

  /** hits — passes through `site` since this injector was made. */
  hits(site: string): number { return this.fi_count.get(site) ?? 0; }

  /** armed — the armed sites and their state (copies), sorted by name. */
  armed(): FiSite[] {
    return [...this.fi_armed.values()].map((s) => ({ ...s })).sort((a, b) => (a.fi_name < b.fi_name ? -1 : 1));
  }

  /** unfired — armed sites that have not failed yet (an --inject that never triggered). */
  unfired(): FiSite[] { return this.armed().filter((s) => !s.fi_fired); }
}

const injectors = new WeakMap<object, FaultInjector>();

/**
 * fault_init — give kernel `k` its injector (replacing any earlier one) and connect the page
 * pool's allocation hook (`pool`, default the pool vm_init recorded for k, if any) so that an
 * allocation made while the pool's scope is 'as_dup' counts as a hit of the 'as_dup' site (and
 * fails when it is the armed one). Call once at boot, after vm_init and before anything forks.
 */
export function fault_init(k: object, pool: PagePool | null = vm_find(k)?.pages ?? null): FaultInjector {
  const fi = new FaultInjector();
  injectors.set(k, fi);
  if (pool !== null) {
    pool.p_inject = (_site, scope) => scope === 'as_dup' && fi.hit('as_dup');
  }
  return fi;
}

/** fault_of — kernel k's injector, or null when fault_init was not called for it. */
export function fault_of(k: object): FaultInjector | null {
  return injectors.get(k) ?? null;
}

/**
 * inject — one pass through failure point `site` of kernel k: true exactly once, on the Nth hit
 * of an armed site (N from `SITE:N`, default 1); false for every other hit and when k has no
 * injector. Unknown sites panic. The caller takes its error path when it returns true. Do not
 * call it for 'as_dup': the VM hits that site itself from inside as_dup (see fault_init).
 */
export function inject(k: object, site: string): boolean {
  const fi = injectors.get(k);
  if (fi === undefined) {
    if (!SITES.has(site)) panic('inject', "unknown fault-injection site '%s'", site);
    return false;
  }
  return fi.hit(site);
}

/**
 * fault_parse — parse one `--inject` argument, `SITE` or `SITE:N`. Returns the site and N
 * (default 1), or { error } with a one-line message for an unknown site or a bad N.
 */
export function fault_parse(spec: string): { site: string; n: number } | { error: string } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::(\d+))?$/.exec(spec);
  if (m === null) return { error: `bad --inject value '${spec}' (expected SITE or SITE:N)` };
  const site = m[1];
  const n = m[2] === undefined ? 1 : Number(m[2]);
  if (!SITES.has(site)) return { error: `unknown fault-injection site '${site}' (sites: ${[...SITES.keys()].sort().join(', ')})` };
  if (n < 1 || !Number.isSafeInteger(n)) return { error: `bad hit count in --inject ${spec} (N must be 1..${Number.MAX_SAFE_INTEGER})` };
  return { site, n };
}

/**
 * inject_arm — arm `site` of kernel k for its nth hit, creating k's injector with fault_init(k) if
 * it has none. Returns null, or FaultInjector.arm's message (nothing armed then).
 */
export function inject_arm(k: object, site: string, n = 1): string | null {
  const fi = injectors.get(k) ?? fault_init(k);
  return fi.arm(site, n);
}
