/*
 * popen.c — popen()/pclose(): a stream on a pipe to `/bin/sh -c command` started with vfork
 * (mirrors Solaris libc's port/stdio/popen.c in behaviour; own code). The child closes the
 * descriptors of streams from earlier popen calls (POSIX requires it). pclose waits for the
 * child and returns its wait status; -1 (ECHILD) for a stream popen did not make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>
#include "../threads/thr_impl.h"

struct pchild {
	FILE *fp;
	int fd;
	pid_t pid;
	struct pchild *next;
};
static struct pchild *children;
static __lock_t plock;

FILE *popen(const char *command, const char *mode)
{
	int p[2], mine, theirs, target, rd;
	struct pchild *c, *k;
	pid_t pid;
	FILE *fp;

	if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] != '\0' && mode[1] != 'e')) {
		errno = EINVAL;
		return NULL;
	}
	rd = mode[0] == 'r';
	c = malloc(sizeof(*c));
	if (c == NULL)
		return NULL;
	if (pipe(p) < 0) {
		free(c);
		return NULL;
	}
	mine = rd ? p[0] : p[1];
	theirs = rd ? p[1] : p[0];
	target = rd ? 1 : 0;
	__lock(&plock);
	pid = vfork();
	if (pid == 0) {
		for (k = children; k != NULL; k = k->next)
			close(k->fd);
		close(mine);
		if (theirs != target) {
			dup2(theirs, target);
			close(theirs);
		}
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(theirs);
	if (pid < 0) {
		__unlock(&plock);
		close(mine);
		free(c);
		return NULL;
	}
	fp = fdopen(mine, rd ? "r" : "w");
	if (fp == NULL) {
		__unlock(&plock);
		close(mine);
		free(c);
		waitpid(pid, NULL, 0);
		return NULL;
	}
	c->fp = fp;
	c->fd = mine;
	c->pid = pid;
	c->next = children;
	children = c;
	__unlock(&plock);
	return fp;
}

int pclose(FILE *fp)
{
	struct pchild **pp, *c = NULL;
	int status;
	pid_t pid;

	__lock(&plock);
	for (pp = &children; *pp != NULL; pp = &(*pp)->next) {
		if ((*pp)->fp == fp) {
			c = *pp;
			*pp = c->next;
			break;
		}
	}
	__unlock(&plock);
	if (c == NULL) {
		errno = ECHILD;
		return -1;
	}
	pid = c->pid;
	free(c);
	fclose(fp);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return status;
}
