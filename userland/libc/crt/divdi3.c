/*
 * divdi3.c — 64-bit division for gcc -m32 -mcpu=v8: __udivdi3, __umoddi3, __divdi3, __moddi3 and
 * their common core __udivmoddi4 (the libgcc entry points; own code, not libgcc2.c). The V8 udiv
 * divides by a 32-bit value only, so: 32/32 uses udiv directly; a divisor below 2^16 divides the
 * dividend 16 bits at a time with udiv (remainder < 2^16 keeps each step in 32 bits); every other
 * case is restoring shift-subtract long division over the aligned bit range. Division by zero
 * executes a 32-bit udiv by zero, so the hardware's division_by_zero trap reports it.
 */
#include "dimode.h"

u64 __udivmoddi4(u64 n, u64 d, u64 *rem);
u64 __udivdi3(u64 n, u64 d);
u64 __umoddi3(u64 n, u64 d);
s64 __divdi3(s64 n, s64 d);
s64 __moddi3(s64 n, s64 d);

/* __udivmoddi4(): n / d, with n % d stored through rem when rem is not NULL. */
u64 __udivmoddi4(u64 n, u64 d, u64 *rem)
{
	dw_t N, D, Q, R;
	int shift, i;

	N.v = n;
	D.v = d;
	if (D.w.hi == 0) {
		if (D.w.lo == 0) {
			volatile u32 zero = 0;
			Q.w.hi = 0;
			Q.w.lo = N.w.lo / zero;		/* traps */
			if (rem) *rem = 0;
			return Q.v;
		}
		if (N.w.hi == 0) {
			u32 q = N.w.lo / D.w.lo;
			if (rem) *rem = dw(0, N.w.lo - q * D.w.lo);
			return dw(0, q);
		}
		if (D.w.lo <= 0xffffu) {
			u32 dv = D.w.lo, r = 0, cur, q3, q2, q1, q0;
			cur = N.w.hi >> 16;			q3 = cur / dv; r = cur - q3 * dv;
			cur = (r << 16) | (N.w.hi & 0xffffu);	q2 = cur / dv; r = cur - q2 * dv;
			cur = (r << 16) | (N.w.lo >> 16);	q1 = cur / dv; r = cur - q1 * dv;
			cur = (r << 16) | (N.w.lo & 0xffffu);	q0 = cur / dv; r = cur - q0 * dv;
			if (rem) *rem = dw(0, r);
			return dw((q3 << 16) | q2, (q1 << 16) | q0);
		}
	}
	/* general case: d >= 2^16 and n >= 2^32, or d >= 2^32 */
	if (N.w.hi < D.w.hi || (N.w.hi == D.w.hi && N.w.lo < D.w.lo)) {
		if (rem) *rem = n;
		return 0;
	}
	{
		int ln = N.w.hi ? clz32_nz(N.w.hi) : 32 + clz32_nz(N.w.lo);
		int ld = D.w.hi ? clz32_nz(D.w.hi) : 32 + clz32_nz(D.w.lo);
		shift = ld - ln;	/* >= 0 because n >= d */
	}
	/* D <<= shift */
	if (shift >= 32) {
		D.w.hi = D.w.lo << (shift - 32);
		D.w.lo = 0;
	} else if (shift > 0) {
		D.w.hi = (D.w.hi << shift) | (D.w.lo >> (32 - shift));
		D.w.lo <<= shift;
	}
	Q.v = 0;
	R.v = N.v;
	for (i = 0; i <= shift; i++) {
		/* Q <<= 1 */
		Q.w.hi = (Q.w.hi << 1) | (Q.w.lo >> 31);
		Q.w.lo <<= 1;
		if (R.w.hi > D.w.hi || (R.w.hi == D.w.hi && R.w.lo >= D.w.lo)) {
			u32 borrow = R.w.lo < D.w.lo;
			R.w.lo -= D.w.lo;
			R.w.hi -= D.w.hi + borrow;
			Q.w.lo |= 1;
		}
		/* D >>= 1 */
		D.w.lo = (D.w.lo >> 1) | (D.w.hi << 31);
		D.w.hi >>= 1;
	}
	if (rem) *rem = R.v;
	return Q.v;
}

u64 __udivdi3(u64 n, u64 d)
{
	return __udivmoddi4(n, d, 0);
}

u64 __umoddi3(u64 n, u64 d)
{
	u64 r;
	__udivmoddi4(n, d, &r);
	return r;
}

/* |x| as unsigned, computed on halves (0 - x would be fine too, but stays explicit here). */
static u64 uabs(s64 x, int *neg)
{
	dw_t X;
	X.s = x;
	*neg = (s32)X.w.hi < 0;
	if (*neg) {
		X.w.lo = ~X.w.lo + 1;
		X.w.hi = ~X.w.hi + (X.w.lo == 0);
	}
	return X.v;
}

static s64 negate(u64 v)
{
	dw_t X;
	X.v = v;
	X.w.lo = ~X.w.lo + 1;
	X.w.hi = ~X.w.hi + (X.w.lo == 0);
	return X.s;
}

/* __divdi3(): truncates toward zero, as C requires. */
s64 __divdi3(s64 n, s64 d)
{
	int nn, nd;
	u64 un = uabs(n, &nn), ud = uabs(d, &nd);
	u64 q = __udivmoddi4(un, ud, 0);
	return nn != nd ? negate(q) : (s64)q;
}

/* __moddi3(): the remainder has the sign of the dividend. */
s64 __moddi3(s64 n, s64 d)
{
	int nn, nd;
	u64 un = uabs(n, &nn), ud = uabs(d, &nd), r;
	__udivmoddi4(un, ud, &r);
	return nn ? negate(r) : (s64)r;
}
