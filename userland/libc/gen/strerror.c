/*
 * strerror.c — error message texts as Solaris prints them (mirrors the message table behind
 * Solaris libc's strerror(), reproduced from its observable output, e.g. "Not owner" for EPERM).
 * Numbers without an entry give "Unknown error".
 */
#include <string.h>
#include <errno.h>

static const char *const messages[] = {
	[0] = "Error 0",
	[EPERM] = "Not owner",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "I/O error",
	[ENXIO] = "No such device or address",
	[E2BIG] = "Arg list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file number",
	[ECHILD] = "No child processes",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Not enough space",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[ENOTBLK] = "Block device required",
	[EBUSY] = "Device busy",
	[EEXIST] = "File exists",
	[EXDEV] = "Cross-device link",
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "File table overflow",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate ioctl for device",
	[ETXTBSY] = "Text file busy",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system",
	[EMLINK] = "Too many links",
	[EPIPE] = "Broken pipe",
	[EDOM] = "Argument out of domain",
	[ERANGE] = "Result too large",
	[ENOMSG] = "No message of desired type",
	[EIDRM] = "Identifier removed",
	[EDEADLK] = "Deadlock situation detected/avoided",
	[ENOLCK] = "No record locks available",
	[ECANCELED] = "Operation canceled",
	[ENOTSUP] = "Operation not supported",
	[EDQUOT] = "Disc quota exceeded",
	[ENAMETOOLONG] = "File name too long",
	[EOVERFLOW] = "Value too large for defined data type",
	[EILSEQ] = "Illegal byte sequence",
	[ENOSYS] = "Operation not applicable",
	[ELOOP] = "Number of symbolic links encountered during path name traversal exceeds MAXSYMLINKS",
	[ERESTART] = "Restartable system call",
	[ENOTEMPTY] = "Directory not empty",
	[EMSGSIZE] = "Message too long",
	[EOPNOTSUPP] = "Operation not supported on transport endpoint",
	[ETIMEDOUT] = "Connection timed out",
	[ETIME] = "Timer expired",
	[EALREADY] = "Operation already in progress",
	[EINPROGRESS] = "Operation now in progress",
};

/* strerror(): a static string; never NULL. */
char *strerror(int errnum)
{
	if (errnum >= 0 && errnum < (int)(sizeof(messages) / sizeof(messages[0])) && messages[errnum])
		return (char *)messages[errnum];
	return (char *)"Unknown error";
}
