/*
 * sys/stat.h — file mode bits and umask() (mirrors the parts of Solaris <sys/stat.h> the kernel
 * serves so far). Leaves out struct stat and the stat family.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>

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

/* umask(): sets the file mode creation mask (mask & 0777); the old mask. Inherited by fork and exec. */
mode_t umask(mode_t mask);

#endif
