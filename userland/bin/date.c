/*
 * date.c — /bin/date, as Solaris's date(1) prints the time: `date [-u] [+FORMAT]`, by default
 * "%a %b %e %H:%M:%S %Z %Y" in the local zone (TZ; UTC when unset), -u in UTC. Setting the
 * clock is left out (the machine's realtime starts at `forkvm --date`). Exit 1 with a usage
 * line for anything else.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	char buf[1024];
	struct tm tm, *tp;
	time_t now;
	int i, utc = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-u") == 0)
			utc = 1;
		else if (argv[i][0] == '+')
			fmt = argv[i] + 1;
		else {
			fprintf(stderr, "usage: date [-u] [+format]\n");
			return 1;
		}
	}
	now = time(NULL);
	tp = utc ? gmtime_r(&now, &tm) : localtime_r(&now, &tm);
	if (tp == NULL || (strftime(buf, sizeof buf, fmt, tp) == 0 && fmt[0] != '\0')) {
		fprintf(stderr, "date: cannot format the time\n");
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}
