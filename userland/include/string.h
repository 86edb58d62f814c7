/*
 * string.h — memory and string functions (mirrors Solaris <string.h>). strerror() returns the
 * Solaris message texts. Leaves out the locale-dependent strcoll/strxfrm.
 */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>

#ifndef NULL
#define NULL ((void *)0)
#endif

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strcpy(char *d, const char *s);
char *strncpy(char *d, const char *s, size_t n);
size_t strlcpy(char *d, const char *s, size_t n);
char *strcat(char *d, const char *s);
char *strncat(char *d, const char *s, size_t n);
size_t strlcat(char *d, const char *s, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *h, const char *n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
/* strtok keeps its position in a static; strtok_r in *last. */
char *strtok(char *s, const char *sep);
char *strtok_r(char *s, const char *sep, char **last);
/* strdup/strndup: malloc'd copies, NULL on ENOMEM. */
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
/* strerror: the Solaris message for errnum ("Unknown error" for numbers without one). */
char *strerror(int errnum);

#endif
