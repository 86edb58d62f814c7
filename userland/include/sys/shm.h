/*
 * sys/shm.h — System V shared memory over the shmsys trap (52) with subcodes shmat 0,
 * shmctl 1, shmdt 2, shmget 3 (mirrors Solaris libc's shmsys wrappers).
 * struct shmid_ds is left opaque: IPC_RMID is the only command that needs no buffer.
 */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>

#define SHM_RDONLY 010000
#define SHM_RND 020000

struct shmid_ds;

/* shmget(): an id, or -1. shmat(): the attach address, or (void *)-1. shmdt/shmctl: 0 or -1. */
int shmget(key_t key, size_t size, int flags);
void *shmat(int id, const void *addr, int flags);
int shmdt(const void *addr);
int shmctl(int id, int cmd, struct shmid_ds *buf);

#endif
