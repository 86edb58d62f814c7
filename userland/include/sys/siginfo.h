/*
 * sys/siginfo.h — union sigval and struct sigevent (mirrors Solaris <sys/siginfo.h>, 32-bit
 * layout), shared by <signal.h> and <time.h> (timer_create).
 */
#ifndef _SYS_SIGINFO_H
#define _SYS_SIGINFO_H

union sigval { int sival_int; void *sival_ptr; };
struct sigevent {
	int sigev_notify;
	int sigev_signo;
	union sigval sigev_value;
	void (*sigev_notify_function)(union sigval);
	void *sigev_notify_attributes;
	int __sigev_pad2;
};
#define SIGEV_NONE 1
#define SIGEV_SIGNAL 2
#define SIGEV_THREAD 3
#define SIGEV_PORT 4

#endif
