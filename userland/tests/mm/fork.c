/*
 * fork.c — memory across fork: MAP_SHARED anonymous memory stays shared (both directions, pages
 * first touched by the child included); MAP_PRIVATE is copied on write in both directions; a SysV
 * shm segment is visible to parent and child, counted in shm_nattch for both, and detached when
 * the child exits; and the deaths: touching an unmapped page, writing a PROT_READ mapping or a
 * SHM_RDONLY attach kill the child with SIGSEGV. Prints PASS/FAIL per check; exits 0 only if all pass.
 */
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include "mmtest.h"

#define RW (PROT_READ | PROT_WRITE)
#define BAD ((void *)-1)

static pid_t xfork(void)
{
	fflush(stdout);
	return fork();
}

static void test_shared(void)
{
	volatile char *s = mmap(0, 2 * PG, RW, MAP_SHARED | MAP_ANON, -1, 0);
	pid_t pid;
	int st;

	CHECK("shared_map", s != MAP_FAILED);
	if (s == MAP_FAILED)
		return;
	s[0] = 1;
	pid = xfork();
	if (pid == 0) {
		if (s[0] != 1)
			_exit(2);
		s[0] = 2;
		s[PG] = 3;	/* first touched in the child */
		_exit(0);
	}
	st = reap(pid);
	CHECK("shared_child_ok", EXITED_OK(st));
	CHECK("shared_parent_sees_child_writes", s[0] == 2 && s[PG] == 3);
	munmap((void *)s, 2 * PG);
}

static void test_private(void)
{
	volatile char *m = mmap(0, 2 * PG, RW, MAP_PRIVATE | MAP_ANON, -1, 0);
	int fds[2] = { -1, -1 };
	char c;
	pid_t pid;
	int st;

	CHECK("private_map", m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	m[0] = 10;
	pid = xfork();
	if (pid == 0) {
		if (m[0] != 10)
			_exit(2);
		m[0] = 11;
		m[PG] = 12;
		_exit(m[0] == 11 && m[PG] == 12 ? 0 : 3);
	}
	st = reap(pid);
	CHECK("private_child_sees_copy_and_writes", EXITED_OK(st));
	CHECK("private_child_write_not_seen", m[0] == 10 && m[PG] == 0);

	/* Other direction: the parent writes after fork; the child must keep the old value. */
	CHECK("pipe", pipe(fds) == 0);
	if (fds[0] < 0)
		return;
	pid = xfork();
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(4);
		_exit(m[0] == 10 ? 0 : 5);
	}
	close(fds[0]);
	m[0] = 20;
	c = 'g';
	write(fds[1], &c, 1);
	close(fds[1]);
	st = reap(pid);
	CHECK("private_parent_write_not_seen", EXITED_OK(st) && m[0] == 20);
	munmap((void *)m, 2 * PG);
}

static void test_shm(void)
{
	struct mm_shmid_ds ds;
	volatile char *a;
	pid_t pid;
	int st;
	int id = shmget(IPC_PRIVATE, PG, IPC_CREAT | 0600);

	CHECK("fork_shmget", id >= 0);
	a = id >= 0 ? shmat(id, 0, 0) : BAD;
	CHECK("fork_shmat", a != BAD);
	if (a == BAD)
		return;
	a[0] = 5;
	pid = xfork();
	if (pid == 0) {
		if (a[0] != 5)
			_exit(2);
		if (shmctl(id, IPC_STAT, (struct shmid_ds *)&ds) != 0 || ds.shm_nattch != 2)
			_exit(3);
		a[0] = 6;
		_exit(0);	/* no shmdt: exit detaches */
	}
	st = reap(pid);
	CHECK("fork_shm_child_sees_and_nattch_2", EXITED_OK(st));
	CHECK("fork_shm_parent_sees_child_write", a[0] == 6);
	CHECK("fork_shm_exit_detaches", shmctl(id, IPC_STAT, (struct shmid_ds *)&ds) == 0 && ds.shm_nattch == 1);

	/* Removed while both are attached: alive until the last of the two detaches. */
	pid = xfork();
	if (pid == 0) {
		if (shmctl(id, IPC_RMID, 0) != 0)
			_exit(2);
		a[1] = 7;
		_exit(shmdt((void *)a) == 0 ? 0 : 3);
	}
	st = reap(pid);
	CHECK("fork_shm_rmid_in_child", EXITED_OK(st) && a[1] == 7);
	CHECK("fork_shm_rmid_gone", FAILS_WITH(shmctl(id, IPC_STAT, (struct shmid_ds *)&ds), -1, EINVAL));
	CHECK("fork_shm_last_detach", shmdt((void *)a) == 0);
}

static void test_deaths(void)
{
	volatile char *p;
	pid_t pid;
	int id, st;

	p = mmap(0, PG, RW, MAP_PRIVATE | MAP_ANON, -1, 0);
	pid = xfork();
	if (pid == 0) {
		p[0] = 1;
		munmap((void *)p, PG);
		p[0] = 2;	/* SIGSEGV */
		_exit(0);
	}
	st = reap(pid);
	CHECK("munmap_then_access_sigsegv", KILLED_BY(st, SIGSEGV));
	CHECK("munmap_in_child_not_parent", p[0] == 0);

	p = mmap(0, PG, PROT_READ, MAP_PRIVATE | MAP_ANON, -1, 0);
	pid = xfork();
	if (pid == 0) {
		if (p[0] != 0)
			_exit(2);
		p[0] = 1;	/* SIGSEGV */
		_exit(0);
	}
	st = reap(pid);
	CHECK("prot_read_write_sigsegv", KILLED_BY(st, SIGSEGV));

	id = shmget(IPC_PRIVATE, PG, IPC_CREAT | 0600);
	p = shmat(id, 0, SHM_RDONLY);
	pid = xfork();
	if (pid == 0) {
		if (p[0] != 0)
			_exit(2);
		p[0] = 1;	/* SIGSEGV */
		_exit(0);
	}
	st = reap(pid);
	CHECK("shm_rdonly_write_sigsegv", KILLED_BY(st, SIGSEGV));
	shmdt((void *)p);
	shmctl(id, IPC_RMID, 0);
}

int main(void)
{
	test_shared();
	test_private();
	test_shm();
	test_deaths();
	return done("mm_fork");
}
