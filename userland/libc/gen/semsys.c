/*
 * semsys.c — the System V semaphore calls, each one subcode of the semsys trap (53): semctl 0,
 * semget 1, semop 2, semids 3, semtimedop 4 (mirrors Solaris libc's port/sys/sem.c). semctl's
 * fourth argument is a union semun; the SPARC ABI passes unions by reference, so it is taken
 * with va_arg as the union and its member handed to the kernel.
 */
#include <sys/sem.h>
#include <stdarg.h>

extern int semsys(int op, ...);

union __semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

int semctl(int semid, int semnum, int cmd, ...)
{
	union __semun arg;
	long a = 0;
	va_list ap;

	switch (cmd) {
	case SETVAL:
		va_start(ap, cmd);
		arg = va_arg(ap, union __semun);
		va_end(ap);
		a = arg.val;
		break;
	case IPC_STAT:
	case IPC_SET:
		va_start(ap, cmd);
		arg = va_arg(ap, union __semun);
		va_end(ap);
		a = (long)arg.buf;
		break;
	case GETALL:
	case SETALL:
		va_start(ap, cmd);
		arg = va_arg(ap, union __semun);
		va_end(ap);
		a = (long)arg.array;
		break;
	default:
		break;
	}
	return semsys(0, semid, semnum, cmd, a);
}

int semget(key_t key, int nsems, int semflg)
{
	return semsys(1, key, nsems, semflg);
}

int semop(int semid, struct sembuf *sops, size_t nsops)
{
	return semsys(2, semid, sops, nsops);
}

int semids(int *buf, unsigned int nids, unsigned int *pnids)
{
	return semsys(3, buf, nids, pnids);
}

int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout)
{
	return semsys(4, semid, sops, nsops, timeout);
}
