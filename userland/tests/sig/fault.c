/*
 * fault.c — handlers for synchronous signals (faults), left with longjmp: SIGSEGV for an
 * unmapped and for a read-only address (si_addr, SEGV_MAPERR/SEGV_ACCERR), SIGBUS for a
 * misaligned access (BUS_ADRALN; on i386 a load past a mapped file's end, BUS_OBJERR), SIGFPE for an integer divide by zero (FPE_INTDIV), SIGILL for
 * an unimplemented instruction (ILL_ILLOPC); a handler that longjmps out of an asynchronous
 * signal; and a SIGSEGV handler that runs again for a second fault. Prints PASS/FAIL lines.
 */
#include "sigtest.h"
#include <setjmp.h>
#ifdef __i386__
#include <fcntl.h>
#include <sys/mman.h>
#endif

static jmp_buf env;
static volatile int hsig, hsigno, hcode, hcount;
static volatile unsigned long haddr;

static void fault_handler(int sig, siginfo_t *sip, void *uc)
{
	(void)uc;
	hcount++;
	hsig = sig;
	hsigno = sip ? sip->si_signo : -1;
	hcode = sip ? sip->si_code : -1;
	haddr = sip ? (unsigned long)sip->si_addr : 1;
	longjmp(env, sig);
}

static void catch(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void clear(void)
{
	hsig = hsigno = hcode = hcount = 0;
	haddr = 0;
}

/* After a longjmp out of a handler the signal is still blocked (setjmp saves no mask, as in SVR4). */
static void after_jump(void)
{
	unblock_all();
}

static int divide(volatile int a, volatile int b)
{
	return a / b;
}

static const int rodata_word = 42;

int main(void)
{
	volatile int r;
	static int buf[4];

	setvbuf(stdout, NULL, _IOLBF, 0);

	catch(SIGSEGV);
	clear();
	if ((r = setjmp(env)) == 0) {
		*(volatile int *)0x10 = 1;
		CHECK("segv_raised", 0);
	} else {
		after_jump();
		CHECK("segv_handler_longjmp", r == SIGSEGV && hcount == 1);
		CHECK("segv_siginfo_signo", hsigno == SIGSEGV);
		CHECK("segv_si_addr", haddr == 0x10);
		CHECK("segv_si_code_maperr", hcode == 1);
	}

	clear();
	if ((r = setjmp(env)) == 0) {
		*(volatile int *)&rodata_word = 7;
		CHECK("segv_readonly_raised", 0);
	} else {
		after_jump();
		CHECK("segv_readonly_caught", r == SIGSEGV && hcount == 1);
		CHECK("segv_readonly_si_addr", haddr == (unsigned long)&rodata_word);
		CHECK("segv_si_code_accerr", hcode == 2);
	}

	/* The same handler catches a second fault (it was not reset, and the mask was restored). */
	clear();
	if ((r = setjmp(env)) == 0) {
		*(volatile int *)0x20 = 1;
		CHECK("segv_again_raised", 0);
	} else {
		after_jump();
		CHECK("segv_second_fault_caught", r == SIGSEGV && haddr == 0x20);
	}

	catch(SIGBUS);
	clear();
#ifdef __i386__
	/* i386 does not trap misaligned loads (no alignment checking): SIGBUS comes from a load
	   from a mapped file's page past its end (BUS_OBJERR). */
	if ((r = setjmp(env)) == 0) {
		int fd = open("/tmp/fault_bus", O_RDWR | O_CREAT | O_TRUNC, 0600);
		volatile int *p = mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 0);

		unlink("/tmp/fault_bus");
		close(fd);
		r = *p;
		CHECK("bus_raised", 0);
	} else {
		after_jump();
		CHECK("bus_caught", r == SIGBUS && hsigno == SIGBUS);
		CHECK("bus_si_code_objerr", hcode == 3);
	}
#else
	if ((r = setjmp(env)) == 0) {
		/* Through a volatile pointer, so that GCC cannot split the load into aligned halves. */
		volatile int *volatile odd = (volatile int *)((char *)buf + 2);
		r = *odd;
		CHECK("bus_raised", 0);
	} else {
		after_jump();
		CHECK("bus_caught", r == SIGBUS && hsigno == SIGBUS);
		CHECK("bus_si_code_adraln", hcode == 1);
	}
#endif

	catch(SIGFPE);
	clear();
	if ((r = setjmp(env)) == 0) {
		r = divide(5, 0);
		CHECK("fpe_raised", 0);
	} else {
		after_jump();
		CHECK("fpe_caught", r == SIGFPE && hsigno == SIGFPE);
		CHECK("fpe_si_code_intdiv", hcode == 1);
	}

	catch(SIGILL);
	clear();
	if ((r = setjmp(env)) == 0) {
#ifdef __i386__
		__asm__ volatile("ud2");	/* #UD */
#else
		__asm__ volatile(".word 0");	/* unimp 0 */
#endif
		CHECK("ill_raised", 0);
	} else {
		after_jump();
		CHECK("ill_caught", r == SIGILL && hsigno == SIGILL);
		CHECK("ill_si_code_illopc", hcode == 1);
	}

	/* longjmp out of an asynchronous signal's handler. */
	catch(SIGUSR1);
	clear();
	if ((r = setjmp(env)) == 0) {
		kill(getpid(), SIGUSR1);
		CHECK("usr1_longjmp_raised", 0);
	} else {
		after_jump();
		CHECK("usr1_handler_longjmp", r == SIGUSR1 && hcode == SI_USER);
	}
	/* And everything still works afterwards. */
	clear();
	if ((r = setjmp(env)) == 0) {
		raise(SIGUSR1);
		CHECK("usr1_again_raised", 0);
	} else {
		after_jump();
		CHECK("usr1_again_caught", r == SIGUSR1 && hcount == 1);
	}
	return sig_done();
}
