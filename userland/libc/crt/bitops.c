/*
 * bitops.c — the other libgcc helpers gcc -m32 -mcpu=v8 may call (own code on 32-bit halves):
 * 64-bit shifts, multiply, compares and negation, and the bit-counting/byte-swapping builtins
 * (__clz/__ctz/__popcount/__parity/__ffs for si and di, __bswapsi2/__bswapdi2). Shift counts are
 * taken modulo 64; clz/ctz of 0 are undefined in gcc and return 32/64 here.
 */
#include "dimode.h"

s64 __ashldi3(s64 a, int b);
s64 __lshrdi3(s64 a, int b);
s64 __ashrdi3(s64 a, int b);
s64 __muldi3(s64 a, s64 b);
int __cmpdi2(s64 a, s64 b);
int __ucmpdi2(u64 a, u64 b);
s64 __negdi2(s64 a);
int __clzsi2(u32 x);
int __ctzsi2(u32 x);
int __popcountsi2(u32 x);
int __paritysi2(u32 x);
int __ffssi2(s32 x);
int __clzdi2(u64 x);
int __ctzdi2(u64 x);
int __popcountdi2(u64 x);
int __paritydi2(u64 x);
int __ffsdi2(s64 x);
u32 __bswapsi2(u32 x);
u64 __bswapdi2(u64 x);

s64 __ashldi3(s64 a, int b)
{
	dw_t X;
	X.s = a;
	b &= 63;
	if (b >= 32) {
		X.w.hi = X.w.lo << (b - 32);
		X.w.lo = 0;
	} else if (b > 0) {
		X.w.hi = (X.w.hi << b) | (X.w.lo >> (32 - b));
		X.w.lo <<= b;
	}
	return X.s;
}

s64 __lshrdi3(s64 a, int b)
{
	dw_t X;
	X.s = a;
	b &= 63;
	if (b >= 32) {
		X.w.lo = X.w.hi >> (b - 32);
		X.w.hi = 0;
	} else if (b > 0) {
		X.w.lo = (X.w.lo >> b) | (X.w.hi << (32 - b));
		X.w.hi >>= b;
	}
	return X.s;
}

s64 __ashrdi3(s64 a, int b)
{
	dw_t X;
	X.s = a;
	b &= 63;
	if (b >= 32) {
		X.w.lo = (u32)((s32)X.w.hi >> (b - 32));
		X.w.hi = (u32)((s32)X.w.hi >> 31);
	} else if (b > 0) {
		X.w.lo = (X.w.lo >> b) | (X.w.hi << (32 - b));
		X.w.hi = (u32)((s32)X.w.hi >> b);
	}
	return X.s;
}

/* Low 64 bits of the product: lo*lo (full 64-bit umul result) plus the cross terms in the high word. */
s64 __muldi3(s64 a, s64 b)
{
	dw_t A, B, P;
	A.s = a;
	B.s = b;
	P.v = (u64)A.w.lo * (u64)B.w.lo;	/* umul: the %y half is the high word */
	P.w.hi += A.w.hi * B.w.lo + A.w.lo * B.w.hi;
	return P.s;
}

/* __cmpdi2/__ucmpdi2: 0 if a < b, 1 if equal, 2 if a > b. */
int __cmpdi2(s64 a, s64 b)
{
	dw_t A, B;
	A.s = a;
	B.s = b;
	if ((s32)A.w.hi != (s32)B.w.hi)
		return (s32)A.w.hi < (s32)B.w.hi ? 0 : 2;
	if (A.w.lo != B.w.lo)
		return A.w.lo < B.w.lo ? 0 : 2;
	return 1;
}

int __ucmpdi2(u64 a, u64 b)
{
	dw_t A, B;
	A.v = a;
	B.v = b;
	if (A.w.hi != B.w.hi)
		return A.w.hi < B.w.hi ? 0 : 2;
	if (A.w.lo != B.w.lo)
		return A.w.lo < B.w.lo ? 0 : 2;
	return 1;
}

s64 __negdi2(s64 a)
{
	dw_t X;
	X.s = a;
	X.w.lo = ~X.w.lo + 1;
	X.w.hi = ~X.w.hi + (X.w.lo == 0);
	return X.s;
}

int __clzsi2(u32 x)
{
	return x == 0 ? 32 : clz32_nz(x);
}

int __ctzsi2(u32 x)
{
	return x == 0 ? 32 : ctz32_nz(x);
}

/* Bits per nibble, so no multiply-and-shift idiom that gcc could turn back into __popcountsi2. */
static const unsigned char nibble_bits[16] = { 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4 };

int __popcountsi2(u32 x)
{
	int n = 0, i;
	for (i = 0; i < 8; i++) {
		n += nibble_bits[x & 15];
		x >>= 4;
	}
	return n;
}

int __paritysi2(u32 x)
{
	return __popcountsi2(x) & 1;
}

int __ffssi2(s32 x)
{
	return x == 0 ? 0 : ctz32_nz((u32)x) + 1;
}

int __clzdi2(u64 x)
{
	dw_t X;
	X.v = x;
	if (X.w.hi)
		return clz32_nz(X.w.hi);
	return X.w.lo ? 32 + clz32_nz(X.w.lo) : 64;
}

int __ctzdi2(u64 x)
{
	dw_t X;
	X.v = x;
	if (X.w.lo)
		return ctz32_nz(X.w.lo);
	return X.w.hi ? 32 + ctz32_nz(X.w.hi) : 64;
}

int __popcountdi2(u64 x)
{
	dw_t X;
	X.v = x;
	return __popcountsi2(X.w.hi) + __popcountsi2(X.w.lo);
}

int __paritydi2(u64 x)
{
	return __popcountdi2(x) & 1;
}

int __ffsdi2(s64 x)
{
	dw_t X;
	X.s = x;
	if (X.w.lo)
		return ctz32_nz(X.w.lo) + 1;
	return X.w.hi ? ctz32_nz(X.w.hi) + 33 : 0;
}

u32 __bswapsi2(u32 x)
{
	unsigned char b[4];
	b[0] = (unsigned char)(x >> 24);
	b[1] = (unsigned char)(x >> 16);
	b[2] = (unsigned char)(x >> 8);
	b[3] = (unsigned char)x;
	return ((u32)b[3] << 24) | ((u32)b[2] << 16) | ((u32)b[1] << 8) | b[0];
}

u64 __bswapdi2(u64 x)
{
	dw_t X;
	X.v = x;
	return dw(__bswapsi2(X.w.lo), __bswapsi2(X.w.hi));
}
