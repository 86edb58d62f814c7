/*
 * exit_raw.c — _exit(3) skips atexit handlers and stdio: the complete lines already written
 * appear, the unterminated line still in stdout's buffer does not, and the status is 3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void handler(void)
{
	printf("handler must not run\n");
}

int main(void)
{
	atexit(handler);
	printf("exit_raw: this line is flushed at its newline\n");
	fprintf(stdout, "this partial line stays in the buffer and is lost");
	_exit(3);
}
