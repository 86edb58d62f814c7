/*
 * exec.c — the exec family on the execve trap (mirrors Solaris libc's port/gen/execvp.c and
 * execl.c in effect, own code): execv passes environ; execl/execle/execlp collect their variable
 * arguments into an argv array on the stack; execvp/execlp search PATH (default "/bin:/sbin")
 * when the file name has no '/', trying the next directory after ENOENT, EACCES or ENOTDIR.
 * Leaves out the Bourne-shell fallback for ENOEXEC scripts.
 */
#include <unistd.h>
#include <stdarg.h>
#include <string.h>
#include <stdlib.h>
#include <limits.h>
#include <errno.h>

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

int execvp(const char *file, char *const argv[])
{
	const char *path, *p;
	char buf[PATH_MAX];
	int err = ENOENT;

	if (file == NULL || *file == '\0') {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/') != NULL)
		return execv(file, argv);
	path = getenv("PATH");
	if (path == NULL)
		path = "/bin:/sbin";
	for (p = path;; p++) {
		const char *start = p;
		size_t dl, fl = strlen(file);

		while (*p != ':' && *p != '\0')
			p++;
		dl = (size_t)(p - start);
		if (dl + 1 + fl + 1 <= sizeof(buf)) {
			if (dl == 0) {
				memcpy(buf, file, fl + 1);	/* an empty entry is the current directory */
			} else {
				memcpy(buf, start, dl);
				buf[dl] = '/';
				memcpy(buf + dl + 1, file, fl + 1);
			}
			execv(buf, argv);
			if (errno != ENOENT && errno != EACCES && errno != ENOTDIR)
				return -1;
			if (errno == EACCES)
				err = EACCES;
		}
		if (*p == '\0')
			break;
	}
	errno = err;
	return -1;
}

/* Count the arguments after arg0 up to the NULL. */
static int count_args(va_list ap)
{
	int n = 0;

	while (va_arg(ap, char *) != NULL)
		n++;
	return n;
}

int execl(const char *path, const char *arg0, ...)
{
	va_list ap;
	int n, i;

	va_start(ap, arg0);
	n = count_args(ap);
	va_end(ap);
	{
		char *argv[n + 2];

		argv[0] = (char *)arg0;
		va_start(ap, arg0);
		for (i = 1; i <= n + 1; i++)
			argv[i] = va_arg(ap, char *);
		va_end(ap);
		return execve(path, argv, environ);
	}
}

int execle(const char *path, const char *arg0, ...)
{
	va_list ap;
	int n, i;

	va_start(ap, arg0);
	n = count_args(ap);
	va_end(ap);
	{
		char *argv[n + 2];
		char **envp;

		argv[0] = (char *)arg0;
		va_start(ap, arg0);
		for (i = 1; i <= n + 1; i++)
			argv[i] = va_arg(ap, char *);
		envp = va_arg(ap, char **);
		va_end(ap);
		return execve(path, argv, envp);
	}
}

int execlp(const char *file, const char *arg0, ...)
{
	va_list ap;
	int n, i;

	va_start(ap, arg0);
	n = count_args(ap);
	va_end(ap);
	{
		char *argv[n + 2];

		argv[0] = (char *)arg0;
		va_start(ap, arg0);
		for (i = 1; i <= n + 1; i++)
			argv[i] = va_arg(ap, char *);
		va_end(ap);
		return execvp(file, argv);
	}
}
