/*
 * mmtest.h — shared by the userland/tests/mm programs: the CHECK macro (prints "PASS name" or
 * "FAIL name ..." and counts failures), a page size, helpers to run a child and read its fate,
 * and the 32-bit Solaris struct shmid_ds layout (sys/shm.h leaves the struct opaque), named
 * mm_shmid_ds so that it cannot clash with a later definition in the header.
 */
#ifndef MMTEST_H
#define MMTEST_H

#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

#define PG 4096

static volatile int failures;	/* volatile: see sig/sigtest.h */

#define CHECK(name, cond) do { \
	if (cond) printf("PASS %s\n", name); \
	else { failures++; printf("FAIL %s (line %d, errno %d)\n", name, __LINE__, errno); } \
} while (0)

/* The expected error: the call returned its failure value and errno is e. */
#define FAILS_WITH(ret, bad, e) ((ret) == (bad) && errno == (e))

/* struct ipc_perm + struct shmid_ds, 32-bit Solaris (112 bytes). */
struct mm_shmid_ds {
	unsigned int uid, gid, cuid, cgid;
	unsigned long mode;
	unsigned int seq;
	int key;
	int pad[4];
	unsigned long shm_segsz;
	void *shm_amp;
	unsigned short shm_lkcnt;
	long shm_lpid;
	long shm_cpid;
	unsigned long shm_nattch;
	unsigned long shm_cnattch;
	long shm_atime, shm_pad1, shm_dtime, shm_pad2, shm_ctime, shm_pad3;
	int shm_pad4[4];
};

/* Wait for child pid; returns its raw status word, or -1 when fork or waitpid failed. */
static int reap(pid_t pid)
{
	int st = 0;
	if (pid <= 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* True when status st says the child exited with code 0 (st is evaluated more than once). */
#define EXITED_OK(st) ((st) != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
/* True when status st says the child was killed by signal sig. */
#define KILLED_BY(st, sig) ((st) != -1 && WIFSIGNALED(st) && WTERMSIG(st) == (sig))

static int done(const char *prog)
{
	printf("%s: %s (%d failed)\n", prog, failures ? "FAILED" : "all passed", failures);
	return failures ? 1 : 0;
}

#endif
