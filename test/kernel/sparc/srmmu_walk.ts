/*
 * test/kernel/sparc/srmmu_walk.ts — an independent SRMMU table walker for tests (not a test file):
 * reads the context table, L1/L2/L3 tables and PTEs straight from physical memory following the
 * V8 manual's formats, checks ACC permissions and sets R/M the way the hardware walker does.
 * Written separately from kernel/sparc/hat_srmmu.ts so that the HAT is checked against the format.
 */

import type { PhysMem } from '../../../hw/mem/phys_mem.ts';

/** WalkResult — the entry found for a VA: the PTE, where it lives, its level (1..3) and the PA. */
export interface WalkResult { pte: number; pteAddr: number; level: number; pa: number; path: number[] }

/** walk — translate va in context ctx through the table rooted at ctp (PA >> 4); null = invalid. */
export function walk(mem: PhysMem, ctp: number, ctx: number, va: number): WalkResult | null {
  let addr = ctp * 16 + ctx * 4;
  const path: number[] = [];
  for (let level = 0; level <= 3; level++) {
    const e = mem.read32(addr);
    path.push(e);
    const et = e & 3;
    if (et === 0) return null;
    if (et === 2) {
      if (level === 0) throw new Error('PTE in the context table');
      const span = level === 1 ? 0x1000000 : level === 2 ? 0x40000 : 0x1000;
      const pa = (e >>> 8) * 4096 - (((e >>> 8) * 4096) % span) + (va % span);
      return { pte: e >>> 0, pteAddr: addr, level, pa, path };
    }
    if (et !== 1) throw new Error(`reserved entry type at level ${level}`);
    if (level === 3) throw new Error('PTD at level 3');
    const table = (e >>> 2) * 64;
    const idx = level === 0 ? va >>> 24 : level === 1 ? (va >>> 18) & 63 : (va >>> 12) & 63;
    addr = table + idx * 4;
  }
  return null;
}

// The V8 ACC table, user and supervisor columns, as strings of r/w/x.
const ACC_USER = ['r', 'rw', 'rx', 'rwx', 'x', 'r', '', ''];
const ACC_SUPER = ['r', 'rw', 'rx', 'rwx', 'x', 'rw', 'rx', 'rwx'];

/**
 * access — what the hardware would do for a user (or supervisor) access of kind 'r', 'w' or 'x':
 * the PA, or 'invalid' / 'protection'. Sets R, and M for writes, in the PTE on success.
 */
export function access(mem: PhysMem, ctp: number, ctx: number, va: number, kind: 'r' | 'w' | 'x', sup = false): number | 'invalid' | 'protection' {
  const w = walk(mem, ctp, ctx, va);
  if (w === null) return 'invalid';
  const acc = (w.pte >>> 2) & 7;
  if (!(sup ? ACC_SUPER : ACC_USER)[acc].includes(kind)) return 'protection';
  const upd = (w.pte | 0x20 | (kind === 'w' ? 0x40 : 0)) >>> 0;
  if (upd !== w.pte) mem.write32(w.pteAddr, upd);
  return w.pa;
}
