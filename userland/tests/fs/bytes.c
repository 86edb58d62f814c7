/*
 * bytes.c — guest strings are bytes end to end: file names "\xff" and "\xfe" in /tmp are two
 * files, a name with a NUL-free byte above 0x7f round-trips, and exec passes argv and environment
 * bytes such as ff fe unchanged (the program execs itself with them and checks from the inside).
 * With arguments (`bytes hex ARG...`) it prints each argument's bytes in hex instead.
 */
#include "fstest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char **environ;

static const char ARG[] = "\xff\xfe";
static const char ENV[] = "K=\xc3\x28\xfe";

static void two_names(void)
{
	char b[4] = { 0 };
	int a = open("/tmp/\xff", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int f = open("/tmp/\xfe", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(a >= 0 && f >= 0);
	CHECK(write(a, "A", 1) == 1 && write(f, "F", 1) == 1);
	close(a);
	close(f);
	a = open("/tmp/\xff", O_RDONLY);
	CHECK(a >= 0 && read(a, b, 3) == 1 && b[0] == 'A');
	close(a);
	f = open("/tmp/\xfe", O_RDONLY);
	CHECK(f >= 0 && read(f, b, 3) == 1 && b[0] == 'F');
	close(f);
	CHECK_ERR(open("/tmp/\xef\xbf\xbd", O_RDONLY), ENOENT);	/* U+FFFD is another name */
}

static void exec_bytes(void)
{
	char *av[] = { "bytes", "child", (char *)ARG, NULL };
	char *ev[] = { (char *)ENV, NULL };
	int pid, st = 0;

	pid = fork();
	if (pid == 0) {
		execve("/bin/fs_bytes", av, ev);
		_exit(127);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(int argc, char **argv)
{
	int i;
	const unsigned char *p;

	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return strcmp(argv[2], ARG) == 0 && environ[0] != NULL && strcmp(environ[0], ENV) == 0 ? 0 : 1;
	if (argc >= 2 && strcmp(argv[1], "hex") == 0) {
		for (i = 2; i < argc; i++) {
			for (p = (const unsigned char *)argv[i]; *p; p++)
				printf("%02x", *p);
			printf("\n");
		}
		return 0;
	}
	RUN(two_names);
	RUN(exec_bytes);
	return DONE();
}
