/*
 * qsort.c — qsort() as an in-place heapsort (O(n log n) worst case, no recursion, no allocation;
 * Solaris uses a quicksort, and the order of equal elements is unspecified either way).
 */
#include <stdlib.h>

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static void sift_down(char *base, size_t root, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

void qsort(void *vbase, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *base = vbase;
	size_t i;

	if (n < 2 || size == 0)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	for (i = n - 1; i > 0; i--) {
		swap(base, base + i * size, size);
		sift_down(base, 0, i, size, cmp);
	}
}
