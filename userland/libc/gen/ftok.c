/*
 * ftok.c — a System V IPC key from a path and an id (mirrors Solaris libc's port/gen/ftok.c):
 * the id's low byte, then bits of the file's device and inode number; -1 when stat fails.
 */
#include <sys/ipc.h>
#include <sys/stat.h>

key_t ftok(const char *path, int id)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return (key_t)-1;
	return (key_t)(((id & 0xff) << 24) | ((st.st_dev & 0xfff) << 12) | (st.st_ino & 0xfff));
}
