/*
 * kernel/common/vm/hat.ts — the HAT (hardware address translation) interface: how the
 * machine-independent VM layer loads and unloads translations without knowing the MMU. Mirrors
 * uts/common/vm/hat.h (hat_memload, hat_unload, hat_chgprot, hat_clrattr, hat_getattr, hat_free,
 * hat_switch); kernel/sparc/hat_srmmu.ts implements it. Leaves out hat_share (ISM), large pages,
 * page-level mapping lists (p_mapping) and hat_pageunload; hat_dup is a no-op as in Solaris.
 */

/** HatAttr — what hat_getattr reports for one mapped page: protections, frame, R and M bits. */
export interface HatAttr {
  prot: number;
  pfn: number;
  /** Referenced: the MMU (or the kernel through hat_probe_access) touched the page. */
  ref: boolean;
  /** Modified: the page was written through this translation. */
  mod: boolean;
}

/**
 * Hat — struct hat: the translations of one address space. Addresses are user virtual addresses
 * (unsigned 32-bit numbers), lengths are page multiples; `prot` is a PROT_* mask. Every change to
 * a translation the hardware may have cached is followed by the MMU's demap before returning.
 * Calls never block (the VM layer calls them with the as implicitly locked).
 */
export interface Hat {
  /** Page-table pages this hat currently owns (for leak checks). */
  readonly h_ptpages: number;
  /**
   * Map the page at `va` to frame `pfn` with `prot` (replacing any old translation; R/M are kept
   * when the frame is unchanged). PROT_NONE unloads. Returns 0, or ENOMEM when a page table
   * cannot be allocated (nothing changed then).
   */
  memload(va: number, pfn: number, prot: number): number;
  /** Remove the translations of [va, va+len); holes are fine. Empty tables are freed. */
  unload(va: number, len: number): void;
  /** Set the protections of the existing translations in [va, va+len) to `prot` (none: unload). */
  chgprot(va: number, len: number, prot: number): void;
  /** Remove the PROT_* bits in `attr` from the existing translations in [va, va+len). */
  clrattr(va: number, len: number, attr: number): void;
  /** The translation of the page at va, or null when there is none. */
  getattr(va: number): HatAttr | null;
  /**
   * Translate va for a kernel access made on the user's behalf (copyin/copyout), applying the
   * user's permissions for `rw` (S_READ, S_WRITE, S_EXEC) and setting R (and M for S_WRITE) in
   * the translation exactly as the MMU's walker would. Returns the physical address, -1 when there
   * is no translation (F_INVAL), -2 when the translation forbids the access (F_PROT).
   */
  probe_access(va: number, rw: number): number;
  /** Start tearing down (as_free): drop the context and flush it; later unloads are cheap. */
  free_start(): void;
  /** Finish tearing down: free every page table. The hat must not be used afterwards. */
  free_end(): void;
  /** Make this the address space the MMU of CPU `cpu` translates with (hat_switch). */
  switch_to(cpu: number): void;
}

/**
 * TlbOps — the MMU maintenance a HAT needs, connected by the ISA glue to the CPUs' MMUs:
 * demap_page/demap_context drop the cached translations of context `ctx` on every CPU,
 * set_context makes CPU `cpu` translate with context `ctx`. Context numbers are the HAT's.
 */
export interface TlbOps {
  demap_page(ctx: number, va: number): void;
  demap_context(ctx: number): void;
  set_context(cpu: number, ctx: number): void;
}

/** HatSys — the per-ISA HAT provider the boot code gives the VM layer (hat_alloc). */
export interface HatSys {
  /** A new, empty hat (no translations). */
  hat_alloc(): Hat;
  /** Page-table pages owned by all hats of this provider, when it counts them (leak checks). */
  readonly sh_ptpages?: number;
}

/** hat_memload — see Hat.memload. */
export function hat_memload(hat: Hat, va: number, pfn: number, prot: number): number {
  return hat.memload(va, pfn, prot);
}
/** hat_unload — see Hat.unload. */
export function hat_unload(hat: Hat, va: number, len: number): void { hat.unload(va, len); }
/** hat_chgprot — see Hat.chgprot. */
export function hat_chgprot(hat: Hat, va: number, len: number, prot: number): void { hat.chgprot(va, len, prot); }
/** hat_clrattr — see Hat.clrattr. */
export function hat_clrattr(hat: Hat, va: number, len: number, attr: number): void { hat.clrattr(va, len, attr); }
/** hat_getattr — see Hat.getattr. */
export function hat_getattr(hat: Hat, va: number): HatAttr | null { return hat.getattr(va); }
/** hat_free — tear a hat down completely (free_start + free_end). */
export function hat_free(hat: Hat): void { hat.free_start(); hat.free_end(); }
/** hat_switch — load `hat` into the MMU of CPU `cpu` (default 0). */
export function hat_switch(hat: Hat, cpu = 0): void { hat.switch_to(cpu); }
/**
 * hat_dup — Solaris's hat_dup for fork: a no-op returning 0 (the child starts with no
 * translations and demand-faults everything).
 */
export function hat_dup(_old: Hat, _new: Hat): number { return 0; }
