/*
 * kernel/common/vm/vm_anon.ts — anonymous memory: anon slots with reference counts, anon maps
 * (an array of slot pointers per segment), swap reservation, and the copy that breaks COW.
 * Mirrors uts/common/vm/vm_anon.c (anon_alloc, anon_dup, anon_decref, anon_private, anon_free,
 * anon_resv). There is no swap device: a slot owns its page for life, and "swap" is physical memory.
 */

import { ASSERT, panic } from '../sys/debug.ts';
import {
  PAGESIZE, type AnonStats, type Page, type PagePool, btopr, page_create, page_free, page_inject, ppcopy,
} from './vm_page.ts';

/**
 * Anon — struct anon: one page of anonymous memory. `an_refcnt` counts the anon maps that point
 * at the slot (a private segment and its fork copies share slots until a write breaks COW).
 */
export class Anon {
  an_refcnt = 1;
  an_page: Page;
  constructor(pp: Page) { this.an_page = pp; }
}

/**
 * AnonMap — struct anon_map: the slot array of a segment (ahp), its byte size, and `refcnt`, the
 * number of segments using the map (MAP_SHARED segments and SysV shm share one map; a private
 * segment always has a map of its own).
 */
export class AnonMap {
  refcnt = 1;
  size: number;
  ahp: (Anon | null)[];
  constructor(size: number) {
    this.size = size;
    this.ahp = new Array<Anon | null>(btopr(size)).fill(null);
  }
}

/**
 * anon_stats — the same counters as each pool's p_anonstats (AnonStats: `ani_inuse` anon slots
 * alive, `cow_copies` pages copied to break a shared anon slot (COW after fork), `file_copies`
 * private copies made from file pages), summed over every pool of the host process, like
 * Solaris's global anoninfo. Per-machine figures (leak check, benchmark) read pl.p_anonstats.
 */
export const anon_stats: AnonStats = { ani_inuse: 0, cow_copies: 0, file_copies: 0 };

/** anonmap_alloc — a new anon map of `size` bytes with every slot empty and refcnt 1. */
export function anonmap_alloc(size: number): AnonMap {
  return new AnonMap(size);
}

/** anon_get_ptr — the slot at page index `idx` of a map, or null. */
export function anon_get_ptr(amp: AnonMap, idx: number): Anon | null {
  return amp.ahp[idx] ?? null;
}

/** anon_set_ptr — store a slot at page index `idx` (growing the array if needed). */
export function anon_set_ptr(amp: AnonMap, idx: number, ap: Anon | null): void {
  amp.ahp[idx] = ap;
}

/** anon_alloc — a new slot (refcnt 1) owning page `pp` of pool `pl`; counts it in ani_inuse. */
export function anon_alloc(pl: PagePool, pp: Page): Anon {
  anon_stats.ani_inuse++;
  pl.p_anonstats.ani_inuse++;
  return new Anon(pp);
}

/**
 * anon_zero — a slot with a fresh zeroed page (segvn's demand-zero fill). Returns null when no page
 * can be allocated; nothing is left allocated then.
 */
export function anon_zero(pl: PagePool): Anon | null {
  const pp = page_create(pl, true);
  return pp ? anon_alloc(pl, pp) : null;
}

/**
 * anon_decref — drop one reference; at zero the slot's page goes back to the free list and the
 * slot stops counting in ani_inuse. Dropping a slot that is already at zero panics.
 */
export function anon_decref(pl: PagePool, ap: Anon): void {
  if (ap.an_refcnt <= 0) panic('anon_decref', 'refcnt %d', ap.an_refcnt);
  if (--ap.an_refcnt === 0) {
    page_free(pl, ap.an_page);
    anon_stats.ani_inuse--;
    pl.p_anonstats.ani_inuse--;
  }
}

/**
 * anon_dup — make `npages` slots of `newamp` from `newidx` point at the slots of `old` from
 * `oldidx`, taking a reference on each non-empty one. Page contents are not touched (fork's COW).
 */
export function anon_dup(old: AnonMap, oldidx: number, newamp: AnonMap, newidx: number, npages: number): void {
  for (let i = 0; i < npages; i++) {
    const ap = old.ahp[oldidx + i] ?? null;
    if (ap !== null) {
      ASSERT(ap.an_refcnt > 0, 'anon_dup: dead slot in map');
      ap.an_refcnt++;
    }
    newamp.ahp[newidx + i] = ap;
  }
}

/**
 * anon_free — drop the map's reference on `npages` slots from `idx` and empty them (segment
 * unmap / free). Pages whose last reference goes are freed.
 */
export function anon_free(pl: PagePool, amp: AnonMap, idx: number, npages: number): void {
  for (let i = idx; i < idx + npages; i++) {
    const ap = amp.ahp[i] ?? null;
    if (ap !== null) {
      amp.ahp[i] = null;
      anon_decref(pl, ap);
    }
  }
}

/**
 * anon_private — copy a page into a new private slot (refcnt 1) to break copy-on-write. `src` is
 * the shared anon slot (counted in cow_copies) or a file page (counted in file_copies). The
 * caller still holds its reference on the old slot and drops it with anon_decref afterwards.
 * Returns null, with nothing allocated, when no page is available.
 */
export function anon_private(pl: PagePool, src: Anon | Page): Anon | null {
  const opp = src instanceof Anon ? src.an_page : src;
  const pp = page_create(pl, false);
  if (pp === null) return null;
  ppcopy(pl, opp, pp);
  if (src instanceof Anon) { anon_stats.cow_copies++; pl.p_anonstats.cow_copies++; }
  else { anon_stats.file_copies++; pl.p_anonstats.file_copies++; }
  return anon_alloc(pl, pp);
}

/**
 * anon_resv — reserve `npages` pages of swap (= physical memory here) for a private writable
 * mapping. Fails (false) when reservations would exceed the usable memory less p_minfree, or when
 * the fault injector fails the 'anon_resv' site. Released with anon_unresv.
 */
export function anon_resv(pl: PagePool, npages: number): boolean {
  if (page_inject(pl, 'anon_resv')) return false;
  if (pl.p_anon_resv + npages > pl.p_total - pl.p_minfree) return false;
  pl.p_anon_resv += npages;
  return true;
}

/** anon_unresv — give back a reservation made with anon_resv. */
export function anon_unresv(pl: PagePool, npages: number): void {
  ASSERT(pl.p_anon_resv >= npages, 'anon_unresv: more than reserved');
  pl.p_anon_resv -= npages;
}

/** Bytes per anon slot: one base page. */
export const ANON_PAGESIZE = PAGESIZE;
