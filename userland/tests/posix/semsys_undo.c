/*
 * semsys_undo.c — System V semaphores and fork/exit: SEM_UNDO adjust values are applied when a
 * process exits and are cleared in a fork child (so a child that exits without touching the set
 * changes nothing, and one that does undoes only its own operations); a blocked semop sleeps
 * until another process's semop lets it through (GETNCNT/GETZCNT count it), is interrupted by a
 * signal (EINTR) and ends with EIDRM when the set is removed. Then semctl's commands and the
 * errors: EINVAL, EFBIG, ERANGE, E2BIG, EAGAIN, ENOENT, EEXIST, EFAULT.
 */
#include <sys/sem.h>
#include <signal.h>
#include <time.h>
#include "../fork/ftest.h"

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		continue;
}

static int getval(int id, int n)
{
	return semctl(id, n, GETVAL);
}

static int op1(int id, int num, int op, int flg)
{
	struct sembuf b;

	b.sem_num = (unsigned short)num;
	b.sem_op = (short)op;
	b.sem_flg = (short)flg;
	return semop(id, &b, 1);
}

static void on_alarm(int sig)
{
	(void) sig;
}

int main(void)
{
	union semun arg;
	struct semid_ds ds;
	struct sembuf ops[2], big[600];
	struct sigaction sa;
	struct timespec ts;
	unsigned short vals[3];
	int id, id2, v, st;
	pid_t pid;

	id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	ft_check(id >= 0, "semget IPC_PRIVATE 3", "errno %d", errno);
	ft_check(getval(id, 0) == 0 && getval(id, 2) == 0, "new semaphores are 0", "%d %d", getval(id, 0), getval(id, 2));
	arg.val = 5;
	ft_check(semctl(id, 0, SETVAL, arg) == 0 && getval(id, 0) == 5, "SETVAL/GETVAL", "errno %d val %d", errno, getval(id, 0));
	ft_check(semctl(id, 0, GETPID) == getpid(), "GETPID after SETVAL", "got %d", semctl(id, 0, GETPID));

	/* The parent's SEM_UNDO adjustment is not the child's. */
	ft_check(op1(id, 0, 1, SEM_UNDO) == 0 && getval(id, 0) == 6, "parent semop +1 SEM_UNDO", "val %d", getval(id, 0));
	pid = fork();
	if (pid == 0)
		_exit(0);
	st = ft_wait(pid, "idle child");
	ft_check(st == 0 && getval(id, 0) == 6, "a child's exit does not apply the parent's adjustment (semadj cleared at fork)",
	    "val %d", getval(id, 0));
	pid = fork();
	if (pid == 0) {
		ft_check(op1(id, 0, -2, SEM_UNDO) == 0 && getval(id, 0) == 4, "child: semop -2 SEM_UNDO", "val %d", getval(id, 0));
		ft_check(op1(id, 1, 3, SEM_UNDO) == 0, "child: semop +3 SEM_UNDO on sem 1", "errno %d", errno);
		ft_check(op1(id, 1, 1, 0) == 0, "child: semop +1 without undo", "errno %d", errno);
		ft_child_exit();
	}
	ft_child_ok(pid, "undo child");
	ft_check(getval(id, 0) == 6, "the child's exit undid its -2 only", "val %d", getval(id, 0));
	ft_check(getval(id, 1) == 1, "the child's exit undid its +3, not the +1", "val %d", getval(id, 1));
	ft_check(semctl(id, 1, GETPID) == pid, "GETPID: the exiting child adjusted it", "got %d want %ld", semctl(id, 1, GETPID), (long)pid);

	/* An exiting process's adjustments wake a waiter. */
	arg.val = 0;
	(void) semctl(id, 2, SETVAL, arg);
	pid = fork();
	if (pid == 0) {
		ft_check(op1(id, 2, 1, SEM_UNDO) == 0, "child: +1 SEM_UNDO on sem 2", "errno %d", errno);
		nap(100);
		_exit(ft_failures ? 1 : 0);
	}
	nap(50);
	ft_check(op1(id, 2, 0, 0) == 0 && getval(id, 2) == 0, "wait-for-zero returns after the child's exit undoes its +1",
	    "val %d", getval(id, 2));
	ft_child_ok(pid, "undo-at-exit child");

	/* A blocked semop sleeps until a semop of another process; GETNCNT counts it. */
	arg.val = 0;
	(void) semctl(id, 1, SETVAL, arg);
	pid = fork();
	if (pid == 0) {
		ft_check(op1(id, 1, -2, 0) == 0, "child: semop -2 sleeps until the value is 2", "errno %d", errno);
		ft_child_exit();
	}
	nap(100);
	ft_check(semctl(id, 1, GETNCNT) == 1, "GETNCNT: one waiter", "got %d", semctl(id, 1, GETNCNT));
	ft_check(op1(id, 1, 1, 0) == 0, "post 1", "errno %d", errno);
	nap(50);
	ft_check(waitpid(pid, NULL, WNOHANG) == 0 && getval(id, 1) == 1, "1 is not enough: still asleep", "val %d", getval(id, 1));
	ft_check(op1(id, 1, 1, 0) == 0, "post another", "errno %d", errno);
	ft_child_ok(pid, "blocked semop child");
	ft_check(getval(id, 1) == 0 && semctl(id, 1, GETNCNT) == 0, "the waiter took both", "val %d", getval(id, 1));

	/* A sleeper killed in semop is no longer counted. */
	pid = fork();
	if (pid == 0) {
		(void) op1(id, 1, -1, 0);
		_exit(1);
	}
	nap(100);
	ft_check(semctl(id, 1, GETNCNT) == 1, "GETNCNT: the child sleeps", "got %d", semctl(id, 1, GETNCNT));
	(void) kill(pid, SIGKILL);
	st = ft_wait(pid, "killed sleeper");
	ft_check(WIFSIGNALED(st) && semctl(id, 1, GETNCNT) == 0 && getval(id, 1) == 0, "killed in semop: GETNCNT back to 0",
	    "ncnt %d val %d", semctl(id, 1, GETNCNT), getval(id, 1));

	/* Atomic arrays: none of the operations happens unless all can. */
	ops[0].sem_num = 0; ops[0].sem_op = -1; ops[0].sem_flg = IPC_NOWAIT;
	ops[1].sem_num = 1; ops[1].sem_op = -1; ops[1].sem_flg = IPC_NOWAIT;
	v = getval(id, 0);
	ft_errno(semop(id, ops, 2), EAGAIN, "array with one op that would block: EAGAIN");
	ft_check(getval(id, 0) == v, "and the other op was not done", "val %d want %d", getval(id, 0), v);

	/* GETZCNT, EINTR. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	(void) sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	ft_errno(op1(id, 0, 0, 0), EINTR, "wait-for-zero interrupted by SIGALRM: EINTR");
	ft_check(semctl(id, 0, GETZCNT) == 0, "GETZCNT back to 0", "got %d", semctl(id, 0, GETZCNT));

	/* semtimedop: EAGAIN at the timeout. */
	ts.tv_sec = 0;
	ts.tv_nsec = 50000000;
	ft_errno(semtimedop(id, ops + 1, 1, &ts), EAGAIN, "semtimedop times out: EAGAIN");
	ts.tv_nsec = 1000000000;
	ft_errno(semtimedop(id, ops + 1, 1, &ts), EINVAL, "semtimedop bad timespec: EINVAL");

	/* GETALL / SETALL / IPC_STAT / IPC_SET. */
	vals[0] = 1; vals[1] = 2; vals[2] = 3;
	arg.array = vals;
	ft_check(semctl(id, 0, SETALL, arg) == 0, "SETALL", "errno %d", errno);
	memset(vals, 0, sizeof(vals));
	ft_check(semctl(id, 0, GETALL, arg) == 0 && vals[0] == 1 && vals[1] == 2 && vals[2] == 3, "GETALL",
	    "%u %u %u", vals[0], vals[1], vals[2]);
	arg.buf = &ds;
	ft_check(semctl(id, 0, IPC_STAT, arg) == 0 && ds.sem_nsems == 3 && (ds.sem_perm.mode & 0777) == 0600 &&
	    ds.sem_perm.uid == getuid(), "IPC_STAT", "nsems %u mode %lo", ds.sem_nsems, (unsigned long)ds.sem_perm.mode);
	ds.sem_perm.mode = 0640;
	ft_check(semctl(id, 0, IPC_SET, arg) == 0 && semctl(id, 0, IPC_STAT, arg) == 0 && (ds.sem_perm.mode & 0777) == 0640,
	    "IPC_SET mode", "mode %lo", (unsigned long)ds.sem_perm.mode);

	/* Errors. */
	arg.val = 65536;
	ft_errno(semctl(id, 0, SETVAL, arg), ERANGE, "SETVAL 65536 (> USHRT_MAX): ERANGE");
	arg.val = -1;
	ft_errno(semctl(id, 0, SETVAL, arg), ERANGE, "SETVAL -1: ERANGE");
	ft_errno(semctl(id, 3, GETVAL), EINVAL, "GETVAL semnum out of range: EINVAL");
	ft_errno(semctl(id, 0, 99), EINVAL, "unknown command: EINVAL");
	ft_errno(semctl(id + 1000, 0, GETVAL), EINVAL, "unknown id: EINVAL");
	arg.buf = (struct semid_ds *)8;
	ft_errno(semctl(id, 0, IPC_STAT, arg), EFAULT, "IPC_STAT to a bad address: EFAULT");
	ft_errno(op1(id, 3, 1, 0), EFBIG, "sem_num out of range: EFBIG");
	arg.val = 65535;
	ft_check(semctl(id, 0, SETVAL, arg) == 0 && getval(id, 0) == 65535, "SETVAL 65535", "errno %d", errno);
	ft_errno(op1(id, 0, 1, 0), ERANGE, "semop past USHRT_MAX: ERANGE");
	ft_check(getval(id, 0) == 65535, "and the value is unchanged", "val %d", getval(id, 0));
	arg.val = 1;
	(void) semctl(id, 0, SETVAL, arg);
	ft_check(semop(id, ops, 0) == 0, "semop with no operations: 0", "errno %d", errno);
	memset(big, 0, sizeof(big));
	ft_errno(semop(id, big, 600), E2BIG, "600 operations: E2BIG");
	ft_errno(semop(id + 1000, big, 600), EINVAL, "600 operations on an unknown id: EINVAL");
	ft_errno(semop(id, (struct sembuf *)8, 1), EFAULT, "sops at a bad address: EFAULT");
	ft_errno(semget(0x5e3a, 1, 0600), ENOENT, "semget of a missing key: ENOENT");
	ft_errno(semget(IPC_PRIVATE, 0, 0600), EINVAL, "semget nsems 0: EINVAL");
	ft_errno(semget(IPC_PRIVATE, 513, 0600), EINVAL, "semget nsems 513: EINVAL");
	id2 = semget(0x5e3a, 2, IPC_CREAT | 0600);
	ft_check(id2 >= 0 && semget(0x5e3a, 1, 0600) == id2, "semget by key finds the set", "errno %d", errno);
	ft_errno(semget(0x5e3a, 1, IPC_CREAT | IPC_EXCL | 0600), EEXIST, "IPC_CREAT|IPC_EXCL on an existing key: EEXIST");
	ft_errno(semget(0x5e3a, 3, 0600), EINVAL, "more semaphores than the set has: EINVAL");

	/* IPC_RMID wakes a sleeper with EIDRM. */
	pid = fork();
	if (pid == 0) {
		ft_errno(op1(id2, 0, -1, 0), EIDRM, "child: the set was removed under its semop: EIDRM");
		ft_child_exit();
	}
	nap(100);
	ft_check(semctl(id2, 0, IPC_RMID) == 0, "IPC_RMID", "errno %d", errno);
	ft_child_ok(pid, "EIDRM child");
	ft_errno(semctl(id2, 0, GETVAL), EINVAL, "a removed set: EINVAL");
	ft_check(op1(id, 0, -1, SEM_UNDO) == 0, "an adjustment left at exit", "errno %d", errno);
	ft_check(semctl(id, 0, IPC_RMID) == 0, "IPC_RMID with an undo record", "errno %d", errno);
	return ft_done();
}
