/*
 * dirent.c — directory streams (mirrors Solaris libc's port/gen/opendir.c, readdir.c, telldir.c,
 * seekdir.c; own code): a DIR holds a buffer of getdents records; readdir walks it and refills.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define DIRBUF 2048

DIR *fdopendir(int fd)
{
	struct stat sb;
	DIR *d;

	if (fstat(fd, &sb) == -1)
		return NULL;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	d = malloc(sizeof *d);
	if (d == NULL)
		return NULL;
	d->dd_buf = malloc(DIRBUF);
	if (d->dd_buf == NULL) {
		free(d);
		return NULL;
	}
	d->dd_fd = fd;
	d->dd_loc = d->dd_size = 0;
	d->dd_prev = -1;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY);
	DIR *d;
	int e;

	if (fd == -1)
		return NULL;
	d = fdopendir(fd);
	if (d == NULL) {
		e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

int closedir(DIR *d)
{
	int fd = d->dd_fd;

	free(d->dd_buf);
	free(d);
	return close(fd);
}

struct dirent *readdir(DIR *d)
{
	struct dirent *dp;
	int n;

	if (d->dd_loc >= d->dd_size) {
		n = getdents(d->dd_fd, (struct dirent *)d->dd_buf, DIRBUF);
		if (n <= 0)
			return NULL;
		d->dd_size = n;
		d->dd_loc = 0;
	}
	dp = (struct dirent *)(d->dd_buf + d->dd_loc);
	d->dd_prev = d->dd_loc;
	d->dd_loc += dp->d_reclen;
	return dp;
}

int readdir_r(DIR *d, struct dirent *entry, struct dirent **result)
{
	int e = errno;
	struct dirent *dp;

	errno = 0;
	dp = readdir(d);
	if (dp == NULL) {
		*result = NULL;
		if (errno != 0)
			return errno;
		errno = e;
		return 0;
	}
	errno = e;
	entry->d_ino = dp->d_ino;
	entry->d_off = dp->d_off;
	entry->d_reclen = dp->d_reclen;
	strcpy(entry->d_name, dp->d_name);
	*result = entry;
	return 0;
}

void rewinddir(DIR *d)
{
	lseek(d->dd_fd, 0, SEEK_SET);
	d->dd_loc = d->dd_size = 0;
	d->dd_prev = -1;
}

int dirfd(DIR *d)
{
	return d->dd_fd;
}

long telldir(DIR *d)
{
	/* After an entry was returned: its d_off (where the next one starts); else the fd's offset. */
	if (d->dd_prev >= 0 && d->dd_prev < d->dd_size)
		return ((struct dirent *)(d->dd_buf + d->dd_prev))->d_off;
	return lseek(d->dd_fd, 0, SEEK_CUR);
}

void seekdir(DIR *d, long loc)
{
	lseek(d->dd_fd, loc, SEEK_SET);
	d->dd_loc = d->dd_size = 0;
	d->dd_prev = -1;
}
