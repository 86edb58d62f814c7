/*
 * alarm_exec.c — the exec'd half of posix_alarm. With the argument `kept`: an alarm set before
 * exec is still pending (POSIX: the time left until an alarm clock signal is inherited) and the
 * POSIX timer created before exec is gone (timer id 0 is invalid). Alone: no alarm and no timer
 * at start-up. PASS/FAIL lines; exit 0 when every check holds.
 */
#include <time.h>
#include "../fork/ftest.h"

int main(int argc, char **argv)
{
	struct itimerspec its;
	unsigned left = alarm(0);

	if (argc > 1 && strcmp(argv[1], "kept") == 0)
		ft_check(left > 0 && left <= 40, "exec: alarm kept", "left %u", left);
	else
		ft_check(left == 0, "start-up: no alarm", "left %u", left);
	ft_errno(timer_gettime(0, &its), EINVAL, "exec: no POSIX timers");
	return ft_done();
}
