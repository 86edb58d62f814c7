/*
 * jit.c — code written at run time, for the CPU's block compiler: a function stored into an
 * RWX anonymous page, called often enough to be compiled, then patched in place (store + flush)
 * and called again; the page unmapped, a child exec'd (its text may reuse the freed frame), a new
 * page mapped at the same address with different code; one page rewritten 40 times between hot
 * calls. Every call must give what the new bytes compute. Prints PASS/FAIL per check.
 */
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "mmtest.h"

#define RWX (PROT_READ | PROT_WRITE | PROT_EXEC)
#define ANON (MAP_PRIVATE | MAP_ANON)

/* retl; add %o0, imm, %o0 */
#define RETL 0x81c3e008u
#define ADD_O0(imm) (0x90022000u | ((unsigned)(imm) & 0x1fff))
/* retl; sll %o0, n, %o0 */
#define SLL_O0(n) (0x912a2000u | ((unsigned)(n) & 31))

typedef int (*fn)(int);

static void flush_words(volatile unsigned *p, int n)
{
	int i;
	for (i = 0; i < n; i++)
		__asm__ volatile("flush %0" : : "r"(p + i) : "memory");
}

/* Sum of f(i) for i < n. */
static int sum(fn f, int n)
{
	int i, s = 0;
	for (i = 0; i < n; i++)
		s += f(i);
	return s;
}

int main(void)
{
	volatile unsigned *p = mmap(0, PG, RWX, ANON, -1, 0);
	int s, st;
	pid_t pid;

	CHECK("jit_map", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return 1;
	p[0] = RETL;
	p[1] = ADD_O0(5);
	flush_words(p, 2);
	s = sum((fn)p, 500);
	CHECK("jit_first_code", s == 500 * 499 / 2 + 500 * 5);

	/* Patch the delay-slot instruction in place: the compiled block must go. */
	p[1] = ADD_O0(-3);
	flush_words(p + 1, 1);
	s = sum((fn)p, 500);
	CHECK("jit_patched_in_place", s == 500 * 499 / 2 - 500 * 3);

	/* Patch the first instruction: now a two-instruction leaf at p + 2. */
	p[2] = RETL;
	p[3] = SLL_O0(2);
	flush_words(p + 2, 2);
	p[0] = 0x10800002u;	/* ba p + 2 */
	p[1] = 0x01000000u;	/* nop */
	flush_words(p, 2);
	s = sum((fn)p, 300);
	CHECK("jit_patched_branch", s == 4 * (300 * 299 / 2));

	/* Unmap, let a child exec (new text may land in the freed frame), map again at the same place. */
	CHECK("jit_munmap", munmap((void *)p, PG) == 0);
	pid = fork();
	if (pid == 0) {
		execl("/bin/true", "true", (char *)0);
		_exit(127);
	}
	st = reap(pid);
	CHECK("jit_exec_child", EXITED_OK(st));
	{
		volatile unsigned *q = mmap((void *)p, PG, RWX, ANON | MAP_FIXED, -1, 0);
		CHECK("jit_remap_same_address", q == p);
		if (q == p) {
			CHECK("jit_remap_zero_filled", q[0] == 0 && q[1] == 0);
			q[0] = RETL;
			q[1] = SLL_O0(1);
			flush_words(q, 2);
			s = sum((fn)q, 400);
			CHECK("jit_remapped_code", s == 2 * (400 * 399 / 2));
		}
	}

	/* One page rewritten 40 times between hot calls: each pass runs the code last written. */
	{
		volatile unsigned *r = mmap(0, PG, RWX, ANON, -1, 0);
		int k, ok = 1;
		CHECK("jit_map2", r != MAP_FAILED);
		if (r != MAP_FAILED) {
			for (k = 0; k < 40; k++) {
				r[0] = RETL;
				r[1] = ADD_O0(k);
				flush_words(r, 2);
				if (sum((fn)r, 100) != 100 * 99 / 2 + 100 * k)
					ok = 0;
			}
			CHECK("jit_rewritten_40_times", ok);
		}
	}
	return done("mm_jit");
}
