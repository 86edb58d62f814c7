/*
 * arith.c — 32-bit integer arithmetic over every pair of edge values: add, sub, mul (signed and
 * unsigned), div and mod (skipping the cases C leaves undefined, which are done with inline sdiv),
 * bitwise operations, shifts by constants and comparisons. Operands come from a volatile table so
 * gcc cannot fold them at compile time.
 */
#include <stdio.h>
#include "diff.h"

static unsigned int mix;

static void fold(unsigned int v)
{
	mix = (mix << 5 | mix >> 27) ^ v;
}

int main(void)
{
	int i, j;

	printf("arith: %d edge values\n", N_EDGE);
	for (i = 0; i < N_EDGE; i++) {
		unsigned int a = edge_values[i];
		int sa = (int)a;
		printf("a=%08x neg=%08x not=%08x sll1=%08x srl1=%08x sra1=%08x sra31=%08x sext8=%d sext16=%d\n",
		    a, 0u - a, ~a, a << 1, a >> 1, (unsigned)(sa >> 1), (unsigned)(sa >> 31),
		    (int)(signed char)a, (int)(short)a);
	}
	for (i = 0; i < N_EDGE; i++) {
		for (j = 0; j < N_EDGE; j++) {
			unsigned int a = edge_values[i], b = edge_values[j];
			int sa = (int)a, sb = (int)b;
			unsigned int add = a + b, sub = a - b, mul = a * b;
			unsigned int udv = 0, umd = 0, sdv = 0, smd = 0;
			if (b != 0) {
				udv = a / b;
				umd = a % b;
				if (!(sa == (int)0x80000000u && sb == -1)) {
					sdv = (unsigned)(sa / sb);
					smd = (unsigned)(sa % sb);
				}
			}
			fold(add); fold(sub); fold(mul); fold(udv); fold(umd); fold(sdv); fold(smd);
			fold(a & b); fold(a | b); fold(a ^ b); fold(a & ~b);
			fold((unsigned)(sa < sb) | (unsigned)(a < b) << 1 | (unsigned)(sa <= sb) << 2 | (unsigned)(a >= b) << 3);
			if ((i + j) % 3 == 0 || i == j)
				printf("%08x %08x: + %08x - %08x * %08x u/ %08x u%% %08x s/ %08x s%% %08x lt %d%d\n",
				    a, b, add, sub, mul, udv, umd, sdv, smd, sa < sb, a < b);
		}
		printf("row %2d mix %08x\n", i, mix);
	}
	/* the one signed division C cannot express: INT_MIN / -1 (V8 sdiv saturates, no trap) */
#ifdef __sparc__
	{
		volatile int num = (int)0x80000000u, den = -1;
		int q;
		__asm__ volatile("sra %1, 31, %%g1\n\t wr %%g1, 0, %%y\n\t nop\n\t nop\n\t nop\n\t sdiv %1, %2, %0"
		    : "=r"(q) : "r"(num), "r"(den) : "g1");
		printf("sdiv INT_MIN / -1 = %08x\n", (unsigned)q);
	}
#endif
	printf("arith: final mix %08x\n", mix);
	return 0;
}
