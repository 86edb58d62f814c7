/*
 * cpu.c — the CPU-bound workload of `npm run bench` (built as userland/bin/sparc/bench_cpu):
 * integer loops (a sieve), calls deep enough to overflow and underflow the register windows
 * (recursion), 64-bit arithmetic (an LCG, 64-bit multiply and divide through the libc helpers) and
 * memory traffic (copies and strided sums over 256 KiB buffers). Prints one checksum line per
 * part so a wrong answer is visible. `bench_cpu [ROUNDS]`; the default is about 300M instructions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define DEFAULT_ROUNDS 14

static volatile int one = 1;

/* Sieve of Eratosthenes up to n: integer loops and byte stores. */
#define SIEVE_N 200000
static unsigned char sieve_buf[SIEVE_N + 1];

static NOINLINE unsigned int sieve(int n)
{
	unsigned int count = 0;
	int i, j;

	memset(sieve_buf, 1, (size_t)n + 1);
	sieve_buf[0] = sieve_buf[1] = 0;
	for (i = 2; i * i <= n; i++)
		if (sieve_buf[i])
			for (j = i * i; j <= n; j += i)
				sieve_buf[j] = 0;
	for (i = 0; i <= n; i++)
		count += sieve_buf[i];
	return count;
}

/* Recursion: naive Fibonacci oscillates at the window boundary; deep() goes 2000 frames down. */
static NOINLINE unsigned int fib(unsigned int n)
{
	return n < 2 ? n : fib(n - one) + fib(n - 2);
}

static NOINLINE unsigned int deep(int n, unsigned int seed)
{
	unsigned int a = seed * 2654435761u, b = seed ^ (unsigned int)n;

	if (n == 0)
		return seed;
	return deep(n - one, a ^ (b >> 5)) + (a ^ b);
}

/* 64-bit math: an LCG (64-bit multiply), with a 64-bit divide and modulo folded in every step. */
static NOINLINE unsigned long long lcg64(unsigned long long x, int steps)
{
	unsigned long long acc = 0;
	int i;

	for (i = 0; i < steps; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		acc += x >> 17;
		if ((i & 15) == 0)
			acc ^= (x / 1000003ull) + (x % 65521ull);
	}
	return acc;
}

/* Memory traffic: copy between two 256 KiB buffers and sum with a page-sized stride. */
#define MEMW (64 * 1024)
static unsigned int mem_a[MEMW], mem_b[MEMW];

static NOINLINE unsigned int memwork(unsigned int seed)
{
	unsigned int sum = 0;
	int i, s;

	for (i = 0; i < MEMW; i++)
		mem_a[i] = seed + (unsigned int)i * 2654435761u;
	memcpy(mem_b, mem_a, sizeof mem_a);
	for (s = 0; s < 1024; s++)
		for (i = s; i < MEMW; i += 1024)
			sum += mem_b[i] ^ (unsigned int)s;
	return sum;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : DEFAULT_ROUNDS;
	unsigned int primes = 0, f = 0, d = 0, m = 0;
	unsigned long long l = 0;
	int r;

	for (r = 0; r < rounds; r++) {
		primes += sieve(SIEVE_N);
		f += fib(24);
		d += deep(2000, (unsigned int)r);
		l ^= lcg64((unsigned long long)r + 1, 200000);
		m += memwork((unsigned int)r);
	}
	printf("rounds %d\n", rounds);
	printf("sieve %u\n", primes);
	printf("fib %u\n", f);
	printf("deep %08x\n", d);
	printf("lcg64 %016llx\n", l);
	printf("mem %08x\n", m);
	return 0;
}
