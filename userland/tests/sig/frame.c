/*
 * frame.c — the signal frame the kernel builds, seen from a handler the kernel enters directly
 * (installed with the raw _sigaction trap, without libc's __sigacthandler in between): the
 * handler's three arguments, where the ucontext and the siginfo lie relative to the frame, the
 * stack alignment, the interrupted pc in the saved registers, and the way back through
 * setcontext. SPARC: the handler's %sp is the frame; the ucontext is at %sp + 96 (after the window
 * save area and the argument homes), the siginfo right after it (448 bytes later). i386: at the
 * handler's %esp a zero return address, then sig, sip, ucp (cdecl); the ucontext at %esp + 16,
 * the siginfo 512 bytes later; %esp + 4 is 16-byte aligned. Prints PASS/FAIL lines.
 */
#include "sigtest.h"

extern int _sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
extern int _kill(pid_t pid, int sig);

static volatile unsigned long frame, uc_at, si_at, ret_at, saved_pc;
static volatile int hsig, hsigno, hcode, hits;

#ifdef __i386__
#define UC_OFF 16
#define UC_BYTES 512
#define STACK_OK(f) ((((f) + 4) & 15) == 0)
#else
#define UC_OFF 96
#define UC_BYTES 448
#define STACK_OK(f) (((f) & 7) == 0)
#endif

static void handler(int sig, siginfo_t *sip, ucontext_t *ucp) __attribute__((noinline));
static void handler(int sig, siginfo_t *sip, ucontext_t *ucp)
{
#ifdef __i386__
	frame = (unsigned long)&sig - 4;	/* the handler's %esp at entry: sig is at 4(%esp) */
	ret_at = (unsigned long)__builtin_return_address(0);
#else
	frame = (unsigned long)__builtin_frame_address(0);	/* %fp = the %sp the kernel set */
	ret_at = 0;
#endif
	uc_at = (unsigned long)ucp;
	si_at = (unsigned long)sip;
	hsig = sig;
	hsigno = sip->si_signo;
	hcode = sip->si_code;
	saved_pc = (unsigned long)ucp->uc_mcontext.gregs[REG_PC];
	hits++;
	setcontext(ucp);
	_exit(99);	/* setcontext does not return */
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_flags = SA_SIGINFO;
	sa.sa_sigaction = (void (*)(int, siginfo_t *, void *))handler;
	CHECK("raw_sigaction", _sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK("kill_self", _kill(getpid(), SIGUSR1) == 0);
	CHECK("handler_ran_once", hits == 1);
	CHECK("handler_sig", hsig == SIGUSR1 && hsigno == SIGUSR1 && hcode == SI_USER);
	CHECK("frame_ucontext_offset", uc_at == frame + UC_OFF);
	CHECK("frame_siginfo_after_ucontext", si_at == uc_at + UC_BYTES);
	CHECK("frame_stack_aligned", STACK_OK(frame));
	CHECK("frame_return_address_zero", ret_at == 0);
	CHECK("saved_pc_in_kill_stub", saved_pc > (unsigned long)_kill && saved_pc < (unsigned long)_kill + 32);
	return sig_failures != 0;
}
