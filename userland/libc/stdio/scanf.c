/*
 * scanf.c — formatted input for the scanf family (mirrors the role of Solaris libc's
 * port/stdio/doscan.c; own code). One engine reads from a string or a stream through get/unget.
 * Conversions: d i u o x X p s c [set] n %; assignment suppression *, widths, lengths hh h l ll
 * L q j z t. Leaves out floating point (e f g a) and positional (%1$d) arguments.
 */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <ctype.h>
#include "stdio_impl.h"

struct src {
	FILE *fp;		/* stream source, or NULL */
	const unsigned char *s;	/* string source */
	int count;		/* characters consumed (for %n) */
};

static int sget(struct src *in)
{
	int c;

	if (in->fp != NULL) {
		c = getc(in->fp);
	} else {
		c = *in->s;
		if (c == '\0')
			c = EOF;
		else
			in->s++;
	}
	if (c != EOF)
		in->count++;
	return c;
}

static void sunget(struct src *in, int c)
{
	if (c == EOF)
		return;
	in->count--;
	if (in->fp != NULL)
		ungetc(c, in->fp);
	else
		in->s--;
}

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Store v through the next argument, sized by the length modifier. */
static void store_int(va_list *ap, int lenmod, unsigned long long v)
{
	switch (lenmod) {
	case 'H': *va_arg(*ap, signed char *) = (signed char)v; break;
	case 'h': *va_arg(*ap, short *) = (short)v; break;
	case 'l': *va_arg(*ap, long *) = (long)v; break;
	case 'q': *va_arg(*ap, long long *) = (long long)v; break;
	default: *va_arg(*ap, int *) = (int)v; break;
	}
}

/* Parse an integer of at most width characters; 1 if any digits were read. */
static int scan_int(struct src *in, int width, int base, unsigned long long *out)
{
	unsigned long long v = 0;
	int neg = 0, ndig = 0, c = sget(in);

	if (width <= 0)
		width = 0x7fffffff;
	if ((c == '-' || c == '+') && width > 0) {
		neg = c == '-';
		width--;
		c = width > 0 ? sget(in) : EOF;
	}
	if ((base == 0 || base == 16) && c == '0' && width > 0) {
		ndig = 1;
		width--;
		c = width > 0 ? sget(in) : EOF;
		if ((c == 'x' || c == 'X') && width > 0) {
			int c2;
			width--;
			c2 = width > 0 ? sget(in) : EOF;
			if (digit_value(c2) < 16) {
				base = 16;
				c = c2;
			} else {
				/* "0x" not followed by a hex digit: the 0 alone is the number */
				sunget(in, c2);
				c = EOF;
				width = 0;
			}
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (width > 0 && c != EOF && digit_value(c) < base) {
		v = v * (unsigned)base + (unsigned)digit_value(c);
		ndig++;
		width--;
		c = width > 0 ? sget(in) : EOF;
	}
	if (c != EOF && width > 0)
		sunget(in, c);
	else if (c != EOF)
		sunget(in, c);
	*out = neg ? (unsigned long long)-(long long)v : v;
	return ndig > 0;
}

static int skip_space(struct src *in)
{
	int c;

	while ((c = sget(in)) != EOF && isspace(c))
		;
	sunget(in, c);
	return c;
}

/* __doscan(): the engine; returns assignments made, or EOF on input failure before the first. */
static int doscan(struct src *in, const char *fmt, va_list ap0)
{
	va_list ap;
	int assigned = 0, converted = 0;

	va_copy(ap, ap0);
	while (*fmt != '\0') {
		int suppress = 0, width = 0, lenmod = 0, c;
		unsigned char conv;

		if (isspace((unsigned char)*fmt)) {
			skip_space(in);
			fmt++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') {
				fmt++;
				skip_space(in);
			}
			c = sget(in);
			if (c != (unsigned char)*fmt) {
				sunget(in, c);
				if (c == EOF && converted == 0)
					goto input_failure;
				break;
			}
			fmt++;
			continue;
		}
		fmt++;
		if (*fmt == '*') {
			suppress = 1;
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		for (;;) {
			if (*fmt == 'h') { lenmod = lenmod == 'h' ? 'H' : 'h'; fmt++; }
			else if (*fmt == 'l') { lenmod = lenmod == 'l' ? 'q' : 'l'; fmt++; }
			else if (*fmt == 'L' || *fmt == 'q' || *fmt == 'j') { lenmod = 'q'; fmt++; }
			else if (*fmt == 'z' || *fmt == 't') { lenmod = 'l'; fmt++; }
			else break;
		}
		conv = (unsigned char)*fmt++;
		if (conv == '\0')
			break;
		if (conv == 'n') {
			if (!suppress)
				store_int(&ap, lenmod, (unsigned long long)in->count);
			continue;
		}
		if (conv != 'c' && conv != '[') {
			if (skip_space(in) == EOF)
				goto input_failure;
		}
		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			unsigned long long v;
			int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16;
			if (!scan_int(in, width, base, &v))
				goto matching_failure;
			if (!suppress) {
				if (conv == 'p')
					*va_arg(ap, void **) = (void *)(unsigned long)v;
				else
					store_int(&ap, lenmod, v);
				assigned++;
			}
			break;
		}
		case 's': {
			char *d = suppress ? NULL : va_arg(ap, char *);
			int n = 0;
			if (width <= 0)
				width = 0x7fffffff;
			while (n < width && (c = sget(in)) != EOF) {
				if (isspace(c)) {
					sunget(in, c);
					break;
				}
				if (d)
					d[n] = (char)c;
				n++;
			}
			if (n == 0)
				goto input_failure;
			if (d) {
				d[n] = '\0';
				assigned++;
			}
			break;
		}
		case 'c': {
			char *d = suppress ? NULL : va_arg(ap, char *);
			int n = 0;
			if (width <= 0)
				width = 1;
			while (n < width && (c = sget(in)) != EOF) {
				if (d)
					d[n] = (char)c;
				n++;
			}
			if (n < width)
				goto input_failure;
			if (d)
				assigned++;
			break;
		}
		case '[': {
			unsigned char set[256];
			int neg = 0, n = 0;
			char *d;
			memset(set, 0, sizeof(set));
			if (*fmt == '^') {
				neg = 1;
				fmt++;
			}
			if (*fmt == ']')
				set[(unsigned char)*fmt++] = 1;
			while (*fmt != '\0' && *fmt != ']') {
				if (fmt[1] == '-' && fmt[2] != ']' && fmt[2] != '\0') {
					int a = (unsigned char)fmt[0], b = (unsigned char)fmt[2];
					for (; a <= b; a++)
						set[a] = 1;
					fmt += 3;
				} else {
					set[(unsigned char)*fmt++] = 1;
				}
			}
			if (*fmt == ']')
				fmt++;
			d = suppress ? NULL : va_arg(ap, char *);
			if (width <= 0)
				width = 0x7fffffff;
			while (n < width && (c = sget(in)) != EOF) {
				if (!set[c] != !neg) {
					/* in the set (or out of it for ^) */
				} else {
					sunget(in, c);
					break;
				}
				if (d)
					d[n] = (char)c;
				n++;
			}
			if (n == 0) {
				if (c == EOF)
					goto input_failure;
				goto matching_failure;
			}
			if (d) {
				d[n] = '\0';
				assigned++;
			}
			break;
		}
		default:
			goto matching_failure;
		}
		converted++;
	}
	va_end(ap);
	return assigned;
input_failure:
	va_end(ap);
	return converted == 0 && assigned == 0 ? EOF : assigned;
matching_failure:
	va_end(ap);
	return assigned;
}

int vsscanf(const char *s, const char *fmt, va_list ap)
{
	struct src in = { NULL, (const unsigned char *)s, 0 };
	return doscan(&in, fmt, ap);
}

int vfscanf(FILE *fp, const char *fmt, va_list ap)
{
	struct src in = { fp, NULL, 0 };
	return doscan(&in, fmt, ap);
}

int vscanf(const char *fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

int fscanf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vfscanf(fp, fmt, ap);
	va_end(ap);
	return n;
}

int scanf(const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return n;
}
