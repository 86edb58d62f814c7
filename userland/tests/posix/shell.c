/*
 * shell.c — /bin/sh through system() and popen(): exit statuses (exit n, false, 127 for a command
 * not found, 2 for a syntax error), quoting and $ expansion, redirections < > >> 2> 2>&1,
 * pipelines, ; && || lists, export to child commands, exec, cd; system(NULL) is nonzero; system
 * restores the caller's SIGINT/SIGQUIT dispositions and signal mask; popen "r" reads a command's
 * output, "w" feeds its input, pclose returns the wait status.
 */
#include <signal.h>
#include <fcntl.h>
#include "../fork/ftest.h"

/* The output of cmd (via popen), with its pclose status in *st. */
static char *run_out(const char *cmd, int *st)
{
	static char buf[512];
	FILE *p = popen(cmd, "r");
	size_t n = 0;

	buf[0] = '\0';
	if (p == NULL) {
		*st = -1;
		return buf;
	}
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	*st = pclose(p);
	return buf;
}

static void out_is(const char *cmd, const char *want, int want_status)
{
	int st;
	char *got = run_out(cmd, &st);

	ft_check(strcmp(got, want) == 0 && WIFEXITED(st) && WEXITSTATUS(st) == want_status, cmd,
	    "output '%s' (want '%s'), %s (want %d)", got, want, ft_status(st), want_status);
}

static void status_is(const char *cmd, int want)
{
	int st = system(cmd);
	ft_check(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == want, cmd, "%s, want exit %d", ft_status(st), want);
}

int main(void)
{
	struct sigaction sa, osa;
	sigset_t set, oset;

	ft_check(system(NULL) != 0, "system(NULL) != 0: there is a /bin/sh", "returned 0");
	status_is("exit 3", 3);
	status_is("true", 0);
	status_is("false", 1);
	status_is("no_such_command_here", 127);
	status_is("echo 'unterminated", 2);
	status_is("echo a |", 2);
	status_is("; echo x", 2);
	status_is("if true; then echo; fi", 2);
	status_is("false; exit $?", 1);
	status_is("(exit 5); exit $?", 5);
	status_is("! true", 1);
	status_is("exit 300", 44);

	out_is("echo hello world", "hello world\n", 0);
	out_is("echo 'single  $HOME' \"double  $NOPE.\" back\\ slash", "single  $HOME double  . back slash\n", 0);
	out_is("X=abc; echo $X ${X}def \"$X\"", "abc abcdef abc\n", 0);
	out_is("false; echo $?; true; echo $?", "1\n0\n", 0);
	out_is("true && echo and1; false && echo and2; false || echo or1; true || echo or2", "and1\nor1\n", 0);
	out_is("echo one; echo two", "one\ntwo\n", 0);
	out_is("echo piped | cat | cat", "piped\n", 0);
	out_is("echo to-file > /tmp/sh1; echo more >> /tmp/sh1; cat < /tmp/sh1", "to-file\nmore\n", 0);
	out_is("no_such_cmd 2>/tmp/sh0; echo $?", "127\n", 0);
	out_is("no_such_cmd 2>&1 | cat", "sh: no_such_cmd: not found\n", 0);
	out_is("no_such_cmd 2>/tmp/sh2; cat /tmp/sh2", "sh: no_such_cmd: not found\n", 0);
	out_is("exec 2>&1; echo \"bad'\"", "bad'\n", 0);
	out_is("echo x | exit 4", "", 4);
	out_is("Y=exported; export Y; sh -c 'echo $Y'", "exported\n", 0);
	out_is("Z=local sh -c 'echo $Z'; echo [$Z]", "local\n[]\n", 0);
	out_is("cd /tmp && pwd", "/tmp\n", 0);
	out_is("exec echo replaced; echo not-reached", "replaced\n", 0);
	out_is("sh -c 'echo $0 $1 $#' name arg", "name arg 1\n", 0);
	out_is("echo 'exit 6' > /tmp/sh3; sh /tmp/sh3", "", 6);
	out_is("echo after  # trailing", "after\n", 0);
	{
		FILE *f = fopen("/tmp/sh5", "w");
		fputs("# a script\necho line1 # trailing\n\nfalse ||\n  echo line2\necho $1 \\\n  $#\n", f);
		fclose(f);
		out_is("sh /tmp/sh5 arg1", "line1\nline2\narg1 1\n", 0);
	}

	/* system() leaves the caller's dispositions and mask as they were */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_SETMASK, &set, NULL);
	system("true");
	sigaction(SIGINT, NULL, &osa);
	sigprocmask(SIG_SETMASK, NULL, &oset);
	ft_check(osa.sa_handler == SIG_DFL && sigismember(&oset, SIGUSR1) == 1 && sigismember(&oset, SIGCHLD) == 0,
	    "system restores SIGINT and the signal mask", "handler %p", (void *)osa.sa_handler);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);

	{
		FILE *p = popen("cat > /tmp/sh4", "w");
		int st;
		ft_check(p != NULL && fprintf(p, "via popen w\n") > 0 && (st = pclose(p)) == 0 && strcmp(run_out("cat /tmp/sh4", &st),
		    "via popen w\n") == 0, "popen w feeds the command's stdin", "errno %d", errno);
		p = popen("exit 9", "r");
		st = p != NULL ? pclose(p) : -1;
		ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 9, "pclose returns the wait status", "%s", ft_status(st));
		errno = 0;
		ft_check(pclose(stdout) == -1 && errno == ECHILD, "pclose of a stream popen did not make: ECHILD", "errno %d", errno);
		errno = 0;
		ft_check(popen("true", "x") == NULL && errno == EINVAL, "popen with a bad mode: EINVAL", "errno %d", errno);
	}
	return ft_done();
}
