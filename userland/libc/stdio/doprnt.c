/*
 * doprnt.c — the printf formatting engine shared by every printf variant (mirrors the role of
 * Solaris libc's port/print/doprnt.c; own code). Output goes through a sink callback in chunks.
 * Conversions: d i u x X o c s p n %; lengths hh h l ll L q j z t; flags - + space 0 #; width and
 * precision, each possibly *. Leaves out floating point (e f g a) and positional (%1$d) arguments.
 */
#include <stdarg.h>
#include <stddef.h>
#include "stdio_impl.h"

#define F_MINUS 0x01
#define F_PLUS 0x02
#define F_SPACE 0x04
#define F_ZERO 0x08
#define F_ALT 0x10

static const char lower_digits[] = "0123456789abcdef";
static const char upper_digits[] = "0123456789ABCDEF";

static void pad(struct __sink *k, char c, int n)
{
	char tmp[16];
	int i;

	for (i = 0; i < (int)sizeof(tmp); i++)
		tmp[i] = c;
	while (n > 0) {
		int m = n < (int)sizeof(tmp) ? n : (int)sizeof(tmp);
		k->put(k, tmp, m);
		n -= m;
	}
}

/* Digits of v in base, written backwards ending at end; returns the start. The 32-bit loop avoids
   the 64-bit division helpers whenever the value fits. */
static char *utoa(char *end, unsigned long long v, unsigned base, const char *digs)
{
	char *p = end;
	unsigned int w;

	while (v > 0xffffffffULL) {
		*--p = digs[v % base];
		v /= base;
	}
	w = (unsigned int)v;
	while (w != 0) {
		*--p = digs[w % base];
		w /= base;
	}
	return p;
}

/* __doprnt(): formats into the sink; returns the number of bytes produced. */
int __doprnt(struct __sink *k, const char *fmt, va_list ap)
{
	int count = 0;

	while (*fmt) {
		const char *start = fmt;
		int flags = 0, width = 0, prec = -1, lenmod = 0;
		char conv;

		while (*fmt && *fmt != '%')
			fmt++;
		if (fmt > start) {
			k->put(k, start, (int)(fmt - start));
			count += (int)(fmt - start);
		}
		if (*fmt == '\0')
			break;
		start = fmt++;

		for (;; fmt++) {
			if (*fmt == '-') flags |= F_MINUS;
			else if (*fmt == '+') flags |= F_PLUS;
			else if (*fmt == ' ') flags |= F_SPACE;
			else if (*fmt == '0') flags |= F_ZERO;
			else if (*fmt == '#') flags |= F_ALT;
			else break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_MINUS;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				if (prec < 0)
					prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		/* lenmod: 1 hh, 2 h, 3 l, 4 ll (j, q, L), 5 z/t (32-bit here) */
		switch (*fmt) {
		case 'h':
			fmt++;
			if (*fmt == 'h') { fmt++; lenmod = 1; } else lenmod = 2;
			break;
		case 'l':
			fmt++;
			if (*fmt == 'l') { fmt++; lenmod = 4; } else lenmod = 3;
			break;
		case 'q': case 'j': case 'L':
			fmt++; lenmod = 4;
			break;
		case 'z': case 't':
			fmt++; lenmod = 5;
			break;
		}
		conv = *fmt;
		if (conv == '\0') {
			/* a lone '%' at the end: print what was there */
			k->put(k, start, (int)(fmt - start));
			count += (int)(fmt - start);
			break;
		}
		fmt++;

		switch (conv) {
		case '%':
			k->put(k, "%", 1);
			count++;
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			if (!(flags & F_MINUS) && width > 1) pad(k, ' ', width - 1);
			k->put(k, &c, 1);
			if ((flags & F_MINUS) && width > 1) pad(k, ' ', width - 1);
			count += width > 1 ? width : 1;
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n = 0;
			if (s == NULL)
				s = "(null)";
			while ((prec < 0 || n < prec) && s[n])
				n++;
			if (!(flags & F_MINUS) && width > n) pad(k, ' ', width - n);
			k->put(k, s, n);
			if ((flags & F_MINUS) && width > n) pad(k, ' ', width - n);
			count += width > n ? width : n;
			break;
		}
		case 'n': {
			void *p = va_arg(ap, void *);
			if (lenmod == 1) *(signed char *)p = (signed char)count;
			else if (lenmod == 2) *(short *)p = (short)count;
			else if (lenmod == 4) *(long long *)p = count;
			else *(int *)p = count;
			break;
		}
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'p': {
			unsigned long long uv;
			int neg = 0;
			unsigned base = 10;
			const char *digs = lower_digits;
			char buf[24];
			char *end = buf + sizeof(buf), *p;
			const char *prefix = "";
			int ndig, nprefix, nzero, total;

			if (conv == 'p') {
				uv = (unsigned long)va_arg(ap, void *);
				base = 16;
				prefix = "0x";
			} else if (conv == 'd' || conv == 'i') {
				long long sv;
				if (lenmod == 4) sv = va_arg(ap, long long);
				else if (lenmod == 3) sv = va_arg(ap, long);
				else {
					sv = va_arg(ap, int);
					if (lenmod == 1) sv = (signed char)sv;
					else if (lenmod == 2) sv = (short)sv;
				}
				if (sv < 0) {
					neg = 1;
					uv = 0ULL - (unsigned long long)sv;
				} else {
					uv = (unsigned long long)sv;
				}
			} else {
				if (lenmod == 4) uv = va_arg(ap, unsigned long long);
				else if (lenmod == 3) uv = va_arg(ap, unsigned long);
				else {
					uv = va_arg(ap, unsigned int);
					if (lenmod == 1) uv = (unsigned char)uv;
					else if (lenmod == 2) uv = (unsigned short)uv;
				}
				if (conv == 'o') base = 8;
				else if (conv == 'x' || conv == 'X') {
					base = 16;
					if (conv == 'X') digs = upper_digits;
					if ((flags & F_ALT) && uv != 0) prefix = conv == 'X' ? "0X" : "0x";
				}
			}
			if (neg) prefix = "-";
			else if (conv == 'd' || conv == 'i') {
				if (flags & F_PLUS) prefix = "+";
				else if (flags & F_SPACE) prefix = " ";
			}

			p = utoa(end, uv, base, digs);
			if (uv == 0 && prec != 0)
				*--p = '0';
			ndig = (int)(end - p);
			nzero = prec > ndig ? prec - ndig : 0;
			if (conv == 'o' && (flags & F_ALT) && nzero == 0 && (ndig == 0 || *p != '0'))
				nzero = 1;
			nprefix = 0;
			while (prefix[nprefix])
				nprefix++;
			total = nprefix + nzero + ndig;
			if ((flags & F_ZERO) && !(flags & F_MINUS) && prec < 0 && width > total) {
				nzero += width - total;
				total = width;
			}
			if (!(flags & F_MINUS) && width > total) pad(k, ' ', width - total);
			if (nprefix) k->put(k, prefix, nprefix);
			if (nzero) pad(k, '0', nzero);
			k->put(k, p, ndig);
			if ((flags & F_MINUS) && width > total) pad(k, ' ', width - total);
			count += width > total ? width : total;
			break;
		}
		default:
			/* unknown conversion: copy the directive as written */
			k->put(k, start, (int)(fmt - start));
			count += (int)(fmt - start);
			break;
		}
	}
	return count;
}
