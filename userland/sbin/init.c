/*
 * init.c — /sbin/init, the first user process that `forkvm boot` starts. Until the kernel can
 * fork, it is a short demo of what already works: printing, arithmetic (64-bit too), deep
 * recursion across the register windows, and malloc on brk; then it exits 0.
 * Leaves out the real init's job (spawning and reaping children) until fork exists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long factorial(int n)
{
	return n <= 1 ? 1 : (unsigned long long)n * factorial(n - 1);
}

static int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static int depth(int n)
{
	return n == 0 ? 0 : 1 + depth(n - 1);
}

int main(void)
{
	int i, n = 1000;
	long long sum = 0;
	char **words;

	printf("forkvm init: pid %ld, SPARC V8, Solaris syscall ABI\n", (long)getpid());

	for (i = 1; i <= n; i++)
		sum += (long long)i * i;
	printf("  arithmetic: sum of squares 1..%d = %lld, 20! = %llu, 2^40 / 7 = %llu\n",
	    n, sum, factorial(20), (1ULL << 40) / 7);

	printf("  recursion:  fib(20) = %d, call depth %d (register windows spilled and refilled)\n",
	    fib(20), depth(2000));

	words = malloc(4 * sizeof(char *));
	if (words == NULL) {
		printf("  malloc: failed\n");
		return 1;
	}
	words[0] = strdup("copy-on-write");
	words[1] = strdup("register windows");
	words[2] = strdup("fork1");
	words[3] = NULL;
	printf("  malloc:    ");
	for (i = 0; words[i] != NULL; i++) {
		printf(" [%s]", words[i]);
		free(words[i]);
	}
	printf("\n");
	free(words);

	printf("forkvm init: done (fork comes next)\n");
	return 0;
}
