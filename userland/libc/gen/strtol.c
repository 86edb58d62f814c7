/*
 * strtol.c — strtol, strtoul, strtoll, strtoull (mirrors the C standard's rules as Solaris
 * libc's port/gen/strtol.c implements them; own code): leading white space, optional sign,
 * base 0 (0x → 16, 0 → 8, else 10) or 2..36 with an optional 0x for 16. On overflow the result is
 * clamped and errno = ERANGE; with no digits the result is 0 and *end = s.
 */
#include <stdlib.h>
#include <limits.h>
#include <errno.h>
#include <ctype.h>

static int digit(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'z') return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
	return 99;
}

/* The magnitude (saturated at ULLONG_MAX, *ovf set), the sign in *neg. */
static unsigned long long scan(const char *s, char **end, int base, int *neg, int *ovf)
{
	const char *p = s;
	unsigned long long v = 0, cutoff;
	unsigned int cutlim;
	int any = 0, d;

	*neg = 0;
	*ovf = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end) *end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+') {
		*neg = *p == '-';
		p++;
	}
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	cutoff = ULLONG_MAX / (unsigned)base;
	cutlim = (unsigned int)(ULLONG_MAX % (unsigned)base);
	for (; (d = digit((unsigned char)*p)) < base; p++) {
		any = 1;
		if (*ovf)
			continue;
		if (v > cutoff || (v == cutoff && (unsigned)d > cutlim)) {
			*ovf = 1;
			v = ULLONG_MAX;
		} else {
			v = v * (unsigned)base + (unsigned)d;
		}
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (!any)
		*neg = 0;
	return v;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	int neg, ovf;
	unsigned long long v = scan(s, end, base, &neg, &ovf);

	if (ovf) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? 0ULL - v : v;
}

long long strtoll(const char *s, char **end, int base)
{
	int neg, ovf;
	unsigned long long v = scan(s, end, base, &neg, &ovf);

	if (neg) {
		if (ovf || v > (unsigned long long)LLONG_MAX + 1) {
			errno = ERANGE;
			return LLONG_MIN;
		}
		return (long long)(0ULL - v);
	}
	if (ovf || v > (unsigned long long)LLONG_MAX) {
		errno = ERANGE;
		return LLONG_MAX;
	}
	return (long long)v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	int neg, ovf;
	unsigned long long v = scan(s, end, base, &neg, &ovf);

	if (ovf || v > ULONG_MAX) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? 0UL - (unsigned long)v : (unsigned long)v;
}

long strtol(const char *s, char **end, int base)
{
	int neg, ovf;
	unsigned long long v = scan(s, end, base, &neg, &ovf);

	if (neg) {
		if (ovf || v > (unsigned long long)LONG_MAX + 1) {
			errno = ERANGE;
			return LONG_MIN;
		}
		return (long)(0UL - (unsigned long)v);
	}
	if (ovf || v > (unsigned long long)LONG_MAX) {
		errno = ERANGE;
		return LONG_MAX;
	}
	return (long)v;
}
