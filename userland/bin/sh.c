/*
 * sh.c — /bin/sh: a small POSIX-style command interpreter, enough for system(), popen() and
 * test scripts (own code; modelled on the POSIX Shell Command Language, not on any shell's
 * source). `sh -c CMD [name [arg...]]`, `sh FILE [arg...]`, or a script on stdin. Simple
 * commands with assignments, quoting ('' "" \), $VAR ${VAR} $? $$ $# $0..$9 $@ $*, redirections
 * [n]< [n]> [n]>> [n]>&m [n]<&m [n]>&-, pipelines with !, lists ; & && ||, ( subshells ),
 * # comments; builtins : true false echo cd pwd exit export unset exec. A syntax error is
 * reported on stderr and gives status 2; a command not found 127, not executable 126.
 * Leaves out if/while/for/case, functions, here-documents, command substitution and globbing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

/* ---- errors and output (straight to the descriptors: no stdio buffers to copy into children) */

static const char *progname = "sh";

static void msg(const char *a, const char *b, const char *c)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s: %s%s%s\n", progname, a, b ? b : "", c ? c : "");
	write(2, buf, strlen(buf));
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (p == NULL) {
		msg("out of memory", NULL, NULL);
		_exit(2);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- variables: name=value pairs; exported ones go to the environment of commands */

struct var {
	char *name, *value;
	int exported;
	struct var *next;
};
static struct var *vars;
static int last_status;
static int sh_argc;
static char **sh_argv;		/* $0, $1 ... */

static struct var *var_find(const char *name, size_t n)
{
	struct var *v;
	for (v = vars; v != NULL; v = v->next)
		if (strlen(v->name) == n && memcmp(v->name, name, n) == 0)
			return v;
	return NULL;
}

static void var_set(const char *name, size_t n, const char *value, int export)
{
	struct var *v = var_find(name, n);
	if (v == NULL) {
		v = xmalloc(sizeof(*v));
		v->name = xstrndup(name, n);
		v->value = NULL;
		v->exported = 0;
		v->next = vars;
		vars = v;
	}
	if (value != NULL)
		v->value = xstrndup(value, strlen(value));
	if (export)
		v->exported = 1;
}

static void var_unset(const char *name)
{
	struct var **pp;
	for (pp = &vars; *pp != NULL; pp = &(*pp)->next) {
		if (strcmp((*pp)->name, name) == 0) {
			*pp = (*pp)->next;
			return;
		}
	}
}

static int is_name_char(int c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
}

/* Length of a leading NAME= in s, 0 if s is not an assignment. */
static size_t assignment_len(const char *s)
{
	size_t i = 0;
	if (!is_name_char((unsigned char)s[0], 1))
		return 0;
	while (is_name_char((unsigned char)s[i], 0))
		i++;
	return s[i] == '=' ? i : 0;
}

/* The environment for a command: exported variables, then the command's own assignments. */
static char **make_env(char **assigns, int nassign)
{
	struct var *v;
	int n = 0, i, k = 0;
	char **env;

	for (v = vars; v != NULL; v = v->next)
		n++;
	env = xmalloc(sizeof(char *) * (size_t)(n + nassign + 1));
	for (v = vars; v != NULL; v = v->next) {
		size_t ln, lv;
		if (!v->exported || v->value == NULL)
			continue;
		for (i = 0; i < nassign; i++)
			if (assignment_len(assigns[i]) == strlen(v->name) && memcmp(assigns[i], v->name, strlen(v->name)) == 0)
				break;
		if (i < nassign)
			continue;	/* overridden */
		ln = strlen(v->name);
		lv = strlen(v->value);
		env[k] = xmalloc(ln + lv + 2);
		memcpy(env[k], v->name, ln);
		env[k][ln] = '=';
		memcpy(env[k] + ln + 1, v->value, lv + 1);
		k++;
	}
	for (i = 0; i < nassign; i++)
		env[k++] = assigns[i];
	env[k] = NULL;
	return env;
}

/* ---- tokens */

enum { T_WORD, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR, T_LPAREN, T_RPAREN, T_NL, T_REDIR, T_EOF };
enum { R_IN, R_OUT, R_APPEND, R_DUPOUT, R_DUPIN };

struct token {
	int type;
	char *text;		/* T_WORD: the raw word (quotes kept); T_REDIR: its target word */
	int fd, op;		/* T_REDIR */
};

static struct token *toks;
static int ntoks, tokcap, tpos;
static const char *syntax_err;

static void tok_add(int type, char *text, int fd, int op)
{
	if (ntoks == tokcap) {
		struct token *t;
		tokcap = tokcap ? tokcap * 2 : 64;
		t = xmalloc(sizeof(*t) * (size_t)tokcap);
		if (toks != NULL)
			memcpy(t, toks, sizeof(*t) * (size_t)ntoks);
		toks = t;
	}
	toks[ntoks].type = type;
	toks[ntoks].text = text;
	toks[ntoks].fd = fd;
	toks[ntoks].op = op;
	ntoks++;
}

static int is_meta(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' ||
	    c == '>' || c == '(' || c == ')' || c == '\0';
}

/* Scan one word starting at s (quotes and backslashes kept for expansion); NULL on an open quote. */
static const char *scan_word(const char *s)
{
	while (!is_meta((unsigned char)*s)) {
		if (*s == '\\') {
			s++;
			if (*s == '\0')
				break;
			s++;
		} else if (*s == '\'') {
			s = strchr(s + 1, '\'');
			if (s == NULL) {
				syntax_err = "unterminated quoted string";
				return NULL;
			}
			s++;
		} else if (*s == '"') {
			s++;
			while (*s != '"') {
				if (*s == '\0') {
					syntax_err = "unterminated quoted string";
					return NULL;
				}
				if (*s == '\\' && s[1] != '\0')
					s++;
				s++;
			}
			s++;
		} else if (*s == '$' && s[1] == '{') {
			const char *e = strchr(s, '}');
			if (e == NULL) {
				syntax_err = "bad substitution";
				return NULL;
			}
			s = e + 1;
		} else {
			s++;
		}
	}
	return s;
}

/* tokenize(): the whole script into toks; 0, or -1 with syntax_err set. */
static int tokenize(const char *s)
{
	ntoks = tpos = 0;
	for (;;) {
		const char *start;
		int fd = -1;

		while (*s == ' ' || *s == '\t' || (*s == '\\' && s[1] == '\n'))
			s += *s == '\\' ? 2 : 1;
		if (*s == '#') {
			while (*s != '\0' && *s != '\n')
				s++;
		}
		if (*s == '\0') {
			tok_add(T_EOF, NULL, 0, 0);
			return 0;
		}
		start = s;
		if (*s >= '0' && *s <= '9') {
			const char *p = s;
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p == '<' || *p == '>') {
				fd = atoi(s);
				s = p;
			}
		}
		switch (*s) {
		case '\n': tok_add(T_NL, NULL, 0, 0); s++; continue;
		case ';': tok_add(T_SEMI, NULL, 0, 0); s++; continue;
		case '(': tok_add(T_LPAREN, NULL, 0, 0); s++; continue;
		case ')': tok_add(T_RPAREN, NULL, 0, 0); s++; continue;
		case '&':
			if (s[1] == '&') { tok_add(T_AND, NULL, 0, 0); s += 2; }
			else { tok_add(T_AMP, NULL, 0, 0); s++; }
			continue;
		case '|':
			if (s[1] == '|') { tok_add(T_OR, NULL, 0, 0); s += 2; }
			else { tok_add(T_PIPE, NULL, 0, 0); s++; }
			continue;
		case '<': case '>': {
			int op;
			const char *w, *e;
			if (s[0] == '>' && s[1] == '>') { op = R_APPEND; s += 2; }
			else if (s[0] == '>' && s[1] == '&') { op = R_DUPOUT; s += 2; }
			else if (s[0] == '<' && s[1] == '&') { op = R_DUPIN; s += 2; }
			else if (s[0] == '>') { op = R_OUT; s += s[1] == '|' ? 2 : 1; }
			else if (s[1] == '<') { syntax_err = "here-documents are not supported"; return -1; }
			else { op = R_IN; s++; }
			if (fd < 0)
				fd = op == R_IN || op == R_DUPIN ? 0 : 1;
			while (*s == ' ' || *s == '\t')
				s++;
			w = s;
			e = scan_word(w);
			if (e == NULL)
				return -1;
			if (e == w) {
				syntax_err = "redirection without a file name";
				return -1;
			}
			tok_add(T_REDIR, xstrndup(w, (size_t)(e - w)), fd, op);
			s = e;
			continue;
		}
		default: {
			const char *e = scan_word(start);
			if (e == NULL)
				return -1;
			tok_add(T_WORD, xstrndup(start, (size_t)(e - start)), 0, 0);
			s = e;
		}
		}
	}
}

/* ---- syntax tree */

enum { N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_SUB, N_NOT };

struct node {
	int type;
	struct node *l, *r;
	char **words;		/* N_CMD: raw words, NULL-terminated */
	int nwords;
	struct token *redirs;	/* N_CMD, N_SUB: T_REDIR tokens */
	int nredirs;
};

static struct node *new_node(int type, struct node *l, struct node *r)
{
	struct node *n = xmalloc(sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->l = l;
	n->r = r;
	return n;
}

static int peek(void) { return toks[tpos].type; }

static const char *tok_name(int t)
{
	static const char *names[] = { "word", ";", "&", "|", "&&", "||", "(", ")", "newline", "redirection", "end of file" };
	return names[t];
}

static void unexpected(void)
{
	static char buf[64];
	if (syntax_err == NULL) {
		snprintf(buf, sizeof(buf), "syntax error near unexpected '%s'", tok_name(peek()));
		syntax_err = buf;
	}
}

static void skip_newlines(void)
{
	while (peek() == T_NL)
		tpos++;
}

static struct node *parse_list(int inner);

static void add_redir(struct node *n, struct token *t)
{
	struct token *r = xmalloc(sizeof(*r) * (size_t)(n->nredirs + 1));
	if (n->redirs != NULL)
		memcpy(r, n->redirs, sizeof(*r) * (size_t)n->nredirs);
	r[n->nredirs++] = *t;
	n->redirs = r;
}

/* The reserved words of the compound commands this shell leaves out. */
static int is_reserved(const char *w)
{
	static const char *words[] = { "if", "then", "elif", "else", "fi", "while", "until", "for", "do", "done",
		"case", "esac", "{", "}", NULL };
	int i;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], w) == 0)
			return 1;
	return 0;
}

static struct node *parse_command(void)
{
	struct node *n;

	if (peek() == T_LPAREN) {
		tpos++;
		n = new_node(N_SUB, parse_list(1), NULL);
		if (n->l == NULL)
			return NULL;
		if (peek() != T_RPAREN) {
			unexpected();
			return NULL;
		}
		tpos++;
		while (peek() == T_REDIR)
			add_redir(n, &toks[tpos++]);
		return n;
	}
	if (peek() == T_WORD && is_reserved(toks[tpos].text)) {
		static char buf[80];
		snprintf(buf, sizeof(buf), "syntax error: '%s' is not supported", toks[tpos].text);
		syntax_err = buf;
		return NULL;
	}
	n = new_node(N_CMD, NULL, NULL);
	n->words = xmalloc(sizeof(char *) * (size_t)(ntoks + 1));
	while (peek() == T_WORD || peek() == T_REDIR) {
		if (peek() == T_WORD)
			n->words[n->nwords++] = toks[tpos].text;
		else
			add_redir(n, &toks[tpos]);
		tpos++;
	}
	n->words[n->nwords] = NULL;
	if (n->nwords == 0 && n->nredirs == 0) {
		unexpected();
		return NULL;
	}
	return n;
}

static struct node *parse_pipeline(void)
{
	int neg = 0;
	struct node *n;

	if (peek() == T_WORD && strcmp(toks[tpos].text, "!") == 0) {
		neg = 1;
		tpos++;
	}
	n = parse_command();
	while (n != NULL && peek() == T_PIPE) {
		struct node *r;
		tpos++;
		skip_newlines();
		r = parse_command();
		if (r == NULL)
			return NULL;
		n = new_node(N_PIPE, n, r);
	}
	if (n != NULL && neg)
		n = new_node(N_NOT, n, NULL);
	return n;
}

static struct node *parse_and_or(void)
{
	struct node *n = parse_pipeline();

	while (n != NULL && (peek() == T_AND || peek() == T_OR)) {
		int type = peek() == T_AND ? N_AND : N_OR;
		struct node *r;
		tpos++;
		skip_newlines();
		r = parse_pipeline();
		if (r == NULL)
			return NULL;
		n = new_node(type, n, r);
	}
	return n;
}

/* parse_list(): and-or lists separated by ; & or newlines, up to ')' (inner) or the end. */
static struct node *parse_list(int inner)
{
	struct node *list = NULL;

	skip_newlines();
	for (;;) {
		struct node *n;
		int t = peek();

		if (t == T_EOF || (inner && t == T_RPAREN))
			break;
		n = parse_and_or();
		if (n == NULL)
			return NULL;
		t = peek();
		if (t == T_AMP)
			n = new_node(N_BG, n, NULL);
		list = list == NULL ? n : new_node(N_SEQ, list, n);
		if (t == T_SEMI || t == T_AMP || t == T_NL) {
			tpos++;
			skip_newlines();
		} else if (t != T_EOF && !(inner && t == T_RPAREN)) {
			unexpected();
			return NULL;
		}
	}
	if (list == NULL) {
		if (inner) {
			unexpected();
			return NULL;
		}
		list = new_node(N_SEQ, NULL, NULL);	/* empty script */
	}
	return list;
}

/* ---- word expansion: quote removal, parameters, field splitting of unquoted expansions */

struct fields {
	char **v;
	int n, cap;
	char *cur;
	size_t len, curcap;
	int have;		/* the current field exists (even if empty, e.g. "") */
};

static void f_putc(struct fields *f, char c)
{
	if (f->len + 2 > f->curcap) {
		char *p;
		f->curcap = f->curcap ? f->curcap * 2 : 64;
		p = xmalloc(f->curcap);
		if (f->cur != NULL)
			memcpy(p, f->cur, f->len);
		f->cur = p;
	}
	f->cur[f->len++] = c;
	f->have = 1;
}

static void f_end(struct fields *f)
{
	if (!f->have)
		return;
	if (f->n + 2 > f->cap) {
		char **p;
		f->cap = f->cap ? f->cap * 2 : 16;
		p = xmalloc(sizeof(char *) * (size_t)f->cap);
		if (f->v != NULL)
			memcpy(p, f->v, sizeof(char *) * (size_t)f->n);
		f->v = p;
	}
	f->v[f->n++] = xstrndup(f->cur ? f->cur : "", f->len);
	f->v[f->n] = NULL;
	f->len = 0;
	f->have = 0;
}

static void f_puts(struct fields *f, const char *s, int split)
{
	for (; *s != '\0'; s++) {
		if (split && (*s == ' ' || *s == '\t' || *s == '\n'))
			f_end(f);
		else
			f_putc(f, *s);
	}
}

/* The value of a parameter named by s[0..n); NULL if unset. */
static const char *param(const char *s, size_t n, char *tmp)
{
	struct var *v;

	if (n == 1 && s[0] == '?') {
		sprintf(tmp, "%d", last_status);
		return tmp;
	}
	if (n == 1 && s[0] == '$') {
		sprintf(tmp, "%ld", (long)getpid());
		return tmp;
	}
	if (n == 1 && s[0] == '#') {
		sprintf(tmp, "%d", sh_argc > 0 ? sh_argc - 1 : 0);
		return tmp;
	}
	if (n >= 1 && s[0] >= '0' && s[0] <= '9') {
		int i = atoi(s);
		return i < sh_argc ? sh_argv[i] : NULL;
	}
	v = var_find(s, n);
	return v != NULL ? v->value : NULL;
}

/* Expand a $ at s (s[0] == '$') into f; returns the characters consumed. */
static size_t expand_dollar(const char *s, struct fields *f, int quoted)
{
	char tmp[24];
	const char *name = s + 1, *val;
	size_t n = 0, used;

	if (*name == '{') {
		name++;
		while (name[n] != '}')
			n++;
		used = n + 3;
	} else if (*name == '?' || *name == '$' || *name == '#' || *name == '@' || *name == '*' ||
	    (*name >= '0' && *name <= '9')) {
		n = 1;
		used = 2;
	} else if (is_name_char((unsigned char)*name, 1)) {
		while (is_name_char((unsigned char)name[n], 0))
			n++;
		used = n + 1;
	} else {
		f_putc(f, '$');	/* a lone $ is itself */
		return 1;
	}
	if (n == 1 && (*name == '@' || *name == '*')) {
		int i;
		for (i = 1; i < sh_argc; i++) {
			if (i > 1) {
				if (quoted && *name == '*')
					f_putc(f, ' ');
				else
					f_end(f);
			}
			f_puts(f, sh_argv[i], !quoted);
		}
		return used;
	}
	val = param(name, n, tmp);
	if (val != NULL)
		f_puts(f, val, !quoted);
	return used;
}

/* expand_word(): one raw word into zero or more fields appended to f. */
static void expand_word(const char *w, struct fields *f)
{
	while (*w != '\0') {
		if (*w == '\\') {
			if (w[1] == '\n') {
				w += 2;
				continue;
			}
			if (w[1] != '\0')
				f_putc(f, w[1]);
			w += w[1] != '\0' ? 2 : 1;
		} else if (*w == '\'') {
			const char *e = strchr(w + 1, '\'');
			f->have = 1;
			while (++w < e)
				f_putc(f, *w);
			w = e + 1;
		} else if (*w == '"') {
			f->have = 1;
			w++;
			while (*w != '"' && *w != '\0') {
				if (*w == '\\' && (w[1] == '$' || w[1] == '`' || w[1] == '"' || w[1] == '\\' || w[1] == '\n')) {
					if (w[1] != '\n')
						f_putc(f, w[1]);
					w += 2;
				} else if (*w == '$') {
					w += expand_dollar(w, f, 1);
				} else {
					f_putc(f, *w++);
				}
			}
			if (*w == '"')
				w++;
		} else if (*w == '$') {
			w += expand_dollar(w, f, 0);
		} else {
			f_putc(f, *w++);
		}
	}
	f_end(f);
}

/* One word expanded to exactly one string (for redirection targets and assignments). */
static char *expand_one(const char *w)
{
	struct fields f;
	char *s;
	size_t n = 0;
	int i;

	memset(&f, 0, sizeof(f));
	expand_word(w, &f);
	for (i = 0; i < f.n; i++)
		n += strlen(f.v[i]) + 1;
	s = xmalloc(n + 1);
	s[0] = '\0';
	for (i = 0; i < f.n; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, f.v[i]);
	}
	return s;
}

/* ---- redirections */

/* apply_redirs(): performs n's redirections; if save is given, the old descriptors are kept
   there (fd, copy) so undo_redirs() can restore them. 0, or 1 after a message. */
static int apply_redirs(struct token *r, int nr, int *save, int *nsave)
{
	int i;

	for (i = 0; i < nr; i++) {
		char *target = expand_one(r[i].text);
		int fd = r[i].fd, nfd;

		if (save != NULL) {
			save[2 * *nsave] = fd;
			save[2 * *nsave + 1] = fcntl(fd, F_DUPFD, 10);
			if (save[2 * *nsave + 1] >= 0)
				fcntl(save[2 * *nsave + 1], F_SETFD, FD_CLOEXEC);
			(*nsave)++;
		}
		if (r[i].op == R_DUPOUT || r[i].op == R_DUPIN) {
			if (strcmp(target, "-") == 0) {
				close(fd);
				continue;
			}
			if (target[0] < '0' || target[0] > '9' || dup2(atoi(target), fd) < 0) {
				msg(target, ": bad file descriptor", NULL);
				return 1;
			}
			continue;
		}
		if (r[i].op == R_IN)
			nfd = open(target, O_RDONLY);
		else
			nfd = open(target, O_WRONLY | O_CREAT | (r[i].op == R_APPEND ? O_APPEND : O_TRUNC), 0666);
		if (nfd < 0) {
			msg(target, ": ", strerror(errno));
			return 1;
		}
		if (nfd != fd) {
			dup2(nfd, fd);
			close(nfd);
		}
	}
	return 0;
}

static void undo_redirs(int *save, int nsave)
{
	while (nsave-- > 0) {
		int fd = save[2 * nsave], copy = save[2 * nsave + 1];
		if (copy >= 0) {
			dup2(copy, fd);
			close(copy);
		} else {
			close(fd);
		}
	}
}

/* ---- builtins */

static int write_str(int fd, const char *s)
{
	return write(fd, s, strlen(s)) < 0 ? 1 : 0;
}

static int b_echo(char **argv)
{
	int i = 1, j, nl = 1, r = 0;
	size_t n = 0;
	char *buf;

	if (argv[1] != NULL && strcmp(argv[1], "-n") == 0) {
		nl = 0;
		i++;
	}
	for (j = i; argv[j] != NULL; j++)
		n += strlen(argv[j]) + 1;
	buf = xmalloc(n + 2);
	n = 0;
	for (j = i; argv[j] != NULL; j++) {
		size_t l = strlen(argv[j]);
		if (j > i)
			buf[n++] = ' ';
		memcpy(buf + n, argv[j], l);
		n += l;
	}
	if (nl)
		buf[n++] = '\n';
	if (n > 0 && write(1, buf, n) < 0)
		r = 1;
	free(buf);
	return r;
}

static int is_builtin(const char *name)
{
	static const char *names[] = { ":", "true", "false", "echo", "cd", "pwd", "exit", "export", "unset", "exec", NULL };
	int i;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static void run_external(char **argv, char **env) __attribute__((noreturn));

/* run_builtin(): argv[0] is a builtin; its status. `exec CMD` does not return. */
static int run_builtin(char **argv, char **assigns, int nassign)
{
	const char *c = argv[0];
	int i;

	if (strcmp(c, ":") == 0 || strcmp(c, "true") == 0)
		return 0;
	if (strcmp(c, "false") == 0)
		return 1;
	if (strcmp(c, "echo") == 0)
		return b_echo(argv);
	if (strcmp(c, "pwd") == 0) {
		char buf[1024];
		if (getcwd(buf, sizeof(buf)) == NULL) {
			msg("pwd: ", strerror(errno), NULL);
			return 1;
		}
		strcat(buf, "\n");
		return write_str(1, buf);
	}
	if (strcmp(c, "cd") == 0) {
		const char *dir = argv[1];
		if (dir == NULL) {
			struct var *v = var_find("HOME", 4);
			dir = v != NULL && v->value != NULL ? v->value : "/";
		}
		if (chdir(dir) < 0) {
			msg("cd: ", dir, ": no such directory");
			return 1;
		}
		return 0;
	}
	if (strcmp(c, "exit") == 0) {
		if (argv[1] != NULL) {
			char *end;
			long v = strtol(argv[1], &end, 10);
			if (*end != '\0' || end == argv[1]) {
				msg("exit: bad number: ", argv[1], NULL);
				_exit(2);
			}
			_exit((int)(v & 0xff));
		}
		_exit(last_status);
	}
	if (strcmp(c, "export") == 0 || strcmp(c, "unset") == 0) {
		int r = 0;
		for (i = 1; argv[i] != NULL; i++) {
			size_t n = assignment_len(argv[i]);
			if (c[0] == 'u') {
				var_unset(argv[i]);
			} else if (n > 0) {
				var_set(argv[i], n, argv[i] + n + 1, 1);
			} else if (is_name_char((unsigned char)argv[i][0], 1)) {
				var_set(argv[i], strlen(argv[i]), NULL, 1);
			} else {
				msg(c, ": bad variable name: ", argv[i]);
				r = 1;
			}
		}
		if (c[0] == 'e' && argv[1] == NULL) {
			struct var *v;
			for (v = vars; v != NULL; v = v->next) {
				if (v->exported && v->value != NULL) {
					write_str(1, "export ");
					write_str(1, v->name);
					write_str(1, "=");
					write_str(1, v->value);
					write_str(1, "\n");
				}
			}
		}
		return r;
	}
	if (strcmp(c, "exec") == 0) {
		if (argv[1] == NULL)
			return 0;
		if (is_builtin(argv[1]))
			_exit(run_builtin(argv + 1, assigns, nassign));
		run_external(argv + 1, make_env(assigns, nassign));
	}
	return 0;
}

/* ---- execution */

static int wait_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 1;
}

static int wait_for(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return 127;
	}
	return wait_status(st);
}

/* run_external(): exec argv with env (PATH search); never returns (127 not found, 126 otherwise). */
static void run_external(char **argv, char **env)
{
	int e;

	environ = env;
	execvp(argv[0], argv);
	e = errno;
	if (e == ENOEXEC) {
		/* a file without an ELF header is a script for this shell */
		int n = 0;
		char **nargv;
		while (argv[n] != NULL)
			n++;
		nargv = xmalloc(sizeof(char *) * (size_t)(n + 2));
		nargv[0] = "sh";
		memcpy(nargv + 1, argv, sizeof(char *) * (size_t)(n + 1));
		execve("/bin/sh", nargv, env);
	}
	if (e == ENOENT)
		msg(argv[0], ": not found", NULL);
	else
		msg(argv[0], ": ", strerror(e));
	_exit(e == ENOENT ? 127 : 126);
}

static int run(struct node *n, int in_child);

/* run_simple(): one simple command. in_child: already in a process of its own (a pipeline
   member), so an external command is exec'ed without another fork. */
static int run_simple(struct node *n, int in_child)
{
	struct fields f;
	char **assigns;
	int nassign = 0, i, first = 0, status;

	memset(&f, 0, sizeof(f));
	assigns = xmalloc(sizeof(char *) * (size_t)(n->nwords + 1));
	while (first < n->nwords && assignment_len(n->words[first]) > 0) {
		size_t k = assignment_len(n->words[first]);
		char *val = expand_one(n->words[first] + k + 1);
		char *a = xmalloc(k + strlen(val) + 2);
		memcpy(a, n->words[first], k + 1);
		strcpy(a + k + 1, val);
		assigns[nassign++] = a;
		first++;
	}
	for (i = first; i < n->nwords; i++)
		expand_word(n->words[i], &f);
	if (f.n == 0) {
		/* assignments only (or redirections only): they happen in this shell */
		int save[64], nsave = 0;
		for (i = 0; i < nassign; i++) {
			size_t k = assignment_len(assigns[i]);
			struct var *v = var_find(assigns[i], k);
			var_set(assigns[i], k, assigns[i] + k + 1, v != NULL && v->exported);
		}
		if (n->nredirs > 32)
			return 2;
		status = apply_redirs(n->redirs, n->nredirs, in_child ? NULL : save, &nsave);
		if (!in_child)
			undo_redirs(save, nsave);
		return status;
	}
	if (is_builtin(f.v[0])) {
		int save[64], nsave = 0, keep = strcmp(f.v[0], "exec") == 0;
		if (n->nredirs > 32)
			return 2;
		if (apply_redirs(n->redirs, n->nredirs, in_child || keep ? NULL : save, &nsave) != 0) {
			if (!in_child && !keep)
				undo_redirs(save, nsave);
			return 1;
		}
		status = run_builtin(f.v, assigns, nassign);
		if (!in_child && !keep)
			undo_redirs(save, nsave);
		return status;
	}
	if (in_child) {
		if (apply_redirs(n->redirs, n->nredirs, NULL, NULL) != 0)
			_exit(1);
		run_external(f.v, make_env(assigns, nassign));
	}
	{
		pid_t pid = fork();
		if (pid < 0) {
			msg("fork: ", strerror(errno), NULL);
			return 2;
		}
		if (pid == 0) {
			if (apply_redirs(n->redirs, n->nredirs, NULL, NULL) != 0)
				_exit(1);
			run_external(f.v, make_env(assigns, nassign));
		}
		return wait_for(pid);
	}
}

/* Collect the commands of a pipeline (left-nested N_PIPE) in order. */
static int pipe_members(struct node *n, struct node **out, int max)
{
	int k;
	if (n->type != N_PIPE) {
		out[0] = n;
		return 1;
	}
	k = pipe_members(n->l, out, max);
	if (k < max)
		out[k++] = n->r;
	return k;
}

static int run_pipeline(struct node *n)
{
	struct node *cmds[64];
	pid_t pids[64];
	int ncmd = pipe_members(n, cmds, 64), i, prev = -1, status = 0;

	for (i = 0; i < ncmd; i++) {
		int p[2] = { -1, -1 };
		if (i < ncmd - 1 && pipe(p) < 0) {
			msg("pipe: ", strerror(errno), NULL);
			return 2;
		}
		pids[i] = fork();
		if (pids[i] < 0) {
			msg("fork: ", strerror(errno), NULL);
			return 2;
		}
		if (pids[i] == 0) {
			if (prev >= 0) {
				dup2(prev, 0);
				close(prev);
			}
			if (p[1] >= 0) {
				close(p[0]);
				dup2(p[1], 1);
				close(p[1]);
			}
			_exit(run(cmds[i], 1));
		}
		if (prev >= 0)
			close(prev);
		if (p[1] >= 0)
			close(p[1]);
		prev = p[0];
	}
	for (i = 0; i < ncmd; i++)
		status = wait_for(pids[i]);
	return status;
}

/* run(): a tree node; its exit status. in_child: this process may be consumed by the node. */
static int run(struct node *n, int in_child)
{
	switch (n->type) {
	case N_CMD:
		return last_status = run_simple(n, in_child);
	case N_PIPE:
		return last_status = run_pipeline(n);
	case N_NOT:
		return last_status = run(n->l, 0) == 0 ? 1 : 0;
	case N_AND:
		if (run(n->l, 0) != 0)
			return last_status;
		return run(n->r, in_child);
	case N_OR:
		if (run(n->l, 0) == 0)
			return last_status;
		return run(n->r, in_child);
	case N_SEQ:
		if (n->l != NULL)
			run(n->l, 0);
		if (n->r != NULL)
			run(n->r, in_child);
		return last_status;
	case N_BG: {
		pid_t pid = fork();
		if (pid == 0) {
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
			_exit(run(n->l, 1));
		}
		return last_status = pid < 0 ? 2 : 0;
	}
	case N_SUB: {
		pid_t pid;
		if (in_child) {
			if (apply_redirs(n->redirs, n->nredirs, NULL, NULL) != 0)
				_exit(1);
			_exit(run(n->l, 1));
		}
		pid = fork();
		if (pid == 0) {
			if (apply_redirs(n->redirs, n->nredirs, NULL, NULL) != 0)
				_exit(1);
			_exit(run(n->l, 1));
		}
		return last_status = pid < 0 ? 2 : wait_for(pid);
	}
	}
	return 2;
}

/* run_script(): parse all of text, then run it; a syntax error runs nothing and gives 2. */
static int run_script(const char *text)
{
	struct node *tree;

	syntax_err = NULL;
	if (tokenize(text) < 0 || (tree = parse_list(0)) == NULL || peek() != T_EOF) {
		if (syntax_err == NULL)
			unexpected();
		msg(syntax_err, NULL, NULL);
		return 2;
	}
	return run(tree, 0);
}

static char *read_all(int fd)
{
	size_t cap = 4096, len = 0;
	char *buf = xmalloc(cap);

	for (;;) {
		ssize_t r;
		if (len + 1 >= cap) {
			char *nb = xmalloc(cap * 2);
			memcpy(nb, buf, len);
			free(buf);
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + len, cap - 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	buf[len] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	char **e;
	char *text;

	for (e = environ; e != NULL && *e != NULL; e++) {
		size_t k = assignment_len(*e);
		if (k > 0)
			var_set(*e, k, *e + k + 1, 1);
	}
	if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
		if (argc < 3) {
			msg("-c: option requires an argument", NULL, NULL);
			return 2;
		}
		text = argv[2];
		if (argc > 3) {
			sh_argv = argv + 3;
			sh_argc = argc - 3;
		} else {
			sh_argv = argv;
			sh_argc = 1;
		}
	} else if (argc >= 2 && argv[1][0] == '-' && argv[1][1] != '\0' && strcmp(argv[1], "-s") != 0) {
		msg(argv[1], ": unknown option", NULL);
		return 2;
	} else if (argc >= 2 && strcmp(argv[1], "-s") != 0) {
		int fd = open(argv[1], O_RDONLY);
		if (fd < 0) {
			msg(argv[1], ": ", strerror(errno));
			return 127;
		}
		text = read_all(fd);
		close(fd);
		sh_argv = argv + 1;
		sh_argc = argc - 1;
		progname = argv[1];
	} else {
		text = read_all(0);
		sh_argv = argv;
		sh_argc = argc >= 2 ? 1 : argc;
	}
	return run_script(text);
}
