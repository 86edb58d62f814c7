/*
 * dimode.h — 64-bit (DImode) values as two 32-bit halves, for the libgcc helpers in this
 * directory: they must not use 64-bit operators that gcc could lower to calls to themselves.
 * The halves are in memory order: SPARC is big-endian (the high word comes first), i386
 * little-endian (the low word comes first).
 */
#ifndef _DIMODE_H
#define _DIMODE_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned long long u64;
typedef long long s64;

typedef union {
	u64 v;
	s64 s;
#ifdef __i386__
	struct { u32 lo, hi; } w;
#else
	struct { u32 hi, lo; } w;
#endif
} dw_t;

static inline u64 dw(u32 hi, u32 lo)
{
	dw_t x;
	x.w.hi = hi;
	x.w.lo = lo;
	return x.v;
}

/* Leading zeros of a nonzero 32-bit value, by halving (no clz instruction on V8). */
static inline int clz32_nz(u32 x)
{
	int n = 0;
	if ((x & 0xffff0000u) == 0) { n += 16; x <<= 16; }
	if ((x & 0xff000000u) == 0) { n += 8; x <<= 8; }
	if ((x & 0xf0000000u) == 0) { n += 4; x <<= 4; }
	if ((x & 0xc0000000u) == 0) { n += 2; x <<= 2; }
	if ((x & 0x80000000u) == 0) { n += 1; }
	return n;
}

/* Trailing zeros of a nonzero 32-bit value. */
static inline int ctz32_nz(u32 x)
{
	int n = 0;
	if ((x & 0x0000ffffu) == 0) { n += 16; x >>= 16; }
	if ((x & 0x000000ffu) == 0) { n += 8; x >>= 8; }
	if ((x & 0x0000000fu) == 0) { n += 4; x >>= 4; }
	if ((x & 0x00000003u) == 0) { n += 2; x >>= 2; }
	if ((x & 0x00000001u) == 0) { n += 1; }
	return n;
}

#endif
