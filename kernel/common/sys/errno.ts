/*
 * kernel/common/sys/errno.ts — Solaris error numbers (mirrors uts/common/sys/errno.h, 2006), which
 * syscall and VM paths return and the ABI hands to user code in %o0 with the carry set.
 * Leaves out the BSD networking errors (95 and up; no sockets here) and EWOULDBLOCK's alias.
 */

// The values are Solaris's, not Linux's: they differ from 35 on (EDEADLK 45, ENOTSUP 48, ENOSYS 89,
// ERESTART 91 ...). One export per line so that `grep -n ENOSYS` finds the number.

/** Solaris errno values 1–94 (there is no 75 or 76). ERESTART never reaches user code. */
export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const ENOEXEC = 8;
export const EBADF = 9;
export const ECHILD = 10;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const ENOTBLK = 15;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENFILE = 23;
export const EMFILE = 24;
export const ENOTTY = 25;
export const ETXTBSY = 26;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EROFS = 30;
export const EMLINK = 31;
export const EPIPE = 32;
export const EDOM = 33;
export const ERANGE = 34;
export const ENOMSG = 35;
export const EIDRM = 36;
export const ECHRNG = 37;
export const EL2NSYNC = 38;
export const EL3HLT = 39;
export const EL3RST = 40;
export const ELNRNG = 41;
export const EUNATCH = 42;
export const ENOCSI = 43;
export const EL2HLT = 44;
export const EDEADLK = 45;
export const ENOLCK = 46;
export const ECANCELED = 47;
export const ENOTSUP = 48;
export const EDQUOT = 49;
export const EBADE = 50;
export const EBADR = 51;
export const EXFULL = 52;
export const ENOANO = 53;
export const EBADRQC = 54;
export const EBADSLT = 55;
export const EDEADLOCK = 56;
export const EBFONT = 57;
export const EOWNERDEAD = 58;
export const ENOTRECOVERABLE = 59;
export const ENOSTR = 60;
export const ENODATA = 61;
export const ETIME = 62;
export const ENOSR = 63;
export const ENONET = 64;
export const ENOPKG = 65;
export const EREMOTE = 66;
export const ENOLINK = 67;
export const EADV = 68;
export const ESRMNT = 69;
export const ECOMM = 70;
export const EPROTO = 71;
export const ELOCKUNMAPPED = 72;
export const ENOTACTIVE = 73;
export const EMULTIHOP = 74;
export const EBADMSG = 77;
export const ENAMETOOLONG = 78;
export const EOVERFLOW = 79;
export const ENOTUNIQ = 80;
export const EBADFD = 81;
export const EREMCHG = 82;
export const ELIBACC = 83;
export const ELIBBAD = 84;
export const ELIBSCN = 85;
export const ELIBMAX = 86;
export const ELIBEXEC = 87;
export const EILSEQ = 88;
export const ENOSYS = 89;
export const ELOOP = 90;
export const ERESTART = 91;
export const ESTRPIPE = 92;
export const ENOTEMPTY = 93;
export const EUSERS = 94;

const ALL: Record<string, number> = {
  EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC,
  EBADF, ECHILD, EAGAIN, ENOMEM, EACCES, EFAULT, ENOTBLK, EBUSY,
  EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE,
  ENOTTY, ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE,
  EDOM, ERANGE, ENOMSG, EIDRM, ECHRNG, EL2NSYNC, EL3HLT, EL3RST,
  ELNRNG, EUNATCH, ENOCSI, EL2HLT, EDEADLK, ENOLCK, ECANCELED, ENOTSUP,
  EDQUOT, EBADE, EBADR, EXFULL, ENOANO, EBADRQC, EBADSLT, EDEADLOCK,
  EBFONT, EOWNERDEAD, ENOTRECOVERABLE, ENOSTR, ENODATA, ETIME, ENOSR, ENONET,
  ENOPKG, EREMOTE, ENOLINK, EADV, ESRMNT, ECOMM, EPROTO, ELOCKUNMAPPED,
  ENOTACTIVE, EMULTIHOP, EBADMSG, ENAMETOOLONG, EOVERFLOW, ENOTUNIQ, EBADFD, EREMCHG,
  ELIBACC, ELIBBAD, ELIBSCN, ELIBMAX, ELIBEXEC, EILSEQ, ENOSYS, ELOOP,
  ERESTART, ESTRPIPE, ENOTEMPTY, EUSERS,
};

const NAMES: string[] = [];
for (const [name, num] of Object.entries(ALL)) NAMES[num] = name;

/** The largest errno defined here (EUSERS); user-visible errors are 1..ERRNO_MAX. */
export const ERRNO_MAX = EUSERS;

/**
 * errno_name — the symbolic name of an errno ('EAGAIN' for 11), for traces, truss-style output and
 * test messages. 0 gives '0'; a number with no name gives 'errno N'.
 */
export function errno_name(n: number): string {
  if (n === 0) return '0';
  return NAMES[n] ?? `errno ${n}`;
}
