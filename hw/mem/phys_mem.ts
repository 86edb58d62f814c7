/*
 * hw/mem/phys_mem.ts — simulated physical memory: one ArrayBuffer with byte and DataView access.
 * Endianness is fixed per machine (big-endian for SPARC, little-endian for x86). Addresses are
 * physical byte offsets; callers check bounds with `valid()` (the CPU turns a miss into a bus error).
 */

import type { HwState, Stateful } from '../machine.ts';

export class PhysMem implements Stateful {
  readonly size: number;
  readonly bytes: Uint8Array;
  readonly dv: DataView;
  readonly littleEndian: boolean;

  /** Allocate `size` bytes (a multiple of 4096) of zeroed memory. */
  constructor(size: number, littleEndian = false) {
    if (size <= 0 || size % 4096 !== 0) throw new Error(`PhysMem: size ${size} is not a positive multiple of 4096`);
    this.size = size;
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
    this.littleEndian = littleEndian;
  }

  /** True when [pa, pa+len) lies inside memory. */
  valid(pa: number, len = 1): boolean {
    return pa >= 0 && pa + len <= this.size;
  }

  read8(pa: number): number { return this.bytes[pa]; }
  read16(pa: number): number { return this.dv.getUint16(pa, this.littleEndian); }
  /** 32-bit read, returned unsigned. */
  read32(pa: number): number { return this.dv.getUint32(pa, this.littleEndian); }
  write8(pa: number, v: number): void { this.bytes[pa] = v; }
  write16(pa: number, v: number): void { this.dv.setUint16(pa, v, this.littleEndian); }
  write32(pa: number, v: number): void { this.dv.setUint32(pa, v >>> 0, this.littleEndian); }

  /** Zero [pa, pa+len). */
  zero(pa: number, len: number): void { this.bytes.fill(0, pa, pa + len); }
  /** Copy len bytes from src to dst (physical). */
  copy(dst: number, src: number, len: number): void { this.bytes.copyWithin(dst, src, src + len); }

  get_state(): HwState {
    return { size: this.size, littleEndian: this.littleEndian, data: Buffer.from(this.bytes).toString('base64') };
  }
  set_state(s: HwState): void {
    const data = Buffer.from(s.data as string, 'base64');
    if (data.length !== this.size) throw new Error('PhysMem.set_state: size mismatch');
    this.bytes.set(data);
  }
}
