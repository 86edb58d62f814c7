/*
 * stdlib.c — small <stdlib.h> helpers: atoi family, abs family, div/ldiv, rand/srand (the C
 * standard's sample generator, so every machine produces the same sequence), bsearch.
 */
#include <stdlib.h>

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

div_t div(int n, int d)
{
	div_t r;
	r.quot = n / d;
	r.rem = n % d;
	return r;
}

ldiv_t ldiv(long n, long d)
{
	ldiv_t r;
	r.quot = n / d;
	r.rem = n % d;
	return r;
}

static unsigned long rand_next = 1;

int rand(void)
{
	rand_next = rand_next * 1103515245 + 12345;
	return (int)((rand_next / 65536) % 32768);
}

void srand(unsigned int seed)
{
	rand_next = seed;
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = (const char *)base + mid * size;
		int c = cmp(key, p);
		if (c == 0)
			return (void *)p;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
