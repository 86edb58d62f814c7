/*
 * kernel/common/sys/signal.ts — Solaris signal numbers (mirrors uts/common/sys/iso/signal_iso.h and
 * NSIG/MAXSIG from sys/signal.h, 2006: 40 named signals, realtime 41–48) and the wait(2) status
 * word encoders of uts/common/os/exit.c wstat(), with the <sys/wait.h> decoders beside them.
 * Leaves out sigset_t/k_sigset_t, sigaction flags and siginfo codes other than CLD_*.
 */

// Solaris numbers, not Linux's: SIGUSR1 is 16, SIGCHLD 18, SIGSTOP 23, SIGBUS 10.
export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGILL = 4;
export const SIGTRAP = 5;
export const SIGIOT = 6;
export const SIGABRT = 6;
export const SIGEMT = 7;
export const SIGFPE = 8;
export const SIGKILL = 9;
export const SIGBUS = 10;
export const SIGSEGV = 11;
export const SIGSYS = 12;
export const SIGPIPE = 13;
export const SIGALRM = 14;
export const SIGTERM = 15;
export const SIGUSR1 = 16;
export const SIGUSR2 = 17;
export const SIGCLD = 18;
export const SIGCHLD = 18;
export const SIGPWR = 19;
export const SIGWINCH = 20;
export const SIGURG = 21;
export const SIGPOLL = 22;
export const SIGIO = 22;
export const SIGSTOP = 23;
export const SIGTSTP = 24;
export const SIGCONT = 25;
export const SIGTTIN = 26;
export const SIGTTOU = 27;
export const SIGVTALRM = 28;
export const SIGPROF = 29;
export const SIGXCPU = 30;
export const SIGXFSZ = 31;
export const SIGWAITING = 32;
export const SIGLWP = 33;
export const SIGFREEZE = 34;
export const SIGTHAW = 35;
export const SIGCANCEL = 36;
export const SIGLOST = 37;
export const SIGXRES = 38;
export const SIGJVM1 = 39;
export const SIGJVM2 = 40;
/** First and last realtime signal (the kernel's _SIGRTMIN/_SIGRTMAX). */
export const _SIGRTMIN = 41;
export const _SIGRTMAX = 48;
/** Valid signals are 1..NSIG-1; MAXSIG is the highest (sizes u_signal[]). */
export const NSIG = 49;
export const MAXSIG = 48;

// Where two names share a number the first listed is the one sig_name() prints.
const NAMES: readonly string[] = [
  '', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGEMT', 'SIGFPE', 'SIGKILL',
  'SIGBUS', 'SIGSEGV', 'SIGSYS', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGUSR1', 'SIGUSR2', 'SIGCHLD',
  'SIGPWR', 'SIGWINCH', 'SIGURG', 'SIGPOLL', 'SIGSTOP', 'SIGTSTP', 'SIGCONT', 'SIGTTIN', 'SIGTTOU',
  'SIGVTALRM', 'SIGPROF', 'SIGXCPU', 'SIGXFSZ', 'SIGWAITING', 'SIGLWP', 'SIGFREEZE', 'SIGTHAW',
  'SIGCANCEL', 'SIGLOST', 'SIGXRES', 'SIGJVM1', 'SIGJVM2',
];

/**
 * sig_name — the name of signal n: 'SIGCHLD' for 18 (not SIGCLD), 'SIGABRT' for 6, 'SIGPOLL' for
 * 22. Realtime signals are named as Solaris sig2str() does: the lower half 'SIGRTMIN', 'SIGRTMIN+1'
 * ..., the upper half ... 'SIGRTMAX-1', 'SIGRTMAX'. Anything else gives 'signal N'.
 */
export function sig_name(n: number): string {
  if (n >= 1 && n < NAMES.length) return NAMES[n];
  if (n >= _SIGRTMIN && n <= _SIGRTMAX) {
    if (n <= (_SIGRTMIN + _SIGRTMAX) >> 1) return n === _SIGRTMIN ? 'SIGRTMIN' : `SIGRTMIN+${n - _SIGRTMIN}`;
    return n === _SIGRTMAX ? 'SIGRTMAX' : `SIGRTMAX-${_SIGRTMAX - n}`;
  }
  return `signal ${n}`;
}

/** siginfo si_code values for SIGCHLD (sys/siginfo.h); wstat() takes one of them. */
export const CLD_EXITED = 1;
export const CLD_KILLED = 2;
export const CLD_DUMPED = 3;
export const CLD_TRAPPED = 4;
export const CLD_STOPPED = 5;
export const CLD_CONTINUED = 6;

/** wstat_exited — status word of a process that called exit(code): (code & 0377) << 8. */
export function wstat_exited(code: number): number {
  return (code & 0o377) << 8;
}

/** wstat_killed — status word of a process killed by signal sig, without a core dump: sig. */
export function wstat_killed(sig: number): number {
  return sig & 0o177;
}

/** wstat_core — status word of a process killed by sig that dumped core: sig | 0200. */
export function wstat_core(sig: number): number {
  return (sig & 0o177) | 0o200;
}

/**
 * wstat — the status word for a CLD_* code and its datum (exit code or signal), as exit.c
 * wstat() builds it: stopped/trapped give (sig << 8) | 0177, continued gives 0177777.
 * An unknown code is a caller bug and gives 0 (Solaris leaves it at 0 too).
 */
export function wstat(code: number, data: number): number {
  switch (code) {
    case CLD_EXITED: return wstat_exited(data);
    case CLD_KILLED: return wstat_killed(data);
    case CLD_DUMPED: return wstat_core(data);
    case CLD_TRAPPED:
    case CLD_STOPPED: return ((data & 0o377) << 8) | 0o177;
    case CLD_CONTINUED: return 0o177777;
    default: return 0;
  }
}

/** WIFEXITED — the status is that of a normal exit. */
export function WIFEXITED(st: number): boolean { return (st & 0o377) === 0; }
/** WEXITSTATUS — the exit code of a normal exit. */
export function WEXITSTATUS(st: number): number { return (st >> 8) & 0o377; }
/** WIFSIGNALED — the process was killed by a signal (core or not). */
export function WIFSIGNALED(st: number): boolean { return (st & 0o377) > 0 && (st & 0o177400) === 0; }
/** WTERMSIG — the signal that killed it. */
export function WTERMSIG(st: number): number { return st & 0o177; }
/** WCOREDUMP — the killed process dumped core. */
export function WCOREDUMP(st: number): boolean { return (st & 0o200) !== 0; }
/** WIFSTOPPED — the process is stopped (or trapped); WSTOPSIG gives the signal. */
export function WIFSTOPPED(st: number): boolean { return (st & 0o377) === 0o177 && (st & 0o177400) !== 0; }
/** WSTOPSIG — the signal that stopped it. */
export function WSTOPSIG(st: number): number { return (st >> 8) & 0o377; }
/** WIFCONTINUED — the process was continued. */
export function WIFCONTINUED(st: number): boolean { return (st & 0o177777) === 0o177777; }

/**
 * wstat_exit_code — the host exit status `forkvm run` uses for a guest status word: the exit code
 * of a normal exit, 128 + signal for a killed process (as a shell reports it), and 128 + signal
 * for a stopped one too (the CLI never leaves a stopped process behind).
 */
export function wstat_exit_code(st: number): number {
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
  if (WIFSTOPPED(st)) return 128 + WSTOPSIG(st);
  return 128;
}
