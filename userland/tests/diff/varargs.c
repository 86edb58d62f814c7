/*
 * varargs.c — variable argument lists (on SPARC the register arguments are dumped to the
 * caller-allocated save area at [%fp+68] and walked from there, so 64-bit values can straddle the
 * register/stack boundary), and printf's formatting: every flag, width, precision, length modifier
 * and the * forms, via printf, snprintf (including truncation) and vsnprintf.
 */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

static NOINLINE int sum_ints(int n, ...)
{
	va_list ap;
	int s = 0, i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		s += va_arg(ap, int) * (i + 1);
	va_end(ap);
	return s;
}

/* a format of our own: i = int, L = long long, s = string, c = char */
static NOINLINE unsigned long long mixed(const char *kinds, ...)
{
	va_list ap;
	unsigned long long h = 1469598103u;

	va_start(ap, kinds);
	for (; *kinds; kinds++) {
		switch (*kinds) {
		case 'i': h = h * 31 + (unsigned)va_arg(ap, int); break;
		case 'L': h = h * 37 + (unsigned long long)va_arg(ap, long long); break;
		case 's': { const char *s = va_arg(ap, const char *); while (*s) h = h * 41 + (unsigned char)*s++; break; }
		case 'c': h = h * 43 + (unsigned char)va_arg(ap, int); break;
		}
	}
	va_end(ap);
	return h;
}

static NOINLINE int vformat(char *buf, int size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, (size_t)size, fmt, ap);
	va_end(ap);
	return n;
}

int main(void)
{
	char buf[64];
	int n, i;
	static volatile int vi[] = { 0, 1, -1, 42, -42, 2147483647, -2147483647 - 1, 255, 65535, 123456 };

	printf("varargs:\n");
	printf("sum_ints: %d %d %d %d\n", sum_ints(0), sum_ints(1, 5), sum_ints(6, 1, 2, 3, 4, 5, 6),
	    sum_ints(12, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12));
	printf("mixed: %016llx\n", mixed("iLsc", 7, 0x123456789abcdefLL, "hello", 'x'));
	printf("mixed: %016llx\n", mixed("LLLLL", 1LL, -2LL, 3LL << 40, -4LL << 50, 5LL));
	printf("mixed: %016llx\n", mixed("iiiiiLiL", 1, 2, 3, 4, 5, 0x1111222233334444LL, 6, -7LL));
	printf("mixed: %016llx\n", mixed("ciLciLciL", 'a', 1, 2LL, 'b', 3, 4LL, 'c', 5, 6LL));

	for (i = 0; i < (int)(sizeof(vi) / sizeof(vi[0])); i++) {
		int v = vi[i];
		printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%8.3d] [%-8.3d|] [%+.0d]\n",
		    v, v, v, v, v, v, v, v, v, v);
		printf("  [%u] [%x] [%X] [%#x] [%#X] [%o] [%#o] [%08x] [%#010x] [%.0x] [%#.0o]\n",
		    (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
		    (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v);
		printf("  [%hd] [%hu] [%hhd] [%hhu] [%hx] [%hhx] [%ld] [%lu] [%zu] [%lld] [%llx]\n",
		    v, v, v, v, v, v, (long)v, (unsigned long)v, (size_t)(unsigned)v, (long long)v * 1000003LL,
		    (unsigned long long)(long long)v);
		printf("  [%*d] [%-*d] [%.*d] [%*.*d] [%*d]\n", 7, v, 7, v, 4, v, 9, 5, v, -6, v);
	}
	printf("[%s] [%10s] [%-10s|] [%.3s] [%10.2s] [%-*.*s|] [%s]\n", "abc", "abc", "abc", "abcdef",
	    "abcdef", 6, 2, "xyz", (char *)0);
	printf("[%c] [%3c] [%-3c|] [%%] [%5%] [%c%c%c]\n", 'A', 'B', 'C', 'x', 'y', 'z');
	printf("[%llu] [%lld] [%llx] [%llo] [%#llx]\n", 18446744073709551615ULL, -9223372036854775807LL - 1,
	    0xfedcba9876543210ULL, 01777777777777777777777ULL, 0xabcULL);

	n = snprintf(buf, sizeof(buf), "%s-%d-%x", "snprintf", 12345, 0xbeef);
	printf("snprintf -> %d [%s]\n", n, buf);
	n = snprintf(buf, 8, "%s", "truncated output here");
	printf("truncated -> %d [%s] len %d\n", n, buf, (int)strlen(buf));
	n = snprintf(buf, 1, "%d", 99);
	printf("size 1 -> %d [%s]\n", n, buf);
	n = snprintf((char *)0, 0, "%d%d", 123, 456);
	printf("size 0 -> %d\n", n);
	n = vformat(buf, sizeof(buf), "%d+%d=%d %s", 2, 2, 4, "ok");
	printf("vsnprintf -> %d [%s]\n", n, buf);
	n = sprintf(buf, "%08.3d|%-+6d|%x", 5, 17, 255);
	printf("sprintf -> %d [%s]\n", n, buf);
	printf("varargs: done\n");
	return 0;
}
