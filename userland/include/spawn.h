/*
 * spawn.h — posix_spawn(3C) and its attribute and file-action objects, with the Solaris flag
 * values and opaque one-pointer object layouts (mirrors illumos <spawn.h>). Built on vfork in
 * libc/gen/spawn.c. Leaves out the _np extensions (setsigignore, NOSIGCHLD, WAITPID).
 */
#ifndef _SPAWN_H
#define _SPAWN_H

#include <sys/types.h>
#include <signal.h>
#include <sched.h>

#define POSIX_SPAWN_RESETIDS 0x0001
#define POSIX_SPAWN_SETPGROUP 0x0002
#define POSIX_SPAWN_SETSIGDEF 0x0004
#define POSIX_SPAWN_SETSIGMASK 0x0008
#define POSIX_SPAWN_SETSCHEDPARAM 0x0010
#define POSIX_SPAWN_SETSCHEDULER 0x0020

/* posix_spawnattr_t — the attributes, behind a pointer that posix_spawnattr_init() fills. */
typedef struct {
	void *__spawn_attrp;
} posix_spawnattr_t;

/* posix_spawn_file_actions_t — a list of open/close/dup2 steps, performed in order in the child. */
typedef struct {
	void *__file_attrp;
} posix_spawn_file_actions_t;

/*
 * posix_spawn(): a child running path (posix_spawnp: file searched in PATH, default /bin:/sbin,
 * ENOEXEC files run by /bin/sh) with argv and envp, after the attribute steps (sigmask,
 * sigdefault, pgroup, scheduler) and then the file actions. 0 and *pid set; or the errno of the
 * step or exec that failed in the child (the child is then reaped and *pid is left alone);
 * posix_spawnp("") is EACCES, as in Solaris.
 */
int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *file_actions,
    const posix_spawnattr_t *attrp, char *const argv[], char *const envp[]);
int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *file_actions,
    const posix_spawnattr_t *attrp, char *const argv[], char *const envp[]);

/* File actions: 0, EBADF for a negative descriptor, ENOMEM. */
int posix_spawn_file_actions_init(posix_spawn_file_actions_t *file_actions);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *file_actions);
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *file_actions, int filedes,
    const char *path, int oflag, mode_t mode);
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *file_actions, int filedes);
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *file_actions, int filedes, int newfiledes);

/* Attributes: 0, or EINVAL for an uninitialized object, an unknown flag or policy; ENOMEM from init. */
int posix_spawnattr_init(posix_spawnattr_t *attr);
int posix_spawnattr_destroy(posix_spawnattr_t *attr);
int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags);
int posix_spawnattr_getflags(const posix_spawnattr_t *attr, short *flags);
int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup);
int posix_spawnattr_getpgroup(const posix_spawnattr_t *attr, pid_t *pgroup);
int posix_spawnattr_setschedparam(posix_spawnattr_t *attr, const struct sched_param *schedparam);
int posix_spawnattr_getschedparam(const posix_spawnattr_t *attr, struct sched_param *schedparam);
int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attr, int schedpolicy);
int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *attr, int *schedpolicy);
int posix_spawnattr_setsigdefault(posix_spawnattr_t *attr, const sigset_t *sigdefault);
int posix_spawnattr_getsigdefault(const posix_spawnattr_t *attr, sigset_t *sigdefault);
int posix_spawnattr_setsigmask(posix_spawnattr_t *attr, const sigset_t *sigmask);
int posix_spawnattr_getsigmask(const posix_spawnattr_t *attr, sigset_t *sigmask);

#endif
