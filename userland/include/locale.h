/*
 * locale.h — locales (mirrors Solaris <locale.h>: LC_CTYPE 0 .. LC_MESSAGES 5, LC_ALL 6, and the
 * struct lconv field order). Only the C locale exists (POSIX is its other name): setlocale
 * accepts "C", "POSIX" and "" (the environment's locale, which is always C here), returns NULL
 * for any other name, and always reports "C".
 */
#ifndef _LOCALE_H
#define _LOCALE_H

#include <stddef.h>

#define LC_CTYPE 0
#define LC_NUMERIC 1
#define LC_TIME 2
#define LC_COLLATE 3
#define LC_MONETARY 4
#define LC_MESSAGES 5
#define LC_ALL 6

/* struct lconv — numeric and monetary formatting; the C locale's values (CHAR_MAX: "not available"). */
struct lconv {
	char *decimal_point;
	char *thousands_sep;
	char *grouping;
	char *int_curr_symbol;
	char *currency_symbol;
	char *mon_decimal_point;
	char *mon_thousands_sep;
	char *mon_grouping;
	char *positive_sign;
	char *negative_sign;
	char int_frac_digits;
	char frac_digits;
	char p_cs_precedes;
	char p_sep_by_space;
	char n_cs_precedes;
	char n_sep_by_space;
	char p_sign_posn;
	char n_sign_posn;
	char int_p_cs_precedes;
	char int_p_sep_by_space;
	char int_n_cs_precedes;
	char int_n_sep_by_space;
	char int_p_sign_posn;
	char int_n_sign_posn;
};

/* setlocale(): the locale's name ("C"), or NULL for a bad category or an unknown locale. */
char *setlocale(int category, const char *locale);
/* localeconv(): the C locale's formatting conventions (a static struct). */
struct lconv *localeconv(void);

#endif
