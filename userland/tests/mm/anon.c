/*
 * anon.c — mmap/munmap without fork: anonymous private and shared mappings (zero fill, read
 * back), munmap of a middle page (the rest stays), MAP_FIXED in a hole and over data, address
 * hints, the old-style call without _MAP_NEW (forced MAP_FIXED), private and read-only shared
 * file mappings, and the error returns: EINVAL (lengths, flags, offsets, alignment), ENOMEM,
 * EBADF, EACCES, ENODEV. Prints PASS/FAIL per check; exits 0 only if all pass.
 */
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include "mmtest.h"

extern void *_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANON)

static int all_zero(const volatile char *p, int n)
{
	int i;
	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

static void test_anon(void)
{
	volatile char *p, *q, *r, *h;
	int i, ok;

	p = mmap(0, 3 * PG, RW, ANON, -1, 0);
	CHECK("anon_private_map", p != MAP_FAILED && ((unsigned long)p & (PG - 1)) == 0);
	if (p == MAP_FAILED)
		return;
	CHECK("anon_private_zero_fill", all_zero(p, 3 * PG));
	for (i = 0; i < 3 * PG; i += 512)
		p[i] = (char)(i / 512 + 1);
	ok = 1;
	for (i = 0; i < 3 * PG; i += 512)
		if (p[i] != (char)(i / 512 + 1))
			ok = 0;
	CHECK("anon_private_rw", ok);

	q = mmap(0, 2 * PG, RW, MAP_SHARED | MAP_ANON, -1, 0);
	CHECK("anon_shared_map", q != MAP_FAILED);
	if (q != MAP_FAILED) {
		q[0] = 'x';
		q[2 * PG - 1] = 'y';
		CHECK("anon_shared_rw", q[0] == 'x' && q[2 * PG - 1] == 'y');
		CHECK("anon_distinct", q + 2 * PG <= p || q >= p + 3 * PG);
		CHECK("munmap_shared", munmap((void *)q, 2 * PG) == 0);
	}

	CHECK("munmap_middle", munmap((void *)(p + PG), PG) == 0);
	CHECK("munmap_keeps_rest", p[0] == 1 && p[2 * PG] == (char)(2 * PG / 512 + 1));
	CHECK("munmap_hole_ok", munmap((void *)(p + PG), PG) == 0);

	r = mmap((void *)(p + PG), PG, RW, ANON | MAP_FIXED, -1, 0);
	CHECK("fixed_in_hole", r == p + PG);
	CHECK("fixed_in_hole_zero", r == p + PG && all_zero(r, PG));
	r = mmap((void *)p, PG, RW, ANON | MAP_FIXED, -1, 0);
	CHECK("fixed_replaces", r == p && p[0] == 0 && p[2 * PG] == (char)(2 * PG / 512 + 1));

	h = mmap((void *)0x40000000, PG, RW, ANON, -1, 0);
	CHECK("hint_honoured", h == (char *)0x40000000);
	if (h != MAP_FAILED) {
		h[0] = 7;
		r = mmap((void *)h, PG, RW, ANON, -1, 0);
		CHECK("hint_taken_moves", r != MAP_FAILED && r != h && h[0] == 7);
		if (r != MAP_FAILED)
			munmap((void *)r, PG);
		munmap((void *)h, PG);
	}

#ifdef __i386__
	/* Old-style call (no _MAP_NEW): only SPARC Solaris makes it MAP_FIXED (smmap_common's
	   `#if defined(__sparc)`); on i386 the address is a hint, as for a new-style call. */
	r = _mmap((void *)0x50000000, PG, RW, ANON, -1, 0);
	CHECK("old_style_forces_fixed", r == (char *)0x50000000);
	if (r != MAP_FAILED) {
		char *r2;

		r[0] = 9;
		r2 = _mmap((void *)r, PG, RW, ANON, -1, 0);
		CHECK("old_style_replaces", r2 != MAP_FAILED && r2 != r && r[0] == 9);
		if (r2 != MAP_FAILED)
			munmap((void *)r2, PG);
		munmap((void *)r, PG);
	}
#else
	/* Old-style call (no _MAP_NEW): the address is used as if MAP_FIXED were given. */
	r = _mmap((void *)0x50000000, PG, RW, ANON, -1, 0);
	CHECK("old_style_forces_fixed", r == (char *)0x50000000);
	if (r != MAP_FAILED) {
		r[0] = 9;
		CHECK("old_style_replaces", _mmap((void *)r, PG, RW, ANON, -1, 0) == r && r[0] == 0);
		munmap((void *)r, PG);
	}
#endif

	CHECK("munmap_all", munmap((void *)p, 3 * PG) == 0);
}

static void test_big(void)
{
	volatile char *p = mmap(0, 1 << 20, RW, ANON, -1, 0);
	int i, ok = 1;

	CHECK("anon_1mib_map", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < (1 << 20); i += 64 * 1024)
		p[i] = (char)(i >> 16);
	for (i = 0; i < (1 << 20); i += 64 * 1024)
		if (p[i] != (char)(i >> 16) || p[i + 1] != 0)
			ok = 0;
	CHECK("anon_1mib_sparse_rw", ok);
	CHECK("anon_1mib_unmap", munmap((void *)p, 1 << 20) == 0);
}

static void test_errors(void)
{
	void *p = mmap(0, PG, RW, ANON, -1, 0);

	CHECK("einval_len0", FAILS_WITH(mmap(0, 0, RW, ANON, -1, 0), MAP_FAILED, EINVAL));
	CHECK("einval_type0", FAILS_WITH(mmap(0, PG, RW, MAP_ANON, -1, 0), MAP_FAILED, EINVAL));
	CHECK("einval_type3", FAILS_WITH(mmap(0, PG, RW, MAP_SHARED | MAP_PRIVATE | MAP_ANON, -1, 0), MAP_FAILED, EINVAL));
	CHECK("einval_unknown_flag", FAILS_WITH(mmap(0, PG, RW, ANON | 0x1000, -1, 0), MAP_FAILED, EINVAL));
	CHECK("einval_offset", FAILS_WITH(mmap(0, PG, RW, ANON, -1, 100), MAP_FAILED, EINVAL));
	CHECK("einval_fixed_unaligned", FAILS_WITH(mmap((void *)0x40000100, PG, RW, ANON | MAP_FIXED, -1, 0), MAP_FAILED, EINVAL));
	CHECK("einval_anon_with_fd", FAILS_WITH(mmap(0, PG, RW, ANON, 1, 0), MAP_FAILED, EINVAL));
	CHECK("enomem_huge", FAILS_WITH(mmap(0, 0xF0000000UL, RW, ANON, -1, 0), MAP_FAILED, ENOMEM));
	CHECK("enomem_fixed_beyond_user", FAILS_WITH(mmap((void *)0xEFFFF000UL, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), MAP_FAILED, ENOMEM));
	CHECK("ebadf_minus1_no_anon", FAILS_WITH(mmap(0, PG, PROT_READ, MAP_PRIVATE, -1, 0), MAP_FAILED, EBADF));
	CHECK("ebadf_closed_fd", FAILS_WITH(mmap(0, PG, PROT_READ, MAP_PRIVATE, 99, 0), MAP_FAILED, EBADF));
	CHECK("eacces_bad_prot", FAILS_WITH(mmap(0, PG, 0x10, ANON, -1, 0), MAP_FAILED, EACCES));
	CHECK("enodev_console", FAILS_WITH(mmap(0, PG, PROT_READ, MAP_PRIVATE, 1, 0), MAP_FAILED, ENODEV));
	CHECK("munmap_einval_unaligned", FAILS_WITH(munmap((char *)p + 1, PG), -1, EINVAL));
	CHECK("munmap_einval_len0", FAILS_WITH(munmap(p, 0), -1, EINVAL));
	CHECK("munmap_einval_beyond_user", FAILS_WITH(munmap((void *)0xEFFFF000UL, 2 * PG), -1, EINVAL));
	if (p != MAP_FAILED)
		munmap(p, PG);
}

static void test_file(const char *self)
{
	char buf[64];
	volatile char *m, *m2;
	int fd = open(self, O_RDONLY);

	CHECK("file_open_self", fd >= 0);
	if (fd < 0)
		return;
	CHECK("file_read_head", read(fd, buf, sizeof buf) == (ssize_t)sizeof buf);
	m = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK("file_private_map", m != MAP_FAILED);
	if (m != MAP_FAILED) {
		CHECK("file_matches_read", memcmp((const void *)m, buf, sizeof buf) == 0 && m[1] == 'E');
		m[1] = 'X';
		m2 = mmap(0, PG, PROT_READ, MAP_SHARED, fd, 0);
		CHECK("file_shared_readonly_map", m2 != MAP_FAILED);
		if (m2 != MAP_FAILED) {
			CHECK("file_private_write_stays_private", m[1] == 'X' && m2[1] == 'E');
			munmap((void *)m2, PG);
		}
		munmap((void *)m, 2 * PG);
	}
	m = mmap(0, PG, PROT_READ, MAP_PRIVATE, fd, PG);
	CHECK("file_offset_map", m != MAP_FAILED);
	if (m != MAP_FAILED) {
		lseek(fd, PG, SEEK_SET);
		CHECK("file_offset_read", read(fd, buf, 16) == 16 && memcmp((const void *)m, buf, 16) == 0);
		munmap((void *)m, PG);
	}
	CHECK("file_shared_write_eacces", FAILS_WITH(mmap(0, PG, RW, MAP_SHARED, fd, 0), MAP_FAILED, EACCES));
	close(fd);
}

int main(void)
{
	test_anon();
	test_big();
	test_errors();
	test_file("/bin/mm_anon");	/* the boot archive holds every userland/bin/<isa> program */
	return done("mm_anon");
}
