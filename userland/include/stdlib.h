/*
 * stdlib.h — memory allocation on brk, process exit, number conversion, sorting, environment
 * (mirrors Solaris <stdlib.h>). Leaves out floating point (atof, strtod), rand_r, and the wide/multibyte calls.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 32767

#ifndef NULL
#define NULL ((void *)0)
#endif

typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;

/* Heap: 8-byte aligned blocks from sbrk(); malloc(0) returns a unique pointer; NULL + ENOMEM when out of memory. */
void *malloc(size_t n);
void free(void *p);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);

/* exit(): atexit handlers (up to 32) in reverse order, then flush stdio, then _exit(). */
void exit(int status) __attribute__((noreturn));
void _exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
int atexit(void (*fn)(void));

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
/* strto*: C semantics (base 0/2..36, leading space and sign, 0x prefix); ERANGE and clamping on overflow. */
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);

int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int n, int d);
ldiv_t ldiv(long n, long d);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* rand(): the C standard's example LCG, so sequences are deterministic everywhere. */
int rand(void);
void srand(unsigned int seed);

char *getenv(const char *name);
/* system(): runs cmd with /bin/sh -c (vfork+exec); the wait status, or -1; system(NULL) is
   nonzero when /bin/sh can be run. SIGINT/SIGQUIT are ignored and SIGCHLD blocked while it waits. */
int system(const char *cmd);
/* Environment changes: 0, or -1 (putenv: nonzero) with EINVAL (bad name) or ENOMEM. */
int putenv(char *string);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);

/* Unique names from a template ending in XXXXXX (replaced in place): mkstemp creates and opens
 * the file (O_RDWR, mode 0600) and returns its fd; mkdtemp creates a directory (0700) and returns
 * the template; mktemp only fills the name in. EINVAL without six trailing X's. */
int mkstemp(char *tmpl);
char *mkdtemp(char *tmpl);
char *mktemp(char *tmpl);

#endif
