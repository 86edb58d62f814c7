/*
 * pos4obj.h — the names of POSIX IPC objects (shm_open, sem_open, mq_open) as files under /tmp,
 * as Solaris libc's port/rt/pos4obj.c makes them: "/name" becomes /tmp/.<TYPE><name>, with the
 * type prefixes .SHMD, .SEMD and .MQD. Internal to libc.
 */
#ifndef _POS4OBJ_H
#define _POS4OBJ_H

#include <limits.h>

#define POS4OBJ_SHM ".SHMD"
#define POS4OBJ_SEM ".SEMD"
#define POS4OBJ_MQ ".MQD"

/*
 * __pos4obj_path: check `name` (it must start with '/' and hold no other '/': EINVAL; at most
 * PATH_MAX - 1 bytes and a file name of at most NAME_MAX: ENAMETOOLONG) and write the file's
 * path into buf (PATH_MAX bytes). 0, or -1 with errno.
 */
int __pos4obj_path(const char *name, const char *type, char *buf);

#endif
