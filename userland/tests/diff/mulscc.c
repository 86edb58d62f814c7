/*
 * mulscc.c — the V8 multiply-step instruction: the textbook signed 32x32 → 64 multiply (multiplier
 * in %y, 32 mulscc steps with the multiplicand, one final step with %g0, then a correction when
 * the multiplier is negative), checked against the C product; plus single mulscc steps with icc
 * and %y printed after each, so N^V shifting in and the %y rotation are visible.
 */
#include <stdio.h>
#include "diff.h"

#define STEP "mulscc %[p], %[mc], %[p]\n\t"
#define STEP4 STEP STEP STEP STEP
#define STEP32 STEP4 STEP4 STEP4 STEP4 STEP4 STEP4 STEP4 STEP4

/* Signed multiply by multiply-step; returns the 64-bit product as hi:lo. */
static long long mulscc_mul(unsigned int mlier, unsigned int mcand)
{
	unsigned int p, lo;

	__asm__ volatile(
	    "wr %[ml], 0, %%y\n\t nop\n\t nop\n\t nop\n\t"
	    "andcc %%g0, %%g0, %[p]\n\t"	/* partial product 0; N and V clear */
	    STEP32
	    "mulscc %[p], %%g0, %[p]\n\t"	/* last shift */
	    "tst %[ml]\n\t"
	    "bge 1f\n\t nop\n\t"
	    "sub %[p], %[mc], %[p]\n"		/* multiplier < 0: the unsigned multiplier bits over-counted */
	    "1:\n\t rd %%y, %[lo]"
	    : [p] "=&r"(p), [lo] "=&r"(lo) : [ml] "r"(mlier), [mc] "r"(mcand) : "cc");
	return (long long)(((unsigned long long)p << 32) | lo);
}

/* One step from a given partial product, %y and icc (set by an addcc of two chosen values). */
static void one_step(unsigned int p, unsigned int y, unsigned int mc, unsigned int ca, unsigned int cb)
{
	unsigned int np, ny, flags;
	char f[5];

	__asm__ volatile(
	    "wr %[y], 0, %%y\n\t nop\n\t nop\n\t nop\n\t"
	    "addcc %[ca], %[cb], %%g0\n\t"
	    "mov %[p], %[np]\n\t"
	    "mulscc %[np], %[mc], %[np]\n\t"
	    ICC_CAPTURE
	    "rd %%y, %[ny]"
	    : [np] "=&r"(np), [ny] "=&r"(ny), [flags] "=&r"(flags)
	    : [p] "r"(p), [y] "r"(y), [mc] "r"(mc), [ca] "r"(ca), [cb] "r"(cb) : "cc");
	printf("step p=%08x y=%08x mc=%08x in(%08x+%08x) -> p=%08x y=%08x %s\n",
	    p, y, mc, ca, cb, np, ny, icc_str(flags, f));
}

int main(void)
{
	int i, j, bad = 0;

	printf("mulscc: signed multiply by 33 steps\n");
	for (i = 0; i < N_EDGE; i++) {
		for (j = 0; j < N_EDGE; j++) {
			unsigned int a = edge_values[i], b = edge_values[j];
			long long got = mulscc_mul(a, b);
			long long want = (long long)(int)a * (long long)(int)b;
			if (got != want)
				bad++;
			if ((i * N_EDGE + j) % 4 == 0 || got != want)
				printf("%08x * %08x = %016llx %s\n", a, b, (unsigned long long)got,
				    got == want ? "ok" : "MISMATCH");
		}
	}
	printf("mulscc: %d mismatches\n", bad);

	/* icc inputs: 0+0 (----), 0x7fffffff+1 (N-V-), 0xffffffff+1 (-Z-C), 0x80000000+0x80000000 (-ZVC) */
	for (i = 0; i < N_EDGE; i += 2) {
		unsigned int v = edge_values[i];
		one_step(v, v ^ 0x5a5a5a5au, edge_values[(i + 5) % N_EDGE], 0, 0);
		one_step(v, ~v, edge_values[(i + 7) % N_EDGE], 0x7fffffffu, 1);
		one_step(~v, v, edge_values[(i + 3) % N_EDGE], 0xffffffffu, 1);
		one_step(v, v << 3, v, 0x80000000u, 0x80000000u);
	}
	printf("mulscc: done\n");
	return bad != 0;
}
