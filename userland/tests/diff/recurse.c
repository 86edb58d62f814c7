/*
 * recurse.c — register-window pressure: recursion 5000 deep (hundreds of window overflows and
 * underflows, each frame keeping locals live across the call), mutual recursion, Ackermann and
 * naive Fibonacci (rapid save/restore oscillation at the window boundary), and a function with
 * many live values in locals and ins checked after deep calls return.
 */
#include <stdio.h>

#define NOINLINE __attribute__((noinline))

static volatile int one = 1;

/* each frame keeps a, b, c live across the recursive call, so they must survive spill/fill */
static NOINLINE unsigned int deep(int n, unsigned int seed)
{
	unsigned int a = seed * 2654435761u, b = seed ^ (unsigned)n, c = seed + (unsigned)n * 7;
	unsigned int r;

	if (n == 0)
		return seed;
	r = deep(n - one, a ^ (b >> 3));
	return r + (a ^ b) - c * (unsigned)n;
}

static NOINLINE int is_odd(int n);

static NOINLINE int is_even(int n)
{
	int pad = n * 3;
	if (n == 0)
		return 1;
	return is_odd(n - one) + pad - n * 3;
}

static NOINLINE int is_odd(int n)
{
	int pad = n ^ 0x55;
	if (n == 0)
		return 0;
	return is_even(n - one) + (pad ^ 0x55) - n;
}

static NOINLINE unsigned int ack(unsigned int m, unsigned int n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

static NOINLINE int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static unsigned int max_depth;

/* eight values live in registers across the call; recomputed and compared on the way back */
static NOINLINE unsigned int many_live(unsigned int d, unsigned int x)
{
	unsigned int v0 = x, v1 = x * 3, v2 = x ^ 0xa5a5a5a5u, v3 = x + d, v4 = x << 3, v5 = ~x, v6 = x >> 2, v7 = d * d;
	unsigned int r = 0;

	if (d > max_depth)
		max_depth = d;
	if (d < 700)
		r = many_live(d + one, x * 1103515245u + 12345u);
	if (v0 != x || v1 != x * 3 || v2 != (x ^ 0xa5a5a5a5u) || v3 != x + d || v4 != x << 3 ||
	    v5 != ~x || v6 != x >> 2 || v7 != d * d)
		printf("CORRUPTED at depth %u\n", d);
	return r ^ v0 ^ v1 ^ v2 ^ v3 ^ v4 ^ v5 ^ v6 ^ v7;
}

int main(void)
{
	int i;

	printf("recurse:\n");
	for (i = 0; i <= 5000; i += 250)
		printf("deep(%d) = %08x\n", i, deep(i, (unsigned)i + 17));
	for (i = 0; i < 3000; i += 157)
		printf("is_even(%d) = %d is_odd(%d) = %d\n", i, is_even(i), i + 1, is_odd(i + 1));
	for (i = 0; i <= 3; i++) {
		unsigned int n;
		for (n = 0; n <= 4; n++)
			printf("ack(%d,%u) = %u\n", i, n, ack((unsigned)i, n));
	}
	printf("ack(3,6) = %u\n", ack(3, 6));
	for (i = 0; i <= 24; i += 3)
		printf("fib(%d) = %d\n", i, fib(i));
	for (i = 0; i < 5; i++) {
		unsigned int r = many_live(0, (unsigned)i * 0x9e3779b9u);
		printf("many_live(%d) = %08x depth %u\n", i, r, max_depth);
	}
	printf("recurse: done\n");
	return 0;
}
