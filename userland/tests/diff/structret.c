/*
 * structret.c — functions returning structures. The 32-bit SPARC ABI passes the result address
 * at [%sp+64], and the caller puts an `unimp <size>` word after the call's delay slot, which the
 * callee skips by returning to %i7+12. Sizes from 1 byte to 100 bytes, nested and chained calls.
 */
#include <stdio.h>

#define NOINLINE __attribute__((noinline))

struct s1 { char c; };
struct s4 { int a; };
struct s8 { int a, b; };
struct s12 { int a, b, c; };
struct s6 { short a, b, c; };
struct big { int v[25]; };

static volatile int seed = 3;

static NOINLINE struct s1 mk1(int x) { struct s1 r; r.c = (char)(x * 7); return r; }
static NOINLINE struct s4 mk4(int x) { struct s4 r; r.a = x * 1000 + 1; return r; }
static NOINLINE struct s8 mk8(int x) { struct s8 r; r.a = x; r.b = -x; return r; }
static NOINLINE struct s12 mk12(int x) { struct s12 r; r.a = x; r.b = x * x; r.c = x * x * x; return r; }
static NOINLINE struct s6 mk6(int x) { struct s6 r; r.a = (short)x; r.b = (short)(x << 4); r.c = (short)-x; return r; }

static NOINLINE struct big mkbig(int x)
{
	struct big r;
	int i;
	for (i = 0; i < 25; i++)
		r.v[i] = x * (i + 1) ^ (i << 8);
	return r;
}

/* a struct built from two struct-returning calls */
static NOINLINE struct s12 combine(int x)
{
	struct s8 p = mk8(x);
	struct s12 q = mk12(x + 1);
	q.a += p.a;
	q.b += p.b;
	return q;
}

static NOINLINE int sum_big(struct big b)
{
	int i, s = 0;
	for (i = 0; i < 25; i++)
		s += b.v[i];
	return s;
}

int main(void)
{
	int i;

	printf("structret:\n");
	for (i = -2; i < 6; i++) {
		int x = i * seed;
		struct s1 a = mk1(x);
		struct s4 b = mk4(x);
		struct s8 c = mk8(x);
		struct s12 d = mk12(x);
		struct s6 e = mk6(x);
		struct s12 f = combine(x);
		struct big g = mkbig(x);
		printf("x=%d s1 %d s4 %d s8 %d,%d s12 %d,%d,%d s6 %d,%d,%d combine %d,%d,%d big %d,%d sum %d\n",
		    x, a.c, b.a, c.a, c.b, d.a, d.b, d.c, e.a, e.b, e.c, f.a, f.b, f.c, g.v[0], g.v[24], sum_big(g));
	}
	printf("chained: %d %d\n", mk12(mk8(mk4(seed).a).b).c, mkbig(mk12(seed).b).v[3]);
	printf("structret: done\n");
	return 0;
}
