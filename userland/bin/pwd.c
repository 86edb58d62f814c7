/*
 * pwd.c — /bin/pwd: prints the current directory (getcwd), or a line on stderr and status 1.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char buf[1024];

	if (getcwd(buf, sizeof buf) == NULL) {
		perror("pwd");
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}
