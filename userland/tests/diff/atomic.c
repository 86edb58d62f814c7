/*
 * atomic.c — the V8 atomic instructions: ldstub (load a byte, store 0xff) on each byte of a word
 * and as a spin-lock, and swap (exchange a register with a word in memory), printing the loaded
 * values and the memory afterwards.
 */
#include <stdio.h>
#include "diff.h"

static volatile unsigned int word;
static volatile unsigned char lock;
static volatile unsigned int cells[8];

static unsigned int ldstub(volatile unsigned char *p)
{
	unsigned int old;
	__asm__ volatile("ldstub [%1], %0" : "=r"(old) : "r"(p) : "memory");
	return old;
}

static unsigned int swap(volatile unsigned int *p, unsigned int v)
{
	__asm__ volatile("swap [%1], %0" : "+r"(v) : "r"(p) : "memory");
	return v;
}

int main(void)
{
	int i, k;

	printf("atomic:\n");
	for (k = 0; k < N_EDGE; k += 3) {
		word = edge_values[k];
		printf("word %08x:", word);
		for (i = 0; i < 4; i++) {
			unsigned int old = ldstub((volatile unsigned char *)&word + i);
			printf(" ldstub[%d]=%02x->%08x", i, old, word);
		}
		printf("\n");
	}
	lock = 0;
	for (i = 0; i < 4; i++) {
		unsigned int got = ldstub(&lock);
		printf("try-lock %d: %s (byte now %02x)\n", i, got == 0 ? "acquired" : "busy", lock);
		if (i == 1) {
			lock = 0;	/* release */
			printf("released\n");
		}
	}
	for (i = 0; i < 8; i++)
		cells[i] = 0x11111111u * (unsigned)i;
	for (k = 0; k < N_EDGE; k++) {
		unsigned int v = edge_values[k];
		unsigned int old = swap(&cells[k % 8], v);
		printf("swap cells[%d] %08x <- %08x, now %08x\n", k % 8, old, v, cells[k % 8]);
	}
	/* swap with an immediate offset from a base register */
	{
		unsigned int v = 0xcafef00du;
		__asm__ volatile("swap [%1 + 12], %0" : "+r"(v) : "r"(cells) : "memory");
		printf("swap [cells+12]: old %08x now %08x\n", v, cells[3]);
	}
	printf("atomic: done\n");
	return 0;
}
