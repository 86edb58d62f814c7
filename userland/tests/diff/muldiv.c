/*
 * muldiv.c — the V8 multiply and divide instructions through inline assembly: umul/smul and
 * umulcc/smulcc (low word, %y = high word, icc), udiv/sdiv and udivcc/sdivcc with a 64-bit
 * dividend in %y:rs1 (quotient, icc, %y afterwards), including the overflow cases where the
 * quotient saturates (udiv → 0xffffffff, sdiv → 0x7fffffff or 0x80000000) and V is set.
 */
#include <stdio.h>
#include "diff.h"

struct mres { unsigned int lo, y, flags; };

static struct mres do_umulcc(unsigned int a, unsigned int b)
{
	struct mres r;
	__asm__ volatile("umulcc %[a], %[b], %[lo]\n\t" ICC_CAPTURE "rd %%y, %[y]"
	    : [lo] "=&r"(r.lo), [y] "=&r"(r.y), [flags] "=&r"(r.flags) : [a] "r"(a), [b] "r"(b) : "cc");
	return r;
}

static struct mres do_smulcc(unsigned int a, unsigned int b)
{
	struct mres r;
	__asm__ volatile("smulcc %[a], %[b], %[lo]\n\t" ICC_CAPTURE "rd %%y, %[y]"
	    : [lo] "=&r"(r.lo), [y] "=&r"(r.y), [flags] "=&r"(r.flags) : [a] "r"(a), [b] "r"(b) : "cc");
	return r;
}

/* umul/smul without cc: icc is preset (0x80000000 - 1 gives --V-, 0 - 1 gives N--C) and must survive */
static struct mres do_umul_keep(unsigned int a, unsigned int b)
{
	struct mres r;
	unsigned int big = 0x80000000u;
	__asm__ volatile("subcc %[big], 1, %%g0\n\t umul %[a], %[b], %[lo]\n\t" ICC_CAPTURE "rd %%y, %[y]"
	    : [lo] "=&r"(r.lo), [y] "=&r"(r.y), [flags] "=&r"(r.flags) : [a] "r"(a), [b] "r"(b), [big] "r"(big) : "cc");
	return r;
}

static struct mres do_smul_keep(unsigned int a, unsigned int b)
{
	struct mres r;
	__asm__ volatile("subcc %%g0, 1, %%g0\n\t smul %[a], %[b], %[lo]\n\t" ICC_CAPTURE "rd %%y, %[y]"
	    : [lo] "=&r"(r.lo), [y] "=&r"(r.y), [flags] "=&r"(r.flags) : [a] "r"(a), [b] "r"(b) : "cc");
	return r;
}

static struct mres do_udivcc(unsigned int yin, unsigned int a, unsigned int b)
{
	struct mres r;
	__asm__ volatile("wr %[yin], 0, %%y\n\t nop\n\t nop\n\t nop\n\t udivcc %[a], %[b], %[lo]\n\t"
	    ICC_CAPTURE "rd %%y, %[y]"
	    : [lo] "=&r"(r.lo), [y] "=&r"(r.y), [flags] "=&r"(r.flags)
	    : [a] "r"(a), [b] "r"(b), [yin] "r"(yin) : "cc");
	return r;
}

static struct mres do_sdivcc(unsigned int yin, unsigned int a, unsigned int b)
{
	struct mres r;
	__asm__ volatile("wr %[yin], 0, %%y\n\t nop\n\t nop\n\t nop\n\t sdivcc %[a], %[b], %[lo]\n\t"
	    ICC_CAPTURE "rd %%y, %[y]"
	    : [lo] "=&r"(r.lo), [y] "=&r"(r.y), [flags] "=&r"(r.flags)
	    : [a] "r"(a), [b] "r"(b), [yin] "r"(yin) : "cc");
	return r;
}

static struct mres do_udiv(unsigned int yin, unsigned int a, unsigned int b)
{
	struct mres r;
	__asm__ volatile("wr %[yin], 0, %%y\n\t nop\n\t nop\n\t nop\n\t addcc %%g0, 0, %%g0\n\t"
	    "udiv %[a], %[b], %[lo]\n\t" ICC_CAPTURE "rd %%y, %[y]"
	    : [lo] "=&r"(r.lo), [y] "=&r"(r.y), [flags] "=&r"(r.flags)
	    : [a] "r"(a), [b] "r"(b), [yin] "r"(yin) : "cc");
	return r;
}

static struct mres do_sdiv(unsigned int yin, unsigned int a, unsigned int b)
{
	struct mres r;
	__asm__ volatile("wr %[yin], 0, %%y\n\t nop\n\t nop\n\t nop\n\t addcc %%g0, 0, %%g0\n\t"
	    "sdiv %[a], %[b], %[lo]\n\t" ICC_CAPTURE "rd %%y, %[y]"
	    : [lo] "=&r"(r.lo), [y] "=&r"(r.y), [flags] "=&r"(r.flags)
	    : [a] "r"(a), [b] "r"(b), [yin] "r"(yin) : "cc");
	return r;
}

static volatile unsigned int y_values[] = {
	0x00000000u, 0x00000001u, 0x00000006u, 0x0000ffffu, 0x3fffffffu, 0x7fffffffu,
	0x80000000u, 0xfffffffeu, 0xffffffffu,
};
#define N_Y ((int)(sizeof(y_values) / sizeof(y_values[0])))

int main(void)
{
	int i, j, k;
	char f1[5], f2[5], f3[5], f4[5];

	printf("multiply: a b | umulcc lo y icc | smulcc lo y icc | umul/smul keep icc\n");
	for (i = 0; i < N_EDGE; i++) {
		for (j = 0; j < N_EDGE; j++) {
			unsigned int a = edge_values[i], b = edge_values[j];
			struct mres u = do_umulcc(a, b), s = do_smulcc(a, b);
			struct mres uk = do_umul_keep(a, b), sk = do_smul_keep(a, b);
			if (j % 2 == 0 || i == j)
				printf("%08x %08x | %08x %08x %s | %08x %08x %s | %08x %08x %s %08x %08x %s\n", a, b,
				    u.lo, u.y, icc_str(u.flags, f1), s.lo, s.y, icc_str(s.flags, f2),
				    uk.lo, uk.y, icc_str(uk.flags, f3), sk.lo, sk.y, icc_str(sk.flags, f4));
		}
	}

	printf("divide, %%y = 0 (udiv) or sign of a (sdiv): a b | udivcc q icc y | sdivcc q icc y\n");
	for (i = 0; i < N_EDGE; i++) {
		for (j = 0; j < N_EDGE; j++) {
			unsigned int a = edge_values[i], b = edge_values[j];
			struct mres u, s;
			if (b == 0)
				continue;
			u = do_udivcc(0, a, b);
			s = do_sdivcc((int)a < 0 ? 0xffffffffu : 0, a, b);
			if ((i + j) % 2 == 0 || i == j)
				printf("%08x %08x | %08x %s %08x | %08x %s %08x\n", a, b,
				    u.lo, icc_str(u.flags, f1), u.y, s.lo, icc_str(s.flags, f2), s.y);
		}
	}

	printf("divide with arbitrary %%y (64-bit dividend, overflow saturates): y a b | udivcc | sdivcc | udiv | sdiv\n");
	for (k = 0; k < N_Y; k++) {
		for (i = 0; i < N_EDGE; i += 4) {
			for (j = 1; j < N_EDGE; j += 3) {
				unsigned int y = y_values[k], a = edge_values[i], b = edge_values[j];
				struct mres u = do_udivcc(y, a, b), s = do_sdivcc(y, a, b);
				struct mres u2 = do_udiv(y, a, b), s2 = do_sdiv(y, a, b);
				printf("%08x %08x %08x | %08x %s | %08x %s | %08x %s | %08x %s\n", y, a, b,
				    u.lo, icc_str(u.flags, f1), s.lo, icc_str(s.flags, f2),
				    u2.lo, icc_str(u2.flags, f3), s2.lo, icc_str(s2.flags, f4));
			}
		}
	}
	printf("muldiv: done\n");
	return 0;
}
