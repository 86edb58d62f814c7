/*
 * hw/mem/phys_mem.ts — simulated physical memory: one ArrayBuffer with byte and DataView access.
 * Endianness is fixed per machine (big-endian for SPARC, little-endian for x86). Addresses are
 * physical byte offsets; callers check bounds with `valid()` (the CPU turns a miss into a bus error).
 * Pages that hold compiled code (a CPU's block compiler, hw/sparc/code_cache.ts) are marked in
 * `code`; every write through this object, and every raw write reported with `written()`, calls
 * `on_code_write` for a marked page before returning, so that compiled code never outlives its bytes.
 */

import type { HwState, Stateful } from '../machine.ts';

export class PhysMem implements Stateful {
  readonly size: number;
  readonly bytes: Uint8Array;
  readonly dv: DataView;
  readonly littleEndian: boolean;
  /** One byte per 4 KiB page: nonzero while compiled code was made from that page. */
  readonly code: Uint8Array;
  /** Called with the page number when a page marked in `code` is written (set by the code cache). */
  on_code_write: ((pfn: number) => void) | null = null;

  /** Allocate `size` bytes (a multiple of 4096) of zeroed memory. */
  constructor(size: number, littleEndian = false) {
    if (size <= 0 || size % 4096 !== 0) throw new Error(`PhysMem: size ${size} is not a positive multiple of 4096`);
    this.size = size;
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
    this.littleEndian = littleEndian;
    this.code = new Uint8Array(size / 4096);
  }

  /**
   * written — report that [pa, pa+len) was (or is about to be) written other than through this
   * object's write methods (raw `bytes` access); drops compiled code made from those pages.
   */
  written(pa: number, len: number): void {
    if (len <= 0) return;
    const code = this.code;
    for (let p = pa >>> 12, last = (pa + len - 1) >>> 12; p <= last; p++) {
      if (code[p] !== 0) this.on_code_write?.(p);
    }
  }

  /** Copy `src` into memory at pa. */
  write_bytes(pa: number, src: Uint8Array): void { this.written(pa, src.length); this.bytes.set(src, pa); }

  /** True when [pa, pa+len) lies inside memory. */
  valid(pa: number, len = 1): boolean {
    return pa >= 0 && pa + len <= this.size;
  }

  read8(pa: number): number { return this.bytes[pa]; }
  read16(pa: number): number { return this.dv.getUint16(pa, this.littleEndian); }
  /** 32-bit read, returned unsigned. */
  read32(pa: number): number { return this.dv.getUint32(pa, this.littleEndian); }
  write8(pa: number, v: number): void { if (this.code[pa >>> 12] !== 0) this.written(pa, 1); this.bytes[pa] = v; }
  write16(pa: number, v: number): void {
    if (this.code[pa >>> 12] !== 0) this.written(pa, 2);
    this.dv.setUint16(pa, v, this.littleEndian);
  }
  write32(pa: number, v: number): void {
    if (this.code[pa >>> 12] !== 0) this.written(pa, 4);
    this.dv.setUint32(pa, v >>> 0, this.littleEndian);
  }

  /** Zero [pa, pa+len). */
  zero(pa: number, len: number): void { this.written(pa, len); this.bytes.fill(0, pa, pa + len); }
  /** Copy len bytes from src to dst (physical). */
  copy(dst: number, src: number, len: number): void { this.written(dst, len); this.bytes.copyWithin(dst, src, src + len); }

  get_state(): HwState {
    return { size: this.size, littleEndian: this.littleEndian, data: Buffer.from(this.bytes).toString('base64') };
  }
  set_state(s: HwState): void {
    const data = Buffer.from(s.data as string, 'base64');
    if (data.length !== this.size) throw new Error('PhysMem.set_state: size mismatch');
    this.written(0, this.size);
    this.bytes.set(data);
  }
}
