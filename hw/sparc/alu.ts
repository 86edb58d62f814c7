/*
 * hw/sparc/alu.ts — integer arithmetic of the V8 integer unit that does not fit one JS operator:
 * the high word of a 32x32 multiply and the 64/32 divide with V8's overflow clamping. Shared by
 * the interpreter (cpu.ts) and the block compiler (bb_compile.ts), so both compute the same bits.
 */

const TWO32 = 4294967296;

/** High 32 bits of the unsigned 64-bit product a*b (a, b as uint32). */
export function umulhi(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const lo = a0 * b0, m1 = a1 * b0, m2 = a0 * b1, hi = a1 * b1;
  const carry = ((lo >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16;
  return (hi + (m1 >>> 16) + (m2 >>> 16) + carry) | 0;
}

/** The V (overflow) result of the last sparc_div. */
export const divv = { v: 0 };

/**
 * sparc_div — the quotient of (Y:a) / b for udiv (signed = false) or sdiv, b nonzero, clamped
 * as V8 specifies on overflow; divv.v is 1 when it was clamped.
 */
export function sparc_div(a: number, b: number, y: number, signed: boolean): number {
  let q: number, v = 0;
  if (!signed) {
    const ua = a >>> 0, ub = b >>> 0, uy = y >>> 0;
    if (uy === 0) q = Math.floor(ua / ub);
    else if (uy >= ub) q = TWO32; // quotient cannot fit
    else q = Number(((BigInt(uy) << 32n) | BigInt(ua)) / BigInt(ub));
    if (q > 0xffffffff) { q = 0xffffffff; v = 1; }
    q = q | 0;
  } else {
    if (y === (a >> 31)) {
      q = Math.trunc(a / b);
    } else {
      q = Number(((BigInt(y) << 32n) | BigInt(a >>> 0)) / BigInt(b));
    }
    if (q > 0x7fffffff) { q = 0x7fffffff; v = 1; }
    else if (q < -0x80000000) { q = -0x80000000; v = 1; }
  }
  divv.v = v;
  return q;
}

