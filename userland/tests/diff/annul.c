/*
 * annul.c — branch delay slots and annulment: ba (slot runs), ba,a (slot annulled), bn (never
 * taken, slot runs), bn,a (slot annulled), conditional branches with ,a taken (slot runs) and not
 * taken (slot annulled), a countdown loop with the decrement in an annulled slot, call with a slot,
 * and all 16 Bicc conditions evaluated after subcc of every pair of edge values.
 */
#include <stdio.h>
#include "diff.h"

static volatile int vzero = 0, vone = 1;

int main(void)
{
	unsigned int c;
	int i, j;

	printf("annul:\n");
	__asm__ volatile("mov 0, %0\n\t ba 1f\n\t add %0, 1, %0\n\t add %0, 100, %0\n1:" : "=&r"(c));
	printf("ba: slot count %u (expect 1)\n", c);
	__asm__ volatile("mov 0, %0\n\t ba,a 1f\n\t add %0, 1, %0\n\t add %0, 100, %0\n1:" : "=&r"(c));
	printf("ba,a: slot count %u (expect 0)\n", c);
	__asm__ volatile("mov 0, %0\n\t bn 1f\n\t add %0, 1, %0\n\t add %0, 100, %0\n1:" : "=&r"(c));
	printf("bn: count %u (expect 101)\n", c);
	__asm__ volatile("mov 0, %0\n\t bn,a 1f\n\t add %0, 1, %0\n\t add %0, 100, %0\n1:" : "=&r"(c));
	printf("bn,a: count %u (expect 100)\n", c);
	__asm__ volatile("mov 0, %0\n\t cmp %1, 0\n\t bne,a 1f\n\t add %0, 1, %0\n\t add %0, 100, %0\n1:"
	    : "=&r"(c) : "r"(vone) : "cc");
	printf("bne,a taken: count %u (expect 1)\n", c);
	__asm__ volatile("mov 0, %0\n\t cmp %1, 0\n\t bne,a 1f\n\t add %0, 1, %0\n\t add %0, 100, %0\n1:"
	    : "=&r"(c) : "r"(vzero) : "cc");
	printf("bne,a not taken: count %u (expect 100)\n", c);
	__asm__ volatile("mov 0, %0\n\t cmp %1, 0\n\t be 1f\n\t add %0, 1, %0\n\t add %0, 100, %0\n1:"
	    : "=&r"(c) : "r"(vone) : "cc");
	printf("be not taken: count %u (expect 101)\n", c);
	/* loop: 10 iterations, the accumulate in the annulled slot runs only while looping */
	{
		unsigned int n = 10, acc = 0;
		__asm__ volatile("1: subcc %0, 1, %0\n\t bne,a 1b\n\t add %1, 3, %1" : "+r"(n), "+r"(acc) : : "cc");
		printf("countdown: n %u acc %u (expect 0 27)\n", n, acc);
	}
	/* call's delay slot executes before the target, and %o7 = address of the call */
	{
		unsigned int got, here;
		__asm__ volatile("call 1f\n\t mov 7, %0\n1:\n\t mov %%o7, %1\n\t add %0, 1, %0"
		    : "=&r"(got), "=&r"(here) : : "o7");
		printf("call slot: %u (expect 8), o7 is word-aligned: %s\n", got, (here & 3) == 0 ? "yes" : "no");
	}
	/* jmpl with its slot */
	{
		unsigned int got;
		__asm__ volatile("set 1f, %%g1\n\t jmpl %%g1, %%g0\n\t mov 5, %0\n\t mov 99, %0\n1:\n\t add %0, 2, %0"
		    : "=&r"(got) : : "g1");
		printf("jmpl slot: %u (expect 7)\n", got);
	}

	printf("conditions after subcc a, b: a b icc -> taken mask (ba bn bne be bg ble bge bl bgu bleu bcc bcs bpos bneg bvc bvs)\n");
	for (i = 0; i < N_EDGE; i++) {
		for (j = 0; j < N_EDGE; j++) {
			unsigned int a = edge_values[i], b = edge_values[j], m, f;
			char s[5];
			if ((i + j) % 2 != 0 && i != j)
				continue;
/* shift the mask left, then set bit 0 if the branch is taken */
#define TRY(cond, bit) "sll %[m], 1, %[m]\n\t subcc %[a], %[b], %%g0\n\t " cond " 1f\n\t nop\n\t ba 2f\n\t nop\n1:\t or %[m], 1, %[m]\n2:\n\t"
			__asm__ volatile("mov 0, %[m]\n\t"
			    TRY("ba", 0x8000) TRY("bn", 0x4000) TRY("bne", 0x2000) TRY("be", 0x1000)
			    TRY("bg", 0x800) TRY("ble", 0x400) TRY("bge", 0x200) TRY("bl", 0x100)
			    TRY("bgu", 0x80) TRY("bleu", 0x40) TRY("bcc", 0x20) TRY("bcs", 0x10)
			    TRY("bpos", 0x8) TRY("bneg", 0x4) TRY("bvc", 0x2) TRY("bvs", 0x1)
			    "subcc %[a], %[b], %%g0\n\t" ICC_CAPTURE
			    : [m] "=&r"(m), [flags] "=&r"(f) : [a] "r"(a), [b] "r"(b) : "cc");
#undef TRY
			printf("%08x %08x %s -> %04x\n", a, b, icc_str(f, s), m);
		}
	}
	printf("annul: done\n");
	return 0;
}
