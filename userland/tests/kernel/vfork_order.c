/*
 * vfork_order.c — vfork semantics: the child borrows the parent's address space (a store in the
 * child is seen by the parent), the parent does not run until the child calls _exit or exec, even
 * when the child yields, and vfork + exec runs the new image. Prints PASS/FAIL; exit 0 on PASS.
 */
#include <stdio.h>
#include <unistd.h>
#include <sched.h>
#include <sys/wait.h>
#include <stdlib.h>

volatile int shared = 0;
volatile int order = 0;

int main(int argc, char **argv) {
	int fails = 0, st;
	if (argc > 1) return 42;                       /* the exec'd image */

	pid_t pid = vfork();
	if (pid == 0) {
		shared = 1234;                          /* visible to the parent: same address space */
		for (int i = 0; i < 5; i++) sched_yield(); /* the parent still must not run */
		order = 1;
		_exit(3);
	}
	if (order != 1) { printf("FAIL vfork_order: parent ran before the child's _exit\n"); fails++; }
	if (shared != 1234) { printf("FAIL vfork_share: child's store not seen (%d)\n", shared); fails++; }
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 3) { printf("FAIL vfork_status\n"); fails++; }

	pid = vfork();
	if (pid == 0) {
		char *av[] = { argv[0], "child", 0 };
		char *ev[] = { 0 };
		execve("/bin/kernel_vfork_order", av, ev);
		_exit(99);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 42) {
		printf("FAIL vfork_exec: status %x\n", st); fails++;
	}
	if (!fails) printf("PASS vfork_order\nPASS vfork_share\nPASS vfork_exec\n");
	return fails != 0;
}
