/*
 * kernel/common/syscall/syscall_decode.ts — truss-style argument decoding for --trace syscalls:
 * the symbolic names truss prints for clock ids, interval timers, timer flags, memcntl and
 * priocntl commands, waitid idtypes and options, semsys subcodes (semget's key and flags, semctl's
 * command), umask's and mkdir's octal modes, access modes,
 * open's flags and mode, and the path strings of open, exec, execve, chdir, mkdir, rmdir, unlink,
 * access, stat and lstat (quoted, as truss
 * prints them; cf. usr/src/cmd/truss/expound.c and print.c); link, symlink, rename, readlink,
 * chmod/fchmod modes, and fcntl's commands with the struct flock of the lock commands. Calls
 * without a decoder print their words as numbers and addresses.
 */

/** A word as truss shows an untyped argument: small numbers in decimal, addresses in hex. */
export function fmt_arg(a: number): string {
  const v = a | 0;
  return v >= -4096 && v < 65536 ? String(v) : '0x' + (a >>> 0).toString(16);
}

const CLOCKS = ['__CLOCK_REALTIME0', 'CLOCK_VIRTUAL', 'CLOCK_THREAD_CPUTIME_ID', 'CLOCK_REALTIME', 'CLOCK_MONOTONIC',
  'CLOCK_PROCESS_CPUTIME_ID'];
const ITIMERS = ['ITIMER_REAL', 'ITIMER_VIRTUAL', 'ITIMER_PROF'];
const MC = ['0', 'MC_SYNC', 'MC_LOCK', 'MC_UNLOCK', 'MC_ADVISE', 'MC_LOCKAS', 'MC_UNLOCKAS'];
const PC = ['PC_GETCID', 'PC_GETCLINFO', 'PC_SETPARMS', 'PC_GETPARMS', 'PC_ADMIN', 'PC_GETPRIRANGE'];
const IDTYPES = ['P_PID', 'P_PPID', 'P_PGID', 'P_SID', 'P_CID', 'P_UID', 'P_GID', 'P_ALL'];
const WOPTS: [number, string][] = [[0o1, 'WEXITED'], [0o2, 'WTRAPPED'], [0o4, 'WSTOPPED'], [0o10, 'WCONTINUED'],
  [0o100, 'WNOHANG'], [0o200, 'WNOWAIT']];

const SEMSYS = ['SEMCTL', 'SEMGET', 'SEMOP', 'SEMIDS', 'SEMTIMEDOP'];
const SEMCTL_CMDS = ['0', '1', '2', 'GETNCNT', 'GETPID', 'GETVAL', 'GETALL', 'GETZCNT', 'SETVAL', 'SETALL', 'IPC_RMID',
  'IPC_SET', 'IPC_STAT'];
const IPCFLAGS: [number, string][] = [[0o1000, 'IPC_CREAT'], [0o2000, 'IPC_EXCL'], [0o4000, 'IPC_NOWAIT']];

/** semsys's words: the subcode, then semget's key and flags or semctl's command (truss's names). */
function semsys_args(a: string[], args: number[]): void {
  a[0] = named(SEMSYS, args[0]);
  if (args[0] === 1) {
    if (args[1] === 0) a[1] = 'IPC_PRIVATE';
    const f = args[3] >>> 0;
    a[3] = '0' + (f & 0o777).toString(8) + (f & ~0o777 ? '|' + flags(IPCFLAGS, f & ~0o777) : '');
  } else if (args[0] === 0) {
    a[3] = named(SEMCTL_CMDS, args[3]);
  }
}

function named(table: string[], v: number): string { return table[v | 0] ?? fmt_arg(v); }
function flags(bits: [number, string][], v: number): string {
  const names = bits.filter(([b]) => (v & b) !== 0).map(([, n]) => n);
  const rest = v & ~bits.reduce((a, [b]) => a | b, 0);
  if (rest) names.push('0x' + (rest >>> 0).toString(16));
  return names.length ? names.join('|') : '0';
}

const AMODES: [number, string][] = [[4, 'R_OK'], [2, 'W_OK'], [1, 'X_OK']];
const OFLAGS: [number, string][] = [[0x04, 'O_NDELAY'], [0x08, 'O_APPEND'], [0x10, 'O_SYNC'], [0x40, 'O_DSYNC'],
  [0x80, 'O_NONBLOCK'], [0x100, 'O_CREAT'], [0x200, 'O_TRUNC'], [0x400, 'O_EXCL'], [0x800, 'O_NOCTTY']];
const ACCMODES = ['O_RDONLY', 'O_WRONLY', 'O_RDWR', '3'];

/** open's oflag as truss prints it: the access mode, then the other flags (O_RDWR|O_CREAT|O_TRUNC). */
function oflags(v: number): string {
  const rest = v & ~3;
  return ACCMODES[v & 3] + (rest ? '|' + flags(OFLAGS, rest) : '');
}

const FCNTL_CMDS: Record<number, string> = { 0: 'F_DUPFD', 1: 'F_GETFD', 2: 'F_SETFD', 3: 'F_GETFL', 4: 'F_SETFL',
  6: 'F_SETLK', 7: 'F_SETLKW', 9: 'F_DUP2FD', 11: 'F_FREESP', 14: 'F_GETLK' };
const LTYPES = ['0', 'F_RDLCK', 'F_WRLCK', 'F_UNLCK'];
const WHENCE = ['SEEK_SET', 'SEEK_CUR', 'SEEK_END'];

/** A user memory reader for the trace: `len` bytes at uva, and whether they are little-endian (null: unreadable). */
export type TraceMem = (uva: number, len: number) => { dv: DataView; le: boolean } | null;

/** The struct flock at uva as truss -v shows it, after its address. */
function flock_arg(uva: number, mem?: TraceMem): string {
  const m = mem?.(uva, 20);
  const at = '0x' + (uva >>> 0).toString(16);
  if (!m) return at;
  const { dv, le } = m;
  const ty = dv.getInt16(0, le), wh = dv.getInt16(2, le);
  return `${at} {${LTYPES[ty] ?? ty} ${WHENCE[wh] ?? wh} start=${dv.getInt32(4, le)} len=${dv.getInt32(8, le)}}`;
}

/**
 * decode_args — the printed arguments of call `name` (its first narg words). `str(uva)` reads a
 * NUL-terminated string from the caller (null when it cannot): path arguments print quoted, or
 * as the address when unreadable. `mem` reads structures (fcntl's struct flock).
 */
export function decode_args(name: string, args: number[], str?: (uva: number) => string | null, mem?: TraceMem): string[] {
  const a = args.map(fmt_arg);
  const path = (i: number): void => {
    const s = str?.(args[i] >>> 0);
    if (s !== null && s !== undefined) a[i] = JSON.stringify(s);
  };
  switch (name) {
    case 'chdir': case 'rmdir': case 'unlink': case 'stat': case 'lstat': case 'exec': case 'execve': path(0); break;
    case 'open':
      path(0); a[1] = oflags(args[1]);
      if (args[1] & 0x100) a[2] = '0' + (args[2] >>> 0).toString(8);
      break;
    case 'mkdir': case 'chmod': path(0); a[1] = '0' + (args[1] >>> 0).toString(8); break;
    case 'fchmod': a[1] = '0' + (args[1] >>> 0).toString(8); break;
    case 'link': case 'symlink': case 'rename': path(0); path(1); break;
    case 'readlink': path(0); break;
    case 'fcntl':
      a[1] = FCNTL_CMDS[args[1] | 0] ?? fmt_arg(args[1]);
      if ((args[1] | 0) === 6 || (args[1] | 0) === 7 || (args[1] | 0) === 14 || (args[1] | 0) === 11) a[2] = flock_arg(args[2], mem);
      break;
    case 'access': path(0); a[1] = args[1] === 0 ? 'F_OK' : flags(AMODES, args[1]); break;
    case 'clock_gettime': case 'clock_settime': case 'clock_getres': case 'timer_create':
      a[0] = named(CLOCKS, args[0]); break;
    case 'getitimer': case 'setitimer': a[0] = named(ITIMERS, args[0]); break;
    case 'timer_settime': a[1] = args[1] === 1 ? 'TIMER_ABSTIME' : fmt_arg(args[1]); break;
    case 'umask': a[0] = '0' + (args[0] >>> 0).toString(8); break;
    case 'memcntl': a[2] = named(MC, args[2]); break;
    case 'priocntlsys': a[2] = named(PC, args[2]); break;
    case 'waitsys': a[0] = named(IDTYPES, args[0]); a[3] = flags(WOPTS, args[3]); break;
    case 'semsys': semsys_args(a, args); break;
    default: break;
  }
  return a;
}
