/*
 * dirstream.c — <dirent.h> over getdents: opendir/readdir see `.`, `..` and every name once;
 * rewinddir starts again; telldir/seekdir return to a position; readdir_r; dirfd and fdopendir;
 * removing the entries already read while reading does not skip any other; errors (ENOENT,
 * ENOTDIR, getdents' EINVAL and ENOTDIR); a stream open across fork is copied into the child:
 * both processes can read it (they share the descriptor's offset, so between them each entry
 * is seen once after the fork). Exits 0 only if every test passes.
 */
#include "fstest.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define D "/tmp/ds"
#define NFILES 40

static void mkfiles(void)
{
	char name[64];
	int i, fd;

	mkdir(D, 0755);
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof name, D "/file%02d", i);
		fd = open(name, O_WRONLY | O_CREAT, 0644);
		close(fd);
	}
}

static void rmfiles(void)
{
	char name[64];
	int i;

	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof name, D "/file%02d", i);
		unlink(name);
	}
	rmdir(D);
}

/* The NN of a name "fileNN", or -1. */
static int fileno_of(const char *s)
{
	if (strncmp(s, "file", 4) != 0 || s[4] < '0' || s[4] > '9' || s[5] < '0' || s[5] > '9' || s[6])
		return -1;
	return (s[4] - '0') * 10 + (s[5] - '0');
}

/* Read the rest of the stream, marking seen[i] for fileNN; returns the entries read (. and .. too). */
static int drain(DIR *d, int *seen, int *dots)
{
	struct dirent *e;
	int n = 0, i;

	while ((e = readdir(d)) != NULL) {
		n++;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
			(*dots)++;
			continue;
		}
		if ((i = fileno_of(e->d_name)) >= 0 && i < NFILES)
			seen[i]++;
	}
	return n;
}

static int all_once(const int *seen)
{
	int i;
	for (i = 0; i < NFILES; i++)
		if (seen[i] != 1)
			return 0;
	return 1;
}

static void read_all(void)
{
	int seen[NFILES] = {0}, dots = 0;
	struct stat sb;
	struct dirent *e;
	DIR *d;

	mkfiles();
	d = opendir(D);
	CHECK(d != NULL);
	CHECK(drain(d, seen, &dots) == NFILES + 2 && dots == 2 && all_once(seen));
	errno = 0;
	CHECK(readdir(d) == NULL && errno == 0);              /* end: NULL, errno untouched */
	rewinddir(d);
	e = readdir(d);
	CHECK(e != NULL && strcmp(e->d_name, ".") == 0);
	CHECK(stat(D, &sb) == 0 && e->d_ino == sb.st_ino);
	e = readdir(d);
	CHECK(e != NULL && strcmp(e->d_name, "..") == 0);
	CHECK(stat("/tmp", &sb) == 0 && e->d_ino == sb.st_ino);
	CHECK(fstat(dirfd(d), &sb) == 0 && S_ISDIR(sb.st_mode));
	CHECK((fcntl(dirfd(d), F_GETFD) & FD_CLOEXEC) != 0);
	CHECK(closedir(d) == 0);
	CHECK(opendir("/tmp/none") == NULL && errno == ENOENT);
	CHECK(opendir(D "/file00") == NULL && errno == ENOTDIR);
}

static void tell_seek(void)
{
	char name1[64], name2[64];
	struct dirent *e, ent[4], *res;
	long pos;
	DIR *d = opendir(D);
	int i;

	CHECK(d != NULL);
	for (i = 0; i < 10; i++)
		readdir(d);
	pos = telldir(d);
	e = readdir(d);
	CHECK(e != NULL);
	strcpy(name1, e ? e->d_name : "");
	e = readdir(d);
	strcpy(name2, e ? e->d_name : "");
	seekdir(d, pos);
	e = readdir(d);
	CHECK(e != NULL && strcmp(e->d_name, name1) == 0);
	CHECK(readdir_r(d, ent, &res) == 0 && res == ent && strcmp(ent[0].d_name, name2) == 0);
	while (readdir_r(d, ent, &res) == 0 && res != NULL)
		;
	CHECK(res == NULL);
	closedir(d);
}

static void fdopen_and_errors(void)
{
	int fd = open(D, O_RDONLY), seen[NFILES] = {0}, dots = 0;
	char buf[64];
	DIR *d;

	CHECK(fd >= 0);
	d = fdopendir(fd);
	CHECK(d != NULL && dirfd(d) == fd);
	CHECK(drain(d, seen, &dots) == NFILES + 2 && all_once(seen));
	closedir(d);
	CHECK_ERR(fcntl(fd, F_GETFD), EBADF);                  /* closedir closed it */
	fd = open(D "/file01", O_RDONLY);
	CHECK(fdopendir(fd) == NULL && errno == ENOTDIR);
	CHECK_ERR(getdents(fd, (struct dirent *)buf, sizeof buf), ENOTDIR);
	close(fd);
	fd = open(D, O_RDONLY);
	CHECK_ERR(getdents(fd, (struct dirent *)buf, 8), EINVAL);   /* no room for one record */
	CHECK_ERR(getdents(fd, (struct dirent *)1, sizeof buf), EFAULT);
	CHECK_ERR(getdents(77, (struct dirent *)buf, sizeof buf), EBADF);
	close(fd);
}

/* rm -r style: unlink each name right after reading it; every name is still seen once. */
static void unlink_while_reading(void)
{
	int seen[NFILES] = {0}, i, n = 0;
	struct dirent *e;
	char name[64];
	DIR *d = opendir(D);

	CHECK(d != NULL);
	while ((e = readdir(d)) != NULL) {
		if ((i = fileno_of(e->d_name)) >= 0 && i < NFILES) {
			seen[i]++;
			snprintf(name, sizeof name, D "/%s", e->d_name);
			CHECK(unlink(name) == 0);
			n++;
		}
	}
	CHECK(n == NFILES && all_once(seen));
	rewinddir(d);
	n = 0;
	while ((e = readdir(d)) != NULL)
		n++;
	CHECK(n == 2);
	closedir(d);
	mkfiles();
}

/*
 * Fork with a stream open and partly read: the child reads the rest of its copy, closes it and
 * exits; the parent's copy still works afterwards (the descriptor's offset is shared, so it
 * rewinds first) and sees every entry.
 */
static void fork_copies_stream(void)
{
	int seen[NFILES] = {0}, dots = 0, st = -1;
	DIR *d = opendir(D);
	pid_t pid;

	CHECK(d != NULL);
	CHECK(readdir(d) != NULL && readdir(d) != NULL);
	pid = fork();
	if (pid == 0) {
		int cseen[NFILES] = {0}, cdots = 0;
		int n = drain(d, cseen, &cdots);
		closedir(d);
		_exit(n == NFILES && cdots == 0 && all_once(cseen) ? 0 : 1);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	rewinddir(d);
	CHECK(drain(d, seen, &dots) == NFILES + 2 && all_once(seen));
	closedir(d);
	rmfiles();
}

int main(void)
{
	RUN(read_all);
	RUN(tell_seek);
	RUN(fdopen_and_errors);
	RUN(unlink_while_reading);
	RUN(fork_copies_stream);
	return DONE();
}
