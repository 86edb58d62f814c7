/*
 * debug/dcmds_vm.ts — address-space dcmds: ::as (every address space and who uses it), addr::seg,
 * addr::pmap (the layout of pmap(1) / mdb's ::pmap: SEG BASE SIZE RES PATH), va::vtop (the SRMMU
 * walk level by level: context table, L1, L2, L3 entries), walkers seg and anon; and, past mdb,
 * ::cow VA [PID...] (per process: PTE, protection, frame, anon slot and refcount, who shares the
 * page, whether the next write copies) and ::pageowners PFN (every mapping of a frame).
 */

import { dcmd, walker, MdbError, getopts, num_arg, sparc_only, type Mdb } from './mdb.ts';
import { hex8 } from './kaddr.ts';
import { proc_at } from './dcmds_proc.ts';
import { Proc } from '../kernel/common/sys/proc.ts';
import { As } from '../kernel/common/vm/vm_as.ts';
import { Seg, PROT_READ, PROT_WRITE, PROT_EXEC, MAP_SHARED } from '../kernel/common/vm/seg.ts';
import { SegvnData } from '../kernel/common/vm/seg_vn.ts';
import { Anon } from '../kernel/common/vm/vm_anon.ts';
import { SrmmuHat } from '../kernel/sparc/hat_srmmu.ts';

/** The address space an address names: a struct as, or a proc_t (its p_as). */
export function as_at(mdb: Mdb, addr: number | null): As {
  if (addr === null) {
    const p = mdb.tgt.cur_t?.t_procp;
    if (p?.p_as) return p.p_as;
    throw new MdbError('command requires an address space');
  }
  const o = mdb.ka.at(addr);
  if (o instanceof As) return o;
  if (o instanceof Proc) { if (o.p_as) return o.p_as; throw new MdbError(`pid ${o.p_pid} has no address space`); }
  throw new MdbError(`${hex8(addr)} is not a struct as or proc_t`);
}

/** Processes using address space `as`. */
function as_users(mdb: Mdb, as: As): Proc[] {
  return mdb.tgt.k.pids.all().filter((p) => p.p_as === as);
}

function protstr(prot: number): string {
  return (prot & PROT_READ ? 'r' : '-') + (prot & PROT_WRITE ? 'w' : '-') + (prot & PROT_EXEC ? 'x' : '-');
}

function svd(seg: Seg): SegvnData | null { return seg.s_data instanceof SegvnData ? seg.s_data : null; }

/** The anon slot behind page va of seg, or null. */
function anon_of(seg: Seg, va: number): Anon | null {
  const d = svd(seg);
  if (!d || !d.amp) return null;
  return d.amp.ahp[d.anon_index + Math.floor((va - seg.s_base) / 4096)] ?? null;
}

function seg_of(as: As, va: number): Seg | null {
  return as.a_segs.find((s) => va >= s.s_base && va < s.s_base + s.s_size) ?? null;
}

function kb(n: number): string { return `${Math.round(n / 1024)}k`; }

walker('seg', 'the segments of an address space (addr: a struct as or proc_t)', (mdb, addr) => as_at(mdb, addr).a_segs.map((s) => mdb.ka.of(s)));
walker('anon', 'the anon slots of an address space, page by page', (mdb, addr) => {
  const out: number[] = [];
  for (const s of as_at(mdb, addr).a_segs) {
    const d = svd(s);
    if (d?.amp) for (const a of d.amp.ahp.slice(d.anon_index, d.anon_index + s.s_size / 4096)) if (a) out.push(mdb.ka.of(a));
  }
  return out;
});

dcmd('as', '', 'every address space: its segments, size and the processes that use it (addr::as: one)', (c) => {
  const mdb = c.mdb;
  const spaces: As[] = [];
  if (c.addr !== null) spaces.push(as_at(mdb, c.addr));
  else for (const p of mdb.tgt.k.pids.all()) if (p.p_as && !spaces.includes(p.p_as)) spaces.push(p.p_as);
  if (c.piped) return spaces.map((a) => mdb.ka.of(a));
  mdb.out('    ADDR SEGS       SIZE  CTX PROCS');
  for (const as of spaces) {
    const ctx = as.a_hat instanceof SrmmuHat ? String(as.a_hat.h_ctx) : '-';    // i386: no MMU contexts
    mdb.out(`${hex8(mdb.ka.of(as))} ${String(as.a_segs.length).padStart(4)} ${kb(as.a_size).padStart(10)} ${ctx.padStart(4)} ${as_users(mdb, as).map((p) => `${p.p_pid} (${p.u_comm})`).join(', ')}`);
  }
  return undefined;
});

dcmd('seg', '', 'addr::seg: one segment (base, size, driver, type, protections, anon map)', (c) => {
  const mdb = c.mdb;
  if (c.addr === null) throw new MdbError('command requires an address');
  const s = mdb.ka.at(c.addr);
  if (!(s instanceof Seg)) throw new MdbError(`${hex8(c.addr)} is not a struct seg`);
  const d = svd(s);
  if (c.first) mdb.out('    SEG     BASE     SIZE     DATA OPS');
  mdb.out(`${hex8(c.addr)} ${hex8(s.s_base)} ${hex8(s.s_size)} ${hex8(d ? mdb.ka.of(d) : 0)} ${d ? 'segvn' : '-'}`);
  if (d) mdb.out(`    type ${d.type === MAP_SHARED ? 'shared' : 'private'}, prot ${protstr(d.prot)}, ${d.vp ? `file offset 0x${d.offset.toString(16)}` : 'anonymous'}, amp ${d.amp ? hex8(mdb.ka.of(d.amp)) : '-'}`);
});

dcmd('pmap', '', 'addr::pmap (a proc_t or as): the segments as pmap(1) lists them, with resident sizes', (c) => {
  const mdb = c.mdb;
  const as = as_at(mdb, c.addr);
  const img = (() => { const p = c.addr !== null ? mdb.ka.at(c.addr) : mdb.tgt.cur_t?.t_procp; return p instanceof Proc ? mdb.tgt.images.get(p.p_pid) : undefined; })();
  mdb.out('     SEG     BASE     SIZE      RES PATH');
  for (const s of as.a_segs) {
    let res = 0;
    for (let va = s.s_base; va < s.s_base + s.s_size; va += 4096) if (as.a_hat.getattr(va)) res += 4096;
    const d = svd(s);
    const path = d?.vp ? (img?.path ?? '[ file ]') : d?.type === MAP_SHARED ? '[ anon shared ]' : s.s_base + s.s_size >= (as.a_userlimit - 0x10000000) ? '[ stack ]' : '[ anon ]';
    mdb.out(`${hex8(mdb.ka.of(s)).padStart(8)} ${hex8(s.s_base)} ${kb(s.s_size).padStart(8)} ${kb(res).padStart(8)} ${path} ${d ? protstr(d.prot) : ''}`);
  }
});

/** The SRMMU walk of va in a hat, level by level (physical addresses and entries). */
function srmmu_walk(mdb: Mdb, hat: SrmmuHat, va: number): string[] {
  const mem = mdb.tgt.m.mem;
  const out: string[] = [];
  const sys = hat.h_sys;
  const et = (e: number) => ['invalid', 'PTD', 'PTE', 'reserved'][e & 3];
  if (hat.h_ctx < 0) out.push(`context: none (the address space has no SRMMU context now)`);
  else {
    const ca = sys.sh_ctxtbl + hat.h_ctx * 4;
    out.push(`context ${hat.h_ctx}: table entry at pa ${hex8(ca)} = ${hex8(mem.read32(ca))} (${et(mem.read32(ca))})`);
  }
  if (hat.h_l1 < 0) { out.push('level 1: no table'); return out; }
  const l1a = hat.h_l1 + (va >>> 24) * 4;
  const e1 = mem.read32(l1a);
  out.push(`level 1: table pa ${hex8(hat.h_l1)} index ${va >>> 24}, entry at pa ${hex8(l1a)} = ${hex8(e1)} (${et(e1)})`);
  if ((e1 & 3) !== 1) return out;
  const t2 = (e1 >>> 2) * 64, l2a = t2 + ((va >>> 18) & 63) * 4, e2 = mem.read32(l2a);
  out.push(`level 2: table pa ${hex8(t2)} index ${(va >>> 18) & 63}, entry at pa ${hex8(l2a)} = ${hex8(e2)} (${et(e2)})`);
  if ((e2 & 3) !== 1) return out;
  const t3 = (e2 >>> 2) * 64, l3a = t3 + ((va >>> 12) & 63) * 4, e3 = mem.read32(l3a);
  out.push(`level 3: table pa ${hex8(t3)} index ${(va >>> 12) & 63}, entry at pa ${hex8(l3a)} = ${hex8(e3)} (${et(e3)})`);
  if ((e3 & 3) === 2) {
    const acc = (e3 >>> 2) & 7;
    out.push(`         ppn ${hex8(e3 >>> 8)} acc ${acc} ${e3 & 0x80 ? 'C' : '-'}${e3 & 0x40 ? 'M' : '-'}${e3 & 0x20 ? 'R' : '-'}`);
  }
  return out;
}

dcmd('vtop', '[-a as]', 'va::vtop: the physical address of a virtual one, with the SRMMU walk level by level', (c) => {
  const mdb = c.mdb;
  sparc_only(mdb, '::vtop', 'it walks SRMMU page tables');
  if (c.addr === null) throw new MdbError('command requires a virtual address');
  const { vals } = getopts(c.args, 'a');
  const as = vals.has('a') ? as_at(mdb, num_arg(vals.get('a')!)) : as_at(mdb, null);
  const va = c.addr >>> 0;
  for (const l of srmmu_walk(mdb, as.a_hat as SrmmuHat, va)) mdb.out(l);
  const at = as.a_hat.getattr(va);
  if (!at) { mdb.out(`virtual ${hex8(va)} is not mapped`); return; }
  mdb.out(`virtual ${hex8(va)} mapped to physical ${hex8(at.pfn * 4096 + (va & 0xfff))}`);
});

dcmd('cow', 'VA [PID...]', 'for each process: the PTE, protection, frame, anon slot and refcount of a page, who shares it, and whether the next write copies', (c) => {
  const mdb = c.mdb;
  let va: number;
  let pids: number[];
  if (c.addr !== null) { va = c.addr; pids = c.args.map((a) => num_arg(a, true)); }
  else {
    if (c.args.length === 0) throw new MdbError('usage: VA::cow [PID...] or ::cow VA [PID...]');
    va = num_arg(c.args[0]);
    pids = c.args.slice(1).map((a) => num_arg(a, true));
  }
  va = (va - (va % 4096)) >>> 0;
  const k = mdb.tgt.k;
  const procs = pids.length > 0 ? pids.map((pid) => { const p = k.pids.prfind(pid); if (!p) throw new MdbError(`no process with pid ${pid}`); return p; })
    : k.pids.all().filter((p) => p.p_as && seg_of(p.p_as, va));
  // Who holds each anon slot (to say who shares a page).
  const holders = new Map<Anon, number[]>();
  for (const p of k.pids.all()) {
    if (!p.p_as) continue;
    const s = seg_of(p.p_as, va);
    const a = s ? anon_of(s, va) : null;
    if (a) holders.set(a, [...(holders.get(a) ?? []), p.p_pid]);
  }
  mdb.out(`page ${hex8(va)}:`);
  mdb.out('  PID PTE      PROT FRAME    ANON     REFCNT SHARED WITH     NEXT WRITE');
  for (const p of procs) {
    const as = p.p_as;
    const s = as ? seg_of(as, va) : null;
    if (!as || !s) { mdb.out(`${String(p.p_pid).padStart(5)} (not mapped)`); continue; }
    const at = as.a_hat.getattr(va);
    const a = anon_of(s, va);
    const d = svd(s);
    const pte = as.a_hat instanceof SrmmuHat ? pte_of(mdb, as.a_hat, va) : null;   // i386: the PTE column is '-'
    const shared = a ? (holders.get(a) ?? []).filter((x) => x !== p.p_pid) : [];
    let next: string;
    if (!d || !(d.prot & PROT_WRITE)) next = 'faults (read-only)';
    else if (d.type === MAP_SHARED) next = 'writes the shared page';
    else if (a && a.an_refcnt > 1) next = 'copies (COW)';
    else if (at && at.prot & PROT_WRITE) next = 'writes in place';
    else if (a) next = 'faults, restores write (refcnt 1)';
    else next = d.vp ? 'copies the file page' : 'zero-fills';
    mdb.out(`${String(p.p_pid).padStart(5)} ${pte === null ? '-       ' : hex8(pte)} ${at ? protstr(at.prot).padEnd(4) : '-   '} ${at ? hex8(at.pfn) : '-       '} ${a ? hex8(mdb.ka.of(a)) : '-       '} ${(a ? String(a.an_refcnt) : '-').padStart(6)} ${(shared.join(',') || '-').padEnd(15)} ${next}`);
  }
});

/** The L3 PTE of va in a hat (null when there is no L3 table). */
function pte_of(mdb: Mdb, hat: SrmmuHat, va: number): number | null {
  if (hat.h_l1 < 0) return null;
  const mem = mdb.tgt.m.mem;
  const e1 = mem.read32(hat.h_l1 + (va >>> 24) * 4);
  if ((e1 & 3) !== 1) return null;
  const e2 = mem.read32((e1 >>> 2) * 64 + ((va >>> 18) & 63) * 4);
  if ((e2 & 3) !== 1) return null;
  return mem.read32((e2 >>> 2) * 64 + ((va >>> 12) & 63) * 4) >>> 0;
}

dcmd('pageowners', 'PFN', 'every process and virtual address mapping physical frame PFN (and its anon slot)', (c) => {
  const mdb = c.mdb;
  const pfn = c.addr !== null ? c.addr : c.args[0] !== undefined ? num_arg(c.args[0]) : null;
  if (pfn === null) throw new MdbError('usage: PFN::pageowners');
  const k = mdb.tgt.k;
  mdb.out(`frame ${hex8(pfn)} (pa ${hex8(pfn * 4096)}):`);
  let n = 0;
  const seenAs = new Set<As>();
  for (const p of k.pids.all()) {
    const as = p.p_as;
    if (!as || seenAs.has(as)) continue;
    seenAs.add(as);
    for (const s of as.a_segs) {
      for (let va = s.s_base; va < s.s_base + s.s_size; va += 4096) {
        const at = as.a_hat.getattr(va);
        const a = anon_of(s, va);
        if ((at && at.pfn === pfn) || (a && a.an_page.p_pagenum === pfn)) {
          n++;
          const users = as_users(mdb, as).map((x) => x.p_pid).join(',');
          mdb.out(`  pid ${users} va ${hex8(va)} ${at && at.pfn === pfn ? `mapped ${protstr(at.prot)}` : 'not mapped (anon slot only)'}${a ? ` anon ${hex8(mdb.ka.of(a))} refcnt ${a.an_refcnt}` : ''}`);
        }
      }
    }
  }
  if (n === 0) mdb.out('  no mappings');
});

void proc_at;
