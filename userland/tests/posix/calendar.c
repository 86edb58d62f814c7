/*
 * calendar.c — calendar time: gmtime/localtime/mktime/timegm at known dates (1970, a leap day,
 * negative times, both ends of a 32-bit time_t and EOVERFLOW past them), mktime's normalization,
 * POSIX TZ strings (a northern and a southern daylight rule, at the transitions; "EST5EDT" with
 * the default rule), every strftime conversion on fixed dates (ISO weeks across year ends),
 * asctime/ctime and clock() (not difftime: it returns a double, and the machine has no FPU). A fork child, which inherits TZ, converts the same way.
 */
#include <time.h>
#include <errno.h>
#include <stdlib.h>
#include "../fork/ftest.h"

/* tm_is(): *tm holds the fields Y-M-D h:m:s, weekday, yearday and isdst. */
static int tm_is(const struct tm *tm, int y, int mo, int d, int h, int mi, int s, int wd, int yd, int dst)
{
	return tm->tm_year == y - 1900 && tm->tm_mon == mo - 1 && tm->tm_mday == d && tm->tm_hour == h &&
	    tm->tm_min == mi && tm->tm_sec == s && tm->tm_wday == wd && tm->tm_yday == yd && tm->tm_isdst == dst;
}

static const char *show(const struct tm *tm)
{
	static char b[80];

	snprintf(b, sizeof b, "%d-%02d-%02d %02d:%02d:%02d wday %d yday %d isdst %d", tm->tm_year + 1900,
	    tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_wday, tm->tm_yday,
	    tm->tm_isdst);
	return b;
}

static void utc_dates(void)
{
	struct tm tm, *p;
	time_t t;

	t = 0;
	ft_check(gmtime_r(&t, &tm) == &tm && tm_is(&tm, 1970, 1, 1, 0, 0, 0, 4, 0, 0), "gmtime 0", "%s", show(&tm));
	t = -1;
	gmtime_r(&t, &tm);
	ft_check(tm_is(&tm, 1969, 12, 31, 23, 59, 59, 3, 364, 0), "gmtime -1", "%s", show(&tm));
	t = 951782400;
	gmtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2000, 2, 29, 0, 0, 0, 2, 59, 0), "gmtime 2000-02-29 (leap day)", "%s", show(&tm));
	t = 1104537599;
	gmtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2004, 12, 31, 23, 59, 59, 5, 365, 0), "gmtime last second of leap year 2004", "%s", show(&tm));
	t = 2147483647;
	gmtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2038, 1, 19, 3, 14, 7, 2, 18, 0), "gmtime 2^31-1", "%s", show(&tm));
	t = (time_t)(-2147483647 - 1);
	p = gmtime(&t);
	ft_check(p != NULL && tm_is(p, 1901, 12, 13, 20, 45, 52, 5, 346, 0), "gmtime -2^31", "%s", show(p));

	/* timegm inverts gmtime, and normalizes */
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 2038 - 1900;
	tm.tm_mday = 19;
	tm.tm_hour = 3;
	tm.tm_min = 14;
	tm.tm_sec = 7;
	ft_check(timegm(&tm) == 2147483647, "timegm 2038-01-19 03:14:07", "%ld", (long)timegm(&tm));
	tm.tm_sec = 8;
	errno = 0;
	ft_check(timegm(&tm) == (time_t)-1 && errno == EOVERFLOW, "timegm one second later: EOVERFLOW", "errno %d", errno);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 2006 - 1900;
	tm.tm_mon = 0;
	tm.tm_mday = 32;		/* January 32 = February 1 */
	tm.tm_hour = -1;		/* ... minus an hour */
	t = timegm(&tm);
	ft_check(t == 1138748400 && tm_is(&tm, 2006, 1, 31, 23, 0, 0, 2, 30, 0), "timegm normalizes",
	    "%ld %s", (long)t, show(&tm));
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 1969 - 1900;
	tm.tm_mon = 13;		/* February 1970 */
	tm.tm_mday = 1;
	ft_check(timegm(&tm) == 31 * 86400, "timegm with tm_mon 13", "%ld", (long)timegm(&tm));
}

static void zones(void)
{
	struct tm tm;
	time_t t;
	char b[64];

	unsetenv("TZ");
	tzset();
	t = 1136073600;
	localtime_r(&t, &tm);
	ft_check(timezone == 0 && daylight == 0 && strcmp(tzname[0], "UTC") == 0 &&
	    tm_is(&tm, 2006, 1, 1, 0, 0, 0, 0, 0, 0), "no TZ: UTC", "timezone %ld %s %s", timezone, tzname[0], show(&tm));
	setenv("TZ", "GMT", 1);
	tzset();
	ft_check(timezone == 0 && strcmp(tzname[0], "GMT") == 0, "TZ=GMT", "%ld %s", timezone, tzname[0]);

	setenv("TZ", "EST5EDT", 1);
	tzset();
	ft_check(timezone == 5 * 3600 && altzone == 4 * 3600 && daylight == 1 &&
	    strcmp(tzname[0], "EST") == 0 && strcmp(tzname[1], "EDT") == 0, "TZ=EST5EDT parsed",
	    "timezone %ld altzone %ld daylight %d %s/%s", timezone, altzone, daylight, tzname[0], tzname[1]);
	t = 1151755200;			/* 2006-07-01 12:00 UTC */
	localtime_r(&t, &tm);
	strftime(b, sizeof b, "%H:%M %Z %z", &tm);
	ft_check(tm_is(&tm, 2006, 7, 1, 8, 0, 0, 6, 181, 1) && strcmp(b, "08:00 EDT -0400") == 0,
	    "EST5EDT in July", "%s [%s]", show(&tm), b);
	t = 1137283200;			/* 2006-01-15 00:00 UTC */
	localtime_r(&t, &tm);
	strftime(b, sizeof b, "%H:%M %Z %z", &tm);
	ft_check(tm_is(&tm, 2006, 1, 14, 19, 0, 0, 6, 13, 0) && strcmp(b, "19:00 EST -0500") == 0,
	    "EST5EDT in January", "%s [%s]", show(&tm), b);
	tm.tm_isdst = -1;
	ft_check(mktime(&tm) == 1137283200, "mktime inverts localtime (EST)", "%ld", (long)mktime(&tm));

	/* a northern rule with the change at 02:00 local standard time and back at 03:00 summer time */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	t = 1143334800 - 1;		/* 2006-03-26 00:59:59 UTC */
	localtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2006, 3, 26, 1, 59, 59, 0, 84, 0), "CET just before the spring change", "%s", show(&tm));
	t++;
	localtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2006, 3, 26, 3, 0, 0, 0, 84, 1), "CEST at the spring change", "%s", show(&tm));
	tm.tm_isdst = -1;
	ft_check(mktime(&tm) == t && tm.tm_isdst == 1, "mktime in CEST", "%ld", (long)mktime(&tm));
	t = 1162083600 - 1;		/* 2006-10-29 00:59:59 UTC */
	localtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2006, 10, 29, 2, 59, 59, 0, 301, 1), "CEST just before the autumn change", "%s", show(&tm));
	t++;
	localtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2006, 10, 29, 2, 0, 0, 0, 301, 0), "CET after the autumn change", "%s", show(&tm));

	/* a southern rule: summer time across the new year */
	setenv("TZ", "AEST-10AEDT,M10.1.0,M4.1.0/3", 1);
	t = 1137283200;
	localtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2006, 1, 15, 11, 0, 0, 0, 14, 1), "AEDT in January", "%s", show(&tm));
	t = 1151755200;
	localtime_r(&t, &tm);
	ft_check(tm_is(&tm, 2006, 7, 1, 22, 0, 0, 6, 181, 0), "AEST in July", "%s", show(&tm));

	setenv("TZ", "<+0530>-5:30", 1);
	t = 0;
	localtime_r(&t, &tm);
	strftime(b, sizeof b, "%H:%M %Z %z", &tm);
	ft_check(strcmp(b, "05:30 +0530 +0530") == 0, "TZ with a quoted name and minutes", "[%s]", b);

	setenv("TZ", "US/Eastern", 1);	/* a zoneinfo name: not supported, UTC */
	localtime_r(&t, &tm);
	ft_check(tm_is(&tm, 1970, 1, 1, 0, 0, 0, 4, 0, 0), "unknown TZ is UTC", "%s", show(&tm));
	unsetenv("TZ");
}

/* fmt_is(): strftime(fmt) of tm gives want. */
static void fmt_is(const struct tm *tm, const char *fmt, const char *want)
{
	char b[128], name[64];
	size_t n = strftime(b, sizeof b, fmt, tm);

	snprintf(name, sizeof name, "strftime \"%s\"", fmt);
	ft_check(n == strlen(want) && strcmp(b, want) == 0, name, "got [%s] (%u), want [%s]", b, (unsigned)n, want);
}

static void formats(void)
{
	struct tm tm;
	time_t t = 1136073600 + 13 * 3600 + 5 * 60 + 9;	/* Sunday 2006-01-01 13:05:09 UTC */
	char b[8];

	gmtime_r(&t, &tm);
	fmt_is(&tm, "%a %A %b %B %h", "Sun Sunday Jan January Jan");
	fmt_is(&tm, "%c", "Sun Jan  1 13:05:09 2006");
	fmt_is(&tm, "%C %d %D %e %F", "20 01 01/01/06  1 2006-01-01");
	fmt_is(&tm, "%g %G %V %U %W", "05 2005 52 01 00");
	fmt_is(&tm, "%H %I %j %m %M %p", "13 01 001 01 05 PM");
	fmt_is(&tm, "%n%t%%", "\n\t%");
	fmt_is(&tm, "%r|%R|%S|%T", "01:05:09 PM|13:05|09|13:05:09");
	fmt_is(&tm, "%u %w %x %X %y %Y", "7 0 01/01/06 13:05:09 06 2006");
	fmt_is(&tm, "%z %Z", "+0000 UTC");
	fmt_is(&tm, "%Ey %OH", "06 13");
	t = 1136073600;
	gmtime_r(&t, &tm);
	fmt_is(&tm, "%I %p", "12 AM");
	t = 1230508800;			/* Monday 2008-12-29: ISO week 1 of 2009 */
	gmtime_r(&t, &tm);
	fmt_is(&tm, "%G-W%V-%u %U %W %j", "2009-W01-1 52 52 364");
	t = 1262476800;			/* Sunday 2010-01-03: ISO week 53 of 2009 */
	gmtime_r(&t, &tm);
	fmt_is(&tm, "%G-W%V-%u %U %W", "2009-W53-7 01 00");
	t = 1104451200;			/* Friday 2004-12-31 */
	gmtime_r(&t, &tm);
	fmt_is(&tm, "%j %V %U %W", "366 53 52 52");
	t = (time_t)(-2147483647 - 1);
	gmtime_r(&t, &tm);
	fmt_is(&tm, "%Y-%m-%d %T %a %C %y", "1901-12-13 20:45:52 Fri 19 01");
	ft_check(strftime(b, sizeof b, "%A %A", &tm) == 0, "strftime: 0 when it does not fit", "%s", b);
	ft_check(strftime(b, sizeof b, "%Y", &tm) == 4, "strftime: exactly fits", "%s", b);

	t = 1136073600;
	gmtime_r(&t, &tm);
	ft_check(strcmp(asctime(&tm), "Sun Jan  1 00:00:00 2006\n") == 0, "asctime", "[%s]", asctime(&tm));
	{
		char buf[26];
		ft_check(ctime_r(&t, buf) == buf && strcmp(buf, "Sun Jan  1 00:00:00 2006\n") == 0, "ctime_r (UTC)", "[%s]", buf);
	}
}

static void now_and_fork(void)
{
	time_t now = time(NULL), t2;
	struct tm tm;
	clock_t c0, c1;
	volatile unsigned i, x = 0;
	pid_t pid;

	localtime_r(&now, &tm);
	ft_check(tm.tm_year == 106 && tm.tm_mon == 0 && tm.tm_mday == 1, "the machine's date is 2006-01-01", "%s", show(&tm));
	c0 = clock();
	for (i = 0; i < 200000; i++)
		x += i;
	c1 = clock();
	ft_check(c0 >= 0 && c1 > c0, "clock() counts CPU time", "%ld -> %ld", (long)c0, (long)c1);

	setenv("TZ", "EST5EDT", 1);
	tzset();
	pid = fork();
	if (pid == 0) {
		t2 = 1151755200;
		localtime_r(&t2, &tm);
		ft_check(tm.tm_hour == 8 && tm.tm_isdst == 1 && strcmp(tzname[1], "EDT") == 0,
		    "child: TZ inherited", "%s", show(&tm));
		ft_child_exit();
	}
	ft_child_ok(pid, "child converted with the inherited TZ");
	unsetenv("TZ");
}

int main(void)
{
	utc_dates();
	zones();
	formats();
	now_and_fork();
	return ft_done();
}
