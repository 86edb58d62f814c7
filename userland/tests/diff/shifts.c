/*
 * shifts.c — sll, srl and sra with register counts from 0 to 69 (only the low 5 bits count, so
 * 32 shifts by 0 and 33 by 1) and with every immediate count, on edge values.
 */
#include <stdio.h>
#include "diff.h"

static unsigned int sh(int kind, unsigned int v, unsigned int n)
{
	unsigned int r;
	if (kind == 0)
		__asm__ volatile("sll %1, %2, %0" : "=r"(r) : "r"(v), "r"(n));
	else if (kind == 1)
		__asm__ volatile("srl %1, %2, %0" : "=r"(r) : "r"(v), "r"(n));
	else
		__asm__ volatile("sra %1, %2, %0" : "=r"(r) : "r"(v), "r"(n));
	return r;
}

#define IMM(k) do { unsigned int a_, b_, c_; \
	__asm__ volatile("sll %3, " #k ", %0\n\t srl %3, " #k ", %1\n\t sra %3, " #k ", %2" \
	    : "=&r"(a_), "=&r"(b_), "=&r"(c_) : "r"(v)); \
	printf("  imm %2d: %08x %08x %08x\n", k, a_, b_, c_); } while (0)

int main(void)
{
	int i;
	unsigned int n;

	printf("shifts: value count | sll srl sra\n");
	for (i = 0; i < N_EDGE; i += 2) {
		unsigned int v = edge_values[i];
		for (n = 0; n < 70; n += (n < 40 ? 1 : 7))
			printf("%08x %2u | %08x %08x %08x\n", v, n, sh(0, v, n), sh(1, v, n), sh(2, v, n));
		/* counts with high bits set: only bits 4:0 matter */
		printf("%08x big | %08x %08x %08x\n", v, sh(0, v, 0xffffffe3u), sh(1, v, 0x80000021u), sh(2, v, 0x7fffffffu));
	}
	for (i = 0; i < N_EDGE; i += 6) {
		unsigned int v = edge_values[i];
		printf("immediates on %08x:\n", v);
		IMM(0); IMM(1); IMM(2); IMM(3); IMM(4); IMM(5); IMM(6); IMM(7);
		IMM(8); IMM(9); IMM(10); IMM(11); IMM(12); IMM(13); IMM(14); IMM(15);
		IMM(16); IMM(17); IMM(18); IMM(19); IMM(20); IMM(21); IMM(22); IMM(23);
		IMM(24); IMM(25); IMM(26); IMM(27); IMM(28); IMM(29); IMM(30); IMM(31);
	}
	printf("shifts: done\n");
	return 0;
}
