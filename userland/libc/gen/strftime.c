/*
 * strftime.c — strftime() for the C/POSIX locale (the conversions of POSIX/C99 strftime, own
 * code after Solaris libc's port/gen/strftime.c in effect): %a %A %b %B %c %C %d %D %e %F %g %G
 * %h %H %I %j %k %l %m %M %n %p %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%; the E and
 * O modifiers are accepted and ignored. %Z and %z come from tzset's names and offsets.
 */
#include <time.h>
#include <string.h>
#include <stdio.h>

static const char *const wday_full[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const mon_full[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

struct out {
	char *s;
	size_t max, n;
	int full;	/* the buffer overflowed */
};

static void put(struct out *o, const char *str, size_t len)
{
	while (len-- > 0) {
		if (o->n + 1 >= o->max) {
			o->full = 1;
			return;
		}
		o->s[o->n++] = *str++;
	}
}

static void puts_(struct out *o, const char *str)
{
	put(o, str, strlen(str));
}

/* A number padded to width w with pad ('0', ' ', or 0 for none). */
static void num(struct out *o, long long v, int w, char pad)
{
	char b[24], f[8];

	if (pad == 0)
		snprintf(b, sizeof b, "%lld", v);
	else {
		snprintf(f, sizeof f, pad == '0' ? "%%0%dlld" : "%%%dlld", w);
		snprintf(b, sizeof b, f, v);
	}
	puts_(o, b);
}

static int isleap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* ISO 8601 week-based year and week of *tm (weeks start on Monday; week 1 holds January 4). */
static void iso_week(const struct tm *tm, long long *year, int *week)
{
	long long y = (long long)tm->tm_year + 1900;
	int wd = (tm->tm_wday + 6) % 7;			/* Monday 0 */
	int w = (tm->tm_yday - wd + 10) / 7;		/* (yday+1) - (wd+1) + 10 */

	if (w < 1) {
		/* the last week of the previous year: 52 or 53 */
		int pyd = tm->tm_yday + 365 + isleap(y - 1);
		w = (pyd - wd + 10) / 7;
		y--;
	} else {
		int ylen = 365 + isleap(y);
		/* days from this Monday-based week's Thursday into next year */
		if (tm->tm_yday - wd + 3 >= ylen) {
			w = 1;
			y++;
		}
	}
	*year = y;
	*week = w;
}

static size_t fmt(struct out *o, const char *f, const struct tm *tm);

static void conv(struct out *o, char c, const struct tm *tm)
{
	long long y = (long long)tm->tm_year + 1900, iy;
	int wk, h12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
	long off;
	char sign;

	switch (c) {
	case 'a': put(o, wday_full[(unsigned)tm->tm_wday % 7], 3); break;
	case 'A': puts_(o, wday_full[(unsigned)tm->tm_wday % 7]); break;
	case 'b': case 'h': put(o, mon_full[(unsigned)tm->tm_mon % 12], 3); break;
	case 'B': puts_(o, mon_full[(unsigned)tm->tm_mon % 12]); break;
	case 'c': fmt(o, "%a %b %e %H:%M:%S %Y", tm); break;
	case 'C': num(o, y >= 0 ? y / 100 : -((-y + 99) / 100), 2, '0'); break;
	case 'd': num(o, tm->tm_mday, 2, '0'); break;
	case 'D': case 'x': fmt(o, "%m/%d/%y", tm); break;
	case 'e': num(o, tm->tm_mday, 2, ' '); break;
	case 'F': fmt(o, "%Y-%m-%d", tm); break;
	case 'g': iso_week(tm, &iy, &wk); num(o, (iy % 100 + 100) % 100, 2, '0'); break;
	case 'G': iso_week(tm, &iy, &wk); num(o, iy, 0, 0); break;
	case 'H': num(o, tm->tm_hour, 2, '0'); break;
	case 'I': num(o, h12, 2, '0'); break;
	case 'j': num(o, tm->tm_yday + 1, 3, '0'); break;
	case 'k': num(o, tm->tm_hour, 2, ' '); break;
	case 'l': num(o, h12, 2, ' '); break;
	case 'm': num(o, tm->tm_mon + 1, 2, '0'); break;
	case 'M': num(o, tm->tm_min, 2, '0'); break;
	case 'n': puts_(o, "\n"); break;
	case 'p': puts_(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
	case 'r': fmt(o, "%I:%M:%S %p", tm); break;
	case 'R': fmt(o, "%H:%M", tm); break;
	case 's': {
		struct tm t = *tm;
		num(o, (long long)mktime(&t), 0, 0);
		break;
	}
	case 'S': num(o, tm->tm_sec, 2, '0'); break;
	case 't': puts_(o, "\t"); break;
	case 'T': case 'X': fmt(o, "%H:%M:%S", tm); break;
	case 'u': num(o, tm->tm_wday == 0 ? 7 : tm->tm_wday, 1, '0'); break;
	case 'U': num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0'); break;
	case 'V': iso_week(tm, &iy, &wk); num(o, wk, 2, '0'); break;
	case 'w': num(o, tm->tm_wday, 1, '0'); break;
	case 'W': num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0'); break;
	case 'y': num(o, (y % 100 + 100) % 100, 2, '0'); break;
	case 'Y': num(o, y, 0, 0); break;
	case 'z':
		if (tm->tm_isdst < 0)
			break;
		tzset();
		off = tm->tm_isdst > 0 ? altzone : timezone;	/* seconds west */
		sign = off <= 0 ? '+' : '-';
		if (off < 0)
			off = -off;
		put(o, &sign, 1);
		num(o, off / 3600 * 100 + off / 60 % 60, 4, '0');
		break;
	case 'Z':
		if (tm->tm_isdst < 0)
			break;
		tzset();
		puts_(o, tzname[tm->tm_isdst > 0]);
		break;
	case '%': puts_(o, "%"); break;
	default: {
		char b[2] = { '%', c };
		put(o, b, 2);	/* unknown: copied as it is */
		break;
	}
	}
}

static size_t fmt(struct out *o, const char *f, const struct tm *tm)
{
	for (; *f != '\0' && !o->full; f++) {
		if (*f != '%') {
			put(o, f, 1);
			continue;
		}
		if (*++f == '\0') {
			put(o, "%", 1);
			break;
		}
		if (*f == 'E' || *f == 'O') {
			if (f[1] == '\0')
				break;
			f++;
		}
		conv(o, *f, tm);
	}
	return o->n;
}

size_t strftime(char *s, size_t max, const char *f, const struct tm *tm)
{
	struct out o;

	if (max == 0)
		return 0;
	o.s = s;
	o.max = max;
	o.n = 0;
	o.full = 0;
	fmt(&o, f, tm);
	if (o.full) {
		s[0] = '\0';
		return 0;
	}
	s[o.n] = '\0';
	return o.n;
}
