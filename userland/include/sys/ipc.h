/*
 * sys/ipc.h — System V IPC common definitions (mirrors uts/common/sys/ipc.h).
 * struct ipc_perm is the 32-bit Solaris one (44 bytes); semctl(IPC_STAT) fills it in.
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

struct ipc_perm {
	uid_t uid;	/* owner */
	gid_t gid;
	uid_t cuid;	/* creator */
	gid_t cgid;
	mode_t mode;	/* low 9 bits: permissions */
	unsigned int seq;
	key_t key;
	int pad[4];
};

key_t ftok(const char *path, int id);

#endif
