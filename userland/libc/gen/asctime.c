/*
 * asctime.c — asctime/ctime and their _r forms (POSIX two-argument asctime_r/ctime_r, as Solaris
 * gives with _POSIX_PTHREAD_SEMANTICS): "Www Mmm dd hh:mm:ss yyyy\n", 26 bytes with the NUL.
 * Out-of-range weekday or month fields print as "???".
 */
#include <time.h>
#include <stdio.h>

#define ASCTIME_LEN 26

char *asctime_r(const struct tm *tm, char *buf)
{
	static const char wd[] = "SunMonTueWedThuFriSat";
	static const char mo[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *w = tm->tm_wday >= 0 && tm->tm_wday < 7 ? wd + 3 * tm->tm_wday : "???";
	const char *m = tm->tm_mon >= 0 && tm->tm_mon < 12 ? mo + 3 * tm->tm_mon : "???";

	snprintf(buf, ASCTIME_LEN, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", w, m, tm->tm_mday,
	    tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[ASCTIME_LEN];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return asctime_r(localtime_r(t, &tm), buf);
}

char *ctime(const time_t *t)
{
	static char buf[ASCTIME_LEN];

	return ctime_r(t, buf);
}
