/*
 * tagged.c — tagged arithmetic: taddcc/tsubcc over edge values (V is set when either operand has
 * a nonzero tag in bits 1:0 or the 32-bit operation overflows; N, Z, C as for addcc/subcc), and
 * the trapping forms taddcctv/tsubcctv on operands that cannot trap (zero tags, no overflow).
 */
#include <stdio.h>
#include "diff.h"

static void tadd(unsigned int a, unsigned int b, unsigned int *r, unsigned int *f)
{
	unsigned int rr, ff;
	__asm__ volatile("taddcc %[a], %[b], %[r]\n\t" ICC_CAPTURE
	    : [r] "=&r"(rr), [flags] "=&r"(ff) : [a] "r"(a), [b] "r"(b) : "cc");
	*r = rr;
	*f = ff;
}

static void tsub(unsigned int a, unsigned int b, unsigned int *r, unsigned int *f)
{
	unsigned int rr, ff;
	__asm__ volatile("tsubcc %[a], %[b], %[r]\n\t" ICC_CAPTURE
	    : [r] "=&r"(rr), [flags] "=&r"(ff) : [a] "r"(a), [b] "r"(b) : "cc");
	*r = rr;
	*f = ff;
}

static void taddtv(unsigned int a, unsigned int b, unsigned int *r, unsigned int *f)
{
	unsigned int rr, ff;
	__asm__ volatile("taddcctv %[a], %[b], %[r]\n\t" ICC_CAPTURE
	    : [r] "=&r"(rr), [flags] "=&r"(ff) : [a] "r"(a), [b] "r"(b) : "cc");
	*r = rr;
	*f = ff;
}

static void tsubtv(unsigned int a, unsigned int b, unsigned int *r, unsigned int *f)
{
	unsigned int rr, ff;
	__asm__ volatile("tsubcctv %[a], %[b], %[r]\n\t" ICC_CAPTURE
	    : [r] "=&r"(rr), [flags] "=&r"(ff) : [a] "r"(a), [b] "r"(b) : "cc");
	*r = rr;
	*f = ff;
}

static volatile unsigned int imm_test_in = 0x40000001u;

int main(void)
{
	int i, j;
	unsigned int r1, f1, r2, f2;
	char s1[5], s2[5];

	printf("tagged: a b | taddcc r icc | tsubcc r icc\n");
	for (i = 0; i < N_EDGE; i++) {
		for (j = 0; j < N_EDGE; j++) {
			unsigned int a = edge_values[i], b = edge_values[j];
			if ((i + 2 * j) % 3 != 0 && i != j)
				continue;
			tadd(a, b, &r1, &f1);
			tsub(a, b, &r2, &f2);
			printf("%08x %08x | %08x %s | %08x %s\n", a, b, r1, icc_str(f1, s1), r2, icc_str(f2, s2));
		}
	}
	printf("tagged, trapping forms on clean operands:\n");
	for (i = 0; i < N_EDGE; i++) {
		for (j = 0; j < N_EDGE; j++) {
			unsigned int a = edge_values[i] & ~3u, b = edge_values[j] & ~3u;
			long long s = (long long)(int)a + (int)b, d = (long long)(int)a - (int)b;
			if (s >= -2147483647LL - 1 && s <= 2147483647LL && (i + j) % 2 == 0) {
				taddtv(a, b, &r1, &f1);
				printf("taddcctv %08x %08x = %08x %s\n", a, b, r1, icc_str(f1, s1));
			}
			if (d >= -2147483647LL - 1 && d <= 2147483647LL && (i + j) % 2 == 1) {
				tsubtv(a, b, &r2, &f2);
				printf("tsubcctv %08x %08x = %08x %s\n", a, b, r2, icc_str(f2, s2));
			}
		}
	}
	/* immediate operand form: the tag of the simm13 counts too */
	{
		unsigned int a = imm_test_in, r, f, r3, f3;
		__asm__ volatile("taddcc %[a], 2, %[r]\n\t" ICC_CAPTURE
		    : [r] "=&r"(r), [flags] "=&r"(f) : [a] "r"(a & ~3u) : "cc");
		__asm__ volatile("tsubcc %[a], 4, %[r]\n\t" ICC_CAPTURE
		    : [r] "=&r"(r3), [flags] "=&r"(f3) : [a] "r"(a & ~3u) : "cc");
		printf("taddcc imm 2 = %08x %s, tsubcc imm 4 = %08x %s\n", r, icc_str(f, s1), r3, icc_str(f3, s2));
	}
	printf("tagged: done\n");
	return 0;
}
