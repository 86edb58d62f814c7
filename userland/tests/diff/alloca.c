/*
 * alloca.c — dynamic stack allocation: alloca and variable-length arrays of many sizes (the
 * stack pointer moves by non-constant amounts and stays 8-aligned), inside loops and recursion,
 * with the contents checked after nested calls that use the stack below them.
 */
#include <stdio.h>
#include <alloca.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

static volatile int vsize = 1;

static NOINLINE unsigned int fill_and_sum(unsigned char *p, int n, unsigned int k)
{
	unsigned int s = 0;
	int i;
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(k + (unsigned)i * 13);
	for (i = 0; i < n; i++)
		s = s * 31 + p[i];
	return s;
}

static NOINLINE unsigned int rec(int depth, int n)
{
	unsigned char *p = alloca((unsigned)n);
	unsigned int before, after, inner = 0;

	before = fill_and_sum(p, n, (unsigned)depth);
	if (depth > 0)
		inner = rec(depth - 1, n * 3 % 200 + vsize);
	after = 0;
	{
		int i;
		for (i = 0; i < n; i++)
			after = after * 31 + p[i];
	}
	if (before != after)
		printf("alloca area clobbered at depth %d\n", depth);
	return before ^ inner;
}

static NOINLINE unsigned int vla(int n)
{
	int a[n];
	int i;
	unsigned int s = 0;
	for (i = 0; i < n; i++)
		a[i] = i * i - n;
	for (i = 0; i < n; i++)
		s += (unsigned)a[i] * (unsigned)(i + 1);
	return s;
}

int main(void)
{
	int n;

	printf("alloca:\n");
	for (n = 1; n < 600; n += 37) {
		unsigned char *p = alloca((unsigned)n * (unsigned)vsize);
		unsigned int s = fill_and_sum(p, n, (unsigned)n);
		printf("alloca(%d): sum %08x aligned %d\n", n, s, ((unsigned long)p & 7) == 0);
	}
	for (n = 1; n < 60; n += 7)
		printf("rec(20, %d) = %08x\n", n, rec(20, n));
	for (n = 1; n < 300; n += 29)
		printf("vla(%d) = %u\n", n, vla(n));
	{
		char *s = alloca(64);
		strcpy(s, "alloca string");
		strcat(s, " survives");
		printf("%s (%d)\n", s, (int)strlen(s));
	}
	printf("alloca: done\n");
	return 0;
}
