/*
 * signal.h — Solaris signal numbers, sigset_t, struct sigaction and siginfo_t (32-bit layouts of
 * sys/iso/signal_iso.h, sys/signal.h and sys/siginfo.h). sigaction() is the raw system call: the
 * kernel decides how a handler is entered; sigaltstack. Leaves out sigqueue and the real-time signals.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGIOT 6
#define SIGABRT 6
#define SIGEMT 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGBUS 10
#define SIGSEGV 11
#define SIGSYS 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGUSR1 16
#define SIGUSR2 17
#define SIGCLD 18
#define SIGCHLD 18
#define SIGPWR 19
#define SIGWINCH 20
#define SIGURG 21
#define SIGPOLL 22
#define SIGIO SIGPOLL
#define SIGSTOP 23
#define SIGTSTP 24
#define SIGCONT 25
#define SIGTTIN 26
#define SIGTTOU 27
#define SIGVTALRM 28
#define SIGPROF 29
#define SIGXCPU 30
#define SIGXFSZ 31
#define SIGWAITING 32
#define SIGLWP 33
#define SIGFREEZE 34
#define SIGTHAW 35
#define SIGCANCEL 36
#define SIGLOST 37
#define NSIG 38
#define MAXSIG 37

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_HOLD ((sighandler_t)2)
#define SIG_ERR ((sighandler_t)-1)

#define SIG_BLOCK 1
#define SIG_UNBLOCK 2
#define SIG_SETMASK 3

#define SA_ONSTACK 0x00000001
#define SA_RESETHAND 0x00000002
#define SA_RESTART 0x00000004
#define SA_SIGINFO 0x00000008
#define SA_NODEFER 0x00000010
#define SA_NOCLDWAIT 0x00010000
#define SA_NOCLDSTOP 0x00020000

/* sigset_t — 128 bits; signal n is bit (n-1) of word (n-1)/32. */
typedef struct { unsigned int __sigbits[4]; } sigset_t;

#include <sys/siginfo.h>

/* siginfo_t — 128 bytes: signo at 0, code at 4, errno at 8, pid at 12, status at 20 (SIGCHLD). */
typedef struct siginfo {
	int si_signo;
	int si_code;
	int si_errno;
	union {
		int __pad[29];
		struct {
			pid_t __pid;
			union {
				struct { uid_t __uid; union sigval __value; } __kill;
				struct { clock_t __utime; int __status; clock_t __stime; } __cld;
			} __pdata;
		} __proc;
		struct { void *__addr; int __trapno; char *__pc; } __fault;
	} __data;
} siginfo_t;

#define si_pid __data.__proc.__pid
#define si_uid __data.__proc.__pdata.__kill.__uid
#define si_value __data.__proc.__pdata.__kill.__value
#define si_status __data.__proc.__pdata.__cld.__status
#define si_utime __data.__proc.__pdata.__cld.__utime
#define si_stime __data.__proc.__pdata.__cld.__stime
#define si_addr __data.__fault.__addr
#define si_trapno __data.__fault.__trapno
#define si_pc __data.__fault.__pc

#define SI_USER 0
#define SI_LWP (-1)
#define SI_QUEUE (-2)
#define SI_TIMER (-3)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* struct sigaction — the 32-bit Solaris layout (flags first). */
struct sigaction {
	int sa_flags;
	union {
		void (*__handler)(int);
		void (*__sigaction)(int, siginfo_t *, void *);
	} __funcptr;
	sigset_t sa_mask;
	int sa_resv[2];
};
#define sa_handler __funcptr.__handler
#define sa_sigaction __funcptr.__sigaction

/* kill(2)/raise(): 0 or -1 with errno. */
int kill(pid_t pid, int sig);
int raise(int sig);
/* signal(): System V semantics (the handler is reset on delivery); sigsuspend(), pause(). */
void (*signal(int sig, void (*func)(int)))(int);
int sigsuspend(const sigset_t *set);

/* si_code values for synchronous signals (sys/machsig.h). */
#define ILL_ILLOPC 1
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
#define EMT_TAGOVF 1
#define TRAP_BRKPT 1
/* stack_t — an alternate signal stack (struct sigaltstack); <sys/ucontext.h> uses it too. */
#ifndef _STACK_T_DEFINED
#define _STACK_T_DEFINED
typedef struct sigaltstack {
	void *ss_sp;
	size_t ss_size;
	int ss_flags;
} stack_t;
#endif
#define SS_ONSTACK 0x00000001
#define SS_DISABLE 0x00000002
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

/* sigaltstack(): the calling lwp's alternate stack for SA_ONSTACK handlers; 0 or -1 with errno. */
int sigaltstack(const stack_t *ss, stack_t *oss);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
/* sigpending(): the sigpending trap with subcode 1. */
int sigpending(sigset_t *set);
/* Set operations: 0, or -1 with EINVAL for a signal number outside 1..MAXSIG. */
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/* Accepting signals (sigtimedwait trap 144; cancellation points). sigwaitinfo/sigtimedwait:
   the signal number, or -1 with errno (EAGAIN: timed out, EINTR, EINVAL). sigwait: 0 and the
   number in *sig, or an error number. The set's signals should be blocked by the caller. */
struct timespec;
int sigwait(const sigset_t *set, int *sig);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);

#endif
