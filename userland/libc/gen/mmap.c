/*
 * mmap.c — mmap() ORs _MAP_NEW into the flags, as Solaris libc does, so the kernel takes the
 * flags as written instead of forcing the old-style MAP_FIXED.
 */
#include <sys/mman.h>

extern void *_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return _mmap(addr, len, prot, flags | (int)_MAP_NEW, fd, off);
}
