/*
 * ftest.h — the reporting helpers of the fork acceptance programs (the .c files beside it): each
 * check prints `PASS <name>` or `FAIL <name>: why`, and ft_done() turns the failure count into
 * the exit status (0 only if every check passed). A child that runs checks of its own ends with
 * ft_child_exit(), so its failures also reach the parent through the exit status.
 * Header-only (static functions): every test is one .c file.
 */
#ifndef _FTEST_H
#define _FTEST_H

#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>
#include <fcntl.h>

#define FT_UNUSED __attribute__((unused))

static volatile int ft_failures;	/* volatile: see sig/sigtest.h */

/* ft_check(): one check; `fmt` explains a failure (printed after "FAIL name: "). Returns ok. */
static int ft_check(int ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4), unused));
static int ft_check(int ok, const char *name, const char *fmt, ...)
{
	char why[200];
	va_list ap;

	if (ok) {
		printf("PASS %s\n", name);
		return 1;
	}
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	printf("FAIL %s: %s\n", name, why);
	ft_failures++;
	return 0;
}

/* ft_fail(): an unconditional failure (a setup step that went wrong). */
#define ft_fail(name, ...) ft_check(0, name, __VA_ARGS__)

/* ft_errno(): checks that r == -1 and errno == want. */
static FT_UNUSED int ft_errno(int r, int want, const char *name)
{
	int e = errno;

	return ft_check(r == -1 && e == want, name, "got %d, errno %d (%s); want -1, errno %d (%s)",
	    r, r == -1 ? e : 0, r == -1 ? strerror(e) : "-", want, strerror(want));
}

/* ft_status(): a printable description of a wait status word (for failure messages). */
static FT_UNUSED const char *ft_status(int st)
{
	static char buf[48];

	if (WIFEXITED(st))
		snprintf(buf, sizeof(buf), "exited %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, sizeof(buf), "killed by signal %d", WTERMSIG(st));
	else
		snprintf(buf, sizeof(buf), "status 0x%x", st);
	return buf;
}

/* ft_wait(): waits for pid (retrying EINTR); its status word, or -1 (and a FAIL) on error. */
static FT_UNUSED int ft_wait(pid_t pid, const char *name)
{
	int st = 0;
	pid_t w;

	do
		w = waitpid(pid, &st, 0);
	while (w < 0 && errno == EINTR);
	if (w != pid) {
		ft_fail(name, "waitpid(%ld) returned %ld, errno %d (%s)", (long)pid, (long)w, errno,
		    strerror(errno));
		return -1;
	}
	return st;
}

/* ft_child_ok(): waits for a child that ran its own checks and requires a clean exit 0. */
static FT_UNUSED int ft_child_ok(pid_t pid, const char *name)
{
	int st = ft_wait(pid, name);

	if (st == -1)
		return 0;
	return ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, name, "child %ld %s", (long)pid,
	    ft_status(st));
}

/* ft_child_exit(): ends a (fork, not vfork) child: status 0 if its checks all passed. */
static void ft_child_exit(void) __attribute__((noreturn, unused));
static void ft_child_exit(void)
{
	exit(ft_failures ? 1 : 0);
}

/* ft_slurp(): the first 255 bytes of file `path` as a string ("" when it cannot be read); one static buffer. */
static FT_UNUSED char *ft_slurp(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY), n = 0, r;

	buf[0] = '\0';
	if (fd < 0)
		return buf;
	while ((r = (int)read(fd, buf + n, sizeof(buf) - 1 - (size_t)n)) > 0)
		n += r;
	buf[n] = '\0';
	close(fd);
	return buf;
}

/* ft_done(): main's return value: 0 if every check passed, 1 otherwise. */
static FT_UNUSED int ft_done(void)
{
	fflush(stdout);
	return ft_failures ? 1 : 0;
}

#endif
