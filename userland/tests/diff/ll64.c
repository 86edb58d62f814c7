/*
 * ll64.c — 64-bit integer arithmetic as gcc -m32 compiles it: add/sub/mul inline (addcc/addx,
 * umul), division, remainder and variable shifts through the libc helpers (__udivdi3, __divdi3,
 * __umoddi3, __moddi3), plus direct calls of every helper (shifts, compares, bit counts, byte
 * swaps) on edge values, printed with %lld, %llu and %llx.
 */
#include <stdio.h>

typedef unsigned long long u64;
typedef long long s64;

static volatile u64 vals[] = {
	0ULL, 1ULL, 2ULL, 3ULL, 7ULL, 10ULL, 0xffULL, 0x100ULL, 0xffffULL, 0x10000ULL,
	0x7fffffffULL, 0x80000000ULL, 0xffffffffULL, 0x100000000ULL, 0x100000001ULL,
	0x123456789ULL, 0xfedcba9876543210ULL, 0x0123456789abcdefULL, 1000000007ULL,
	0x7fffffffffffffffULL, 0x8000000000000000ULL, 0x8000000000000001ULL,
	0xfffffffffffffffeULL, 0xffffffffffffffffULL, 0xffffffff00000000ULL,
	0x00000000ffff0000ULL, 10000000000000000000ULL, 0xfffffffffffffff9ULL /* -7 */,
};
#define NV ((int)(sizeof(vals) / sizeof(vals[0])))

static volatile int shift_counts[] = { 0, 1, 4, 15, 16, 31, 32, 33, 47, 63 };
#define NS ((int)(sizeof(shift_counts) / sizeof(shift_counts[0])))

#ifdef __sparc__
/* the helpers themselves, so each is exercised even where gcc would inline the operation */
s64 __ashldi3(s64, int);
s64 __lshrdi3(s64, int);
s64 __ashrdi3(s64, int);
s64 __muldi3(s64, s64);
int __cmpdi2(s64, s64);
int __ucmpdi2(u64, u64);
s64 __negdi2(s64);
int __clzsi2(unsigned int);
int __ctzsi2(unsigned int);
int __popcountsi2(unsigned int);
int __ffssi2(int);
int __clzdi2(u64);
int __ctzdi2(u64);
int __popcountdi2(u64);
unsigned int __bswapsi2(unsigned int);
u64 __bswapdi2(u64);
#endif

static u64 mix;

static void fold(u64 v)
{
	mix = (mix << 7 | mix >> 57) ^ v;
}

int main(void)
{
	int i, j;

	printf("ll64: %d values\n", NV);
	for (i = 0; i < NV; i++) {
		u64 a = vals[i];
		s64 sa = (s64)a;
		printf("v[%2d] = %llu = %lld = 0x%llx neg=%llx not=%llx\n", i, a, sa, a, 0ULL - a, ~a);
	}
	for (i = 0; i < NV; i++) {
		for (j = 0; j < NV; j++) {
			u64 a = vals[i], b = vals[j];
			s64 sa = (s64)a, sb = (s64)b;
			u64 add = a + b, sub = a - b, mul = a * b;
			u64 udv = 0, umd = 0;
			s64 sdv = 0, smd = 0;
			if (b != 0) {
				udv = a / b;
				umd = a % b;
				if (!(sa == (s64)0x8000000000000000ULL && sb == -1)) {
					sdv = sa / sb;
					smd = sa % sb;
				}
			}
			fold(add); fold(sub); fold(mul); fold(udv); fold(umd); fold((u64)sdv); fold((u64)smd);
			fold((u64)(sa < sb) | (u64)(a < b) << 1 | (u64)(a == b) << 2);
			if ((i + j) % 4 == 0 || i == j)
				printf("%llx %llx: + %llx - %llx * %llx u/ %llu u%% %llu s/ %lld s%% %lld\n",
				    a, b, add, sub, mul, udv, umd, sdv, smd);
		}
		printf("row %2d mix %016llx\n", i, mix);
	}
	printf("shifts by variable counts:\n");
	for (i = 0; i < NV; i += 3) {
		for (j = 0; j < NS; j++) {
			u64 a = vals[i];
			int n = shift_counts[j];
			printf("%016llx <<%2d %016llx >>%2d %016llx a>>%2d %016llx\n", a, n, a << n, n, a >> n,
			    n, (u64)((s64)a >> n));
		}
	}
#ifdef __sparc__
	printf("helpers called directly:\n");
	for (i = 0; i < NV; i++) {
		u64 a = vals[i], b = vals[(i * 7 + 3) % NV];
		unsigned int w = (unsigned int)(a >> 16);
		int n = shift_counts[i % NS];
		printf("%016llx: shl %llx lshr %llx ashr %llx mul %llx cmp %d ucmp %d neg %llx\n", a,
		    (u64)__ashldi3((s64)a, n), (u64)__lshrdi3((s64)a, n), (u64)__ashrdi3((s64)a, n),
		    (u64)__muldi3((s64)a, (s64)b), __cmpdi2((s64)a, (s64)b), __ucmpdi2(a, b), (u64)__negdi2((s64)a));
		printf("  w=%08x clz %d ctz %d pop %d ffs %d bswap %08x | clzdi %d ctzdi %d popdi %d bswapdi %016llx\n",
		    w, w ? __clzsi2(w) : -1, w ? __ctzsi2(w) : -1, __popcountsi2(w), __ffssi2((int)w), __bswapsi2(w),
		    a ? __clzdi2(a) : -1, a ? __ctzdi2(a) : -1, __popcountdi2(a), __bswapdi2(a));
	}
#endif
	printf("builtins:\n");
	for (i = 0; i < NV; i++) {
		u64 a = vals[i];
		unsigned int w = (unsigned int)a ^ (unsigned int)(a >> 32);
		printf("%016llx: clz %d ctz %d pop %d par %d ffs %d | clzll %d ctzll %d popll %d parll %d ffsll %d | bswap %08x %016llx\n",
		    a, w ? __builtin_clz(w) : -1, w ? __builtin_ctz(w) : -1, __builtin_popcount(w),
		    __builtin_parity(w), __builtin_ffs((int)w), a ? __builtin_clzll(a) : -1,
		    a ? __builtin_ctzll(a) : -1, __builtin_popcountll(a), __builtin_parityll(a),
		    __builtin_ffsll((s64)a), __builtin_bswap32(w), __builtin_bswap64(a));
	}
	printf("ll64: final mix %016llx\n", mix);
	return 0;
}
