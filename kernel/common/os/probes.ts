/*
 * kernel/common/os/probes.ts — a small probe registry in the spirit of DTrace's proc provider
 * (proc:::create, exec, exec-success, exit, lwp-create): the kernel fires named probes with
 * arguments; consumers (`--trace proc`, the debugger later, tests) subscribe per kernel.
 */

export interface ProbeEvent { provider: string; name: string; args: Record<string, unknown>; lbolt: number }
export type ProbeConsumer = (e: ProbeEvent) => void;

interface ProbeHost { probes?: ProbeConsumer[]; lbolt: number }

/** probe_enable — subscribe `fn` to every probe of kernel `k`. */
export function probe_enable(k: ProbeHost, fn: ProbeConsumer): void {
  (k.probes ??= []).push(fn);
}

/** probe_fire — fire provider:::name with args (no cost when nobody listens). */
export function probe_fire(k: ProbeHost, provider: string, name: string, args: Record<string, unknown>): void {
  if (!k.probes) return;
  const e = { provider, name, args, lbolt: k.lbolt };
  for (const fn of k.probes) fn(e);
}
