/*
 * switch.c — switch statements that gcc compiles to jump tables (dense cases: a bounds check,
 * an indexed load of a target address and an indirect jmpl), a sparse switch (compare chains),
 * and a character-driven state machine.
 */
#include <stdio.h>

#define NOINLINE __attribute__((noinline))

static NOINLINE int dense(int x)
{
	switch (x) {
	case 0: return 11;
	case 1: return 23;
	case 2: return 37;
	case 3: return x * 41;
	case 4: return 59;
	case 5: return -61;
	case 6: return 73;
	case 7: return x << 4;
	case 8: return 97;
	case 9: return 101;
	case 10: return 113;
	case 11: return -127;
	case 12: return 131;
	case 13: return x ^ 0x5555;
	case 14: return 149;
	case 15: return 151;
	case 16: return 163;
	case 17: return 173;
	case 18: return 181;
	case 19: return 191;
	case 20: return 197;
	case 21: return 199;
	case 22: return 211;
	case 23: return 223;
	case 24: return 227;
	case 25: return 229;
	case 26: return 233;
	case 27: return 239;
	case 28: return 241;
	case 29: return 251;
	case 30: return 257;
	case 31: return 263;
	default: return -1;
	}
}

static NOINLINE int offset_table(unsigned int x)
{
	switch (x) {
	case 100: return 1;
	case 101: return 4;
	case 102: return 9;
	case 103: return 16;
	case 104: return 25;
	case 105: return 36;
	case 106: return 49;
	case 108: return 64;
	case 110: return 81;
	default: return 0;
	}
}

static NOINLINE int sparse(int x)
{
	switch (x) {
	case -1000000: return 1;
	case -7: return 2;
	case 0: return 3;
	case 9: return 4;
	case 1024: return 5;
	case 65536: return 6;
	case 0x7fffffff: return 7;
	default: return 0;
	}
}

/* counts words, numbers and punctuation with a switch on the character and the state */
static NOINLINE void scan(const char *s)
{
	enum { SPACE, WORD, NUMBER } st = SPACE;
	int words = 0, numbers = 0, punct = 0, sum = 0, cur = 0;

	for (;; s++) {
		switch (*s) {
		case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9':
			if (st == SPACE) { st = NUMBER; numbers++; cur = 0; }
			if (st == NUMBER) cur = cur * 10 + (*s - '0');
			break;
		case ' ': case '\t': case '\n':
			if (st == NUMBER) sum += cur;
			st = SPACE;
			break;
		case '.': case ',': case ';': case '!': case '?':
			if (st == NUMBER) sum += cur;
			st = SPACE;
			punct++;
			break;
		case '\0':
			if (st == NUMBER) sum += cur;
			printf("scan: %d words, %d numbers (sum %d), %d punctuation\n", words, numbers, sum, punct);
			return;
		default:
			if (st == SPACE) { st = WORD; words++; }
			break;
		}
	}
}

int main(void)
{
	int i, total = 0;

	printf("switch:\n");
	for (i = -3; i < 36; i++) {
		int d = dense(i);
		total += d;
		printf("dense(%d) = %d\n", i, d);
	}
	for (i = 95; i < 115; i++)
		printf("offset_table(%d) = %d\n", i, offset_table((unsigned)i));
	{
		static volatile int probes[] = { -1000000, -999999, -7, -6, 0, 1, 9, 10, 1024, 1023, 65536, 0x7fffffff, -0x7fffffff - 1 };
		for (i = 0; i < (int)(sizeof(probes) / sizeof(probes[0])); i++)
			printf("sparse(%d) = %d\n", probes[i], sparse(probes[i]));
	}
	scan("The 3 little pigs built 3 houses, in 1990; then 42 wolves came. Really?!  7 8 9");
	scan("");
	scan("12345678 1 2 3 ... done");
	printf("switch: total %d\n", total);
	return 0;
}
