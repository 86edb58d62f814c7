/*
 * alloca.h — stack allocation, as gcc's builtin (mirrors Solaris <alloca.h>).
 */
#ifndef _ALLOCA_H
#define _ALLOCA_H

#include <stddef.h>

#define alloca(n) __builtin_alloca(n)

#endif
