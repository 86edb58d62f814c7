/*
 * die_spill.c — register windows that cannot be spilled to the user stack kill the process with
 * SIGSEGV (128 + 11): a loop of `save` with %sp at a kernel address, at address 0 and in
 * read-only text (even with SIGSEGV caught: the handler's frame cannot be written either), and a
 * `ta 3` (flush windows) with such a %sp in the windows it flushes. A flush whose current window
 * is sound enters a SIGSEGV handler, as Solaris does. Each case runs in a child whose wait status
 * is checked; then the program itself dies the same way. Without a limit on the kernel's window
 * buffer, the save loop would never end.
 */
#include "sigtest.h"
#include <sys/wait.h>
#include <stdlib.h>

static void h(int sig)
{
	(void)sig;
	_exit(sig == SIGSEGV ? 7 : 1);
}

/* save with %sp = sp, forever: every window's own %sp is sp. */
static void save_loop(unsigned long sp)
{
	__asm__ volatile(
		"mov %0, %%g2\n"
		"1:\tmov %%g2, %%sp\n\t"
		"save %%sp, -96, %%sp\n\t"
		"ba 1b\n\t"
		"nop\n\t" : : "r"(sp) : "g2", "memory");
}

/* Fill a few windows, point their %sp at sp and flush them with ta 3. */
static void flush_to(unsigned long sp)
{
	__asm__ volatile(
		"mov %0, %%g2\n\t"
		"save %%sp, -96, %%sp\n\t"
		"save %%sp, -96, %%sp\n\t"
		"mov %%g2, %%fp\n\t"
		"save %%sp, -96, %%sp\n\t"
		"mov %%g2, %%fp\n\t"
		"ta 3\n\t"
		"restore\n\t"
		"restore\n\t"
		"restore\n\t" : : "r"(sp) : "g2", "memory");
}

/* kind 0: save loop, 1: flush; catch: install h. want: wait status expected. */
static void expect(const char *name, int kind, int catch, unsigned long sp, int segv)
{
	int st = 0, pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (catch) signal(SIGSEGV, h);
		if (kind == 0) save_loop(sp); else flush_to(sp);
		printf("FAIL %s_survived\n", name);
		_exit(1);
	}
	CHECK("fork", pid > 0);
	if (segv) CHECK(name, waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	else CHECK(name, waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

int main(void)
{
	printf("EXPECT-STATUS 139\n");
	unsigned long text = (unsigned long)main & ~7UL;

	expect("save_kernel_sp", 0, 0, 0xf0000000UL, 1);
	expect("save_null_sp", 0, 0, 0, 1);
	expect("save_text_sp", 0, 0, text, 1);
	expect("save_kernel_sp_caught", 0, 1, 0xf0000000UL, 1);
	expect("save_null_sp_caught", 0, 1, 0, 1);
	expect("save_text_sp_caught", 0, 1, text, 1);
	expect("flush_kernel_sp", 1, 0, 0xf0000000UL, 1);
	expect("flush_null_sp", 1, 0, 0, 1);
	expect("flush_text_sp", 1, 0, text, 1);
	expect("flush_text_sp_handler", 1, 1, text, 0);
	fflush(stdout);
	save_loop(0xf0000000UL);
	printf("FAIL survived_spill\n");
	return 1;
}
