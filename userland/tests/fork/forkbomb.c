/*
 * forkbomb.c — a bounded fork bomb stopped by the per-user process limit (issue 3 acceptance,
 * v.v_maxup = 251): the program forks children that stay alive until fork fails; the failure
 * is EAGAIN, not ENOMEM; fewer than 251 children were made; vfork and forkall fail the same way
 * at the limit. Then every child is released and reaped, after which fork works again.
 * At most MAX_TRIES forks are attempted, so a kernel without a limit cannot run away.
 */
#include "ftest.h"

#define MAXUP 251
#define MAX_TRIES 300

/* vfork at the limit (its own frame: vfork returns twice into it); 1 if a child was made. */
static int vfork_at_limit(void)
{
	pid_t pid = vfork();
	int e;

	if (pid == 0)
		_exit(0);
	e = errno;
	ft_check(pid == -1 && e == EAGAIN, "forkbomb.vfork_at_limit", "vfork returned %ld, errno %d",
	    (long)pid, pid == -1 ? e : 0);
	return pid > 0;
}

int main(void)
{
	int hold[2], made = 0, err = 0, reaped = 0, st, e;
	pid_t pid;

	if (pipe(hold) < 0) {
		ft_fail("forkbomb.pipe", "%s", strerror(errno));
		return ft_done();
	}
	while (made < MAX_TRIES) {
		pid = fork();
		if (pid == 0) {
			char c;
			close(hold[1]);
			while (read(hold[0], &c, 1) > 0)
				;	/* alive until the parent closes the write end */
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		made++;
	}
	ft_check(err == EAGAIN, "forkbomb.stopped_with_eagain", "fork failed with %d (%s) after %d children",
	    err, strerror(err), made);
	ft_check(made > 0 && made < MAXUP, "forkbomb.limit", "%d children made (limit %d per user)", made, MAXUP);
	if (err == EAGAIN) {
		made += vfork_at_limit();
		pid = forkall();
		if (pid == 0)
			_exit(0);
		e = errno;
		ft_check(pid == -1 && e == EAGAIN, "forkbomb.forkall_at_limit", "forkall returned %ld, errno %d",
		    (long)pid, pid == -1 ? e : 0);
		if (pid > 0)
			made++;
	}
	close(hold[1]);
	close(hold[0]);
	for (;;) {
		pid = wait(&st);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		reaped++;
	}
	ft_check(reaped == made, "forkbomb.all_reaped", "reaped %d of %d (last errno %d)", reaped, made, errno);
	pid = fork();
	if (pid == 0)
		_exit(7);
	ft_check(pid > 0, "forkbomb.fork_works_again", "fork: %s", strerror(errno));
	if (pid > 0) {
		st = ft_wait(pid, "forkbomb.fork_works_again.reap");
		ft_check(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 7, "forkbomb.child_after_recovery",
		    "%s", ft_status(st));
	}
	return ft_done();
}
