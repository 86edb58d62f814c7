/*
 * start.c — the C half of process start-up, called by crt0's _start (mirrors the work of Solaris
 * libc's _start/_exithandle pair): sets environ, runs main, passes its result to exit().
 * Leaves out _init/_fini, the dynamic linker hand-off and thread-library set-up.
 */
#include <stdlib.h>
#include <unistd.h>

char **environ;

extern int main(int argc, char **argv, char **envp);

/* __libc_start(): never returns; main's return value becomes the exit status. */
void __libc_start(int argc, char **argv, char **envp) __attribute__((noreturn));
void __libc_start(int argc, char **argv, char **envp)
{
	environ = envp;
	exit(main(argc, argv, envp));
}
