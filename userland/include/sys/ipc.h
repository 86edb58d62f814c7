/*
 * sys/ipc.h — System V IPC common definitions (mirrors uts/common/sys/ipc.h).
 * Leaves out struct ipc_perm's use (the shm calls here do not fill one in).
 */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>

#define IPC_PRIVATE ((key_t)0)
#define IPC_CREAT 0001000
#define IPC_EXCL 0002000
#define IPC_NOWAIT 0004000

#define IPC_RMID 10
#define IPC_SET 11
#define IPC_STAT 12

#endif
