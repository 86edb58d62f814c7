/*
 * init.c — /sbin/init, process 1 (plays the part of Solaris's init, much reduced). `init -c PROGRAM
 * ARGS...` (how `forkvm run` starts a program): fork, exec PROGRAM in the child with argv[0] = the
 * last component of PROGRAM, in a session and process group of its own (setsid, as a shell's job
 * gets its own group), so that kill(0, sig) in the program does not reach init, reap every child (orphans are re-parented to init) until PROGRAM's
 * process is reaped, then exit with its status (the exit code, or 128 + signal) without printing
 * anything. Plain `init` (`forkvm boot`): a
 * short demo of fork, copy-on-write, vfork, forkall vs fork1 and a process tree, then exit 0.
 * Leaves out inittab, run levels and respawning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sched.h>
#include <pthread.h>
#include <sys/wait.h>
#include <sys/lwp.h>

/* ------------------------------------------------------------------------------------------ */
/* init -c PROGRAM ARGS...                                                                     */

/* Exit status for the host: the exit code, or 128 + the signal that killed the program. */
static int host_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 255;
}

/* run_command(): argv[0] is PROGRAM, argv[1...] its arguments. */
static int run_command(char **argv)
{
	const char *prog = argv[0], *slash = strrchr(prog, '/');
	pid_t pid, w;
	int st = 0, junk;

	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		(void)setsid();
		argv[0] = (char *)(slash != NULL ? slash + 1 : prog);
		if (slash != NULL)
			execv(prog, argv);
		else
			execvp(prog, argv);
		fprintf(stderr, "init: cannot run %s: %s\n", prog, strerror(errno));
		_exit(127);
	}
	for (;;) {
		w = wait(&st);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			fprintf(stderr, "init: wait: %s\n", strerror(errno));
			return 127;
		}
		/* otherwise an orphan that was re-parented to us: reaped, nothing more to do */
	}
	while (waitpid(-1, &junk, WNOHANG) > 0)
		;	/* orphans that are already zombies */
	return host_status(st);
}

/* ------------------------------------------------------------------------------------------ */
/* The demo                                                                                     */

static int counter = 7;			/* data: copy-on-write after fork */
static volatile int worker_count;	/* advanced by the worker thread */
static volatile int worker_stop;

/* reap(): waits for pid; returns its status word (-1 on error). */
static int reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

static void demo_fork(void)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0) {
		counter = 42;
		printf("  fork:     child  pid %ld, getppid() = %ld, sets counter = %d\n",
		    (long)getpid(), (long)getppid(), counter);
		exit(3);
	}
	st = reap(pid);
	printf("  fork:     parent pid %ld, fork() returned %ld, child exited %d, counter still %d"
	    " (copy-on-write)\n", (long)getpid(), (long)pid, WEXITSTATUS(st), counter);
}

static void demo_vfork(void)
{
	char buf[48];
	volatile int step = 0;
	pid_t pid;
	int i, st;

	strcpy(buf, "untouched");
	pid = vfork();
	if (pid == 0) {
		step = 1;
		for (i = 0; i < 10; i++)
			sched_yield();	/* the parent still may not run */
		strcpy(buf, "written by the vfork child");
		step = 2;
		_exit(5);
	}
	st = reap(pid);
	printf("  vfork:    child %ld shared our stack: buf = \"%s\", step = %d when we resumed,"
	    " exit %d\n", (long)pid, buf, step, WEXITSTATUS(st));

	pid = vfork();
	if (pid == 0) {
		execl("/bin/hello", "hello", "from-a-vfork-child", (char *)NULL);
		_exit(127);
	}
	st = reap(pid);
	printf("  vfork:    + exec of /bin/hello by child %ld: exit %d\n", (long)pid, WEXITSTATUS(st));
}

static void *worker(void *arg)
{
	(void)arg;
	while (!worker_stop) {
		worker_count++;
		sched_yield();
	}
	return (void *)(long)worker_count;
}

/* In a child of forkall or fork1: does the copy of the worker thread run here? */
static void child_watch(const char *how, pthread_t w)
{
	int before = worker_count, i, err;

	for (i = 0; i < 200 && worker_count == before; i++)
		sched_yield();
	worker_stop = 1;
	err = pthread_join(w, NULL);
	printf("  %-8s  child %ld: worker count %d -> %d, pthread_join(worker) = %s\n", how,
	    (long)getpid(), before, worker_count, err == 0 ? "0 (a copy of the worker ran here)" :
	    err == ESRCH ? "ESRCH (only the forking thread was copied)" : strerror(err));
	exit(0);
}

static void demo_threads(void)
{
	pthread_t w;
	pid_t pid;

	worker_count = 0;
	worker_stop = 0;
	if (pthread_create(&w, NULL, worker, NULL) != 0) {
		printf("  threads:  pthread_create failed\n");
		return;
	}
	while (worker_count < 3)
		sched_yield();
	pid = forkall();
	if (pid == 0)
		child_watch("forkall:", w);
	reap(pid);
	pid = fork1();
	if (pid == 0)
		child_watch("fork1:", w);
	reap(pid);
	worker_stop = 1;
	pthread_join(w, NULL);
}

/* A small tree of processes; each reports its own (pid, ppid, name) through a pipe. */
struct rec {
	long pid, ppid;
	char name[16];
};

static void member(int out, int hold, const char *name)
{
	struct rec r;
	char c;

	memset(&r, 0, sizeof(r));
	r.pid = getpid();
	r.ppid = getppid();
	strncpy(r.name, name, sizeof(r.name) - 1);
	write(out, &r, sizeof(r));
	while (read(hold, &c, 1) > 0)
		;	/* stay alive until init closes the hold pipe */
}

static void print_tree(struct rec *recs, int n, long ppid, int depth)
{
	int i;

	for (i = 0; i < n; i++) {
		if (recs[i].ppid != ppid || recs[i].pid == ppid)
			continue;
		printf("    %5ld %5ld  %*s%s%s\n", recs[i].pid, recs[i].ppid, depth * 3, "",
		    depth > 0 ? "\\_ " : "", recs[i].name);
		print_tree(recs, n, recs[i].pid, depth + 1);
	}
}

static void demo_tree(void)
{
	int rep[2], hold[2], n = 0, i;
	struct rec recs[8];
	pid_t a, b;

	if (pipe(rep) < 0 || pipe(hold) < 0) {
		printf("  ps:       pipe failed\n");
		return;
	}
	a = fork();
	if (a == 0) {
		close(hold[1]);
		if (fork() == 0) {
			member(rep[1], hold[0], "shell");
			exit(0);
		}
		if (fork() == 0) {
			if (fork() == 0) {
				member(rep[1], hold[0], "job");
				exit(0);
			}
			member(rep[1], hold[0], "pipeline");
			wait(NULL);
			exit(0);
		}
		member(rep[1], hold[0], "session");
		while (wait(NULL) > 0)
			;
		exit(0);
	}
	b = fork();
	if (b == 0) {
		close(hold[1]);
		member(rep[1], hold[0], "daemon");
		exit(0);
	}
	close(rep[1]);
	close(hold[0]);
	recs[n].pid = getpid();
	recs[n].ppid = getppid();
	strcpy(recs[n].name, "init");
	n++;
	while (n < 6 && read(rep[0], &recs[n], sizeof(recs[n])) == (ssize_t)sizeof(recs[n]))
		n++;
	for (i = 1; i < n; i++) {	/* by pid, so siblings print in creation order */
		struct rec r = recs[i];
		int j = i;
		for (; j > 0 && recs[j - 1].pid > r.pid; j--)
			recs[j] = recs[j - 1];
		recs[j] = r;
	}
	printf("  ps:         PID  PPID  COMMAND (each process reported its own getpid/getppid)\n");
	print_tree(recs, n, 0, 0);
	close(hold[1]);
	close(rep[0]);
	for (i = 0; i < 2; i++)
		wait(NULL);
}

static int demo(void)
{
	printf("forkvm init: pid %ld, SPARC V8, Solaris 2006 fork layer\n", (long)getpid());
	demo_fork();
	demo_vfork();
	demo_threads();
	demo_tree();
	printf("forkvm init: done\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
		if (argc < 3) {
			fprintf(stderr, "usage: init [-c PROGRAM [ARGS...]]\n");
			return 2;
		}
		return run_command(argv + 2);
	}
	return demo();
}
