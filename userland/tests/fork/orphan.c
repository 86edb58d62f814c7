/*
 * orphan.c — an orphan is re-parented to init (issue 3 acceptance): the grandchild first sees
 * its real parent, the parent exits, and the grandchild then sees getppid() == 1; it is not our
 * child (waitpid gives ECHILD) and init reaps it when it exits (kill(pid, 0) ends in ESRCH).
 * When this program itself runs as pid 1, it is the init that must reap the orphan.
 */
#include "ftest.h"
#include <signal.h>
#include <time.h>

static void nap(void)
{
	struct timespec ts = { 0, 2 * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

int main(void)
{
	int rep[2], i;
	long msg[3];
	pid_t child, gpid;

	if (pipe(rep) < 0) {
		ft_fail("orphan.pipe", "%s", strerror(errno));
		return ft_done();
	}
	child = fork();
	if (child == 0) {
		pid_t g = fork();
		if (g == 0) {
			long before = getppid(), after = before;
			for (i = 0; i < 1000 && after == before; i++) {
				nap();
				after = getppid();
			}
			msg[0] = getpid();
			msg[1] = before;
			msg[2] = after;
			write(rep[1], msg, sizeof(msg));
			_exit(0);
		}
		_exit(g > 0 ? 0 : 1);	/* the grandchild becomes an orphan */
	}
	close(rep[1]);
	ft_child_ok(child, "orphan.parent_exits");
	memset(msg, 0, sizeof(msg));
	if (read(rep[0], msg, sizeof(msg)) != (ssize_t)sizeof(msg)) {
		ft_fail("orphan.report", "no report from the grandchild");
		return ft_done();
	}
	gpid = msg[0];
	ft_check(msg[1] == child, "orphan.grandchild_saw_its_parent", "first getppid() %ld, want %ld",
	    msg[1], (long)child);
	ft_check(msg[2] == 1, "orphan.reparented_to_init", "getppid() after the parent exited: %ld", msg[2]);
	if (getpid() == 1) {
		ft_child_ok(gpid, "orphan.init_reaps");
	} else {
		ft_errno(waitpid(gpid, NULL, 0), ECHILD, "orphan.not_our_child");
		for (i = 0; i < 1000 && kill(gpid, 0) == 0; i++)
			nap();
		ft_check(kill(gpid, 0) == -1 && errno == ESRCH, "orphan.init_reaps",
		    "pid %ld still exists", (long)gpid);
	}
	close(rep[0]);
	return ft_done();
}
