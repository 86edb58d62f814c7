/*
 * sys/types.h — basic system data types, with the 32-bit Solaris sizes (mirrors uts/common/sys/types.h).
 * Leaves out the large-file (off64_t) and kernel-only types.
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>

typedef long ssize_t;
typedef long off_t;
typedef long long off64_t;
typedef long pid_t;
typedef long id_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned long mode_t;
typedef unsigned long nlink_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef long time_t;
typedef long clock_t;
typedef int key_t;
typedef unsigned int useconds_t;
typedef long suseconds_t;
typedef char *caddr_t;
typedef unsigned char uchar_t;
typedef unsigned short ushort_t;
typedef unsigned int uint_t;
typedef unsigned long ulong_t;
typedef long long longlong_t;
typedef unsigned long long u_longlong_t;
typedef unsigned int lwpid_t;

#endif
