/*
 * echo.c — /bin/echo as Solaris's /usr/bin/echo: the arguments separated by spaces and a
 * newline; the escapes \a \b \c (stop, no newline) \f \n \r \t \v \\ and \0ddd are interpreted
 * (System V behaviour, which Solaris keeps); no options.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	int i, n;
	const char *s;

	for (i = 1; i < argc; i++) {
		for (s = argv[i]; *s; s++) {
			if (*s != '\\' || s[1] == '\0') {
				putchar(*s);
				continue;
			}
			switch (*++s) {
			case 'a': putchar('\a'); break;
			case 'b': putchar('\b'); break;
			case 'c': return fflush(stdout) == 0 ? 0 : 1;
			case 'f': putchar('\f'); break;
			case 'n': putchar('\n'); break;
			case 'r': putchar('\r'); break;
			case 't': putchar('\t'); break;
			case 'v': putchar('\v'); break;
			case '\\': putchar('\\'); break;
			case '0':
				for (n = 0; s[1] >= '0' && s[1] <= '7' && n < 0400; s++)
					n = n * 8 + (s[1] - '0');
				putchar(n & 0377);
				break;
			default: putchar('\\'); putchar(*s); break;
			}
		}
		if (i + 1 < argc)
			putchar(' ');
	}
	putchar('\n');
	return fflush(stdout) == 0 ? 0 : 1;
}
