/*
 * setenv.c — putenv(), setenv() and unsetenv() over environ (mirrors Solaris libc's
 * port/gen/putenv.c and setenv.c in effect; own code). The first change copies environ into a
 * malloc'd array, which later changes grow; putenv keeps the caller's string (POSIX), setenv
 * allocates "name=value". EINVAL for a NULL, empty or '='-containing name; ENOMEM when out of memory.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

static char **env_owned;	/* environ when it is our array */
static int env_cap;

/* Index of name's entry (n = its length), or -1. */
static int env_find(const char *name, size_t n)
{
	int i;

	if (environ == NULL)
		return -1;
	for (i = 0; environ[i] != NULL; i++)
		if (strncmp(environ[i], name, n) == 0 && environ[i][n] == '=')
			return i;
	return -1;
}

static int env_count(void)
{
	int n = 0;

	while (environ != NULL && environ[n] != NULL)
		n++;
	return n;
}

/* Append s to environ (copying it into our own array first); 0 or -1 with ENOMEM. */
static int env_append(char *s)
{
	int n = env_count();

	if (environ != env_owned || n + 2 > env_cap) {
		int cap = n + 2 > 16 ? (n + 2) * 2 : 16;
		char **e = malloc(sizeof(char *) * cap);

		if (e == NULL) {
			errno = ENOMEM;
			return -1;
		}
		if (n > 0)
			memcpy(e, environ, sizeof(char *) * n);
		if (environ == env_owned)
			free(env_owned);
		env_owned = environ = e;
		env_cap = cap;
	}
	environ[n] = s;
	environ[n + 1] = NULL;
	return 0;
}

/* putenv(): string ("name=value") becomes part of the environment; 0, or nonzero with errno. */
int putenv(char *string)
{
	const char *eq = strchr(string, '=');
	int i;

	if (eq == NULL || eq == string) {
		errno = EINVAL;
		return -1;
	}
	i = env_find(string, (size_t)(eq - string));
	if (i >= 0) {
		environ[i] = string;
		return 0;
	}
	return env_append(string);
}

static int bad_name(const char *name)
{
	return name == NULL || *name == '\0' || strchr(name, '=') != NULL;
}

/* setenv(): set name to value (only if absent unless overwrite); 0 or -1 with errno. */
int setenv(const char *name, const char *value, int overwrite)
{
	size_t n, v;
	char *s;
	int i;

	if (bad_name(name)) {
		errno = EINVAL;
		return -1;
	}
	n = strlen(name);
	i = env_find(name, n);
	if (i >= 0 && !overwrite)
		return 0;
	v = strlen(value);
	s = malloc(n + v + 2);
	if (s == NULL) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(s, name, n);
	s[n] = '=';
	memcpy(s + n + 1, value, v + 1);
	if (i >= 0) {
		environ[i] = s;
		return 0;
	}
	if (env_append(s) != 0) {
		free(s);
		return -1;
	}
	return 0;
}

/* unsetenv(): remove every entry for name; 0 or -1 with EINVAL. */
int unsetenv(const char *name)
{
	size_t n;
	int i, j;

	if (bad_name(name)) {
		errno = EINVAL;
		return -1;
	}
	n = strlen(name);
	while ((i = env_find(name, n)) >= 0) {
		for (j = i; environ[j] != NULL; j++)
			environ[j] = environ[j + 1];
	}
	return 0;
}
