/*
 * setjmp.c — non-local jumps: gcc's __builtin_setjmp/__builtin_longjmp (which flush the register
 * windows with `ta 3`) and libc's setjmp/longjmp, jumping out of deep recursion (the setjmp
 * caller's window must be refilled from its stack frame), from the same function, through nested
 * buffers, with value 0 (which setjmp must see as 1), checking volatile locals survive.
 */
#include <stdio.h>
#include <setjmp.h>

#define NOINLINE __attribute__((noinline))

static volatile int one = 1;
static jmp_buf jb, jb_outer;
static void *bjb[5];
static int trail;

static NOINLINE void dive_libc(int n, int val)
{
	volatile int local[4];
	local[0] = n;
	trail = trail * 31 + n;
	if (n == 0)
		longjmp(jb, val);
	dive_libc(n - one, val);
	local[1] = local[0];	/* never reached */
	printf("not reached %d\n", local[1]);
}

static NOINLINE void dive_builtin(int n)
{
	trail = trail * 17 + n;
	if (n == 0)
		__builtin_longjmp(bjb, 1);
	dive_builtin(n - one);
	printf("not reached\n");
}

static NOINLINE int builtin_catch(int depth)
{
	volatile int marker = 1000 + depth;

	if (__builtin_setjmp(bjb) == 0) {
		dive_builtin(depth);
		return -1;
	}
	return marker;
}

static NOINLINE int libc_catch(int depth, int val)
{
	volatile int marker = 5000 + depth;
	int r = setjmp(jb);

	if (r == 0) {
		dive_libc(depth, val);
		return -1;
	}
	return r * 100000 + marker;
}

static NOINLINE int same_frame(int n)
{
	volatile int count = 0;
	int r = setjmp(jb);

	count++;
	if (r < n)
		longjmp(jb, r + 1);
	return count * 1000 + r;
}

static NOINLINE void inner_jump(int n)
{
	if (n > 3)
		longjmp(jb_outer, n);
	longjmp(jb, n + 1);
}

static NOINLINE int nested(int n)
{
	volatile int stage = 0;
	int r;

	if ((r = setjmp(jb_outer)) != 0)
		return 900 + r + stage * 10;
	if ((r = setjmp(jb)) != 0) {
		stage++;
		inner_jump(r + n);
	}
	inner_jump(n);
	return -1;
}

int main(void)
{
	int d;

	printf("setjmp:\n");
	for (d = 0; d <= 200; d += 20) {
		int r;
		trail = 0;
		r = builtin_catch(d);
		printf("builtin depth %3d -> %d trail %08x\n", d, r, (unsigned)trail);
	}
	for (d = 0; d <= 200; d += 25) {
		int r;
		trail = 0;
		r = libc_catch(d, d % 3);
		printf("libc depth %3d val %d -> %d trail %08x\n", d, d % 3, r, (unsigned)trail);
	}
	for (d = 0; d < 6; d++)
		printf("same_frame(%d) = %d\n", d, same_frame(d));
	for (d = 0; d < 5; d++)
		printf("nested(%d) = %d\n", d, nested(d));
	printf("setjmp: done\n");
	return 0;
}
