/*
 * loads.c — memory access widths: ldsb/ldub/ldsh/lduh/ld/ldd at every aligned offset of a buffer
 * (sign versus zero extension), stb/sth/st/std into a cleared buffer (which bytes change, big-endian
 * order), and register+register addressing.
 */
#include <stdio.h>

static unsigned char buf[32] __attribute__((aligned(8)));
static unsigned char out[32] __attribute__((aligned(8)));

static void dump(const char *what)
{
	int i;
	printf("%-10s", what);
	for (i = 0; i < 16; i++)
		printf(" %02x", out[i]);
	printf("\n");
}

static void clear(void)
{
	int i;
	for (i = 0; i < 32; i++)
		out[i] = 0xee;
}

int main(void)
{
	int i;

	for (i = 0; i < 32; i++)
		buf[i] = (unsigned char)(0x70 + i * 9);
	printf("loads:\n");
	for (i = 0; i < 16; i++) {
		unsigned char *p = buf + i;
		int sb, ub;
		__asm__ volatile("ldsb [%2], %0\n\t ldub [%2], %1" : "=&r"(sb), "=&r"(ub) : "r"(p));
		printf("byte %2d: ldsb %08x ldub %08x\n", i, (unsigned)sb, (unsigned)ub);
	}
	for (i = 0; i < 16; i += 2) {
		unsigned char *p = buf + i;
		int sh, uh;
		__asm__ volatile("ldsh [%2], %0\n\t lduh [%2], %1" : "=&r"(sh), "=&r"(uh) : "r"(p));
		printf("half %2d: ldsh %08x lduh %08x\n", i, (unsigned)sh, (unsigned)uh);
	}
	for (i = 0; i < 16; i += 4) {
		unsigned int w;
		__asm__ volatile("ld [%1 + %2], %0" : "=r"(w) : "r"(buf), "r"(i));
		printf("word %2d: ld %08x\n", i, w);
	}
	for (i = 0; i < 24; i += 8) {
		unsigned int hi, lo;
		__asm__ volatile("ldd [%2], %%g2\n\t mov %%g2, %0\n\t mov %%g3, %1" : "=&r"(hi), "=&r"(lo) : "r"(buf + i) : "g2", "g3");
		printf("dword %2d: ldd %08x %08x\n", i, hi, lo);
	}
	/* C-level loads through signed and unsigned types */
	{
		signed char *sc = (signed char *)buf;
		short *ss = (short *)buf;
		unsigned short *us = (unsigned short *)buf;
		int sum = 0;
		for (i = 0; i < 32; i++)
			sum += sc[i];
		for (i = 0; i < 16; i++)
			sum += ss[i] - us[i];
		printf("signed sums: %d\n", sum);
	}

	for (i = 0; i < 4; i++) {
		clear();
		__asm__ volatile("stb %0, [%1]" : : "r"(0x12345678u), "r"(out + 4 + i) : "memory");
		dump(i == 0 ? "stb +4" : i == 1 ? "stb +5" : i == 2 ? "stb +6" : "stb +7");
	}
	for (i = 0; i < 4; i += 2) {
		clear();
		__asm__ volatile("sth %0, [%1]" : : "r"(0x9abcdef0u), "r"(out + 4 + i) : "memory");
		dump(i == 0 ? "sth +4" : "sth +6");
	}
	clear();
	__asm__ volatile("st %0, [%1 + 8]" : : "r"(0xcafebabeu), "r"(out) : "memory");
	dump("st +8");
	clear();
	__asm__ volatile("set 0x01020304, %%g2\n\t set 0xa0b0c0d0, %%g3\n\t std %%g2, [%0 + 8]" : : "r"(out) : "g2", "g3", "memory");
	dump("std +8");
	clear();
	{
		short *ps = (short *)out;
		signed char *pc = (signed char *)out;
		ps[1] = -2;
		pc[7] = -128;
		pc[8] = 127;
		ps[5] = 0x7fff;
		dump("C stores");
	}
	printf("loads: done\n");
	return 0;
}
