/*
 * locale.c — the C locale: Solaris's LC_* values, setlocale with "C", "POSIX", "" (the
 * environment's locale, C here) and NULL (a query), NULL for an unknown locale or category;
 * localeconv's C values; nl_langinfo's C strings (CODESET "646", the day and month names, the
 * date formats, which strftime agrees with). A fork child has the same locale.
 */
#include <locale.h>
#include <langinfo.h>
#include <limits.h>
#include <time.h>
#include "../fork/ftest.h"

static int is_c(const char *s)
{
	return s != NULL && strcmp(s, "C") == 0;
}

int main(void)
{
	struct lconv *lc;
	struct tm tm;
	time_t t = 1136073600;
	char a[64], b[64];
	pid_t pid;

	ft_check(LC_CTYPE == 0 && LC_NUMERIC == 1 && LC_TIME == 2 && LC_COLLATE == 3 && LC_MONETARY == 4 &&
	    LC_MESSAGES == 5 && LC_ALL == 6, "Solaris LC_ values", "differ");
	ft_check(is_c(setlocale(LC_ALL, NULL)), "the initial locale is C", "%s", setlocale(LC_ALL, NULL));
	ft_check(is_c(setlocale(LC_ALL, "C")), "setlocale C", "not C");
	ft_check(is_c(setlocale(LC_ALL, "POSIX")), "setlocale POSIX is C", "not C");
	ft_check(is_c(setlocale(LC_NUMERIC, "")), "setlocale \"\" is C", "not C");
	ft_check(setlocale(LC_ALL, "xx_YY.UTF-8") == NULL, "unknown locale: NULL", "not NULL");
	ft_check(setlocale(LC_CTYPE, "de_DE") == NULL && is_c(setlocale(LC_CTYPE, NULL)),
	    "a failed setlocale changes nothing", "changed");
	ft_check(setlocale(7, "C") == NULL && setlocale(-1, NULL) == NULL, "bad category: NULL", "not NULL");

	lc = localeconv();
	ft_check(lc != NULL && strcmp(lc->decimal_point, ".") == 0 && strcmp(lc->thousands_sep, "") == 0 &&
	    strcmp(lc->grouping, "") == 0 && strcmp(lc->currency_symbol, "") == 0 &&
	    lc->int_frac_digits == CHAR_MAX && lc->n_sign_posn == CHAR_MAX && lc->int_n_sign_posn == CHAR_MAX,
	    "localeconv: the C values", "decimal_point [%s]", lc ? lc->decimal_point : "-");

	ft_check(strcmp(nl_langinfo(CODESET), "646") == 0, "CODESET 646", "%s", nl_langinfo(CODESET));
	ft_check(strcmp(nl_langinfo(DAY_1), "Sunday") == 0 && strcmp(nl_langinfo(ABMON_12), "Dec") == 0 &&
	    strcmp(nl_langinfo(MON_9), "September") == 0 && strcmp(nl_langinfo(RADIXCHAR), ".") == 0 &&
	    strcmp(nl_langinfo(YESEXPR), "^[yY]") == 0, "nl_langinfo names", "DAY_1 %s", nl_langinfo(DAY_1));
	ft_check(strcmp(nl_langinfo(9999), "") == 0, "nl_langinfo of an unknown item: \"\"", "%s", nl_langinfo(9999));
	gmtime_r(&t, &tm);
	strftime(a, sizeof a, nl_langinfo(D_T_FMT), &tm);
	strftime(b, sizeof b, "%c", &tm);
	ft_check(strcmp(a, b) == 0, "D_T_FMT is strftime's %c", "[%s] vs [%s]", a, b);
	strftime(a, sizeof a, nl_langinfo(T_FMT_AMPM), &tm);
	strftime(b, sizeof b, "%r", &tm);
	ft_check(strcmp(a, b) == 0, "T_FMT_AMPM is strftime's %r", "[%s] vs [%s]", a, b);

	pid = fork();
	if (pid == 0) {
		ft_check(is_c(setlocale(LC_ALL, NULL)) && strcmp(localeconv()->decimal_point, ".") == 0,
		    "child: the C locale", "not C");
		ft_child_exit();
	}
	ft_child_ok(pid, "child's locale");
	return ft_done();
}
