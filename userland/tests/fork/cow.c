/*
 * cow.c — copy-on-write isolation (issue 3 acceptance): after fork, writes by the child to data,
 * bss, heap, stack and a MAP_PRIVATE mapping are invisible to the parent, and later writes by the
 * parent are invisible to the child (both directions), while a MAP_SHARED mapping and a SysV shm
 * segment stay shared both ways. Pages neither side writes keep their contents in both. The two
 * processes take turns through a pair of pipes.
 */
#include "ftest.h"
#include <sys/mman.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define PG 4096
#define HEAP_BYTES (16 * PG)
#define MAP_BYTES (4 * PG)

int data_var[PG / 4 + 1] = { 0x11111111 };	/* initialised data: more than one page */
int bss_var[PG / 4 + 1];			/* bss */

struct regions {
	int *heap;
	int *stack;
	int *priv;	/* mmap MAP_PRIVATE|MAP_ANON, or NULL */
	int *shared;	/* mmap MAP_SHARED|MAP_ANON, or NULL */
	int *shm;	/* shmat, or NULL */
};

static int p2c[2], c2p[2];

static void send_token(int fd)
{
	char c = 'x';
	write(fd, &c, 1);
}

static int wait_token(int fd)
{
	char c;
	return read(fd, &c, 1) == 1;
}

/* fill(): stamps `v` into the first and last word of every private region. */
static void fill(struct regions *r, int v)
{
	data_var[0] = v;
	data_var[PG / 4] = v + 1;
	bss_var[0] = v + 2;
	bss_var[PG / 4] = v + 3;
	r->heap[0] = v + 4;
	r->heap[HEAP_BYTES / 4 - 1] = v + 5;
	r->stack[0] = v + 6;
	r->stack[PG / 4 - 1] = v + 7;
	if (r->priv != NULL) {
		r->priv[0] = v + 8;
		r->priv[MAP_BYTES / 4 - 1] = v + 9;
	}
}

/* expect(): checks the private regions hold the stamps of fill(v); one PASS/FAIL per region. */
static void expect(struct regions *r, int v, const char *who)
{
	char n[80];

#define REGION(label, a, b, va, vb) do { \
		snprintf(n, sizeof(n), "cow.%s.%s", who, label); \
		ft_check((a) == (va) && (b) == (vb), n, "holds %#x/%#x, want %#x/%#x", (a), (b), (va), (vb)); \
	} while (0)
	REGION("data", data_var[0], data_var[PG / 4], v, v + 1);
	REGION("bss", bss_var[0], bss_var[PG / 4], v + 2, v + 3);
	REGION("heap", r->heap[0], r->heap[HEAP_BYTES / 4 - 1], v + 4, v + 5);
	REGION("stack", r->stack[0], r->stack[PG / 4 - 1], v + 6, v + 7);
	if (r->priv != NULL)
		REGION("mmap_private", r->priv[0], r->priv[MAP_BYTES / 4 - 1], v + 8, v + 9);
#undef REGION
}

/* The pages nobody writes after fork: the middle of the heap keeps the pattern everywhere. */
static int untouched_ok(struct regions *r)
{
	int i;

	for (i = PG / 4; i < HEAP_BYTES / 4 - PG / 4; i += 97)
		if (r->heap[i] != i * 3)
			return 0;
	return 1;
}

static void shared_check(struct regions *r, int want, const char *who, const char *what)
{
	char n[80];

	if (r->shared != NULL) {
		snprintf(n, sizeof(n), "cow.%s.mmap_shared_%s", who, what);
		ft_check(r->shared[0] == want && r->shared[MAP_BYTES / 4 - 1] == want + 1, n,
		    "holds %#x/%#x, want %#x/%#x", r->shared[0], r->shared[MAP_BYTES / 4 - 1], want, want + 1);
	}
	if (r->shm != NULL) {
		snprintf(n, sizeof(n), "cow.%s.shm_%s", who, what);
		ft_check(r->shm[0] == want + 2 && r->shm[PG / 4] == want + 3, n,
		    "holds %#x/%#x, want %#x/%#x", r->shm[0], r->shm[PG / 4], want + 2, want + 3);
	}
}

static void shared_write(struct regions *r, int v)
{
	if (r->shared != NULL) {
		r->shared[0] = v;
		r->shared[MAP_BYTES / 4 - 1] = v + 1;
	}
	if (r->shm != NULL) {
		r->shm[0] = v + 2;
		r->shm[PG / 4] = v + 3;
	}
}

#define BEFORE 0x1000
#define CHILD 0x2000
#define PARENT 0x3000
#define SHARED_C 0x4000
#define SHARED_P 0x5000

static void run(struct regions *r)
{
	pid_t pid;
	int i;

	for (i = 0; i < HEAP_BYTES / 4; i++)
		r->heap[i] = i * 3;
	fill(r, BEFORE);
	shared_write(r, 0);
	if (pipe(p2c) < 0 || pipe(c2p) < 0) {
		ft_fail("cow.pipes", "%s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		ft_fail("cow.fork", "%s", strerror(errno));
		return;
	}
	if (pid == 0) {
		ft_failures = 0;
		expect(r, BEFORE, "child_inherits");	/* the parent's values before fork */
		fill(r, CHILD);
		shared_write(r, SHARED_C);
		expect(r, CHILD, "child_own_writes");
		send_token(c2p[1]);			/* turn 1 done: child wrote */
		if (!wait_token(p2c[0]))		/* turn 2: parent wrote */
			ft_fail("cow.child.sync", "parent went away");
		expect(r, CHILD, "child_unaffected_by_parent");
		shared_check(r, SHARED_P, "child", "sees_parent_write");
		ft_check(untouched_ok(r), "cow.child.untouched_pages", "heap pattern changed");
		ft_child_exit();
	}
	if (!wait_token(c2p[0]))
		ft_fail("cow.parent.sync", "child went away");
	expect(r, BEFORE, "parent_unaffected_by_child");
	shared_check(r, SHARED_C, "parent", "sees_child_write");
	fill(r, PARENT);
	shared_write(r, SHARED_P);
	expect(r, PARENT, "parent_own_writes");
	send_token(p2c[1]);
	ft_child_ok(pid, "cow.child_checks");
	expect(r, PARENT, "parent_after_child_exit");
	ft_check(untouched_ok(r), "cow.parent.untouched_pages", "heap pattern changed");
}

/* A second generation: a grandchild's writes reach neither its parent nor the first process. */
static void generations(void)
{
	static int gen_var = 1;
	pid_t c;

	c = fork();
	if (c == 0) {
		pid_t g;
		ft_failures = 0;
		gen_var = 2;
		g = fork();
		if (g == 0) {
			gen_var = 3;
			exit(gen_var == 3 ? 0 : 1);
		}
		ft_child_ok(g, "cow.grandchild_exit");
		ft_check(gen_var == 2, "cow.child_after_grandchild", "gen_var %d, want 2", gen_var);
		ft_child_exit();
	}
	ft_child_ok(c, "cow.generations_child");
	ft_check(gen_var == 1, "cow.first_generation_unchanged", "gen_var %d, want 1", gen_var);
}

int main(void)
{
	struct regions r;
	int stackbuf[PG / 4];
	int shmid;

	memset(&r, 0, sizeof(r));
	r.stack = stackbuf;
	r.heap = malloc(HEAP_BYTES);
	if (r.heap == NULL) {
		ft_fail("cow.malloc", "%s", strerror(errno));
		return ft_done();
	}
	r.priv = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	if (!ft_check(r.priv != MAP_FAILED, "cow.mmap_private_setup", "mmap: %s", strerror(errno)))
		r.priv = NULL;
	r.shared = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	if (!ft_check(r.shared != MAP_FAILED, "cow.mmap_shared_setup", "mmap: %s", strerror(errno)))
		r.shared = NULL;
	shmid = shmget(IPC_PRIVATE, 2 * PG, IPC_CREAT | 0600);
	if (ft_check(shmid >= 0, "cow.shmget", "%s", strerror(errno))) {
		r.shm = shmat(shmid, NULL, 0);
		if (!ft_check(r.shm != (void *)-1, "cow.shmat", "%s", strerror(errno)))
			r.shm = NULL;
	}
	run(&r);
	generations();
	if (r.shm != NULL)
		ft_check(shmdt(r.shm) == 0, "cow.shmdt", "%s", strerror(errno));
	if (shmid >= 0)
		ft_check(shmctl(shmid, IPC_RMID, NULL) == 0, "cow.shm_rmid", "%s", strerror(errno));
	if (r.priv != NULL)
		munmap(r.priv, MAP_BYTES);
	if (r.shared != NULL)
		munmap(r.shared, MAP_BYTES);
	free(r.heap);
	return ft_done();
}
