/*
 * sys/mman.h — mmap/munmap with the Solaris protection and flag values (mirrors
 * uts/common/sys/mman.h). The libc mmap() ORs in _MAP_NEW, as Solaris libc does.
 * Leaves out mprotect, msync and memcntl (no traps for them yet).
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_SHARED 1
#define MAP_PRIVATE 2
#define MAP_TYPE 0xf
#define MAP_FIXED 0x10
#define MAP_NORESERVE 0x40
#define MAP_ANON 0x100
#define MAP_ANONYMOUS MAP_ANON
#define _MAP_NEW 0x80000000

#define MAP_FAILED ((void *)-1)

/* mmap(): the mapped address, or MAP_FAILED with errno. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);

/* POSIX shared memory objects: files /tmp/.SHMD<name> (see libc/rt/pos4obj.c); fd or -1 / 0 or -1. */
int shm_open(const char *name, int oflag, mode_t mode);
int shm_unlink(const char *name);

/* Memory locking (memcntl): 0, or -1 with errno. Locks are not inherited by fork; exec drops them. */
#define MCL_CURRENT 0x1
#define MCL_FUTURE 0x2
int mlock(const void *addr, size_t len);
int munlock(const void *addr, size_t len);
int mlockall(int flags);
int munlockall(void);
int memcntl(void *addr, size_t len, int cmd, void *arg, int attr, int mask);

#endif
