/*
 * ctype.h — character classes for the C locale (ASCII only), as functions
 * (mirrors <ctype.h>; Solaris uses a table, this keeps plain comparisons).
 */
#ifndef _CTYPE_H
#define _CTYPE_H

/* Each returns nonzero when c (an unsigned char value or EOF) is in the class. */
int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int isascii(int c);
int tolower(int c);
int toupper(int c);

#endif
