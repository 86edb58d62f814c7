/*
 * addx.c — carry chains: 128-bit addition and subtraction with addcc/addxcc and subcc/subxcc
 * (each step's carry feeds the next; the final icc is printed), addx/subx with a known incoming
 * carry (they must use C but leave icc alone), and addxcc/subxcc flag results for each carry-in.
 */
#include <stdio.h>
#include "diff.h"

typedef struct { unsigned int w[4]; } u128;	/* w[0] most significant */

static u128 add128(u128 a, u128 b, unsigned int *flags)
{
	u128 r;
	unsigned int f;
	__asm__ volatile(
	    "addcc %[a3], %[b3], %[r3]\n\t"
	    "addxcc %[a2], %[b2], %[r2]\n\t"
	    "addxcc %[a1], %[b1], %[r1]\n\t"
	    "addxcc %[a0], %[b0], %[r0]\n\t"
	    ICC_CAPTURE
	    : [r0] "=&r"(r.w[0]), [r1] "=&r"(r.w[1]), [r2] "=&r"(r.w[2]), [r3] "=&r"(r.w[3]), [flags] "=&r"(f)
	    : [a0] "r"(a.w[0]), [a1] "r"(a.w[1]), [a2] "r"(a.w[2]), [a3] "r"(a.w[3]),
	      [b0] "r"(b.w[0]), [b1] "r"(b.w[1]), [b2] "r"(b.w[2]), [b3] "r"(b.w[3])
	    : "cc");
	*flags = f;
	return r;
}

static u128 sub128(u128 a, u128 b, unsigned int *flags)
{
	u128 r;
	unsigned int f;
	__asm__ volatile(
	    "subcc %[a3], %[b3], %[r3]\n\t"
	    "subxcc %[a2], %[b2], %[r2]\n\t"
	    "subxcc %[a1], %[b1], %[r1]\n\t"
	    "subxcc %[a0], %[b0], %[r0]\n\t"
	    ICC_CAPTURE
	    : [r0] "=&r"(r.w[0]), [r1] "=&r"(r.w[1]), [r2] "=&r"(r.w[2]), [r3] "=&r"(r.w[3]), [flags] "=&r"(f)
	    : [a0] "r"(a.w[0]), [a1] "r"(a.w[1]), [a2] "r"(a.w[2]), [a3] "r"(a.w[3]),
	      [b0] "r"(b.w[0]), [b1] "r"(b.w[1]), [b2] "r"(b.w[2]), [b3] "r"(b.w[3])
	    : "cc");
	*flags = f;
	return r;
}

/* carry-in c (0/1) set by "addcc cin_a, cin_b" where cin_a + cin_b carries iff c; op without cc */
static void x_nocc(unsigned int a, unsigned int b, unsigned int c, unsigned int *sum, unsigned int *diff, unsigned int *fs, unsigned int *fd)
{
	unsigned int ca = c ? 0xffffffffu : 0, cb = c ? 1 : 0, s, d, f1, f2;
	__asm__ volatile("addcc %[ca], %[cb], %%g0\n\t addx %[a], %[b], %[s]\n\t" ICC_CAPTURE
	    : [s] "=&r"(s), [flags] "=&r"(f1) : [a] "r"(a), [b] "r"(b), [ca] "r"(ca), [cb] "r"(cb) : "cc");
	__asm__ volatile("addcc %[ca], %[cb], %%g0\n\t subx %[a], %[b], %[d]\n\t" ICC_CAPTURE
	    : [d] "=&r"(d), [flags] "=&r"(f2) : [a] "r"(a), [b] "r"(b), [ca] "r"(ca), [cb] "r"(cb) : "cc");
	*sum = s;
	*diff = d;
	*fs = f1;
	*fd = f2;
}

static void x_cc(unsigned int a, unsigned int b, unsigned int c, unsigned int *sum, unsigned int *diff, unsigned int *fs, unsigned int *fd)
{
	unsigned int ca = c ? 0xffffffffu : 0, cb = c ? 1 : 0, s, d, f1, f2;
	__asm__ volatile("addcc %[ca], %[cb], %%g0\n\t addxcc %[a], %[b], %[s]\n\t" ICC_CAPTURE
	    : [s] "=&r"(s), [flags] "=&r"(f1) : [a] "r"(a), [b] "r"(b), [ca] "r"(ca), [cb] "r"(cb) : "cc");
	__asm__ volatile("addcc %[ca], %[cb], %%g0\n\t subxcc %[a], %[b], %[d]\n\t" ICC_CAPTURE
	    : [d] "=&r"(d), [flags] "=&r"(f2) : [a] "r"(a), [b] "r"(b), [ca] "r"(ca), [cb] "r"(cb) : "cc");
	*sum = s;
	*diff = d;
	*fs = f1;
	*fd = f2;
}

int main(void)
{
	int i, j;
	unsigned int c;
	char s1[5], s2[5], s3[5], s4[5];

	printf("addx: 128-bit chains\n");
	for (i = 0; i < N_EDGE; i += 2) {
		for (j = 0; j < N_EDGE; j += 3) {
			u128 a, b, s, d;
			unsigned int fa, fd;
			unsigned int x = edge_values[i], y = edge_values[j];
			a.w[0] = x; a.w[1] = ~x; a.w[2] = x; a.w[3] = y;
			b.w[0] = y; b.w[1] = x ^ y; b.w[2] = ~y; b.w[3] = x;
			s = add128(a, b, &fa);
			d = sub128(a, b, &fd);
			printf("%08x%08x%08x%08x + %08x%08x%08x%08x = %08x%08x%08x%08x %s\n",
			    a.w[0], a.w[1], a.w[2], a.w[3], b.w[0], b.w[1], b.w[2], b.w[3],
			    s.w[0], s.w[1], s.w[2], s.w[3], icc_str(fa, s1));
			printf("%*s - %*s = %08x%08x%08x%08x %s\n", 32, "", 32, "",
			    d.w[0], d.w[1], d.w[2], d.w[3], icc_str(fd, s2));
		}
	}
	/* all-ones + 1 ripples a carry through every word */
	{
		u128 a = { { 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu } }, b = { { 0, 0, 0, 1 } }, r;
		unsigned int f;
		r = add128(a, b, &f);
		printf("ripple: %08x%08x%08x%08x %s\n", r.w[0], r.w[1], r.w[2], r.w[3], icc_str(f, s1));
		r = sub128(b, a, &f);
		printf("borrow: %08x%08x%08x%08x %s\n", r.w[0], r.w[1], r.w[2], r.w[3], icc_str(f, s1));
	}
	printf("addx/subx (no cc) and addxcc/subxcc with carry in:\n");
	for (i = 0; i < N_EDGE; i++) {
		for (j = 0; j < N_EDGE; j++) {
			if ((i * 3 + j) % 4 != 0)
				continue;
			for (c = 0; c < 2; c++) {
				unsigned int a = edge_values[i], b = edge_values[j], s, d, fs, fd, s2v, d2v, fs2, fd2;
				x_nocc(a, b, c, &s, &d, &fs, &fd);
				x_cc(a, b, c, &s2v, &d2v, &fs2, &fd2);
				printf("%08x %08x c%u | addx %08x %s subx %08x %s | addxcc %08x %s subxcc %08x %s\n",
				    a, b, c, s, icc_str(fs, s1), d, icc_str(fd, s2), s2v, icc_str(fs2, s3), d2v,
				    icc_str(fd2, s4));
			}
		}
	}
	printf("addx: done\n");
	return 0;
}
