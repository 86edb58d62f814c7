/*
 * catalog.c — message catalogs end to end: /bin/gencat (run through system(), as the Open POSIX
 * fork tests do) compiles $set/$delset/$quote/comments/escapes/continuations; catgets returns
 * the messages, or its default (errno ENOMSG) for a missing set or message; the descriptor keeps
 * working in a fork child; gencat merges into an existing catalog; catopen finds a bare name
 * through NLSPATH, and fails with ENOENT (no file) or EINVAL (not a catalog); gencat rejects a
 * bad source with a nonzero status.
 */
#include <nl_types.h>
#include "../fork/ftest.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0)
		ft_fail(path, "cannot write: errno %d", errno);
}

static int same(const char *got, const char *want, const char *name)
{
	return ft_check(strcmp(got, want) == 0, name, "got '%s', want '%s'", got, want);
}

int main(void)
{
	const char *nf = "not found";
	nl_catd c;
	pid_t pid;
	int st;

	write_file("/tmp/mc.txt",
	    "$ a comment\n"
	    "1 default set\n"
	    "$set 1 the first set\n"
	    "2 Second sentence\n"
	    "3 tab\\there\\nnewline \\\\ backslash \\101\n"
	    "$set 2\n"
	    "1 First translated sentence\n"
	    "2 continued \\\n"
	    "line\n"
	    "$quote \"\n"
	    "3 \"  quoted \\\" text  \"\n"
	    "4 \n"
	    "$set 3\n"
	    "1 doomed\n"
	    "$delset 3\n"
	    "$set 4\n"
	    "1 gone\n"
	    "1\n"
	    "2 kept\n");
	st = system("gencat /tmp/mc.cat /tmp/mc.txt");
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "gencat via system() succeeds", "%s", ft_status(st));
	c = catopen("/tmp/mc.cat", 0);
	ft_check(c != (nl_catd)-1, "catopen of the compiled catalog", "errno %d", errno);
	if (c == (nl_catd)-1)
		return ft_done();
	same(catgets(c, NL_SETD, 1, nf), "default set", "messages before $set are in NL_SETD (1)");
	same(catgets(c, 1, 2, nf), "Second sentence", "catgets set 1 msg 2");
	same(catgets(c, 1, 3, nf), "tab\there\nnewline \\ backslash A", "escapes \\t \\n \\\\ \\ddd");
	same(catgets(c, 2, 1, nf), "First translated sentence", "catgets set 2 msg 1");
	same(catgets(c, 2, 2, nf), "continued line", "a backslash at the end of a line continues it");
	same(catgets(c, 2, 3, nf), "  quoted \" text  ", "$quote strips the quotes and keeps the blanks");
	same(catgets(c, 2, 4, nf), "", "a message number and a blank store an empty message");
	errno = 0;
	ft_check(catgets(c, 3, 1, nf) == nf && errno == ENOMSG, "$delset removes a set: the default, ENOMSG", "errno %d", errno);
	ft_check(catgets(c, 4, 1, nf) == nf, "a message number alone deletes the message", "found");
	same(catgets(c, 4, 2, nf), "kept", "the other messages of that set stay");
	ft_check(catgets(c, 9, 1, nf) == nf && catgets(c, 1, 99, nf) == nf && catgets(c, 0, 0, nf) == nf,
	    "missing sets and messages give the default", "found");

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int ok = strcmp(catgets(c, 2, 1, nf), "First translated sentence") == 0 && strcmp(catgets(c, 1, 2, nf), "Second sentence") == 0;
		_exit(ok ? 0 : 1);
	}
	ft_check(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "a fork child reads the catalog through the inherited descriptor", "%s", ft_status(st));
	same(catgets(c, 1, 2, nf), "Second sentence", "the parent still reads it after the fork");
	ft_check(catclose(c) == 0, "catclose", "errno %d", errno);

	/* merge: new messages join, changed ones replace, the rest stay */
	write_file("/tmp/mc2.txt", "$set 1\n2 Replaced\n5 Added\n");
	st = system("gencat /tmp/mc.cat /tmp/mc2.txt");
	c = catopen("/tmp/mc.cat", NL_CAT_LOCALE);
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0 && c != (nl_catd)-1, "gencat merges into an existing catalog", "%s", ft_status(st));
	if (c != (nl_catd)-1) {
		same(catgets(c, 1, 2, nf), "Replaced", "merge replaces a message");
		same(catgets(c, 1, 5, nf), "Added", "merge adds a message");
		same(catgets(c, 2, 1, nf), "First translated sentence", "merge keeps the others");
		catclose(c);
	}

	/* NLSPATH: a bare name goes through %N */
	setenv("NLSPATH", "/tmp/none/%N:/tmp/%N.cat", 1);
	c = catopen("mc", 0);
	ft_check(c != (nl_catd)-1 && strcmp(catgets(c, 1, 5, nf), "Added") == 0, "catopen of a bare name through NLSPATH",
	    "errno %d", errno);
	if (c != (nl_catd)-1)
		catclose(c);
	errno = 0;
	ft_check(catopen("nothere", 0) == (nl_catd)-1 && errno == ENOENT, "catopen of a missing catalog: ENOENT", "errno %d", errno);
	errno = 0;
	ft_check(catopen("/tmp/mc.txt", 0) == (nl_catd)-1 && errno == EINVAL, "catopen of a file that is not a catalog: EINVAL",
	    "errno %d", errno);
	errno = 0;
	ft_check(catclose((nl_catd)-1) == -1 && errno == EBADF, "catclose of a bad descriptor: EBADF", "errno %d", errno);

	write_file("/tmp/mc3.txt", "$set 1\nnot a message\n");
	st = system("gencat /tmp/mc3.cat /tmp/mc3.txt 2>/tmp/mc3.err");
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) != 0 && access("/tmp/mc3.cat", F_OK) == -1, "gencat rejects a bad line, writes nothing",
	    "%s", ft_status(st));
	st = system("gencat /tmp/mc4.cat /tmp/none.txt 2>/tmp/mc3.err");
	ft_check(WIFEXITED(st) && WEXITSTATUS(st) != 0, "gencat of a missing source fails", "%s", ft_status(st));
	return ft_done();
}
