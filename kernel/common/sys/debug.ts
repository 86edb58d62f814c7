/*
 * kernel/common/sys/debug.ts — ASSERT, VERIFY and panic for the hosted kernel (mirrors
 * uts/common/sys/debug.h and the kernel's panic(); panicsys() lives in os/panic.c). A panic is a thrown
 * KernelPanic: the kernel stops, the CLI reports it; there is no crash dump, no panic CPU
 * selection and no dump device. ASSERTs are on unless FORKVM_NDEBUG=1 (see asserts_enabled).
 */

/**
 * KernelPanic — the one exception the kernel throws. `message` starts with "panic: " and names the
 * function that panicked (`panic: cfork: ...`); `func` and `panicstr` hold the pieces separately so
 * the CLI and debugger can show them without re-parsing. Nothing catches it inside the kernel.
 */
export class KernelPanic extends Error {
  /** Name of the kernel function that called panic() (the explicit first argument). */
  readonly func: string;
  /** The formatted panic string without the "panic: func: " prefix (Solaris's panicstr). */
  readonly panicstr: string;

  constructor(func: string, panicstr: string) {
    super(`panic: ${func}: ${panicstr}`);
    this.name = 'KernelPanic';
    this.func = func;
    this.panicstr = panicstr;
  }
}

function env_ndebug(): boolean {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.FORKVM_NDEBUG === '1';
}

// Solaris compiles ASSERT in only for DEBUG kernels; here it is a run-time switch, on by default
// (and therefore in every test run) so that tests exercise the invariants.
let assertsOn = !env_ndebug();

/**
 * asserts_enabled — true when ASSERT checks its condition. Defaults to true; the environment
 * variable FORKVM_NDEBUG=1 (read once at load) turns ASSERT off, like a non-DEBUG Solaris kernel.
 * Hot paths can test this before computing an expensive condition.
 */
export function asserts_enabled(): boolean {
  return assertsOn;
}

/**
 * set_asserts — switch ASSERT on or off at run time (the CLI or a benchmark may turn it off);
 * returns the previous setting so a caller can restore it. VERIFY is not affected.
 */
export function set_asserts(on: boolean): boolean {
  const prev = assertsOn;
  assertsOn = on;
  return prev;
}

/** A message, or a function building it (called only on failure, to keep hot paths cheap). */
export type AssertMsg = string | (() => string);

function msgText(msg: AssertMsg | undefined): string {
  if (msg === undefined) return 'assertion failed';
  return `assertion failed: ${typeof msg === 'function' ? msg() : msg}`;
}

/**
 * ASSERT — check a kernel invariant when asserts are enabled (see asserts_enabled); when they are
 * off the condition is ignored (it is still evaluated by JavaScript, so keep it side-effect free).
 * A false condition panics: KernelPanic('ASSERT', 'assertion failed: msg').
 */
export function ASSERT(cond: unknown, msg?: AssertMsg): void {
  if (assertsOn && !cond) throw new KernelPanic('ASSERT', msgText(msg));
}

/**
 * VERIFY — like ASSERT but always checked, whatever the ASSERT setting; for invariants whose
 * failure would corrupt state that outlives the check. Narrows `cond` for the type checker.
 */
export function VERIFY(cond: unknown, msg?: AssertMsg): asserts cond {
  if (!cond) throw new KernelPanic('VERIFY', msgText(msg));
}

/**
 * panic — stop the kernel: throws KernelPanic whose message is `panic: <func>: <text>`. `func` is
 * the calling kernel function's name, given explicitly (`panic('cfork', 'no lwps')`). `fmt` accepts
 * the cmn_err-style conversions %s %d %u %x %p %%; extra arguments are appended with spaces.
 */
export function panic(func: string, fmt: string, ...args: unknown[]): never {
  throw new KernelPanic(func, kformat(fmt, args));
}

/**
 * kformat — the small printf used by panic (and usable by kernel messages): %s (String), %d
 * (signed decimal), %u (unsigned 32-bit decimal), %x (unsigned 32-bit hex), %p (0x + 8 hex digits),
 * %% (a percent sign). Missing arguments print as "?"; extra ones are appended, space-separated.
 */
export function kformat(fmt: string, args: readonly unknown[]): string {
  let i = 0;
  let out = fmt.replace(/%([sduxp%])/g, (_m, c: string) => {
    if (c === '%') return '%';
    if (i >= args.length) return '?';
    const a = args[i++];
    switch (c) {
      case 's': return String(a);
      case 'd': return String(typeof a === 'number' ? Math.trunc(a) : a);
      case 'u': return typeof a === 'number' ? String(a >>> 0) : String(a);
      case 'x': return typeof a === 'number' ? (a >>> 0).toString(16) : String(a);
      default: return typeof a === 'number' ? '0x' + (a >>> 0).toString(16).padStart(8, '0') : String(a);
    }
  });
  for (; i < args.length; i++) out += ' ' + String(args[i]);
  return out;
}
