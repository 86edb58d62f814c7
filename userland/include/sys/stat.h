/*
 * sys/stat.h — file mode bits, umask(), mkdir() and the stat family with the 32-bit Solaris
 * struct stat (mirrors Solaris <sys/stat.h>, _ILP32, no large files), chmod/fchmod (forkvm records
 * the mode bits; nothing enforces them). Leaves out the *at() forms and stat64.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include <time.h>

/* The 32-bit struct stat (136 bytes); timestamps are zero in forkvm. */
struct stat {
	dev_t st_dev;
	long st_pad1[3];
	ino_t st_ino;
	mode_t st_mode;
	nlink_t st_nlink;
	uid_t st_uid;
	gid_t st_gid;
	dev_t st_rdev;
	long st_pad2[2];
	off_t st_size;
	long st_pad3;
	timestruc_t st_atim;
	timestruc_t st_mtim;
	timestruc_t st_ctim;
	long st_blksize;
	long st_blocks;
	char st_fstype[16];
	long st_pad4[8];
};
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

/* File types in st_mode. */
#define S_IFMT 0xF000
#define S_IFIFO 0x1000
#define S_IFCHR 0x2000
#define S_IFDIR 0x4000
#define S_IFBLK 0x6000
#define S_IFREG 0x8000
#define S_IFLNK 0xA000
#define S_IFSOCK 0xC000
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000
#define S_IREAD S_IRUSR
#define S_IWRITE S_IWUSR
#define S_IEXEC S_IXUSR

/* umask(): sets the file mode creation mask (mask & 0777); the old mask. Inherited by fork and exec. */
mode_t umask(mode_t mask);
/* mkdir(path, mode): a new empty directory (in /tmp or below); 0 or -1 with errno. */
int mkdir(const char *path, mode_t mode);
/* stat/lstat(path, buf), fstat(fd, buf): fill *buf; 0 or -1 with errno. lstat describes a symbolic link itself. */
int stat(const char *path, struct stat *buf);
int lstat(const char *path, struct stat *buf);
int fstat(int fd, struct stat *buf);
/* chmod(path, mode), fchmod(fd, mode): set the permission bits (mode & 07777). */
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);

#endif
