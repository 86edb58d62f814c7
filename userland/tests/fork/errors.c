/*
 * errors.c — bad arguments get EFAULT / EBADF / EINVAL / ESRCH / ECHILD, and the caller lives on
 * (issue 3 acceptance): unmapped buffers for read, write, open, execve, waitid, nanosleep,
 * sigaction, sigprocmask, lwp_create and lwp_wait; closed and out-of-range descriptors; bad
 * waitid idtypes and options; kill of a missing process or with a bad signal; wait with no
 * children. BAD is an address in the unmapped page 0. sigaction and sigprocmask are tested on
 * the bare traps (_sigaction, _sigprocmask): libc's sigaction reads the struct in user mode
 * first, as Solaris libc's does, so there a bad pointer is a SIGSEGV, not EFAULT.
 */
#include "ftest.h"
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <sys/lwp.h>
#include <pthread.h>

/* BAD: through a volatile, so the compiler does not object to the obviously bad pointer. */
static char *volatile bad_addr = (char *)0x100;
#define BAD ((void *)bad_addr)

/* The bare system call stubs (libc/sparc/syscalls.S). */
extern int _sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
extern int _sigprocmask(int how, const sigset_t *set, sigset_t *oset);

static void *idle(void *arg)
{
	return arg;
}

int main(void)
{
	int p[2], st;
	char buf[8];
	pid_t pid;
	siginfo_t info;

	if (pipe(p) < 0) {
		ft_fail("errors.pipe", "%s", strerror(errno));
		return ft_done();
	}
	/* EFAULT */
	write(p[1], "data", 4);
	ft_errno((int)read(p[0], BAD, 4), EFAULT, "errors.read_efault");
	ft_errno((int)write(p[1], BAD, 4), EFAULT, "errors.write_efault");
	ft_errno(open((const char *)BAD, O_RDONLY), EFAULT, "errors.open_efault");
	ft_errno(execve((const char *)BAD, NULL, NULL), EFAULT, "errors.execve_efault");
	ft_errno(nanosleep((const struct timespec *)BAD, NULL), EFAULT, "errors.nanosleep_efault");
	ft_errno(_sigaction(SIGUSR1, (const struct sigaction *)BAD, NULL), EFAULT, "errors.sigaction_efault");
	ft_errno(_sigprocmask(SIG_BLOCK, (const sigset_t *)BAD, NULL), EFAULT, "errors.sigprocmask_efault");
	ft_errno(_lwp_create((ucontext_t *)BAD, 0, NULL), EFAULT, "errors.lwp_create_efault");
	{
		pthread_t t;
		if (pthread_create(&t, NULL, idle, NULL) == 0) {
			/* wait with the raw call: the departed-id pointer is bad */
			ft_errno(_lwp_wait(t, (lwpid_t *)BAD), EFAULT, "errors.lwp_wait_efault");
		} else {
			ft_fail("errors.lwp_wait_efault", "pthread_create failed");
		}
	}
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		int i, r = 0;
		/* the child is (or soon is) a zombie; WNOWAIT-free waitid with a bad siginfo */
		for (i = 0; i < 100; i++) {
			r = waitid(P_PID, pid, (siginfo_t *)BAD, WEXITED);
			if (!(r == -1 && errno == EINTR))
				break;
		}
		ft_errno(r, EFAULT, "errors.waitid_efault");
		waitpid(pid, &st, WNOHANG);	/* reap it if the failed call did not */
	}

	/* EBADF */
	close(p[0]);
	ft_errno((int)read(p[0], buf, 1), EBADF, "errors.read_closed_ebadf");
	ft_errno((int)write(-1, "x", 1), EBADF, "errors.write_negative_ebadf");
	ft_errno((int)write(4000, "x", 1), EBADF, "errors.write_huge_ebadf");
	ft_errno(close(p[0]), EBADF, "errors.close_twice_ebadf");
	ft_errno(dup2(p[0], 10), EBADF, "errors.dup2_ebadf");
	ft_errno((int)lseek(p[0], 0, SEEK_SET), EBADF, "errors.lseek_ebadf");
	ft_errno(fcntl(p[0], F_GETFD, 0), EBADF, "errors.fcntl_ebadf");
	close(p[1]);

	/* EINVAL, ESRCH, ECHILD */
	ft_errno(waitid((idtype_t)99, 0, &info, WEXITED), EINVAL, "errors.waitid_idtype_einval");
	ft_errno(waitid(P_ALL, 0, &info, 0), EINVAL, "errors.waitid_options_einval");
	ft_errno(waitpid(-1, &st, 0), ECHILD, "errors.waitpid_no_children_echild");
	ft_errno(waitid(P_ALL, 0, &info, WEXITED), ECHILD, "errors.waitid_no_children_echild");
	ft_errno(kill(getpid(), 999), EINVAL, "errors.kill_bad_signal_einval");
	ft_errno(kill(29999, 0), ESRCH, "errors.kill_no_such_process_esrch");
	ft_errno(getpgid(29999), ESRCH, "errors.getpgid_esrch");
	return ft_done();
}
