/*
 * shm_open.c — POSIX shared memory objects: shm_open + ftruncate + mmap(MAP_SHARED) gives memory
 * that a fork child shares (stores on either side are seen by the other), that another shm_open
 * of the name maps too, and whose contents outlive every mapping and descriptor until
 * shm_unlink. FD_CLOEXEC is set. Then the errors: EINVAL, ENOENT, EEXIST, ENAMETOOLONG, EACCES.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <time.h>
#include "../fork/ftest.h"

#define NAME "/shm_open_test"
#define SZ 8192

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		continue;
}

int main(void)
{
	volatile int *p, *p2;
	struct stat st;
	char longname[400];
	int fd, fd2, i;
	pid_t pid;

	(void) shm_unlink(NAME);
	fd = shm_open(NAME, O_RDWR | O_CREAT | O_EXCL, 0600);
	ft_check(fd >= 0, "shm_open O_CREAT|O_EXCL", "errno %d", errno);
	ft_check(fcntl(fd, F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC is set", "flags %d", fcntl(fd, F_GETFD));
	ft_check(fstat(fd, &st) == 0 && st.st_size == 0, "a new object is empty", "size %ld", (long)st.st_size);
	ft_check(ftruncate(fd, SZ) == 0 && fstat(fd, &st) == 0 && st.st_size == SZ, "ftruncate to 8192", "size %ld",
	    (long)st.st_size);
	p = mmap(NULL, SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ft_check(p != MAP_FAILED, "mmap MAP_SHARED read/write", "errno %d", errno);
	ft_check(close(fd) == 0, "close: the mapping stays", "errno %d", errno);
	p[0] = 11;
	p[SZ / 4 - 1] = 22;

	pid = fork();
	if (pid == 0) {
		ft_check(p[0] == 11 && p[SZ / 4 - 1] == 22, "child: sees the parent's stores", "%d %d", p[0], p[SZ / 4 - 1]);
		p[1] = 33;
		/* Another open of the name in the child maps the same memory. */
		fd2 = shm_open(NAME, O_RDWR, 0);
		p2 = fd2 >= 0 ? mmap(NULL, SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0) : MAP_FAILED;
		ft_check(p2 != MAP_FAILED && p2[0] == 11, "child: a second shm_open maps the same object", "errno %d", errno);
		if (p2 != MAP_FAILED) {
			p2[2] = 44;
			ft_check(p[2] == 44, "child: both of its mappings are one memory", "%d", p[2]);
			(void) munmap((void *)p2, SZ);
		}
		(void) close(fd2);
		for (i = 0; i < 100 && p[3] != 55; i++)
			nap(10);
		ft_check(p[3] == 55, "child: sees a store the parent made after fork", "%d", p[3]);
		ft_child_exit();
	}
	nap(50);
	p[3] = 55;
	ft_child_ok(pid, "shm_open child");
	ft_check(p[1] == 33 && p[2] == 44, "parent: sees the child's stores", "%d %d", p[1], p[2]);
	ft_check(munmap((void *)p, SZ) == 0, "munmap the last mapping", "errno %d", errno);

	/* Nothing maps or opens it now: the contents are kept until shm_unlink. */
	fd = shm_open(NAME, O_RDONLY, 0);
	p = fd >= 0 ? mmap(NULL, SZ, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
	ft_check(p != MAP_FAILED && p[0] == 11 && p[1] == 33 && p[2] == 44 && p[3] == 55 && p[SZ / 4 - 1] == 22,
	    "reopened: the contents outlived every mapping", "errno %d", errno);
	ft_errno(mmap(NULL, SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED ? -1 : 0, EACCES,
	    "a writable shared mapping of an O_RDONLY object: EACCES");
	if (p != MAP_FAILED)
		(void) munmap((void *)p, SZ);
	(void) close(fd);
	ft_errno(shm_open(NAME, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST, "O_CREAT|O_EXCL on an existing object: EEXIST");
	fd = shm_open(NAME, O_RDWR | O_TRUNC, 0);
	ft_check(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties it", "errno %d", errno);
	(void) close(fd);
	ft_check(shm_unlink(NAME) == 0, "shm_unlink", "errno %d", errno);
	ft_errno(shm_open(NAME, O_RDWR, 0), ENOENT, "shm_open after shm_unlink: ENOENT");
	ft_errno(shm_unlink(NAME), ENOENT, "shm_unlink twice: ENOENT");
	ft_errno(shm_open("noslash", O_RDWR | O_CREAT, 0600), EINVAL, "a name without '/': EINVAL");
	ft_errno(shm_open("/a/b", O_RDWR | O_CREAT, 0600), EINVAL, "a name with a second '/': EINVAL");
	ft_errno(shm_open("/wo", O_WRONLY | O_CREAT, 0600), EINVAL, "O_WRONLY: EINVAL");
	memset(longname, 's', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = 0;
	ft_errno(shm_open(longname, O_RDWR | O_CREAT, 0600), ENAMETOOLONG, "a long name: ENAMETOOLONG");

	/* An unlinked object lives while it is mapped: its contents too, even pages not yet touched. */
	fd = shm_open(NAME, O_RDWR | O_CREAT, 0600);
	i = 77;
	ft_check(fd >= 0 && ftruncate(fd, 4096) == 0 && write(fd, &i, sizeof(i)) == sizeof(i), "create again, write 77",
	    "errno %d", errno);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	(void) close(fd);
	ft_check(p != MAP_FAILED && shm_unlink(NAME) == 0, "unlink while mapped", "errno %d", errno);
	pid = fork();
	if (pid == 0) {
		ft_check(p[0] == 77, "child: the unlinked object's contents are still there", "%d", p[0]);
		p[1] = 99;
		ft_child_exit();
	}
	ft_child_ok(pid, "unlinked-object child");
	ft_check(p[0] == 77 && p[1] == 99, "the mapping still works and is shared", "%d %d", p[0], p[1]);
	(void) munmap((void *)p, 4096);
	return ft_done();
}
