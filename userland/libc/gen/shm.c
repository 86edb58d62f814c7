/*
 * shm.c — the System V shared-memory calls, each one subcode of the shmsys trap (52):
 * shmat 0, shmctl 1, shmdt 2, shmget 3 (mirrors Solaris libc's port/sys/shm.c).
 */
#include <sys/shm.h>

extern int shmsys(int op, ...);

void *shmat(int id, const void *addr, int flags)
{
	return (void *)shmsys(0, id, addr, flags);
}

int shmctl(int id, int cmd, struct shmid_ds *buf)
{
	return shmsys(1, id, cmd, buf);
}

int shmdt(const void *addr)
{
	return shmsys(2, addr);
}

int shmget(key_t key, size_t size, int flags)
{
	return shmsys(3, key, size, flags);
}
