/*
 * sysconf.c — sysconf() with Solaris's values on this machine (4K pages, 100 ticks a second, the
 * CPUs of the machine online, 256 descriptors, the per-user process limit), getpagesize(), the
 * EINVAL of an unknown name; setenv/unsetenv/putenv with their EINVAL cases; a fork child and an
 * exec'd program see the changed environment (posix_envcheck answers through its exit status).
 */
#include <stdlib.h>
#include <time.h>
#include "../fork/ftest.h"

int main(void)
{
	static char put1[] = "FVM_PUT=one";
	long v;
	pid_t pid;
	int st;

	ft_check(sysconf(_SC_PAGESIZE) == 4096 && sysconf(_SC_PAGE_SIZE) == 4096, "_SC_PAGESIZE", "%ld",
	    sysconf(_SC_PAGESIZE));
	ft_check(getpagesize() == 4096, "getpagesize", "%d", getpagesize());
	ft_check(sysconf(_SC_CLK_TCK) == 100, "_SC_CLK_TCK", "%ld", sysconf(_SC_CLK_TCK));
	v = sysconf(_SC_NPROCESSORS_ONLN);
	ft_check(v >= 1 && v <= 64 && v == sysconf(_SC_NPROCESSORS_CONF), "_SC_NPROCESSORS_ONLN", "%ld", v);
	ft_check(sysconf(_SC_OPEN_MAX) == 256, "_SC_OPEN_MAX", "%ld", sysconf(_SC_OPEN_MAX));
	v = sysconf(_SC_CHILD_MAX);
	ft_check(v > 1 && v < 30000, "_SC_CHILD_MAX", "%ld", v);
	ft_check(sysconf(_SC_ARG_MAX) == 1048320, "_SC_ARG_MAX", "%ld", sysconf(_SC_ARG_MAX));
	ft_check(sysconf(_SC_VERSION) == 199506L && sysconf(_SC_JOB_CONTROL) == 1 && sysconf(_SC_SAVED_IDS) == 1,
	    "_SC_VERSION, _SC_JOB_CONTROL, _SC_SAVED_IDS", "");
	ft_check(sysconf(_SC_NGROUPS_MAX) == 16, "_SC_NGROUPS_MAX", "%ld", sysconf(_SC_NGROUPS_MAX));
	ft_check(sysconf(_SC_TIMER_MAX) == 32 && sysconf(_SC_TIMERS) > 0, "_SC_TIMER_MAX", "%ld", sysconf(_SC_TIMER_MAX));
	ft_check(sysconf(_SC_PHYS_PAGES) > 0 && sysconf(_SC_AVPHYS_PAGES) > 0 &&
	    sysconf(_SC_AVPHYS_PAGES) <= sysconf(_SC_PHYS_PAGES), "_SC_PHYS_PAGES, _SC_AVPHYS_PAGES", "%ld %ld",
	    sysconf(_SC_PHYS_PAGES), sysconf(_SC_AVPHYS_PAGES));
	ft_check(sysconf(_SC_MAXPID) == 29999, "_SC_MAXPID", "%ld", sysconf(_SC_MAXPID));
	errno = 0;
	ft_check(sysconf(9999) == -1 && errno == EINVAL, "unknown name: EINVAL", "errno %d", errno);
	errno = 0;
	ft_check(sysconf(_SC_SEMAPHORES) == -1 && errno == 0, "unsupported option: -1, errno unchanged", "errno %d", errno);

	/* The environment. */
	ft_check(setenv("FVM_A", "1", 1) == 0 && strcmp(getenv("FVM_A"), "1") == 0, "setenv new", "");
	ft_check(setenv("FVM_A", "2", 0) == 0 && strcmp(getenv("FVM_A"), "1") == 0, "setenv no overwrite", "");
	ft_check(setenv("FVM_A", "3", 1) == 0 && strcmp(getenv("FVM_A"), "3") == 0, "setenv overwrite", "");
	ft_errno(setenv("", "x", 1), EINVAL, "setenv empty name");
	ft_errno(setenv("A=B", "x", 1), EINVAL, "setenv name with =");
	ft_errno(setenv(NULL, "x", 1), EINVAL, "setenv NULL name");
	ft_check(putenv(put1) == 0 && getenv("FVM_PUT") == put1 + 8, "putenv keeps the caller's string", "");
	put1[8] = 'X';
	ft_check(strcmp(getenv("FVM_PUT"), "Xne") == 0, "putenv: changing the string changes the environment", "");
	ft_check(setenv("FVM_GONE", "y", 1) == 0 && unsetenv("FVM_GONE") == 0 && getenv("FVM_GONE") == NULL,
	    "unsetenv", "");
	ft_check(unsetenv("FVM_NEVER") == 0, "unsetenv absent name", "");
	ft_errno(unsetenv("A=B"), EINVAL, "unsetenv name with =");
	ft_errno(unsetenv(""), EINVAL, "unsetenv empty name");
	{
		char name[16];
		int i, okay = 1;

		for (i = 0; i < 40; i++) {
			snprintf(name, sizeof(name), "FVM_N%d", i);
			if (setenv(name, name, 1) != 0)
				okay = 0;
		}
		for (i = 0; i < 40; i++) {
			snprintf(name, sizeof(name), "FVM_N%d", i);
			if (getenv(name) == NULL || strcmp(getenv(name), name) != 0)
				okay = 0;
		}
		ft_check(okay, "setenv: many variables grow the environment", "");
	}

	pid = fork();
	if (pid == 0) {
		ft_check(strcmp(getenv("FVM_A"), "3") == 0 && getenv("FVM_GONE") == NULL, "child: environment inherited", "");
		ft_check(sysconf(_SC_PAGESIZE) == 4096, "child: sysconf", "");
		ft_child_exit();
	}
	st = ft_wait(pid, "wait child");
	ft_check(st == 0, "child checks passed", "%s", ft_status(st));
	pid = fork();
	if (pid == 0) {
		char *av[] = { "posix_envcheck", "FVM_A", "3", NULL };

		execv("/bin/posix_envcheck", av);
		_exit(99);
	}
	st = ft_wait(pid, "wait exec child");
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec passes the changed environment", "%s", ft_status(st));
	return ft_done();
}
