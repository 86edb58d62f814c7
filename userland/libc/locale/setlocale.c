/*
 * setlocale.c — setlocale, localeconv and nl_langinfo for the one locale there is, C (alias
 * POSIX) (the interfaces of Solaris libc's port/locale/setlocale.c, localeconv.c and
 * nl_langinfo.c, own code). CODESET is "646", Solaris's name for ASCII.
 */
#include <locale.h>
#include <langinfo.h>
#include <limits.h>
#include <string.h>

static char c_name[] = "C";
static char empty[] = "";
static char dot[] = ".";

char *setlocale(int category, const char *locale)
{
	if (category < LC_CTYPE || category > LC_ALL)
		return NULL;
	if (locale == NULL || locale[0] == '\0' || strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0)
		return c_name;
	return NULL;
}

static struct lconv c_lconv = {
	dot, empty, empty, empty, empty, empty, empty, empty, empty, empty,
	CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
	CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
};

struct lconv *localeconv(void)
{
	return &c_lconv;
}

static const char *const items[] = {
	[DAY_1] = "Sunday", [DAY_2] = "Monday", [DAY_3] = "Tuesday", [DAY_4] = "Wednesday",
	[DAY_5] = "Thursday", [DAY_6] = "Friday", [DAY_7] = "Saturday",
	[ABDAY_1] = "Sun", [ABDAY_2] = "Mon", [ABDAY_3] = "Tue", [ABDAY_4] = "Wed",
	[ABDAY_5] = "Thu", [ABDAY_6] = "Fri", [ABDAY_7] = "Sat",
	[MON_1] = "January", [MON_2] = "February", [MON_3] = "March", [MON_4] = "April",
	[MON_5] = "May", [MON_6] = "June", [MON_7] = "July", [MON_8] = "August",
	[MON_9] = "September", [MON_10] = "October", [MON_11] = "November", [MON_12] = "December",
	[ABMON_1] = "Jan", [ABMON_2] = "Feb", [ABMON_3] = "Mar", [ABMON_4] = "Apr",
	[ABMON_5] = "May", [ABMON_6] = "Jun", [ABMON_7] = "Jul", [ABMON_8] = "Aug",
	[ABMON_9] = "Sep", [ABMON_10] = "Oct", [ABMON_11] = "Nov", [ABMON_12] = "Dec",
	[RADIXCHAR] = ".", [THOUSEP] = "", [YESSTR] = "yes", [NOSTR] = "no", [CRNCYSTR] = "",
	[D_T_FMT] = "%a %b %e %H:%M:%S %Y", [D_FMT] = "%m/%d/%y", [T_FMT] = "%H:%M:%S",
	[AM_STR] = "AM", [PM_STR] = "PM", [CODESET] = "646", [T_FMT_AMPM] = "%I:%M:%S %p",
	[ERA] = "", [ERA_D_FMT] = "", [ERA_D_T_FMT] = "", [ERA_T_FMT] = "", [ALT_DIGITS] = "",
	[YESEXPR] = "^[yY]", [NOEXPR] = "^[nN]", [_DATE_FMT] = "%a %b %e %H:%M:%S %Z %Y",
};

char *nl_langinfo(nl_item item)
{
	if (item <= 0 || item >= (int)(sizeof(items) / sizeof(items[0])) || items[item] == NULL)
		return empty;
	return (char *)items[item];
}
