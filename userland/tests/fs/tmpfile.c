/*
 * tmpfile.c — regular files in the writable /tmp of the RAM file system: write then read back,
 * lseek (SEEK_SET/CUR/END, holes read as zeros, errors), O_TRUNC, O_APPEND (every write lands at
 * the end, even through two descriptors), O_CREAT|O_EXCL, and the open errors ENOENT, ENOTDIR,
 * EISDIR, EINVAL, and a new file at / (writable over the boot archive). Exits 0 only if every test passes.
 */
#include "fstest.h"
#include <fcntl.h>

static void write_read_back(void)
{
	int fd = open("/tmp/t1", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[64];

	CHECK(fd >= 0);
	CHECK(write(fd, "first line\n", 11) == 11);
	CHECK(write(fd, "second\n", 7) == 7);
	CHECK(lseek(fd, 0, SEEK_CUR) == 18);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	memset(buf, 0, sizeof buf);
	CHECK(read(fd, buf, sizeof buf) == 18);
	CHECK(strcmp(buf, "first line\nsecond\n") == 0);
	CHECK(read(fd, buf, sizeof buf) == 0);
	CHECK(close(fd) == 0);
	/* A second open sees the data; its offset starts at 0. */
	fd = open("/tmp/t1", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, 5) == 5 && memcmp(buf, "first", 5) == 0);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	close(fd);
}

static void seeking(void)
{
	int fd = open("/tmp/t2", O_RDWR | O_CREAT | O_TRUNC, 0644), i, zeros = 1;
	char buf[32];

	CHECK(fd >= 0);
	CHECK(write(fd, "abcdef", 6) == 6);
	CHECK(lseek(fd, -2, SEEK_END) == 4);
	CHECK(read(fd, buf, 10) == 2 && memcmp(buf, "ef", 2) == 0);
	CHECK(lseek(fd, -4, SEEK_CUR) == 2);
	CHECK(write(fd, "XY", 2) == 2);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, buf, 6) == 6 && memcmp(buf, "abXYef", 6) == 0);
	/* A write past the end leaves a hole of zeros. */
	CHECK(lseek(fd, 16, SEEK_SET) == 16);
	CHECK(write(fd, "Z", 1) == 1);
	CHECK(lseek(fd, 0, SEEK_END) == 17);
	CHECK(lseek(fd, 6, SEEK_SET) == 6);
	CHECK(read(fd, buf, 32) == 11);
	for (i = 0; i < 10; i++)
		if (buf[i] != 0)
			zeros = 0;
	CHECK(zeros && buf[10] == 'Z');
	/* Seeking past the end is allowed and reads nothing. */
	CHECK(lseek(fd, 1000, SEEK_SET) == 1000);
	CHECK(read(fd, buf, 4) == 0);
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR(lseek(fd, -2000, SEEK_CUR), EINVAL);
	CHECK_ERR(lseek(fd, 0, 3), EINVAL);
	CHECK(lseek(fd, 0, SEEK_CUR) == 1000);
	close(fd);
}

static void truncating(void)
{
	int fd = open("/tmp/t3", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char buf[16];

	CHECK(fd >= 0 && write(fd, "0123456789", 10) == 10);
	close(fd);
	fd = open("/tmp/t3", O_RDWR | O_TRUNC);
	CHECK(fd >= 0);
	CHECK(lseek(fd, 0, SEEK_END) == 0);
	CHECK(write(fd, "ab", 2) == 2);
	close(fd);
	/* Without O_TRUNC the old bytes past the new ones remain. */
	fd = open("/tmp/t3", O_RDWR);
	CHECK(fd >= 0 && write(fd, "X", 1) == 1);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 16) == 2 && memcmp(buf, "Xb", 2) == 0);
	close(fd);
}

static void appending(void)
{
	int a = open("/tmp/t4", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	int b = open("/tmp/t4", O_WRONLY | O_APPEND);
	int r;
	char buf[32];

	CHECK(a >= 0 && b >= 0);
	CHECK(write(a, "one ", 4) == 4);
	CHECK(write(b, "two ", 4) == 4);
	CHECK(lseek(a, 0, SEEK_SET) == 0);      /* O_APPEND ignores the offset */
	CHECK(write(a, "three", 5) == 5);
	CHECK(lseek(a, 0, SEEK_CUR) == 13);
	close(a);
	close(b);
	r = open("/tmp/t4", O_RDONLY);
	memset(buf, 0, sizeof buf);
	CHECK(r >= 0 && read(r, buf, sizeof buf) == 13);
	CHECK(strcmp(buf, "one two three") == 0);
	close(r);
}

static void exclusive(void)
{
	int fd = open("/tmp/t5", O_WRONLY | O_CREAT | O_EXCL, 0644);

	CHECK(fd >= 0);
	close(fd);
	CHECK_ERR(open("/tmp/t5", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	CHECK_ERR(open("/tmp", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	fd = open("/tmp/t5", O_WRONLY | O_CREAT, 0644);   /* without O_EXCL: opens it */
	CHECK(fd >= 0);
	close(fd);
}

static void open_errors(void)
{
	int fd;
	char c;

	CHECK_ERR(open("/tmp/no-such-file", O_RDONLY), ENOENT);
	CHECK_ERR(open("/no-such-dir/x", O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_ERR(open("", O_RDONLY), ENOENT);
	fd = open("/tmp/t6", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_ERR(open("/tmp/t6/x", O_RDONLY), ENOTDIR);
	CHECK_ERR(open("/tmp/t6/", O_RDONLY), ENOTDIR);
	CHECK_ERR(open("/tmp", O_WRONLY), EISDIR);
	CHECK_ERR(open("/tmp", O_RDWR), EISDIR);
	fd = open("/tmp", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(read(fd, &c, 1), EISDIR);
	close(fd);
	/* / is writable over the boot archive: new files anywhere (boot files are copied on write). */
	fd = open("/newfile", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0 && write(fd, "n", 1) == 1);
	close(fd);
	CHECK(unlink("/newfile") == 0);
	fd = open("/bin/hello", O_RDONLY);
	CHECK(fd >= 0 && read(fd, &c, 1) == 1 && c == 0x7f);
	close(fd);
	CHECK_ERR(open("/tmp/t6", 3), EINVAL);
	CHECK_ERR(open((char *)8, O_RDONLY), EFAULT);
}

static void big_file(void)
{
	static char blk[4096];
	int fd = open("/tmp/t7", O_RDWR | O_CREAT | O_TRUNC, 0644), i, ok = 1;

	CHECK(fd >= 0);
	for (i = 0; i < 64; i++) {
		memset(blk, 'a' + (i % 26), sizeof blk);
		if (write(fd, blk, sizeof blk) != (int)sizeof blk)
			ok = 0;
	}
	CHECK(ok);
	CHECK(lseek(fd, 0, SEEK_END) == 64 * 4096);
	for (i = 63; i >= 0; i -= 7) {
		CHECK(lseek(fd, (off_t)i * 4096 + 100, SEEK_SET) == (off_t)i * 4096 + 100);
		if (read(fd, blk, 10) != 10 || blk[0] != 'a' + (i % 26) || blk[9] != 'a' + (i % 26))
			ok = 0;
	}
	CHECK(ok);
	close(fd);
}

int main(void)
{
	RUN(write_read_back);
	RUN(seeking);
	RUN(truncating);
	RUN(appending);
	RUN(exclusive);
	RUN(open_errors);
	RUN(big_file);
	return DONE();
}
