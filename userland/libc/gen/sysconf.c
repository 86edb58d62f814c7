/*
 * sysconf.c — sysconf() and getpagesize() (mirrors Solaris libc's port/gen/sysconf.c): the
 * kernel's values come from the sysconfig trap (137, _CONFIG_* codes of sys/sysconfig.h), the
 * rest are libc's constants (Solaris 10, 32-bit). An unknown name is -1 with EINVAL; an option
 * that is not supported is -1 with errno unchanged.
 */
#include <unistd.h>
#include <errno.h>

extern long _sysconfig(int which);

#define _CONFIG_NGROUPS 2
#define _CONFIG_CHILD_MAX 3
#define _CONFIG_OPEN_FILES 4
#define _CONFIG_PAGESIZE 6
#define _CONFIG_CLK_TCK 7
#define _CONFIG_XOPEN_VER 8
#define _CONFIG_NPROC_CONF 11
#define _CONFIG_NPROC_ONLN 12
#define _CONFIG_DELAYTIMER_MAX 16
#define _CONFIG_RTSIG_MAX 19
#define _CONFIG_SIGQUEUE_MAX 22
#define _CONFIG_SIGRT_MIN 23
#define _CONFIG_SIGRT_MAX 24
#define _CONFIG_TIMER_MAX 25
#define _CONFIG_PHYS_PAGES 26
#define _CONFIG_AVPHYS_PAGES 27
#define _CONFIG_MAXPID 42
#define _CONFIG_STACK_PROT 43
#define _CONFIG_NPROC_MAX 44
#define _CONFIG_SYMLOOP_MAX 46

long sysconf(int name)
{
	switch (name) {
	case _SC_ARG_MAX: return 1048320L;		/* ARG_MAX */
	case _SC_CHILD_MAX: return _sysconfig(_CONFIG_CHILD_MAX);
	case _SC_CLK_TCK: return _sysconfig(_CONFIG_CLK_TCK);
	case _SC_NGROUPS_MAX: return _sysconfig(_CONFIG_NGROUPS);
	case _SC_OPEN_MAX: return _sysconfig(_CONFIG_OPEN_FILES);
	case _SC_JOB_CONTROL: return 1;
	case _SC_SAVED_IDS: return 1;
	case _SC_VERSION: return _POSIX_VERSION;
	case _SC_PASS_MAX: return 8;
	case _SC_LOGNAME_MAX: return 8;
	case _SC_PAGESIZE: return _sysconfig(_CONFIG_PAGESIZE);
	case _SC_XOPEN_VERSION: return _sysconfig(_CONFIG_XOPEN_VER);
	case _SC_NPROCESSORS_CONF: return _sysconfig(_CONFIG_NPROC_CONF);
	case _SC_NPROCESSORS_ONLN: return _sysconfig(_CONFIG_NPROC_ONLN);
	case _SC_NPROCESSORS_MAX: return _sysconfig(_CONFIG_NPROC_MAX);
	case _SC_STREAM_MAX: return _sysconfig(_CONFIG_OPEN_FILES);
	case _SC_TZNAME_MAX: return -1;		/* no limit */
	case _SC_DELAYTIMER_MAX: return _sysconfig(_CONFIG_DELAYTIMER_MAX);
	case _SC_RTSIG_MAX: return _sysconfig(_CONFIG_RTSIG_MAX);
	case _SC_SIGQUEUE_MAX: return _sysconfig(_CONFIG_SIGQUEUE_MAX);
	case _SC_SIGRT_MIN: return _sysconfig(_CONFIG_SIGRT_MIN);
	case _SC_SIGRT_MAX: return _sysconfig(_CONFIG_SIGRT_MAX);
	case _SC_TIMER_MAX: return _sysconfig(_CONFIG_TIMER_MAX);
	case _SC_TIMERS: return _POSIX_TIMERS;
	case _SC_MEMLOCK: return 1;
	case _SC_MEMLOCK_RANGE: return 1;
	case _SC_MEMORY_PROTECTION: return 1;
	case _SC_PRIORITY_SCHEDULING: return 1;
	case _SC_MAPPED_FILES: return 1;
	case _SC_FSYNC: return -1;
	case _SC_ASYNCHRONOUS_IO: return -1;
	case _SC_MESSAGE_PASSING: return -1;
	case _SC_SEMAPHORES: return -1;
	case _SC_REALTIME_SIGNALS: return -1;
	case _SC_SHARED_MEMORY_OBJECTS: return -1;
	case _SC_SYNCHRONIZED_IO: return -1;
	case _SC_PRIORITIZED_IO: return -1;
	case _SC_PHYS_PAGES: return _sysconfig(_CONFIG_PHYS_PAGES);
	case _SC_AVPHYS_PAGES: return _sysconfig(_CONFIG_AVPHYS_PAGES);
	case _SC_MAXPID: return _sysconfig(_CONFIG_MAXPID);
	case _SC_STACK_PROT: return _sysconfig(_CONFIG_STACK_PROT);
	case _SC_THREADS: return 200112L;
	case _SC_THREAD_STACK_MIN: return 1024;
	case _SC_THREAD_ATTR_STACKSIZE: return 200112L;
	case _SC_THREAD_SAFE_FUNCTIONS: return 200112L;
	case _SC_THREAD_PROCESS_SHARED: return -1;
	case _SC_MONOTONIC_CLOCK: return 200112L;
	case _SC_CPUTIME: return 200112L;
	case _SC_THREAD_CPUTIME: return 200112L;
	case _SC_CLOCK_SELECTION: return -1;
	case _SC_SYMLOOP_MAX: return _sysconfig(_CONFIG_SYMLOOP_MAX);
	case _SC_HOST_NAME_MAX: return 255;
	case _SC_LOGIN_NAME_MAX: return 9;
	case _SC_TTY_NAME_MAX: return 128;
	case _SC_SPAWN: return -1;
	}
	errno = EINVAL;
	return -1;
}

/* getpagesize(): the page size in bytes. */
int getpagesize(void)
{
	return (int)sysconf(_SC_PAGESIZE);
}
