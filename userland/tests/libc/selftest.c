/*
 * selftest.c — libc self-test: malloc/calloc/realloc/free (on brk), the string functions, strtol
 * family, qsort/bsearch, ctype, getenv, snprintf corner cases, strerror texts and errno from a
 * failing system call. Prints one line per failed check and a summary; exits with the number of
 * failures (0 = all passed). Not a differential test: brk differs between kernels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <fcntl.h>

static int failures, checks;

#define CHECK(cond) do { checks++; if (!(cond)) { failures++; printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } } while (0)

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void test_malloc(void)
{
	char *p[64];
	int i, j;

	for (i = 0; i < 64; i++) {
		p[i] = malloc((size_t)(i * 37 + 1));
		CHECK(p[i] != NULL);
		CHECK(((unsigned long)p[i] & 7) == 0);
		memset(p[i], i, (size_t)(i * 37 + 1));
	}
	for (i = 0; i < 64; i++)
		for (j = 0; j < i * 37 + 1; j++)
			if (p[i][j] != (char)i) {
				CHECK(!"malloc blocks overlap");
				i = 64;
				break;
			}
	for (i = 0; i < 64; i += 2)
		free(p[i]);
	for (i = 0; i < 64; i += 2) {
		p[i] = malloc(20);
		CHECK(p[i] != NULL);
	}
	for (i = 0; i < 64; i++)
		free(p[i]);
	{
		int *z = calloc(1000, sizeof(int));
		int nz = 0;
		CHECK(z != NULL);
		for (i = 0; i < 1000; i++)
			nz += z[i] != 0;
		CHECK(nz == 0);
		z = realloc(z, 5000 * sizeof(int));
		CHECK(z != NULL);
		for (i = 0; i < 1000; i++)
			nz += z[i] != 0;
		CHECK(nz == 0);
		free(z);
	}
	{
		char *big = malloc(300000);
		CHECK(big != NULL);
		if (big) {
			big[0] = 1;
			big[299999] = 2;
			CHECK(big[0] + big[299999] == 3);
		}
		free(big);
	}
	{
		volatile size_t half = 0x10000;	/* volatile: keep gcc from flagging the overflow at compile time */
		CHECK(calloc(half, half) == NULL && errno == ENOMEM);
	}
	{
		char *s = strdup("duplicate me");
		CHECK(s != NULL && strcmp(s, "duplicate me") == 0);
		free(s);
	}
}

static void test_string(void)
{
	char buf[64], *tok, *save;
	char text[] = "  alpha, beta;;gamma  ";

	CHECK(strlen("") == 0 && strlen("hello") == 5);
	CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && strcmp("x", "x") == 0);
	CHECK(strncmp("abcdef", "abcxyz", 3) == 0 && strncmp("abc", "abd", 3) < 0);
	CHECK(strcmp("\xff", "a") > 0);
	CHECK(strcasecmp("HeLLo", "hello") == 0 && strncasecmp("ABx", "aby", 2) == 0);
	strcpy(buf, "foo");
	strcat(buf, "bar");
	CHECK(strcmp(buf, "foobar") == 0);
	strncat(buf, "bazqux", 3);
	CHECK(strcmp(buf, "foobarbaz") == 0);
	CHECK(strchr(buf, 'b') == buf + 3 && strrchr(buf, 'b') == buf + 6 && strchr(buf, 'q') == NULL);
	CHECK(strchr(buf, '\0') == buf + 9);
	CHECK(strstr(buf, "arb") == buf + 4 && strstr(buf, "") == buf && strstr(buf, "zz") == NULL);
	CHECK(strspn("aabbc", "ab") == 4 && strcspn("hello world", " ") == 5);
	CHECK(strpbrk("hello", "lo") == NULL || *strpbrk("hello", "lo") == 'l');
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "ab", 5);
	CHECK(buf[0] == 'a' && buf[2] == '\0' && buf[4] == '\0' && buf[5] == 'x');
	CHECK(strlcpy(buf, "truncate", 4) == 8 && strcmp(buf, "tru") == 0);
	tok = strtok(text, " ,;");
	CHECK(tok && strcmp(tok, "alpha") == 0);
	tok = strtok(NULL, " ,;");
	CHECK(tok && strcmp(tok, "beta") == 0);
	tok = strtok(NULL, " ,;");
	CHECK(tok && strcmp(tok, "gamma") == 0);
	CHECK(strtok(NULL, " ,;") == NULL);
	{
		char t2[] = "a:b";
		CHECK(strcmp(strtok_r(t2, ":", &save), "a") == 0 && strcmp(strtok_r(NULL, ":", &save), "b") == 0);
	}
	{
		unsigned char m[40];
		int i;
		for (i = 0; i < 40; i++)
			m[i] = (unsigned char)i;
		memmove(m + 3, m, 30);
		CHECK(m[3] == 0 && m[32] == 29 && m[2] == 2);
		memmove(m, m + 5, 30);
		CHECK(m[0] == 2 && m[27] == 29 && m[29] == 34);
		memcpy(m + 1, "\x10\x20\x30\x40\x50\x60\x70\x80\x90", 9);
		CHECK(m[1] == 0x10 && m[9] == 0x90);
		CHECK(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abc", 3) == 0 && memcmp("\x80", "\x01", 1) > 0);
		CHECK(memchr("hello", 'l', 5) != NULL && memchr("hello", 'z', 5) == NULL);
	}
	CHECK(strcmp(strerror(EPERM), "Not owner") == 0);
	CHECK(strcmp(strerror(ENOMEM), "Not enough space") == 0);
	CHECK(strcmp(strerror(EAGAIN), "Resource temporarily unavailable") == 0);
	CHECK(strcmp(strerror(ENOSYS), "Operation not applicable") == 0);
	CHECK(strcmp(strerror(100000), "Unknown error") == 0);
	CHECK(ffs(0) == 0 && ffs(1) == 1 && ffs(0x80000000) == 32);
}

static void test_strtol(void)
{
	char *end;

	CHECK(strtol("  -123xyz", &end, 10) == -123 && *end == 'x');
	CHECK(strtol("0x1f", NULL, 0) == 31 && strtol("017", NULL, 0) == 15 && strtol("17", NULL, 0) == 17);
	CHECK(strtol("0x", &end, 16) == 0 && *end == 'x');
	CHECK(strtol("zz", &end, 36) == 35 * 36 + 35);
	CHECK(strtol("abc", &end, 10) == 0 && *end == 'a');
	errno = 0;
	CHECK(strtol("99999999999", NULL, 10) == LONG_MAX && errno == ERANGE);
	errno = 0;
	CHECK(strtol("-2147483648", NULL, 10) == LONG_MIN && errno == 0);
	CHECK(strtol("-2147483649", NULL, 10) == LONG_MIN && errno == ERANGE);
	errno = 0;
	CHECK(strtoul("4294967295", NULL, 10) == 4294967295UL && errno == 0);
	CHECK(strtoul("4294967296", NULL, 10) == ULONG_MAX && errno == ERANGE);
	CHECK(strtoul("-1", NULL, 10) == ULONG_MAX);
	errno = 0;
	CHECK(strtoll("-9223372036854775808", NULL, 10) == LLONG_MIN && errno == 0);
	CHECK(strtoll("9223372036854775808", NULL, 10) == LLONG_MAX && errno == ERANGE);
	errno = 0;
	CHECK(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX && errno == 0);
	CHECK(strtoull("0xFFFFFFFFFFFFFFFF", NULL, 16) == ULLONG_MAX);
	CHECK(strtoull("18446744073709551616", NULL, 10) == ULLONG_MAX && errno == ERANGE);
	CHECK(atoi("  42") == 42 && atol("-7") == -7 && atoll("1099511627776") == 1099511627776LL);
	CHECK(abs(-5) == 5 && labs(-6L) == 6 && llabs(-7LL) == 7);
}

static void test_misc(void)
{
	int a[50], i, key, sorted = 1;
	char buf[32];

	for (i = 0; i < 50; i++)
		a[i] = (i * 7919) % 101 - 50;
	qsort(a, 50, sizeof(int), cmp_int);
	for (i = 1; i < 50; i++)
		if (a[i - 1] > a[i])
			sorted = 0;
	CHECK(sorted);
	key = a[17];
	CHECK(bsearch(&key, a, 50, sizeof(int), cmp_int) != NULL);
	key = 1000;
	CHECK(bsearch(&key, a, 50, sizeof(int), cmp_int) == NULL);
	CHECK(isdigit('7') && !isdigit('a') && isalpha('Q') && isspace('\n') && !isspace('x'));
	CHECK(isxdigit('F') && !isxdigit('g') && isupper('A') && islower('z') && ispunct('!'));
	CHECK(toupper('a') == 'A' && tolower('Z') == 'z' && toupper('1') == '1' && !isprint('\t'));
	CHECK(getenv("FORKVM_SELFTEST_UNSET_VARIABLE") == NULL);
	CHECK(snprintf(buf, sizeof(buf), "%5.2s|%-4d|%04x", "abc", 7, 0xab) == 15 && strcmp(buf, "   ab|7   |00ab") == 0);
	CHECK(snprintf(buf, 4, "%d", 123456) == 6 && strcmp(buf, "123") == 0);
	CHECK(sprintf(buf, "%lld", -1234567890123LL) == 14 && strcmp(buf, "-1234567890123") == 0);
	CHECK(sprintf(buf, "%llu", 18446744073709551615ULL) == 20 && strcmp(buf, "18446744073709551615") == 0);
	/* a failing system call sets errno and returns -1 */
	errno = 0;
	CHECK(close(12345) == -1 && errno == EBADF);
	errno = 0;
	CHECK(write(-1, "x", 1) == -1 && errno == EBADF);
	CHECK(getpid() > 0);
}

int main(void)
{
	printf("libc selftest:\n");
	test_malloc();
	test_string();
	test_strtol();
	test_misc();
	printf("libc selftest: %d checks, %d failed\n", checks, failures);
	return failures;
}
