/*
 * deaths.c — deaths by signal reported by waitpid (issue 3 acceptance): children killed by
 * SIGSEGV (store to page 0), SIGBUS (misaligned load on SPARC; on i386, which does not trap
 * misaligned loads, a load from a mapped file's page past its end), SIGFPE (integer divide by zero), SIGILL
 * (unimp), SIGABRT (abort), SIGTERM and SIGKILL from the parent, SIGTERM raised by itself, and
 * SIGSEGV in a second thread of a multithreaded child: WIFSIGNALED and WTERMSIG are right,
 * WIFEXITED is false; waitid reports CLD_KILLED or CLD_DUMPED with the signal in si_status.
 */
#include "ftest.h"
#include <signal.h>
#include <pthread.h>
#include <sched.h>

static volatile int zero = 0;
static volatile int sink;
static int words[2];
/* Addresses through volatile pointers, so the compiler emits the plain faulting access (no
   trap instruction for the null store, no byte loads for the misaligned word). */
static char *volatile null_page = (char *)0;
static char *volatile misaligned = (char *)words + 1;

static void die_segv(void) { *(volatile int *)null_page = 1; }
#ifdef __i386__
#include <sys/mman.h>
static void die_bus(void)
{
	int fd = open("/tmp/deaths_bus", O_RDWR | O_CREAT | O_TRUNC, 0600);
	volatile int *p = mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 0);

	unlink("/tmp/deaths_bus");
	(void)misaligned;
	sink = p[0];	/* the file is empty: the page is past EOF */
}
#else
static void die_bus(void) { sink = *(volatile int *)misaligned; }
#endif
static void die_fpe(void) { sink = 1000 / zero; }
#ifdef __i386__
static void die_ill(void) { __asm__ volatile("ud2"); }
#else
static void die_ill(void) { __asm__ volatile("unimp 0"); }
#endif
static void die_abrt(void) { abort(); }
static void die_raise(void) { raise(SIGTERM); }
static void die_wait(void)
{
	for (;;)
		sched_yield();	/* until the parent's signal arrives */
}

static void *segv_thread(void *arg)
{
	(void)arg;
	die_segv();
	return NULL;
}
static void die_thread(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, segv_thread, NULL) == 0)
		pthread_join(t, NULL);
	_exit(0);	/* not reached if the thread's fault kills the process */
}

struct death {
	const char *name;
	void (*fn)(void);
	int sig;
	int send;	/* the parent sends `sig` */
};

static const struct death deaths[] = {
	{ "sigsegv", die_segv, SIGSEGV, 0 },
	{ "sigbus", die_bus, SIGBUS, 0 },
	{ "sigfpe", die_fpe, SIGFPE, 0 },
	{ "sigill", die_ill, SIGILL, 0 },
	{ "sigabrt", die_abrt, SIGABRT, 0 },
	{ "sigterm_raised", die_raise, SIGTERM, 0 },
	{ "sigterm_sent", die_wait, SIGTERM, 1 },
	{ "sigkill_sent", die_wait, SIGKILL, 1 },
	{ "sigsegv_in_thread", die_thread, SIGSEGV, 0 },
};

static void one(const struct death *d)
{
	char name[64];
	int st;
	pid_t pid;

	snprintf(name, sizeof(name), "deaths.%s", d->name);
	pid = fork();
	if (pid == 0) {
		d->fn();
		_exit(0);	/* survived: the parent sees exit 0 instead of a signal */
	}
	if (pid < 0) {
		ft_fail(name, "fork: %s", strerror(errno));
		return;
	}
	if (d->send) {
		sched_yield();
		kill(pid, d->sig);
	}
	st = ft_wait(pid, name);
	if (st != -1)
		ft_check(WIFSIGNALED(st) && WTERMSIG(st) == d->sig && !WIFEXITED(st), name,
		    "%s, want killed by signal %d", ft_status(st), d->sig);
}

static void test_waitid(void)
{
	siginfo_t info;
	pid_t pid = fork();
	int r;

	if (pid == 0) {
		die_wait();
		_exit(0);
	}
	kill(pid, SIGTERM);
	memset(&info, 0, sizeof(info));
	do
		r = waitid(P_PID, pid, &info, WEXITED);
	while (r < 0 && errno == EINTR);
	ft_check(r == 0 && info.si_signo == SIGCHLD && info.si_pid == pid &&
	    (info.si_code == CLD_KILLED || info.si_code == CLD_DUMPED) && info.si_status == SIGTERM,
	    "deaths.waitid_siginfo", "r %d signo %d code %d pid %ld status %d", r, info.si_signo,
	    info.si_code, (long)info.si_pid, info.si_status);
}

int main(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(deaths) / sizeof(deaths[0]); i++)
		one(&deaths[i]);
	test_waitid();
	return ft_done();
}
