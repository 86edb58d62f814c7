/*
 * gencat.c — /bin/gencat: `gencat catfile msgfile...` compiles X/Open message source files into
 * the binary catalog that catopen() reads (format: libc/gen/catalog.h; own code, following the
 * gencat description in POSIX). Source lines: `$set N`, `$delset N`, `$quote c`, `$ comment`
 * (any other `$` line is a comment too), `N text` (text after one blank; escapes \n \t \v \b \r
 * \f \\ \ddd, and \ at the end of a line continues it), `N` alone deletes message N. An existing
 * catfile is merged: its messages stay unless replaced or deleted. "-" as msgfile is stdin.
 * Exit status 0, or 1 with a message on stderr naming the file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <ctype.h>
#include "../libc/gen/catalog.h"

struct msg {
	unsigned int set, num;
	char *text;
	size_t len;
};

static struct msg *msgs;
static size_t nmsgs, capmsgs;
static const char *srcname;
static int lineno;

static void die(const char *why)
{
	if (lineno > 0)
		fprintf(stderr, "gencat: %s, line %d: %s\n", srcname, lineno, why);
	else
		fprintf(stderr, "gencat: %s: %s\n", srcname, why);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL)
		die("out of memory");
	return p;
}

static struct msg *find_msg(unsigned int set, unsigned int num)
{
	size_t i;
	for (i = 0; i < nmsgs; i++)
		if (msgs[i].set == set && msgs[i].num == num)
			return &msgs[i];
	return NULL;
}

static void del_msg(struct msg *m)
{
	free(m->text);
	*m = msgs[--nmsgs];
}

static void put_msg(unsigned int set, unsigned int num, char *text, size_t len)
{
	struct msg *m = find_msg(set, num);

	if (m != NULL) {
		free(m->text);
	} else {
		if (nmsgs == capmsgs) {
			capmsgs = capmsgs ? capmsgs * 2 : 64;
			msgs = xrealloc(msgs, capmsgs * sizeof(*msgs));
		}
		m = &msgs[nmsgs++];
		m->set = set;
		m->num = num;
	}
	m->text = text;
	m->len = len;
}

/* Load an existing catalog so that the new sources are merged into it. */
static void load_catalog(const char *path)
{
	unsigned char *d;
	long size;
	unsigned int ns, nm, i, j, pool;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 16 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return;
	}
	d = xrealloc(NULL, (size_t)size);
	if (fread(d, 1, (size_t)size, f) != (size_t)size || memcmp(d, CAT_MAGIC, 4) != 0) {
		fclose(f);
		srcname = path;
		die("not a message catalog");
	}
	fclose(f);
	ns = cat_get32(d + 8);
	nm = cat_get32(d + 12);
	pool = 16 + ns * 12 + nm * 12;
	for (i = 0; i < ns; i++) {
		const unsigned char *s = d + 16 + i * 12;
		for (j = 0; j < cat_get32(s + 8); j++) {
			const unsigned char *m = d + 16 + ns * 12 + (cat_get32(s + 4) + j) * 12;
			unsigned int off = cat_get32(m + 4), len = cat_get32(m + 8);
			char *t;
			if ((long)(pool + off + len) >= size) {
				srcname = path;
				die("corrupt message catalog");
			}
			t = xrealloc(NULL, len + 1);
			memcpy(t, d + pool + off, len + 1);
			put_msg(cat_get32(s), cat_get32(m), t, len);
		}
	}
	free(d);
}

static int read_line(FILE *f, char **line, size_t *cap)
{
	ssize_t n = getline(line, cap, f);
	if (n < 0)
		return -1;
	if (n > 0 && (*line)[n - 1] == '\n')
		(*line)[--n] = '\0';
	lineno++;
	return (int)n;
}

/* Parse a message text starting at p, honouring quote and escapes; continued lines are read from f. */
static char *parse_text(char *p, int quote, FILE *f, char **line, size_t *cap, size_t *lenp)
{
	size_t len = 0, tcap = 64;
	char *t = xrealloc(NULL, tcap);
	int quoted = 0;

	if (quote != 0 && *p == quote) {
		quoted = 1;
		p++;
	}
	for (;;) {
		int c = (unsigned char)*p;
		if (len + 4 > tcap) {
			tcap *= 2;
			t = xrealloc(t, tcap);
		}
		if (c == '\0')
			break;
		if (quoted && c == quote) {
			p++;
			break;	/* anything after the closing quote is ignored */
		}
		if (c == '\\') {
			p++;
			c = (unsigned char)*p;
			if (c == '\0') {
				/* continuation: the text goes on with the next line */
				if (read_line(f, line, cap) < 0)
					break;
				p = *line;
				continue;
			}
			p++;
			switch (c) {
			case 'n': t[len++] = '\n'; break;
			case 't': t[len++] = '\t'; break;
			case 'v': t[len++] = '\v'; break;
			case 'b': t[len++] = '\b'; break;
			case 'r': t[len++] = '\r'; break;
			case 'f': t[len++] = '\f'; break;
			case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
				int v = c - '0', k;
				for (k = 0; k < 2 && *p >= '0' && *p <= '7'; k++)
					v = v * 8 + (*p++ - '0');
				t[len++] = (char)v;
				break;
			}
			default: t[len++] = (char)c; break;	/* \\ \" and unknown escapes: the character */
			}
			continue;
		}
		t[len++] = (char)c;
		p++;
	}
	t[len] = '\0';
	*lenp = len;
	return t;
}

static unsigned int parse_number(char **pp, const char *what)
{
	char *p = *pp, *end;
	unsigned long v;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)*p))
		die(what);
	v = strtoul(p, &end, 10);
	if (v == 0 || v > 0x7fffffff)
		die(what);
	*pp = end;
	return (unsigned int)v;
}

static void parse_source(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned int set = 1;
	int quote = 0;

	lineno = 0;
	while (read_line(f, &line, &cap) >= 0) {
		char *p = line;
		if (*p == '$') {
			p++;
			if (strncmp(p, "set", 3) == 0 && (p[3] == ' ' || p[3] == '\t')) {
				p += 3;
				set = parse_number(&p, "bad set number");
			} else if (strncmp(p, "delset", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
				unsigned int ds, i;
				p += 6;
				ds = parse_number(&p, "bad set number");
				for (i = 0; i < nmsgs;) {
					if (msgs[i].set == ds)
						del_msg(&msgs[i]);
					else
						i++;
				}
			} else if (strncmp(p, "quote", 5) == 0 && (p[5] == ' ' || p[5] == '\t' || p[5] == '\0')) {
				p += 5;
				while (*p == ' ' || *p == '\t')
					p++;
				quote = (unsigned char)*p;
			}
			/* "$ ..." and any other $ line: a comment */
			continue;
		}
		if (*p == '\0')
			continue;
		if (isdigit((unsigned char)*p)) {
			unsigned int num = parse_number(&p, "bad message number");
			size_t len;
			char *t;
			if (*p == '\0') {
				struct msg *m = find_msg(set, num);
				if (m != NULL)
					del_msg(m);
				continue;
			}
			if (*p != ' ' && *p != '\t')
				die("a message number must be followed by a blank");
			p++;
			t = parse_text(p, quote, f, &line, &cap, &len);
			put_msg(set, num, t, len);
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '\0')
				continue;	/* a line of blanks */
		}
		die("syntax error (expected $command or a message number)");
	}
	free(line);
}

static int cmp_msg(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;
	if (x->set != y->set)
		return x->set < y->set ? -1 : 1;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return 0;
}

static void write_catalog(const char *path)
{
	size_t nsets = 0, i, pool = 0, size, off;
	unsigned char *d, *sp, *mp;
	int fd;

	qsort(msgs, nmsgs, sizeof(*msgs), cmp_msg);
	for (i = 0; i < nmsgs; i++) {
		if (i == 0 || msgs[i].set != msgs[i - 1].set)
			nsets++;
		pool += msgs[i].len + 1;
	}
	size = 16 + nsets * 12 + nmsgs * 12 + pool;
	d = xrealloc(NULL, size);
	memcpy(d, CAT_MAGIC, 4);
	cat_put32(d + 4, CAT_VERSION);
	cat_put32(d + 8, (unsigned int)nsets);
	cat_put32(d + 12, (unsigned int)nmsgs);
	sp = d + 16 - 12;
	mp = d + 16 + nsets * 12;
	off = 0;
	for (i = 0; i < nmsgs; i++) {
		if (i == 0 || msgs[i].set != msgs[i - 1].set) {
			sp += 12;
			cat_put32(sp, msgs[i].set);
			cat_put32(sp + 4, (unsigned int)i);
			cat_put32(sp + 8, 0);
		}
		cat_put32(sp + 8, cat_get32(sp + 8) + 1);
		cat_put32(mp + i * 12, msgs[i].num);
		cat_put32(mp + i * 12 + 4, (unsigned int)off);
		cat_put32(mp + i * 12 + 8, (unsigned int)msgs[i].len);
		memcpy(d + 16 + nsets * 12 + nmsgs * 12 + off, msgs[i].text, msgs[i].len + 1);
		off += msgs[i].len + 1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	srcname = path;
	lineno = 0;
	if (fd < 0)
		die(strerror(errno));
	for (off = 0; off < size;) {
		ssize_t w = write(fd, d + off, size - off);
		if (w <= 0)
			die(strerror(errno));
		off += (size_t)w;
	}
	if (close(fd) < 0)
		die(strerror(errno));
	free(d);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: gencat catfile msgfile...\n");
		return 1;
	}
	load_catalog(argv[1]);
	for (i = 2; i < argc; i++) {
		FILE *f;
		srcname = argv[i];
		lineno = 0;
		f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (f == NULL)
			die(strerror(errno));
		parse_source(f);
		if (f != stdin)
			fclose(f);
	}
	write_catalog(argv[1]);
	return 0;
}
