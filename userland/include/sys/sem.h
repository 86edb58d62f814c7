/*
 * sys/sem.h — System V semaphores over the semsys trap (53) with Solaris's subcodes semctl 0,
 * semget 1, semop 2, semids 3, semtimedop 4, and its 32-bit struct semid_ds (mirrors
 * uts/common/sys/sem.h). As in Solaris (and POSIX), union semun is the application's to declare.
 */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <sys/ipc.h>
#include <time.h>

#define SEM_UNDO 010000
#define SEM_A 0200
#define SEM_R 0400

/* semctl commands (IPC_RMID, IPC_SET, IPC_STAT in <sys/ipc.h>). */
#define GETNCNT 3
#define GETPID 4
#define GETVAL 5
#define GETALL 6
#define GETZCNT 7
#define SETVAL 8
#define SETALL 9

struct sem;

struct semid_ds {
	struct ipc_perm sem_perm;	/* owner, creator, mode, key */
	struct sem *sem_base;		/* 0 (no kernel addresses go out) */
	unsigned short sem_nsems;	/* semaphores in the set */
	time_t sem_otime;		/* last semop, seconds since boot */
	int sem_pad1;
	time_t sem_ctime;		/* last change */
	int sem_pad2;
	int sem_binary;
	long sem_pad3[3];
};

struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;		/* IPC_NOWAIT, SEM_UNDO */
};

/* 0 / the id / the GET* value, or -1 with errno. */
int semget(key_t key, int nsems, int semflg);
int semop(int semid, struct sembuf *sops, size_t nsops);
int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
int semctl(int semid, int semnum, int cmd, ...);
int semids(int *buf, unsigned int nids, unsigned int *pnids);

#endif
