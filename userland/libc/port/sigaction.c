/*
 * sigaction.c — the libc side of signal handlers (mirrors Solaris libc port/threads/sigaction.c in
 * effect; own code): sigaction() registers __sigacthandler with the kernel for every caught signal
 * and keeps the user's handler in a table; the kernel enters __sigacthandler(sig, sip, ucp), which
 * calls the user's handler and resumes the interrupted context with setcontext(ucp). Also signal()
 * (System V semantics, as Solaris: SA_RESETHAND | SA_NODEFER) and pause(). Leaves out sigset(),
 * sighold()/sigrelse() and the vfork-child restriction on installing handlers.
 */
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <ucontext.h>

extern int _sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
extern int _sigprocmask(int how, const sigset_t *set, sigset_t *oset);
extern int _sigsuspend(const sigset_t *set);

typedef void (*__sighandler3_t)(int, siginfo_t *, void *);

/* The user's handler per signal (the kernel sees __sigacthandler); room for the kernel's 48. */
#define __HANDLERS 64
static __sighandler3_t __handlers[__HANDLERS];

void __sigacthandler(int sig, siginfo_t *sip, ucontext_t *ucp);

static int caught(__sighandler3_t h)
{
	unsigned long v = (unsigned long)h;

	return v != (unsigned long)SIG_DFL && v != (unsigned long)SIG_IGN && v != (unsigned long)SIG_HOLD;
}

/*
 * __sigacthandler(): entered by the kernel's signal frame, on the interrupted stack below the
 * saved ucontext. errno is preserved across the user's handler; the handler is looked up now, so
 * a disposition changed since delivery (SA_RESETHAND) does not matter.
 */
void __sigacthandler(int sig, siginfo_t *sip, ucontext_t *ucp)
{
	int saved = errno;
	__sighandler3_t h = (sig > 0 && sig < __HANDLERS) ? __handlers[sig] : 0;

	if (caught(h))
		h(sig, sip, ucp);
	errno = saved;
	setcontext(ucp);
	/* Only a corrupt ucontext gets here. */
	_exit(128 + SIGSEGV);
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct sigaction kact, koact;
	__sighandler3_t prev;

	if (sig <= 0 || sig >= __HANDLERS) {
		errno = EINVAL;
		return -1;
	}
	prev = __handlers[sig];
	if (act != 0) {
		kact = *act;
		if (caught(act->sa_sigaction)) {
			kact.sa_sigaction = (__sighandler3_t)__sigacthandler;
			/* Set first: a signal arriving once the kernel has it must find the new handler. */
			__handlers[sig] = act->sa_sigaction;
		}
	}
	if (_sigaction(sig, act != 0 ? &kact : 0, &koact) < 0) {
		__handlers[sig] = prev;
		return -1;
	}
	if (oact != 0) {
		*oact = koact;
		if (koact.sa_sigaction == (__sighandler3_t)__sigacthandler)
			oact->sa_sigaction = prev;
	}
	return 0;
}

/* signal(): System V semantics as on Solaris: the handler is reset on delivery and not blocked. */
sighandler_t signal(int sig, sighandler_t func)
{
	struct sigaction sa, osa;

	sa.sa_handler = func;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	if (sigaction(sig, &sa, &osa) < 0)
		return SIG_ERR;
	return osa.sa_handler;
}

/* pause(): sleep until a signal is caught (or ends the process); always -1 with EINTR. */
int pause(void)
{
	extern void __cancel_enter(void), __cancel_leave(void);
	sigset_t cur;
	int r;

	_sigprocmask(SIG_BLOCK, 0, &cur);
	__cancel_enter();	/* a cancellation point */
	r = _sigsuspend(&cur);
	__cancel_leave();
	return r;
}
