/*
 * spawn.c — posix_spawn()/posix_spawnp() and their attribute and file-action objects (mirrors
 * the design of illumos libc's port/threads/spawn.c; own code). As there, the child is made
 * with vfork: it performs the attribute steps, then the file actions, then execs; a failing
 * step or exec stores its errno in a variable of the suspended parent's frame (vfork shares the
 * address space) and _exits, and the parent, resumed by that exit, returns the errno. illumos's
 * child ends with _exit(_EVAPORATE) so that it leaves no zombie; here the parent reaps it.
 * Leaves out the _np flags and POSIX_SPAWN_RESETIDS's setuid (forkvm has no setuid; the flag is
 * accepted and the ids stay as they are).
 */
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <sys/wait.h>

#define ALL_FLAGS (POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | \
	POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER)

struct spawn_attr {
	short flags;
	pid_t pgroup;
	int policy;
	struct sched_param param;
	sigset_t sigdefault;
	sigset_t sigmask;
};

enum { FA_OPEN, FA_CLOSE, FA_DUP2 };

struct file_action {
	struct file_action *next;
	int type;
	int fd, newfd;		/* FA_OPEN/FA_CLOSE: fd; FA_DUP2: fd → newfd */
	int oflag;
	mode_t mode;
	char *path;
};

/* ---- in the child (vfork: no malloc, no stdio, no returning) */

static int do_attrs(const struct spawn_attr *a)
{
	int sig;

	if (a->flags & POSIX_SPAWN_SETSIGMASK)
		sigprocmask(SIG_SETMASK, &a->sigmask, NULL);
	if (a->flags & POSIX_SPAWN_SETSIGDEF) {
		struct sigaction dfl;
		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		for (sig = 1; sig < NSIG; sig++)
			if (sigismember(&a->sigdefault, sig) == 1)
				sigaction(sig, &dfl, NULL);
	}
	if ((a->flags & POSIX_SPAWN_SETPGROUP) && setpgid(0, a->pgroup) != 0)
		return errno;
	if (a->flags & POSIX_SPAWN_SETSCHEDULER) {
		if (sched_setscheduler(0, a->policy, &a->param) == -1)
			return errno;
	} else if (a->flags & POSIX_SPAWN_SETSCHEDPARAM) {
		if (sched_setparam(0, &a->param) == -1)
			return errno;
	}
	return 0;
}

static int do_file_actions(const struct file_action *f)
{
	for (; f != NULL; f = f->next) {
		int fd;
		switch (f->type) {
		case FA_OPEN:
			fd = open(f->path, f->oflag, f->mode);
			if (fd < 0)
				return errno;
			if (fd != f->fd) {
				if (dup2(fd, f->fd) < 0)
					return errno;
				close(fd);
			}
			break;
		case FA_CLOSE:
			if (close(f->fd) < 0)
				return errno;
			break;
		case FA_DUP2:
			if (dup2(f->fd, f->newfd) < 0)
				return errno;
			break;
		}
	}
	return 0;
}

/* Parent side after the vfork child has exec'ed or exited: the child's errno, or 0 and *pidp. */
static int spawn_result(pid_t pid, volatile int *error, pid_t *pidp)
{
	int e;

	if (pid < 0)
		return errno;
	e = *error;
	if (e != 0) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		return e;
	}
	if (pidp != NULL)
		*pidp = pid;
	return 0;
}

/* Build "dir/file" from the PATH element at p into buf; returns the next element or NULL. */
static const char *path_next(const char *p, const char *file, char *buf)
{
	size_t dl = 0, fl = strlen(file);

	while (p[dl] != ':' && p[dl] != '\0')
		dl++;
	if (dl + fl + 2 > PATH_MAX) {
		buf[0] = '\0';
	} else if (dl == 0) {
		memcpy(buf, file, fl + 1);	/* an empty element is the current directory */
	} else {
		memcpy(buf, p, dl);
		buf[dl] = '/';
		memcpy(buf + dl + 1, file, fl + 1);
	}
	return p[dl] == ':' ? p + dl + 1 : NULL;
}

static int spawn_common(pid_t *pidp, const char *file, int search, const posix_spawn_file_actions_t *fa,
    const posix_spawnattr_t *attrp, char *const argv[], char *const envp[])
{
	const struct spawn_attr *a = attrp != NULL ? attrp->__spawn_attrp : NULL;
	const struct file_action *f = fa != NULL ? fa->__file_attrp : NULL;
	const char *path = NULL;
	volatile int error = 0;	/* written by the vfork child */
	char buf[PATH_MAX];
	int argc = 0;
	char **shargs;
	pid_t pid;

	if (attrp != NULL && a == NULL)
		return EINVAL;
	if (search) {
		if (*file == '\0')
			return EACCES;	/* as Solaris */
		if (strchr(file, '/') == NULL) {
			path = getenv("PATH");
			if (path == NULL)
				path = "/bin:/sbin";
		}
	}
	while (argv[argc] != NULL)
		argc++;
	shargs = __builtin_alloca(sizeof(char *) * (size_t)(argc + 2));	/* before vfork, not in the child */

	pid = vfork();
	if (pid != 0)
		return spawn_result(pid, &error, pidp);

	if (a != NULL && (error = do_attrs(a)) != 0)
		_exit(127);
	if (f != NULL && (error = do_file_actions(f)) != 0)
		_exit(127);
	if (path == NULL) {
		execve(file, argv, envp);
		error = errno;
		if (search && errno == ENOEXEC) {
			shargs[0] = "sh";
			shargs[1] = (char *)file;
			memcpy(shargs + 2, argv + 1, sizeof(char *) * (size_t)argc);
			execve("/bin/sh", shargs, envp);
			error = errno;
		}
		_exit(127);
	}
	{
		const char *p = path;
		int seen_eacces = 0;
		do {
			p = path_next(p, file, buf);
			if (buf[0] == '\0')
				continue;
			execve(buf, argv, envp);
			if (errno == ENOEXEC) {
				shargs[0] = "sh";
				shargs[1] = buf;
				memcpy(shargs + 2, argv + 1, sizeof(char *) * (size_t)argc);
				execve("/bin/sh", shargs, envp);
				error = errno;
				_exit(127);
			}
			if (errno == EACCES)
				seen_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR) {
				error = errno;
				_exit(127);
			}
		} while (p != NULL);
		error = seen_eacces ? EACCES : ENOENT;
	}
	_exit(127);
}

int posix_spawn(pid_t *pidp, const char *path, const posix_spawn_file_actions_t *fa,
    const posix_spawnattr_t *attrp, char *const argv[], char *const envp[])
{
	return spawn_common(pidp, path, 0, fa, attrp, argv, envp);
}

int posix_spawnp(pid_t *pidp, const char *file, const posix_spawn_file_actions_t *fa,
    const posix_spawnattr_t *attrp, char *const argv[], char *const envp[])
{
	return spawn_common(pidp, file, 1, fa, attrp, argv, envp);
}

/* ---- file actions */

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	fa->__file_attrp = NULL;
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	struct file_action *f = fa->__file_attrp, *next;

	for (; f != NULL; f = next) {
		next = f->next;
		free(f->path);
		free(f);
	}
	fa->__file_attrp = NULL;
	return 0;
}

static int add_action(posix_spawn_file_actions_t *fa, int type, int fd, int newfd, const char *path, int oflag, mode_t mode)
{
	struct file_action *f, **pp;

	if (fd < 0 || newfd < 0)
		return EBADF;
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return ENOMEM;
	if (path != NULL) {
		f->path = malloc(strlen(path) + 1);
		if (f->path == NULL) {
			free(f);
			return ENOMEM;
		}
		strcpy(f->path, path);
	}
	f->type = type;
	f->fd = fd;
	f->newfd = newfd;
	f->oflag = oflag;
	f->mode = mode;
	for (pp = (struct file_action **)&fa->__file_attrp; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = f;
	return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *fa, int fd, const char *path, int oflag, mode_t mode)
{
	return add_action(fa, FA_OPEN, fd, 0, path, oflag, mode);
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	return add_action(fa, FA_CLOSE, fd, 0, NULL, 0, 0);
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	return add_action(fa, FA_DUP2, fd, newfd, NULL, 0, 0);
}

/* ---- attributes */

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	struct spawn_attr *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return ENOMEM;
	a->policy = SCHED_OTHER;
	attr->__spawn_attrp = a;
	return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	if (attr->__spawn_attrp == NULL)
		return EINVAL;
	free(attr->__spawn_attrp);
	attr->__spawn_attrp = NULL;
	return 0;
}

#define ATTR(attr) ((struct spawn_attr *)(attr)->__spawn_attrp)
#define NEED(attr) do { if (ATTR(attr) == NULL) return EINVAL; } while (0)

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	NEED(attr);
	if (flags & ~ALL_FLAGS)
		return EINVAL;
	ATTR(attr)->flags = flags;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *attr, short *flags)
{
	NEED(attr);
	*flags = ATTR(attr)->flags;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	NEED(attr);
	ATTR(attr)->pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *attr, pid_t *pgroup)
{
	NEED(attr);
	*pgroup = ATTR(attr)->pgroup;
	return 0;
}

int posix_spawnattr_setschedparam(posix_spawnattr_t *attr, const struct sched_param *p)
{
	NEED(attr);
	ATTR(attr)->param = *p;
	return 0;
}

int posix_spawnattr_getschedparam(const posix_spawnattr_t *attr, struct sched_param *p)
{
	NEED(attr);
	*p = ATTR(attr)->param;
	return 0;
}

int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attr, int policy)
{
	NEED(attr);
	if (policy != SCHED_OTHER && policy != SCHED_FIFO && policy != SCHED_RR)
		return EINVAL;
	ATTR(attr)->policy = policy;
	return 0;
}

int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *attr, int *policy)
{
	NEED(attr);
	*policy = ATTR(attr)->policy;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *attr, const sigset_t *s)
{
	NEED(attr);
	ATTR(attr)->sigdefault = *s;
	return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *attr, sigset_t *s)
{
	NEED(attr);
	*s = ATTR(attr)->sigdefault;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *attr, const sigset_t *s)
{
	NEED(attr);
	ATTR(attr)->sigmask = *s;
	return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *attr, sigset_t *s)
{
	NEED(attr);
	*s = ATTR(attr)->sigmask;
	return 0;
}
