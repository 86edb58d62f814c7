/*
 * mlock.c — mlock(), munlock(), mlockall() and munlockall() on memcntl(2) (mirrors Solaris libc's
 * port/gen/mlock.c, munlock.c, mlockall.c, munlockall.c): mlock/munlock widen the range to whole
 * pages. 0, or -1 with errno (EINVAL, ENOMEM, EPERM from the kernel).
 */
#include <sys/types.h>
#include <sys/mman.h>

extern int memcntl(void *addr, size_t len, int cmd, void *arg, int attr, int mask);

#define MC_LOCK 2
#define MC_UNLOCK 3
#define MC_LOCKAS 5
#define MC_UNLOCKAS 6
#define PAGEMASK 4095UL

int mlock(const void *addr, size_t len)
{
	unsigned long a = (unsigned long)addr & ~PAGEMASK;
	size_t l = (len + ((unsigned long)addr & PAGEMASK) + PAGEMASK) & ~PAGEMASK;

	return memcntl((void *)a, l, MC_LOCK, 0, 0, 0);
}

int munlock(const void *addr, size_t len)
{
	unsigned long a = (unsigned long)addr & ~PAGEMASK;
	size_t l = (len + ((unsigned long)addr & PAGEMASK) + PAGEMASK) & ~PAGEMASK;

	return memcntl((void *)a, l, MC_UNLOCK, 0, 0, 0);
}

int mlockall(int flags)
{
	return memcntl(0, 0, MC_LOCKAS, (void *)(long)flags, 0, 0);
}

int munlockall(void)
{
	return memcntl(0, 0, MC_UNLOCKAS, 0, 0, 0);
}
