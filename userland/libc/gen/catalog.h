/*
 * catalog.h — the binary message-catalog format shared by catopen() (libc/gen/catopen.c) and
 * /bin/gencat (own format; Solaris has its own). All numbers are 32-bit big-endian:
 *   header:  magic "FVMC", version 1, number of sets, number of messages
 *   sets:    { set number, index of its first message, message count } sorted by set number
 *   msgs:    { message number, byte offset of its text in the pool, text length } sorted within a set
 *   pool:    the texts, each followed by a NUL
 */
#ifndef _CATALOG_H
#define _CATALOG_H

#define CAT_MAGIC "FVMC"
#define CAT_VERSION 1
#define CAT_HDR_WORDS 4
#define CAT_SET_WORDS 3
#define CAT_MSG_WORDS 3

static inline unsigned int cat_get32(const unsigned char *p)
{
	return ((unsigned int)p[0] << 24) | ((unsigned int)p[1] << 16) | ((unsigned int)p[2] << 8) | p[3];
}

static inline void cat_put32(unsigned char *p, unsigned int v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

#endif
