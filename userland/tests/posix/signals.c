/*
 * signals.c — signal state across fork and exec: the child starts with no pending signals (the
 * parent's blocked SIGUSR1 and SIGUSR2 stay pending in the parent only) but the parent's mask and
 * dispositions (caught, ignored, SA_SIGINFO/SA_ONSTACK flags); the alternate signal stack is
 * inherited by fork — a handler in the child runs on it — and dropped by exec (posix_sigexec
 * checks that side). sigaltstack's argument checks (EPERM on the stack, EINVAL, ENOMEM, EFAULT).
 */
#include <signal.h>
#include "../fork/ftest.h"

#define BAD ((void *)8)

static char altstack[16384] __attribute__((aligned(8)));
static volatile int on_alt, got_usr1, got_usr2, nested_eperm;

static void on_usr1(int sig)
{
	char here;
	stack_t ss, cur;

	(void)sig;
	got_usr1++;
	on_alt = &here >= altstack && &here < altstack + sizeof(altstack);
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	/* On the alternate stack: it cannot be changed, and it reports SS_ONSTACK. */
	nested_eperm = sigaltstack(&ss, NULL) == -1 && errno == EPERM && sigaltstack(NULL, &cur) == 0 &&
	    (cur.ss_flags & SS_ONSTACK) != 0;
}

static void on_usr2(int sig) { (void)sig; got_usr2++; }

static int pending(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigpending(&s);
	return sigismember(&s, sig);
}

int main(void)
{
	struct sigaction sa, got;
	sigset_t block, cur;
	stack_t ss, oss;
	pid_t pid;
	int st;

	/* sigaltstack argument checks. */
	ft_check(sigaltstack(NULL, &oss) == 0 && (oss.ss_flags & SS_DISABLE), "sigaltstack: disabled at start",
	    "flags %d", oss.ss_flags);
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = altstack;
	ss.ss_size = MINSIGSTKSZ - 1;
	ft_errno(sigaltstack(&ss, NULL), ENOMEM, "sigaltstack below MINSIGSTKSZ");
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = SS_ONSTACK;
	ft_errno(sigaltstack(&ss, NULL), EINVAL, "sigaltstack SS_ONSTACK flag");
	ss.ss_flags = 0;
	ft_errno(sigaltstack(BAD, NULL), EFAULT, "sigaltstack bad ss");
	ft_errno(sigaltstack(&ss, BAD), EFAULT, "sigaltstack bad oss");
	ft_check(sigaltstack(NULL, &oss) == 0 && (oss.ss_flags & SS_DISABLE), "failed calls changed nothing", "");
	ft_check(sigaltstack(&ss, NULL) == 0, "sigaltstack set", "errno %d", errno);
	ft_check(sigaltstack(NULL, &oss) == 0 && oss.ss_sp == altstack && oss.ss_size == sizeof(altstack) &&
	    oss.ss_flags == 0, "sigaltstack reads back", "sp %p size %lu flags %d", oss.ss_sp, (unsigned long)oss.ss_size,
	    oss.ss_flags);

	/* Dispositions: SIGUSR1 caught on the alternate stack, SIGUSR2 caught, SIGPIPE ignored. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK | SA_RESTART;
	sigaddset(&sa.sa_mask, SIGHUP);
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	raise(SIGUSR1);
	ft_check(got_usr1 == 1 && on_alt, "parent: SA_ONSTACK handler runs on the alternate stack", "got %d on_alt %d",
	    got_usr1, on_alt);
	ft_check(nested_eperm, "parent: on the alternate stack: EPERM and SS_ONSTACK", "");
	ft_check(sigaltstack(NULL, &oss) == 0 && !(oss.ss_flags & SS_ONSTACK), "parent: off the stack after the handler",
	    "flags %d", oss.ss_flags);

	/* Block SIGUSR1/SIGUSR2 and SIGTERM, make two pending, then fork. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	ft_check(pending(SIGUSR1) && pending(SIGUSR2), "parent: two signals pending", "");
	got_usr1 = got_usr2 = 0;

	pid = fork();
	if (pid == 0) {
		ft_check(!pending(SIGUSR1) && !pending(SIGUSR2), "child: no pending signals", "usr1 %d usr2 %d",
		    pending(SIGUSR1), pending(SIGUSR2));
		sigprocmask(SIG_BLOCK, NULL, &cur);
		ft_check(sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGUSR2) && sigismember(&cur, SIGTERM) &&
		    !sigismember(&cur, SIGINT), "child: signal mask inherited", "");
		sigaction(SIGUSR1, NULL, &got);
		ft_check(got.sa_handler == on_usr1 && (got.sa_flags & SA_ONSTACK) && (got.sa_flags & SA_RESTART) &&
		    sigismember(&got.sa_mask, SIGHUP), "child: SIGUSR1 disposition, flags and mask inherited",
		    "handler %p flags 0x%x", (void *)got.sa_handler, got.sa_flags);
		sigaction(SIGPIPE, NULL, &got);
		ft_check(got.sa_handler == SIG_IGN, "child: SIGPIPE still ignored", "");
		ft_check(sigaltstack(NULL, &oss) == 0 && oss.ss_sp == altstack && oss.ss_size == sizeof(altstack) &&
		    !(oss.ss_flags & SS_DISABLE), "child: alternate stack inherited", "sp %p flags %d", oss.ss_sp, oss.ss_flags);
		ft_check(got_usr1 == 0 && got_usr2 == 0, "child: nothing delivered at fork", "");
		on_alt = 0;
		raise(SIGUSR1);
		sigprocmask(SIG_UNBLOCK, &block, NULL);
		ft_check(got_usr1 == 1 && on_alt, "child: handler runs on the inherited alternate stack", "got %d on_alt %d",
		    got_usr1, on_alt);
		ft_check(got_usr2 == 0, "child: parent's pending SIGUSR2 not delivered", "");
		/* exec drops the alternate stack; the helper checks (and that caught signals are reset). */
		{
			char *av[] = { "posix_sigexec", "afterexec", NULL };

			sigemptyset(&cur);
			sigaddset(&cur, SIGTERM);
			sigprocmask(SIG_BLOCK, &cur, NULL);
			fflush(stdout);
			execv("/bin/posix_sigexec", av);
			ft_fail("child: exec", "errno %d", errno);
			ft_child_exit();
		}
	}
	ft_check(pid > 0, "fork", "errno %d", errno);
	st = ft_wait(pid, "wait child");
	ft_check(st == 0, "child checks passed", "%s", ft_status(st));
	ft_check(pending(SIGUSR1) && pending(SIGUSR2), "parent: its pending signals stay", "");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	ft_check(got_usr1 == 1 && got_usr2 == 1, "parent: they arrive when unblocked", "usr1 %d usr2 %d", got_usr1, got_usr2);
	ss.ss_flags = SS_DISABLE;
	ft_check(sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &oss) == 0 && (oss.ss_flags & SS_DISABLE),
	    "sigaltstack SS_DISABLE", "");
	return ft_done();
}
