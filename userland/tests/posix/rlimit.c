/*
 * rlimit.c — resource limits: Solaris's RLIMIT_* numbers and RLIM_INFINITY, the defaults (stack
 * 8 MB, 256 descriptors, the rest unlimited), setrlimit/getrlimit of every resource, EINVAL for
 * a soft limit above the hard one or an unknown resource, EFAULT; a fork child inherits the
 * limits (checked in the child) and its own changes do not reach the parent; exec keeps them
 * (this program exec'd with the argument `exec` checks).
 */
#include <sys/resource.h>
#include "../fork/ftest.h"

#define BAD ((struct rlimit *)8)

static const struct { int res; rlim_t cur, max; } want[] = {
	{ RLIMIT_CPU, 100, 200 }, { RLIMIT_FSIZE, 1 << 20, 1 << 21 }, { RLIMIT_DATA, 1 << 24, RLIM_INFINITY },
	{ RLIMIT_STACK, 1 << 22, 1 << 23 }, { RLIMIT_CORE, 0, 0 }, { RLIMIT_NOFILE, 64, 128 },
	{ RLIMIT_AS, 1 << 28, RLIM_INFINITY },
};
#define NWANT (int)(sizeof want / sizeof want[0])

/* limits_are(): every resource has the values of want[] (plus `delta` on the soft limit of RLIMIT_CPU). */
static int limits_are(const char *who, int delta)
{
	struct rlimit rl;
	int i, ok = 1;
	char name[64];

	for (i = 0; i < NWANT; i++) {
		rlim_t cur = want[i].cur + (want[i].res == RLIMIT_CPU ? delta : 0);

		snprintf(name, sizeof name, "%s: resource %d", who, want[i].res);
		ok &= ft_check(getrlimit(want[i].res, &rl) == 0 && rl.rlim_cur == cur && rl.rlim_max == want[i].max,
		    name, "cur %lu max %lu, want %lu %lu", rl.rlim_cur, rl.rlim_max, cur, want[i].max);
	}
	return ok;
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	pid_t pid;
	int i, st;

	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		limits_are("after exec", 0);
		return ft_done();
	}
	ft_check(RLIMIT_CPU == 0 && RLIMIT_FSIZE == 1 && RLIMIT_DATA == 2 && RLIMIT_STACK == 3 &&
	    RLIMIT_CORE == 4 && RLIMIT_NOFILE == 5 && RLIMIT_AS == 6 && RLIMIT_VMEM == 6 &&
	    RLIM_NLIMITS == 7 && RLIM_INFINITY == 0x7fffffff, "Solaris values", "differ");
	ft_check(getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur == 8 * 1024 * 1024, "default stack limit 8 MB",
	    "%lu", rl.rlim_cur);
	ft_check(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == 256, "default descriptor limit 256", "%lu", rl.rlim_cur);
	ft_check(getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY && rl.rlim_max == RLIM_INFINITY,
	    "default core limit unlimited", "%lu %lu", rl.rlim_cur, rl.rlim_max);

	rl.rlim_cur = 10;
	rl.rlim_max = 5;
	ft_errno(setrlimit(RLIMIT_CORE, &rl), EINVAL, "soft above hard: EINVAL");
	ft_errno(setrlimit(RLIM_NLIMITS, &rl), EINVAL, "setrlimit of an unknown resource: EINVAL");
	ft_errno(getrlimit(-1, &rl), EINVAL, "getrlimit of an unknown resource: EINVAL");
	ft_errno(setrlimit(RLIMIT_CORE, BAD), EFAULT, "setrlimit with a bad pointer: EFAULT");
	ft_errno(getrlimit(RLIMIT_CORE, BAD), EFAULT, "getrlimit with a bad pointer: EFAULT");

	for (i = 0; i < NWANT; i++) {
		rl.rlim_cur = want[i].cur;
		rl.rlim_max = want[i].max;
		if (setrlimit(want[i].res, &rl) != 0)
			ft_fail("setrlimit", "resource %d: errno %d", want[i].res, errno);
	}
	limits_are("parent after setrlimit", 0);

	pid = fork();
	if (pid == 0) {
		if (limits_are("child inherits", 0)) {
			rl.rlim_cur = 150;
			rl.rlim_max = 200;
			ft_check(setrlimit(RLIMIT_CPU, &rl) == 0, "child: setrlimit", "errno %d", errno);
			limits_are("child after its own change", 50);
		}
		ft_child_exit();
	}
	ft_child_ok(pid, "child saw the inherited limits");
	limits_are("parent unchanged by the child", 0);

	pid = fork();
	if (pid == 0) {
		char *av[] = { "posix_rlimit", "exec", NULL };

		execv("/bin/posix_rlimit", av);
		ft_fail("exec", "errno %d", errno);
		ft_child_exit();
	}
	st = ft_wait(pid, "exec child");
	ft_check(st == 0, "exec keeps the limits", "%s", ft_status(st));
	return ft_done();
}
