/*
 * pos4obj.c — POSIX IPC object names as /tmp files (see pos4obj.h), and shm_open/shm_unlink,
 * which are just those files opened (mirrors Solaris libc's port/rt/pos4obj.c and shm.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "pos4obj.h"

int __pos4obj_path(const char *name, const char *type, char *buf)
{
	size_t n, t;

	if (name == NULL || name[0] != '/' || strchr(name + 1, '/') != NULL) {
		errno = EINVAL;
		return -1;
	}
	n = strlen(name + 1);
	t = strlen(type);
	if (n + 1 >= PATH_MAX || n + t > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, "/tmp/", 5);
	memcpy(buf + 5, type, t);
	memcpy(buf + 5 + t, name + 1, n + 1);
	return 0;
}

/* shm_open: only O_RDONLY/O_RDWR, O_CREAT, O_EXCL, O_TRUNC are meaningful (others EINVAL). */
int shm_open(const char *name, int oflag, mode_t mode)
{
	char path[PATH_MAX];
	int acc = oflag & O_ACCMODE;
	int fd;

	if (acc != O_RDONLY && acc != O_RDWR) {
		errno = EINVAL;
		return -1;
	}
	if (__pos4obj_path(name, POS4OBJ_SHM, path) != 0)
		return -1;
	fd = open(path, oflag & (O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC), mode);
	if (fd >= 0)
		(void) fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

int shm_unlink(const char *name)
{
	char path[PATH_MAX];

	if (__pos4obj_path(name, POS4OBJ_SHM, path) != 0)
		return -1;
	return unlink(path);
}
