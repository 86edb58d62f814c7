/*
 * localtime.c — calendar conversions and the time zone (the part of Solaris libc's
 * port/gen/localtime.c that POSIX defines, own code): gmtime/localtime (and _r), mktime, timegm,
 * difftime, tzset with POSIX TZ strings ("EST5EDT", "CET-1CEST,M3.5.0,M10.5.0/3", "<+05>-5",
 * "UTC", "GMT0"). TZ unset, empty, or not a POSIX string (a zoneinfo name such as "US/Eastern")
 * means UTC. A daylight zone without a rule uses the US rule M3.2.0,M11.1.0. time_t is 32 bits:
 * results outside 1901-12-13 20:45:52 .. 2038-01-19 03:14:07 UTC fail with EOVERFLOW.
 */
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

long timezone = 0;
long altzone = 0;
int daylight = 0;
static char tz_std[16] = "UTC", tz_dst[16] = "UTC";
char *tzname[2] = { tz_std, tz_dst };

/* A daylight rule end point: kind 'J' (Jn, 1..365, no Feb 29), 'D' (n, 0..365), 'M' (Mm.w.d). */
struct tzrule {
	char kind;
	int day, week, mon;
	long secs;		/* local time of day of the change */
};
static struct tzrule tz_start, tz_end;
static char tz_last[64];
static int tz_valid;

static int isleap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static const short mdays[2][12] = {
	{ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
	{ 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
};

/* floor(a / b) for b > 0. */
static long long fdiv(long long a, long long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Days from 1970-01-01 to January 1 of year y. */
static long long year_days(long long y)
{
	long long n = y - 1;

	return (y - 1970) * 365 + (fdiv(n, 4) - fdiv(n, 100) + fdiv(n, 400)) - (492 - 19 + 4);
}

/* Parses a TZ name: <...> or letters. Returns the next character, NULL on error. */
static const char *tz_name(const char *s, char *out)
{
	int n = 0;

	if (*s == '<') {
		for (s++; *s != '\0' && *s != '>'; s++)
			if (n < 15)
				out[n++] = *s;
		if (*s != '>')
			return NULL;
		s++;
	} else {
		for (; (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'); s++)
			if (n < 15)
				out[n++] = *s;
	}
	out[n] = '\0';
	return n >= 3 ? s : NULL;
}

/* Parses [+-]hh[:mm[:ss]] into seconds. Returns the next character, NULL if there is none. */
static const char *tz_offset(const char *s, long *secs)
{
	int sign = 1, part = 0;
	long v = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if (*s < '0' || *s > '9')
		return NULL;
	for (part = 0; part < 3; part++) {
		long n = 0;

		if (*s < '0' || *s > '9')
			return NULL;
		while (*s >= '0' && *s <= '9')
			n = n * 10 + (*s++ - '0');
		v += n * (part == 0 ? 3600 : part == 1 ? 60 : 1);
		if (*s != ':')
			break;
		s++;
	}
	*secs = sign * v;
	return s;
}

static const char *tz_num(const char *s, int *v)
{
	if (*s < '0' || *s > '9')
		return NULL;
	*v = 0;
	while (*s >= '0' && *s <= '9')
		*v = *v * 10 + (*s++ - '0');
	return s;
}

/* Parses one rule point: Jn, n or Mm.w.d, then [/time]. */
static const char *tz_rule(const char *s, struct tzrule *r)
{
	r->secs = 7200;
	if (*s == 'J') {
		r->kind = 'J';
		if ((s = tz_num(s + 1, &r->day)) == NULL || r->day < 1 || r->day > 365)
			return NULL;
	} else if (*s == 'M') {
		r->kind = 'M';
		if ((s = tz_num(s + 1, &r->mon)) == NULL || *s++ != '.' ||
		    (s = tz_num(s, &r->week)) == NULL || *s++ != '.' ||
		    (s = tz_num(s, &r->day)) == NULL)
			return NULL;
		if (r->mon < 1 || r->mon > 12 || r->week < 1 || r->week > 5 || r->day > 6)
			return NULL;
	} else {
		r->kind = 'D';
		if ((s = tz_num(s, &r->day)) == NULL || r->day > 365)
			return NULL;
	}
	if (*s == '/' && (s = tz_offset(s + 1, &r->secs)) == NULL)
		return NULL;
	return s;
}

/* Parses a POSIX TZ string into the globals; 0 if it is not one. */
static int tz_parse(const char *s)
{
	char std[16], dst[16];
	long off, doff;

	if ((s = tz_name(s, std)) == NULL)
		return 0;
	if (*s == '\0' && (strcmp(std, "UTC") == 0 || strcmp(std, "GMT") == 0)) {
		off = 0;	/* "UTC" and "GMT" alone */
	} else if ((s = tz_offset(s, &off)) == NULL) {
		return 0;
	}
	timezone = off;
	altzone = off;
	daylight = 0;
	strcpy(tz_std, std);
	strcpy(tz_dst, std);
	if (*s == '\0')
		return 1;
	if ((s = tz_name(s, dst)) == NULL)
		return 0;
	doff = off - 3600;
	if (*s != '\0' && *s != ',' && (s = tz_offset(s, &doff)) == NULL)
		return 0;
	if (*s == ',') {
		if ((s = tz_rule(s + 1, &tz_start)) == NULL || *s++ != ',' ||
		    (s = tz_rule(s, &tz_end)) == NULL || *s != '\0')
			return 0;
	} else if (*s == '\0') {
		tz_start.kind = tz_end.kind = 'M';
		tz_start.mon = 3, tz_start.week = 2, tz_start.day = 0, tz_start.secs = 7200;
		tz_end.mon = 11, tz_end.week = 1, tz_end.day = 0, tz_end.secs = 7200;
	} else {
		return 0;
	}
	altzone = doff;
	daylight = 1;
	strcpy(tz_dst, dst);
	return 1;
}

/* tzset(): reads TZ into timezone, altzone, daylight and tzname (parsed again only when TZ changes). */
void tzset(void)
{
	const char *tz = getenv("TZ");

	if (tz == NULL)
		tz = "";
	if (*tz == ':')
		tz++;
	if (tz_valid && strncmp(tz, tz_last, sizeof(tz_last) - 1) == 0)
		return;
	strncpy(tz_last, tz, sizeof(tz_last) - 1);
	tz_valid = 1;
	if (!tz_parse(tz)) {
		timezone = altzone = 0;
		daylight = 0;
		strcpy(tz_std, strcmp(tz, "GMT") == 0 ? "GMT" : "UTC");
		strcpy(tz_dst, tz_std);
	}
}

/* The UTC time (64-bit) at which rule r happens in year y, with the zone offset in force before it. */
static long long rule_time(const struct tzrule *r, long long y, long off)
{
	long long d = year_days(y);
	int leap = isleap(y);

	if (r->kind == 'J') {
		d += r->day - 1 + (leap && r->day > 59);
	} else if (r->kind == 'D') {
		d += r->day;
	} else {
		int m, wd, first;

		for (m = 0; m < r->mon - 1; m++)
			d += mdays[leap][m];
		wd = (int)((d % 7 + 7 + 4) % 7);	/* 1970-01-01 was a Thursday */
		first = (r->day - wd + 7) % 7;		/* first such weekday, 0-based day of month */
		first += 7 * (r->week - 1);
		while (first >= mdays[leap][r->mon - 1])
			first -= 7;
		d += first;
	}
	return d * 86400 + r->secs + off;
}

/* Is UTC time t in daylight time? */
static int in_dst(long long t)
{
	long long y, start, end;

	if (!daylight)
		return 0;
	y = 1970 + fdiv(t - timezone, 31556952);	/* an estimate, then corrected */
	while (year_days(y) * 86400 > t - timezone)
		y--;
	while (year_days(y + 1) * 86400 <= t - timezone)
		y++;
	start = rule_time(&tz_start, y, timezone);
	end = rule_time(&tz_end, y, altzone);
	if (start < end)
		return t >= start && t < end;
	return !(t >= end && t < start);
}

/* Fills *tm from a 64-bit second count (already shifted to the wanted zone). */
static void breakdown(long long t, struct tm *tm)
{
	long long days = fdiv(t, 86400), y = 1970;
	long secs = (long)(t - days * 86400);
	int leap, m;

	tm->tm_wday = (int)((days % 7 + 7 + 4) % 7);
	y += fdiv(days, 365);			/* an estimate, then corrected */
	while (year_days(y) > days)
		y--;
	while (year_days(y + 1) <= days)
		y++;
	days -= year_days(y);
	tm->tm_year = (int)(y - 1900);
	tm->tm_yday = (int)days;
	leap = isleap(y);
	for (m = 0; days >= mdays[leap][m]; m++)
		days -= mdays[leap][m];
	tm->tm_mon = m;
	tm->tm_mday = (int)days + 1;
	tm->tm_hour = secs / 3600;
	tm->tm_min = secs / 60 % 60;
	tm->tm_sec = secs % 60;
}

struct tm *gmtime_r(const time_t *t, struct tm *res)
{
	breakdown(*t, res);
	res->tm_isdst = 0;
	return res;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *res)
{
	int dst;

	tzset();
	dst = in_dst(*t);
	breakdown((long long)*t - (dst ? altzone : timezone), res);
	res->tm_isdst = dst;
	return res;
}

struct tm *localtime(const time_t *t)
{
	static struct tm tm;

	return localtime_r(t, &tm);
}

/* The 64-bit seconds since 1970 of *tm's fields read as UTC (any field may be out of range). */
static long long fields(const struct tm *tm)
{
	long long y = (long long)tm->tm_year + 1900 + fdiv(tm->tm_mon, 12);
	int mon = (int)(tm->tm_mon - fdiv(tm->tm_mon, 12) * 12), m;
	long long d = year_days(y) + tm->tm_mday - 1;

	for (m = 0; m < mon; m++)
		d += mdays[isleap(y)][m];
	return d * 86400 + (long long)tm->tm_hour * 3600 + (long long)tm->tm_min * 60 + tm->tm_sec;
}

static int fits(long long t)
{
	return t >= LONG_MIN && t <= LONG_MAX;
}

time_t timegm(struct tm *tm)
{
	long long t = fields(tm);

	if (!fits(t)) {
		errno = EOVERFLOW;
		return (time_t)-1;
	}
	breakdown(t, tm);
	tm->tm_isdst = 0;
	return (time_t)t;
}

time_t mktime(struct tm *tm)
{
	long long local = fields(tm), t;
	time_t tt;

	tzset();
	if (tm->tm_isdst > 0 && daylight) {
		t = local + altzone;
	} else if (tm->tm_isdst == 0 || !daylight) {
		t = local + timezone;
	} else {
		t = local + timezone;
		if (in_dst(t) && in_dst(local + altzone))
			t = local + altzone;
	}
	if (!fits(t)) {
		errno = EOVERFLOW;
		return (time_t)-1;
	}
	tt = (time_t)t;
	localtime_r(&tt, tm);
	return tt;
}

double difftime(time_t t1, time_t t0)
{
	return (double)t1 - (double)t0;
}
