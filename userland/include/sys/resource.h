/*
 * sys/resource.h — resource limits (mirrors Solaris <sys/resource.h> for a 32-bit process):
 * getrlimit/setrlimit over the kernel's rctls, inherited by fork and exec. Every limit can be
 * set; only RLIMIT_FSIZE is enforced (writing at or past it raises SIGXFSZ and fails with EFBIG).
 * getpriority/setpriority/nice act on the TS class's nice value through priocntl.
 */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/types.h>

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_NOFILE 5
#define RLIMIT_VMEM 6
#define RLIMIT_AS RLIMIT_VMEM
#define RLIM_NLIMITS 7

typedef unsigned long rlim_t;
#define RLIM_INFINITY 0x7fffffffUL

struct rlimit {
	rlim_t rlim_cur;	/* soft limit */
	rlim_t rlim_max;	/* hard limit */
};

int getrlimit(int resource, struct rlimit *rlp);
int setrlimit(int resource, const struct rlimit *rlp);

/* Nice values (-NZERO .. NZERO-1). getpriority: the value, or -1 with errno (clear errno first:
   -1 is a value too); setpriority: 0 or -1. EINVAL for PRIO_PGRP/PRIO_USER, ESRCH for no process. */
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#ifndef NZERO
#define NZERO 20
#endif
int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int prio);

#endif
