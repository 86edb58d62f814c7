/*
 * signal.c — raise(), sigpending() and the sigset_t operations (mirrors Solaris libc's
 * port/gen/raise.c and port/sys/sigsetops.c in effect; own code). Signal n is bit (n-1)%32 of
 * word (n-1)/32.
 */
#include <signal.h>
#include <unistd.h>
#include <errno.h>

extern int _sigpending(int flag, sigset_t *set);

int raise(int sig)
{
	return kill(getpid(), sig);
}

/* sigpending(): subcode 1 of the sigpending trap (2 would be sigfillset's kernel view). */
int sigpending(sigset_t *set)
{
	return _sigpending(1, set);
}

static int bad(int sig)
{
	if (sig <= 0 || sig > MAXSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigemptyset(sigset_t *set)
{
	set->__sigbits[0] = set->__sigbits[1] = set->__sigbits[2] = set->__sigbits[3] = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	int i;

	sigemptyset(set);
	for (i = 1; i <= MAXSIG; i++)
		set->__sigbits[(i - 1) >> 5] |= 1u << ((i - 1) & 31);
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	set->__sigbits[(sig - 1) >> 5] |= 1u << ((sig - 1) & 31);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	set->__sigbits[(sig - 1) >> 5] &= ~(1u << ((sig - 1) & 31));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	return (set->__sigbits[(sig - 1) >> 5] >> ((sig - 1) & 31)) & 1;
}
