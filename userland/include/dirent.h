/*
 * dirent.h — directory streams over getdents(2) (mirrors Solaris <dirent.h> and <sys/dirent.h>,
 * _ILP32): struct dirent is the kernel's record (d_ino, d_off, d_reclen, d_name); DIR keeps a
 * buffer of records and the descriptor. A DIR is plain memory, so a fork child gets a copy and
 * shares the descriptor (and its offset) with the parent. Leaves out scandir and alphasort.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

#define MAXNAMLEN 512

/* One directory entry: d_off is the position after it (what telldir() returns once it was read). */
typedef struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	char d_name[1];
} dirent_t;

/* A directory stream (Solaris's dd_ fields); dd_prev is the buffer position of the entry last returned. */
typedef struct {
	int dd_fd;
	int dd_loc;
	int dd_size;
	char *dd_buf;
	int dd_prev;
} DIR;

/* opendir/fdopendir: a stream on a directory (ENOTDIR, ENOENT, EBADF, ENOMEM); NULL on failure.
 * fdopendir takes over fd. closedir closes the stream and its descriptor. */
DIR *opendir(const char *path);
DIR *fdopendir(int fd);
int closedir(DIR *dirp);
/* readdir: the next entry (valid until the next call on the stream), or NULL at the end (errno
 * unchanged) or on error. readdir_r copies it into *entry (room for d_name up to its NUL needed)
 * and sets *result to entry or NULL; returns 0 or an errno. */
struct dirent *readdir(DIR *dirp);
int readdir_r(DIR *dirp, struct dirent *entry, struct dirent **result);
void rewinddir(DIR *dirp);
int dirfd(DIR *dirp);
/* telldir/seekdir: a position in the stream and a return to it. */
long telldir(DIR *dirp);
void seekdir(DIR *dirp, long loc);
/* getdents(2): whole records into buf; bytes filled, 0 at the end, -1 with errno. */
int getdents(int fd, struct dirent *buf, size_t nbytes);

#endif
