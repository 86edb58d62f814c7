/*
 * filemap.c — file mappings of a /tmp file follow the file: a MAP_SHARED mapping sees write(2),
 * ftruncate and O_TRUNC; a page wholly past the end of the file gets SIGBUS, not zeros (the rest
 * of the last page reads as zeros); private pages a process has written survive a truncation.
 * Also: touching a MAP_NORESERVE mapping larger than memory ends in SIGBUS when no page is left.
 */
#include "mmtest.h"
#include <string.h>
#include <stdlib.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>

/* Read p[off] in a child: its wait status (SIGBUS expected past EOF). */
static int touch(volatile char *p, long off)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(p[off] == 0x5a ? 3 : 4);
	return reap(pid);
}

int main(void)
{
	static char buf[5000];
	volatile char *p, *q, *r;
	int fd, fd2, st;
	pid_t pid;
	long i, n;

	memset(buf, 'a', sizeof buf);
	fd = open("/tmp/map", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("create", fd >= 0 && write(fd, buf, sizeof buf) == sizeof buf);
	p = mmap(0, 3 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK("mmap_shared", p != MAP_FAILED);
	CHECK("read_in_file", p[0] == 'a' && p[4999] == 'a');
	CHECK("tail_of_last_page_zero", p[5000] == 0 && p[2 * PG - 1] == 0);
	st = touch(p, 2 * PG);
	CHECK("past_eof_sigbus", KILLED_BY(st, SIGBUS));
	CHECK("write_seen", lseek(fd, 0, SEEK_SET) == 0 && write(fd, "XYZ", 3) == 3 && p[0] == 'X' && p[2] == 'Z');
	CHECK("extend_seen", lseek(fd, 2 * PG + 10, SEEK_SET) == 2 * PG + 10 && write(fd, "E", 1) == 1 &&
	    p[2 * PG + 10] == 'E' && p[2 * PG] == 0 && p[5000] == 0);

	q = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK("mmap_private", q != MAP_FAILED);
	q[1] = 'Q';
	CHECK("private_copy", q[1] == 'Q' && p[1] == 'Y');
	(void)q[PG];		/* faulted in, not written: it follows the file */

	CHECK("ftruncate", ftruncate(fd, 100) == 0);
	CHECK("shared_sees_truncate", p[0] == 'X' && p[99] == 'a' && p[100] == 0 && p[PG - 1] == 0);
	st = touch(p, PG);
	CHECK("shared_past_new_eof_sigbus", KILLED_BY(st, SIGBUS));
	st = touch(p, 2 * PG + 10);
	CHECK("shared_old_extension_sigbus", KILLED_BY(st, SIGBUS));
	CHECK("private_written_page_kept", q[1] == 'Q' && q[0] == 'X');
	st = touch(q, PG);
	CHECK("private_unwritten_past_eof_sigbus", KILLED_BY(st, SIGBUS));

	fd2 = open("/tmp/map", O_RDWR | O_TRUNC);
	CHECK("o_trunc", fd2 >= 0);
	st = touch(p, 0);
	CHECK("o_trunc_seen_sigbus", KILLED_BY(st, SIGBUS));
	CHECK("regrow", write(fd2, "hello", 5) == 5 && p[0] == 'h' && p[4] == 'o' && p[5] == 0);
	close(fd2);
	munmap((void *)p, 3 * PG);
	munmap((void *)q, 2 * PG);
	close(fd);

	/* NORESERVE: more than memory, touched until no page is left: SIGBUS. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		n = 128L << 20;
		r = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_NORESERVE, -1, 0);
		if (r == MAP_FAILED)
			_exit(5);
		for (i = 0; i < n; i += PG)
			r[i] = 1;
		_exit(6);
	}
	st = reap(pid);
	CHECK("noreserve_out_of_memory_sigbus", KILLED_BY(st, SIGBUS));
	return done("mm_filemap");
}
