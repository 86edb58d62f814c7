/*
 * forkall_zombie.c — zombie lwps across fork: a thread that has exited but was not joined is a
 * zombie lwp; forkall replicates it (the child can join it and gets its value from its copy of
 * the library's table), fork1 does not (joining it in the child is ESRCH). Exit 0 when all pass.
 */
#include <stdio.h>
#include <unistd.h>
#include <pthread.h>
#include <sched.h>
#include <errno.h>
#include <sys/wait.h>

static volatile int done;
static void *quick(void *arg) { done = 1; return arg; }

static int check_child(pid_t pid, const char *name) {
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		printf("FAIL %s (status %x)\n", name, st);
		return 1;
	}
	printf("PASS %s\n", name);
	return 0;
}

int main(void) {
	int fails = 0;
	for (int use_forkall = 1; use_forkall >= 0; use_forkall--) {
		pthread_t t;
		void *v = 0;
		done = 0;
		if (pthread_create(&t, NULL, quick, (void *)1234) != 0) { printf("FAIL create\n"); return 1; }
		while (!done) sched_yield();
		for (int i = 0; i < 10; i++) sched_yield();   /* let it reach lwp_exit: now a zombie lwp */
		pid_t pid = use_forkall ? forkall() : fork1();
		if (pid == 0) {
			int r = pthread_join(t, &v);
			if (use_forkall) _exit(r == 0 && v == (void *)1234 ? 0 : 1);
			_exit(r == ESRCH ? 0 : 2);
		}
		fails += check_child(pid, use_forkall ? "forkall.child_joins_replicated_zombie" : "fork1.child_has_no_zombie_copy");
		if (pthread_join(t, &v) != 0 || v != (void *)1234) { printf("FAIL parent_join\n"); fails++; }
		else printf("PASS %s.parent_join\n", use_forkall ? "forkall" : "fork1");
	}
	return fails != 0;
}
