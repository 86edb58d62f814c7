/*
 * deep.c — a deep call chain across fork (issue 3 acceptance): recursion DEPTH frames deep, each
 * frame keeping values in registers (locals/ins of its register window) and in a stack array,
 * fork at the bottom, then both processes return through every frame and check what each frame
 * kept. Only a few of those windows are in the CPU when fork traps; the rest are on the stack.
 * If the kernel does not flush the user windows to the stack before as_dup, the child's copy of
 * the stack lacks the newest frames and the child returns into garbage (wrong values or a crash).
 * Run for fork1, forkall and fork1 from a thread (whose stack is in the heap).
 */
#include "ftest.h"
#include <pthread.h>

#define DEPTH 256

static pid_t (*forker)(void);
static pid_t bottom_pid;
static int bad_frames;

static long mix(long a, long b)
{
	return a * 31 + (b ^ 0x5a5a);
}

/* Each frame: x, y, z live in registers across the call, frame[] in memory. */
static long __attribute__((noinline)) descend(int n, long a, long b, long c)
{
	long x = mix(a, n), y = mix(b, x), z = mix(c, y);
	volatile long frame[3];
	long r;

	frame[0] = x ^ 1;
	frame[1] = y ^ 2;
	frame[2] = z ^ 3;
	if (n == 0)
		r = bottom_pid = forker();
	else
		r = descend(n - 1, x, y, z);
	if (x != mix(a, n) || y != mix(b, x) || z != mix(c, y) ||
	    frame[0] != (x ^ 1) || frame[1] != (y ^ 2) || frame[2] != (z ^ 3))
		bad_frames++;
	return (r == 0 ? 0 : 1) + ((x ^ y ^ z) & 0xff);
}

/* What descend(DEPTH, a, b, c) must return, computed without recursion. */
static long expected(long a, long b, long c, int forked_value_nonzero)
{
	long xs[DEPTH + 1], ys[DEPTH + 1], zs[DEPTH + 1], r;
	int n;

	for (n = DEPTH; n >= 0; n--) {
		xs[n] = mix(a, n);
		ys[n] = mix(b, xs[n]);
		zs[n] = mix(c, ys[n]);
		a = xs[n];
		b = ys[n];
		c = zs[n];
	}
	r = forked_value_nonzero;
	for (n = 0; n <= DEPTH; n++)
		r = (r == 0 ? 0 : 1) + ((xs[n] ^ ys[n] ^ zs[n]) & 0xff);
	return r;
}

/* One run: returns through DEPTH frames in both processes; the child reports by exit status. */
static void run(const char *name, pid_t (*fn)(void))
{
	long got, want;
	char n[64];

	forker = fn;
	bad_frames = 0;
	got = descend(DEPTH, 1, 2, 3);
	if (bottom_pid == 0) {
		/* the child: exit 0 only if every frame kept its values */
		want = expected(1, 2, 3, 0);
		_exit(bad_frames == 0 && got == want ? 0 : 1 + (bad_frames > 0));
	}
	want = expected(1, 2, 3, 1);
	snprintf(n, sizeof(n), "deep.%s.parent_frames", name);
	ft_check(bottom_pid > 0 && bad_frames == 0 && got == want, n,
	    "fork returned %ld, %d frames lost values, result %ld want %ld", (long)bottom_pid,
	    bad_frames, got, want);
	if (bottom_pid > 0) {
		snprintf(n, sizeof(n), "deep.%s.child_frames", name);
		ft_child_ok(bottom_pid, n);
	}
}

static void *in_thread(void *arg)
{
	(void)arg;
	run("fork1_in_thread", fork1);
	return NULL;
}

int main(void)
{
	pthread_t t;

	run("fork1", fork1);
	run("forkall", forkall);
	if (pthread_create(&t, NULL, in_thread, NULL) == 0)
		pthread_join(t, NULL);
	else
		ft_fail("deep.thread", "pthread_create failed");
	return ft_done();
}
