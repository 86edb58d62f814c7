/*
 * string.c — the mem* and str* functions (mirrors Solaris libc's port/gen/mem*.c and str*.c;
 * own code). Word-at-a-time copying when both pointers are 4-aligned; everything else bytewise.
 * Compiled with -fno-tree-loop-distribute-patterns so gcc does not turn these loops into calls to
 * themselves.
 */
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <stdint.h>

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if ((((uintptr_t)dp | (uintptr_t)sp) & 3) == 0) {
		while (n >= 16) {
			((uint32_t *)dp)[0] = ((const uint32_t *)sp)[0];
			((uint32_t *)dp)[1] = ((const uint32_t *)sp)[1];
			((uint32_t *)dp)[2] = ((const uint32_t *)sp)[2];
			((uint32_t *)dp)[3] = ((const uint32_t *)sp)[3];
			dp += 16;
			sp += 16;
			n -= 16;
		}
		while (n >= 4) {
			*(uint32_t *)dp = *(const uint32_t *)sp;
			dp += 4;
			sp += 4;
			n -= 4;
		}
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (dp == sp || n == 0)
		return d;
	if (dp < sp || dp >= sp + n)
		return memcpy(d, s, n);
	dp += n;
	sp += n;
	while (n--)
		*--dp = *--sp;
	return d;
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *dp = d;
	unsigned char b = (unsigned char)c;

	while (n > 0 && ((uintptr_t)dp & 3) != 0) {
		*dp++ = b;
		n--;
	}
	if (n >= 4) {
		uint32_t w = b * 0x01010101u;
		while (n >= 4) {
			*(uint32_t *)dp = w;
			dp += 4;
			n -= 4;
		}
	}
	while (n--)
		*dp++ = b;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

char *strcpy(char *d, const char *s)
{
	char *r = d;

	while ((*d++ = *s++) != '\0')
		;
	return r;
}

char *strncpy(char *d, const char *s, size_t n)
{
	size_t i = 0;

	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = '\0';
	return d;
}

size_t strlcpy(char *d, const char *s, size_t n)
{
	size_t len = strlen(s);

	if (n > 0) {
		size_t m = len < n - 1 ? len : n - 1;
		memcpy(d, s, m);
		d[m] = '\0';
	}
	return len;
}

char *strcat(char *d, const char *s)
{
	strcpy(d + strlen(d), s);
	return d;
}

char *strncat(char *d, const char *s, size_t n)
{
	char *p = d + strlen(d);

	while (n-- > 0 && *s)
		*p++ = *s++;
	*p = '\0';
	return d;
}

size_t strlcat(char *d, const char *s, size_t n)
{
	size_t dl = strnlen(d, n);

	if (dl == n)
		return n + strlen(s);
	return dl + strlcpy(d + dl, s, n - dl);
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *r = NULL;

	for (;; s++) {
		if (*s == (char)c)
			r = s;
		if (*s == '\0')
			return (char *)r;
	}
}

char *strstr(const char *h, const char *n)
{
	size_t nl = strlen(n);

	if (nl == 0)
		return (char *)h;
	for (; *h; h++)
		if (*h == *n && strncmp(h, n, nl) == 0)
			return (char *)h;
	return NULL;
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]) != NULL)
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && strchr(reject, s[n]) == NULL)
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strtok_r(char *s, const char *sep, char **last)
{
	char *tok;

	if (s == NULL)
		s = *last;
	if (s == NULL)
		return NULL;
	s += strspn(s, sep);
	if (*s == '\0') {
		*last = NULL;
		return NULL;
	}
	tok = s;
	s += strcspn(s, sep);
	if (*s) {
		*s = '\0';
		*last = s + 1;
	} else {
		*last = NULL;
	}
	return tok;
}

char *strtok(char *s, const char *sep)
{
	static char *last;

	return strtok_r(s, sep, &last);
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);

	if (d != NULL) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int strcasecmp(const char *a, const char *b)
{
	while (*a && lower((unsigned char)*a) == lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return lower((unsigned char)*a) - lower((unsigned char)*b);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		int x = lower((unsigned char)*a), y = lower((unsigned char)*b);
		if (x != y)
			return x - y;
		if (x == '\0')
			return 0;
	}
	return 0;
}

void bzero(void *p, size_t n)
{
	memset(p, 0, n);
}

void bcopy(const void *s, void *d, size_t n)
{
	memmove(d, s, n);
}

int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n) != 0;
}

int ffs(int x)
{
	unsigned int v = (unsigned int)x;
	int i = 1;

	if (v == 0)
		return 0;
	while ((v & 1) == 0) {
		v >>= 1;
		i++;
	}
	return i;
}
