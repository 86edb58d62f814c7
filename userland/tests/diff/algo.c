/*
 * algo.c — small whole programs: CRC-32 with a table built at run time, sorting (libc qsort on
 * ints and on strings, and an insertion sort) checked for order, a sieve of Eratosthenes to
 * 200000, and a pseudo-random permutation — lots of loads, stores, branches and calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned int crc_table[256];
static unsigned char sieve[200001];
static int numbers[2000];
static int numbers2[2000];

static void crc_init(void)
{
	unsigned int i, j, c;
	for (i = 0; i < 256; i++) {
		c = i;
		for (j = 0; j < 8; j++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static unsigned int crc32(const unsigned char *p, unsigned int n)
{
	unsigned int c = 0xffffffffu;
	while (n--)
		c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static unsigned int lcg = 12345;
static unsigned int next(void)
{
	lcg = lcg * 1664525u + 1013904223u;
	return lcg;
}

int main(void)
{
	static const char *words[] = { "register", "window", "fork", "vfork", "forkall", "sparc",
		"solaris", "kernel", "pidlock", "segvn", "anon", "hat", "srmmu", "trap", "spill", "fill",
		"copy", "write", "fault", "lwp" };
	int i, primes = 0, last = 0, sorted = 1;
	unsigned int h = 0;

	crc_init();
	printf("algo:\n");
	printf("crc32(\"\") = %08x\n", crc32((const unsigned char *)"", 0));
	printf("crc32(\"123456789\") = %08x\n", crc32((const unsigned char *)"123456789", 9));
	printf("crc32(table) = %08x\n", crc32((const unsigned char *)crc_table, sizeof(crc_table)));

	for (i = 2; i <= 200000; i++) {
		int j;
		if (sieve[i])
			continue;
		primes++;
		last = i;
		if (primes <= 30 || primes % 1000 == 0)
			printf("prime #%d = %d\n", primes, i);
		for (j = i + i; j <= 200000; j += i)
			sieve[j] = 1;
	}
	printf("primes <= 200000: %d, largest %d\n", primes, last);

	for (i = 0; i < 2000; i++)
		numbers[i] = numbers2[i] = (int)(next() >> 8) - (1 << 23);
	qsort(numbers, 2000, sizeof(int), cmp_int);
	for (i = 1; i < 2000; i++)
		if (numbers[i - 1] > numbers[i])
			sorted = 0;
	for (i = 0; i < 2000; i += 97)
		printf("sorted[%d] = %d\n", i, numbers[i]);
	printf("qsort ints ordered: %s\n", sorted ? "yes" : "no");
	/* insertion sort on the same data must agree */
	for (i = 1; i < 2000; i++) {
		int v = numbers2[i], j = i - 1;
		while (j >= 0 && numbers2[j] > v) {
			numbers2[j + 1] = numbers2[j];
			j--;
		}
		numbers2[j + 1] = v;
	}
	printf("insertion sort agrees: %s\n", memcmp(numbers, numbers2, sizeof(numbers)) == 0 ? "yes" : "no");
	for (i = 0; i < 2000; i++)
		h = h * 33 + (unsigned)numbers[i];
	printf("sorted hash %08x\n", h);

	qsort(words, sizeof(words) / sizeof(words[0]), sizeof(words[0]), cmp_str);
	for (i = 0; i < (int)(sizeof(words) / sizeof(words[0])); i++)
		printf("%s%s", i ? " " : "", words[i]);
	printf("\n");

	/* Fisher-Yates permutation of 0..63 and its cycle structure */
	{
		int perm[64], seen[64], cycles = 0;
		for (i = 0; i < 64; i++) {
			perm[i] = i;
			seen[i] = 0;
		}
		for (i = 63; i > 0; i--) {
			int j = (int)(next() % (unsigned)(i + 1)), t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
		}
		for (i = 0; i < 64; i++) {
			int j = i, len = 0;
			if (seen[i])
				continue;
			while (!seen[j]) {
				seen[j] = 1;
				j = perm[j];
				len++;
			}
			cycles++;
			printf("cycle %d from %d: length %d\n", cycles, i, len);
		}
	}
	printf("algo: done\n");
	return 0;
}
