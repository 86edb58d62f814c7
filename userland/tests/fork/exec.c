/*
 * exec.c — fork + exec: argv (with an empty string and a space) and envp reach the new image; the
 * pid and ppid survive exec; a failed exec returns ENOENT/EFAULT and the caller goes on;
 * close-on-exec descriptors are closed and the others kept; caught signals become SIG_DFL while
 * ignored ones stay ignored and the mask is kept; a multithreaded child can exec (its other LWPs
 * go away). The new image is /bin/fork_helper, which answers through its exit status.
 */
#include "ftest.h"
#include <fcntl.h>
#include <signal.h>
#include <pthread.h>

#define HELPER "/bin/fork_helper"

/* run(): fork, exec HELPER with argv/envp in the child (after `prep` runs there), wait; the
   check passes when the helper exits 0. */
static void run(const char *name, char *const argv[], char *const envp[], void (*prep)(void))
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (prep != NULL)
			prep();
		execve(HELPER, argv, envp);
		_exit(100 + errno);
	}
	if (pid < 0) {
		ft_fail(name, "fork: %s", strerror(errno));
		return;
	}
	st = ft_wait(pid, name);
	if (st != -1)
		ft_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, name, "helper %s", ft_status(st));
}

static char *no_env[] = { NULL };

static void test_args_env(void)
{
	char *args[] = { "fork_helper", "args", "A", "B c", "", NULL };
	char *env[] = { "FOO=bar", "PATH=/bin", NULL };
	char *envq[] = { "fork_helper", "env", "FOO", "bar", NULL };

	run("exec.argv", args, no_env, NULL);
	run("exec.envp", envq, env, NULL);
}

static pid_t forker;
static void test_ids(void)
{
	char buf[24], *argv[] = { "fork_helper", "ppid", buf, NULL };

	forker = getpid();
	snprintf(buf, sizeof(buf), "%ld", (long)forker);
	run("exec.keeps_ppid", argv, no_env, NULL);
}

static char pidbuf[24];
static void put_own_pid(void)
{
	snprintf(pidbuf, sizeof(pidbuf), "%ld", (long)getpid());
}

static void test_pid(void)
{
	char *argv[] = { "fork_helper", "pid", pidbuf, NULL };

	run("exec.keeps_pid", argv, no_env, put_own_pid);
}

/* An address in the unmapped page 0 (a variable, so the compiler does not object to it). */
static char *volatile bad_ptr = (char *)0x100;

static void test_failures(void)
{
	char *argv[] = { "fork_helper", NULL };
	pid_t pid = fork();

	if (pid == 0) {
		ft_failures = 0;
		ft_errno(execve("/no/such/file", argv, no_env), ENOENT, "exec.enoent");
		ft_errno(execve(bad_ptr, argv, no_env), EFAULT, "exec.efault_path");
		ft_errno(execve(HELPER, (char **)bad_ptr, no_env), EFAULT, "exec.efault_argv");
		ft_child_exit();
	}
	ft_child_ok(pid, "exec.failures_child");
}

static int keep_fd = -1, cloexec_fd = -1;
static char keepbuf[12], cloexecbuf[12];

static void test_cloexec(void)
{
	int fd[2];
	char *a1[] = { "fork_helper", "fdclosed", cloexecbuf, NULL };
	char *a2[] = { "fork_helper", "fdopen", keepbuf, NULL };
	pid_t pid;
	int st;

	if (pipe(fd) < 0) {
		ft_fail("exec.cloexec", "pipe: %s", strerror(errno));
		return;
	}
	keep_fd = fd[0];
	cloexec_fd = fd[1];
	ft_check(fcntl(cloexec_fd, F_SETFD, FD_CLOEXEC) == 0, "exec.cloexec.setfd", "%s", strerror(errno));
	snprintf(keepbuf, sizeof(keepbuf), "%d", keep_fd);
	snprintf(cloexecbuf, sizeof(cloexecbuf), "%d", cloexec_fd);
	pid = fork();
	if (pid == 0) {
		ft_failures = 0;
		ft_check(fcntl(cloexec_fd, F_GETFD, 0) == FD_CLOEXEC, "exec.cloexec.flag_inherited_by_fork",
		    "F_GETFD in the child: %d", fcntl(cloexec_fd, F_GETFD, 0));
		ft_child_exit();
	}
	ft_child_ok(pid, "exec.cloexec.fork_child");
	run("exec.cloexec.closed", a1, no_env, NULL);
	run("exec.cloexec.kept", a2, no_env, NULL);
	pid = fork();
	if (pid == 0) {
		execve(HELPER, a1, no_env);
		_exit(100);
	}
	st = ft_wait(pid, "exec.cloexec.parent_still_open");
	ft_check(fcntl(cloexec_fd, F_GETFD, 0) == FD_CLOEXEC, "exec.cloexec.parent_still_open",
	    "the parent's descriptor changed (%d) after the child exec'd (%s)", fcntl(cloexec_fd, F_GETFD, 0),
	    ft_status(st));
	close(fd[0]);
	close(fd[1]);
}

static void on_sig(int sig)
{
	(void)sig;
}

static void set_signals(void)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void test_signals(void)
{
	char *a1[] = { "fork_helper", "sigdfl", "16", NULL };	/* SIGUSR1 */
	char *a2[] = { "fork_helper", "sigign", "17", NULL };	/* SIGUSR2 */
	char *a3[] = { "fork_helper", "mask", "15", NULL };	/* SIGTERM */

	run("exec.caught_becomes_default", a1, no_env, set_signals);
	run("exec.ignored_stays_ignored", a2, no_env, set_signals);
	run("exec.mask_kept", a3, no_env, set_signals);
}

static void *sleeper(void *arg)
{
	char c;
	int fd = *(int *)arg;

	read(fd, &c, 1);	/* never returns: nobody writes */
	return NULL;
}

static int mt_pipe[2];
static void start_threads(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, sleeper, &mt_pipe[0]);
	pthread_create(&t2, NULL, sleeper, &mt_pipe[0]);
	sched_yield();
}

static void test_multithreaded(void)
{
	char *argv[] = { "fork_helper", "exit", "0", NULL };

	if (pipe(mt_pipe) < 0) {
		ft_fail("exec.multithreaded", "pipe: %s", strerror(errno));
		return;
	}
	run("exec.multithreaded", argv, no_env, start_threads);
	close(mt_pipe[0]);
	close(mt_pipe[1]);
}

int main(void)
{
	test_args_env();
	test_ids();
	test_pid();
	test_failures();
	test_cloexec();
	test_signals();
	test_multithreaded();
	return ft_done();
}
