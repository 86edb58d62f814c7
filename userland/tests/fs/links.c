/*
 * links.c — names: rename (files, directories, replacing, the error cases, nothing changed on
 * failure), link (st_nlink, data shared, EPERM for a directory), symlink/readlink (lookups follow
 * links, relative targets, dangling links, ELOOP, lstat sees S_IFLNK, unlink removes the link),
 * truncate, chmod/fchmod (recorded in st_mode), mkstemp/mkdtemp, and S_IS* on each file type.
 * Exits 0 only if every test passes.
 */
#include "fstest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#define B "/tmp/ln"

static int put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n;
}

static int get(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = 0;
	return n;
}

static void renames(void)
{
	char buf[64];
	struct stat sb, sb2;

	CHECK(mkdir(B, 0755) == 0);
	CHECK(put(B "/a", "alpha") == 5 && put(B "/b", "beta") == 4);
	CHECK(stat(B "/a", &sb) == 0);
	CHECK(rename(B "/a", B "/c") == 0);
	CHECK_ERR(stat(B "/a", &sb2), ENOENT);
	CHECK(stat(B "/c", &sb2) == 0 && sb2.st_ino == sb.st_ino);
	CHECK(rename(B "/c", B "/b") == 0);                  /* replaces b */
	CHECK(get(B "/b", buf, sizeof buf) == 5 && strcmp(buf, "alpha") == 0);
	CHECK(rename(B "/b", B "/b") == 0);
	/* Directories move with their contents; .. follows. */
	CHECK(mkdir(B "/d1", 0755) == 0 && mkdir(B "/d2", 0755) == 0);
	CHECK(put(B "/d1/f", "f") == 1);
	CHECK(rename(B "/d1", B "/d2/sub") == 0);
	CHECK(get(B "/d2/sub/f", buf, sizeof buf) == 1);
	CHECK(chdir(B "/d2/sub") == 0 && getcwd(buf, sizeof buf) && strcmp(buf, B "/d2/sub") == 0);
	CHECK(chdir("../..") == 0 && getcwd(buf, sizeof buf) && strcmp(buf, B) == 0);
	CHECK(chdir("/") == 0);
	CHECK(mkdir(B "/empty", 0755) == 0);
	CHECK(rename(B "/d2/sub", B "/empty") == 0);          /* onto an empty directory */
	CHECK(get(B "/empty/f", buf, sizeof buf) == 1);
	/* Errors, each leaving everything in place. */
	CHECK_ERR(rename(B "/nothere", B "/x"), ENOENT);
	CHECK_ERR(rename(B "/b", B "/d2"), EISDIR);
	CHECK_ERR(rename(B "/d2", B "/b"), ENOTDIR);
	CHECK_ERR(rename(B "/d2", B "/empty"), EEXIST);       /* Solaris: a non-empty target is EEXIST */
	CHECK_ERR(rename(B "/empty", B "/empty/f2"), EINVAL);  /* into itself */
	CHECK_ERR(rename(B "/b", B "/none/x"), ENOENT);
	CHECK_ERR(rename(B "/b/", B "/x"), ENOTDIR);
	CHECK_ERR(rename(B "/empty/.", B "/x"), EINVAL);
	CHECK_ERR(rename((char *)1, B "/x"), EFAULT);
	CHECK(stat(B "/b", &sb) == 0 && stat(B "/empty/f", &sb) == 0 && stat(B "/d2", &sb) == 0);
	CHECK_ERR(stat(B "/x", &sb), ENOENT);
}

static void links(void)
{
	char buf[64];
	struct stat sb;

	CHECK(link(B "/b", B "/b2") == 0);
	CHECK(stat(B "/b", &sb) == 0 && sb.st_nlink == 2);
	CHECK(put(B "/b2", "shared") == 6);
	CHECK(get(B "/b", buf, sizeof buf) == 6 && strcmp(buf, "shared") == 0);
	CHECK(unlink(B "/b") == 0);
	CHECK(stat(B "/b2", &sb) == 0 && sb.st_nlink == 1 && sb.st_size == 6);
	CHECK_ERR(link(B "/b2", B "/empty/f"), EEXIST);
	CHECK_ERR(link(B "/d2", B "/d3"), EPERM);
	CHECK_ERR(link(B "/nothere", B "/x"), ENOENT);
	CHECK_ERR(link(B "/b2", B "/none/x"), ENOENT);
	CHECK(rename(B "/b2", B "/b") == 0);
}

static void symlinks(void)
{
	char buf[64], longname[300];
	struct stat sb;
	int i;

	CHECK(symlink("b", B "/sl") == 0);                    /* relative to the link's directory */
	CHECK(get(B "/sl", buf, sizeof buf) == 6);
	CHECK(lstat(B "/sl", &sb) == 0 && S_ISLNK(sb.st_mode) && sb.st_size == 1);
	CHECK(stat(B "/sl", &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 6);
	memset(buf, 'z', sizeof buf);
	CHECK(readlink(B "/sl", buf, sizeof buf) == 1 && buf[0] == 'b' && buf[1] == 'z');
	CHECK(readlink(B "/sl", buf, 0) == 0);
	CHECK_ERR(readlink(B "/b", buf, sizeof buf), EINVAL);
	CHECK_ERR(readlink(B "/nothere", buf, sizeof buf), ENOENT);
	/* A link to a directory works in the middle of a path, and for chdir. */
	CHECK(symlink(B "/empty", B "/dl") == 0);
	CHECK(get(B "/dl/f", buf, sizeof buf) == 1);
	CHECK(chdir(B "/dl") == 0 && getcwd(buf, sizeof buf) && strcmp(buf, B "/empty") == 0);
	CHECK(chdir("/") == 0);
	/* Dangling: stat fails, lstat works, O_CREAT creates the target. */
	CHECK(symlink("target", B "/dang") == 0);
	CHECK_ERR(stat(B "/dang", &sb), ENOENT);
	CHECK(lstat(B "/dang", &sb) == 0 && S_ISLNK(sb.st_mode));
	CHECK_ERR(open(B "/dang", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	i = open(B "/dang", O_WRONLY | O_CREAT, 0644);
	CHECK(i >= 0);
	close(i);
	CHECK(stat(B "/target", &sb) == 0 && S_ISREG(sb.st_mode));
	CHECK_ERR(symlink("x", B "/dang"), EEXIST);
	CHECK_ERR(mkdir(B "/dang", 0755), EEXIST);
	CHECK_ERR(symlink("", B "/e"), ENOENT);
	/* Loops. */
	CHECK(symlink("loop2", B "/loop1") == 0 && symlink("loop1", B "/loop2") == 0);
	CHECK_ERR(stat(B "/loop1", &sb), ELOOP);
	CHECK_ERR(open(B "/loop1/x", O_RDONLY), ELOOP);
	CHECK_ERR(open(B "/loop1", O_RDONLY), ELOOP);
	CHECK(lstat(B "/loop1", &sb) == 0);
	/* A trailing slash follows the link and wants a directory. */
	CHECK(stat(B "/dl/", &sb) == 0 && S_ISDIR(sb.st_mode));
	CHECK_ERR(stat(B "/sl/", &sb), ENOTDIR);
	/* unlink and rename act on the link, not its target. */
	CHECK(rename(B "/sl", B "/sl2") == 0 && readlink(B "/sl2", buf, sizeof buf) == 1);
	CHECK(unlink(B "/sl2") == 0 && stat(B "/b", &sb) == 0);
	CHECK_ERR(rmdir(B "/dl"), ENOTDIR);
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	CHECK_ERR(symlink("x", longname), ENAMETOOLONG);
	CHECK(unlink(B "/dl") == 0 && unlink(B "/dang") == 0 && unlink(B "/target") == 0);
	CHECK(unlink(B "/loop1") == 0 && unlink(B "/loop2") == 0);
}

static void trunc_chmod(void)
{
	struct stat sb;
	int fd;

	CHECK(truncate(B "/b", 2) == 0 && stat(B "/b", &sb) == 0 && sb.st_size == 2);
	CHECK(truncate(B "/b", 9000) == 0 && stat(B "/b", &sb) == 0 && sb.st_size == 9000);
	CHECK_ERR(truncate(B "/nothere", 0), ENOENT);
	CHECK_ERR(truncate(B "/d2", 0), EISDIR);
	CHECK(chmod(B "/b", 0600) == 0 && stat(B "/b", &sb) == 0 && (sb.st_mode & 07777) == 0600 && S_ISREG(sb.st_mode));
	fd = open(B "/b", O_RDONLY);
	CHECK(fchmod(fd, 0444) == 0 && fstat(fd, &sb) == 0 && (sb.st_mode & 07777) == 0444);
	close(fd);
	CHECK_ERR(fchmod(55, 0644), EBADF);
	CHECK_ERR(chmod(B "/nothere", 0644), ENOENT);
	CHECK(stat(B "/d2", &sb) == 0 && S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode));
	CHECK(fstat(1, &sb) == 0 && S_ISCHR(sb.st_mode));
	/* umask applies to new files and directories. */
	umask(077);
	fd = open(B "/m", O_WRONLY | O_CREAT, 0666);
	CHECK(fd >= 0 && fstat(fd, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	close(fd);
	CHECK(mkdir(B "/md", 0777) == 0 && stat(B "/md", &sb) == 0 && (sb.st_mode & 0777) == 0700);
	umask(022);
	CHECK(unlink(B "/m") == 0 && rmdir(B "/md") == 0);
}

static void temps(void)
{
	char t1[] = B "/tmpXXXXXX", t2[] = B "/tmpXXXXXX", d[] = B "/dirXXXXXX", bad[] = B "/tmpXXX";
	struct stat sb;
	int a, b;

	a = mkstemp(t1);
	b = mkstemp(t2);
	CHECK(a >= 0 && b >= 0 && strcmp(t1, t2) != 0 && strncmp(t1, B "/tmp", 7) == 0);
	CHECK(fstat(a, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 0777) == 0600);
	CHECK(write(a, "x", 1) == 1);
	close(a); close(b);
	CHECK(unlink(t1) == 0 && unlink(t2) == 0);
	CHECK(mkdtemp(d) == d && stat(d, &sb) == 0 && S_ISDIR(sb.st_mode) && (sb.st_mode & 0777) == 0700);
	CHECK(rmdir(d) == 0);
	CHECK(mkstemp(bad) == -1 && errno == EINVAL);
}

static void cleanup(void)
{
	CHECK(unlink(B "/b") == 0 && unlink(B "/empty/f") == 0 && rmdir(B "/empty") == 0 && rmdir(B "/d2") == 0);
	CHECK(rmdir(B) == 0);
}

int main(void)
{
	RUN(renames);
	RUN(links);
	RUN(symlinks);
	RUN(trunc_chmod);
	RUN(temps);
	RUN(cleanup);
	return DONE();
}
