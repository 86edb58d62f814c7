/*
 * shm.c — System V shared memory without fork: shmget (IPC_PRIVATE, keys, IPC_CREAT/IPC_EXCL,
 * size rules), shmat (kernel-chosen, SHM_RND, SHM_RDONLY, busy and misaligned addresses), two
 * attaches of one segment aliasing each other, shmctl IPC_STAT/IPC_SET/IPC_RMID (a removed
 * segment lives until its last detach), shmdt, shmids, and their errors. Prints PASS/FAIL per check;
 * exits 0 only if all pass.
 */
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include "mmtest.h"

#define BAD ((void *)-1)

extern int shmsys(int op, ...);	/* subcode 4: shmids(buf, nids, pnids) */

static int stat_of(int id, struct mm_shmid_ds *ds)
{
	memset(ds, 0xff, sizeof *ds);
	return shmctl(id, IPC_STAT, (struct shmid_ds *)ds);
}

static void test_attach(void)
{
	struct mm_shmid_ds ds;
	volatile char *a, *b;
	int id = shmget(IPC_PRIVATE, 2 * PG + 100, IPC_CREAT | 0600);
	int i, zero = 1;

	CHECK("shmget_private", id >= 0);
	if (id < 0)
		return;
	a = shmat(id, 0, 0);
	CHECK("shmat_kernel_chosen", a != BAD && ((unsigned long)a & (PG - 1)) == 0);
	if (a == BAD)
		return;
	for (i = 0; i < 3 * PG; i++)
		if (a[i] != 0)
			zero = 0;
	CHECK("shm_zero_filled_rounded_to_pages", zero);
	a[0] = 'a';
	a[2 * PG + 99] = 'z';
	b = shmat(id, 0, 0);
	CHECK("shmat_second", b != BAD && b != a);
	if (b != BAD) {
		CHECK("shm_attaches_alias", b[0] == 'a' && b[2 * PG + 99] == 'z');
		b[PG] = 'm';
		CHECK("shm_alias_back", a[PG] == 'm');
	}
	CHECK("ipc_stat", stat_of(id, &ds) == 0);
	CHECK("ipc_stat_fields", ds.shm_segsz == 2 * PG + 100 && ds.shm_nattch == 2 &&
	    ds.shm_cpid == getpid() && ds.shm_lpid == getpid() && (ds.mode & 0777) == 0600 &&
	    ds.key == IPC_PRIVATE && ds.shm_lkcnt == 0);
	if (b != BAD) {
		CHECK("shmdt", shmdt((void *)b) == 0);
		CHECK("shmdt_nattch", stat_of(id, &ds) == 0 && ds.shm_nattch == 1);
		CHECK("shmdt_twice_einval", FAILS_WITH(shmdt((void *)b), -1, EINVAL));
	}
	CHECK("shmdt_not_attach_addr", FAILS_WITH(shmdt((void *)(a + PG)), -1, EINVAL));
	CHECK("shmat_busy_einval", FAILS_WITH(shmat(id, (void *)a, 0), BAD, EINVAL));
	CHECK("shmat_unaligned_einval", FAILS_WITH(shmat(id, (void *)0x40000100, 0), BAD, EINVAL));
	b = shmat(id, (void *)0x40000100, SHM_RND);
	CHECK("shmat_rnd", b == (char *)0x40000000 && b[0] == 'a');
	if (b != BAD)
		shmdt((void *)b);
	b = shmat(id, 0, SHM_RDONLY);
	CHECK("shmat_rdonly_reads", b != BAD && b[PG] == 'm');
	if (b != BAD)
		shmdt((void *)b);
	CHECK("ipc_stat_efault", FAILS_WITH(shmctl(id, IPC_STAT, (struct shmid_ds *)8), -1, EFAULT));

	ds.mode = 0640;
	CHECK("ipc_set", shmctl(id, IPC_SET, (struct shmid_ds *)&ds) == 0 && stat_of(id, &ds) == 0 &&
	    (ds.mode & 0777) == 0640);
	CHECK("shmctl_bad_cmd", FAILS_WITH(shmctl(id, 99, 0), -1, EINVAL));

	/* IPC_RMID while attached: the id is gone, the memory lives until the last detach. */
	CHECK("ipc_rmid", shmctl(id, IPC_RMID, 0) == 0);
	a[1] = 'r';
	CHECK("rmid_attach_still_works", a[0] == 'a' && a[1] == 'r');
	CHECK("rmid_no_new_attach", FAILS_WITH(shmat(id, 0, 0), BAD, EINVAL));
	CHECK("rmid_no_stat", FAILS_WITH(stat_of(id, &ds), -1, EINVAL));
	CHECK("rmid_last_detach", shmdt((void *)a) == 0);
}

static void test_keys(void)
{
	int id2 = shmget(0x1234, PG, IPC_CREAT | 0600);
	int p1, p2, ids[8];
	unsigned int n = 99;

	CHECK("shmget_key_create", id2 >= 0);
	CHECK("shmget_key_lookup", shmget(0x1234, 0, 0) == id2);
	CHECK("shmids_lists_id", shmsys(4, ids, 8, &n) == 0 && n == 1 && ids[0] == id2);
	n = 99;
	CHECK("shmids_count_only", shmsys(4, ids, 0, &n) == 0 && n == 1);
	CHECK("shmget_key_creat_existing", shmget(0x1234, PG, IPC_CREAT | 0600) == id2);
	CHECK("shmget_eexist", FAILS_WITH(shmget(0x1234, PG, IPC_CREAT | IPC_EXCL | 0600), -1, EEXIST));
	CHECK("shmget_einval_bigger", FAILS_WITH(shmget(0x1234, 2 * PG, 0), -1, EINVAL));
	CHECK("shmget_enoent", FAILS_WITH(shmget(0x5678, PG, 0), -1, ENOENT));
	CHECK("shmget_einval_size0", FAILS_WITH(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600), -1, EINVAL));
	CHECK("shmget_einval_too_big", FAILS_WITH(shmget(IPC_PRIVATE, 64 * 1024 * 1024, IPC_CREAT | 0600), -1, EINVAL));
	p1 = shmget(IPC_PRIVATE, PG, 0600);
	p2 = shmget(IPC_PRIVATE, PG, 0600);
	CHECK("shmget_private_distinct", p1 >= 0 && p2 >= 0 && p1 != p2);
	CHECK("shmctl_rmid_private", shmctl(p1, IPC_RMID, 0) == 0 && shmctl(p2, IPC_RMID, 0) == 0);
	CHECK("shmat_einval_bad_id", FAILS_WITH(shmat(-5, 0, 0), BAD, EINVAL));
	CHECK("shmctl_rmid_key", shmctl(id2, IPC_RMID, 0) == 0);
	CHECK("rmid_key_gone", FAILS_WITH(shmget(0x1234, 0, 0), -1, ENOENT));
}

int main(void)
{
	test_attach();
	test_keys();
	return done("mm_shm");
}
