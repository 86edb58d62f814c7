/*
 * catopen.c — catopen/catgets/catclose (mirrors Solaris libc's port/gen/catopen.c and
 * catgets.c in behaviour; own code and own file format, see catalog.h). The catalog file is read
 * whole into malloc'ed memory and checked once, so a descriptor needs no open file and keeps
 * working in a fork child; catgets binary-searches the set and message tables.
 */
#include <nl_types.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include "catalog.h"

#define DEFAULT_NLSPATH "/usr/lib/locale/%L/LC_MESSAGES/%N.cat"

/* Every table entry and text must lie inside the file: a bad catalog is EINVAL, not a fault. */
static int cat_valid(const unsigned char *d, unsigned int size)
{
	unsigned int nsets, nmsgs, pool, i;

	if (size < CAT_HDR_WORDS * 4 || memcmp(d, CAT_MAGIC, 4) != 0 || cat_get32(d + 4) != CAT_VERSION)
		return 0;
	nsets = cat_get32(d + 8);
	nmsgs = cat_get32(d + 12);
	if (nsets > size / 12 || nmsgs > size / 12)
		return 0;
	pool = CAT_HDR_WORDS * 4 + nsets * CAT_SET_WORDS * 4 + nmsgs * CAT_MSG_WORDS * 4;
	if (pool > size)
		return 0;
	for (i = 0; i < nsets; i++) {
		const unsigned char *s = d + 16 + i * 12;
		if (cat_get32(s + 4) > nmsgs || cat_get32(s + 8) > nmsgs - cat_get32(s + 4))
			return 0;
	}
	for (i = 0; i < nmsgs; i++) {
		const unsigned char *m = d + 16 + nsets * 12 + i * 12;
		unsigned int off = cat_get32(m + 4), len = cat_get32(m + 8);
		if (off > size - pool || len >= size - pool - off || d[pool + off + len] != '\0')
			return 0;
	}
	return 1;
}

static nl_catd cat_load(const char *path)
{
	struct stat st;
	nl_catd c;
	unsigned int got = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return (nl_catd)-1;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return (nl_catd)-1;
	}
	c = malloc(sizeof(*c));
	if (c != NULL)
		c->__data = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	if (c == NULL || c->__data == NULL) {
		free(c);
		close(fd);
		errno = ENOMEM;
		return (nl_catd)-1;
	}
	while (got < (unsigned int)st.st_size) {
		ssize_t r = read(fd, c->__data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (unsigned int)r;
	}
	close(fd);
	c->__size = got;
	if (!cat_valid((const unsigned char *)c->__data, got)) {
		free(c->__data);
		free(c);
		errno = EINVAL;
		return (nl_catd)-1;
	}
	return c;
}

/* Expand one NLSPATH element (up to ':' or the end) into buf; returns the next element or NULL. */
static const char *nlspath_next(const char *p, const char *name, const char *locale, char *buf)
{
	size_t n = 0;

	for (; *p != '\0' && *p != ':'; p++) {
		const char *ins = NULL;
		char one[2] = { 0, 0 };
		if (*p == '%' && p[1] != '\0') {
			p++;
			if (*p == 'N')
				ins = name;
			else if (*p == 'L' || *p == 'l')
				ins = locale;
			else if (*p == '%')
				ins = "%";
			else
				ins = "";	/* %t %c: no territory or codeset parts here */
		} else {
			one[0] = *p;
			ins = one;
		}
		if (n + strlen(ins) < PATH_MAX) {
			strcpy(buf + n, ins);
			n += strlen(ins);
		}
	}
	buf[n] = '\0';
	return *p == ':' ? p + 1 : NULL;
}

nl_catd catopen(const char *name, int oflag)
{
	const char *path, *locale = NULL;
	char buf[PATH_MAX];
	int err = ENOENT;

	if (name == NULL || *name == '\0') {
		errno = ENOENT;
		return (nl_catd)-1;
	}
	if (strchr(name, '/') != NULL)
		return cat_load(name);
	if (oflag == NL_CAT_LOCALE) {
		locale = getenv("LC_ALL");
		if (locale == NULL || *locale == '\0')
			locale = getenv("LC_MESSAGES");
	}
	if (locale == NULL || *locale == '\0')
		locale = getenv("LANG");
	if (locale == NULL || *locale == '\0')
		locale = "C";
	path = getenv("NLSPATH");
	if (path == NULL || *path == '\0')
		path = DEFAULT_NLSPATH;
	while (path != NULL) {
		nl_catd c;
		path = nlspath_next(path, name, locale, buf);
		if (buf[0] == '\0')
			continue;
		c = cat_load(buf);
		if (c != (nl_catd)-1)
			return c;
		if (errno != ENOENT)
			err = errno;
	}
	errno = err;
	return (nl_catd)-1;
}

/* Binary search of n 12-byte entries at t for key in their first word; the index or -1. */
static int find(const unsigned char *t, unsigned int n, unsigned int key)
{
	unsigned int lo = 0, hi = n;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2, v = cat_get32(t + mid * 12);
		if (v == key)
			return (int)mid;
		if (v < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

char *catgets(nl_catd catd, int set_id, int msg_id, const char *s)
{
	const unsigned char *d, *sets, *msgs, *set;
	unsigned int nsets, nmsgs, pool;
	int i, j;

	if (catd == NULL || catd == (nl_catd)-1) {
		errno = EBADF;
		return (char *)s;
	}
	d = (const unsigned char *)catd->__data;
	nsets = cat_get32(d + 8);
	nmsgs = cat_get32(d + 12);
	sets = d + 16;
	msgs = sets + nsets * 12;
	pool = 16 + nsets * 12 + nmsgs * 12;
	i = set_id > 0 ? find(sets, nsets, (unsigned int)set_id) : -1;
	if (i >= 0) {
		set = sets + (unsigned int)i * 12;
		j = msg_id > 0 ? find(msgs + cat_get32(set + 4) * 12, cat_get32(set + 8), (unsigned int)msg_id) : -1;
		if (j >= 0) {
			const unsigned char *m = msgs + (cat_get32(set + 4) + (unsigned int)j) * 12;
			return (char *)d + pool + cat_get32(m + 4);
		}
	}
	errno = ENOMSG;
	return (char *)s;
}

int catclose(nl_catd catd)
{
	if (catd == NULL || catd == (nl_catd)-1) {
		errno = EBADF;
		return -1;
	}
	free(catd->__data);
	catd->__data = NULL;
	free(catd);
	return 0;
}
