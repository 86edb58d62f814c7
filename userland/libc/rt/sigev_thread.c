/*
 * sigev_thread.c — SIGEV_THREAD notification for timer_create (Solaris libc's sigev_thread.c
 * builds it on event ports; forkvm has none, so this one rides on a signal). The kernel timer
 * is armed with SIGEV_SIGNAL of SIGLWP, the signal Solaris reserves for the thread library,
 * carrying the index of a slot that holds the user's function, value and attributes. libc's
 * SIGLWP handler writes the index into a pipe; one dispatcher thread per process reads it and
 * starts the notification function in a new thread (detached unless the attributes say
 * otherwise), as POSIX asks. The thread that creates the first such timer blocks SIGLWP, so the
 * threads it starts later leave it to the dispatcher; a call that SIGLWP interrupts elsewhere is
 * restarted (SA_RESTART). A fork child starts with no timers (the kernel's rule) and no
 * dispatcher: the atfork child handler forgets both. Leaves out SIGEV_THREAD for aio and mq_notify.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include "../threads/thr_impl.h"

int _timer_create(clockid_t clock, struct sigevent *evp, timer_t *timerid);
int _timer_delete(timer_t timerid);

#define SEV_SLOTS 64

/* One SIGEV_THREAD timer: what to start when it fires. */
struct sev_slot {
	int used;
	timer_t timer;
	void (*fn)(union sigval);
	union sigval value;
	int has_attr;
	pthread_attr_t attr;
};

static struct sev_slot slots[SEV_SLOTS];
static __lock_t sev_lock;
static int sev_pipe[2] = { -1, -1 };
static int sev_started, sev_atfork;

/* What a notification thread runs: the user's function with the timer's value. */
struct sev_call { void (*fn)(union sigval); union sigval value; };

static void *sev_run(void *arg)
{
	struct sev_call c = *(struct sev_call *)arg;

	free(arg);
	c.fn(c.value);
	return NULL;
}

/* SIGLWP: pass the slot index on to the dispatcher (write is async-signal-safe). */
static void sev_handler(int sig, siginfo_t *si, void *uc)
{
	int idx = si != NULL ? si->si_value.sival_int : -1, e = errno;

	(void)sig;
	(void)uc;
	if (idx >= 0 && idx < SEV_SLOTS)
		(void)write(sev_pipe[1], &idx, sizeof idx);
	errno = e;
}

/* The dispatcher: one notification thread per expiry it reads. */
static void *sev_dispatch(void *arg)
{
	sigset_t set;
	pthread_attr_t det;
	pthread_t t;
	struct sev_call *c;
	int idx;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGLWP);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	pthread_attr_init(&det);
	pthread_attr_setdetachstate(&det, PTHREAD_CREATE_DETACHED);
	for (;;) {
		if (read(sev_pipe[0], &idx, sizeof idx) != (ssize_t)sizeof idx)
			continue;
		__lock(&sev_lock);
		if (idx < 0 || idx >= SEV_SLOTS || !slots[idx].used || (c = malloc(sizeof *c)) == NULL) {
			__unlock(&sev_lock);
			continue;
		}
		c->fn = slots[idx].fn;
		c->value = slots[idx].value;
		if (pthread_create(&t, slots[idx].has_attr ? &slots[idx].attr : &det, sev_run, c) != 0)
			free(c);
		__unlock(&sev_lock);
	}
	return NULL;
}

/* A fork child has no SIGEV_THREAD timers and no dispatcher thread. */
static void sev_child(void)
{
	memset(slots, 0, sizeof slots);
	sev_lock = 0;
	if (sev_started) {
		close(sev_pipe[0]);
		close(sev_pipe[1]);
		sev_pipe[0] = sev_pipe[1] = -1;
		sev_started = 0;
	}
}

/* Start the dispatcher once per process: 0, or an errno. Caller holds sev_lock. */
static int sev_start(void)
{
	struct sigaction sa;
	sigset_t set;
	pthread_attr_t det;
	pthread_t t;

	if (sev_started)
		return 0;
	if (!sev_atfork) {
		if (pthread_atfork(NULL, NULL, sev_child) != 0)
			return EAGAIN;
		sev_atfork = 1;
	}
	if (pipe(sev_pipe) != 0)
		return errno;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = sev_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&set);
	sigaddset(&set, SIGLWP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_attr_init(&det);
	pthread_attr_setdetachstate(&det, PTHREAD_CREATE_DETACHED);
	if (sigaction(SIGLWP, &sa, NULL) != 0 || pthread_create(&t, &det, sev_dispatch, NULL) != 0) {
		close(sev_pipe[0]);
		close(sev_pipe[1]);
		sev_pipe[0] = sev_pipe[1] = -1;
		return EAGAIN;
	}
	sev_started = 1;
	return 0;
}

/*
 * timer_create — the system call, except for SIGEV_THREAD, which is made from a SIGEV_SIGNAL
 * timer of SIGLWP (above). EINVAL for a SIGEV_THREAD event without a function, EAGAIN when
 * every slot is in use; otherwise the kernel's answers.
 */
int timer_create(clockid_t clock, struct sigevent *evp, timer_t *timerid)
{
	struct sigevent ev;
	int i, e;

	if (evp == NULL || evp->sigev_notify != SIGEV_THREAD)
		return _timer_create(clock, evp, timerid);
	if (evp->sigev_notify_function == NULL) {
		errno = EINVAL;
		return -1;
	}
	__lock(&sev_lock);
	if ((e = sev_start()) != 0) {
		__unlock(&sev_lock);
		errno = e;
		return -1;
	}
	for (i = 0; i < SEV_SLOTS && slots[i].used; i++)
		;
	if (i == SEV_SLOTS) {
		__unlock(&sev_lock);
		errno = EAGAIN;
		return -1;
	}
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGLWP;
	ev.sigev_value.sival_int = i;
	if (_timer_create(clock, &ev, timerid) != 0) {
		__unlock(&sev_lock);
		return -1;
	}
	slots[i].used = 1;
	slots[i].timer = *timerid;
	slots[i].fn = evp->sigev_notify_function;
	slots[i].value = evp->sigev_value;
	slots[i].has_attr = evp->sigev_notify_attributes != NULL;
	if (slots[i].has_attr)
		slots[i].attr = *(pthread_attr_t *)evp->sigev_notify_attributes;
	__unlock(&sev_lock);
	return 0;
}

/* timer_delete — the system call; a SIGEV_THREAD timer's slot is freed too. */
int timer_delete(timer_t timerid)
{
	int i, r = _timer_delete(timerid);

	if (r == 0) {
		__lock(&sev_lock);
		for (i = 0; i < SEV_SLOTS; i++)
			if (slots[i].used && slots[i].timer == timerid)
				slots[i].used = 0;
		__unlock(&sev_lock);
	}
	return r;
}
