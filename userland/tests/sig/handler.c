/*
 * handler.c — signal handlers in one process: handler arguments (signal, siginfo, ucontext),
 * masks during and after a handler (sa_mask, deferral, SA_NODEFER), SA_RESETHAND, signal()'s
 * System V semantics, blocked signals staying pending until unblocked, SIG_IGN, nesting, kill()
 * from a handler, errno preserved, sigsuspend, getcontext/setcontext, and the EINVAL/ESRCH
 * errors of sigaction, sigprocmask and kill. Prints PASS/FAIL lines; exits 0 only if all pass.
 */
#include "sigtest.h"

/* The raw system call (libc's sigaction copies *act itself, so a bad pointer faults there). */
extern int _sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
/* lwp_sigmask(how, word0, word1): the old mask's first word (the second is in %o1). */
extern int _lwp_sigmask(int how, unsigned int bits0, unsigned int bits1);

static volatile int count1, count2, depth, maxdepth;
static volatile int got_sig, got_signo, got_code, got_pid, uc_ok, uc_blocked_self, in_blocked_self, in_blocked_usr2;
static volatile void *got_sip;
static volatile char order[16];
static volatile int norder;

static void reset(void)
{
	count1 = count2 = depth = maxdepth = 0;
	got_sig = got_signo = got_code = got_pid = uc_ok = uc_blocked_self = in_blocked_self = in_blocked_usr2 = 0;
	got_sip = (void *)1;
	norder = 0;
}

static void info_handler(int sig, siginfo_t *sip, void *arg)
{
	ucontext_t *uc = arg;

	count1++;
	got_sig = sig;
	got_sip = sip;
	if (sip) {
		got_signo = sip->si_signo;
		got_code = sip->si_code;
		got_pid = sip->si_pid;
	}
	uc_ok = uc != NULL && (uc->uc_flags & UC_CPU) != 0;
	if (uc)
		uc_blocked_self = sigismember(&uc->uc_sigmask, sig);
	in_blocked_self = blocked(sig);
	in_blocked_usr2 = blocked(SIGUSR2);
}

static void plain_handler(int sig, siginfo_t *sip, void *uc)
{
	(void)uc;
	count1++;
	got_sig = sig;
	got_sip = sip;
	in_blocked_self = blocked(sig);
}

static void test_handler_args(void)
{
	struct sigaction sa;

	reset();
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = info_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK("sigaction_install", sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK("kill_self", kill(getpid(), SIGUSR1) == 0);
	CHECK("handler_ran_before_kill_returned", count1 == 1);
	CHECK("handler_arg_sig", got_sig == SIGUSR1);
	CHECK("siginfo_signo", got_signo == SIGUSR1);
	CHECK("siginfo_code_si_user", got_code == SI_USER);
	CHECK("siginfo_pid", got_pid == getpid());
	CHECK("ucontext_arg", uc_ok);
	CHECK("ucontext_saves_old_mask", uc_blocked_self == 0);
	CHECK("signal_blocked_in_handler", in_blocked_self);
	CHECK("sa_mask_blocked_in_handler", in_blocked_usr2);
	CHECK("mask_restored_after_handler", !blocked(SIGUSR1) && !blocked(SIGUSR2));

	reset();
	sa.sa_sigaction = plain_handler;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	CHECK("no_siginfo_without_sa_siginfo", count1 == 1 && got_sip == NULL);
}

static void test_oact(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = plain_handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGHUP);
	sigaction(SIGUSR2, &sa, NULL);
	memset(&old, 0x55, sizeof old);
	CHECK("oact_query", sigaction(SIGUSR2, NULL, &old) == 0);
	CHECK("oact_handler_is_users", old.sa_sigaction == plain_handler);
	CHECK("oact_flags", (old.sa_flags & SA_RESTART) != 0);
	CHECK("oact_mask", sigismember(&old.sa_mask, SIGHUP) == 1 && sigismember(&old.sa_mask, SIGINT) == 0);
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, &old);
	CHECK("oact_on_replace", old.sa_sigaction == plain_handler);
	sigaction(SIGUSR2, NULL, &old);
	CHECK("sig_dfl_reported", old.sa_handler == SIG_DFL);
}

static void test_block_pending(void)
{
	struct sigaction sa;
	sigset_t s, p;

	reset();
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = plain_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	CHECK("sigprocmask_block", sigprocmask(SIG_BLOCK, &s, NULL) == 0);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR2);
	CHECK("blocked_not_delivered", count1 == 0);
	sigemptyset(&p);
	CHECK("sigpending_call", sigpending(&p) == 0);
	CHECK("sigpending_shows_blocked", sigismember(&p, SIGUSR2) == 1 && sigismember(&p, SIGUSR1) == 0);
	CHECK("sigprocmask_unblock", sigprocmask(SIG_UNBLOCK, &s, NULL) == 0);
	CHECK("delivered_once_on_unblock", count1 == 1 && got_sig == SIGUSR2);
	sigpending(&p);
	CHECK("sigpending_empty_after", sigismember(&p, SIGUSR2) == 0);
}

static void test_ignore(void)
{
	struct sigaction sa;
	sigset_t p;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	CHECK("kill_ignored_ok", kill(getpid(), SIGUSR1) == 0);
	sigpending(&p);
	CHECK("ignored_not_pending", sigismember(&p, SIGUSR1) == 0);
	/* A default-ignored signal does nothing either. */
	CHECK("sigchld_default_ignored", kill(getpid(), SIGCHLD) == 0);
	CHECK("sigwinch_default_ignored", raise(SIGWINCH) == 0);
}

static void reentry_handler(int sig, siginfo_t *sip, void *uc)
{
	(void)sip; (void)uc;
	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	count1++;
	if (count1 == 1)
		kill(getpid(), sig);
	depth--;
}

static void test_defer_nodefer(void)
{
	struct sigaction sa;

	reset();
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = reentry_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	CHECK("deferred_second_delivery", count1 == 2);
	CHECK("deferred_not_nested", maxdepth == 1);

	reset();
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	CHECK("nodefer_second_delivery", count1 == 2);
	CHECK("nodefer_nested", maxdepth == 2);
}

static void h_order1(int sig)
{
	(void)sig;
	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	order[norder++] = '1';
	kill(getpid(), SIGUSR2);
	order[norder++] = 'a';
	depth--;
}

static void h_order2(int sig)
{
	(void)sig;
	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	order[norder++] = '2';
	depth--;
}

static void test_nesting(void)
{
	struct sigaction sa;

	reset();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h_order2;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = h_order1;
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	CHECK("nested_other_signal", norder == 3 && order[0] == '1' && order[1] == '2' && order[2] == 'a');
	CHECK("nested_depth", maxdepth == 2);

	reset();
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	CHECK("sa_mask_defers_other", norder == 3 && order[0] == '1' && order[1] == 'a' && order[2] == '2');
	CHECK("sa_mask_not_nested", maxdepth == 1);
}

static void h_resethand(int sig, siginfo_t *sip, void *uc)
{
	(void)sip; (void)uc;
	count1++;
	in_blocked_self = blocked(sig);
}

static void test_resethand(void)
{
	struct sigaction sa, old;
	sighandler_t prev;

	reset();
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h_resethand;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	CHECK("resethand_called", count1 == 1);
	CHECK("resethand_not_blocked_in_handler", in_blocked_self == 0);
	sigaction(SIGUSR1, NULL, &old);
	CHECK("resethand_reset_to_dfl", old.sa_handler == SIG_DFL);

	/* signal(): System V semantics, as on Solaris. */
	reset();
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	prev = signal(SIGUSR2, (sighandler_t)h_resethand);
	CHECK("signal_returns_previous", prev == SIG_DFL);
	kill(getpid(), SIGUSR2);
	CHECK("signal_handler_called", count1 == 1);
	prev = signal(SIGUSR2, SIG_IGN);
	CHECK("signal_reset_after_delivery", prev == SIG_DFL);
	CHECK("signal_bad_number", signal(0, SIG_IGN) == SIG_ERR && errno == EINVAL);
}

static void h_errno(int sig)
{
	(void)sig;
	errno = EBADF;
	count1++;
}

static void test_errno(void)
{
	struct sigaction sa;

	reset();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h_errno;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	errno = ENOENT;
	kill(getpid(), SIGUSR1);
	CHECK("errno_preserved_across_handler", count1 == 1 && errno == ENOENT);
}

static void test_errors(void)
{
	struct sigaction sa, old;
	sigset_t s;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	errno = 0;
	CHECK("sigaction_sigkill_einval", sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("sigaction_sigstop_einval", sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL);
	CHECK("sigaction_sigkill_query_ok", sigaction(SIGKILL, NULL, &old) == 0 && old.sa_handler == SIG_DFL);
	errno = 0;
	CHECK("sigaction_sig0_einval", sigaction(0, &sa, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("sigaction_bad_ptr_efault", _sigaction(SIGUSR1, (struct sigaction *)8, NULL) == -1 && errno == EFAULT);
	CHECK("kill_sig0_exists", kill(getpid(), 0) == 0);
	errno = 0;
	CHECK("kill_bad_sig_einval", kill(getpid(), 1000) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("kill_no_such_pid_esrch", kill(29999, SIGUSR1) == -1 && errno == ESRCH);
	errno = 0;
	CHECK("kill_no_such_group_esrch", kill(-29999, 0) == -1 && errno == ESRCH);
	sigfillset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
	s = cur_mask();
	CHECK("cannot_block_sigkill", sigismember(&s, SIGKILL) == 0 && sigismember(&s, SIGSTOP) == 0);
	CHECK("fillset_blocks_others", sigismember(&s, SIGUSR1) == 1 && sigismember(&s, SIGTERM) == 1);
	unblock_all();
	errno = 0;
	CHECK("sigprocmask_bad_how_einval", sigprocmask(99, &s, NULL) == -1 && errno == EINVAL);
	{
		sigset_t h;
		int old;

		sigemptyset(&h);
		sigaddset(&h, SIGHUP);
		sigprocmask(SIG_SETMASK, &h, NULL);
		old = _lwp_sigmask(SIG_BLOCK, 1u << (SIGUSR1 - 1), 0);
		CHECK("lwp_sigmask_returns_old", (unsigned)old == 1u << (SIGHUP - 1));
		CHECK("lwp_sigmask_blocks", blocked(SIGUSR1) && blocked(SIGHUP));
		old = _lwp_sigmask(SIG_SETMASK, 0, 0);
		CHECK("lwp_sigmask_setmask", !blocked(SIGUSR1) && !blocked(SIGHUP) && (unsigned)old == ((1u << (SIGHUP - 1)) | (1u << (SIGUSR1 - 1))));
		errno = 0;
		CHECK("lwp_sigmask_bad_how_einval", _lwp_sigmask(0, 0, 0) == -1 && errno == EINVAL);
	}
	errno = 0;
	CHECK("sigprocmask_bad_ptr_efault", sigprocmask(SIG_BLOCK, (sigset_t *)8, NULL) == -1 && errno == EFAULT);
}

static void test_sigsuspend(void)
{
	struct sigaction sa;
	sigset_t s, none;
	int r, e;

	reset();
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = plain_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, NULL);
	kill(getpid(), SIGUSR1);
	CHECK("pending_before_sigsuspend", count1 == 0);
	sigemptyset(&none);
	sigaddset(&none, SIGUSR2);
	r = sigsuspend(&none);
	e = errno;
	CHECK("sigsuspend_eintr", r == -1 && e == EINTR);
	CHECK("sigsuspend_ran_handler", count1 == 1 && got_sig == SIGUSR1);
	CHECK("sigsuspend_handler_mask", in_blocked_self == 1);
	CHECK("sigsuspend_mask_restored", blocked(SIGUSR1) && !blocked(SIGUSR2));
	unblock_all();
}

static void test_context(void)
{
	ucontext_t uc;
	volatile int n = 0, nonzero = 0;
	sigset_t s;

	if (getcontext(&uc) != 0)
		nonzero++;
	n++;
	if (n < 3)
		setcontext(&uc);
	CHECK("getcontext_returns_0_each_time", nonzero == 0);
	CHECK("setcontext_resumes_getcontext", n == 3);
	{
		unsigned long pc = (unsigned long)uc.uc_mcontext.gregs[REG_PC];
		unsigned long sp = (unsigned long)uc.uc_mcontext.gregs[REG_SP];
		unsigned long here = (unsigned long)&n;

#ifdef __i386__
		/* getcontext rewrites the saved eip to its return address (in this function) and
		   %esp to ours after the return. */
		CHECK("getcontext_gregs_pc", pc > (unsigned long)test_context && pc < (unsigned long)test_context + 4096);
		CHECK("getcontext_gregs_sp", (sp & 3) == 0 && here >= sp && here < sp + 4096);
#else
		unsigned long npc = (unsigned long)uc.uc_mcontext.gregs[REG_nPC];

		/* The saved pc is just past the trap inside getcontext; %sp is our frame's. */
		CHECK("getcontext_gregs_pc", pc > (unsigned long)getcontext && pc < (unsigned long)getcontext + 32 && npc == pc + 4);
		CHECK("getcontext_gregs_sp", (sp & 7) == 0 && here >= sp && here < sp + 4096);
#endif
		CHECK("getcontext_flags", (uc.uc_flags & (UC_CPU | UC_SIGMASK)) == (UC_CPU | UC_SIGMASK));
	}

	n = 0;
	sigemptyset(&s);
	sigaddset(&s, SIGHUP);
	sigprocmask(SIG_BLOCK, &s, NULL);
	getcontext(&uc);
	n++;
	if (n == 1) {
		unblock_all();
		setcontext(&uc);
	}
	CHECK("setcontext_restores_mask", n == 2 && blocked(SIGHUP));
	unblock_all();
	CHECK("getcontext_mask_field", sigismember(&uc.uc_sigmask, SIGHUP) == 1);
	errno = 0;
	CHECK("setcontext_bad_ptr_efault", setcontext((ucontext_t *)8) == -1 && errno == EFAULT);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_handler_args();
	test_oact();
	test_block_pending();
	test_ignore();
	test_defer_nodefer();
	test_nesting();
	test_resethand();
	test_errno();
	test_errors();
	test_sigsuspend();
	test_context();
	return sig_done();
}
