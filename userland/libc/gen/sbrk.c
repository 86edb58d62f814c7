/*
 * sbrk.c — brk() and sbrk() over the brk trap (mirrors Solaris libc's sparc/sys/brk.s and
 * port/gen/sbrk.c). The break starts at the linker's _end (end of bss, 8-aligned), where the
 * kernel's p_brkbase must be. Solaris's trap returns 0 on success; a Linux kernel (qemu-sparc, the
 * reference runner) instead returns the break it set, so any result >= the request also counts.
 */
#include <unistd.h>
#include <errno.h>

extern char _end[];
extern int _brk(void *addr);

static char *curbrk;

static char *initial_break(void)
{
	if (curbrk == 0)
		curbrk = (char *)(((unsigned long)_end + 7) & ~7UL);
	return curbrk;
}

/* brk(): sets the break to addr; 0, or -1 with errno (ENOMEM). */
int brk(void *addr)
{
	int r = _brk(addr);

	if (r == -1)
		return -1;
	if (r != 0 && (unsigned long)r < (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	curbrk = addr;
	return 0;
}

/* sbrk(): moves the break by incr (rounded up to 8 bytes); returns the old break or (void *)-1. */
void *sbrk(long incr)
{
	char *old = initial_break();
	unsigned long n;

	if (incr == 0)
		return old;
	if (incr < 0) {
		n = (unsigned long)(-incr) & ~7UL;
		if (brk(old - n) != 0)
			return (void *)-1;
		return old;
	}
	n = ((unsigned long)incr + 7) & ~7UL;
	if ((unsigned long)old + n < (unsigned long)old) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk(old + n) != 0)
		return (void *)-1;
	return old;
}
