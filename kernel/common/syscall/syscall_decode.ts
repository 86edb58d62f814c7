/*
 * kernel/common/syscall/syscall_decode.ts — truss-style argument decoding for --trace syscalls:
 * the symbolic names truss prints for clock ids, interval timers, timer flags, memcntl and
 * priocntl commands, waitid idtypes and options, semsys subcodes (semget's key and flags, semctl's
 * command), umask's and mkdir's octal modes, access modes,
 * open's flags and mode, and the path strings of open, exec, execve, chdir, mkdir, rmdir, unlink,
 * access, stat and lstat (quoted, as truss
 * prints them; cf. usr/src/cmd/truss/expound.c and print.c). Calls without a decoder print their words as numbers and addresses.
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

/**
 * decode_args — the printed arguments of call `name` (its first narg words). `str(uva)` reads a
 * NUL-terminated string from the caller (null when it cannot): path arguments print quoted, or
 * as the address when unreadable.
 */
export function decode_args(name: string, args: number[], str?: (uva: number) => string | null): string[] {
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
    case 'mkdir': path(0); a[1] = '0' + (args[1] >>> 0).toString(8); break;
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
